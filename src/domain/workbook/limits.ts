/*
 * Excel's limits in one place: every rule a workbook plan must keep before an adapter writes it.
 * Both adapters (office-js and .xlsx) call validatePlan and refuse a plan with problems before
 * touching the workbook, so a plan is accepted or refused the same way wherever it is applied.
 * Each limit cites Microsoft's documentation; where two sources differ the stricter is kept.
 */
import { address, columnLetter, MAX_COLUMNS, MAX_ROWS, type CellRange } from './a1';
import { SHEET_NAME_MAX, truncateUtf16 } from './names';
import { isDate, isFormula, type PlanValue, type SheetPlan, type WorkbookPlan } from './plan';

/** Microsoft's pages the limits below come from. */
const SPECS = 'https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3';
const DATA_VALIDATION_XML = 'https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/0114969a-4859-443e-ae3e-0c1fdebfcc64';

export const EXCEL_LIMITS = {
  /** Rows and columns of a sheet: SPECS ("1,048,576 rows by 16,384 columns"). */
  rows: MAX_ROWS,
  columns: MAX_COLUMNS,
  /** SPECS: "Total number of characters that a cell can contain: 32,767 characters". */
  cellText: 32_767,
  /** SPECS (calculation specifications): "Length of formula contents: 8,192 characters". */
  formula: 8_192,
  /** SPECS: "Column width: 255 characters". */
  columnWidth: 255,
  /** SPECS: "Row height: 409 points". */
  rowHeight: 409,
  /**
   * Sheet names: at most 31 characters (UTF-16 code units, as the file format counts them), none of
   * \ / ? * : [ ], not blank, not beginning or ending with an apostrophe, not "History" (reserved).
   * "Rename a worksheet", https://support.microsoft.com/en-us/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9
   */
  sheetName: SHEET_NAME_MAX,
  /**
   * Table and defined names: at most 255 characters, starting with a letter, "_" or "\", then
   * letters, digits, "_", "." or "\"; not a cell reference, not R/C or an R1C1 reference, not
   * TRUE/FALSE; unique ignoring case among the workbook's tables and names together.
   * "Rename an Excel table", https://support.microsoft.com/en-us/office/rename-an-excel-table-fbf49a4f-82a3-43eb-8ba2-44d21233b114;
   * "Define and use names in formulas", https://support.microsoft.com/en-us/office/define-and-use-names-in-formulas-4d0f13ac-53b7-422e-afd2-abd7ff379c64;
   * [MS-XLSB] 2.5.166 XLNameWideString, https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xlsb/9456f961-5069-4e5f-989d-44bdc56d031e
   */
  name: 255,
  /**
   * A list validation's inline source ("a,b,c", as the file stores it: in quotes, quotes doubled)
   * is at most 255 characters; items cannot hold the comma that separates them. "Create a drop-down
   * list", https://support.microsoft.com/en-us/office/create-a-drop-down-list-7693307a-59ef-400a-b769-c5402dce407b;
   * counted as stored (the stricter of the two counts the adapters used before).
   */
  listFormula: 255,
  /** DATA_VALIDATION_XML: "Office limits the length of the value of the errorTitle attribute to 32 characters". */
  validationTitle: 32,
  /**
   * DATA_VALIDATION_XML: "Office restricts the length of the value of the error attribute to 224
   * characters" (the stricter of it and [MS-XLSB] DValStrings' 225).
   */
  validationMessage: 224,
  /** Text rotation in degrees: Excel.RangeFormat.textOrientation, https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-textorientation-member */
  rotation: 90,
  /** Chart names, as names: at most 255 characters. */
  chartName: 255,
} as const;

/** Where the sources are, for messages and reviewers. */
export const LIMIT_SOURCES = { specifications: SPECS, dataValidation: DATA_VALIDATION_XML } as const;

/** One thing in a plan Excel would refuse, said in users' words, with the sheet and cell it is at. */
export interface PlanProblem {
  /** The sheet it is on, or null for the workbook (a defined name). */
  sheet: string | null;
  /** "B7" or "B7:D9", or null when it is not at a cell (a sheet's name). */
  cell: string | null;
  message: string;
}

/** A plan refused before anything was written. */
export class InvalidPlanError extends Error {
  override name = 'InvalidPlanError';
  constructor(
    message: string,
    readonly problems: readonly PlanProblem[] = [],
  ) {
    super(message);
  }
}

