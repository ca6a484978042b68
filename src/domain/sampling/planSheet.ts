import { uniqueTableName } from '../grid/trackerSheet';
import { ok, type Result } from '../problems';
import { fieldColumns, fieldLabels, labelledTable, readLabelledTable, tableRows, type FieldKey } from '../tables/labelledTable';
import { address, emptySheet, type CellStyle, type PlanValue, type SheetPlan } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import type { PlanEntry } from './check';
import type { SamplingPlan } from './generation';
import { DEFAULT_RATES, describeRates, DIMENSIONS, type Rates } from './rates';

// The plan as a sheet: who and what to sample and why, with columns to record the sample.

export const SAMPLING_SHEET = 'Sampling plan';
export const SAMPLING_TITLE = 'Internal verification sampling plan (CAMERA)';
export const SAMPLING_ROWS = { title: 0, seed: 1, rates: 2, coverage: 3, note: 4, header: 6, first: 7 } as const;

export const GAPS_HEADING = 'Gaps';

/** The plan's columns, in order: headings, and other headings a plan typed by hand may use. */
export const SAMPLING_TABLE = labelledTable({
  name: 'sampling plan',
  fields: [
    { key: 'candidate', label: 'Candidate', synonyms: ['learner', 'candidate name'], kind: 'text' },
    { key: 'candidateId', label: 'Candidate id', synonyms: ['uln', 'scn', 'registration number', 'registration no', 'learner id'], kind: 'text' },
    // Not "Qualification" or "Unit": a grid's header-block labels would make readers take the plan for a grid.
    { key: 'qualification', label: 'Qualification code', synonyms: ['qualification', 'qualification id'], kind: 'text' },
    { key: 'unit', label: 'Unit code', synonyms: ['unit', 'unit no'], kind: 'text' },
    { key: 'unitTitle', label: 'Unit title', synonyms: ['title'], kind: 'text' },
    { key: 'assessor', label: 'Assessor', kind: 'text' },
    { key: 'method', label: 'Method', synonyms: ['assessment method'], kind: 'text' },
    { key: 'site', label: 'Site', synonyms: ['assessment site', 'location'], kind: 'text' },
    { key: 'kind', label: 'Kind', synonyms: ['interim / summative', 'interim or summative', 'sample type', 'type'], kind: 'text' },
    { key: 'evidence', label: 'Evidence', synonyms: ['evidence refs', 'refs', 'evidence ref'], kind: 'list' },
    { key: 'reason', label: 'Why', synonyms: ['reason'], kind: 'text' },
    { key: 'sheet', label: 'Grid sheet', synonyms: ['sheet'], kind: 'text' },
    { key: 'file', label: 'File', synonyms: ['workbook'], kind: 'text' },
    { key: 'ivInitials', label: 'IV initials', synonyms: ['iv', 'verifier initials', 'initials'], kind: 'text' },
    { key: 'dateSampled', label: 'Date sampled', synonyms: ['iv date', 'date'], kind: 'cell' },
    { key: 'outcome', label: 'Outcome', synonyms: ['iv outcome', 'decision'], kind: 'text' },
    { key: 'actions', label: 'Actions', synonyms: ['action', 'actions agreed', 'feedback'], kind: 'text' },
  ],
  required: ['candidate', 'unit'],
  // The plan ends at the Gaps heading below the table.
  endLabels: [GAPS_HEADING],
});
export type SamplingField = FieldKey<typeof SAMPLING_TABLE>;
export const SAMPLING_FIELDS: readonly SamplingField[] = SAMPLING_TABLE.fields.map((f) => f.key);
export const SAMPLING_LABELS = fieldLabels(SAMPLING_TABLE);

export const OUTCOMES = ['Agreed', 'Agreed with actions', 'Not agreed'] as const;
const DATE_FORMAT = 'dd/mm/yyyy';

export interface SamplingSheetOptions {
  sheetName?: string;
  /** ISO date the plan was made. */
  asOf?: string;
  rates?: Rates;
  takenTableNames?: Iterable<string>;
}

export interface BuiltSamplingSheet {
  sheet: SheetPlan;
  tableName: string;
  /** Zero-based column of each field. */
  columns: Record<SamplingField, number>;
}

