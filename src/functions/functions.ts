/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands ranges over as any[][]; the shell coerces them to cells at once. */
import { CENTRE_STANDARDS_SHEET } from '../domain/standards/centreSheetName';
import { CENTRE_STANDARDS_CHANGED } from './centreStandardsEvent';
import {
  coverage as coverageOf,
  credits as creditsOf,
  glh as glhOf,
  itemText as itemTextOf,
  items as itemsOf,
  missing as missingOf,
  qualComplete as qualCompleteOf,
  rules as rulesOf,
  unitComplete as unitCompleteOf,
  unitInfo as unitInfoOf,
  type CellError,
  type CheckProblem,
  type CheckResult,
} from '../domain/checks/sheetChecks';
import type { Catalog } from '../domain/standards/catalog';
import type { RawCell } from '../domain/workbook/sheetValues';

/*
 * Custom functions (namespace VQ), shared runtime with the task pane. Each is JSDoc (from which
 * custom-functions-metadata generates functions.json at build time) over a thin shell: coerce the
 * arguments, call one function of src/domain/checks/sheetChecks.ts, turn a Problem into an Excel
 * error. Nothing escapes: an unexpected throw becomes #VALUE! with a message, never a bare error
 * or a rejected promise. Error cells inside a range argument reach us (allowErrorForDataTypeAny,
 * which scripts/functionsMetadata.cjs adds to the generated functions.json): they are lifted out of
 * the range and the checks decide whether they matter (where a mark belongs) or not.
 *
 * The bundled standards (most of the bytes) are not part of functions.js: every function is async
 * and awaits them, loaded once as a separate chunk on the first call (the one the task pane loads
 * too). Excel shows #BUSY! while that first load is under way.
 * Reference: docs/functions.md.
 */

// ---------------------------------------------------------------------------------------------
// The shell: coercion in, errors out.

/**
 * The Excel error a value stands for ("#DIV/0!"), if it is one. functions.json sets
 * allowErrorForDataTypeAny, so error cells reach the range arguments (type any) instead of Excel
 * skipping the call. Microsoft documents that they arrive, not their shape: accepted are a
 * CustomFunctions.Error (its code is the error) and an error cell value as data types give it
 * ({ type: "Error", basicValue: "#DIV/0!" }, allowCustomDataForDataTypeAny is set too).
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#allowerrorfordatatypeany
 */
function errorOf(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  if (typeof CustomFunctions !== 'undefined' && typeof CustomFunctions.Error === 'function' && v instanceof CustomFunctions.Error) return String(v.code);
  const o = v as { type?: unknown; basicValue?: unknown; errorType?: unknown; code?: unknown };
  if (o.type === 'Error') return typeof o.basicValue === 'string' ? o.basicValue : `#${String(o.errorType ?? 'VALUE')}!`;
  return typeof o.code === 'string' && o.code.startsWith('#') ? o.code : undefined;
}

/** An Excel value as a cell: "" stays "" (blank), anything that is not text, a number or a boolean is blank. */
function cell(v: unknown): RawCell {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

/**
 * A range argument as rows of cells, and the cells holding errors (blank in the rows). Excel passes
 * rows of primitives, which are used as they are (no copy per call).
 */
function cells(range: unknown): { rows: RawCell[][]; errors: CellError[] } {
  if (!Array.isArray(range)) {
    const error = errorOf(range);
    return { rows: [[cell(range)]], errors: error ? [{ row: 0, col: 0, error }] : [] };
  }
  let clean = true;
  for (const row of range) {
    if (!Array.isArray(row)) {
      clean = false;
      break;
    }
    for (const v of row) {
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        clean = false;
        break;
      }
    }
    if (!clean) break;
  }
  if (clean) return { rows: range as RawCell[][], errors: [] };
  const errors: CellError[] = [];
  const rows = range.map((row: unknown, r) => {
    const values: unknown[] = Array.isArray(row) ? row : [row];
    return values.map((v, c) => {
      const error = errorOf(v);
      if (error) errors.push({ row: r, col: c, error });
      return cell(v);
    });
  });
  return { rows, errors };
}