/** One message for all problems (the first few said in full), or null for none. */
export function describePlanProblems(problems: readonly PlanProblem[]): string | null {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 3).map((p) => p.message);
  const more = problems.length > 3 ? ` And ${problems.length - 3} more.` : '';
  return `The workbook cannot be written as planned, so nothing was changed. ${shown.join(' ')}${more}`;
}

/** Throws InvalidPlanError (or what `make` builds from the message) when the plan has problems. */
export function assertValidPlan(plan: WorkbookPlan, make: (message: string, problems: readonly PlanProblem[]) => Error = (m, p) => new InvalidPlanError(m, p)): void {
  const problems = validatePlan(plan);
  const message = describePlanProblems(problems);
  if (message !== null) throw make(message, problems);
}

const n = (x: number): string => x.toLocaleString('en-GB');

/** Why a sheet name cannot be used, or null when it can. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === '') return 'a sheet name cannot be blank';
  if (name.length > EXCEL_LIMITS.sheetName) return `a sheet name has at most ${EXCEL_LIMITS.sheetName} characters (this one has ${name.length})`;
  const bad = /[[\]:*?/\\]/.exec(name);
  if (bad) return `a sheet name cannot contain ${bad[0]} (nor any of [ ] : * ? / \\)`;
  if (name.startsWith("'") || name.endsWith("'")) return 'a sheet name cannot begin or end with an apostrophe';
  if (name.toLowerCase() === 'history') return 'Excel keeps the name "History" for itself';
  return null;
}

/** Why a table or defined name cannot be used, or null when it can. */
export function definedNameProblem(name: string): string | null {
  if (name === '') return 'a name cannot be blank';
  if (name.length > EXCEL_LIMITS.name) return `a name has at most ${EXCEL_LIMITS.name} characters (this one has ${n(name.length)})`;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return 'a name starts with a letter, _ or \\ and holds only letters, digits, _ and . (no spaces)';
  if (/^[A-Za-z]{1,3}\d+$/.test(name)) return 'a name cannot look like a cell address';
  if (/^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name)) return 'a name cannot be R, C or look like an R1C1 reference';
  if (/^(true|false)$/i.test(name)) return 'a name cannot be TRUE or FALSE';
  return null;
}

/** A title and message of a validation's error alert cut to Excel's limits (an ellipsis where cut), as both adapters write them. */
export function fitAlertText(title: string, message: string): { title: string; message: string } {
  const cut = (s: string, max: number): string => (s.length > max ? `${truncateUtf16(s, max - 1)}…` : s);
  return { title: cut(title, EXCEL_LIMITS.validationTitle), message: cut(message, EXCEL_LIMITS.validationMessage) };
}

/** The inline list formula a validation is stored as: the items in quotes, quotes doubled. */
export function listFormula(list: readonly string[]): string {
  return `"${list.map((item) => item.replace(/"/g, '""')).join(',')}"`;
}

/** Whether a range lies inside the sheet, top-left first. */
function rangeProblem(r: CellRange): string | null {
  const endRow = r.endRow ?? r.row;
  const endCol = r.endCol ?? r.col;
  const all = [r.row, r.col, endRow, endCol];
  if (!all.every((x) => Number.isInteger(x) && x >= 0)) return `is not a range of cells (${JSON.stringify(r)})`;
  if (endRow < r.row || endCol < r.col) return `ends before it starts (${JSON.stringify(r)})`;
  if (endRow >= MAX_ROWS) return `goes beyond row ${n(MAX_ROWS)}, the last row of a sheet`;
  if (endCol >= MAX_COLUMNS) return `goes beyond column ${columnLetter(MAX_COLUMNS - 1)}, the last column of a sheet`;
  return null;
}

const COLOUR = /^#[0-9A-Fa-f]{6}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Excel's dates start in 1900.
  return Number(m[1]) >= 1900 && Number(m[1]) <= 9999 && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.row <= (b.endRow ?? b.row) && b.row <= (a.endRow ?? a.row) && a.col <= (b.endCol ?? b.col) && b.col <= (a.endCol ?? a.col);
}

