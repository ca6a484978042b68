import { ok, type Result } from '../problems';
import { fieldLabels, labelledTable, readLabelledTable, type FieldKey, type KeptRow } from '../tables/labelledTable';
import { emptySheet, type CellRange, type CellStyle, type PlanValue, type SheetPlan } from '../workbook/plan';
import type { NameLookup } from '../workbook/nameRegistry';
import type { RawCell } from '../workbook/sheetValues';
import { isTick, SparseCells, type CriteriaRowContent, type ParsedCriteriaRows } from './criteriaRowsGrid';
import type { EvidenceRowContent } from './gridContent';
import { candidateIdCells, candidateIdStyles } from './headerBlock';
import { HEADER, REMOVED_PREFIX, isMark, normaliseLabel } from './layout';
import { blankWithin, insertRows, listRowEdits, rowRange } from './listSheetsInPlace';
import { cellText, readHeaderBlock, type ParsedGrid } from './readGrid';
import { uniqueTableName } from './trackerSheet';

/*
 * The candidate's index of evidence (the SVQ portfolio's "Index of evidence", with its
 * cross-referencing): one row per piece of evidence, named by its ref, listing every unit and item
 * it counts for, since one piece of evidence may count for several units ("integration of
 * assessment"). Built from the candidate's grids in either layout. Description, location and the
 * internal verifier's sampling are the user's: a rebuild keeps them.
 *
 *   row 0      title
 *   rows 1-2   Candidate, Qualification (label in A, value in B)
 *   row 3      a note
 *   row 5      table header; rows 6.. one row per ref (an Excel table with AutoFilter)
 */

export const EVIDENCE_INDEX_TITLE = 'Index of evidence';
export const EVIDENCE_INDEX_ROWS = { title: 0, note: 3, header: 5, first: 6 } as const;

/** The index's columns, in order: headings, and other headings an index typed by hand may use (the SVQ portfolio's among them). */
export const INDEX_TABLE = labelledTable({
  name: 'index of evidence',
  fields: [
    { key: 'ref', label: 'Evidence no.', synonyms: ['evidence number', 'ref no', 'ref', 'evidence ref', 'index no'], kind: 'cell' },
    { key: 'date', label: 'Date', synonyms: ['evidence date'], kind: 'cell' },
    { key: 'method', label: 'Method', synonyms: ['assessment method'], kind: 'cell' },
    { key: 'description', label: 'Description', synonyms: ['description of evidence'], kind: 'cell' },
    { key: 'location', label: 'Location', synonyms: ['included in portfolio', 'where'], kind: 'cell' },
    { key: 'units', label: 'Units it maps to', synonyms: ['units'], kind: 'cell' },
    { key: 'items', label: 'Items it maps to', synonyms: ['items', 'criteria'], kind: 'cell' },
    { key: 'sampledBy', label: 'Sampled by IV (initials)', synonyms: ['sampled by iv', 'sampled by the iv', 'sampled by the iv initials and date', 'iv initials'], kind: 'cell' },
    { key: 'ivDate', label: 'IV date', synonyms: ['date sampled'], kind: 'cell' },
  ],
  required: ['ref'],
  minHeadings: 2,
});
export type IndexField = FieldKey<typeof INDEX_TABLE>;
export const INDEX_FIELDS: readonly IndexField[] = INDEX_TABLE.fields.map((f) => f.key);
export const INDEX_LABELS = fieldLabels(INDEX_TABLE);

/** Entries that are the user's own (or may be): kept from an existing index on a rebuild. */
export const INDEX_USER_FIELDS: readonly IndexField[] = ['description', 'location', 'sampledBy', 'ivDate'];

export const NOT_ON_A_GRID = '(not on any grid now)';
const PREVIOUSLY = 'previously: ';
const NO_REF = '(no ref)';
const DATE_FORMAT = 'dd/mm/yyyy';

/** One grid's evidence, in either layout. */
export type GridEvidenceSource =
  | {
      layout: 'evidenceRows';
      sheet: string;
      unit: string;
      rows: readonly EvidenceRowContent[];
      /** Zero-based sheet row of each row (parallel to rows), for "(no ref) <sheet> row N". */
      rowNumbers?: readonly number[];
    }
  | { layout: 'criteriaRows'; sheet: string; unit: string; rows: readonly CriteriaRowContent[] };

