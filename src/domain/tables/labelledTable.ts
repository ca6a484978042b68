import { normaliseLabel } from '../grid/layout';
import { cellText } from '../grid/readGrid';
import { fail, ok, problems, type Result } from '../problems';
import { address, type CellRange, type PlanValue } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';

/*
 * A labelled table: a header row of headings over one row per record, as the tracker, the index of
 * evidence, the sampling plan and a centre's Candidates table are. Users edit these by hand, so the
 * reader finds the header row and every column by its heading (case, stray spaces and . : ( )
 * ignored, and any of a field's other names), wherever the columns have been moved to; columns it
 * does not know are the user's own and are read as extras so a rebuild can keep them.
 */

/** How a field's cell is read: as text (trimmed), as the sheet holds it, or as a list split at commas and semicolons. */
export type FieldKind = 'text' | 'cell' | 'list';

interface KindValue {
  text: string;
  cell: RawCell;
  list: string[];
}

export interface TableField<K extends string = string, T extends FieldKind = FieldKind> {
  key: K;
  /** The heading the builders write. */
  label: string;
  /** Other headings read as this field; the label always is one. */
  synonyms?: readonly string[];
  kind: T;
}

export interface TableSpec<F extends readonly TableField[] = readonly TableField[]> {
  /** The table in the user's words, for messages ("unit progress record"). */
  name: string;
  fields: F;
  /** Fields the header row must have a heading for. */
  required: readonly F[number]['key'][];
  /** At least this many fields headed make the header row (default: the required ones). */
  minHeadings?: number;
  /** How many rows from the top the header row may be in (default 40). */
  scanRows?: number;
  /** The table ends at a blank row (else blank rows are skipped). */
  endsAtBlankRow?: boolean;
  /** The table ends at a row whose first cell is one of these (totals, a Gaps heading). */
  endLabels?: readonly string[];
}

export type FieldKey<S extends TableSpec> = S['fields'][number]['key'];

/** A read row's fields by kind: text '' , list [] or null where the table has no such column. */
export type TableRecord<S extends TableSpec> = { [P in S['fields'][number] as P['key']]: KindValue[P['kind']] };

export interface TableRow<S extends TableSpec> {
  /** Zero-based sheet row. */
  row: number;
  values: TableRecord<S>;
  /** The cells of the fields the table has a column for, as the sheet holds them. */
  cells: Map<FieldKey<S>, RawCell>;
  /** The user's own columns: heading -> cell. */
  extras: Map<string, RawCell>;
}

/** A row read to be kept on a rebuild: each field's cell as the sheet had it, and the user's own columns. */
export interface KeptRow<K extends string> {
  values: Map<K, RawCell>;
  /** User-added column heading -> value. */
  extras: Map<string, RawCell>;
}

export interface DuplicateHeading<K extends string = string> {
  field: K;
  heading: string;
  /** Where the repeated heading is (A1), and the heading read for the field. */
  address: string;
  first: string;
}

export interface TableRead<S extends TableSpec> {
  headerRow: number;
  /** Zero-based column of each field found. */
  columns: Map<FieldKey<S>, number>;
  /** Headings that are no field of the table (the user's columns), and repeats of a field's heading, kept as the user's. */
  extras: { heading: string; col: number }[];
  /** Fields without a heading. */
  missing: FieldKey<S>[];
  duplicates: DuplicateHeading<FieldKey<S>>[];
  rows: TableRow<S>[];
}

export const DEFAULT_SCAN_ROWS = 40;

/** A table's spec, with its fields' literal keys and kinds kept for typed records. */
export function labelledTable<const F extends readonly TableField[]>(spec: TableSpec<F>): TableSpec<F> {
  return spec;
}