/** The plan's value at a cell of the sheet (the last block that writes it), or undefined. */
function plannedValue(sheet: SheetPlan, row: number, col: number): PlanValue | undefined {
  let found: PlanValue | undefined;
  for (const b of sheet.blocks) {
    const r = b.values[row - b.row];
    if (row >= b.row && col >= b.col && r !== undefined && col - b.col < r.length) found = r[col - b.col] ?? null;
  }
  return found;
}

class Problems {
  readonly list: PlanProblem[] = [];
  constructor(private sheetName: string | null = null) {}
  on(sheet: string | null): this {
    this.sheetName = sheet;
    return this;
  }
  add(cell: string | null, message: string): void {
    const where = this.sheetName === null ? '' : `Sheet "${this.sheetName}"${cell ? `, ${cell.includes(':') ? 'cells' : 'cell'} ${cell}` : ''}: `;
    const text = where === '' ? `${message.charAt(0).toUpperCase()}${message.slice(1)}` : message;
    this.list.push({ sheet: this.sheetName, cell, message: `${where}${text}.` });
  }
  /** A range that must lie inside the sheet; false when it does not (and it was said). */
  range(r: CellRange, what: string): boolean {
    const problem = rangeProblem(r);
    if (problem) this.add(null, `the ${what} ${problem}`);
    return problem === null;
  }
  colour(value: string | undefined, what: string, cell: string | null): void {
    if (value !== undefined && !COLOUR.test(value)) this.add(cell, `the ${what} "${value}" is not a colour written #RRGGBB`);
  }
}

/** A value's problems; `row`/`col` become an address only when there is one (plans hold millions of cells). */
function checkValue(p: Problems, v: PlanValue, row: number, col: number): void {
  if (v === null || typeof v === 'boolean') return;
  if (typeof v === 'number' && Number.isFinite(v)) return;
  if (typeof v === 'string' && v.length <= EXCEL_LIMITS.cellText) return;
  const cell = address({ row, col });
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) p.add(cell, `${v} is not a number a cell can hold`);
  } else if (typeof v === 'string') {
    if (v.length > EXCEL_LIMITS.cellText) p.add(cell, `the text is ${n(v.length)} characters long; a cell holds at most ${n(EXCEL_LIMITS.cellText)}`);
  } else if (isFormula(v)) {
    if (v.formula.length > EXCEL_LIMITS.formula) p.add(cell, `the formula is ${n(v.formula.length)} characters long; Excel allows ${n(EXCEL_LIMITS.formula)}`);
  } else if (isDate(v)) {
    if (!isRealDate(v.date)) p.add(cell, `"${v.date}" is not a date written yyyy-mm-dd between 1900 and 9999`);
  } else p.add(cell, `${JSON.stringify(v)} is not a value a cell can hold`);
}