export function buildSamplingSheet(plan: SamplingPlan, options: SamplingSheetOptions = {}): BuiltSamplingSheet {
  const rates = options.rates ?? DEFAULT_RATES;
  const sheet = emptySheet(options.sheetName ?? SAMPLING_SHEET, 'sampling');
  const rows: PlanValue[][] = [];
  const set = (r: number, c: number, v: PlanValue) => ((rows[r] ??= [])[c] = v);
  const col = fieldColumns(SAMPLING_TABLE);
  const width = SAMPLING_FIELDS.length;
  const first = SAMPLING_ROWS.first;
  const last = first + Math.max(plan.rows.length, 1) - 1;

  set(SAMPLING_ROWS.title, 0, SAMPLING_TITLE);
  set(SAMPLING_ROWS.seed, 0, 'Seed');
  set(SAMPLING_ROWS.seed, 1, plan.seed);
  if (options.asOf) {
    set(SAMPLING_ROWS.seed, 3, 'Made on');
    set(SAMPLING_ROWS.seed, 4, { date: options.asOf });
  }
  set(SAMPLING_ROWS.rates, 0, 'Rates');
  set(SAMPLING_ROWS.rates, 1, describeRates(rates));
  set(SAMPLING_ROWS.coverage, 0, 'Coverage');
  set(
    SAMPLING_ROWS.coverage,
    1,
    `Over the cycle, every combination that occurs in the judged evidence of: ${rates.coverage.map((c) => DIMENSIONS.filter((d) => c.includes(d)).join(' x ')).join('; ')}. Interim: unit in progress; summative: unit complete.`,
  );
  set(
    SAMPLING_ROWS.note,
    0,
    'One row per sample: a candidate\'s judged evidence for a unit by one method at one site. A blank Method or Site means the whole unit. Record the sample in the last four columns (IV initials, date, outcome, actions); "vq-matrix sample --record" then marks the tracker, evidence index and grid sign-off without overwriting anything. "vq-matrix sample --check" names every gap in an edited plan.',
  );
  const records = plan.rows.map((r) => ({
    candidate: r.candidate,
    candidateId: r.candidateId ?? null,
    qualification: r.qualification,
    unit: r.unit,
    unitTitle: r.unitTitle,
    assessor: r.assessor,
    method: r.method,
    site: r.site,
    kind: r.kind === 'interim' ? 'Interim' : 'Summative',
    evidence: r.evidence.join(', '),
    reason: r.reason,
    sheet: r.sheet,
    file: r.file ?? null,
  }));
  tableRows(SAMPLING_TABLE, records).forEach((line, i) => line.forEach((v, c) => set(SAMPLING_ROWS.header + i, c, v)));
  if (plan.rows.length === 0) set(first, 0, null);
  const gapsRow = last + 2;
  set(gapsRow, 0, GAPS_HEADING);
  const gapLines = plan.gaps.length > 0 ? plan.gaps : ['None: the plan meets its coverage rules and rates.'];
  gapLines.forEach((g, i) => set(gapsRow + 1 + i, 0, g));
  const warningLines = plan.warnings.map((w) => `Warning: ${w}`);
  warningLines.forEach((w, i) => set(gapsRow + 1 + gapLines.length + i, 0, w));
  const lastRow = gapsRow + gapLines.length + warningLines.length;
  sheet.blocks.push({ row: 0, col: 0, values: Array.from({ length: lastRow + 1 }, (_, r) => Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? null)) });

  const tableName = uniqueTableName('SamplingPlan', options.takenTableNames);
  sheet.tables.push({ name: tableName, range: { row: SAMPLING_ROWS.header, col: 0, endRow: last, endCol: width - 1 }, style: 'TableStyleMedium4', showFilter: true });

  const style = (row: number, c: number, endRow: number, endCol: number, s: CellStyle) => sheet.styles.push({ range: { row, col: c, endRow, endCol }, style: s });
  style(0, 0, 0, 0, { bold: true, fontSize: 14 });
  style(SAMPLING_ROWS.seed, 0, SAMPLING_ROWS.coverage, 0, { bold: true });
  style(SAMPLING_ROWS.seed, 3, SAMPLING_ROWS.seed, 3, { bold: true });
  style(SAMPLING_ROWS.rates, 1, SAMPLING_ROWS.coverage, 1, { wrap: true, vertical: 'top' });
  for (const r of [SAMPLING_ROWS.rates, SAMPLING_ROWS.coverage]) sheet.merges.push({ row: r, col: 1, endCol: 9 });
  sheet.merges.push({ row: SAMPLING_ROWS.note, col: 0, endCol: 9 });
  style(SAMPLING_ROWS.note, 0, SAMPLING_ROWS.note, 0, { italic: true, wrap: true });
  style(SAMPLING_ROWS.header, 0, SAMPLING_ROWS.header, width - 1, { bold: true, wrap: true, vertical: 'bottom' });
  style(first, 0, last, width - 1, { vertical: 'top' });
  style(first, col.unit, last, col.unit, { numberFormat: '@' });
  style(first, col.evidence, last, col.reason, { wrap: true, fontSize: 9 });
  style(first, col.dateSampled, last, col.dateSampled, { numberFormat: DATE_FORMAT });
  style(first, col.actions, last, col.actions, { wrap: true });
  style(first, col.ivInitials, last, col.actions, { fill: '#FFF2CC' });
  style(gapsRow, 0, gapsRow, 0, { bold: true, fontSize: 12 });
  if (plan.gaps.length > 0) style(gapsRow + 1, 0, gapsRow + plan.gaps.length, 0, { fontColor: '#9C0006' });
  const widths: Record<SamplingField, number> = {
    candidate: 20,
    candidateId: 13,
    qualification: 14,
    unit: 10,
    unitTitle: 30,
    assessor: 16,
    method: 16,
    site: 16,
    kind: 11,
    evidence: 14,
    reason: 40,
    sheet: 22,
    file: 18,
    ivInitials: 9,
    dateSampled: 12,
    outcome: 16,
    actions: 30,
  };
  SAMPLING_FIELDS.forEach((f, c) => sheet.columnWidths.push({ col: c, width: widths[f] }));
  if (!plan.rows.some((r) => r.file !== undefined)) sheet.hiddenColumns.push(col.file);
  sheet.rowHeights.push({ row: SAMPLING_ROWS.rates, height: 30 }, { row: SAMPLING_ROWS.coverage, height: 30 }, { row: SAMPLING_ROWS.note, height: 45 });
  sheet.validations.push(
    { range: { row: first, col: col.kind, endRow: last }, list: ['Interim', 'Summative'], allowBlank: true, errorTitle: 'Kind of sample', errorMessage: 'Interim (unit in progress) or Summative (unit complete).' },
    { range: { row: first, col: col.outcome, endRow: last }, list: [...OUTCOMES], allowBlank: true, errorTitle: 'Outcome', errorMessage: `One of: ${OUTCOMES.join(', ')}.` },
  );
  const outcomeTop = address({ row: first, col: col.outcome });
  const outcomes = { row: first, col: col.outcome, endRow: last };
  sheet.conditionalFormats.push(
    { range: outcomes, formula: `=${outcomeTop}="Agreed"`, style: { fill: '#C6EFCE', fontColor: '#006100' } },
    { range: outcomes, formula: `=${outcomeTop}="Agreed with actions"`, style: { fill: '#FFEB9C', fontColor: '#9C5700' } },
    { range: outcomes, formula: `=${outcomeTop}="Not agreed"`, style: { fill: '#FFC7CE', fontColor: '#9C0006', bold: true } },
  );
  sheet.freeze = { rows: first, cols: 1 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: SAMPLING_ROWS.header, to: SAMPLING_ROWS.header } };
  sheet.tabColor = '#BF8F00';
  return { sheet, tableName, columns: col };
}