/** The field a heading names, if any: the first field (in the spec's order) with that name. */
export function fieldOf<S extends TableSpec>(spec: S, heading: RawCell): FieldKey<S> | undefined {
  let names = namesOf.get(spec);
  if (!names) {
    names = new Map();
    for (const f of spec.fields) for (const n of [f.label, ...(f.synonyms ?? [])]) if (!names.has(normaliseLabel(n))) names.set(normaliseLabel(n), f.key);
    namesOf.set(spec, names);
  }
  return names.get(normaliseLabel(heading)) as FieldKey<S> | undefined;
}

// Heading -> field, per spec: headings are looked up for every cell of every scanned row.
const namesOf = new WeakMap<TableSpec, Map<string, string>>();

/** Zero-based column of each field as the builders lay the table out (the spec's order). */
export function fieldColumns<S extends TableSpec>(spec: S): Record<FieldKey<S>, number> {
  return Object.fromEntries(spec.fields.map((f, i) => [f.key, i])) as Record<FieldKey<S>, number>;
}

/** Field key -> heading written. */
export function fieldLabels<S extends TableSpec>(spec: S): Record<FieldKey<S>, string> {
  return Object.fromEntries(spec.fields.map((f) => [f.key, f.label])) as Record<FieldKey<S>, string>;
}

/** The header row and one row per record, in the spec's column order, then the user's extra columns. */
export function tableRows<S extends TableSpec>(
  spec: S,
  records: readonly Partial<Record<FieldKey<S>, PlanValue>>[],
  extras: { headings: readonly string[]; values?: readonly (readonly PlanValue[])[] } = { headings: [] },
): PlanValue[][] {
  return [
    [...spec.fields.map((f) => f.label), ...extras.headings],
    ...records.map((r, i) => [
      ...spec.fields.map((f) => (r as Partial<Record<string, PlanValue>>)[f.key] ?? null),
      ...extras.headings.map((_, j) => extras.values?.[i]?.[j] ?? null),
    ]),
  ];
}

type Rows = readonly (readonly RawCell[])[];

const blank = (v: RawCell | undefined) => cellText(v ?? null) === '';

