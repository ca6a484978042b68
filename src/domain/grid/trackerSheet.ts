import { UNIT_STATUS } from '../coverage/unitStatus';
import { ok, type Result } from '../problems';
import { unitItems } from '../standards/itemCodes';
import { checkRules, type RulesReport } from '../rules/rulesOfCombination';
import { normaliseCode, type QualificationIndex } from '../standards/catalog';
import type { Unit } from '../standards/schema';
import { fieldLabels, labelledTable, readLabelledTable, type FieldKey, type KeptRow } from '../tables/labelledTable';
import { NameRegistry, type NameLookup } from '../workbook/nameRegistry';
import { columnLetter, emptySheet, quoteSheet, type CellRange, type CellStyle, type PlanValue, type SheetPlan } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { SparseCells } from './criteriaRowsGrid';
import { candidateIdCells, candidateIdStyles, PALETTE } from './headerBlock';
import { HEADER, normaliseLabel } from './layout';
import { blankRow, carriedValue, insertRows, listRowEdits, rowRange } from './listSheetsInPlace';
import { cellText, readHeaderBlock } from './readGrid';

/*
 * The candidate's unit progress record (the SVQ portfolio's "Unit progress record"): one row per
 * unit of the chosen pathway, its status and coverage read live from the unit's grid sheet, and
 * the assessor / internal verifier entries that are the user's own and survive every rebuild.
 *
 *   row 0      title
 *   rows 1-4   Candidate, Qualification, Qualification id, Assessor (label in A, value in B)
 *   row 5      a note
 *   row 7      table header; rows 8.. one row per unit (an Excel table), then units dropped from the pathway
 *   below      totals: units complete, credits achieved / planned, rules of combination at the last build
 *
 * No "Unit" label in the header block: workbook checks tell grids from other sheets by it.
 */

export const TRACKER_TITLE = 'Unit progress record';
export const TRACKER_ROWS = { title: 0, note: 5, header: 7, first: 8 } as const;

/** Entries that are the user's own: carried over by unit code on every rebuild. */
export const TRACKER_USER_FIELDS: readonly TrackerField[] = ['assessor', 'internalVerifier', 'sampled', 'dateCompleted'];

export const NO_LONGER_IN_PATHWAY = '(no longer in pathway)';
export const NO_GRID = 'No grid sheet yet';
export const TOTALS_LABELS = {
  unitsComplete: 'Units complete',
  unitsPlanned: 'Units planned',
  creditsAchieved: 'Credits achieved',
  creditsPlanned: 'Credits planned',
  minimumCredits: 'Minimum credits for the qualification',
  creditUnknown: 'Credit not stated in the standard for',
  rules: 'Rules of combination (at last build)',
} as const;

/** The unit table's columns, in order: headings, and other headings a tracker typed by hand may use. */
export const TRACKER_TABLE = labelledTable({
  name: 'unit progress record',
  fields: [
    { key: 'unitCode', label: 'Unit code', synonyms: ['unit', 'unit number', 'unit no'], kind: 'cell' },
    { key: 'title', label: 'Title', kind: 'cell' },
    { key: 'group', label: 'Group', kind: 'cell' },
    { key: 'mandatory', label: 'Mandatory', kind: 'cell' },
    { key: 'level', label: 'Level', kind: 'cell' },
    { key: 'credit', label: 'Credit', kind: 'cell' },
    { key: 'glh', label: 'GLH', kind: 'cell' },
    { key: 'status', label: 'Status', kind: 'cell' },
    { key: 'coverage', label: 'Coverage', kind: 'cell' },
    { key: 'assessor', label: 'Assessor', kind: 'cell' },
    { key: 'internalVerifier', label: 'Internal verifier', synonyms: ['iv', 'verifier'], kind: 'cell' },
    { key: 'sampled', label: 'IV sampled', synonyms: ['sampled', 'sampled by iv', 'sampled by internal verifier'], kind: 'cell' },
    { key: 'dateCompleted', label: 'Date completed', synonyms: ['date', 'completed'], kind: 'cell' },
    { key: 'gridSheet', label: 'Grid sheet', synonyms: ['sheet', 'grid'], kind: 'cell' },
  ],
  required: ['unitCode'],
  // "Unit" alone is a label a header block might hold: the header row has another heading of ours too.
  minHeadings: 2,
  endsAtBlankRow: true,
  endLabels: Object.values(TOTALS_LABELS),
});
export type TrackerField = FieldKey<typeof TRACKER_TABLE>;
export const TRACKER_FIELDS: readonly TrackerField[] = TRACKER_TABLE.fields.map((f) => f.key);
export const TRACKER_LABELS = fieldLabels(TRACKER_TABLE);