function checkSheet(p: Problems, sheet: SheetPlan, tableNames: Map<string, string>): void {
  for (const b of sheet.blocks) {
    const width = Math.max(1, ...b.values.map((r) => r.length));
    if (!p.range({ row: b.row, col: b.col, endRow: b.row + Math.max(1, b.values.length) - 1, endCol: b.col + width - 1 }, 'block of values')) continue;
    b.values.forEach((r, i) => r.forEach((v, j) => checkValue(p, v, b.row + i, b.col + j)));
  }
  for (const s of sheet.styles) {
    if (!p.range(s.range, 'formatted range')) continue;
    const cell = address(s.range);
    const rotation = s.style.rotation;
    if (rotation !== undefined && !(Number.isFinite(rotation) && Math.abs(rotation) <= EXCEL_LIMITS.rotation)) p.add(cell, `text can be turned from -90 to 90 degrees, not ${rotation}`);
    p.colour(s.style.fill, 'fill', cell);
    p.colour(s.style.fontColor, 'font colour', cell);
  }
  for (const m of sheet.merges) p.range(m, 'merged range');
  for (const c of sheet.columnWidths) {
    if (!p.range({ row: 0, col: c.col }, 'column')) continue;
    if (!(c.width >= 0 && c.width <= EXCEL_LIMITS.columnWidth)) p.add(null, `column ${columnLetter(c.col)} cannot be ${c.width} characters wide (0 to ${EXCEL_LIMITS.columnWidth})`);
  }
  for (const r of sheet.rowHeights) {
    if (!p.range({ row: r.row, col: 0 }, 'row')) continue;
    if (!(r.height >= 0 && r.height <= EXCEL_LIMITS.rowHeight)) p.add(null, `row ${r.row + 1} cannot be ${r.height} points high (0 to ${EXCEL_LIMITS.rowHeight})`);
  }
  for (const c of sheet.hiddenColumns) p.range({ row: 0, col: c }, 'hidden column');

  const placed: CellRange[] = [];
  for (const t of sheet.tables) {
    const problem = definedNameProblem(t.name);
    if (problem) p.add(null, `"${t.name}" cannot be a table name: ${problem}`);
    const other = tableNames.get(t.name.toLowerCase());
    if (other !== undefined) p.add(null, `the table name "${t.name}" is also used ${other} (table and range names are unique in a workbook, ignoring case)`);
    tableNames.set(t.name.toLowerCase(), `for a table on sheet "${sheet.name}"`);
    if (!p.range(t.range, `table ${t.name}`)) continue;
    const cell = address(t.range);
    if (placed.some((o) => overlaps(o, t.range))) p.add(cell, `table ${t.name} overlaps another table`);
    if (sheet.merges.some((m) => overlaps(m, t.range) && ((m.endRow ?? m.row) > m.row || (m.endCol ?? m.col) > m.col))) p.add(cell, `table ${t.name} overlaps merged cells, which a table cannot hold`);
    placed.push(t.range);
    // Excel makes a table's header cells unique text; a plan that relies on it would be read back wrong.
    const seen = new Set<string>();
    for (let col = t.range.col; col <= (t.range.endCol ?? t.range.col); col++) {
      const v = plannedValue(sheet, t.range.row, col);
      if (v === undefined) continue;
      const header = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
      const hc = address({ row: t.range.row, col });
      if (header.trim() === '') p.add(hc, `the header of table ${t.name} must hold text`);
      else if (seen.has(header.toLowerCase())) p.add(hc, `table ${t.name} has a duplicate column name "${header}" (a table's column names differ, ignoring case)`);
      seen.add(header.toLowerCase());
    }
  }

  for (const v of sheet.validations) {
    if (!p.range(v.range, 'drop-down list')) continue;
    const cell = address(v.range);
    if (v.list.length === 0) p.add(cell, 'the drop-down list has no items');
    const comma = v.list.find((item) => item.includes(','));
    if (comma !== undefined) p.add(cell, `the drop-down item "${comma}" contains a comma; drop-down items cannot hold commas`);
    if (v.list.some((item) => item.trim() === '')) p.add(cell, 'a drop-down list cannot have a blank item');
    const formula = listFormula(v.list);
    if (formula.length > EXCEL_LIMITS.listFormula) p.add(cell, `the drop-down list is ${formula.length} characters long as Excel stores it; Excel allows ${EXCEL_LIMITS.listFormula}`);
  }
  for (const c of sheet.conditionalFormats) {
    if (!p.range(c.range, 'conditional format')) continue;
    p.colour(c.style.fill, 'fill', address(c.range));
    p.colour(c.style.fontColor, 'font colour', address(c.range));
  }
  for (const d of sheet.dataBars) {
    if (p.range(d.range, 'data bar')) p.colour(d.color, 'data bar colour', address(d.range));
  }

  const chartNames = new Set<string>();
  for (const c of sheet.charts ?? []) {
    if (c.name.trim() === '' || c.name.length > EXCEL_LIMITS.chartName) p.add(null, `"${c.name}" cannot be a chart name (1 to ${EXCEL_LIMITS.chartName} characters)`);
    if (chartNames.has(c.name.toLowerCase())) p.add(null, `the sheet has two charts named "${c.name}"`);
    chartNames.add(c.name.toLowerCase());
    if (c.series.length === 0) p.add(null, `chart "${c.name}" has no series`);
    const ranges = [c.categories, c.position, ...c.series.map((x) => x.values)];
    if (!ranges.every((r) => p.range(r, `range of chart "${c.name}"`))) continue;
    const length = (r: CellRange): number | null => {
      const rows = (r.endRow ?? r.row) - r.row + 1;
      const cols = (r.endCol ?? r.col) - r.col + 1;
      return rows > 1 && cols > 1 ? null : Math.max(rows, cols);
    };
    const count = length(c.categories);
    if (count === null) p.add(address(c.categories), `the categories of chart "${c.name}" are not one row or one column`);
    for (const x of c.series) {
      const len = length(x.values);
      if (len === null) p.add(address(x.values), `series "${x.name}" of chart "${c.name}" is not one row or one column`);
      else if (count !== null && len !== count) p.add(address(x.values), `series "${x.name}" of chart "${c.name}" and its categories (${address(c.categories)}) differ in length`);
    }
  }

  if (sheet.autoFilter) p.range(sheet.autoFilter, 'filter');
  const f = sheet.freeze;
  if (f && !(Number.isInteger(f.rows) && Number.isInteger(f.cols) && f.rows >= 0 && f.cols >= 0 && f.rows < MAX_ROWS && f.cols < MAX_COLUMNS)) p.add(null, `cannot freeze ${f.rows} rows and ${f.cols} columns`);
  const rr = sheet.print?.repeatRows;
  if (rr) p.range({ row: rr.from, col: 0, endRow: rr.to }, 'rows repeated on every printed page');
  p.colour(sheet.tabColor, 'tab colour', null);
  for (const e of sheet.rebuild?.edits ?? []) {
    const limit = e.axis === 'rows' ? MAX_ROWS : MAX_COLUMNS;
    if (!(Number.isInteger(e.at) && Number.isInteger(e.count) && e.at >= 0 && e.count >= 1 && e.at + e.count <= limit)) p.add(null, `cannot ${e.op} ${e.count} ${e.axis} at ${e.at}`);
  }
  for (const k of sheet.rebuild?.keep ?? []) p.range(k, "user's cells kept");
}

