import { COHORT_SUMMARY_SHEET } from './cohortSheetName';
import type { UnrecognisedEntry } from '../coverage/coverage';
import { uniqueTableName } from '../grid/trackerSheet';
import { normaliseLabel } from '../grid/layout';
import { cellText } from '../grid/readGrid';
import type { Rows } from '../grid/gridTypes';
import { editsFromSlots } from '../workbook/structuralEdits';
import { address, emptySheet, quoteSheet, type CellStyle, type ChartPlan, type PlanValue, type SheetPlan } from '../workbook/plan';
import { serialToIsoDate, ukDate, type RawCell } from '../workbook/sheetValues';
import { PALETTE } from '../grid/headerBlock';
import { statusWord, UNIT_STATUS, type StatusWord } from '../coverage/unitStatus';
import { creditsStillNeeded, rulesText, type Cohort, type CohortCandidate, type CohortUnit } from './cohortRead';


const text = (v: RawCell | undefined): string => cellText(v ?? null);

/*
 * The cohort's report (`cohort --json`, `--csv`) and its summary sheet. The summary sheet is LIVE
 * when the grids are in the same workbook (formulas over each grid's status and coverage cells, so
 * it stays true as assessors tick) and VALUES when it summarises other files. Reading the cohort
 * (every candidate's grids, in either layout): cohortRead.ts, re-exported here.
 */

export * from './cohortRead';
// ---------------------------------------------------------------------------------------------
// The `cohort --json` and `--csv` contracts.

export type { StatusWord } from '../coverage/unitStatus';

export interface CohortReport {
  candidates: {
    candidate: string;
    /** Present when the sheets carry a candidate id. */
    candidateId?: string;
    assessor: string;
    qualification: string;
    file?: string;
    units: { unit: string; status: StatusWord; coverage: number; sheet: string; unrecognised: UnrecognisedEntry[] }[];
    credits: number;
    creditsStillNeeded: number | null;
    rules: { met: boolean; unmet: string[]; cannotCheck: string[] };
    lastEvidenceDate: string | null;
  }[];
}

function lastDate(c: CohortCandidate): number | null {
  const dates = c.units.map((u) => u.lastEvidenceDate).filter((d): d is number => d !== null);
  return dates.length > 0 ? Math.max(...dates) : null;
}

export function cohortReport(cohort: Cohort): CohortReport {
  return {
    candidates: cohort.candidates.map((c) => {
      const last = lastDate(c);
      return {
        candidate: c.candidate,
        ...(c.candidateId !== undefined ? { candidateId: c.candidateId } : {}),
        assessor: c.assessor,
        qualification: c.qualification,
        ...(c.file !== undefined ? { file: c.file } : {}),
        units: c.units.map((u) => ({ unit: u.unit, status: statusWord(u.status), coverage: u.coverage, sheet: u.sheet, unrecognised: u.unrecognised })),
        credits: c.credits,
        creditsStillNeeded: creditsStillNeeded(c),
        rules: { met: c.rules.met, unmet: c.rules.unmet, cannotCheck: c.rules.cannotCheck },
        lastEvidenceDate: last === null ? null : serialToIsoDate(last),
      };
    }),
  };
}

export const COHORT_CSV_HEADER = ['file', 'candidate', 'assessor', 'qualification', 'unit', 'title', 'unit assessor', 'status', 'coverage', 'credits', 'credits still needed', 'rules met', 'last evidence date'] as const;

