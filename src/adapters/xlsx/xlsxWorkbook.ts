/*
 * The .xlsx adapter: applies a WorkbookPlan to an exceljs workbook and reads sheets back as plain
 * values. Used by the CLI and by tests that open the result in LibreOffice.
 */
import ExcelJS from 'exceljs';
import { assertValidPlan, describePlanProblems, InvalidPlanError } from '../../domain/workbook/limits';
import type { SheetPlan, StructuralEdit, WorkbookPlan } from '../../domain/workbook/plan';
import { describeClashes, nameTargetSheet, planClashes, type ExistingNames } from '../../domain/workbook/preflight';
import type { SheetValues } from '../../domain/workbook/sheetValues';
import { planOwnedTables } from '../../domain/workbook/userTables';
import { mapIndex, shiftFormula, shiftNameReference } from '../../domain/workbook/structuralEdits';
import type { ApplyStats, ReadOptions, WorkbookAdapter } from '../workbookAdapter';
import { findSheet, internals, type CellInternals } from './internals';
import { mendLoadedTables, moveKeptTables, sortTables } from './keptTables';
import { WorkbookFileError } from './readLimits';
import { readWorksheet } from './readSheet';
import { writeContents, writeNames } from './writeContents';

// The adapter's parts, importable from here as before the split.
export { fromFileFormula, toFileFormula } from './formulas';
export { SheetLimits, toRaw } from './readSheet';