function valueOf(kind: FieldKind, v: RawCell): KindValue[FieldKind] {
  if (kind === 'cell') return v;
  const text = cellText(v);
  if (kind === 'text') return text;
  return text
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The fields a row's cells head, first heading of each field first. */
/**
 * A header row's fields and the user's headings. The table is the run of filled heading cells that
 * holds its fields: a heading past a blank cell is something else on the sheet (a little table of the
 * user's beside it), not a column of this one. `from`/`to`: the table's first and last column.
 */
function headings<S extends TableSpec>(spec: S, row: readonly RawCell[], left: number, right: number) {
  const columns = new Map<FieldKey<S>, number>();
  const extras: { heading: string; col: number }[] = [];
  const duplicates: { field: FieldKey<S>; col: number }[] = [];
  const known: number[] = [];
  for (let c = left; c <= right; c++) if (!blank(row[c] ?? null) && fieldOf(spec, row[c] ?? null) !== undefined) known.push(c);
  if (known.length === 0) return { columns, extras, duplicates, from: left, to: right };
  // Gaps between fields are the table's own; it widens over filled headings either side.
  let from = known[0]!;
  let to = known[known.length - 1]!;
  while (from > left && !blank(row[from - 1] ?? null)) from--;
  while (to < right && !blank(row[to + 1] ?? null)) to++;
  for (let c = from; c <= to; c++) {
    const cell = row[c] ?? null;
    if (blank(cell)) continue;
    const f = fieldOf(spec, cell);
    if (f !== undefined && !columns.has(f)) columns.set(f, c);
    else {
      if (f !== undefined) duplicates.push({ field: f, col: c });
      extras.push({ heading: cellText(cell), col: c });
    }
  }
  return { columns, extras, duplicates, from, to };
}

function describeWanted(spec: TableSpec): string {
  const labels = spec.required.map((k) => `"${spec.fields.find((f) => f.key === k)?.label ?? k}"`).join(' and ');
  return (spec.minHeadings ?? 0) > spec.required.length ? `${labels} and another of its headings` : labels;
}

/**
 * Read a labelled table: the header row is the one within the spec's scan rows with the most of its
 * headings (the first of equals), a heading for every required field and at least minHeadings; with a range (an Excel table's), only its
 * first row is the header and only its rows and columns are read.
 */
export function readLabelledTable<S extends TableSpec>(spec: S, values: Rows, range?: CellRange): Result<TableRead<S>> {
  const top = range?.row ?? 0;
  const left = range?.col ?? 0;
  const bottom = range?.endRow ?? values.length - 1;
  const rightOf = (row: readonly RawCell[]) => range?.endCol ?? row.length - 1;
  const scan = range ? 1 : (spec.scanRows ?? DEFAULT_SCAN_ROWS);
  const need = Math.max(spec.minHeadings ?? 0, spec.required.length);
  // The row with the most of the table's headings: a few of them typed above it (a user's "Ref | Where") are not its header.
  let found: (ReturnType<typeof headings<S>> & { row: number }) | undefined;
  for (let r = top; r <= Math.min(bottom, top + scan - 1); r++) {
    const row = values[r] ?? [];
    const h = headings(spec, row, left, rightOf(row));
    if (spec.required.every((k) => h.columns.has(k)) && h.columns.size >= need && h.columns.size > (found?.columns.size ?? 0)) found = { ...h, row: r };
  }
  if (!found) {
    const where = range ? `in its header row (${address({ row: top, col: left, endCol: range.endCol ?? left })})` : `in the first ${scan} rows`;
    return fail(problems.notAGrid(`No header row with ${describeWanted(spec)} ${where}: not a ${spec.name}.`));
  }
  const { columns, extras, row: headerRow } = found;
  // A row is judged within the table's columns (the user's things beside it are not its rows); an Excel table's range is its own.
  const first = range ? left : found.from;
  const lastOf = (row: readonly RawCell[]) => (range ? rightOf(row) : found.to);
  const duplicates = found.duplicates.map(({ field, col }) => ({
    field,
    heading: cellText(values[headerRow]?.[col] ?? null),
    address: address({ row: headerRow, col }),
    first: address({ row: headerRow, col: columns.get(field)! }),
  }));
  const missing = spec.fields.map((f) => f.key as FieldKey<S>).filter((k) => !columns.has(k));
  const ends = new Set((spec.endLabels ?? []).map((l) => normaliseLabel(l)));
  const rows: TableRow<S>[] = [];
  for (let r = headerRow + 1; r <= bottom; r++) {
    const row = values[r] ?? [];
    let empty = true;
    for (let c = first; c <= lastOf(row) && empty; c++) empty = blank(row[c]);
    if (empty) {
      if (spec.endsAtBlankRow) break;
      continue;
    }
    if (ends.size > 0 && ends.has(normaliseLabel(row[left] ?? null))) break;
    const record: Record<string, unknown> = {};
    const cells = new Map<FieldKey<S>, RawCell>();
    for (const f of spec.fields) {
      const c = columns.get(f.key as FieldKey<S>);
      const v = c === undefined ? null : (row[c] ?? null);
      if (c !== undefined) cells.set(f.key as FieldKey<S>, v);
      record[f.key] = valueOf(f.kind, v);
    }
    const own = new Map<string, RawCell>();
    for (const { heading, col } of extras) own.set(heading, row[col] ?? null);
    rows.push({ row: r, values: record as TableRecord<S>, cells, extras: own });
  }
  return ok({ headerRow, columns, extras, missing, duplicates, rows });
}

/** The read table's heading problems in words, each with its cell: missing headings and repeated ones. */
export function headingProblems<S extends TableSpec>(spec: S, read: TableRead<S>): string[] {
  const label = (k: string) => spec.fields.find((f) => f.key === k)?.label ?? k;
  return [
    ...read.missing.map((k) => `no "${label(k)}" heading in row ${read.headerRow + 1}`),
    ...read.duplicates.map((d) => `${d.address}: "${d.heading}" heads ${label(d.field)} again (read from ${d.first}); kept as a column of its own`),
  ];
}