/** A CSV field: quoted where needed; text a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per candidate x unit (a candidate with no readable grid gets one row with blank unit fields). */
export function cohortCsv(cohort: Cohort): string {
  const lines = [COHORT_CSV_HEADER.join(',')];
  for (const c of cohort.candidates) {
    const last = lastDate(c);
    const common = (u: CohortUnit | undefined) => [
      c.file ?? null,
      c.candidate,
      c.assessor,
      c.qualification,
      u?.unit ?? null,
      u?.title ?? null,
      u?.assessor ?? null,
      u ? statusWord(u.status) : null,
      u ? u.coverage : null,
      c.credits,
      creditsStillNeeded(c),
      c.rules.met,
      last === null ? null : serialToIsoDate(last),
    ];
    const units = c.units.length > 0 ? c.units : [undefined];
    for (const u of units) lines.push(common(u).map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// The summary sheet.

export { COHORT_SUMMARY_SHEET };
export const COHORT_TITLE = 'Cohort summary';
/**
 *   row 0  title              row 3  unit titles (over each unit's two columns)
 *   row 1  live / values note row 4  unit credits (under each unit's status column)
 *   row 2  rules note         row 5  table header; rows 6.. one row per candidate (an Excel table)
 *   below: completion by unit and completion by assessor (tables with data bars)
 */
export const COHORT_ROWS = { title: 0, note: 1, rulesNote: 2, unitTitles: 3, credits: 4, header: 5, first: 6 } as const;

export const COHORT_LABELS = {
  candidate: 'Candidate',
  assessor: 'Assessor',
  // Not "Qualification" or "Unit": a grid's header-block labels would make readers take this sheet for a grid.
  qualification: 'Qualification code',
  unitsPlanned: 'Units planned',
  unitsComplete: 'Units complete',
  creditsAchieved: 'Credits achieved',
  creditsNeeded: 'Credits still needed',
  rules: 'Rules of combination (at last build)',
  lastEvidence: 'Last evidence date',
  file: 'File',
  unitTitle: 'Unit title',
  credit: 'Credit',
  byUnit: 'Completion by unit',
  byAssessor: 'Completion by assessor',
} as const;

export const NO_MINIMUM = 'no minimum stated';

export interface CohortSummaryOptions {
  /** live: formulas over the grids in the same workbook; values: figures as read (other files). */
  mode: 'live' | 'values';
  sheetName?: string;
  /** ISO date the summary was made, for the notes. */
  asOf?: string;
  /** Table names already in the workbook (compared ignoring case). */
  takenTableNames?: Iterable<string>;
  /**
   * The summary sheet as it is (its values): given, and laid out as this builds it, the sheet is
   * updated in place (rows inserted and deleted for candidates, units and assessors that come or
   * go), so formulas elsewhere pointing at a candidate's row keep pointing at it.
   */
  previous?: Rows;
}

/** Where an old summary this product built has its three tables, or null when it is not laid out as ours. */
function oldSummaryShape(values: Rows): { last: number; uFirst: number; uLast: number; aFirst: number; aLast: number; width: number } | null {
  const label = (r: number) => normaliseLabel(values[r]?.[0] ?? null);
  if (label(COHORT_ROWS.title) !== normaliseLabel(COHORT_TITLE)) return null;
  const header = values[COHORT_ROWS.header] ?? [];
  const fixed = [COHORT_LABELS.candidate, COHORT_LABELS.assessor, COHORT_LABELS.qualification];
  if (!fixed.every((l, c) => normaliseLabel(header[c] ?? null) === normaliseLabel(l))) return null;
  const find = (from: number, wanted: string) => {
    for (let r = from; r < values.length; r++) if (label(r) === normaliseLabel(wanted)) return r;
    return -1;
  };
  const uTitle = find(COHORT_ROWS.first + 2, COHORT_LABELS.byUnit);
  if (uTitle < 0) return null;
  const aTitle = find(uTitle + 4, COHORT_LABELS.byAssessor);
  if (aTitle < 0) return null;
  let aLast = aTitle + 2;
  while (aLast + 1 < values.length && label(aLast + 1) !== '') aLast++;
  let width = header.length;
  while (width > 0 && text(header[width - 1]) === '') width--;
  return { last: uTitle - 2, uFirst: uTitle + 2, uLast: aTitle - 2, aFirst: aTitle + 2, aLast, width };
}

/** A unit column pair of the summary: one per distinct (qualification, unit) in the cohort. */
export interface SummaryUnitColumn {
  qualification: string;
  unit: string;
  title: string;
  credit: number | null;
  /** Zero-based column of its status; coverage is the next. */
  col: number;
}

export interface BuiltCohortSummary {
  sheet: SheetPlan;
  tableName: string;
  unitsTableName: string;
  assessorsTableName: string;
  unitColumns: SummaryUnitColumn[];
  /** Zero-based column of each fixed field. */
  columns: Record<'candidate' | 'assessor' | 'qualification' | 'unitsPlanned' | 'unitsComplete' | 'creditsAchieved' | 'creditsNeeded' | 'rules' | 'lastEvidence', number> & { file?: number };
  /** Zero-based sheet row of each candidate, in cohort order. */
  candidateRows: number[];
  unitsTable: { headerRow: number; firstRow: number; lastRow: number };
  assessorsTable: { headerRow: number; firstRow: number; lastRow: number };
}

/** Names of the summary's two charts (completion by unit, by assessor). */
export const COHORT_CHARTS = { byUnit: 'CompletionByUnit', byAssessor: 'CompletionByAssessor' } as const;
/** Charts start in column J (right of the by-unit table's eight columns and a gap), 8 columns wide, at least 16 rows tall. */
const CHART_FIRST_COL = 9;
const CHART_COLS = 8;
const CHART_ROWS = 15;

const { green: GREEN, greenText: GREEN_TEXT, amber: AMBER, amberText: AMBER_TEXT, red: RED, redText: RED_TEXT } = PALETTE;
const DATE_FORMAT = 'dd/mm/yyyy';

function summaryUnitColumns(cohort: Cohort, firstCol: number): SummaryUnitColumn[] {
  const qualifications: string[] = [];
  const seen = new Map<string, Omit<SummaryUnitColumn, 'col'> & { order: number }>();
  for (const c of cohort.candidates) {
    if (!qualifications.includes(c.qualification)) qualifications.push(c.qualification);
    for (const u of c.units) {
      const key = `${c.qualification}\u0000${u.unit}`;
      if (!seen.has(key)) seen.set(key, { qualification: c.qualification, unit: u.unit, title: u.title, credit: u.credit, order: u.order });
    }
  }
  return [...seen.values()]
    .sort((a, b) => qualifications.indexOf(a.qualification) - qualifications.indexOf(b.qualification) || a.order - b.order)
    .map(({ order: _order, ...rest }, i) => ({ ...rest, col: firstCol + 2 * i }));
}

/**
 * The cohort summary sheet (role 'cohort'): candidates down, units across (status and coverage),
 * per candidate units complete, credits achieved and still needed, rules (text, at last build),
 * last evidence date and assessor; then completion by unit and by assessor with data bars and a native chart each (the .xlsx adapter cannot write charts and skips them).
 */
export function buildCohortSummary(cohort: Cohort, options: CohortSummaryOptions): BuiltCohortSummary {
  const live = options.mode === 'live';
  const sheet = emptySheet(options.sheetName ?? COHORT_SUMMARY_SHEET, 'cohort');
  const rows: PlanValue[][] = [];
  const set = (r: number, c: number, v: PlanValue) => ((rows[r] ??= [])[c] = v);

  const fixedBefore = { candidate: 0, assessor: 1, qualification: 2 };
  const unitColumns = summaryUnitColumns(cohort, 3);
  const manyQualifications = new Set(unitColumns.map((u) => u.qualification)).size > 1;
  const afterUnits = 3 + 2 * unitColumns.length;
  const withFile = !live && cohort.candidates.some((c) => c.file !== undefined);
  const columns: BuiltCohortSummary['columns'] = {
    ...fixedBefore,
    unitsPlanned: afterUnits,
    unitsComplete: afterUnits + 1,
    creditsAchieved: afterUnits + 2,
    creditsNeeded: afterUnits + 3,
    rules: afterUnits + 4,
    lastEvidence: afterUnits + 5,
    ...(withFile ? { file: afterUnits + 6 } : {}),
  };
  const width = afterUnits + (withFile ? 7 : 6);
  const first = COHORT_ROWS.first;
  const count = cohort.candidates.length;
  // The candidates' rows: in place, the old rows in their order (a candidate no longer in the cohort
  // loses its row) and a new candidate after the one before it in the cohort.
  const shape = options.previous ? oldSummaryShape(options.previous) : null;
  let lines: { candidate: number | null; old: number | null }[] = cohort.candidates.map((_, i) => ({ candidate: i, old: null }));
  if (shape) {
    const old = options.previous!;
    const key = (name: RawCell | undefined, q: RawCell | undefined) => `${normaliseLabel(name ?? null)}|${normaliseLabel(q ?? null)}`;
    const byKey = new Map(cohort.candidates.map((c, i) => [key(c.candidate, c.qualification), i]));
    const placed = new Set<number>();
    lines = [];
    for (let r = first; r <= shape.last; r++) {
      const i = byKey.get(key(old[r]?.[fixedBefore.candidate], old[r]?.[fixedBefore.qualification]));
      if (i === undefined || placed.has(i)) continue;
      placed.add(i);
      lines.push({ candidate: i, old: r });
    }
    cohort.candidates.forEach((_, i) => {
      if (placed.has(i)) return;
      let at = -1;
      for (let j = i - 1; j >= 0 && at < 0; j--) at = lines.findIndex((l) => l.candidate === j);
      lines.splice(at + 1, 0, { candidate: i, old: null });
      placed.add(i);
    });
  }
  const rowOfCandidate = new Map(lines.map((l, k) => [l.candidate, first + k]));
  const last = first + Math.max(count, 1) - 1;
  const asOf = options.asOf ? ` on ${ukDate(options.asOf)}` : ''; // dd/mm/yyyy, as users read dates

  set(COHORT_ROWS.title, 0, COHORT_TITLE);
  set(
    COHORT_ROWS.note,
    0,
    live
      ? "Live: each unit's status and coverage, units complete, credits and last evidence date are formulas over the candidates' grid sheets in this workbook, so they stay true as assessors record evidence."
      : `Values as read${asOf} from ${new Set(cohort.candidates.map((c) => c.file ?? '')).size} workbook(s): they do not change as the grids change. Run vq-matrix cohort again (or add a live summary to a cohort workbook with --in-place) for current figures.`,
  );
  set(COHORT_ROWS.rulesNote, 0, `Rules of combination are judged on the complete units when this sheet was built${asOf}; rebuild it to refresh them.`);
  set(COHORT_ROWS.unitTitles, 0, COHORT_LABELS.unitTitle);
  set(COHORT_ROWS.credits, 0, COHORT_LABELS.credit);

  // Header row (the table's column names: text, unique).
  const h = COHORT_ROWS.header;
  set(h, columns.candidate, COHORT_LABELS.candidate);
  set(h, columns.assessor, COHORT_LABELS.assessor);
  set(h, columns.qualification, COHORT_LABELS.qualification);
  for (const u of unitColumns) {
    const label = manyQualifications ? `${u.qualification} ${u.unit}` : u.unit;
    set(h, u.col, `${label} status`);
    set(h, u.col + 1, `${label} coverage`);
    set(COHORT_ROWS.unitTitles, u.col, `${label} ${u.title}`);
    set(COHORT_ROWS.credits, u.col, u.credit);
    sheet.merges.push({ row: COHORT_ROWS.unitTitles, col: u.col, endCol: u.col + 1 });
  }
  set(h, columns.unitsPlanned, COHORT_LABELS.unitsPlanned);
  set(h, columns.unitsComplete, COHORT_LABELS.unitsComplete);
  set(h, columns.creditsAchieved, COHORT_LABELS.creditsAchieved);
  set(h, columns.creditsNeeded, COHORT_LABELS.creditsNeeded);
  set(h, columns.rules, COHORT_LABELS.rules);
  set(h, columns.lastEvidence, COHORT_LABELS.lastEvidence);
  if (columns.file !== undefined) set(h, columns.file, COHORT_LABELS.file);

  // One row per candidate.
  const firstUnitCol = 3;
  const lastUnitCol = Math.max(firstUnitCol, afterUnits - 1);
  const A = (r: number, c: number, abs = false) => address({ row: r, col: c }, abs);
  const candidateRows: number[] = [];
  cohort.candidates.forEach((c, i) => {
    const r = rowOfCandidate.get(i)!;
    candidateRows.push(r);
    set(r, columns.candidate, c.candidate);
    set(r, columns.assessor, c.assessor);
    set(r, columns.qualification, c.qualification);
    for (const u of c.units) {
      const col = unitColumns.find((x) => x.qualification === c.qualification && x.unit === u.unit)!.col;
      if (live) {
        set(r, col, { formula: `=${quoteSheet(u.sheet)}!$E$5` });
        set(r, col + 1, { formula: `=${quoteSheet(u.sheet)}!$E$6` });
      } else {
        set(r, col, u.status);
        set(r, col + 1, u.detailed ? u.coverage : null);
      }
    }
    set(r, columns.unitsPlanned, c.units.length);
    const unitsRow = address({ row: r, col: firstUnitCol, endCol: lastUnitCol });
    const creditsRow = address({ row: COHORT_ROWS.credits, col: firstUnitCol, endCol: lastUnitCol }, true);
    set(r, columns.unitsComplete, { formula: `=COUNTIF(${unitsRow},"${UNIT_STATUS.complete}")` });
    set(r, columns.creditsAchieved, { formula: `=SUMIFS(${creditsRow},${unitsRow},"${UNIT_STATUS.complete}")` });
    set(r, columns.creditsNeeded, c.minimumCredits === null ? NO_MINIMUM : { formula: `=MAX(0,${c.minimumCredits}-${A(r, columns.creditsAchieved)})` });
    set(r, columns.rules, rulesText(c.rules));
    if (live) {
      const ranges = c.units.filter((u) => u.dateRange !== null).map((u) => `${quoteSheet(u.sheet)}!${u.dateRange}`);
      const max = `MAX(${ranges.join(',')})`;
      set(r, columns.lastEvidence, ranges.length > 0 ? { formula: `=IF(${max}=0,"",${max})` } : null);
    } else {
      const d = lastDate(c);
      set(r, columns.lastEvidence, d === null ? null : { date: serialToIsoDate(d) });
    }
    if (columns.file !== undefined) set(r, columns.file, c.file ?? null);
  });

  // Completion by unit: counts over each status column, completion and mean coverage with data bars.
  const uTitle = last + 2;
  const uHeader = uTitle + 1;
  const uFirst = uHeader + 1;
  const uLast = uFirst + Math.max(unitColumns.length, 1) - 1;
  set(uTitle, 0, COHORT_LABELS.byUnit);
  const unitHeaders = ['Unit code', 'Unit title', 'Candidates', 'Complete', 'In progress', 'Not started', 'Completion', 'Average coverage'];
  unitHeaders.forEach((x, c) => set(uHeader, c, x));
  unitColumns.forEach((u, i) => {
    const r = uFirst + i;
    const status = address({ row: first, col: u.col, endRow: last }, true);
    const coverage = address({ row: first, col: u.col + 1, endRow: last }, true);
    set(r, 0, manyQualifications ? `${u.qualification} ${u.unit}` : u.unit);
    set(r, 1, u.title);
    set(r, 2, { formula: `=COUNTIF(${status},"?*")` });
    set(r, 3, { formula: `=COUNTIF(${status},"${UNIT_STATUS.complete}")` });
    set(r, 4, { formula: `=COUNTIF(${status},"${UNIT_STATUS.inProgress}")` });
    set(r, 5, { formula: `=COUNTIF(${status},"${UNIT_STATUS.notStarted}")` });
    set(r, 6, { formula: `=IF(${A(r, 2)}=0,0,${A(r, 3)}/${A(r, 2)})` });
    set(r, 7, { formula: `=IF(${A(r, 2)}=0,0,SUMIF(${status},"?*",${coverage})/${A(r, 2)})` });
  });

  // Completion by assessor (the candidate's assessor, as in the Assessor column).
  const assessors = [...new Set(cohort.candidates.map((c) => c.assessor))].sort((a, b) => a.localeCompare(b));
  const aTitle = uLast + 2;
  const aHeader = aTitle + 1;
  const aFirst = aHeader + 1;
  const aLast = aFirst + Math.max(assessors.length, 1) - 1;
  set(aTitle, 0, COHORT_LABELS.byAssessor);
  ['Assessor', 'Candidates', 'Units planned', 'Units complete', 'Completion'].forEach((x, c) => set(aHeader, c, x));
  const col = (c: number) => address({ row: first, col: c, endRow: last }, true);
  assessors.forEach((name, i) => {
    const r = aFirst + i;
    const match = `(${col(columns.assessor)}=${A(r, 0)})`;
    set(r, 0, name === '' ? '(no assessor named)' : name);
    // SUMPRODUCT, not COUNTIF: a name is compared as text, never as a pattern ("*", "?", "<").
    const who = name === '' ? `(${col(columns.assessor)}="")` : match;
    set(r, 1, { formula: `=SUMPRODUCT(${who}*1)` });
    set(r, 2, { formula: `=SUMPRODUCT(${who}*${col(columns.unitsPlanned)})` });
    set(r, 3, { formula: `=SUMPRODUCT(${who}*${col(columns.unitsComplete)})` });
    set(r, 4, { formula: `=IF(${A(r, 2)}=0,0,${A(r, 3)}/${A(r, 2)})` });
  });

  const lastRow = Math.max(aLast, aHeader + 1);
  // In place, every cell the old summary used is written too (blank where nothing is planned now).
  const tableWidth = Math.max(width, unitHeaders.length, shape?.width ?? 0, shape ? 8 : 0);
  if (shape) {
    // Each table grows or shrinks at its end; the rows between them stay.
    const slots: (number | null)[] = [];
    const rel = (r: number) => r - first;
    if (lines.length === 0) slots.push(null);
    for (const l of lines) slots.push(l.old === null ? null : rel(l.old));
    const span = (oldFirst: number, oldLast: number, count: number) => {
      for (let j = 0; j < count; j++) slots.push(oldFirst + j <= oldLast ? rel(oldFirst + j) : null);
    };
    span(shape.last + 1, shape.uFirst - 1, 3); // blank row, title, header
    span(shape.uFirst, shape.uLast, uLast - uFirst + 1);
    span(shape.uLast + 1, shape.aFirst - 1, 3);
    span(shape.aFirst, shape.aLast, aLast - aFirst + 1);
    const edits = editsFromSlots('rows', rel(shape.aLast) + 1, slots).map((e) => ({ ...e, at: e.at + first }));
    sheet.rebuild = { edits, keep: [] };
  }
  sheet.blocks.push({
    row: 0,
    col: 0,
    values: Array.from({ length: lastRow + 1 }, (_, r) => Array.from({ length: tableWidth }, (_, c) => rows[r]?.[c] ?? null)),
  });

  // Tables (filterable: the sampled candidates are one values filter on Candidate away).
  const taken = [...(options.takenTableNames ?? [])];
  const tableName = uniqueTableName('CohortSummary', taken);
  const unitsTableName = uniqueTableName('CohortUnits', [...taken, tableName]);
  const assessorsTableName = uniqueTableName('CohortAssessors', [...taken, tableName, unitsTableName]);
  sheet.tables.push(
    { name: tableName, range: { row: h, col: 0, endRow: last, endCol: width - 1 }, style: 'TableStyleMedium2', showFilter: true },
    { name: unitsTableName, range: { row: uHeader, col: 0, endRow: uLast, endCol: unitHeaders.length - 1 }, style: 'TableStyleLight9', showFilter: true },
    { name: assessorsTableName, range: { row: aHeader, col: 0, endRow: aLast, endCol: 4 }, style: 'TableStyleLight9', showFilter: true },
  );

  // Look.
  const style = (row: number, c: number, endRow: number, endCol: number, s: CellStyle) => sheet.styles.push({ range: { row, col: c, endRow, endCol }, style: s });
  style(0, 0, 0, 0, { bold: true, fontSize: 14 });
  style(COHORT_ROWS.note, 0, COHORT_ROWS.rulesNote, 0, { italic: true });
  style(COHORT_ROWS.unitTitles, 0, COHORT_ROWS.credits, 0, { bold: true });
  if (unitColumns.length > 0) {
    style(COHORT_ROWS.unitTitles, firstUnitCol, COHORT_ROWS.unitTitles, lastUnitCol, { wrap: true, fontSize: 9, vertical: 'top', horizontal: 'center' });
    style(COHORT_ROWS.credits, firstUnitCol, COHORT_ROWS.credits, lastUnitCol, { horizontal: 'center', fontSize: 9 });
    for (const u of unitColumns) style(first, u.col + 1, last, u.col + 1, { numberFormat: '0%' });
    style(first, firstUnitCol, last, lastUnitCol, { horizontal: 'center' });
  }
  style(h, 0, h, width - 1, { bold: true, wrap: true, vertical: 'bottom' });
  style(first, columns.candidate, last, columns.candidate, { bold: true });
  style(first, columns.rules, last, columns.rules, { wrap: true, fontSize: 9 });
  style(first, columns.lastEvidence, last, columns.lastEvidence, { numberFormat: DATE_FORMAT });
  style(uTitle, 0, uTitle, 0, { bold: true, fontSize: 12 });
  style(aTitle, 0, aTitle, 0, { bold: true, fontSize: 12 });
  style(uHeader, 0, uHeader, unitHeaders.length - 1, { bold: true, wrap: true });
  style(aHeader, 0, aHeader, 4, { bold: true, wrap: true });
  style(uFirst, 6, uLast, 7, { numberFormat: '0%' });
  style(aFirst, 4, aLast, 4, { numberFormat: '0%' });
  sheet.columnWidths.push({ col: 0, width: 24 }, { col: 1, width: 18 }, { col: 2, width: 16 });
  for (const u of unitColumns) sheet.columnWidths.push({ col: u.col, width: 12 }, { col: u.col + 1, width: 10 });
  sheet.columnWidths.push(
    { col: columns.unitsPlanned, width: 9 },
    { col: columns.unitsComplete, width: 9 },
    { col: columns.creditsAchieved, width: 9 },
    { col: columns.creditsNeeded, width: 10 },
    { col: columns.rules, width: 50 },
    { col: columns.lastEvidence, width: 12 },
  );
  if (columns.file !== undefined) sheet.columnWidths.push({ col: columns.file, width: 28 });
  sheet.rowHeights.push({ row: COHORT_ROWS.unitTitles, height: 48 });

  // Progress at a glance: complete green, in progress amber, not started red; coverage as data bars.
  if (unitColumns.length > 0 && count > 0) {
    const block = { row: first, col: firstUnitCol, endRow: last, endCol: lastUnitCol };
    const topLeft = address({ row: first, col: firstUnitCol });
    sheet.conditionalFormats.push(
      { range: block, formula: `=${topLeft}="${UNIT_STATUS.complete}"`, style: { fill: GREEN, fontColor: GREEN_TEXT, bold: true } },
      { range: block, formula: `=${topLeft}="${UNIT_STATUS.inProgress}"`, style: { fill: AMBER, fontColor: AMBER_TEXT } },
      { range: block, formula: `=${topLeft}="${UNIT_STATUS.notStarted}"`, style: { fill: RED, fontColor: RED_TEXT } },
    );
    // One bar range over every unit's coverage column (status text is not a number, so bars skip it): one scale for all units.
    sheet.dataBars.push({ range: block, color: '#63BE7B' });
  }
  if (unitColumns.length > 0) sheet.dataBars.push({ range: { row: uFirst, col: 6, endRow: uLast, endCol: 7 }, color: '#5B9BD5' });
  if (assessors.length > 0) sheet.dataBars.push({ range: { row: aFirst, col: 4, endRow: aLast }, color: '#5B9BD5' });

  // The same completion as native charts, side by side to the right of the two tables.
  const charts: ChartPlan[] = [];
  const chartTop = uTitle;
  if (unitColumns.length > 0) {
    charts.push({
      name: COHORT_CHARTS.byUnit,
      type: 'barClustered',
      title: 'Completion by unit',
      categories: { row: uFirst, col: 0, endRow: uLast },
      series: [
        { name: 'Completion', values: { row: uFirst, col: 6, endRow: uLast } },
        { name: 'Average coverage', values: { row: uFirst, col: 7, endRow: uLast } },
      ],
      position: { row: chartTop, col: CHART_FIRST_COL, endRow: chartTop + Math.max(CHART_ROWS, unitColumns.length * 2 + 4), endCol: CHART_FIRST_COL + CHART_COLS - 1 },
    });
  }
  if (assessors.length > 0) {
    const col0 = CHART_FIRST_COL + (unitColumns.length > 0 ? CHART_COLS + 1 : 0);
    charts.push({
      name: COHORT_CHARTS.byAssessor,
      type: 'columnClustered',
      title: 'Completion by assessor',
      categories: { row: aFirst, col: 0, endRow: aLast },
      series: [{ name: 'Completion', values: { row: aFirst, col: 4, endRow: aLast } }],
      position: { row: chartTop, col: col0, endRow: chartTop + CHART_ROWS, endCol: col0 + CHART_COLS - 1 },
    });
  }
  if (charts.length > 0) sheet.charts = charts;

  sheet.freeze = { rows: first, cols: 1 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: COHORT_ROWS.unitTitles, to: h } };
  sheet.tabColor = '#00B050';
  // First among the tabs: a cohort workbook may hold hundreds of grids.
  sheet.position = 'first';
  return {
    sheet,
    tableName,
    unitsTableName,
    assessorsTableName,
    unitColumns,
    columns,
    candidateRows,
    unitsTable: { headerRow: uHeader, firstRow: uFirst, lastRow: uLast },
    assessorsTable: { headerRow: aHeader, firstRow: aFirst, lastRow: aLast },
  };
}