/** A scalar argument as text; an omitted optional argument (null or undefined) is "". */
function text(v: unknown): string {
  if (Array.isArray(v)) return text(Array.isArray(v[0]) ? v[0][0] : v[0]);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** The one place a Problem's kind becomes an Excel error: #N/A for codes we do not know (or values the standard does not give), #VALUE! for malformed input. */
function excelError(problem: CheckProblem): CustomFunctions.Error {
  switch (problem.kind) {
    case 'unknownQualification':
    case 'unknownUnit':
    case 'ambiguousCode':
    case 'unknownItem':
    case 'notStated':
      return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, problem.message);
    case 'notAGrid':
    case 'badArgument':
    case 'badCandidateList':
    case 'invalidStandards':
      return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, problem.message);
  }
}

function value<T>(result: CheckResult<T>): T | CustomFunctions.Error {
  return result.ok ? result.value : excelError(result.problem);
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The standards chunk failed to load (offline, a stale deployment) or the bundled standards are corrupt. */
class StandardsLoadError extends Error {
  constructor(cause: unknown) {
    // webpack's "Loading chunk ... failed.\n(error: <url>)" on one line, as a cell's error message.
    super(reasonOf(cause).replace(/\s+/g, ' ').trim(), { cause });
  }
}

let standards: Promise<Catalog> | undefined;

/**
 * The bundled standards, validated and indexed: loaded (as the "standards" chunk) on the first call
 * and shared by every call after it. A failed load is not remembered, so the next call tries again.
 */
function loadCatalog(): Promise<Catalog> {
  standards ??= import(/* webpackChunkName: "standards" */ '../domain/standards/bundled')
    .then(async (bundled) => {
      const base = bundled.bundledCatalog();
      const values = await centreStandardsValues();
      if (!values) return base;
      const carried = await import(/* webpackChunkName: "standards" */ '../domain/standards/workbookStandards');
      return carried.catalogWithCarried(base, values, bundled.isBundledId);
    })
    .catch((e: unknown) => {
      standards = undefined;
      throw new StandardsLoadError(e);
    });
  return standards;
}

/**
 * The values of the workbook's centre standards sheet (a centre's own qualifications, stored there
 * by the pane or the vq-matrix tool), or null where there is none or no Excel to ask. One read per
 * load; the pane says when it stores new ones (CENTRE_STANDARDS_CHANGED) and the next call reads again.
 */
async function centreStandardsValues(): Promise<RawCell[][] | null> {
  const excel = (globalThis as { Excel?: { run: typeof Excel.run } }).Excel;
  if (!excel?.run) return null;
  try {
    return await excel.run(async (context) => {
      const used = context.workbook.worksheets.getItemOrNullObject(CENTRE_STANDARDS_SHEET).getUsedRangeOrNullObject(true);
      used.load('values');
      await context.sync();
      return used.isNullObject ? null : (used.values as RawCell[][]);
    });
  } catch {
    return null; // the bundled qualifications still work
  }
}

if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
  window.addEventListener(CENTRE_STANDARDS_CHANGED, () => {
    standards = undefined;
  });
}

/**
 * Run one function over the standards. Whatever goes wrong unexpectedly (the standards failing to
 * load, a bug) becomes #VALUE! saying so: the promise always resolves, never rejects.
 */
async function guard<T>(name: string, run: (catalog: Catalog) => T): Promise<T | CustomFunctions.Error> {
  try {
    return run(await loadCatalog());
  } catch (e) {
    const message =
      e instanceof StandardsLoadError
        ? `VQ.${name} could not load the standards (${e.message}). Re-enter the formula, or recalculate the whole workbook, to try again; if it persists, please report this.`
        : `VQ.${name} failed unexpectedly (${reasonOf(e)}). Please report this.`;
    return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
  }
}

type Spill = Array<Array<string | CustomFunctions.Error>>;

/** A list spilled down a column; nothing to list is one blank cell (Excel has no empty array). */
function column(result: CheckResult<string[]>): Spill {
  if (!result.ok) return [[excelError(result.problem)]];
  return result.value.length === 0 ? [['']] : result.value.map((v) => [v]);
}

/** A list spilled across a row. */
function row(result: CheckResult<string[]>): Spill {
  if (!result.ok) return [[excelError(result.problem)]];
  return [result.value.length === 0 ? [''] : result.value];
}

