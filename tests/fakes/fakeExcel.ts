/*
 * A recording fake of the part of the Excel JavaScript API (office-js) that VQ Matrix uses.
 *
 * Why not office-addin-mock: that mock is not a model of Excel (each method is hand-written mock
 * data and an unloaded property reads as an error string), so code that would fail in Excel can
 * pass against it. This fake models Excel where our code could go wrong:
 *
 *  - Queueing. Every property write, method call and load on a proxy is queued on its
 *    RequestContext and only executed at `context.sync()` (or at the end of `run`, which syncs any
 *    leftovers like Excel.run does), in order. The first failing action rejects the sync with a
 *    FakeOfficeError (`code` like office-js: InvalidArgument, ItemNotFound, ...); the actions
 *    before it stay applied, the rest are dropped. A batch that throws applies nothing it had
 *    not synced. Proxies cannot be used after their `run` has finished.
 *  - Loading. Reading a property that was not `load`ed and synced throws PropertyNotLoaded;
 *    `isNullObject` of an *OrNullObject proxy throws until a sync has resolved it.
 *  - Input like typing. Strings written through `values`/`formulas` are parsed as Excel parses
 *    typed input unless the cell's number format is "@" (text): "=..." becomes a formula,
 *    "+x"/"-x"/"@x" become formulas, "1.10" becomes 1.1, "TRUE" a boolean, "2024-01-31" a date
 *    serial, "'x" loses its apostrophe. `null` inside a 2-D array leaves that cell unchanged.
 *    A 2-D array whose shape differs from the range throws.
 *  - Rules Excel enforces: sheet names (<= 31 chars, none of []:*?/\, not blank, no leading or
 *    trailing apostrophe, unique ignoring case), the last visible sheet cannot be deleted, table
 *    and defined names (valid, unique across both, ignoring case), tables may not overlap each
 *    other or merged cells, table headers become unique text, a merge keeps only its top-left
 *    value, a protected sheet refuses edits of locked cells and format/structure changes it does
 *    not allow, a sheet cannot be protected twice, list validation sources <= 255 chars; table
 *    filters and sorts (table.columns[..].filter, table.clearFilters, table.sort.apply) are refused
 *    on a protected sheet whatever allowAutoFilter/allowSort say (OfficeDev/office-js#2135), and a
 *    sheet protected with a password only unprotects with it.
 *  - Recording. Each sync's payload is measured as the UTF-8 length of the JSON of the actions
 *    queued since the previous sync ({o: object path, a: action, p: property, v: argument}), so
 *    tests can bound request sizes; syncs, actions and bytes are counted in `stats`. What a sync's
 *    loads return is measured the same way, and a response over Excel on the web's 5 MB limit
 *    rejects the sync (ResponsePayloadSizeLimitExceeded) with nothing it loaded readable.
 *
 * It keeps workbook state (cells with value/formula/number format/font/fill/alignment/borders/
 * locked, merges, column widths and hidden columns, row heights, validations, conditional formats,
 * tables, names, freeze panes, page layout, protection, tab colour, auto filter, charts) that tests
 * read through the returned handle.
 *
 * Charts are minimal and recorded, not drawn: `worksheet.charts.add(type, range, seriesBy)` (the
 * range must be on the sheet and valid; every column (seriesBy Columns/Auto) or row (Rows) of it
 * becomes a series, no header or category detection), `chart.name` (unique on the sheet),
 * `chart.title.text`, `chart.legend.visible`, `chart.setPosition(start, end?)`,
 * `chart.series.getItemAt(i)` / `.add(name)`, `series.name`, `series.setValues(range)`,
 * `series.setXAxisValues(range)`.
 *
 * Not modelled (documented so nobody relies on it): formula calculation (a formula's value comes
 * from `options.evaluate`, default: literal constants, else 0, computed once when written),
 * conditional-format priority semantics, locale-specific input parsing beyond en-US, chart
 * formatting and axes, events, `tables.add(..., false)` (throws FakeLimitation). Format writes over more than
 * 2,000,000 cells throw FakeLimitation rather than pretend.
 */
import { columnLetter } from '../../src/domain/workbook/a1';
import type { StructuralEdit } from '../../src/domain/workbook/plan';
import type { RawCell } from '../../src/domain/workbook/sheetValues';
// The same reference arithmetic as the adapters: it is unit-tested against Excel's documented behaviour
// (tests/domain/workbook/structuralEdits.test.ts), and the fake's own tests check the effects here.
import { mapIndex, mapRange, shiftFormula } from '../../src/domain/workbook/structuralEdits';

// ---------------------------------------------------------------------------------------------
// Errors

export type FakeErrorCode =
  | 'PropertyNotLoaded'
  | 'InvalidArgument'
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'InvalidOperation'
  | 'AccessDenied'
  | 'InvalidObjectPath'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'FakeLimitation';

/** Shaped like OfficeExtension.Error: a `code` to branch on and a message. */
export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: FakeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: FakeErrorCode, message: string): never => {
  throw new FakeOfficeError(code, message);
};

// ---------------------------------------------------------------------------------------------
// Geometry: zero-based, inclusive rectangles and A1 addresses

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
const MAX_FORMAT_CELLS = 2_000_000;

export interface Rect {
  row: number;
  col: number;
  endRow: number;
  endCol: number;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Zero-based column -> "A", "XFD": the domain's formatter (tested on its own in tests/domain/workbook/a1.test.ts). */
export const columnName = columnLetter;

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?(\d{1,7})$/;

/** "B2", "$B$2:C3", "C:E", "3:5" (no sheet) -> rectangle; throws InvalidArgument otherwise. */
export function parseRef(ref: string): Rect {
  const parts = ref.trim().split(':');
  const bad = (): never => fail('InvalidArgument', `The address '${ref}' is not valid.`);
  if (parts.length < 1 || parts.length > 2) return bad();
  const a = parts[0] ?? '';
  const b = parts[1] ?? a;
  let rect: Rect;
  const ca = CELL_RE.exec(a);
  const cb = CELL_RE.exec(b);
  if (ca && cb) {
    const r1 = Number(ca[2]) - 1;
    const r2 = Number(cb[2]) - 1;
    const c1 = columnIndex(ca[1] ?? '');
    const c2 = columnIndex(cb[1] ?? '');
    rect = { row: Math.min(r1, r2), col: Math.min(c1, c2), endRow: Math.max(r1, r2), endCol: Math.max(c1, c2) };
  } else if (parts.length === 2 && COL_RE.test(a) && COL_RE.test(b)) {
    const c1 = columnIndex(a.replace(/\$/g, ''));
    const c2 = columnIndex(b.replace(/\$/g, ''));
    rect = { row: 0, col: Math.min(c1, c2), endRow: MAX_ROWS - 1, endCol: Math.max(c1, c2) };
  } else if (parts.length === 2 && ROW_RE.test(a) && ROW_RE.test(b)) {
    const r1 = Number(a.replace(/\$/g, '')) - 1;
    const r2 = Number(b.replace(/\$/g, '')) - 1;
    rect = { row: Math.min(r1, r2), col: 0, endRow: Math.max(r1, r2), endCol: MAX_COLS - 1 };
  } else {
    return bad();
  }
  if (rect.row < 0 || rect.endRow >= MAX_ROWS || rect.col < 0 || rect.endCol >= MAX_COLS) return bad();
  return rect;
}

/** Rectangle -> "A1", "A1:C3", "C:E" or "3:5"; `absolute` adds "$". */
export function refOf(rect: Rect, absolute = false): string {
  const d = absolute ? '$' : '';
  const fullCols = rect.row === 0 && rect.endRow === MAX_ROWS - 1;
  const fullRows = rect.col === 0 && rect.endCol === MAX_COLS - 1;
  if (fullCols && !fullRows) return `${d}${columnName(rect.col)}:${d}${columnName(rect.endCol)}`;
  if (fullRows && !fullCols) return `${d}${rect.row + 1}:${d}${rect.endRow + 1}`;
  const a = `${d}${columnName(rect.col)}${d}${rect.row + 1}`;
  if (rect.row === rect.endRow && rect.col === rect.endCol) return a;
  return `${a}:${d}${columnName(rect.endCol)}${d}${rect.endRow + 1}`;
}

/** A sheet name as Excel writes it in an address: quoted unless it is a plain identifier. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'My sheet'!A1:B2" -> { sheet: "My sheet", ref: "A1:B2" }; no "!" -> sheet null. */
export function splitSheetRef(address: string): { sheet: string | null; ref: string } {
  const a = address.trim();
  if (a.startsWith("'")) {
    const m = /^'((?:[^']|'')+)'!(.+)$/.exec(a);
    if (!m) return fail('InvalidArgument', `The address '${address}' is not valid.`);
    return { sheet: (m[1] ?? '').replace(/''/g, "'"), ref: m[2] ?? '' };
  }
  const bang = a.lastIndexOf('!');
  if (bang < 0) return { sheet: null, ref: a };
  return { sheet: a.slice(0, bang), ref: a.slice(bang + 1) };
}

const intersects = (a: Rect, b: Rect): boolean => a.row <= b.endRow && b.row <= a.endRow && a.col <= b.endCol && b.col <= a.endCol;
const sameRect = (a: Rect, b: Rect): boolean => a.row === b.row && a.col === b.col && a.endRow === b.endRow && a.endCol === b.endCol;
const rowsOf = (r: Rect): number => r.endRow - r.row + 1;
const colsOf = (r: Rect): number => r.endCol - r.col + 1;
const isFullColumns = (r: Rect): boolean => r.row === 0 && r.endRow === MAX_ROWS - 1;
const isFullRows = (r: Rect): boolean => r.col === 0 && r.endCol === MAX_COLS - 1;

// ---------------------------------------------------------------------------------------------
// Workbook state (what tests read back)

export type BorderSide = 'top' | 'bottom' | 'left' | 'right' | 'diagonalDown' | 'diagonalUp';

export interface FakeCell {
  /** What `values` returns: '' when empty; a formula cell holds its evaluated result. */
  value: RawCell;
  formula: string | null;
  numberFormat: string;
  font: { bold?: boolean; italic?: boolean; size?: number; color?: string; name?: string };
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  textOrientation?: number;
  borders: Partial<Record<BorderSide, { style: string; weight: string; color?: string }>>;
  locked: boolean;
  formulaHidden: boolean;
  /**
   * A note (Excel's classic comment) and a hyperlink are cell state: they move with the cell when
   * rows or columns are inserted or deleted and go with the sheet
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.note,
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-hyperlink-member).
   * Tests set them through the handle's `decorate`; the adapter never writes them.
   */
  note?: string;
  hyperlink?: { address?: string; textToDisplay?: string };
}

export interface FakeValidation {
  rect: Rect;
  rule: Record<string, unknown>;
  ignoreBlanks: boolean;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
}

export interface FakeConditionalFormat {
  id: number;
  rect: Rect;
  type: string;
  stopIfTrue: boolean;
  /** Custom rule formula (type Custom). */
  formula?: string;
  format: { fill?: string; fontColor?: string; bold?: boolean; italic?: boolean };
  dataBar?: { fillColor?: string; gradientFill?: boolean; barDirection?: string };
}

export interface FakeSheet {
  readonly id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** '' when none. */
  tabColor: string;
  cells: Map<number, FakeCell>;
  merges: Rect[];
  /** Points, like office-js `format.columnWidth`. */
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  hiddenColumns: Set<number>;
  hiddenRows: Set<number>;
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  freeze: { rows: number; cols: number };
  pageLayout: {
    orientation: 'Portrait' | 'Landscape';
    zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
    printTitleRows: string | null;
  };
  /** `password` only when one was given (it is needed to unprotect). */
  protection: { protected: boolean; options: Record<string, boolean>; password?: string };
  autoFilter: Rect | null;
  charts: FakeChart[];
}

export interface FakeChartSeries {
  name: string;
  values: Rect;
  /** Category (x-axis) values; null until set. */
  xValues: Rect | null;
}

export interface FakeChart {
  readonly id: string;
  name: string;
  type: string;
  seriesBy: 'Auto' | 'Columns' | 'Rows';
  /** The range the chart was added over. */
  source: Rect;
  title: string;
  legendVisible: boolean;
  /** Top-left to bottom-right cell, once setPosition was called. */
  position: Rect | null;
  series: FakeChartSeries[];
}

export interface FakeTable {
  readonly id: string;
  name: string;
  sheetId: string;
  rect: Rect;
  style: string;
  showFilterButton: boolean;
  showHeaders: boolean;
  /** Values filters by column index (0 = the table's first column), as applied. */
  filters?: Record<number, string[]>;
  /** The last sort applied: column indexes and direction. */
  sort?: { key: number; ascending: boolean }[];
}

export interface FakeName {
  name: string;
  comment: string;
  visible: boolean;
  /** A name that refers to a range; its formula follows renames and becomes #REF! on delete. */
  target: { sheetId: string; rect: Rect } | null;
  /** The formula of a name that is not a plain range reference. */
  constant: string;
}

export interface FakeSyncLogEntry {
  bytes: number;
  actions: number;
  /** The sync Excel.run makes itself for actions left queued when the batch returns. */
  implicit: boolean;
  calculationSuspended: boolean;
  /** UTF-8 bytes of the JSON of everything the sync's loads returned. */
  responseBytes: number;
}

export interface FakeStats {
  runs: number;
  syncs: number;
  actions: number;
  totalBytes: number;
  maxSyncBytes: number;
  /** The largest response a sync returned (loaded properties, measured as JSON). */
  maxResponseBytes: number;
  log: FakeSyncLogEntry[];
}

/**
 * Excel on the web refuses a response larger than 5 MB ("Excel on the web has a payload size limit
 * for requests and responses of 5MB. RichAPI.Error will be triggered if that limit is exceeded."
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 * with code ResponsePayloadSizeLimitExceeded (Excel.ErrorCodes). Taken as 5,000,000 bytes, the
 * harsher reading of "5MB".
 */
export const RESPONSE_LIMIT_BYTES = 5_000_000;

const DEFAULT_COLUMN_WIDTH = 48; // points: 8.43 characters of Calibri 11 = 64 px
const DEFAULT_ROW_HEIGHT = 15; // points

function blankCell(): FakeCell {
  return { value: '', formula: null, numberFormat: 'General', font: {}, borders: {}, locked: true, formulaHidden: false };
}

const cellKey = (row: number, col: number): number => row * MAX_COLS + col;

// ---------------------------------------------------------------------------------------------
// Typed-input parsing: what Excel does with a string written through `values` / `formulas`

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serialOf = (y: number, m: number, d: number): number | null => {
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return Math.round((t - EXCEL_EPOCH) / 86_400_000);
};