const DATE_FORMAT = 'dd/mm/yyyy';

export interface TrackerRowContent extends KeptRow<TrackerField> {
  unitCode: string;
}

export interface TrackerContent {
  candidate?: RawCell;
  assessor?: RawCell;
  rows: TrackerRowContent[];
  extraHeaders: string[];
}

export interface TrackerArgs {
  sheetName: string;
  index: QualificationIndex;
  candidate: string;
  /** ULN, SCN or registration number, when known (written beside the title). */
  candidateId?: string;
  assessor?: string;
  /** The chosen pathway: unit codes (any code a unit is known by), in the order to list them. */
  pathway: readonly string[];
  /** Unit code (any code it is known by) -> the sheet holding its grid, in either layout. */
  gridSheets?: Readonly<Record<string, string>>;
  /** Read from the old sheet by readTracker, on a rebuild. */
  existing?: TrackerContent;
  /** The old sheet's values: given (and laid out as this product builds it), the sheet is rebuilt in place. */
  previous?: Rows;
  /** Table and defined names already in the workbook (compared ignoring case). */
  takenNames?: Iterable<string> | NameLookup;
}

export interface TrackerChanges {
  /** Units whose user entries were carried over. */
  carried: string[];
  /** Units kept at the bottom, marked NO_LONGER_IN_PATHWAY. */
  noLongerInPathway: string[];
  /** Pathway units new since the last build. */
  added: string[];
  /** Pathway codes that are not units of the qualification (not listed; named in the rules result). */
  unknownUnits: string[];
}

export interface BuiltTracker {
  sheet: SheetPlan;
  tableName: string;
  /** The rules of combination over the pathway, as written to the sheet. */
  rules: RulesReport;
  /** Unit code -> its Status cell (absolute A1): where a not-detailed unit's grid takes its status from. */
  statusCells: Map<string, string>;
  changes: TrackerChanges;
}

/** A valid table name not among `taken` (ignoring case), with _2, _3 ... when needed. */
export function uniqueTableName(base: string, taken: Iterable<string> | NameLookup = []): string {
  return NameRegistry.of(taken).tableName(base);
}

/** The rules result as lines: "Met", or each unmet rule and each rule that cannot be checked. */
export function rulesLines(report: RulesReport): string[] {
  if (report.met) return ['Met'];
  return [...report.unmet.map((m) => `Not met: ${m}`), ...report.cannotCheck.map((m) => (/^cannot be checked/i.test(m) ? `C${m.slice(1)}` : `Cannot be checked: ${m}`))];
}

type Rows = readonly (readonly RawCell[])[];
const filled = (v: RawCell | undefined): boolean => v !== null && v !== undefined && cellText(v) !== '';

function unitKey(index: QualificationIndex, code: string): string {
  const found = index.findUnit(code);
  return found.ok ? found.value.code : normaliseCode(code);
}

function unitFacts(index: QualificationIndex, unit: Unit): Map<TrackerField, PlanValue> {
  const groups = index.qualification.groups.filter((g) => g.units.includes(unit.code));
  return new Map<TrackerField, PlanValue>([
    ['unitCode', unit.code],
    ['title', unit.title],
    ['group', groups.map((g) => g.title).join('; ')],
    ['mandatory', groups.some((g) => g.mandatory) ? 'Yes' : 'No'],
    ['level', unit.level ?? (unit.scqfLevel !== null ? `SCQF ${unit.scqfLevel}` : null)],
    ['credit', unit.credit],
    ['glh', unit.glh],
  ]);
}