export class XlsxWorkbook implements WorkbookAdapter {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    /** The file as the user named it, for messages. */
    private readonly fileName = 'the workbook',
  ) {}

  static create(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /**
   * A workbook from bytes (Node only), checked first (zipCheck.ts): a damaged, truncated, hostile
   * or non-Excel file is refused with a WorkbookFileError that names `name` and says what to do.
   */
  static async fromBuffer(buf: Buffer | ArrayBuffer | Uint8Array, name = 'the workbook'): Promise<XlsxWorkbook> {
    const bytes = toNodeBuffer(buf);
    // Loaded when called, and left out of the task pane's bundle: the preview never calls it.
    const { checkWorkbookBytes } = await import(/* webpackIgnore: true */ './zipCheck');
    checkWorkbookBytes(bytes, name, 'whole');
    return XlsxWorkbook.load(bytes, name);
  }

  /** A workbook from a file (Node only), checked as fromBuffer does; `name` is the file as the user typed it. */
  static async fromFile(path: string, name = path): Promise<XlsxWorkbook> {
    const { readWorkbookBytes } = await import(/* webpackIgnore: true */ './zipCheck');
    const { bytes } = await readWorkbookBytes(path, name, 'whole');
    return XlsxWorkbook.load(bytes, name);
  }

  /** Bytes already checked, into exceljs; anything it still cannot make sense of is said in users' words. */
  private static async load(bytes: Buffer, name: string): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    const { readTableHeadersAsExcelMeansThem } = await import(/* webpackIgnore: true */ './tableHeaders');
    readTableHeadersAsExcelMeansThem();
    try {
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw unreadableContent(name, e);
    }
    mendLoadedTables(wb);
    return new XlsxWorkbook(wb, name);
  }

  async toBuffer(): Promise<Buffer> {
    return toNodeBuffer(await this.workbook.xlsx.writeBuffer());
  }

  async toFile(path: string): Promise<void> {
    await this.workbook.xlsx.writeFile(path);
  }

  /** The workbook's tables and the sheet each is on (a new table must not take one of their names). */
  tableNames(): { sheet: string; name: string }[] {
    return this.workbook.worksheets.flatMap((ws) => Object.keys(internals(ws).tables ?? {}).map((name) => ({ sheet: ws.name, name })));
  }

  async sheetNames(): Promise<string[]> {
    return this.workbook.worksheets.map((ws) => ws.name);
  }

  async workbookNames(): Promise<ExistingNames> {
    const wb = this.workbook;
    return {
      sheets: wb.worksheets.map((ws) => ws.name),
      tables: wb.worksheets.flatMap((ws) => Object.keys(internals(ws).tables ?? {}).map((name) => ({ name, sheet: ws.name }))),
      names: wb.definedNames.model.map((n) => ({ name: n.name, ...nameTargetSheet(n.ranges.length === 1 ? `=${n.ranges[0]}` : '') })),
    };
  }

  async readSheets(names: readonly string[], options: ReadOptions = {}): Promise<SheetValues[]> {
    const out: SheetValues[] = [];
    const cut = options.within;
    for (const name of names) {
      const ws = findSheet(this.workbook, name);
      if (!ws) continue;
      const sheet = readWorksheet(ws, this.fileName);
      if (cut) {
        sheet.values = sheet.values.slice(0, cut.rows).map((r) => r.slice(0, cut.cols));
        if (sheet.formulas) sheet.formulas = sheet.formulas.slice(0, cut.rows).map((r) => r.slice(0, cut.cols));
      }
      out.push(sheet);
    }
    return out;
  }

  /**
   * `allowLosing`: replace a sheet whole even where it holds notes or links the plan cannot carry
   * (a sheet planned without `rebuild`: a cohort summary or sampling plan, or a tracker or index of
   * evidence not laid out as this product builds them); without it such a plan is refused. Sheets
   * rebuilt in place (grids, tracker, index of evidence) keep them and are never refused.
   */
  async apply(plan: WorkbookPlan, options: { allowLosing?: boolean } = {}): Promise<XlsxApplyStats> {
    const wb = this.workbook;
    // Excel's limits (limits.ts), checked as the office-js adapter checks them.
    assertValidPlan(plan);
    if (!options.allowLosing) {
      const lost = lostByReplacing(wb, plan);
      if (lost.length > 0) throw new UserContentWouldBeLost(lost);
    }
    // The pre-flight both adapters share: tables and names that clash with ones the plan does not
    // replace. (A table header the plan does not write, a user's cell kept in place, is only checked
    // while writing; a failed apply leaves the workbook unfit to save.)
    const clash = describeClashes(planClashes(plan, await this.workbookNames()));
    if (clash) throw new InvalidPlanError(clash);
    // The user's own tables on sheets rebuilt in place stay, as in the office-js adapter; one the
    // plan would write over is refused here, before anything is written.
    const tables = sortTables(wb, plan);
    const tableProblem = describePlanProblems(tables.problems);
    if (tableProblem) throw new InvalidPlanError(tableProblem, tables.problems);
    // Every sheet rebuilt in place moves its rows and columns first (formulas elsewhere follow), as
    // the office-js adapter does: a formula the plan writes is already in the new coordinates and
    // must not be moved again by a later sheet's edits.
    for (const sheet of plan.sheets) {
      const old = findSheet(wb, sheet.name);
      const sorted = tables.bySheet.get(sheet.name.toLowerCase());
      if (old && sheet.rebuild && sorted) {
        clearGeneratedParts(old, sorted.owned);
        applyStructuralEdits(wb, old, sheet.rebuild.edits);
        moveKeptTables(old, sorted.kept);
      }
    }
    for (const sheet of plan.sheets) {
      await writeSheet(wb, sheet, plan.dateFormat);
    }
    for (const sheet of plan.sheets) if (sheet.position === 'first') moveFirst(wb, sheet.name);
    writeNames(wb, plan);
    // Formulas are written without cached results; make Excel recalculate everything on open.
    wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
    // exceljs 4.4 cannot write charts: they are skipped, and said so (the data they would draw,
    // e.g. the cohort summary's completion tables with data bars, is on the sheet regardless).
    const skippedCharts = plan.sheets.flatMap((sheet) =>
      (sheet.charts ?? []).map((c) => ({ sheet: sheet.name, chart: c.name, reason: `the .xlsx writer cannot create charts; "${c.title}" was not drawn (its data is on the sheet)` })),
    );
    // A file has no round trips to count.
    return { syncs: 0, requests: 0, maxRequestBytes: 0, totalBytes: 0, skippedCharts };
  }
}