export type TypedInput =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; format?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'formula'; formula: string };

/** How Excel (en-US) reads a typed string in a cell that is not formatted as text. */
export function parseTypedInput(s: string): TypedInput {
  if (s === '') return { kind: 'text', text: '' };
  const t = s.trim();
  if (s.startsWith('=')) {
    if (s.length === 1) return fail('InvalidArgument', 'The formula "=" is not valid.');
    return { kind: 'formula', formula: s };
  }
  if (s.startsWith("'")) return { kind: 'text', text: s.slice(1) };
  if (/^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d*)?([eE][+-]?\d+)?$/.test(t) || /^[+-]?\.\d+([eE][+-]?\d+)?$/.test(t)) {
    return { kind: 'number', value: Number(t.replace(/,/g, '')) };
  }
  if (s.startsWith('+') || s.startsWith('-')) return { kind: 'formula', formula: `=${s}` };
  if (s.startsWith('@')) return { kind: 'formula', formula: `=${s.slice(1)}` };
  const pct = /^([+-]?\d+(\.\d+)?)\s*%$/.exec(t);
  if (pct) return { kind: 'number', value: Number(pct[1]) / 100, format: '0%' };
  if (/^(true|false)$/i.test(t)) return { kind: 'boolean', value: t.toLowerCase() === 'true' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) {
    const serial = serialOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (serial !== null) return { kind: 'number', value: serial, format: 'yyyy-mm-dd' };
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (us) {
    const serial = serialOf(Number(us[3]), Number(us[1]), Number(us[2]));
    if (serial !== null) return { kind: 'number', value: serial, format: 'm/d/yyyy' };
  }
  const time = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (time && Number(time[1]) < 24 && Number(time[2]) < 60) {
    return { kind: 'number', value: (Number(time[1]) * 60 + Number(time[2])) / 1440, format: 'h:mm' };
  }
  return { kind: 'text', text: s };
}

/** Default formula "calculation": literal constants only (="x", =12, =TRUE), else 0. */
function literalEvaluate(formula: string): RawCell {
  const body = formula.slice(1).trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(body)) return Number(body);
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return (str[1] ?? '').replace(/""/g, '"');
  if (/^(true|false)$/i.test(body)) return body.toLowerCase() === 'true';
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Validation helpers shared by several objects

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  gray: '#808080',
  grey: '#808080',
};

function normaliseColor(v: unknown, what: string): string {
  if (typeof v !== 'string') return fail('InvalidArgument', `${what}: a colour must be a string.`);
  if (/^#[0-9A-Fa-f]{6}$/.test(v)) return v.toUpperCase();
  const named = NAMED_COLORS[v.toLowerCase()];
  return named ?? fail('InvalidArgument', `${what}: '${v}' is not a colour.`);
}

function expectBoolean(v: unknown, what: string): boolean {
  return typeof v === 'boolean' ? v : fail('InvalidArgument', `${what} must be a boolean.`);
}

function expectNumber(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) return fail('InvalidArgument', `${what} must be a number from ${min} to ${max}.`);
  return v;
}

function expectOneOf<T extends string>(v: unknown, what: string, allowed: readonly T[]): T {
  return allowed.includes(v as T) ? (v as T) : fail('InvalidArgument', `${what}: '${String(v)}' is not one of ${allowed.join(', ')}.`);
}

/** Sheet-name rules Excel enforces. */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'a sheet name cannot be blank';
  if (name.length > 31) return 'a sheet name cannot be longer than 31 characters';
  if (/[[\]:*?/\\]/.test(name)) return 'a sheet name cannot contain [ ] : * ? / \\';
  if (name.startsWith("'") || name.endsWith("'")) return 'a sheet name cannot begin or end with an apostrophe';
  if (name.toLowerCase() === 'history') return "'History' is reserved";
  return null;
}

/** Rules shared by table names and defined names. */
export function definedNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'a name cannot be blank';
  if (name.length > 255) return 'a name cannot be longer than 255 characters';
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return 'a name must start with a letter, _ or \\ and contain only letters, digits, _ and .';
  if (/^[A-Za-z]{1,3}\d+$/.test(name) && columnIndex(name.replace(/\d+$/, '')) < MAX_COLS) return 'a name cannot look like a cell reference';
  if (/^[Rr]\d*[Cc]?\d*$/.test(name) || /^[Cc]\d*$/.test(name)) return 'a name cannot look like an R1C1 reference';
  return null;
}

const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'] as const;
type BorderIndex = (typeof BORDER_INDEXES)[number];
const BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'] as const;
const BORDER_WEIGHTS = ['Hairline', 'Thin', 'Medium', 'Thick'] as const;
const H_ALIGN = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'] as const;
const V_ALIGN = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'] as const;
const CF_TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'] as const;
const PROTECTION_OPTIONS = [
  'allowAutoFilter',
  'allowDeleteColumns',
  'allowDeleteRows',
  'allowEditObjects',
  'allowEditScenarios',
  'allowFormatCells',
  'allowFormatColumns',
  'allowFormatRows',
  'allowInsertColumns',
  'allowInsertHyperlinks',
  'allowInsertRows',
  'allowPivotTables',
  'allowSort',
  'selectionMode',
] as const;

// ---------------------------------------------------------------------------------------------
// The workbook model and the operations actions perform on it

export interface FakeExcelOptions {
  /** Sheets the workbook starts with (default ["Sheet1"]). */
  sheets?: string[];
  /** Computes a formula's value when it is written (default: literal constants, else 0). */
  evaluate?: (formula: string, where: { sheet: string; row: number; col: number }) => RawCell;
  /** Largest response a sync may return (default RESPONSE_LIMIT_BYTES, Excel on the web's). */
  responseLimitBytes?: number;
  /**
   * Whether a fit-to-pages `pageLayout.zoom` takes effect. Default false: Excel has been seen to
   * ignore it (OfficeDev/office-js#1860: horizontalFitToPages is not set unless the Page Layout tab
   * is selected), so by default the fake keeps the zoom it had, while a percentage scale applies.
   */
  fitToPagesApplies?: boolean;
}

class Model {
  sheets: FakeSheet[] = [];
  names: FakeName[] = [];
  tables: FakeTable[] = [];
  activeSheetId = '';
  private nextId = 1;
  /** Test hook: the action that many actions from now fails (see FakeExcel.failAtAction). */
  failCountdown: number | null = null;
  /** Test hook: each executed action as "object path.property or method", when tracing. */
  trace: string[] | null = null;

  /** This model's workbook state made a deep copy of another's (FakeExcel.clone). */
  copyFrom(other: Model): void {
    const state = structuredClone({ sheets: other.sheets, names: other.names, tables: other.tables });
    this.sheets = state.sheets;
    this.names = state.names;
    this.tables = state.tables;
    this.activeSheetId = other.activeSheetId;
    this.nextId = other.nextId;
  }
  readonly stats: FakeStats = { runs: 0, syncs: 0, actions: 0, totalBytes: 0, maxSyncBytes: 0, maxResponseBytes: 0, log: [] };


  constructor(
    readonly evaluate: NonNullable<FakeExcelOptions['evaluate']>,
    readonly responseLimit = RESPONSE_LIMIT_BYTES,
    readonly fitToPagesApplies = false,
  ) {}

  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  findSheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  nameTaken(name: string, except?: FakeTable | FakeName): boolean {
    const lower = name.toLowerCase();
    return this.tables.some((t) => t !== except && t.name.toLowerCase() === lower) || this.names.some((n) => n !== except && n.name.toLowerCase() === lower);
  }

  addSheet(name?: string): FakeSheet {
    let finalName = name;
    if (finalName === undefined) {
      let n = 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    }
    const problem = sheetNameProblem(finalName);
    if (problem) fail('InvalidArgument', `Cannot add sheet '${finalName}': ${problem}.`);
    if (this.findSheet(finalName)) fail('ItemAlreadyExists', `A sheet named '${finalName}' already exists.`);
    const sheet: FakeSheet = {
      id: this.newId('sheet'),
      name: finalName,
      visibility: 'Visible',
      tabColor: '',
      cells: new Map(),
      merges: [],
      columnWidths: new Map(),
      rowHeights: new Map(),
      hiddenColumns: new Set(),
      hiddenRows: new Set(),
      validations: [],
      conditionalFormats: [],
      freeze: { rows: 0, cols: 0 },
      pageLayout: { orientation: 'Portrait', zoom: { scale: 100 }, printTitleRows: null },
      protection: { protected: false, options: {} },
      autoFilter: null,
      charts: [],
    };
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  /**
   * Renaming a sheet rewrites every formula that refers to it, so they keep pointing at the same
   * cells ("Excel automatically updates references to the renamed sheet":
   * https://support.microsoft.com/en-us/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9).
   * Names follow the sheet by identity (nameFormula).
   */
  renameSheet(sheet: FakeSheet, name: unknown): void {
    const problem = sheetNameProblem(name);
    if (problem) fail('InvalidArgument', `Cannot rename sheet '${sheet.name}': ${problem}.`);
    const other = this.findSheet(name as string);
    if (other && other !== sheet) fail('ItemAlreadyExists', `A sheet named '${String(name)}' already exists.`);
    const old = sheet.name;
    sheet.name = name as string;
    if (old !== sheet.name) this.rewriteSheetReferences(old, () => `${quoteSheetName(sheet.name)}!`);
  }

  /**
   * Deleting a sheet turns every formula reference to it into #REF! (the cell then shows #REF!):
   * https://support.microsoft.com/en-us/office/how-to-correct-a-ref-error-822c8e46-e610-4d02-bb2b-3a9ecf2f0f35.
   * Names into it become =#REF! (nameFormula), as Excel keeps them broken rather than removing them.
   */
  deleteSheet(sheet: FakeSheet): void {
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (sheet.visibility === 'Visible' && visible.length <= 1) fail('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.tables = this.tables.filter((t) => t.sheetId !== sheet.id);
    this.rewriteSheetReferences(sheet.name, () => '#REF!');
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === 'Visible')?.id ?? '';
  }

  /** Replace the "Sheet!" / "'My sheet'!" prefix of every reference to `sheetName` in every formula. */
  rewriteSheetReferences(sheetName: string, prefix: () => string): void {
    const lower = sheetName.toLowerCase();
    const re = /(^|[^\w.'\]])('(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/g;
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (!cell.formula) continue;
        let broken = false;
        const f = cell.formula.replace(re, (whole, before: string, name: string) => {
          const plain = name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
          if (plain.toLowerCase() !== lower) return whole;
          const p = prefix();
          if (p === '#REF!') broken = true;
          return `${before}${p}`;
        });
        if (f !== cell.formula) {
          cell.formula = f;
          if (broken) cell.value = '#REF!';
        }
      }
    }
  }

  /**
   * Whole rows or columns inserted or deleted (Range.insert / Range.delete,
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-insert-member(1)):
   * cells move with everything they hold (value, formula, format, note, link); references in every
   * formula and name follow the cells and become #REF! when their cells are deleted ("Formulas with
   * cell references automatically adjust after insertion":
   * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-ranges-insert;
   * deleted references: https://support.microsoft.com/en-us/office/how-to-correct-a-ref-error-822c8e46-e610-4d02-bb2b-3a9ecf2f0f35);
   * merges, validations, conditional formats, tables and the AutoFilter move, grow or shrink with
   * them. Excel refuses to push non-blank cells off the sheet.
   */
  shiftCells(sheet: FakeSheet, edit: StructuralEdit): void {
    const limit = edit.axis === 'rows' ? MAX_ROWS : MAX_COLS;
    const moved = new Map<number, FakeCell>();
    for (const [key, cell] of sheet.cells) {
      const row = Math.floor(key / MAX_COLS);
      const col = key % MAX_COLS;
      const r = edit.axis === 'rows' ? mapIndex(row, 'rows', [edit]) : row;
      const c = edit.axis === 'columns' ? mapIndex(col, 'columns', [edit]) : col;
      if (r === null || c === null) continue;
      if ((edit.axis === 'rows' ? r : c) >= limit) {
        if (cell.value !== '' || cell.formula !== null) fail('InvalidOperation', 'To prevent possible loss of data, Excel cannot shift nonblank cells off of the worksheet.');
        continue;
      }
      moved.set(cellKey(r, c), cell);
    }
    sheet.cells = moved;
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (!cell.formula) continue;
        const f = shiftFormula(cell.formula, sheet.name, s === sheet, [edit]);
        if (f === cell.formula) continue;
        cell.formula = f;
        if (f.includes('#REF!')) cell.value = '#REF!';
      }
    }
    const move = (rect: Rect): Rect | null => {
      const full = edit.axis === 'rows' ? isFullColumns(rect) : isFullRows(rect);
      if (full) return rect;
      const m = mapRange(rect, [edit]);
      return m ? { row: m.row, col: m.col, endRow: Math.min(m.endRow ?? m.row, MAX_ROWS - 1), endCol: Math.min(m.endCol ?? m.col, MAX_COLS - 1) } : null;
    };
    for (const n of this.names) {
      if (n.target?.sheetId !== sheet.id) continue;
      const r = move(n.target.rect);
      if (r) n.target.rect = r;
      else {
        n.target = null;
        n.constant = '=#REF!';
      }
    }
    sheet.merges = sheet.merges.flatMap((m) => {
      const r = move(m);
      return r && (r.endRow > r.row || r.endCol > r.col) ? [r] : [];
    });
    sheet.validations = sheet.validations.flatMap((v) => {
      const r = move(v.rect);
      return r ? [{ ...v, rect: r }] : [];
    });
    sheet.conditionalFormats = sheet.conditionalFormats.flatMap((c) => {
      const r = move(c.rect);
      return r ? [{ ...c, rect: r }] : [];
    });
    for (const t of this.tables) {
      if (t.sheetId !== sheet.id) continue;
      const r = move(t.rect);
      if (r) t.rect = r;
      else this.tables = this.tables.filter((x) => x !== t);
    }
    if (sheet.autoFilter) sheet.autoFilter = move(sheet.autoFilter);
    const remap = <T>(map: Map<number, T>, axis: StructuralEdit['axis']): Map<number, T> => {
      if (edit.axis !== axis) return map;
      const out = new Map<number, T>();
      for (const [i, v] of map) {
        const j = mapIndex(i, axis, [edit]);
        if (j !== null && j < limit) out.set(j, v);
      }
      return out;
    };
    sheet.columnWidths = remap(sheet.columnWidths, 'columns');
    sheet.rowHeights = remap(sheet.rowHeights, 'rows');
    sheet.hiddenColumns = new Set(remap(new Map([...sheet.hiddenColumns].map((c) => [c, true])), 'columns').keys());
    sheet.hiddenRows = new Set(remap(new Map([...sheet.hiddenRows].map((r) => [r, true])), 'rows').keys());
  }