async function guardSpill(name: string, run: (catalog: Catalog) => Spill): Promise<Spill> {
  const result = await guard(name, run);
  return Array.isArray(result) ? result : [[result]];
}

// ---------------------------------------------------------------------------------------------
// Grids.

/**
 * TRUE when every required item of the unit is covered by accepted evidence on the grid; FALSE otherwise.
 * @customfunction UNITCOMPLETE
 * @param grid The grid sheet's range (a grid VQ Matrix built, or your own tracker: a row of item codes over rows of marks).
 * @param [unit] Unit code ("203", "4430-203", "A4"). Default: the grid's own header block.
 * @param [qualification] Qualification ("4430-02", "500/9341/1"). Default: the grid's own header block.
 * @returns TRUE when the unit is complete.
 */
export async function unitComplete(grid: any[][], unit?: string, qualification?: string): Promise<boolean | CustomFunctions.Error> {
  return guard('UNITCOMPLETE', (catalog) => {
    const range = cells(grid);
    return value(unitCompleteOf(range.rows, text(unit), text(qualification), catalog, range.errors));
  });
}

/**
 * The fraction (0 to 1) of the unit's required items covered by accepted evidence, overall or for one kind of item.
 * @customfunction COVERAGE
 * @param grid The grid sheet's range (a grid VQ Matrix built, or your own tracker: a row of item codes over rows of marks).
 * @param [unit] Unit code ("203", "4430-203", "A4"). Default: the grid's own header block.
 * @param [qualification] Qualification ("4430-02", "500/9341/1"). Default: the grid's own header block.
 * @param [kind] "criteria" (or "pc"), "range", "knowledge" (or "k&u"), "evidence" (or "er"). Default: all items.
 * @returns Coverage as a fraction; format the cell as a percentage.
 */
export async function coverage(grid: any[][], unit?: string, qualification?: string, kind?: string): Promise<number | CustomFunctions.Error> {
  return guard('COVERAGE', (catalog) => {
    const range = cells(grid);
    return value(coverageOf(range.rows, text(unit), text(qualification), text(kind), catalog, range.errors));
  });
}

/**
 * The codes of the unit's items not yet covered by accepted evidence, spilled down a column (one blank cell when none).
 * @customfunction MISSING
 * @param grid The grid sheet's range (a grid VQ Matrix built, or your own tracker: a row of item codes over rows of marks).
 * @param [unit] Unit code ("203", "4430-203", "A4"). Default: the grid's own header block.
 * @param [qualification] Qualification ("4430-02", "500/9341/1"). Default: the grid's own header block.
 * @returns Uncovered item codes in the standard's order.
 */
export async function missing(grid: any[][], unit?: string, qualification?: string): Promise<Array<Array<string | CustomFunctions.Error>>> {
  return guardSpill('MISSING', (catalog) => {
    const range = cells(grid);
    return column(missingOf(range.rows, text(unit), text(qualification), catalog, range.errors));
  });
}

// ---------------------------------------------------------------------------------------------
// Lists of units.

/**
 * Total credit of the listed units, or of those whose status says complete.
 * @customfunction CREDITS
 * @param units Unit codes (a row or column), or one unit per row with its code in the first column and its status in the last.
 * @param [qualification] Qualification ("4430-02"). Default: the one qualification all the units belong to.
 * @param [status] "complete" counts only units whose status is Complete, Achieved, Yes or TRUE; any other word counts units with that status. Default: every unit.
 * @returns Total credit value.
 */
export async function credits(units: any[][], qualification?: string, status?: string): Promise<number | CustomFunctions.Error> {
  return guard('CREDITS', (catalog) => {
    const range = cells(units);
    return value(creditsOf(range.rows, text(qualification), text(status), catalog, range.errors));
  });
}

/**
 * Total guided learning hours of the listed units, or of those whose status says complete.
 * @customfunction GLH
 * @param units Unit codes (a row or column), or one unit per row with its code in the first column and its status in the last.
 * @param [qualification] Qualification ("4430-02"). Default: the one qualification all the units belong to.
 * @param [status] "complete" counts only units whose status is Complete, Achieved, Yes or TRUE; any other word counts units with that status. Default: every unit.
 * @returns Total guided learning hours.
 */