/** A sheet the plan replaces whole holds a user's notes or links: said before anything is written. */
export class UserContentWouldBeLost extends Error {
  override name = 'UserContentWouldBeLost';
  constructor(readonly lost: string[]) {
    super(`rebuilding would lose what was added by hand on sheets that are rebuilt whole: ${lost.join('; ')}. Nothing was written; move them to the grid or another sheet, or add --force to rebuild without them`);
  }
}

/**
 * Notes, links and tables on sheets the plan replaces whole (no in-place rebuild): a plan never
 * writes a note or link, nor a table but its own, so each one is the user's and would be lost.
 * "sheet "X": note in J9, link in K10, table Visits in P2:Q5".
 */
function lostByReplacing(wb: ExcelJS.Workbook, plan: WorkbookPlan): string[] {
  const lost: string[] = [];
  for (const sheet of plan.sheets) {
    const old = findSheet(wb, sheet.name);
    if (!old || sheet.rebuild) continue;
    const found: string[] = [];
    // Empty cells too: a note can sit on a cell with no value.
    old.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.note) found.push(`note in ${cell.address}`);
        if (cell.hyperlink || (typeof cell.value === 'object' && cell.value !== null && 'hyperlink' in cell.value)) found.push(`link in ${cell.address}`);
      }),
    );
    // Tables too, but for the plan's own (rebuilt with the sheet).
    const owned = new Set(planOwnedTables(sheet, Object.keys(internals(old).tables ?? {})).values());
    for (const t of Object.values(internals(old).tables ?? {}) as { model: { name: string; tableRef?: string } }[]) {
      if (!owned.has(t.model.name)) found.push(`table ${t.model.name}${t.model.tableRef ? ` in ${t.model.tableRef}` : ''}`);
    }
    if (found.length > 0) lost.push(`sheet "${old.name}": ${found.slice(0, 10).join(', ')}${found.length > 10 ? ` and ${found.length - 10} more` : ''}`);
  }
  return lost;
}

/** ApplyStats of the .xlsx adapter: no round trips, and the plan's charts it could not write. */
export interface XlsxApplyStats extends ApplyStats {
  skippedCharts: { sheet: string; chart: string; reason: string }[];
}

/** A file exceljs could not make sense of after its zip checked out: what it is and what to do. */
export function unreadableContent(name: string, e: unknown): WorkbookFileError {
  const detail = e instanceof Error ? e.message : String(e);
  return new WorkbookFileError('damaged', `${name} cannot be read as an Excel workbook: its parts are not laid out as Excel writes them; open it in Excel and save it as Excel Workbook (.xlsx), or restore it from a backup (detail: ${detail})`);
}

/** Every sheet of an .xlsx file, as the CLI reads it (Node only). */
export async function readWorkbookFile(path: string, name = path): Promise<SheetValues[]> {
  const book = await XlsxWorkbook.fromFile(path, name);
  return book.readSheets(await book.sheetNames());
}

function toNodeBuffer(data: Buffer | ArrayBuffer | Uint8Array | ExcelJS.Buffer): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  const view = data as Uint8Array;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}


// ---------------------------------------------------------------------------------------------
// Writing

/** Before every other tab: exceljs writes sheets in orderNo order. */
function moveFirst(wb: ExcelJS.Workbook, name: string): void {
  const ws = findSheet(wb, name);
  if (!ws) return;
  const others = wb.worksheets.filter((w) => w !== ws).map((w) => internals(w).orderNo);
  internals(ws).orderNo = Math.min(internals(ws).orderNo, ...others) - 1;
}

async function writeSheet(wb: ExcelJS.Workbook, plan: SheetPlan, dateFormat: string): Promise<void> {
  const old = findSheet(wb, plan.name);
  if (old && plan.rebuild) {
    // In place (its rows and columns already moved): references to the sheet, and the user's cells
    // with their formulas, notes, links and fills, stay; only the generated parts are rewritten.
    await writeContents(old, plan, dateFormat);
    return;
  }
  const orderNo = old ? internals(old).orderNo : undefined;
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(plan.name);
  // Keep the replaced sheet's place among the tabs.
  if (orderNo !== undefined) internals(ws).orderNo = orderNo;
  await writeContents(ws, plan, dateFormat);
}