/** The source for an evidence-rows grid read by readGrid.parseGrid. */
export function evidenceRowsSource(sheet: string, unit: string, parsed: ParsedGrid): GridEvidenceSource {
  return { layout: 'evidenceRows', sheet, unit, rows: parsed.content.rows, rowNumbers: parsed.rowNumbers };
}

/** The source for a criteria-rows sheet read by readCriteriaRows. */
export function criteriaRowsSource(sheet: string, unit: string, parsed: ParsedCriteriaRows): GridEvidenceSource {
  return { layout: 'criteriaRows', sheet, unit, rows: parsed.content.rows };
}

export interface EvidenceIndexRowContent extends KeptRow<IndexField> {
  ref: RawCell;
}

export interface EvidenceIndexContent {
  candidate?: RawCell;
  rows: EvidenceIndexRowContent[];
  extraHeaders: string[];
}

export interface EvidenceIndexArgs {
  sheetName: string;
  candidate: string;
  /** ULN, SCN or registration number, when known (written beside the title). */
  candidateId?: string;
  /** Qualification title (and id) for the header. */
  qualification: string;
  grids: readonly GridEvidenceSource[];
  existing?: EvidenceIndexContent;
  /** The old sheet's values: given (and laid out as this product builds it), the sheet is rebuilt in place. */
  previous?: Rows;
  /** Table and defined names already in the workbook (compared ignoring case). */
  takenNames?: Iterable<string> | NameLookup;
}

/** One piece of evidence and everything it counts for. */
export interface IndexEntry {
  key: string;
  ref: RawCell;
  dates: RawCell[];
  methods: string[];
  descriptions: string[];
  locations: string[];
  /** Unit code -> item codes, in first-seen order. */
  units: Map<string, string[]>;
  noRef: boolean;
}

export interface BuiltEvidenceIndex {
  sheet: SheetPlan;
  tableName: string;
  entries: IndexEntry[];
  /** Refs kept from the old index that no grid uses now. */
  keptWithoutGrid: string[];
}

const filled = (v: RawCell | undefined): boolean => v !== null && v !== undefined && cellText(v) !== '';

/** Refs compare ignoring case and runs of space: "e1", "E1 " and "E1" are one piece of evidence. */
export function refKey(v: RawCell): string {
  return cellText(v).toLowerCase().replace(/\s+/g, ' ');
}

function addUnique(list: string[], v: RawCell | undefined): void {
  const t = cellText(v ?? null);
  if (t !== '' && !list.some((x) => x.toLowerCase() === t.toLowerCase())) list.push(t);
}