/**
 * Every problem Excel would have with the plan, in plan order; empty when both adapters can write
 * it as planned. Pure: it looks at the plan only (clashes with what the workbook already holds are
 * the pre-flight's, preflight.ts).
 */
export function validatePlan(plan: WorkbookPlan): PlanProblem[] {
  const checker = new PlanChecker();
  for (const sheet of plan.sheets) checker.sheet(sheet);
  checker.names(plan.names);
  return checker.problems;
}

/**
 * validatePlan a sheet at a time, for a workbook written as it is planned (a streamed build):
 * the same checks and messages, sheet names and table names compared across every sheet so far.
 */
export class PlanChecker {
  private readonly p = new Problems();
  private readonly sheets = new Set<string>();
  private readonly tableNames = new Map<string, string>();

  /** Every problem found so far. */
  get problems(): PlanProblem[] {
    return this.p.list;
  }

  /** The sheet's problems (and those of no earlier sheet). */
  sheet(sheet: SheetPlan): PlanProblem[] {
    const before = this.p.list.length;
    this.p.on(null);
    const nameProblem = sheetNameProblem(sheet.name);
    if (nameProblem) this.p.add(null, `"${sheet.name}" cannot be a sheet name: ${nameProblem}`);
    if (this.sheets.has(sheet.name.toLowerCase())) this.p.add(null, `the plan has two sheets named "${sheet.name}" (Excel ignores case in sheet names)`);
    this.sheets.add(sheet.name.toLowerCase());
    checkSheet(this.p.on(sheet.name), sheet, this.tableNames);
    return this.p.list.slice(before);
  }

  /** The workbook's range names' problems, once every sheet has been checked. */
  names(names: WorkbookPlan['names']): PlanProblem[] {
    const before = this.p.list.length;
    const p = this.p.on(null);
    for (const name of names) {
      const problem = definedNameProblem(name.name);
      if (problem) p.add(null, `"${name.name}" cannot be a name: ${problem}`);
      const other = this.tableNames.get(name.name.toLowerCase());
      if (other !== undefined) p.add(null, `the name "${name.name}" is also used ${other} (table and range names are unique in a workbook, ignoring case)`);
      this.tableNames.set(name.name.toLowerCase(), `for a range name on sheet "${name.sheet}"`);
      if (!this.sheets.has(name.sheet.toLowerCase())) p.add(null, `the name "${name.name}" refers to sheet "${name.sheet}", which the plan does not write`);
      const problemAt = rangeProblem(name.range);
      if (problemAt) p.add(null, `the name "${name.name}" ${problemAt}`);
    }
    return this.p.list.slice(before);
  }
}