/**
 * Merges, validations, conditional formats, the plan's tables (`owned`) and the AutoFilter: the plan
 * writes its own again. The user's own tables stay.
 */
function clearGeneratedParts(ws: ExcelJS.Worksheet, owned: readonly string[]): void {
  ws.unprotect();
  for (const merge of Object.values(internals(ws).merges)) ws.unMergeCells(merge.range);
  internals(ws).dataValidations.model = {};
  internals(ws).conditionalFormattings = [];
  for (const name of owned) ws.removeTable(name);
  ws.autoFilter = undefined;
}

interface CellState {
  col: number;
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
  comment: unknown;
}

/**
 * Rows and columns inserted or deleted as Excel does it: every cell keeps its whole state (value or
 * formula with its cached result, note, link, style) and moves; formulas and defined names that
 * point into the sheet follow (a reference into a deleted row or column becomes #REF!). exceljs's
 * own spliceRows drops notes and leaves formulas pointing at the old cells, so it is not used.
 */
function applyStructuralEdits(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, edits: readonly StructuralEdit[]): void {
  if (edits.length === 0) return;
  const rows: { row: number; height?: number; hidden: boolean; cells: CellState[] }[] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: CellState[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      // A shared formula is stored against its first cell: each cell keeps its own formula text.
      const value = cell.type === ExcelJS.ValueType.Formula ? ({ formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue) : cell.value;
      cells.push({ col: c - 1, value, style: cell.style, comment: (cell as unknown as CellInternals)._comment });
    });
    rows.push({ row: n - 1, height: row.height, hidden: row.hidden, cells });
  });
  const columns = (internals(ws).columns ?? []).map((col, i) => ({ col: i, width: col.width, hidden: col.hidden, outlineLevel: col.outlineLevel }));
  internals(ws).rows = [];
  internals(ws).columns = null;
  for (const row of rows) {
    const r = mapIndex(row.row, 'rows', edits);
    if (r === null) continue;
    const wsRow = ws.getRow(r + 1);
    if (row.height !== undefined) wsRow.height = row.height;
    if (row.hidden) wsRow.hidden = true;
    for (const cell of row.cells) {
      const c = mapIndex(cell.col, 'columns', edits);
      if (c === null) continue;
      const dst = wsRow.getCell(c + 1);
      dst.value = cell.value;
      dst.style = cell.style;
      (dst as unknown as CellInternals)._comment = cell.comment;
    }
  }
  for (const col of columns) {
    const c = mapIndex(col.col, 'columns', edits);
    if (c === null) continue;
    const dst = ws.getColumn(c + 1);
    if (col.width !== undefined) dst.width = col.width;
    if (col.hidden) dst.hidden = true;
    if (col.outlineLevel) dst.outlineLevel = col.outlineLevel;
  }
  // Formulas anywhere in the workbook that point into the sheet (translated first, then written).
  const rewrites: { cell: ExcelJS.Cell; formula: string; result: unknown }[] = [];
  const mentions = ws.name.toLowerCase();
  for (const other of wb.worksheets) {
    const onSheet = other === ws;
    other.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula || !cell.formula) return;
        if (!onSheet && !cell.formula.toLowerCase().includes(mentions)) return;
        const shifted = shiftFormula(cell.formula, ws.name, onSheet, edits);
        if (shifted !== cell.formula || 'sharedFormula' in (cell.value as object)) rewrites.push({ cell, formula: shifted, result: cell.result });
      }),
    );
  }
  for (const { cell, formula, result } of rewrites) cell.value = { formula, result } as ExcelJS.CellFormulaValue;
  // Names into the sheet move with their cells; a name whose cells were all deleted goes, as in Excel.
  wb.definedNames.model = wb.definedNames.model.flatMap((n) => {
    const ranges = n.ranges.map((r) => shiftNameReference(r, ws.name, edits)).filter((r) => !r.includes('#REF!'));
    return ranges.length > 0 ? [{ ...n, ranges }] : [];
  });
}