/** One row of the tracker's table, top to bottom; `old` is its row on the sheet rebuilt in place. */
type TrackerLine =
  | { kind: 'unit'; unit: Unit; old: number | null }
  | { kind: 'dropped'; key: string; content: TrackerRowContent; old: number | null }
  /** A row the user added or copied (no unit code, or a unit listed twice): left as it is. */
  | { kind: 'user'; old: number };

/** Where an old unit progress record this product built has its table and totals, or null when it is not laid out as ours. */
function oldTrackerShape(values: Rows): { last: number; tailEnd: number; width: number } | null {
  if (normaliseLabel(values[TRACKER_ROWS.title]?.[0] ?? null) !== normaliseLabel(TRACKER_TITLE)) return null;
  const header = values[TRACKER_ROWS.header] ?? [];
  if (!TRACKER_FIELDS.every((f, c) => normaliseLabel(header[c] ?? null) === normaliseLabel(TRACKER_LABELS[f]))) return null;
  const label = (r: number) => normaliseLabel(values[r]?.[0] ?? null);
  let totals = -1;
  for (let r = TRACKER_ROWS.first + 2; r < values.length && totals < 0; r++) if (label(r) === normaliseLabel(TOTALS_LABELS.unitsComplete)) totals = r;
  if (totals < 0) return null;
  let rules = -1;
  for (let r = totals; r < values.length && rules < 0; r++) if (label(r) === normaliseLabel(TOTALS_LABELS.rules)) rules = r;
  if (rules < 0) return null;
  let tailEnd = rules;
  while (tailEnd + 1 < values.length && label(tailEnd + 1) === '' && filled(values[tailEnd + 1]?.[2])) tailEnd++;
  let width = header.length;
  while (width > TRACKER_FIELDS.length && !filled(header[width - 1])) width--;
  return { last: totals - 2, tailEnd, width: Math.max(width, TRACKER_FIELDS.length) };
}

