import { fail, ok, problems, type Result } from '../problems';
import { unitItems } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import type { RawCell, SheetValues } from '../workbook/sheetValues';
import { defaultOccasionsOf, isFollowDefaultFormula, ownOccasionsOf } from './headerBlock';
import { emptyContent, rowHasContent, type EvidenceRowContent, type GridContent } from './gridContent';
import {
  EVIDENCE_FIELDS,
  EVIDENCE_SYNONYMS,
  HEADER,
  REMOVED_PREFIX,
  SIGN_OFF,
  SUMMARY_ROWS,
  normaliseLabel,
  type EvidenceField,
} from './layout';

/*
 * Reading a filled grid back: ours, or an assessor's own tracker (a header row of item codes over
 * rows of marks). Columns are found by their header, so reordered, hidden or extra columns read the
 * same; anything not understood is reported, and kept for a rebuild, never silently dropped.
 */

const HEADER_SCAN_ROWS = 60;

/** A header cell as text: numbers typed as codes (1.1) compare as "1.1". */
export function cellText(v: RawCell): string {
  if (v === null) return '';
  return String(v).trim();
}

/** Codes compare case-insensitively, ignoring spaces ("f3.1.1" is "F3.1.1"). */
function codeKey(v: RawCell): string {
  return cellText(v).toLowerCase().replace(/\s+/g, '');
}

type Rows = readonly (readonly RawCell[])[];
const EMPTY_ROW: readonly RawCell[] = [];
function rowAt(values: Rows, r: number): readonly RawCell[] {
  return values[r] ?? EMPTY_ROW;
}

/** Looks like an item code rather than a user's own column title ("Notes"). */
function looksLikeCode(text: string): boolean {
  return /\d/.test(text) && text.length <= 14 && !/\s.*\s/.test(text);
}

type HeaderKey = 'candidate' | 'candidateId' | 'assessor' | 'qualification' | 'qualificationId' | 'unit';

export interface GridHeaderBlock {
  candidate?: string;
  /** ULN, SCN or registration number; absent on sheets built before ids (they still read). */
  candidateId?: string;
  assessor?: string;
  qualification?: string;
  qualificationId?: string;
  unit?: string;
  /** Where each value was found (zero-based), so messages can name the cell. */
  at?: Partial<Record<HeaderKey, { row: number; col: number }>>;
}

/** Longer than any header label (so item texts are never normalised while looking for labels). */
const LABEL_MAX = 40;
const HEADER_LABEL_COLS = 5;
const HEADER_KEYS: ReadonlyMap<string, HeaderKey> = new Map<string, HeaderKey>([
  [normaliseLabel(HEADER.candidate), 'candidate'],
  // The id under our label or the names centres give it.
  ...['Candidate id', 'Candidate ID no.', 'Candidate number', 'ULN', 'SCN', 'Registration number', 'Registration no.'].map((l): [string, HeaderKey] => [normaliseLabel(l), 'candidateId']),
  [normaliseLabel(HEADER.assessor), 'assessor'],
  [normaliseLabel(HEADER.qualification), 'qualification'],
  [normaliseLabel(HEADER.qualificationId), 'qualificationId'],
  [normaliseLabel(HEADER.unit), 'unit'],
]);
// A blank value must not borrow the next label ("Assessor: <blank>  Qualification id: ...").
const HEADER_LABELS: ReadonlySet<string> = new Set(Object.values(HEADER).map((l) => normaliseLabel(l)));

/** The label/value pairs above a grid (ours, or any sheet that labels them the same way). */
/** The cells readHeaderBlock looks at: its rows, and the label columns with the three cells right of each. */
export const HEADER_BLOCK_AREA = { rows: 12, cols: HEADER_LABEL_COLS + 3 } as const;

export function readHeaderBlock(values: Rows, scanRows: number = HEADER_BLOCK_AREA.rows): GridHeaderBlock {
  const found: GridHeaderBlock = {};
  for (let r = 0; r < Math.min(values.length, scanRows); r++) {
    const row = rowAt(values, r);
    // Header-block labels sit at the left (A and D on our sheets): an "Assessor" column heading
    // further right, in a table, is not one.
    for (let c = 0; c < Math.min(row.length, HEADER_LABEL_COLS); c++) {
      const cell = row[c];
      if (typeof cell !== 'string' || cell.length > LABEL_MAX) continue; // labels are short text
      const key = HEADER_KEYS.get(normaliseLabel(cell));
      if (!key || found[key] !== undefined) continue;
      for (let v = c + 1; v < Math.min(row.length, c + 4); v++) {
        const next = row[v];
        if (typeof next === 'string' && next.length <= LABEL_MAX && HEADER_LABELS.has(normaliseLabel(next))) break;
        const value = cellText(row[v] ?? null);
        if (value !== '') {
          found[key] = value;
          (found.at ??= {})[key] = { row: r, col: v };
          break;
        }
      }
    }
  }
  return found;
}