export async function glh(units: any[][], qualification?: string, status?: string): Promise<number | CustomFunctions.Error> {
  return guard('GLH', (catalog) => {
    const range = cells(units);
    return value(glhOf(range.rows, text(qualification), text(status), catalog, range.errors));
  });
}

/**
 * The qualification's rules of combination over the listed units: "Met", or a line for every unmet rule and every rule that cannot be checked, spilled down a column.
 * @customfunction RULES
 * @param units Unit codes (a row or column), or one unit per row with its code in the first column and its status in the last.
 * @param qualification Qualification ("4430-02", "601/3456/2").
 * @param [status] "complete" checks only units whose status is Complete, Achieved, Yes or TRUE; any other word, units with that status. Default: every unit.
 * @returns "Met", or "Not met: ..." and "Cannot be checked: ..." lines.
 */
export async function rules(units: any[][], qualification: string, status?: string): Promise<Array<Array<string | CustomFunctions.Error>>> {
  return guardSpill('RULES', (catalog) => {
    const range = cells(units);
    return column(rulesOf(range.rows, text(qualification), text(status), catalog, range.errors));
  });
}

/**
 * TRUE when the listed units meet every rule of combination of the qualification; FALSE when a rule is unmet.
 * @customfunction QUALCOMPLETE
 * @param units Unit codes (a row or column), or one unit per row with its code in the first column and its status in the last.
 * @param qualification Qualification ("4430-02", "601/3456/2").
 * @param [status] "complete" counts only units whose status is Complete, Achieved, Yes or TRUE; any other word, units with that status. Default: every unit.
 * @returns TRUE when the qualification's rules are met.
 */
export async function qualComplete(units: any[][], qualification: string, status?: string): Promise<boolean | CustomFunctions.Error> {
  return guard('QUALCOMPLETE', (catalog) => {
    const range = cells(units);
    return value(qualCompleteOf(range.rows, text(qualification), text(status), catalog, range.errors));
  });
}

// ---------------------------------------------------------------------------------------------
// The standards.

/**
 * A fact about a unit from the bundled standards: its title, level, credit, GLH and more.
 * @customfunction UNITINFO
 * @param unit Unit code in any form the standard prints it ("203", "4430-203", "A4").
 * @param qualification Qualification ("4430-02", "500/9341/1").
 * @param [field] "title" (default), "level", "credit", "glh", "scqf", "code", "codes", "detailed", "items", "group", "mandatory" or "simulation".
 * @returns The field's value.
 */
export async function unitInfo(unit: string, qualification: string, field?: string): Promise<string | number | boolean | CustomFunctions.Error> {
  return guard('UNITINFO', (catalog) => value(unitInfoOf(text(unit), text(qualification), text(field), catalog)));
}

/**
 * The text of a performance criterion, range item, knowledge item or evidence requirement, by its code.
 * @customfunction ITEMTEXT
 * @param code Item code as on the grid ("1.1", "1/A/ii", "5a"); type codes such as 1.10 as text.
 * @param unit Unit code ("203", "4430-203", "A4").
 * @param qualification Qualification ("4430-02", "500/9341/1").
 * @returns The item's text as the standard prints it.
 */
export async function itemText(code: string, unit: string, qualification: string): Promise<string | CustomFunctions.Error> {
  return guard('ITEMTEXT', (catalog) => value(itemTextOf(text(code), text(unit), text(qualification), catalog)));
}

/**
 * The unit's item codes in the standard's order, spilled across a row: the header row for your own tracker.
 * @customfunction ITEMS
 * @param unit Unit code ("203", "4430-203", "A4").
 * @param qualification Qualification ("4430-02", "500/9341/1").
 * @param [kind] "criteria" (or "pc"), "range", "knowledge" (or "k&u"), "evidence" (or "er"). Default: all items.
 * @returns Item codes across a row.
 */
export async function items(unit: string, qualification: string, kind?: string): Promise<Array<Array<string | CustomFunctions.Error>>> {
  return guardSpill('ITEMS', (catalog) => row(itemsOf(text(unit), text(qualification), text(kind), catalog)));
}