// ---------------------------------------------------------------------------------------------
// Reading a plan sheet back (generated, edited or typed by hand).

export interface PlanSheetRow extends PlanEntry {
  assessor?: string;
  kind?: string;
  reason?: string;
  evidence: string[];
  ivInitials: string;
  dateSampled: RawCell;
  outcome: string;
  actions: string;
  file?: string;
  /** The grid sheet the plan names (a hint: the candidate and unit decide). */
  sheet?: string;
}

/** Rows of a sampling plan sheet: the header is found by its labels, so columns may be moved. */
export function readSamplingPlan(values: readonly (readonly RawCell[])[]): Result<PlanSheetRow[]> {
  const read = readLabelledTable(SAMPLING_TABLE, values);
  if (!read.ok) return read;
  const out: PlanSheetRow[] = [];
  for (const { row, values: v } of read.value.rows) {
    // A row cleared by hand is skipped.
    if (v.candidate === '' || v.unit === '') continue;
    const entry: PlanSheetRow = { candidate: v.candidate, unit: v.unit, evidence: v.evidence, ivInitials: v.ivInitials, dateSampled: v.dateSampled, outcome: v.outcome, actions: v.actions, row };
    for (const f of ['candidateId', 'method', 'site', 'qualification', 'assessor', 'kind', 'reason', 'file', 'sheet'] as const) if (v[f] !== '') entry[f] = v[f];
    out.push(entry);
  }
  return ok(out);
}