export interface GridColumns {
  headerRow: number;
  fields: Map<EvidenceField, number>;
  /** Item code (as the standard has it) -> column. */
  items: Map<string, number>;
  /** Columns whose header looks like an item code the standard does not know. */
  unknownCodes: { code: string; col: number }[];
  /** Header codes that appear in more than one column (all are read). */
  duplicateCodes: string[];
  /** Every other titled column (the user's own, earlier "no longer in standard" columns). */
  extras: { header: string; col: number }[];
  /** Extra columns for the same item code (read as marks too). */
  itemExtraCols: Map<string, number[]>;
}

export interface ParsedGrid {
  /** The values parsed (coverage reads marks straight from them). */
  values: Rows;
  columns: GridColumns;
  content: GridContent;
  /** Sheet row (zero-based) of each content row, parallel to content.rows. */
  rowNumbers: number[];
  hasDecisionColumn: boolean;
  header: GridHeaderBlock;
}

function findHeaderRow(values: Rows, codes: Map<string, string>): number {
  // A unit with no items (not detailed in the standard): the header is the row of evidence column titles.
  if (codes.size === 0) {
    for (let r = 0; r < Math.min(values.length, HEADER_SCAN_ROWS); r++) {
      const fields = new Set(rowAt(values, r).map((v) => (typeof v === 'string' ? fieldFor(normaliseLabel(v)) : undefined)).filter(Boolean));
      if (fields.size >= 3) return r;
    }
    return -1;
  }
  // Distinct codes, so a row of 1s (occasions needed) never passes for a header; two at least,
  // so a stray number in a table is not taken for item "1".
  let best = -1;
  let bestCount = Math.min(2, codes.size) - 1;
  // A cell much longer than any code (an item's text) cannot be one: skip it without normalising.
  let longest = 0;
  for (const k of codes.keys()) longest = Math.max(longest, k.length);
  const tooLong = longest + 8;
  for (let r = 0; r < Math.min(values.length, HEADER_SCAN_ROWS); r++) {
    const row = rowAt(values, r);
    const matched = new Set<string>();
    for (const v of row) {
      if (v === null || v === '' || typeof v === 'boolean' || (typeof v === 'string' && v.length > tooLong)) continue;
      const k = codeKey(v);
      if (codes.has(k)) matched.add(k);
    }
    const count = matched.size;
    if (count === codes.size) return r; // every code: nothing can beat it
    if (count > bestCount) {
      best = r;
      bestCount = count;
    }
  }
  return best;
}

function fieldFor(label: string): EvidenceField | undefined {
  return EVIDENCE_FIELDS.find((f) => EVIDENCE_SYNONYMS[f].includes(label));
}

const TOTAL_ROW = /^(total|totals|count|counts|coverage)$/;

/** Parse a grid's values (header included) against a unit's items. */
const isBlank = (v: RawCell | undefined): boolean => v === null || v === undefined || v === '' || (typeof v === 'string' && v.trim() === '');

/**
 * Parse a grid's values (header included) against a unit's items. With `content: false` only the
 * columns and evidence row numbers are found (what coverage needs: fast for custom functions);
 * the default also collects everything a rebuild carries over.
 */