export function buildTracker(args: TrackerArgs): BuiltTracker {
  const { index } = args;
  const q = index.qualification;
  const existing = args.existing ?? { rows: [], extraHeaders: [] };
  const sheet = emptySheet(args.sheetName, 'tracker');
  const cells = new SparseCells();
  const changes: TrackerChanges = { carried: [], noLongerInPathway: [], added: [], unknownUnits: [] };
  const statusCells = new Map<string, string>();

  // The pathway, resolved; grid sheets by unit code.
  const units: Unit[] = [];
  for (const raw of args.pathway) {
    const found = index.findUnit(String(raw));
    if (!found.ok) {
      if (String(raw).trim() !== '' && !changes.unknownUnits.includes(String(raw))) changes.unknownUnits.push(String(raw));
    } else if (!units.includes(found.value)) units.push(found.value);
  }
  const gridSheets = new Map<string, string>();
  for (const [code, name] of Object.entries(args.gridSheets ?? {})) gridSheets.set(unitKey(index, code), name);
  const before = new Map<string, TrackerRowContent>();
  for (const row of existing.rows) {
    const key = unitKey(index, row.unitCode);
    if (!before.has(key)) before.set(key, row);
  }
  const inPathway = new Set(units.map((u) => u.code));
  const col = (f: TrackerField) => TRACKER_FIELDS.indexOf(f);
  const first = TRACKER_ROWS.first;

  // The rows: in place, the old rows in their order with new units inserted after the pathway's
  // previous unit; otherwise the pathway, then the units dropped from it (kept with every entry).
  const shape = args.previous ? oldTrackerShape(args.previous) : null;
  const old = args.previous ?? [];
  let lines: TrackerLine[];
  let extraHeaders: string[];
  if (shape) {
    const placed = new Set<string>();
    lines = [];
    for (let r = first; r <= shape.last; r++) {
      const code = cellText(old[r]?.[col('unitCode')] ?? null);
      const key = code === '' ? '' : unitKey(index, code);
      if (key === '' || placed.has(key)) {
        lines.push({ kind: 'user', old: r });
        continue;
      }
      placed.add(key);
      const unit = units.find((u) => u.code === key);
      if (unit) lines.push({ kind: 'unit', unit, old: r });
      else {
        const content: TrackerRowContent = { unitCode: code, values: new Map(TRACKER_FIELDS.map((f, c) => [f, old[r]?.[c] ?? null])), extras: new Map() };
        lines.push({ kind: 'dropped', key, content, old: r });
      }
    }
    const added = units.filter((u) => !placed.has(u.code)).map((unit): TrackerLine => ({ kind: 'unit', unit, old: null }));
    lines = insertRows(lines, added, (current, line) => {
      const k = units.indexOf((line as { unit: Unit }).unit);
      for (let j = k - 1; j >= 0; j--) {
        const at = current.findIndex((l) => l.kind === 'unit' && l.unit === units[j]);
        if (at >= 0) return at;
      }
      const firstUnit = current.findIndex((l) => l.kind !== 'user');
      return (firstUnit < 0 ? current.length : firstUnit) - 1;
    });
    // The one blank row of an empty table takes the first new unit.
    if (shape.last === first && lines.length > 1 && lines[0]!.kind === 'user' && blankRow(old, first, shape.width)) {
      lines.shift();
      const taker = lines.find((l) => l.old === null);
      if (taker) (taker as { old: number | null }).old = first;
    }
    extraHeaders = (old[TRACKER_ROWS.header] ?? []).slice(TRACKER_FIELDS.length, shape.width).map((h) => cellText(h ?? null));
  } else {
    const dropped = [...before.entries()].filter(([key]) => !inPathway.has(key));
    lines = [
      ...units.map((unit): TrackerLine => ({ kind: 'unit', unit, old: null })),
      ...dropped.map(([key, content]): TrackerLine => ({ kind: 'dropped', key, content, old: null })),
    ];
    extraHeaders = [...existing.extraHeaders];
  }
  const width = TRACKER_FIELDS.length + extraHeaders.length;
  const dataRows = Math.max(lines.length, 1);
  const last = first + dataRows - 1;
  // In place, what the user owns stays as it is on the sheet, and the plan never writes it.
  const keep: CellRange[] = [];
  const keepCell = (row: number, c: number) => shape && filled(old[row]?.[c]) && keep.push({ row, col: c });

  // Header block.
  cells.set(TRACKER_ROWS.title, 0, TRACKER_TITLE);
  const header: [string, PlanValue][] = [
    [HEADER.candidate, existing.candidate ?? args.candidate],
    [HEADER.qualification, q.title],
    [HEADER.qualificationId, q.id],
    [HEADER.assessor, existing.assessor ?? args.assessor ?? ''],
  ];
  header.forEach(([label, value], i) => {
    cells.set(1 + i, 0, label);
    cells.set(1 + i, 1, value);
  });
  keepCell(1, 1);
  keepCell(4, 1);
  const notDetailed = units.filter((u) => unitItems(u).length === 0).map((u) => u.code);
  for (const [r, c, v] of candidateIdCells(args.candidateId)) cells.set(r, c, v);
  if ((args.candidateId ?? '').trim() === '') keepCell(0, 4);
  cells.set(
    TRACKER_ROWS.note,
    0,
    'Status and coverage are read from each unit\'s grid sheet. Assessor, internal verifier, IV sampled and date completed are yours: a rebuild keeps them.' +
      (notDetailed.length > 0
        ? ` ${notDetailed.join(', ')} ${notDetailed.length === 1 ? 'is' : 'are'} not detailed in the standard: record achievement by entering the Assessor and Date completed on the unit's row; its status then shows ${UNIT_STATUS.complete}.`
        : ''),
  );
  TRACKER_FIELDS.forEach((f, c) => cells.set(TRACKER_ROWS.header, c, TRACKER_LABELS[f]));
  if (shape) keep.push(...rowRange(TRACKER_ROWS.header, TRACKER_FIELDS.length, width - 1));
  else extraHeaders.forEach((x, i) => cells.set(TRACKER_ROWS.header, TRACKER_FIELDS.length + i, x));

  const userCols = [...TRACKER_USER_FIELDS.map(col), ...extraHeaders.map((_, i) => TRACKER_FIELDS.length + i)];
  const writeUser = (at: number, row: TrackerRowContent | undefined, code: string, oldRow: number | null) => {
    if (!row) return;
    let any = false;
    for (const f of TRACKER_USER_FIELDS) {
      const v = row.values.get(f);
      if (oldRow === null) cells.set(at, col(f), v ?? null);
      any ||= filled(v);
    }
    extraHeaders.forEach((x, i) => {
      const v = row.extras.get(x);
      if (oldRow === null) cells.set(at, TRACKER_FIELDS.length + i, v ?? null);
      any ||= filled(v);
    });
    if (oldRow !== null) for (const c of userCols) keep.push({ row: at, col: c });
    if (any) changes.carried.push(code);
  };

  lines.forEach((line, i) => {
    const at = first + i;
    if (line.kind === 'user') {
      keep.push(...rowRange(at, 0, width - 1));
      return;
    }
    if (line.kind === 'unit') {
      const { unit } = line;
      for (const [f, v] of unitFacts(index, unit)) cells.set(at, col(f), v);
      const row = before.get(unit.code);
      if (existing.rows.length > 0 && !row) changes.added.push(unit.code);
      const grid = gridSheets.get(unit.code) ?? (row ? cellText(row.values.get('gridSheet') ?? null) : '');
      statusCells.set(unit.code, `$${columnLetter(col('status'))}$${at + 1}`);
      cells.set(at, col('coverage'), null);
      cells.set(at, col('gridSheet'), grid !== '' ? grid : null);
      if (unitItems(unit).length === 0) {
        // Nothing to mark on a grid: the assessor records achievement here (assessor and date), and the grid shows this status.
        const filledIn = (f: TrackerField) => `TRIM(${columnLetter(col(f))}${at + 1})<>""`;
        cells.set(at, col('status'), { formula: `=IF(AND(${filledIn('assessor')},${filledIn('dateCompleted')}),"${UNIT_STATUS.complete}","${UNIT_STATUS.notStarted}")` });
        sheet.styles.push({ range: { row: at, col: col('assessor') }, style: { fill: PALETTE.amber, border: 'thin' } });
        sheet.styles.push({ range: { row: at, col: col('dateCompleted') }, style: { fill: PALETTE.amber, border: 'thin' } });
      } else if (grid !== '') {
        cells.set(at, col('status'), { formula: `=${quoteSheet(grid)}!$E$5` });
        cells.set(at, col('coverage'), { formula: `=${quoteSheet(grid)}!$E$6` });
      } else cells.set(at, col('status'), NO_GRID);
      writeUser(at, line.old !== null ? (row ?? { unitCode: unit.code, values: new Map(), extras: new Map() }) : row, unit.code, line.old);
      return;
    }
    // A unit dropped from the pathway: kept, marked, with every entry.
    const { key, content: row } = line;
    const unit = index.unitByCode.get(key);
    if (unit) for (const [f, v] of unitFacts(index, unit)) cells.set(at, col(f), v);
    else for (const f of ['unitCode', 'title', 'group', 'mandatory', 'level', 'credit', 'glh'] as const) cells.set(at, col(f), carriedValue(row.values.get(f)));
    cells.set(at, col('status'), NO_LONGER_IN_PATHWAY);
    cells.set(at, col('coverage'), null);
    cells.set(at, col('gridSheet'), carriedValue(row.values.get('gridSheet')));
    writeUser(at, before.get(key) ?? row, unit?.code ?? row.unitCode, line.old);
    changes.noLongerInPathway.push(unit?.code ?? row.unitCode);
  });
  if (lines.length === 0 && !shape) cells.set(first, 0, null);

  // Totals and the rules of combination.
  const range = (f: TrackerField) => `$${columnLetter(col(f))}$${first + 1}:$${columnLetter(col(f))}$${last + 1}`;
  const status = range('status');
  const credit = range('credit');
  const report = checkRules(index, args.pathway); // unknown codes are named in its result
  const unknownCredit = units.filter((u) => u.credit === null).map((u) => u.code);
  const totals: [string, PlanValue][] = [
    [TOTALS_LABELS.unitsComplete, { formula: `=COUNTIF(${status},"${UNIT_STATUS.complete}")` }],
    [TOTALS_LABELS.unitsPlanned, units.length],
    [TOTALS_LABELS.creditsAchieved, { formula: `=SUMIFS(${credit},${status},"${UNIT_STATUS.complete}")` }],
    [TOTALS_LABELS.creditsPlanned, { formula: `=SUMIFS(${credit},${status},"<>${NO_LONGER_IN_PATHWAY}")` }],
    ...(q.minimumCredits !== null ? [[TOTALS_LABELS.minimumCredits, q.minimumCredits] as [string, PlanValue]] : []),
    ...(unknownCredit.length > 0 ? [[TOTALS_LABELS.creditUnknown, unknownCredit.join(', ')] as [string, PlanValue]] : []),
  ];
  const totalsRow = last + 2;
  totals.forEach(([label, value], i) => {
    cells.set(totalsRow + i, 0, label);
    cells.set(totalsRow + i, 1, null);
    cells.set(totalsRow + i, 2, value);
    sheet.merges.push({ row: totalsRow + i, col: 0, endCol: 1 });
  });
  const rulesRow = totalsRow + totals.length;
  const ruleLines = rulesLines(report);
  const rulesEnd = Math.min(width - 1, col('coverage'));
  ruleLines.forEach((line, i) => {
    // Every cell of the line is set: in place, the row may have held another total before.
    cells.set(rulesRow + i, 0, i === 0 ? TOTALS_LABELS.rules : null);
    cells.set(rulesRow + i, 1, null);
    cells.set(rulesRow + i, 2, line);
    for (let c = 3; c <= rulesEnd; c++) cells.set(rulesRow + i, c, null);
    sheet.merges.push({ row: rulesRow + i, col: 2, endCol: rulesEnd });
  });
  sheet.merges.push({ row: rulesRow, col: 0, endCol: 1 });
  const lastRow = rulesRow + ruleLines.length - 1;
  if (shape) {
    sheet.blocks.push(...cells.toBlocks(keep));
    const edits = listRowEdits(first, shape.last - first + 1, lines, shape.tailEnd - shape.last, lastRow - last);
    sheet.rebuild = { edits, keep };
  } else sheet.blocks.push(cells.toBlock(width));

  // The table.
  const tableName = uniqueTableName(`Progress_${cellText(existing.candidate ?? args.candidate) || 'candidate'}`, args.takenNames);
  sheet.tables.push({
    name: tableName,
    range: { row: TRACKER_ROWS.header, col: 0, endRow: last, endCol: width - 1 },
    style: 'TableStyleMedium2',
    showFilter: true,
  });

  // Look.
  const style = (row: number, c: number, endRow: number, endCol: number, s: CellStyle) => sheet.styles.push({ range: { row, col: c, endRow, endCol }, style: s });
  style(0, 0, 0, 0, { bold: true, fontSize: 14 });
  sheet.styles.push(...candidateIdStyles());
  style(1, 0, 4, 0, { bold: true });
  style(1, 1, 1, 1, { locked: false, border: 'thin' });
  style(4, 1, 4, 1, { locked: false, border: 'thin' });
  for (let i = 1; i <= 4; i++) sheet.merges.push({ row: i, col: 1, endCol: 3 });
  sheet.merges.push({ row: TRACKER_ROWS.note, col: 0, endCol: Math.min(width - 1, 9) });
  style(TRACKER_ROWS.note, 0, TRACKER_ROWS.note, 0, { italic: true, wrap: true });
  style(TRACKER_ROWS.header, 0, TRACKER_ROWS.header, width - 1, { bold: true, wrap: true, vertical: 'bottom' });
  style(first, 0, last, width - 1, { vertical: 'top' });
  style(first, col('unitCode'), last, col('unitCode'), { numberFormat: '@', bold: true });
  style(first, col('title'), last, col('group'), { wrap: true });
  style(first, col('coverage'), last, col('coverage'), { numberFormat: '0%' });
  for (const f of TRACKER_USER_FIELDS) style(first, col(f), last, col(f), { locked: false });
  style(first, col('dateCompleted'), last, col('dateCompleted'), { numberFormat: DATE_FORMAT });
  if (extraHeaders.length > 0) style(first, TRACKER_FIELDS.length, last, width - 1, { locked: false });
  style(totalsRow, 0, lastRow, 0, { bold: true });
  style(rulesRow, 2, lastRow, 2, { wrap: true });
  if (!report.met) style(rulesRow, 2, lastRow, 2, { fontColor: '#9C0006' });
  const widths: Record<TrackerField, number> = {
    unitCode: 12,
    title: 44,
    group: 24,
    mandatory: 11,
    level: 8,
    credit: 8,
    glh: 8,
    status: 16,
    coverage: 10,
    assessor: 18,
    internalVerifier: 18,
    sampled: 10,
    dateCompleted: 13,
    gridSheet: 28,
  };
  TRACKER_FIELDS.forEach((f, c) => sheet.columnWidths.push({ col: c, width: widths[f] }));
  extraHeaders.forEach((_, i) => sheet.columnWidths.push({ col: TRACKER_FIELDS.length + i, width: 16 }));
  sheet.rowHeights.push({ row: TRACKER_ROWS.note, height: 30 });

  sheet.validations.push({
    range: { row: first, col: col('sampled'), endRow: last },
    list: ['Yes', 'No'],
    allowBlank: true,
    errorTitle: 'Sampled by internal verifier',
    errorMessage: 'Yes or No.',
  });
  const statusTop = `$${columnLetter(col('status'))}${first + 1}`;
  const statusRange = { row: first, col: col('status'), endRow: last };
  sheet.conditionalFormats.push(
    { range: statusRange, formula: `=${statusTop}="${UNIT_STATUS.complete}"`, style: { fill: '#C6EFCE', fontColor: '#006100', bold: true } },
    { range: statusRange, formula: `=${statusTop}="${UNIT_STATUS.inProgress}"`, style: { fill: '#FFEB9C', fontColor: '#9C5700' } },
  );
  sheet.dataBars.push({ range: { row: first, col: col('coverage'), endRow: last }, color: '#63BE7B' });

  sheet.freeze = { rows: TRACKER_ROWS.header + 1, cols: 2 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: TRACKER_ROWS.header, to: TRACKER_ROWS.header } };
  sheet.protection = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: false };
  sheet.tabColor = '#7030A0';
  return { sheet, tableName, rules: report, changes, statusCells };
}

// ---------------------------------------------------------------------------------------------

/** Read a unit progress record (ours, or one headed the same way) for a rebuild. */
export function readTracker(values: readonly (readonly RawCell[])[]): Result<TrackerContent> {
  const read = readLabelledTable(TRACKER_TABLE, values);
  if (!read.ok) return read;
  const { headerRow, rows, extras } = read.value;
  const header = readHeaderBlock(values.slice(0, headerRow));
  const content: TrackerContent = { rows: [], extraHeaders: extras.map((e) => e.heading) };
  if (header.candidate !== undefined) content.candidate = header.candidate;
  if (header.assessor !== undefined) content.assessor = header.assessor;
  for (const row of rows) {
    const code = cellText(row.cells.get('unitCode') ?? null);
    if (code !== '') content.rows.push({ unitCode: code, values: row.cells, extras: row.extras });
  }
  return ok(content);
}