  moveSheet(sheet: FakeSheet, position: unknown): void {
    const p = expectNumber(position, 'Worksheet.position', 0, this.sheets.length - 1);
    if (!Number.isInteger(p)) fail('InvalidArgument', 'Worksheet.position must be an integer.');
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.sheets.splice(p, 0, sheet);
  }

  cell(sheet: FakeSheet, row: number, col: number): FakeCell {
    const key = cellKey(row, col);
    let c = sheet.cells.get(key);
    if (!c) {
      c = blankCell();
      sheet.cells.set(key, c);
    }
    return c;
  }

  peek(sheet: FakeSheet, row: number, col: number): FakeCell | undefined {
    return sheet.cells.get(cellKey(row, col));
  }

  forEachCell(sheet: FakeSheet, rect: Rect, what: string, fn: (cell: FakeCell, row: number, col: number) => void): void {
    if (rowsOf(rect) * colsOf(rect) > MAX_FORMAT_CELLS) fail('FakeLimitation', `${what} over ${refOf(rect)} touches too many cells for the fake.`);
    for (let r = rect.row; r <= rect.endRow; r++) for (let c = rect.col; c <= rect.endCol; c++) fn(this.cell(sheet, r, c), r, c);
  }

  /** The value of `get(cell)` if every cell of the rectangle agrees, else null (as Excel reports). */
  uniform<T>(sheet: FakeSheet, rect: Rect, get: (cell: FakeCell) => T): T | null {
    if (rowsOf(rect) * colsOf(rect) > MAX_FORMAT_CELLS) fail('FakeLimitation', `Reading ${refOf(rect)} touches too many cells for the fake.`);
    let first = true;
    let value: T | null = null;
    for (let r = rect.row; r <= rect.endRow; r++) {
      for (let c = rect.col; c <= rect.endCol; c++) {
        const v = get(this.peek(sheet, r, c) ?? blankCell());
        if (first) {
          value = v;
          first = false;
        } else if (v !== value) return null;
      }
    }
    return value;
  }

  matrix<T>(sheet: FakeSheet, rect: Rect, get: (cell: FakeCell) => T): T[][] {
    if (rowsOf(rect) * colsOf(rect) > MAX_FORMAT_CELLS) fail('FakeLimitation', `Reading ${refOf(rect)} touches too many cells for the fake.`);
    const out: T[][] = [];
    const blank = blankCell();
    for (let r = rect.row; r <= rect.endRow; r++) {
      const row: T[] = [];
      for (let c = rect.col; c <= rect.endCol; c++) row.push(get(this.peek(sheet, r, c) ?? blank));
      out.push(row);
    }
    return out;
  }

  assertCellsEditable(sheet: FakeSheet, rect: Rect, data: unknown[][]): void {
    if (!sheet.protection.protected) return;
    for (let i = 0; i < data.length; i++) {
      const row = data[i] ?? [];
      for (let j = 0; j < row.length; j++) {
        if (row[j] === null || row[j] === undefined) continue;
        const cell = this.peek(sheet, rect.row + i, rect.col + j);
        if (!cell || cell.locked) fail('AccessDenied', `The cell ${columnName(rect.col + j)}${rect.row + i + 1} on '${sheet.name}' is locked and the sheet is protected.`);
      }
    }
  }

  /**
   * Excel refuses filtering and sorting inside a table on a protected sheet, whatever
   * allowAutoFilter/allowSort say: those options only cover ranges outside tables
   * (OfficeDev/office-js#2135).
   */
  assertTableFilterAllowed(table: FakeTable, what: string): void {
    const sheet = this.sheetById(table.sheetId) as FakeSheet;
    if (sheet.protection.protected) fail('AccessDenied', `${what} in table ${table.name} is not allowed: '${sheet.name}' is protected (table filters and sorts are refused on a protected sheet, allowAutoFilter or not).`);
  }

  assertNotProtected(sheet: FakeSheet, what: string, allowedBy?: string): void {
    if (!sheet.protection.protected) return;
    if (allowedBy && sheet.protection.options[allowedBy]) return;
    fail('AccessDenied', `${what} is not allowed: '${sheet.name}' is protected.`);
  }

  checkShape(rect: Rect, data: unknown, what: string): unknown[][] {
    if (!Array.isArray(data) || !data.every((r) => Array.isArray(r))) return fail('InvalidArgument', `${what} must be set to a two-dimensional array.`);
    const rows = data as unknown[][];
    if (rows.length !== rowsOf(rect) || rows.some((r) => r.length !== colsOf(rect))) {
      return fail('InvalidArgument', `${what}: the number of rows or columns in the input array doesn't match the size or dimensions of the range ${refOf(rect)}.`);
    }
    return rows;
  }

  /** `values` and `formulas` writes: every string is read as typed input unless the cell is "@". */
  writeInputs(sheet: FakeSheet, rect: Rect, data: unknown, what: string): void {
    const rows = this.checkShape(rect, data, what);
    this.assertCellsEditable(sheet, rect, rows);
    rows.forEach((rowData, i) =>
      rowData.forEach((input, j) => {
        if (input === null || input === undefined) return; // null in a 2-D array leaves the cell alone
        const row = rect.row + i;
        const col = rect.col + j;
        const cell = this.cell(sheet, row, col);
        if (typeof input === 'number') {
          if (!Number.isFinite(input)) fail('InvalidArgument', `${what}: ${input} is not a valid cell value.`);
          cell.value = input;
          cell.formula = null;
        } else if (typeof input === 'boolean') {
          cell.value = input;
          cell.formula = null;
        } else if (typeof input === 'string') {
          if (input.length > 32_767) fail('InvalidArgument', `${what}: a cell holds at most 32,767 characters.`);
          if (cell.numberFormat === '@') {
            cell.value = input;
            cell.formula = null;
            return;
          }
          const typed = parseTypedInput(input);
          if (typed.kind === 'formula') {
            cell.formula = typed.formula;
            cell.value = this.evaluate(typed.formula, { sheet: sheet.name, row, col });
          } else if (typed.kind === 'number') {
            cell.value = typed.value;
            cell.formula = null;
            if (typed.format && cell.numberFormat === 'General') cell.numberFormat = typed.format;
          } else if (typed.kind === 'boolean') {
            cell.value = typed.value;
            cell.formula = null;
          } else {
            cell.value = typed.text;
            cell.formula = null;
          }
        } else {
          fail('InvalidArgument', `${what}: unsupported cell value of type ${typeof input}.`);
        }
      }),
    );
  }

  writeNumberFormats(sheet: FakeSheet, rect: Rect, data: unknown): void {
    const rows = this.checkShape(rect, data, 'Range.numberFormat');
    this.assertNotProtected(sheet, 'Changing number formats', 'allowFormatCells');
    rows.forEach((rowData, i) =>
      rowData.forEach((f, j) => {
        if (f === null || f === undefined) return;
        if (typeof f !== 'string') fail('InvalidArgument', 'Range.numberFormat: a number format must be a string.');
        this.cell(sheet, rect.row + i, rect.col + j).numberFormat = f === '' ? 'General' : (f as string);
      }),
    );
  }

  usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | null {
    let box: Rect | null = null;
    for (const [key, cell] of sheet.cells) {
      if (valuesOnly && cell.value === '' && cell.formula === null) continue;
      const row = Math.floor(key / MAX_COLS);
      const col = key % MAX_COLS;
      if (!box) box = { row, col, endRow: row, endCol: col };
      else {
        box.row = Math.min(box.row, row);
        box.col = Math.min(box.col, col);
        box.endRow = Math.max(box.endRow, row);
        box.endCol = Math.max(box.endCol, col);
      }
    }
    return box;
  }

  merge(sheet: FakeSheet, rect: Rect, across: boolean): void {
    this.assertNotProtected(sheet, 'Merging cells');
    const areas: Rect[] = across ? Array.from({ length: rowsOf(rect) }, (_, i) => ({ ...rect, row: rect.row + i, endRow: rect.row + i })) : [rect];
    for (const area of areas) {
      if (rowsOf(area) * colsOf(area) === 1) continue;
      if (this.tables.some((t) => t.sheetId === sheet.id && intersects(t.rect, area))) fail('InvalidOperation', `Cannot merge ${refOf(area)}: it overlaps a table.`);
      const existing = sheet.merges.filter((m) => intersects(m, area));
      if (existing.some((m) => !sameRect(m, area))) fail('InvalidOperation', `Cannot merge ${refOf(area)}: it partly overlaps merged cells.`);
      if (existing.length > 0) continue;
      // Like Excel's API: only the top-left value survives.
      for (let r = area.row; r <= area.endRow; r++) {
        for (let c = area.col; c <= area.endCol; c++) {
          if (r === area.row && c === area.col) continue;
          const cell = this.peek(sheet, r, c);
          if (cell) {
            cell.value = '';
            cell.formula = null;
          }
        }
      }
      sheet.merges.push({ ...area });
    }
  }

  addTable(sheet: FakeSheet, rect: Rect, hasHeaders: boolean): FakeTable {
    if (!hasHeaders) fail('FakeLimitation', 'tables.add(address, false) is not modelled by the fake.');
    this.assertNotProtected(sheet, 'Adding a table');
    if (isFullColumns(rect) || isFullRows(rect)) fail('FakeLimitation', 'Whole-row/column tables are not modelled.');
    const tableRect = rowsOf(rect) === 1 ? { ...rect, endRow: rect.endRow + 1 } : { ...rect };
    if (this.tables.some((t) => t.sheetId === sheet.id && intersects(t.rect, tableRect))) fail('InvalidArgument', `A table can't overlap another table (${refOf(tableRect)}).`);
    if (sheet.merges.some((m) => intersects(m, tableRect))) fail('InvalidOperation', `A table can't overlap merged cells (${refOf(tableRect)}).`);
    if (sheet.autoFilter && intersects(sheet.autoFilter, tableRect)) fail('InvalidOperation', `A table can't overlap the sheet's AutoFilter (${refOf(tableRect)}).`);
    // Header cells become unique, non-blank text, as in Excel.
    const seen = new Set<string>();
    for (let c = tableRect.col; c <= tableRect.endCol; c++) {
      const cell = this.cell(sheet, tableRect.row, c);
      let text = cell.value === '' || cell.value === null ? `Column${c - tableRect.col + 1}` : String(cell.value);
      const base = text;
      for (let k = 2; seen.has(text.toLowerCase()); k++) text = `${base}${k}`;
      seen.add(text.toLowerCase());
      cell.value = text;
      cell.formula = null;
    }
    let n = 1;
    while (this.nameTaken(`Table${n}`)) n++;
    const table: FakeTable = { id: this.newId('table'), name: `Table${n}`, sheetId: sheet.id, rect: tableRect, style: 'TableStyleMedium2', showFilterButton: true, showHeaders: true };
    this.tables.push(table);
    return table;
  }

  /**
   * Table.resize (ExcelApi 1.13): "The new range must overlap with the original table range and the
   * headers (or the top of the table) must be in the same row"
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.table#excel-excel-table-resize-member(1)).
   * As for a new table: no overlap with another table or merged cells, not on a protected sheet,
   * at least one data row, and header cells become unique text. Cells are not moved.
   */
  resizeTable(table: FakeTable, address: unknown): void {
    if (typeof address !== 'string') fail('FakeLimitation', 'Table.resize is modelled for an address string only.');
    const sheet = this.sheetById(table.sheetId) as FakeSheet;
    const { sheet: named, ref } = splitSheetRef(address as string);
    if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase()) fail('InvalidArgument', `The address '${String(address)}' is on another sheet.`);
    const rect = parseRef(ref);
    this.assertNotProtected(sheet, 'Resizing a table');
    if (rect.row !== table.rect.row) fail('InvalidArgument', `Table ${table.name}: the headers must stay in row ${table.rect.row + 1}.`);
    if (!intersects(rect, table.rect)) fail('InvalidArgument', `Table ${table.name}: the new range ${refOf(rect)} must overlap ${refOf(table.rect)}.`);
    if (rowsOf(rect) < 2) fail('InvalidArgument', `Table ${table.name}: a table needs a header row and at least one data row.`);
    if (this.tables.some((t) => t !== table && t.sheetId === sheet.id && intersects(t.rect, rect))) fail('InvalidArgument', `A table can't overlap another table (${refOf(rect)}).`);
    if (sheet.merges.some((m) => intersects(m, rect))) fail('InvalidOperation', `A table can't overlap merged cells (${refOf(rect)}).`);
    const seen = new Set<string>();
    for (let c = rect.col; c <= rect.endCol; c++) {
      const cell = this.cell(sheet, rect.row, c);
      let text = cell.value === '' || cell.value === null ? `Column${c - rect.col + 1}` : String(cell.value);
      const base = text;
      for (let k = 2; seen.has(text.toLowerCase()); k++) text = `${base}${k}`;
      seen.add(text.toLowerCase());
      cell.value = text;
      cell.formula = null;
    }
    table.rect = rect;
  }

  renameTable(table: FakeTable, name: unknown): void {
    const problem = definedNameProblem(name);
    if (problem) fail('InvalidArgument', `Invalid table name '${String(name)}': ${problem}.`);
    if (this.nameTaken(name as string, table)) fail('ItemAlreadyExists', `The name '${String(name)}' is already used by a table or a defined name.`);
    table.name = name as string;
  }

  nameFormula(n: FakeName): string {
    if (!n.target) return n.constant;
    const sheet = this.sheetById(n.target.sheetId);
    return sheet ? `=${quoteSheetName(sheet.name)}!${refOf(n.target.rect, true)}` : '=#REF!';
  }

  /** "=Sheet!$A$1:$B$2" -> a range target; anything else stays a constant formula. */
  resolveReference(reference: string): FakeName['target'] {
    const f = reference.startsWith('=') ? reference.slice(1) : reference;
    if (!f.includes('!')) return null;
    const { sheet, ref } = splitSheetRef(f);
    const s = sheet === null ? undefined : this.findSheet(sheet);
    if (!s) return fail('InvalidArgument', `The reference '${reference}' names a sheet that does not exist.`);
    return { sheetId: s.id, rect: parseRef(ref) };
  }

  addName(name: unknown, target: FakeName['target'], constant: string, comment: unknown): FakeName {
    const problem = definedNameProblem(name);
    if (problem) fail('InvalidArgument', `Invalid name '${String(name)}': ${problem}.`);
    if (this.nameTaken(name as string)) fail('ItemAlreadyExists', `The name '${String(name)}' already exists.`);
    if (comment !== undefined && typeof comment !== 'string') fail('InvalidArgument', 'A name comment must be a string.');
    const n: FakeName = { name: name as string, comment: (comment as string | undefined) ?? '', visible: true, target, constant };
    this.names.push(n);
    return n;
  }
}