export function parseGrid(values: Rows, unit: Unit, options: { content?: boolean; formulas?: SheetValues['formulas'] } = {}): Result<ParsedGrid> {
  const withContent = options.content !== false;
  if (!Array.isArray(values) || values.length === 0) {
    return fail(problems.notAGrid('The range is empty: expected a header row of item codes over rows of evidence marks.'));
  }
  const items = unitItems(unit);
  const codes = new Map(items.map((i) => [codeKey(i.code), i.code]));
  const headerRow = findHeaderRow(values, codes);
  if (headerRow < 0) {
    const examples = items.slice(0, 3).map((i) => i.code).join(', ');
    return fail(
      problems.notAGrid(
        items.length === 0
          ? `Unit ${unit.code} is not detailed in the standard, so it has no item codes to read.`
          : `No header row of item codes for unit ${unit.code} found in the first ${HEADER_SCAN_ROWS} rows: expected a row holding codes such as ${examples}.`,
      ),
    );
  }
  const header = rowAt(values, headerRow);
  const columns: GridColumns = { headerRow, fields: new Map(), items: new Map(), unknownCodes: [], duplicateCodes: [], extras: [], itemExtraCols: new Map() };
  header.forEach((cell, col) => {
    const text = cellText(cell);
    if (text === '') return;
    const code = codes.get(codeKey(cell));
    if (code !== undefined) {
      if (columns.items.has(code)) {
        if (!columns.duplicateCodes.includes(code)) columns.duplicateCodes.push(code);
        columns.itemExtraCols.set(code, [...(columns.itemExtraCols.get(code) ?? []), col]);
      } else columns.items.set(code, col);
      return;
    }
    const field = fieldFor(normaliseLabel(cell));
    if (field && !columns.fields.has(field)) {
      columns.fields.set(field, col);
      return;
    }
    if (!text.startsWith(REMOVED_PREFIX) && looksLikeCode(text)) columns.unknownCodes.push({ code: text, col });
    columns.extras.push({ header: text, col });
  });

  // Rows above the header: our summary rows ("Occasions needed", "Standard").
  const content = emptyContent();
  const labelRowIndex = (label: string) => {
    for (let r = 0; r < headerRow; r++) {
      const row = rowAt(values, r);
      const firstItemCol = Math.min(...[...columns.items.values()], row.length);
      for (let c = 0; c < firstItemCol; c++) if (normaliseLabel(row[c] ?? null) === normaliseLabel(label)) return r;
    }
    return -1;
  };
  const labelRow = (label: string) => {
    const r = labelRowIndex(label);
    return r < 0 ? undefined : rowAt(values, r);
  };
  // The default occasions sit in the header block, left of the item columns (not in the long item texts):
  // a number, else 1, as the sheet's formulas take it.
  const occasionsLabel = normaliseLabel(HEADER.occasions);
  const firstItemCol = Math.min(...columns.items.values());
  for (let r = 0; r < headerRow; r++) {
    const row = rowAt(values, r);
    for (let c = 0; c < Math.min(row.length, firstItemCol); c++) {
      const cell = row[c];
      if (typeof cell !== 'string' || normaliseLabel(cell) !== occasionsLabel) continue;
      content.defaultOccasions = defaultOccasionsOf(row.slice(c + 1, c + 4).find((x) => typeof x === 'number'));
    }
  }
  const neededAt = labelRowIndex(SUMMARY_ROWS.needed);
  const neededRow = neededAt < 0 ? undefined : rowAt(values, neededAt);
  const textRow = labelRow(SUMMARY_ROWS.text);
  for (const [code, col] of columns.items) {
    // An item's own number, unless the cell follows the default cell (our formula; or, where the
    // formulas are not known, the same number as the default): those stay following it on a rebuild.
    const own = ownOccasionsOf(neededRow?.[col]);
    const formula = options.formulas?.[neededAt]?.[col];
    const follows = options.formulas ? isFollowDefaultFormula(formula) : content.defaultOccasions !== undefined && own === content.defaultOccasions;
    if (own !== undefined && !follows) content.needed.set(code, own);
    const t = textRow?.[col];
    if (t !== undefined && t !== null && cellText(t) !== '') content.texts.set(code, cellText(t));
    else if (textRow === undefined) content.texts.set(code, '');
  }

  const headerBlock = readHeaderBlock(values.slice(0, headerRow));
  if (headerBlock.candidate !== undefined) content.candidate = headerBlock.candidate;
  if (headerBlock.assessor !== undefined) content.assessor = headerBlock.assessor;

  // Evidence rows: until the sign-off block; blank rows and totals rows are not evidence.
  const signOffLabels = new Set(Object.values(SIGN_OFF).map((l) => normaliseLabel(l)));
  const signOffHeading = normaliseLabel(SIGN_OFF.heading);
  const rowNumbers: number[] = [];
  const readCols = [...columns.fields.values(), ...columns.items.values(), ...[...columns.itemExtraCols.values()].flat(), ...columns.extras.map((e) => e.col)];
  let r = headerRow + 1;
  for (; r < values.length; r++) {
    const row = rowAt(values, r);
    let first: RawCell | undefined;
    for (const v of row) {
      if (!isBlank(v)) {
        first = v;
        break;
      }
    }
    if (first === undefined) continue;
    const label = typeof first === 'string' ? normaliseLabel(first) : '';
    if (label === signOffHeading) break;
    if (TOTAL_ROW.test(label)) continue;
    if (!withContent) {
      if (readCols.some((c) => !isBlank(row[c]))) rowNumbers.push(r);
      continue;
    }
    const evidence: EvidenceRowContent = { fields: {}, marks: new Map(), extras: new Map() };
    for (const [field, col] of columns.fields) evidence.fields[field] = row[col] ?? null;
    for (const [code, col] of columns.items) {
      const v = row[col] ?? null;
      const extraCols = columns.itemExtraCols.get(code);
      const also = extraCols && isBlank(v) ? extraCols.map((c) => row[c] ?? null).find((x) => !isBlank(x)) : undefined;
      evidence.marks.set(code, also ?? v);
    }
    for (const { header: h, col } of columns.extras) evidence.extras.set(h, row[col] ?? null);
    if (!rowHasContent(evidence)) continue;
    content.rows.push(evidence);
    rowNumbers.push(r);
  }
  // Sign-off values by label.
  for (; r < values.length; r++) {
    const row = rowAt(values, r);
    row.forEach((cell, c) => {
      const label = normaliseLabel(cell);
      if (!signOffLabels.has(label) || label === normaliseLabel(SIGN_OFF.heading)) return;
      const original = Object.values(SIGN_OFF).find((l) => normaliseLabel(l) === label)!;
      const value = row.slice(c + 1).find((x) => cellText(x ?? null) !== '');
      if (value !== undefined) content.signOff.set(original, value);
    });
  }
  content.extraHeaders = columns.extras.map((e) => e.header);
  return ok({ values, columns, content, rowNumbers, hasDecisionColumn: columns.fields.has('decision'), header: headerBlock });
}