/** Every piece of evidence on the grids, in first-seen order; rows without a ref get their own entry. */
export function collectEvidence(grids: readonly GridEvidenceSource[]): IndexEntry[] {
  const entries = new Map<string, IndexEntry>();
  const entry = (ref: RawCell, noRefLabel: string | null): IndexEntry => {
    const key = noRefLabel ?? refKey(ref);
    let e = entries.get(key);
    if (!e) {
      e = { key, ref: noRefLabel ?? ref, dates: [], methods: [], descriptions: [], locations: [], units: new Map(), noRef: noRefLabel !== null };
      entries.set(key, e);
    }
    return e;
  };
  const mapTo = (e: IndexEntry, unit: string, code: string | null) => {
    const list = e.units.get(unit) ?? [];
    if (code !== null && code !== '' && !list.includes(code)) list.push(code);
    e.units.set(unit, list);
  };
  for (const grid of grids) {
    if (grid.layout === 'evidenceRows') {
      grid.rows.forEach((row, i) => {
        const ref = row.fields.ref ?? null;
        const where = grid.rowNumbers?.[i] !== undefined ? `row ${grid.rowNumbers[i]! + 1}` : `entry ${i + 1}`;
        const e = filled(ref) && !isTick(ref) ? entry(ref, null) : entry(null, `${NO_REF} ${grid.sheet} ${where}`);
        if (filled(row.fields.date)) e.dates.push(row.fields.date!);
        addUnique(e.methods, row.fields.method);
        addUnique(e.descriptions, row.fields.description);
        addUnique(e.locations, row.fields.location);
        mapTo(e, grid.unit, null);
        for (const [code, v] of row.marks) if (isMark(v ?? null)) mapTo(e, grid.unit, code);
        for (const [h, v] of row.extras) if (h.startsWith(REMOVED_PREFIX) && isMark(v ?? null)) mapTo(e, grid.unit, `${h.slice(REMOVED_PREFIX.length)} (no longer in standard)`);
      });
    } else {
      grid.rows.forEach((row, i) => {
        const code = row.code === '' ? null : row.removedSection ? `${row.code} (no longer in standard)` : row.code;
        const where = row.sheetRow >= 0 ? `row ${row.sheetRow + 1}` : `entry ${i + 1}`;
        const marks = row.refs.filter((v) => isMark(v));
        let unnamed = false;
        for (const v of marks) {
          if (isTick(v)) {
            unnamed = true;
            continue;
          }
          const e = entry(v, null);
          if (filled(row.date)) e.dates.push(row.date);
          mapTo(e, grid.unit, code);
        }
        if (unnamed) {
          const e = entry(null, `${NO_REF} ${grid.sheet} ${where}`);
          if (filled(row.date)) e.dates.push(row.date);
          mapTo(e, grid.unit, code);
        }
      });
    }
  }
  return [...entries.values()];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Earliest date serial, else the first date as typed. */
function firstDate(dates: RawCell[]): RawCell {
  const serials = dates.filter((d): d is number => typeof d === 'number' && d > 0);
  return serials.length > 0 ? Math.min(...serials) : (dates.find(filled) ?? null);
}

function unitsText(e: IndexEntry): string {
  return [...e.units.keys()].join(', ');
}

function itemsText(e: IndexEntry): string {
  return [...e.units.entries()]
    .filter(([, codes]) => codes.length > 0)
    .map(([unit, codes]) => `${unit}: ${codes.join(', ')}`)
    .join('; ');
}

type Rows = readonly (readonly RawCell[])[];

/** Where an old index of evidence this product built has its table, or null when it is not laid out as ours. */
function oldIndexShape(values: Rows): { last: number; width: number } | null {
  if (normaliseLabel(values[EVIDENCE_INDEX_ROWS.title]?.[0] ?? null) !== normaliseLabel(EVIDENCE_INDEX_TITLE)) return null;
  const header = values[EVIDENCE_INDEX_ROWS.header] ?? [];
  if (!INDEX_FIELDS.every((f, c) => normaliseLabel(header[c] ?? null) === normaliseLabel(INDEX_LABELS[f]))) return null;
  // The index's columns: its fields and the user's headed columns next to them, up to a blank
  // heading (past it is something else of the user's, e.g. a little table of their own).
  let width = INDEX_FIELDS.length;
  while (filled(header[width])) width++;
  // Every row under the header with something in those columns is the index's (as readEvidenceIndex reads it).
  let last = EVIDENCE_INDEX_ROWS.first;
  for (let r = EVIDENCE_INDEX_ROWS.first; r < values.length; r++) if (!blankWithin(values, r, width)) last = r;
  return { last, width };
}

/** IV sampling or a column of the user's own filled in on an old row. */
function userEntered(row: readonly RawCell[]): boolean {
  const at = (f: IndexField) => INDEX_FIELDS.indexOf(f);
  if (filled(row[at('sampledBy')]) || filled(row[at('ivDate')])) return true;
  // Anything of the user's on the row, in the index's columns of their own or beside it (a row deleted takes all of it).
  for (let c = INDEX_FIELDS.length; c < row.length; c++) if (filled(row[c])) return true;
  return false;
}

export function buildEvidenceIndex(args: EvidenceIndexArgs): BuiltEvidenceIndex {
  const existing = args.existing ?? { rows: [], extraHeaders: [] };
  const sheet = emptySheet(args.sheetName, 'evidenceIndex');
  const cells = new SparseCells();
  const entries = collectEvidence(args.grids);
  const before = new Map<string, EvidenceIndexRowContent>();
  const unkeyed: EvidenceIndexRowContent[] = [];
  for (const row of existing.rows) {
    const key = refKey(row.ref);
    if (key === '') unkeyed.push(row);
    else if (!before.has(key)) before.set(key, row);
  }
  const extraHeaders = [...existing.extraHeaders];
  const col = (f: IndexField) => INDEX_FIELDS.indexOf(f);

  // Rows: every ref on a grid, then refs the old index had that no grid uses now (kept: they are the
  // user's list), sorted by ref (numbers in order); rows without a ref last, in grid order.
  type Line = { key: string; values: Map<IndexField, PlanValue>; old: EvidenceIndexRowContent | undefined; noRef: boolean };
  const lines: Line[] = entries.map((e) => {
    const values = new Map<IndexField, PlanValue>([
      ['ref', e.ref],
      ['date', firstDate(e.dates)],
      ['method', e.methods.join('; ') || null],
      ['description', e.descriptions.join('; ') || null],
      ['location', e.locations.join('; ') || null],
      ['units', unitsText(e)],
      ['items', itemsText(e) || null],
    ]);
    // refKey: a "(no ref)" row is found again under its label as the sheet has it.
    return { key: refKey(e.ref), values, old: before.get(refKey(e.ref)), noRef: e.noRef };
  });
  const produced = new Set(entries.map((e) => refKey(e.ref)));
  const keptWithoutGrid: string[] = [];
  for (const [key, row] of before) {
    if (produced.has(key)) continue;
    const noRef = key.startsWith(NO_REF);
    // A "(no ref)" row the last build made from a grid row is the grid's, not the user's: kept only if sampled.
    if (noRef && !filled(row.values.get('sampledBy')) && !filled(row.values.get('ivDate'))) continue;
    const oldItems = cellText(row.values.get('items') ?? null);
    const oldUnits = cellText(row.values.get('units') ?? null);
    const was = [oldUnits !== NOT_ON_A_GRID ? oldUnits : '', oldItems.replace(PREVIOUSLY, '')].filter(Boolean).join(' | ');
    const values = new Map<IndexField, PlanValue>([
      ['ref', row.ref],
      ['date', row.values.get('date') ?? null],
      ['method', row.values.get('method') ?? null],
      ['units', NOT_ON_A_GRID],
      ['items', was !== '' ? `${PREVIOUSLY}${was}` : null],
    ]);
    lines.push({ key, values, old: row, noRef });
    keptWithoutGrid.push(cellText(row.ref));
  }
  // Rows the user filled in without a ref: kept as they are, at the end.
  unkeyed.forEach((row, i) => {
    const values = new Map<IndexField, PlanValue>(INDEX_FIELDS.map((f) => [f, row.values.get(f) ?? null]));
    lines.push({ key: `\u0000${i}`, values, old: row, noRef: true });
  });
  lines.sort((a, b) => (a.noRef === b.noRef ? (a.noRef ? 0 : collator.compare(cellText(a.values.get('ref') as RawCell), cellText(b.values.get('ref') as RawCell))) : a.noRef ? 1 : -1));

  const first = EVIDENCE_INDEX_ROWS.first;
  // In place: the old rows stay in their order (a sort the user made included) with their cells;
  // a new piece of evidence is inserted after the last row whose ref sorts before it.
  const shape = args.previous ? oldIndexShape(args.previous) : null;
  const old = args.previous ?? [];
  type Placed = { line: Line | null; old: number | null };
  let placed: Placed[] = lines.map((line) => ({ line, old: null }));
  let width = INDEX_FIELDS.length + extraHeaders.length;
  if (shape) {
    width = shape.width;
    const byKey = new Map(lines.map((l) => [l.key, l]));
    const seen = new Set<string>();
    const rows: Placed[] = [];
    for (let r = first; r <= shape.last; r++) {
      const key = refKey(old[r]?.[0] ?? null);
      const line = key === '' || seen.has(key) ? undefined : byKey.get(key);
      const duplicate = key === '' || seen.has(key);
      seen.add(key);
      if (line) rows.push({ line, old: r });
      // A "(no ref)" row of a grid row that is gone, with nothing of the user's, goes; other rows stay as they are.
      else if (duplicate || !key.startsWith(NO_REF) || userEntered(old[r] ?? [])) rows.push({ line: null, old: r });
    }
    const placedKeys = new Set(rows.flatMap((p) => (p.line ? [p.line.key] : [])));
    const refText = (p: Placed) => (p.line && !p.line.noRef ? cellText(p.line.values.get('ref') as RawCell) : null);
    const added = lines.filter((l) => !placedKeys.has(l.key) && !l.key.startsWith('\u0000')).map((line): Placed => ({ line, old: null }));
    placed = insertRows(rows, added, (current, p) => {
      if (p.line!.noRef) return current.length - 1;
      const mine = cellText(p.line!.values.get('ref') as RawCell);
      let after = -1;
      let firstRef = -1;
      current.forEach((c, i) => {
        const t = refText(c);
        if (t === null) return;
        if (firstRef < 0) firstRef = i;
        if (collator.compare(t, mine) <= 0) after = i;
      });
      return after >= 0 ? after : (firstRef >= 0 ? firstRef : current.length) - 1;
    });
    // The one blank row of an empty table takes the first new piece of evidence (blank in the index's
    // columns: what the user has beside it on that row stays where it is).
    if (shape.last === first && placed.length > 1 && placed.some((p) => p.old === first && p.line === null) && blankWithin(old, first, width)) {
      placed = placed.filter((p) => p.old !== first);
      const taker = placed.find((p) => p.old === null);
      if (taker) taker.old = first;
    }
  }
  const last = first + Math.max(placed.length, 1) - 1;
  const keep: CellRange[] = [];
  cells.set(EVIDENCE_INDEX_ROWS.title, 0, EVIDENCE_INDEX_TITLE);
  cells.set(1, 0, HEADER.candidate);
  cells.set(1, 1, existing.candidate ?? args.candidate);
  if (shape && filled(old[1]?.[1])) keep.push({ row: 1, col: 1 });
  cells.set(2, 0, HEADER.qualification);
  cells.set(2, 1, args.qualification);
  for (const [r, c, v] of candidateIdCells(args.candidateId)) cells.set(r, c, v);
  if (shape && (args.candidateId ?? '').trim() === '' && filled(old[0]?.[4])) keep.push({ row: 0, col: 4 });
  cells.set(
    EVIDENCE_INDEX_ROWS.note,
    0,
    'One row per piece of evidence. A piece used for several units lists every unit and item it counts for (integration of assessment). Description, location and IV sampling are yours: a rebuild keeps them.',
  );
  INDEX_FIELDS.forEach((f, c) => cells.set(EVIDENCE_INDEX_ROWS.header, c, INDEX_LABELS[f]));
  if (shape) keep.push(...rowRange(EVIDENCE_INDEX_ROWS.header, INDEX_FIELDS.length, width - 1));
  else extraHeaders.forEach((x, i) => cells.set(EVIDENCE_INDEX_ROWS.header, INDEX_FIELDS.length + i, x));
  placed.forEach(({ line, old: oldRow }, i) => {
    const at = first + i;
    if (!line) {
      keep.push(...rowRange(at, 0, width - 1));
      return;
    }
    if (oldRow !== null && !blankWithin(old, oldRow, width)) {
      // The row is on the sheet: the generated cells are written, the user's (and the ref as typed) stay.
      for (const f of INDEX_FIELDS) {
        const v: PlanValue = line.values.get(f) ?? null;
        const was = old[oldRow]?.[col(f)] ?? null;
        // A ref no grid uses now keeps its date and method as they are.
        const carried = line.values.get('units') === NOT_ON_A_GRID && (f === 'date' || f === 'method');
        const users = f === 'ref' || carried || INDEX_USER_FIELDS.includes(f) || (f === 'date' && !filled(v as RawCell));
        if (!line.values.has(f) || (users && (filled(was) || carried || f === 'ref'))) keep.push({ row: at, col: col(f) });
        else cells.set(at, col(f), v);
      }
      keep.push(...rowRange(at, INDEX_FIELDS.length, width - 1));
      return;
    }
    for (const f of INDEX_FIELDS) {
      let v: PlanValue = line.values.get(f) ?? null;
      const was = line.old?.values.get(f);
      if (INDEX_USER_FIELDS.includes(f) && filled(was)) v = was!;
      if (f === 'date' && !filled(v as RawCell) && filled(was)) v = was!;
      cells.set(at, col(f), v);
    }
    extraHeaders.forEach((x, j) => cells.set(at, INDEX_FIELDS.length + j, line.old?.extras.get(x) ?? null));
  });
  if (shape) {
    sheet.blocks.push(...cells.toBlocks(keep));
    sheet.rebuild = { edits: listRowEdits(first, shape.last - first + 1, placed), keep };
  } else {
    if (placed.length === 0) cells.set(first, 0, null);
    sheet.blocks.push(cells.toBlock(width));
  }

  const tableName = uniqueTableName(`Evidence_${cellText(existing.candidate ?? args.candidate) || 'candidate'}`, args.takenNames);
  sheet.tables.push({ name: tableName, range: { row: EVIDENCE_INDEX_ROWS.header, col: 0, endRow: last, endCol: width - 1 }, style: 'TableStyleMedium9', showFilter: true });

  const style = (row: number, c: number, endRow: number, endCol: number, s: CellStyle) => sheet.styles.push({ range: { row, col: c, endRow, endCol }, style: s });
  style(0, 0, 0, 0, { bold: true, fontSize: 14 });
  sheet.styles.push(...candidateIdStyles());
  style(1, 0, 2, 0, { bold: true });
  style(1, 1, 1, 1, { locked: false, border: 'thin' });
  sheet.merges.push({ row: 1, col: 1, endCol: 3 }, { row: 2, col: 1, endCol: 3 }, { row: EVIDENCE_INDEX_ROWS.note, col: 0, endCol: Math.min(width - 1, 6) });
  style(EVIDENCE_INDEX_ROWS.note, 0, EVIDENCE_INDEX_ROWS.note, 0, { italic: true, wrap: true });
  style(EVIDENCE_INDEX_ROWS.header, 0, EVIDENCE_INDEX_ROWS.header, width - 1, { bold: true, wrap: true, vertical: 'bottom' });
  style(first, 0, last, width - 1, { vertical: 'top' });
  style(first, col('ref'), last, col('ref'), { numberFormat: '@', bold: true });
  style(first, col('date'), last, col('date'), { numberFormat: DATE_FORMAT });
  style(first, col('ivDate'), last, col('ivDate'), { numberFormat: DATE_FORMAT });
  style(first, col('description'), last, col('items'), { wrap: true });
  for (const f of INDEX_USER_FIELDS) style(first, col(f), last, col(f), { locked: false });
  if (extraHeaders.length > 0) style(first, INDEX_FIELDS.length, last, width - 1, { locked: false });
  const widths: Record<IndexField, number> = { ref: 12, date: 11, method: 18, description: 40, location: 24, units: 18, items: 40, sampledBy: 14, ivDate: 11 };
  INDEX_FIELDS.forEach((f, c) => sheet.columnWidths.push({ col: c, width: widths[f] }));
  extraHeaders.forEach((_, i) => sheet.columnWidths.push({ col: INDEX_FIELDS.length + i, width: 16 }));
  sheet.rowHeights.push({ row: EVIDENCE_INDEX_ROWS.note, height: 30 });

  sheet.freeze = { rows: EVIDENCE_INDEX_ROWS.header + 1, cols: 1 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: EVIDENCE_INDEX_ROWS.header, to: EVIDENCE_INDEX_ROWS.header } };
  sheet.protection = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: false };
  sheet.tabColor = '#C55A11';
  return { sheet, tableName, entries, keptWithoutGrid };
}

// ---------------------------------------------------------------------------------------------

/** Read an index of evidence (ours, or one headed the same way, as in the SVQ portfolio) for a rebuild. */
export function readEvidenceIndex(values: readonly (readonly RawCell[])[]): Result<EvidenceIndexContent> {
  const read = readLabelledTable(INDEX_TABLE, values);
  if (!read.ok) return read;
  const { headerRow, rows, extras } = read.value;
  const content: EvidenceIndexContent = { rows: [], extraHeaders: extras.map((e) => e.heading) };
  const header = readHeaderBlock(values.slice(0, headerRow));
  if (header.candidate !== undefined) content.candidate = header.candidate;
  // A row without a ref is read too: the user has written something on it.
  for (const row of rows) content.rows.push({ ref: row.cells.get('ref') ?? null, values: row.cells, extras: row.extras });
  return ok(content);
}