// ---------------------------------------------------------------------------------------------
// Request context and proxies

interface ActionRecord {
  o: string;
  a: string;
  p?: string;
  v?: unknown;
}

/** Measured independently of the adapter's own estimate, so a test can compare the two. */
function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

class FakeContext {
  private pending: { record: ActionRecord; run: () => void }[] = [];
  private closed = false;
  private calcSuspended = false;
  /** Bytes loaded during the sync being executed, and how to forget them if the response is refused. */
  private response: { bytes: number; forget: (() => void)[] } = { bytes: 0, forget: [] };
  readonly workbook: FakeWorkbookProxy;
  readonly application: FakeApplicationProxy;

  constructor(readonly model: Model) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = new FakeApplicationProxy(this);
  }

  enqueue(record: ActionRecord, run: () => void): void {
    if (this.closed) fail('InvalidObjectPath', `${record.o}: this object belongs to an Excel.run batch that has finished.`);
    this.pending.push({ record: record.v === undefined ? record : { ...record, v: clone(record.v) }, run });
  }

  /** Called by loads while a sync executes: what they return counts towards the response. */
  respond(value: unknown, forget: () => void): void {
    this.response.bytes += utf8Length(JSON.stringify(value) ?? 'null');
    this.response.forget.push(forget);
  }

  suspendCalculation(): void {
    this.calcSuspended = true;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  async sync(implicit = false): Promise<void> {
    if (this.closed) fail('InvalidObjectPath', 'context.sync() after the Excel.run batch finished.');
    const batch = this.pending;
    this.pending = [];
    const bytes = utf8Length(JSON.stringify(batch.map((b) => b.record)));
    const stats = this.model.stats;
    const entry: FakeSyncLogEntry = { bytes, actions: batch.length, implicit, calculationSuspended: false, responseBytes: 0 };
    stats.syncs++;
    stats.actions += batch.length;
    stats.totalBytes += bytes;
    stats.maxSyncBytes = Math.max(stats.maxSyncBytes, bytes);
    stats.log.push(entry);
    await Promise.resolve(); // a round trip is asynchronous
    this.calcSuspended = false;
    this.response = { bytes: 0, forget: [] };
    try {
      for (const action of batch) {
        // An injected failure stops the batch like any failing action: what ran before stays applied.
        if (this.model.failCountdown !== null && --this.model.failCountdown === 0) {
          this.model.failCountdown = null;
          fail('InvalidOperation', `Injected failure at ${action.record.o}.${action.record.p ?? action.record.a}.`);
        }
        this.model.trace?.push(`${action.record.o}.${action.record.p ?? action.record.a}`);
        action.run();
      }
    } finally {
      entry.calculationSuspended = this.calcSuspended;
      this.calcSuspended = false;
      entry.responseBytes = this.response.bytes;
      stats.maxResponseBytes = Math.max(stats.maxResponseBytes, this.response.bytes);
    }
    if (this.response.bytes > this.model.responseLimit) {
      // The response never arrives: nothing this sync loaded can be read.
      for (const forget of this.response.forget) forget();
      fail('ResponsePayloadSizeLimitExceeded', `The response (${this.response.bytes} bytes) is larger than Excel on the web allows (${this.model.responseLimit}).`);
    }
  }

  close(): void {
    this.closed = true;
    this.pending = [];
  }
}

interface PropSpec {
  read: () => unknown;
  write?: (value: unknown) => void;
}

type LoadArg = string | string[] | { select?: string | string[] } | undefined;

function loadNames(what: LoadArg): string[] | null {
  if (what === undefined) return null;
  const raw = typeof what === 'string' || Array.isArray(what) ? what : what.select;
  if (raw === undefined) return null;
  const list = Array.isArray(raw) ? raw : raw.split(',');
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

/** Base of every proxy: queued actions, load/sync semantics, isNullObject. */
abstract class FakeObject {
  private readonly loaded = new Map<string, unknown>();
  private readonly specs = new Map<string, PropSpec>();
  /** undefined until a sync resolves an *OrNullObject proxy; false for ordinary proxies. */
  protected nullState: boolean | undefined;

  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
    orNull = false,
  ) {
    this.nullState = orNull ? undefined : false;
  }

  protected get model(): Model {
    return this.ctx.model;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) fail('PropertyNotLoaded', `The property 'isNullObject' of ${this.path} is not available: call context.sync() first.`);
    return this.nullState as boolean;
  }

  /** Resolves the object at sync time; throws if it is a null object or no longer exists. */
  protected abstract live(): void;

  protected act(a: string, run: () => void, v?: unknown, p?: string): void {
    const record: ActionRecord = { o: this.path, a };
    if (p !== undefined) record.p = p;
    if (v !== undefined) record.v = v;
    this.ctx.enqueue(record, () => {
      this.live();
      run();
    });
  }

  protected props(specs: Record<string, PropSpec>): void {
    for (const [name, spec] of Object.entries(specs)) {
      this.specs.set(name, spec);
      Object.defineProperty(this, name, {
        enumerable: true,
        configurable: false,
        get: () => {
          if (this.nullState === true) fail('InvalidOperation', `${this.path} is a null object; check isNullObject first.`);
          if (!this.loaded.has(name)) fail('PropertyNotLoaded', `The property '${name}' of ${this.path} is not available: load it and call context.sync() first.`);
          return this.loaded.get(name);
        },
        set: (value: unknown) => {
          if (!spec.write) fail('InvalidArgument', `The property '${name}' of ${this.path} is read-only.`);
          const write = spec.write as (v: unknown) => void;
          const copy = clone(value);
          this.act('set', () => write(copy), value, name);
        },
      });
    }
  }

  /** Fills `loaded` now; only called while a sync executes (by load actions and collection loads). */
  snapshot(names: string[] | null): void {
    if (this.nullState === true) return;
    const list = names ?? [...this.specs.keys()];
    const values = new Map<string, unknown>();
    for (const n of list) {
      const spec = this.specs.get(n);
      if (!spec) fail('InvalidArgument', `${this.path} has no property '${n}' to load.`);
      values.set(n, clone((spec as PropSpec).read()));
    }
    const previous = new Map(this.loaded);
    for (const [k, v] of values) this.loaded.set(k, v);
    this.ctx.respond(Object.fromEntries(values), () => {
      this.loaded.clear();
      for (const [k, v] of previous) this.loaded.set(k, v);
    });
  }

  load(what?: LoadArg): this {
    const names = loadNames(what);
    const record: ActionRecord = { o: this.path, a: 'load', v: names ?? '*' };
    this.ctx.enqueue(record, () => {
      this.resolveForLoad();
      this.snapshot(names);
    });
    return this;
  }

  /** Null-object proxies resolve (and may turn out null) instead of failing when loaded. */
  protected resolveForLoad(): void {
    this.live();
  }
}

class FakeApplicationProxy extends FakeObject {
  constructor(ctx: FakeContext) {
    super(ctx, 'application');
  }
  protected live(): void {}
  suspendApiCalculationUntilNextSync(): void {
    this.act('suspendApiCalculationUntilNextSync', () => this.ctx.suspendCalculation());
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx);
    this.tables = new FakeTableCollection(ctx, 'workbook.tables', null);
  }
}

/** Collections: `load('items/name')` (or `load('name')`) fills `items` with loaded proxies. */
abstract class FakeCollection<T extends FakeObject> {
  private loadedItems: T[] | undefined;
  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
  ) {}

  protected abstract entities(): unknown[];
  protected abstract proxyFor(entity: unknown): T;

  get items(): T[] {
    if (!this.loadedItems) fail('PropertyNotLoaded', `The property 'items' of ${this.path} is not available: load it and call context.sync() first.`);
    return this.loadedItems as T[];
  }

  load(what?: LoadArg): this {
    const names = loadNames(what)?.map((n) => n.replace(/^items\//, '')).filter((n) => n !== 'items') ?? null;
    this.ctx.enqueue({ o: this.path, a: 'load', v: names ?? '*' }, () => {
      const previous = this.loadedItems;
      this.ctx.respond(null, () => (this.loadedItems = previous));
      this.loadedItems = this.entities().map((e) => {
        const proxy = this.proxyFor(e);
        proxy.snapshot(names && names.length > 0 ? names : null);
        return proxy;
      });
    });
    return this;
  }
}

// --- worksheets -------------------------------------------------------------------------------

class FakeWorksheetCollection extends FakeCollection<FakeWorksheetProxy> {
  constructor(ctx: FakeContext) {
    super(ctx, 'workbook.worksheets');
  }
  protected entities(): unknown[] {
    return this.ctx.model.sheets;
  }
  protected proxyFor(entity: unknown): FakeWorksheetProxy {
    const sheet = entity as FakeSheet;
    const p = new FakeWorksheetProxy(this.ctx, `worksheets[${JSON.stringify(sheet.name)}]`, () => sheet, false);
    p.bind(sheet);
    return p;
  }

  add(name?: string): FakeWorksheetProxy {
    const proxy = new FakeWorksheetProxy(this.ctx, `worksheets.add(${JSON.stringify(name ?? '')})`, () => undefined, false);
    this.ctx.enqueue({ o: this.path, a: 'add', v: name ?? null }, () => proxy.bind(this.ctx.model.addSheet(name)));
    return proxy;
  }

  getItem(name: string): FakeWorksheetProxy {
    return new FakeWorksheetProxy(this.ctx, `worksheets[${JSON.stringify(name)}]`, () => this.ctx.model.findSheet(name), false);
  }

  getItemOrNullObject(name: string): FakeWorksheetProxy {
    const proxy = new FakeWorksheetProxy(this.ctx, `worksheets[${JSON.stringify(name)}]?`, () => this.ctx.model.findSheet(name), true);
    this.ctx.enqueue({ o: this.path, a: 'getItemOrNullObject', v: name }, () => proxy.resolveNull());
    return proxy;
  }

  getActiveWorksheet(): FakeWorksheetProxy {
    return new FakeWorksheetProxy(this.ctx, 'worksheets.active', () => this.ctx.model.sheetById(this.ctx.model.activeSheetId), false);
  }
}

class FakeWorksheetProxy extends FakeObject {
  private sheetId: string | null | undefined;
  readonly tables: FakeTableCollection;
  readonly freezePanes: FakeFreezePanesProxy;
  readonly pageLayout: FakePageLayoutProxy;
  readonly protection: FakeWorksheetProtectionProxy;
  readonly autoFilter: FakeAutoFilterProxy;
  readonly charts: FakeChartCollection;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly locate: () => FakeSheet | undefined,
    orNull: boolean,
  ) {
    super(ctx, path, orNull);
    this.tables = new FakeTableCollection(ctx, `${path}.tables`, this);
    this.freezePanes = new FakeFreezePanesProxy(ctx, `${path}.freezePanes`, this);
    this.pageLayout = new FakePageLayoutProxy(ctx, `${path}.pageLayout`, this);
    this.protection = new FakeWorksheetProtectionProxy(ctx, `${path}.protection`, this);
    this.autoFilter = new FakeAutoFilterProxy(ctx, `${path}.autoFilter`, this);
    this.charts = new FakeChartCollection(ctx, `${path}.charts`, this);
    this.props({
      name: { read: () => this.sheet().name, write: (v) => this.model.renameSheet(this.sheet(), v) },
      id: { read: () => this.sheet().id },
      position: { read: () => this.model.sheets.indexOf(this.sheet()), write: (v) => this.model.moveSheet(this.sheet(), v) },
      tabColor: { read: () => this.sheet().tabColor, write: (v) => (this.sheet().tabColor = v === '' ? '' : normaliseColor(v, 'Worksheet.tabColor')) },
      visibility: {
        read: () => this.sheet().visibility,
        write: (v) => (this.sheet().visibility = expectOneOf(v, 'Worksheet.visibility', ['Visible', 'Hidden', 'VeryHidden'] as const)),
      },
    });
  }

  bind(sheet: FakeSheet): void {
    this.sheetId = sheet.id;
    this.nullState = false;
  }

  resolveNull(): void {
    const s = this.locate();
    if (s) this.bind(s);
    else {
      this.sheetId = null;
      this.nullState = true;
    }
  }

  /** The sheet this proxy stands for, resolved at sync time (by identity once resolved). */
  sheet(): FakeSheet {
    if (this.sheetId === undefined) {
      const s = this.locate();
      if (!s) fail('ItemNotFound', `${this.path}: the worksheet does not exist.`);
      this.bind(s as FakeSheet);
    }
    if (this.sheetId === null) return fail('InvalidOperation', `${this.path} is a null object; check isNullObject first.`);
    const s = this.model.sheetById(this.sheetId as string);
    return s ?? fail('ItemNotFound', `${this.path}: the worksheet has been deleted.`);
  }

  protected live(): void {
    this.sheet();
  }

  protected override resolveForLoad(): void {
    if (this.nullState === undefined) this.resolveNull();
    if (this.nullState === false) this.sheet();
  }

  delete(): void {
    this.act('delete', () => this.model.deleteSheet(this.sheet()));
  }

  activate(): void {
    this.act('activate', () => (this.model.activeSheetId = this.sheet().id));
  }

  getRange(address?: string): FakeRangeProxy {
    return new FakeRangeProxy(this.ctx, `${this.path}.range(${JSON.stringify(address ?? '')})`, this, (sheet) => {
      if (address === undefined) return { row: 0, col: 0, endRow: MAX_ROWS - 1, endCol: MAX_COLS - 1 };
      const { sheet: named, ref } = splitSheetRef(address);
      if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase()) fail('InvalidArgument', `The address '${address}' is on another sheet.`);
      return parseRef(ref);
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRangeProxy {
    return new FakeRangeProxy(this.ctx, `${this.path}.rangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, this, () => {
      if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || rowCount < 1 || columnCount < 1) fail('InvalidArgument', 'getRangeByIndexes: invalid indexes.');
      const rect = { row: startRow, col: startColumn, endRow: startRow + rowCount - 1, endCol: startColumn + columnCount - 1 };
      if (rect.row < 0 || rect.col < 0 || rect.endRow >= MAX_ROWS || rect.endCol >= MAX_COLS) fail('InvalidArgument', 'getRangeByIndexes: outside the grid.');
      return rect;
    });
  }

  getUsedRange(valuesOnly = false): FakeRangeProxy {
    return new FakeRangeProxy(this.ctx, `${this.path}.usedRange(${valuesOnly})`, this, (sheet) => this.model.usedRect(sheet, valuesOnly) ?? { row: 0, col: 0, endRow: 0, endCol: 0 });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRangeProxy {
    const proxy = new FakeRangeProxy(this.ctx, `${this.path}.usedRange(${valuesOnly})?`, this, (sheet) => this.model.usedRect(sheet, valuesOnly), true);
    this.ctx.enqueue({ o: this.path, a: 'getUsedRangeOrNullObject', v: valuesOnly }, () => proxy.resolveNull());
    return proxy;
  }
}

// --- ranges -----------------------------------------------------------------------------------

class FakeRangeProxy extends FakeObject {
  private target: { sheet: FakeSheet; rect: Rect } | null | undefined;
  readonly format: FakeRangeFormatProxy;
  readonly dataValidation: FakeDataValidationProxy;
  readonly conditionalFormats: FakeConditionalFormatCollection;

  constructor(
    ctx: FakeContext,
    path: string,
    readonly worksheet: FakeWorksheetProxy,
    private readonly locate: (sheet: FakeSheet) => Rect | null,
    orNull = false,
  ) {
    super(ctx, path, orNull);
    this.format = new FakeRangeFormatProxy(ctx, `${path}.format`, this);
    this.dataValidation = new FakeDataValidationProxy(ctx, `${path}.dataValidation`, this);
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, `${path}.conditionalFormats`, this);
    const m = (): Model => this.model;
    this.props({
      values: { read: () => m().matrix(this.sheet(), this.rect(), (c) => c.value), write: (v) => m().writeInputs(this.sheet(), this.rect(), v, 'Range.values') },
      formulas: {
        read: () => m().matrix(this.sheet(), this.rect(), (c) => c.formula ?? c.value),
        write: (v) => m().writeInputs(this.sheet(), this.rect(), v, 'Range.formulas'),
      },
      numberFormat: { read: () => m().matrix(this.sheet(), this.rect(), (c) => c.numberFormat), write: (v) => m().writeNumberFormats(this.sheet(), this.rect(), v) },
      address: { read: () => `${quoteSheetName(this.sheet().name)}!${refOf(this.rect())}` },
      rowIndex: { read: () => this.rect().row },
      columnIndex: { read: () => this.rect().col },
      rowCount: { read: () => rowsOf(this.rect()) },
      columnCount: { read: () => colsOf(this.rect()) },
      columnHidden: {
        read: () => {
          const r = this.rect();
          const hidden = Array.from({ length: colsOf(r) }, (_, i) => this.sheet().hiddenColumns.has(r.col + i));
          return hidden.every((h) => h) ? true : hidden.some((h) => h) ? null : false;
        },
        write: (v) => {
          const sheet = this.sheet();
          const r = this.rect();
          const hide = expectBoolean(v, 'Range.columnHidden');
          m().assertNotProtected(sheet, 'Hiding columns', 'allowFormatColumns');
          for (let c = r.col; c <= r.endCol; c++) {
            if (hide) sheet.hiddenColumns.add(c);
            else sheet.hiddenColumns.delete(c);
          }
        },
      },
      rowHidden: {
        read: () => {
          const r = this.rect();
          const hidden = Array.from({ length: rowsOf(r) }, (_, i) => this.sheet().hiddenRows.has(r.row + i));
          return hidden.every((h) => h) ? true : hidden.some((h) => h) ? null : false;
        },
        write: (v) => {
          const sheet = this.sheet();
          const r = this.rect();
          const hide = expectBoolean(v, 'Range.rowHidden');
          m().assertNotProtected(sheet, 'Hiding rows', 'allowFormatRows');
          for (let row = r.row; row <= r.endRow; row++) {
            if (hide) sheet.hiddenRows.add(row);
            else sheet.hiddenRows.delete(row);
          }
        },
      },
    });
  }

  resolveNull(): void {
    const sheet = this.worksheet.sheet();
    const rect = this.locate(sheet);
    if (rect) {
      this.target = { sheet, rect };
      this.nullState = false;
    } else {
      this.target = null;
      this.nullState = true;
    }
  }

  private resolved(): { sheet: FakeSheet; rect: Rect } {
    if (this.target === undefined) {
      const sheet = this.worksheet.sheet();
      const rect = this.locate(sheet);
      if (!rect) fail('ItemNotFound', `${this.path}: the range does not exist.`);
      this.target = { sheet, rect: rect as Rect };
    }
    if (this.target === null) return fail('InvalidOperation', `${this.path} is a null object; check isNullObject first.`);
    // Follow the sheet by identity; fail if it was deleted since.
    const t = this.target as { sheet: FakeSheet; rect: Rect };
    if (!this.model.sheetById(t.sheet.id)) fail('ItemNotFound', `${this.path}: the worksheet has been deleted.`);
    return t;
  }

  sheet(): FakeSheet {
    return this.resolved().sheet;
  }

  rect(): Rect {
    return this.resolved().rect;
  }

  protected live(): void {
    this.resolved();
  }

  protected override resolveForLoad(): void {
    if (this.nullState === undefined) this.resolveNull();
    if (this.nullState === false) this.resolved();
  }

  merge(across = false): void {
    this.act('merge', () => this.model.merge(this.sheet(), this.rect(), across), across);
  }

  unmerge(): void {
    this.act('unmerge', () => {
      const sheet = this.sheet();
      this.model.assertNotProtected(sheet, 'Unmerging cells');
      sheet.merges = sheet.merges.filter((m) => !intersects(m, this.rect()));
    });
  }

  /** Whole rows (shift Down) or whole columns (shift Right); other shapes are not modelled. */
  insert(shift: string): FakeRangeProxy {
    this.act('insert', () => this.shift('insert', shift), shift);
    return this;
  }

  /** Whole rows (shift Up) or whole columns (shift Left); other shapes are not modelled. */
  delete(shift: string): void {
    this.act('delete', () => this.shift('delete', shift), shift);
  }

  private shift(op: 'insert' | 'delete', shift: string): void {
    const sheet = this.sheet();
    const r = this.rect();
    const rows = isFullRows(r);
    const cols = isFullColumns(r);
    if (!rows && !cols) fail('FakeLimitation', `Range.${op} of ${refOf(r)}: only whole rows or columns are modelled.`);
    const expected = rows ? (op === 'insert' ? 'Down' : 'Up') : op === 'insert' ? 'Right' : 'Left';
    if (shift !== expected) fail('InvalidArgument', `Range.${op}(${shift}) of whole ${rows ? 'rows' : 'columns'}: the shift must be ${expected}.`);
    // A protected sheet allows inserting or deleting rows and columns only where its options say so.
    const option = `allow${op === 'insert' ? 'Insert' : 'Delete'}${rows ? 'Rows' : 'Columns'}`;
    this.model.assertNotProtected(sheet, `${op === 'insert' ? 'Inserting' : 'Deleting'} ${rows ? 'rows' : 'columns'}`, option);
    const edit: StructuralEdit = rows ? { axis: 'rows', op, at: r.row, count: rowsOf(r) } : { axis: 'columns', op, at: r.col, count: colsOf(r) };
    this.model.shiftCells(sheet, edit);
  }

  getCell(row: number, column: number): FakeRangeProxy {
    return new FakeRangeProxy(this.ctx, `${this.path}.cell(${row},${column})`, this.worksheet, () => {
      const r = this.rect();
      return { row: r.row + row, col: r.col + column, endRow: r.row + row, endCol: r.col + column };
    });
  }
}

/** A child of a range (format, font, fill, border, protection): acts on the parent's cells. */
abstract class FakeRangePart extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: string,
    readonly range: FakeRangeProxy,
  ) {
    super(ctx, path);
  }
  protected live(): void {
    this.range.rect();
  }
  protected each(what: string, allowedBy: string, fn: (cell: FakeCell, row: number, col: number) => void): void {
    const sheet = this.range.sheet();
    this.model.assertNotProtected(sheet, what, allowedBy);
    this.model.forEachCell(sheet, this.range.rect(), what, fn);
  }
  protected uniform<T>(get: (cell: FakeCell) => T): T | null {
    return this.model.uniform(this.range.sheet(), this.range.rect(), get);
  }
}

class FakeRangeFormatProxy extends FakeRangePart {
  readonly font: FakeRangeFontProxy;
  readonly fill: FakeRangeFillProxy;
  readonly borders: FakeBorderCollection;
  readonly protection: FakeFormatProtectionProxy;

  constructor(ctx: FakeContext, path: string, range: FakeRangeProxy) {
    super(ctx, path, range);
    this.font = new FakeRangeFontProxy(ctx, `${path}.font`, range);
    this.fill = new FakeRangeFillProxy(ctx, `${path}.fill`, range);
    this.borders = new FakeBorderCollection(ctx, `${path}.borders`, range);
    this.protection = new FakeFormatProtectionProxy(ctx, `${path}.protection`, range);
    const cellProp = <T>(what: string, get: (c: FakeCell) => T, check: (v: unknown) => T, set: (c: FakeCell, v: T) => void): PropSpec => ({
      read: () => this.uniform(get),
      write: (v) => {
        const value = check(v);
        this.each(`Setting ${what}`, 'allowFormatCells', (c) => set(c, value));
      },
    });
    this.props({
      wrapText: cellProp(
        'wrapText',
        (c) => c.wrapText ?? false,
        (v) => expectBoolean(v, 'wrapText'),
        (c, v) => (c.wrapText = v),
      ),
      horizontalAlignment: cellProp(
        'horizontalAlignment',
        (c) => c.horizontalAlignment ?? 'General',
        (v) => expectOneOf(v, 'horizontalAlignment', H_ALIGN),
        (c, v) => (c.horizontalAlignment = v),
      ),
      verticalAlignment: cellProp(
        'verticalAlignment',
        (c) => c.verticalAlignment ?? 'Bottom',
        (v) => expectOneOf(v, 'verticalAlignment', V_ALIGN),
        (c, v) => (c.verticalAlignment = v),
      ),
      textOrientation: cellProp(
        'textOrientation',
        (c) => c.textOrientation ?? 0,
        (v) => (v === 180 ? 180 : expectNumber(v, 'textOrientation', -90, 90)),
        (c, v) => (c.textOrientation = v),
      ),
      columnWidth: {
        read: () => {
          const r = this.range.rect();
          const sheet = this.range.sheet();
          const widths = new Set(Array.from({ length: Math.min(colsOf(r), 1000) }, (_, i) => sheet.columnWidths.get(r.col + i) ?? DEFAULT_COLUMN_WIDTH));
          return widths.size === 1 ? [...widths][0] : null;
        },
        write: (v) => {
          const w = expectNumber(v, 'columnWidth (points)', 0, 1_800);
          const sheet = this.range.sheet();
          const r = this.range.rect();
          this.model.assertNotProtected(sheet, 'Changing column widths', 'allowFormatColumns');
          for (let c = r.col; c <= r.endCol; c++) sheet.columnWidths.set(c, w);
        },
      },
      rowHeight: {
        read: () => {
          const r = this.range.rect();
          const sheet = this.range.sheet();
          const heights = new Set(Array.from({ length: Math.min(rowsOf(r), 1000) }, (_, i) => sheet.rowHeights.get(r.row + i) ?? DEFAULT_ROW_HEIGHT));
          return heights.size === 1 ? [...heights][0] : null;
        },
        write: (v) => {
          const h = expectNumber(v, 'rowHeight (points)', 0, 409);
          const sheet = this.range.sheet();
          const r = this.range.rect();
          this.model.assertNotProtected(sheet, 'Changing row heights', 'allowFormatRows');
          for (let row = r.row; row <= r.endRow; row++) sheet.rowHeights.set(row, h);
        },
      },
    });
  }
}

class FakeRangeFontProxy extends FakeRangePart {
  constructor(ctx: FakeContext, path: string, range: FakeRangeProxy) {
    super(ctx, path, range);
    const fontProp = <K extends keyof FakeCell['font']>(key: K, check: (v: unknown) => NonNullable<FakeCell['font'][K]>, dflt: FakeCell['font'][K]): PropSpec => ({
      read: () => this.uniform((c) => c.font[key] ?? dflt),
      write: (v) => {
        const value = check(v);
        this.each(`Setting font.${key}`, 'allowFormatCells', (c) => (c.font[key] = value));
      },
    });
    this.props({
      bold: fontProp('bold', (v) => expectBoolean(v, 'font.bold'), false),
      italic: fontProp('italic', (v) => expectBoolean(v, 'font.italic'), false),
      size: fontProp('size', (v) => expectNumber(v, 'font.size', 1, 409), 11),
      color: fontProp('color', (v) => normaliseColor(v, 'font.color'), '#000000'),
      name: fontProp('name', (v) => (typeof v === 'string' && v !== '' ? v : fail('InvalidArgument', 'font.name must be a string.')), 'Calibri'),
    });
  }
}

class FakeRangeFillProxy extends FakeRangePart {
  constructor(ctx: FakeContext, path: string, range: FakeRangeProxy) {
    super(ctx, path, range);
    this.props({
      color: {
        read: () => this.uniform((c) => c.fill ?? '#FFFFFF'),
        write: (v) => {
          const color = normaliseColor(v, 'fill.color');
          this.each('Setting fill.color', 'allowFormatCells', (c) => (c.fill = color));
        },
      },
    });
  }
  clear(): void {
    this.act('clear', () => this.each('Clearing fill', 'allowFormatCells', (c) => delete c.fill));
  }
}

class FakeBorderCollection {
  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
    readonly range: FakeRangeProxy,
  ) {}
  getItem(index: string): FakeRangeBorderProxy {
    return new FakeRangeBorderProxy(this.ctx, `${this.path}[${JSON.stringify(index)}]`, this.range, index);
  }
}

class FakeRangeBorderProxy extends FakeRangePart {
  constructor(ctx: FakeContext, path: string, range: FakeRangeProxy, index: string) {
    super(ctx, path, range);
    const edge = (): BorderIndex => expectOneOf(index, 'BorderIndex', BORDER_INDEXES);
    /** The cell sides a border index draws, for each cell of the range. */
    const sides = (row: number, col: number): BorderSide[] => {
      const r = this.range.rect();
      const out: BorderSide[] = [];
      switch (edge()) {
        case 'EdgeTop':
          if (row === r.row) out.push('top');
          break;
        case 'EdgeBottom':
          if (row === r.endRow) out.push('bottom');
          break;
        case 'EdgeLeft':
          if (col === r.col) out.push('left');
          break;
        case 'EdgeRight':
          if (col === r.endCol) out.push('right');
          break;
        case 'InsideHorizontal':
          if (row > r.row) out.push('top');
          if (row < r.endRow) out.push('bottom');
          break;
        case 'InsideVertical':
          if (col > r.col) out.push('left');
          if (col < r.endCol) out.push('right');
          break;
        case 'DiagonalDown':
          out.push('diagonalDown');
          break;
        case 'DiagonalUp':
          out.push('diagonalUp');
          break;
      }
      return out;
    };
    const setSide = (key: 'style' | 'weight' | 'color', value: string): void =>
      this.each(`Setting border ${key}`, 'allowFormatCells', (c, row, col) => {
        for (const side of sides(row, col)) {
          const b = c.borders[side] ?? { style: 'None', weight: 'Thin' };
          b[key] = value;
          c.borders[side] = b;
        }
      });
    const readSide = (key: 'style' | 'weight' | 'color'): unknown => {
      const r = this.range.rect();
      const side = sides(r.row, r.col)[0] ?? sides(r.endRow, r.endCol)[0];
      if (!side) return null;
      const cell = this.model.peek(this.range.sheet(), side === 'bottom' ? r.endRow : r.row, side === 'right' ? r.endCol : r.col);
      return cell?.borders[side]?.[key] ?? (key === 'style' ? 'None' : key === 'weight' ? 'Thin' : '#000000');
    };
    this.props({
      style: { read: () => readSide('style'), write: (v) => setSide('style', expectOneOf(v, 'border.style', BORDER_STYLES)) },
      weight: { read: () => readSide('weight'), write: (v) => setSide('weight', expectOneOf(v, 'border.weight', BORDER_WEIGHTS)) },
      color: { read: () => readSide('color'), write: (v) => setSide('color', normaliseColor(v, 'border.color')) },
    });
  }
}

class FakeFormatProtectionProxy extends FakeRangePart {
  constructor(ctx: FakeContext, path: string, range: FakeRangeProxy) {
    super(ctx, path, range);
    this.props({
      locked: {
        read: () => this.uniform((c) => c.locked),
        write: (v) => {
          const locked = expectBoolean(v, 'protection.locked');
          this.each('Changing cell locking', '', (c) => (c.locked = locked));
        },
      },
      formulaHidden: {
        read: () => this.uniform((c) => c.formulaHidden),
        write: (v) => {
          const hidden = expectBoolean(v, 'protection.formulaHidden');
          this.each('Changing formulaHidden', '', (c) => (c.formulaHidden = hidden));
        },
      },
    });
  }
}

// --- data validation and conditional formats --------------------------------------------------

class FakeDataValidationProxy extends FakeRangePart {
  constructor(ctx: FakeContext, path: string, range: FakeRangeProxy) {
    super(ctx, path, range);
    const current = (): FakeValidation | undefined => {
      const r = this.range.rect();
      return this.range.sheet().validations.find((v) => sameRect(v.rect, r));
    };
    /** The validation for exactly this range, created on first write. */
    const ensure = (): FakeValidation => {
      const sheet = this.range.sheet();
      const r = this.range.rect();
      this.model.assertNotProtected(sheet, 'Changing data validation');
      const found = current();
      if (found) return found;
      if (sheet.validations.some((v) => intersects(v.rect, r))) fail('InvalidOperation', `${refOf(r)} partly overlaps another data validation; clear it first.`);
      const created: FakeValidation = { rect: { ...r }, rule: {}, ignoreBlanks: true, errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' } };
      sheet.validations.push(created);
      return created;
    };
    this.props({
      rule: {
        read: () => current()?.rule ?? {},
        write: (v) => {
          if (typeof v !== 'object' || v === null) fail('InvalidArgument', 'dataValidation.rule must be an object.');
          const rule = v as Record<string, unknown>;
          const kinds = Object.keys(rule);
          if (kinds.length !== 1) fail('InvalidArgument', 'dataValidation.rule must hold exactly one criterion.');
          const list = rule.list as { inCellDropDown?: unknown; source?: unknown } | undefined;
          if (kinds[0] === 'list') {
            if (!list || typeof list.source !== 'string' || list.source === '') fail('InvalidArgument', 'A list rule needs a source.');
            if (!(list as { source: string }).source.startsWith('=') && (list as { source: string }).source.length > 255) fail('InvalidArgument', 'A list source can be at most 255 characters.');
            if (list?.inCellDropDown !== undefined) expectBoolean(list.inCellDropDown, 'list.inCellDropDown');
          }
          ensure().rule = rule;
        },
      },
      ignoreBlanks: { read: () => current()?.ignoreBlanks ?? true, write: (v) => (ensure().ignoreBlanks = expectBoolean(v, 'dataValidation.ignoreBlanks')) },
      errorAlert: {
        read: () => current()?.errorAlert ?? null,
        write: (v) => {
          const a = v as Partial<FakeValidation['errorAlert']>;
          if (typeof v !== 'object' || v === null) fail('InvalidArgument', 'errorAlert must be an object.');
          const title = a.title ?? '';
          const message = a.message ?? '';
          if (title.length > 32) fail('InvalidArgument', 'An error alert title can be at most 32 characters.');
          if (message.length > 255) fail('InvalidArgument', 'An error alert message can be at most 255 characters.');
          ensure().errorAlert = {
            showAlert: a.showAlert ?? true,
            style: expectOneOf(a.style ?? 'Stop', 'errorAlert.style', ['Stop', 'Warning', 'Information'] as const),
            title,
            message,
          };
        },
      },
    });
  }

  clear(): void {
    this.act('clear', () => {
      const sheet = this.range.sheet();
      this.model.assertNotProtected(sheet, 'Clearing data validation');
      sheet.validations = sheet.validations.filter((v) => !intersects(v.rect, this.range.rect()));
    });
  }
}

class FakeConditionalFormatCollection {
  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
    readonly range: FakeRangeProxy,
  ) {}

  add(type: string): FakeConditionalFormatProxy {
    const proxy = new FakeConditionalFormatProxy(this.ctx, `${this.path}.add(${JSON.stringify(type)})`, this.range);
    this.ctx.enqueue({ o: this.path, a: 'add', v: type }, () => {
      const sheet = this.range.sheet();
      this.ctx.model.assertNotProtected(sheet, 'Adding a conditional format');
      const cf: FakeConditionalFormat = { id: Number(this.ctx.model.newId('')), rect: { ...this.range.rect() }, type: expectOneOf(type, 'ConditionalFormatType', CF_TYPES), stopIfTrue: false, format: {} };
      if (cf.type === 'DataBar') cf.dataBar = {};
      sheet.conditionalFormats.push(cf);
      proxy.bind(cf);
    });
    return proxy;
  }

  clearAll(): void {
    this.ctx.enqueue({ o: this.path, a: 'clearAll' }, () => {
      const sheet = this.range.sheet();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => !intersects(c.rect, this.range.rect()));
    });
  }
}

class FakeConditionalFormatProxy extends FakeObject {
  private cf: FakeConditionalFormat | undefined;
  readonly custom: { rule: FakeObject; format: { fill: FakeObject; font: FakeObject } };
  readonly dataBar: { positiveFormat: FakeObject } & FakeObject;

  constructor(ctx: FakeContext, path: string, range: FakeRangeProxy) {
    super(ctx, path);
    const self = (): FakeConditionalFormat => this.get();
    const ofType = (type: string): FakeConditionalFormat => {
      const cf = self();
      if (cf.type !== type) fail('InvalidOperation', `${path} is a ${cf.type} conditional format, not ${type}.`);
      return cf;
    };
    const part = (sub: string, specs: Record<string, PropSpec>): FakeObject => new FakeConditionalPart(ctx, `${path}.${sub}`, range, () => self(), specs);
    this.custom = {
      rule: part('custom.rule', { formula: { read: () => ofType('Custom').formula ?? '', write: (v) => (ofType('Custom').formula = typeof v === 'string' && v !== '' ? v : fail('InvalidArgument', 'rule.formula must be a string.')) } }),
      format: {
        fill: part('custom.format.fill', { color: { read: () => ofType('Custom').format.fill ?? null, write: (v) => (ofType('Custom').format.fill = normaliseColor(v, 'format.fill.color')) } }),
        font: part('custom.format.font', {
          color: { read: () => ofType('Custom').format.fontColor ?? null, write: (v) => (ofType('Custom').format.fontColor = normaliseColor(v, 'format.font.color')) },
          bold: { read: () => ofType('Custom').format.bold ?? null, write: (v) => (ofType('Custom').format.bold = expectBoolean(v, 'format.font.bold')) },
          italic: { read: () => ofType('Custom').format.italic ?? null, write: (v) => (ofType('Custom').format.italic = expectBoolean(v, 'format.font.italic')) },
        }),
      },
    };
    const bar = (): NonNullable<FakeConditionalFormat['dataBar']> => ofType('DataBar').dataBar as NonNullable<FakeConditionalFormat['dataBar']>;
    const dataBar = part('dataBar', {
      barDirection: { read: () => bar().barDirection ?? 'Context', write: (v) => (bar().barDirection = expectOneOf(v, 'barDirection', ['Context', 'LeftToRight', 'RightToLeft'] as const)) },
    });
    const positiveFormat = part('dataBar.positiveFormat', {
      fillColor: { read: () => bar().fillColor ?? null, write: (v) => (bar().fillColor = normaliseColor(v, 'positiveFormat.fillColor')) },
      gradientFill: { read: () => bar().gradientFill ?? true, write: (v) => (bar().gradientFill = expectBoolean(v, 'positiveFormat.gradientFill')) },
    });
    this.dataBar = Object.assign(dataBar, { positiveFormat });
    this.props({
      type: { read: () => self().type },
      stopIfTrue: { read: () => self().stopIfTrue, write: (v) => (self().stopIfTrue = expectBoolean(v, 'stopIfTrue')) },
    });
  }

  bind(cf: FakeConditionalFormat): void {
    this.cf = cf;
  }

  get(): FakeConditionalFormat {
    return this.cf ?? fail('InvalidOperation', `${this.path} was not created.`);
  }

  protected live(): void {
    this.get();
  }

  delete(): void {
    this.act('delete', () => {
      for (const s of this.model.sheets) s.conditionalFormats = s.conditionalFormats.filter((c) => c !== this.get());
    });
  }
}

class FakeConditionalPart extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly range: FakeRangeProxy,
    private readonly owner: () => FakeConditionalFormat,
    specs: Record<string, PropSpec>,
  ) {
    super(ctx, path);
    this.props(specs);
  }
  protected live(): void {
    this.owner();
    this.model.assertNotProtected(this.range.sheet(), 'Changing a conditional format');
  }
}

// --- tables and names -------------------------------------------------------------------------

class FakeTableCollection extends FakeCollection<FakeTableProxy> {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly worksheet: FakeWorksheetProxy | null,
  ) {
    super(ctx, path);
  }
  protected entities(): unknown[] {
    const sheetId = this.worksheet?.sheet().id;
    return this.ctx.model.tables.filter((t) => sheetId === undefined || t.sheetId === sheetId);
  }
  protected proxyFor(entity: unknown): FakeTableProxy {
    const t = entity as FakeTable;
    return new FakeTableProxy(this.ctx, `tables[${JSON.stringify(t.name)}]`, () => t, false, t);
  }

  add(address: string, hasHeaders: boolean): FakeTableProxy {
    let created: FakeTable | undefined;
    const proxy = new FakeTableProxy(this.ctx, `${this.path}.add(${JSON.stringify(address)})`, () => created, false);
    this.ctx.enqueue({ o: this.path, a: 'add', v: [address, hasHeaders] }, () => {
      const model = this.ctx.model;
      const { sheet: named, ref } = splitSheetRef(address);
      let sheet: FakeSheet | undefined;
      if (this.worksheet) {
        sheet = this.worksheet.sheet();
        if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase()) fail('InvalidArgument', `The address '${address}' is on another sheet.`);
      } else {
        sheet = named === null ? model.sheetById(model.activeSheetId) : model.findSheet(named);
        if (!sheet) fail('ItemNotFound', `No sheet for the table address '${address}'.`);
      }
      created = model.addTable(sheet as FakeSheet, parseRef(ref), expectBoolean(hasHeaders, 'hasHeaders'));
    });
    return proxy;
  }

  getItem(name: string): FakeTableProxy {
    return new FakeTableProxy(this.ctx, `tables[${JSON.stringify(name)}]`, () => this.find(name), false);
  }

  getItemOrNullObject(name: string): FakeTableProxy {
    const proxy = new FakeTableProxy(this.ctx, `tables[${JSON.stringify(name)}]?`, () => this.find(name), true);
    this.ctx.enqueue({ o: this.path, a: 'getItemOrNullObject', v: name }, () => proxy.resolveNull());
    return proxy;
  }

  private find(name: string): FakeTable | undefined {
    return (this.entities() as FakeTable[]).find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
}

class FakeTableProxy extends FakeObject {
  private table: FakeTable | null | undefined;
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly locate: () => FakeTable | undefined,
    orNull: boolean,
    bound?: FakeTable,
  ) {
    super(ctx, path, orNull);
    this.table = bound;
    this.props({
      name: { read: () => this.get().name, write: (v) => this.model.renameTable(this.get(), v) },
      id: { read: () => this.get().id },
      style: {
        read: () => this.get().style,
        write: (v) => {
          if (typeof v !== 'string' || !/^TableStyle(Light\d+|Medium\d+|Dark\d+)$|^$/.test(v)) fail('InvalidArgument', `'${String(v)}' is not a table style.`);
          this.get().style = v as string;
        },
      },
      showFilterButton: { read: () => this.get().showFilterButton, write: (v) => (this.get().showFilterButton = expectBoolean(v, 'showFilterButton')) },
      showHeaders: { read: () => this.get().showHeaders, write: (v) => (this.get().showHeaders = expectBoolean(v, 'showHeaders')) },
    });
  }

  resolveNull(): void {
    const t = this.locate();
    this.table = t ?? null;
    this.nullState = !t;
  }

  get(): FakeTable {
    if (this.table === undefined) {
      const t = this.locate();
      if (!t) fail('ItemNotFound', `${this.path}: the table does not exist.`);
      this.table = t;
    }
    if (this.table === null) return fail('InvalidOperation', `${this.path} is a null object.`);
    const t = this.table as FakeTable;
    if (!this.model.tables.includes(t)) fail('ItemNotFound', `${this.path}: the table has been deleted.`);
    return t;
  }

  protected live(): void {
    this.get();
  }

  protected override resolveForLoad(): void {
    if (this.nullState === undefined) this.resolveNull();
    if (this.nullState === false) this.get();
  }

  delete(): void {
    this.act('delete', () => (this.model.tables = this.model.tables.filter((t) => t !== this.get())));
  }

  resize(newRange: unknown): void {
    this.act('resize', () => this.model.resizeTable(this.get(), newRange), newRange);
  }

  /**
   * The whole table, header row included (Table.getRange, ExcelApi 1.1:
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.table#excel-excel-table-getrange-member(1)).
   */
  getRange(): FakeRangeProxy {
    return new FakeRangeProxy(this.ctx, `${this.path}.getRange()`, this.worksheet, () => this.get().rect);
  }

  /** The sheet the table is on (Table.worksheet, ExcelApi 1.2). */
  get worksheet(): FakeWorksheetProxy {
    return (this.sheetProxy ??= new FakeWorksheetProxy(this.ctx, `${this.path}.worksheet`, () => this.model.sheetById(this.get().sheetId), false));
  }
  private sheetProxy: FakeWorksheetProxy | undefined;

  get columns(): FakeTableColumnCollection {
    return (this.columnProxy ??= new FakeTableColumnCollection(this.ctx, `${this.path}.columns`, this));
  }
  private columnProxy: FakeTableColumnCollection | undefined;

  get sort(): FakeTableSortProxy {
    return (this.sortProxy ??= new FakeTableSortProxy(this.ctx, `${this.path}.sort`, this));
  }
  private sortProxy: FakeTableSortProxy | undefined;

  clearFilters(): void {
    this.act('clearFilters', () => {
      const t = this.get();
      this.model.assertTableFilterAllowed(t, 'Clearing the filters');
      t.filters = {};
    });
  }
}

/** The columns of a table, in order, named by their header text. */
class FakeTableColumnCollection {
  private loadedItems: FakeTableColumnProxy[] | undefined;
  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
    readonly table: FakeTableProxy,
  ) {}

  headers(): string[] {
    const t = this.table.get();
    const sheet = this.ctx.model.sheetById(t.sheetId) as FakeSheet;
    return this.ctx.model.matrix(sheet, { ...t.rect, endRow: t.rect.row }, (c) => String(c.value))[0] ?? [];
  }

  get items(): FakeTableColumnProxy[] {
    if (!this.loadedItems) fail('PropertyNotLoaded', `The property 'items' of ${this.path} is not available: load it and call context.sync() first.`);
    return this.loadedItems as FakeTableColumnProxy[];
  }

  load(what?: LoadArg): this {
    const names = loadNames(what)?.map((n) => n.replace(/^items\//, '')).filter((n) => n !== 'items') ?? null;
    this.ctx.enqueue({ o: this.path, a: 'load', v: names ?? '*' }, () => {
      const previous = this.loadedItems;
      this.ctx.respond(null, () => (this.loadedItems = previous));
      this.loadedItems = this.headers().map((_, i) => {
        const proxy = new FakeTableColumnProxy(this.ctx, `${this.path}[${i}]`, this, () => i);
        proxy.snapshot(names && names.length > 0 ? names : null);
        return proxy;
      });
    });
    return this;
  }

  getItem(key: string): FakeTableColumnProxy {
    return new FakeTableColumnProxy(this.ctx, `${this.path}[${JSON.stringify(key)}]`, this, () => {
      const i = this.headers().findIndex((h) => h.toLowerCase() === String(key).toLowerCase());
      return i < 0 ? fail('ItemNotFound', `${this.path}: no column named '${key}'.`) : i;
    });
  }
}

class FakeTableColumnProxy extends FakeObject {
  readonly filter: FakeFilterProxy;
  constructor(
    ctx: FakeContext,
    path: string,
    readonly columns: FakeTableColumnCollection,
    readonly position: () => number,
  ) {
    super(ctx, path);
    this.filter = new FakeFilterProxy(ctx, `${path}.filter`, this);
    this.props({
      name: { read: () => this.columns.headers()[this.position()] },
      index: { read: () => this.position() },
    });
  }
  protected live(): void {
    this.position();
  }
}

class FakeFilterProxy extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: string,
    readonly column: FakeTableColumnProxy,
  ) {
    super(ctx, path);
  }
  protected live(): void {
    this.column.position();
  }
  private table(): FakeTable {
    return this.column.columns.table.get();
  }
  applyValuesFilter(values: unknown[]): void {
    this.act(
      'applyValuesFilter',
      () => {
        const t = this.table();
        this.model.assertTableFilterAllowed(t, 'Filtering');
        if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) fail('InvalidArgument', 'applyValuesFilter takes an array of strings.');
        t.filters = { ...(t.filters ?? {}), [this.column.position()]: [...(values as string[])] };
      },
      values,
    );
  }
  clear(): void {
    this.act('clear', () => {
      const t = this.table();
      this.model.assertTableFilterAllowed(t, 'Clearing a filter');
      const rest = { ...(t.filters ?? {}) };
      delete rest[this.column.position()];
      t.filters = rest;
    });
  }
}

class FakeTableSortProxy extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: string,
    readonly table: FakeTableProxy,
  ) {
    super(ctx, path);
  }
  protected live(): void {
    this.table.get();
  }
  /** Recorded, not performed: the fake keeps the rows where they are. */
  apply(fields: { key: number; ascending?: boolean }[]): void {
    this.act(
      'apply',
      () => {
        const t = this.table.get();
        this.model.assertTableFilterAllowed(t, 'Sorting');
        if (!Array.isArray(fields) || fields.length === 0) fail('InvalidArgument', 'sort.apply needs at least one field.');
        t.sort = fields.map((f) => ({ key: expectNumber(f.key, 'SortField.key', 0, t.rect.endCol - t.rect.col), ascending: f.ascending ?? true }));
      },
      fields,
    );
  }
}

class FakeNamedItemCollection extends FakeCollection<FakeNamedItemProxy> {
  constructor(ctx: FakeContext) {
    super(ctx, 'workbook.names');
  }
  protected entities(): unknown[] {
    return this.ctx.model.names;
  }
  protected proxyFor(entity: unknown): FakeNamedItemProxy {
    const n = entity as FakeName;
    return new FakeNamedItemProxy(this.ctx, `names[${JSON.stringify(n.name)}]`, () => n, false, n);
  }

  add(name: string, reference: FakeRangeProxy | string, comment?: string): FakeNamedItemProxy {
    let created: FakeName | undefined;
    const proxy = new FakeNamedItemProxy(this.ctx, `names.add(${JSON.stringify(name)})`, () => created, false);
    const ref = typeof reference === 'string' ? reference : { range: reference.path };
    this.ctx.enqueue({ o: this.path, a: 'add', v: [name, ref, comment ?? null] }, () => {
      const model = this.ctx.model;
      if (typeof reference === 'string') {
        const target = model.resolveReference(reference);
        created = model.addName(name, target, reference.startsWith('=') ? reference : `=${reference}`, comment);
      } else {
        created = model.addName(name, { sheetId: reference.sheet().id, rect: { ...reference.rect() } }, '', comment);
      }
    });
    return proxy;
  }

  getItem(name: string): FakeNamedItemProxy {
    return new FakeNamedItemProxy(this.ctx, `names[${JSON.stringify(name)}]`, () => this.find(name), false);
  }

  getItemOrNullObject(name: string): FakeNamedItemProxy {
    const proxy = new FakeNamedItemProxy(this.ctx, `names[${JSON.stringify(name)}]?`, () => this.find(name), true);
    this.ctx.enqueue({ o: this.path, a: 'getItemOrNullObject', v: name }, () => proxy.resolveNull());
    return proxy;
  }

  private find(name: string): FakeName | undefined {
    return this.ctx.model.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  }
}

class FakeNamedItemProxy extends FakeObject {
  private item: FakeName | null | undefined;
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly locate: () => FakeName | undefined,
    orNull: boolean,
    bound?: FakeName,
  ) {
    super(ctx, path, orNull);
    this.item = bound;
    this.props({
      name: { read: () => this.get().name },
      formula: {
        read: () => this.model.nameFormula(this.get()),
        write: (v) => {
          if (typeof v !== 'string') fail('InvalidArgument', 'NamedItem.formula must be a string.');
          const n = this.get();
          n.target = this.model.resolveReference(v as string);
          n.constant = (v as string).startsWith('=') ? (v as string) : `=${String(v)}`;
        },
      },
      comment: { read: () => this.get().comment, write: (v) => (this.get().comment = typeof v === 'string' ? v : fail('InvalidArgument', 'comment must be a string.')) },
      visible: { read: () => this.get().visible, write: (v) => (this.get().visible = expectBoolean(v, 'visible')) },
      type: { read: () => (this.get().target ? 'Range' : 'String') },
    });
  }

  resolveNull(): void {
    const n = this.locate();
    this.item = n ?? null;
    this.nullState = !n;
  }

  get(): FakeName {
    if (this.item === undefined) {
      const n = this.locate();
      if (!n) fail('ItemNotFound', `${this.path}: the name does not exist.`);
      this.item = n;
    }
    if (this.item === null) return fail('InvalidOperation', `${this.path} is a null object.`);
    const n = this.item as FakeName;
    if (!this.model.names.includes(n)) fail('ItemNotFound', `${this.path}: the name has been deleted.`);
    return n;
  }

  protected live(): void {
    this.get();
  }

  protected override resolveForLoad(): void {
    if (this.nullState === undefined) this.resolveNull();
    if (this.nullState === false) this.get();
  }

  delete(): void {
    this.act('delete', () => (this.model.names = this.model.names.filter((n) => n !== this.get())));
  }
}

// --- sheet-level parts ------------------------------------------------------------------------

abstract class FakeSheetPart extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: string,
    readonly worksheet: FakeWorksheetProxy,
    orNull = false,
  ) {
    super(ctx, path, orNull);
  }
  protected live(): void {
    this.worksheet.sheet();
  }
  protected sheet(): FakeSheet {
    return this.worksheet.sheet();
  }
  /** A Range proxy or an address string -> rectangle on this sheet. */
  protected rectOf(target: FakeRangeProxy | string): Rect {
    if (typeof target !== 'string') {
      if (target.sheet() !== this.sheet()) fail('InvalidArgument', 'The range is on another sheet.');
      return target.rect();
    }
    const { sheet, ref } = splitSheetRef(target);
    if (sheet !== null && sheet.toLowerCase() !== this.sheet().name.toLowerCase()) fail('InvalidArgument', `The address '${target}' is on another sheet.`);
    return parseRef(ref);
  }
  protected argOf(target: FakeRangeProxy | string): unknown {
    return typeof target === 'string' ? target : { range: target.path };
  }
}

class FakeFreezePanesProxy extends FakeSheetPart {
  freezeAt(frozenRange: FakeRangeProxy | string): void {
    this.act(
      'freezeAt',
      () => {
        const r = this.rectOf(frozenRange);
        this.sheet().freeze = { rows: isFullColumns(r) ? 0 : r.endRow + 1, cols: isFullRows(r) ? 0 : r.endCol + 1 };
      },
      this.argOf(frozenRange),
    );
  }
  freezeRows(count = 1): void {
    this.act('freezeRows', () => (this.sheet().freeze = { rows: expectNumber(count, 'freezeRows', 0, MAX_ROWS - 1), cols: 0 }), count);
  }
  freezeColumns(count = 1): void {
    this.act('freezeColumns', () => (this.sheet().freeze = { rows: 0, cols: expectNumber(count, 'freezeColumns', 0, MAX_COLS - 1) }), count);
  }
  unfreeze(): void {
    this.act('unfreeze', () => (this.sheet().freeze = { rows: 0, cols: 0 }));
  }
}

class FakePageLayoutProxy extends FakeSheetPart {
  constructor(ctx: FakeContext, path: string, worksheet: FakeWorksheetProxy) {
    super(ctx, path, worksheet);
    this.props({
      orientation: {
        read: () => this.sheet().pageLayout.orientation,
        write: (v) => (this.sheet().pageLayout.orientation = expectOneOf(v, 'pageLayout.orientation', ['Portrait', 'Landscape'] as const)),
      },
      zoom: {
        read: () => this.sheet().pageLayout.zoom,
        write: (v) => {
          if (typeof v !== 'object' || v === null) fail('InvalidArgument', 'pageLayout.zoom must be an object.');
          const z = v as { scale?: unknown; horizontalFitToPages?: unknown; verticalFitToPages?: unknown };
          const zoom: FakeSheet['pageLayout']['zoom'] = {};
          // PageLayoutZoomOptions (https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayoutzoomoptions):
          // scale 10-400; fit-to-pages a number of pages. 0 ("automatic" in the file format) is not a
          // documented value here, so the fake refuses it.
          if (z.scale !== undefined && z.scale !== null) zoom.scale = expectNumber(z.scale, 'zoom.scale', 10, 400);
          if (z.horizontalFitToPages !== undefined && z.horizontalFitToPages !== null) zoom.horizontalFitToPages = expectNumber(z.horizontalFitToPages, 'zoom.horizontalFitToPages', 1, 32_767);
          if (z.verticalFitToPages !== undefined && z.verticalFitToPages !== null) zoom.verticalFitToPages = expectNumber(z.verticalFitToPages, 'zoom.verticalFitToPages', 1, 32_767);
          if (zoom.scale !== undefined && (zoom.horizontalFitToPages !== undefined || zoom.verticalFitToPages !== undefined)) fail('InvalidArgument', 'zoom: use either scale or fit-to-pages.');
          // office-js#1860: a fit-to-pages zoom may silently not apply.
          if (zoom.scale === undefined && !this.model.fitToPagesApplies) return;
          this.sheet().pageLayout.zoom = zoom;
        },
      },
    });
  }
  setPrintTitleRows(rows: FakeRangeProxy | string): void {
    this.act(
      'setPrintTitleRows',
      () => {
        const r = this.rectOf(rows);
        if (!isFullRows(r)) fail('InvalidArgument', 'Print title rows must be whole rows, e.g. "$1:$2".');
        this.sheet().pageLayout.printTitleRows = refOf(r, true);
      },
      this.argOf(rows),
    );
  }
}

class FakeWorksheetProtectionProxy extends FakeSheetPart {
  constructor(ctx: FakeContext, path: string, worksheet: FakeWorksheetProxy) {
    super(ctx, path, worksheet);
    this.props({
      protected: { read: () => this.sheet().protection.protected },
      options: { read: () => this.sheet().protection.options },
    });
  }
  protect(options?: Record<string, unknown>, password?: string): void {
    this.act(
      'protect',
      () => {
        const sheet = this.sheet();
        if (sheet.protection.protected) fail('InvalidOperation', `'${sheet.name}' is already protected.`);
        const opts: Record<string, boolean> = {};
        for (const [k, v] of Object.entries(options ?? {})) {
          expectOneOf(k, 'WorksheetProtectionOptions', PROTECTION_OPTIONS);
          if (k !== 'selectionMode') opts[k] = expectBoolean(v, k);
        }
        sheet.protection = password === undefined || password === '' ? { protected: true, options: opts } : { protected: true, options: opts, password };
      },
      [options ?? null, password === undefined ? null : '***'],
    );
  }
  /**
   * unprotect(password?): "password: the password to unprotect the worksheet"
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotection#excel-excel-worksheetprotection-unprotect-member(1));
   * a sheet protected with a password stays protected without the right one.
   */
  unprotect(password?: string): void {
    this.act(
      'unprotect',
      () => {
        const sheet = this.sheet();
        if (sheet.protection.password !== undefined && sheet.protection.password !== password) fail('InvalidArgument', `'${sheet.name}' is protected with a password; the password given is not it.`);
        sheet.protection = { protected: false, options: {} };
      },
      password === undefined ? undefined : '***',
    );
  }
}

class FakeAutoFilterProxy extends FakeSheetPart {
  apply(range: FakeRangeProxy | string): void {
    this.act(
      'apply',
      () => {
        const sheet = this.sheet();
        const r = this.rectOf(range);
        this.model.assertNotProtected(sheet, 'Applying an AutoFilter');
        if (this.model.tables.some((t) => t.sheetId === sheet.id && intersects(t.rect, r))) fail('InvalidOperation', 'A sheet AutoFilter cannot overlap a table.');
        sheet.autoFilter = { ...r };
      },
      this.argOf(range),
    );
  }
  remove(): void {
    this.act('remove', () => (this.sheet().autoFilter = null));
  }
}

// --- charts (minimal, recorded) ----------------------------------------------------------------

const CHART_TYPES = ['ColumnClustered', 'ColumnStacked', 'BarClustered', 'BarStacked', 'Line', 'LineMarkers', 'Pie', 'Doughnut', 'XYScatter', 'Area'] as const;

class FakeChartCollection extends FakeSheetPart {
  add(type: string, sourceData: FakeRangeProxy | string, seriesBy: string = 'Auto'): FakeChartProxy {
    let chart: FakeChart | undefined;
    const proxy = new FakeChartProxy(this.ctx, `${this.path}.add(${JSON.stringify(type)})`, this.worksheet, () => chart);
    this.act(
      'add',
      () => {
        const sheet = this.sheet();
        const kind = expectOneOf(type, 'charts.add type', CHART_TYPES);
        const by = expectOneOf(seriesBy, 'charts.add seriesBy', ['Auto', 'Columns', 'Rows'] as const);
        const source = this.rectOf(sourceData);
        if (isFullColumns(source) || isFullRows(source)) fail('FakeLimitation', 'Charts over whole rows or columns are not modelled.');
        this.model.assertNotProtected(sheet, 'Adding a chart');
        const series: FakeChartSeries[] = [];
        if (by === 'Rows') for (let r = source.row; r <= source.endRow; r++) series.push({ name: `Series${series.length + 1}`, values: { ...source, row: r, endRow: r }, xValues: null });
        else for (let c = source.col; c <= source.endCol; c++) series.push({ name: `Series${series.length + 1}`, values: { ...source, col: c, endCol: c }, xValues: null });
        let n = sheet.charts.length + 1;
        while (sheet.charts.some((x) => x.name === `Chart ${n}`)) n++;
        chart = { id: this.model.newId('chart'), name: `Chart ${n}`, type: kind, seriesBy: by, source: { ...source }, title: '', legendVisible: true, position: null, series };
        sheet.charts.push(chart);
      },
      [type, this.argOf(sourceData), seriesBy],
    );
    return proxy;
  }

  /**
   * ChartCollection.getItemOrNullObject (ExcelApi 1.4): the chart of that name on the sheet, or a null
   * object after a sync (https://learn.microsoft.com/en-us/javascript/api/excel/excel.chartcollection#excel-excel-chartcollection-getitemornullobject-member(1)).
   */
  getItemOrNullObject(name: string): FakeChartProxy {
    let found: FakeChart | undefined;
    const proxy = new FakeChartProxy(this.ctx, `${this.path}[${JSON.stringify(name)}]?`, this.worksheet, () => found, true);
    this.act(
      'getItemOrNullObject',
      () => {
        found = this.sheet().charts.find((c) => c.name.toLowerCase() === String(name).toLowerCase());
        proxy.resolve(found !== undefined);
      },
      name,
    );
    return proxy;
  }
}

class FakeChartProxy extends FakeSheetPart {
  readonly title: FakeChartPartProxy;
  readonly legend: FakeChartPartProxy;
  readonly series: FakeChartSeriesCollection;

  constructor(
    ctx: FakeContext,
    path: string,
    worksheet: FakeWorksheetProxy,
    readonly chart: () => FakeChart | undefined,
    orNull = false,
  ) {
    super(ctx, path, worksheet, orNull);
    this.title = new FakeChartPartProxy(ctx, `${path}.title`, worksheet, this, {
      text: { read: () => this.get().title, write: (v) => (this.get().title = typeof v === 'string' ? v : fail('InvalidArgument', 'ChartTitle.text must be a string.')) },
    });
    this.legend = new FakeChartPartProxy(ctx, `${path}.legend`, worksheet, this, {
      visible: { read: () => this.get().legendVisible, write: (v) => (this.get().legendVisible = expectBoolean(v, 'ChartLegend.visible')) },
    });
    this.series = new FakeChartSeriesCollection(ctx, `${path}.series`, worksheet, this);
    this.props({
      name: {
        read: () => this.get().name,
        write: (v) => {
          if (typeof v !== 'string' || v.trim() === '') fail('InvalidArgument', 'Chart.name must be a non-blank string.');
          const chart = this.get();
          if (this.sheet().charts.some((c) => c !== chart && c.name.toLowerCase() === (v as string).toLowerCase())) fail('ItemAlreadyExists', `A chart named '${String(v)}' already exists on the sheet.`);
          chart.name = v as string;
        },
      },
    });
  }

  get(): FakeChart {
    if (this.nullState === true) return fail('InvalidOperation', `${this.path} is a null object.`);
    const c = this.chart();
    if (!c || !this.sheet().charts.includes(c)) return fail('ItemNotFound', `${this.path}: the chart does not exist.`);
    return c;
  }

  /** Settles an *OrNullObject proxy at sync time. */
  resolve(exists: boolean): void {
    this.nullState = !exists;
  }

  /** Chart.delete (ExcelApi 1.1): the chart goes from the sheet (https://learn.microsoft.com/en-us/javascript/api/excel/excel.chart#excel-excel-chart-delete-member(1)). */
  delete(): void {
    this.act('delete', () => {
      const chart = this.get();
      this.model.assertNotProtected(this.sheet(), 'Deleting a chart');
      this.sheet().charts = this.sheet().charts.filter((c) => c !== chart);
    });
  }

  protected override live(): void {
    this.get();
  }

  setPosition(startCell: FakeRangeProxy | string, endCell?: FakeRangeProxy | string): void {
    this.act(
      'setPosition',
      () => {
        const start = this.rectOf(startCell);
        const end = endCell === undefined ? null : this.rectOf(endCell);
        if (end && (end.endRow < start.row || end.endCol < start.col)) fail('InvalidArgument', 'Chart.setPosition: the end cell is above or left of the start cell.');
        this.get().position = { row: start.row, col: start.col, endRow: end ? end.endRow : start.row, endCol: end ? end.endCol : start.col };
      },
      [this.argOf(startCell), endCell === undefined ? null : this.argOf(endCell)],
    );
  }
}

class FakeChartPartProxy extends FakeSheetPart {
  constructor(ctx: FakeContext, path: string, worksheet: FakeWorksheetProxy, readonly owner: FakeChartProxy, specs: Record<string, PropSpec>) {
    super(ctx, path, worksheet);
    this.props(specs);
  }
  protected override live(): void {
    this.owner.get();
  }
}

class FakeChartSeriesCollection extends FakeSheetPart {
  constructor(ctx: FakeContext, path: string, worksheet: FakeWorksheetProxy, readonly owner: FakeChartProxy) {
    super(ctx, path, worksheet);
  }
  protected override live(): void {
    this.owner.get();
  }
  getItemAt(index: number): FakeChartSeriesProxy {
    return new FakeChartSeriesProxy(this.ctx, `${this.path}[${index}]`, this.worksheet, this.owner, () => {
      const s = this.owner.get().series[index];
      return s ?? fail('ItemNotFound', `${this.path}: no series at ${index}.`);
    });
  }
  add(name?: string): FakeChartSeriesProxy {
    let added: FakeChartSeries | undefined;
    this.act(
      'add',
      () => {
        const chart = this.owner.get();
        added = { name: name ?? `Series${chart.series.length + 1}`, values: { row: 0, col: 0, endRow: 0, endCol: 0 }, xValues: null };
        chart.series.push(added);
      },
      name ?? null,
    );
    return new FakeChartSeriesProxy(this.ctx, `${this.path}.add(${JSON.stringify(name ?? '')})`, this.worksheet, this.owner, () => added ?? fail('ItemNotFound', 'series not added yet'));
  }
}

class FakeChartSeriesProxy extends FakeSheetPart {
  constructor(ctx: FakeContext, path: string, worksheet: FakeWorksheetProxy, readonly owner: FakeChartProxy, readonly get: () => FakeChartSeries) {
    super(ctx, path, worksheet);
    this.props({ name: { read: () => this.get().name, write: (v) => (this.get().name = typeof v === 'string' ? v : fail('InvalidArgument', 'ChartSeries.name must be a string.')) } });
  }
  protected override live(): void {
    this.owner.get();
    this.get();
  }
  private line(target: FakeRangeProxy | string, what: string): Rect {
    const r = this.rectOf(target);
    if (r.endRow > r.row && r.endCol > r.col) fail('InvalidArgument', `${what}: the range must be one row or one column.`);
    return r;
  }
  setValues(sourceData: FakeRangeProxy | string): void {
    this.act('setValues', () => (this.get().values = this.line(sourceData, 'ChartSeries.setValues')), this.argOf(sourceData));
  }
  setXAxisValues(sourceData: FakeRangeProxy | string): void {
    this.act('setXAxisValues', () => (this.get().xValues = this.line(sourceData, 'ChartSeries.setXAxisValues')), this.argOf(sourceData));
  }
}

// ---------------------------------------------------------------------------------------------
// The handle tests use

export interface FakeExcel {
  /** Drop-in for Excel.run. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Live workbook state (sheets in tab order). */
  readonly workbook: { readonly sheets: FakeSheet[]; readonly names: FakeName[]; readonly tables: FakeTable[] };
  readonly stats: FakeStats;
  resetStats(): void;
  /** A sheet by name (ignoring case); throws if absent. */
  sheet(name: string): FakeSheet;
  /** A cell by A1 address ("B2") on a sheet; a blank cell if never touched. */
  cell(sheet: string, a1: string): FakeCell;
  /** Values of an A1 range as Excel's `values` would return them. */
  values(sheet: string, a1: string): RawCell[][];
  /** A defined name's formula, e.g. "=Grid!$A$1:$C$3", or undefined. */
  nameFormula(name: string): string | undefined;
  /** Puts values into cells as if typed, without counting a sync (test setup). */
  seed(sheet: string, a1: string, values: unknown[][]): void;
  /** What a user adds to a cell by hand (test setup): a note, a hyperlink, a fill. */
  decorate(sheet: string, a1: string, what: { note?: string; hyperlink?: FakeCell['hyperlink']; fill?: string }): void;
  /** A defined name typed by a user (test setup), e.g. ("MyCell", "='Grid'!$H$15"). */
  addName(name: string, reference: string): void;
  /**
   * The n-th action executed from now (1-based) fails, as any failing action does in Excel: the
   * actions before it in its batch stay applied, the rest are dropped (no rollback). Null: none.
   */
  failAtAction(n: number | null): void;
  /** An independent copy of this workbook (same options), for running one scenario many ways. */
  clone(): FakeExcel;
  /** Start recording every executed action ("path.property" or "path.method"); returns the live list. */
  traceActions(): string[];
}

const MODELS = new WeakMap<FakeExcel, Model>();

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const model = new Model(options.evaluate ?? ((f) => literalEvaluate(f)), options.responseLimitBytes, options.fitToPagesApplies);
  for (const name of options.sheets ?? ['Sheet1']) model.addSheet(name);

  const sheet = (name: string): FakeSheet => model.findSheet(name) ?? fail('ItemNotFound', `No sheet '${name}' in the fake workbook.`);

  const handle: FakeExcel = {
    async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      model.stats.runs++;
      const ctx = new FakeContext(model);
      try {
        const result = await batch(ctx as unknown as Excel.RequestContext);
        if (ctx.hasPending) await ctx.sync(true);
        return result;
      } finally {
        ctx.close();
      }
    },
    workbook: {
      get sheets() {
        return model.sheets;
      },
      get names() {
        return model.names;
      },
      get tables() {
        return model.tables;
      },
    },
    stats: model.stats,
    resetStats() {
      Object.assign(model.stats, { runs: 0, syncs: 0, actions: 0, totalBytes: 0, maxSyncBytes: 0, maxResponseBytes: 0, log: [] });
    },
    sheet,
    cell(sheetName, a1) {
      const r = parseRef(a1);
      return model.peek(sheet(sheetName), r.row, r.col) ?? blankCell();
    },
    values(sheetName, a1) {
      return model.matrix(sheet(sheetName), parseRef(a1), (c) => c.value);
    },
    nameFormula(name) {
      const n = model.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
      return n ? model.nameFormula(n) : undefined;
    },
    decorate(sheetName, a1, what) {
      const r = parseRef(a1);
      const cell = model.cell(sheet(sheetName), r.row, r.col);
      if (what.note !== undefined) cell.note = what.note;
      if (what.hyperlink !== undefined) cell.hyperlink = what.hyperlink;
      if (what.fill !== undefined) cell.fill = what.fill;
    },
    traceActions() {
      model.trace = [];
      return model.trace;
    },
    failAtAction(n) {
      model.failCountdown = n;
    },
    clone() {
      const copy = createFakeExcel({ ...options, sheets: [] });
      MODELS.get(copy)!.copyFrom(model);
      return copy;
    },
    addName(name, reference) {
      model.addName(name, model.resolveReference(reference), reference, undefined);
    },
    seed(sheetName, a1, values) {
      const s = sheet(sheetName);
      const r = parseRef(a1);
      model.writeInputs(s, { ...r, endRow: r.row + values.length - 1, endCol: r.col + (values[0]?.length ?? 1) - 1 }, values, 'seed');
    },
  };
  MODELS.set(handle, model);
  return handle;
}
