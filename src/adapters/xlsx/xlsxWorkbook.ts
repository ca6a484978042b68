/*
 * The .xlsx adapter: applies a WorkbookPlan to an exceljs workbook and reads sheets back as plain
 * values. Used by the CLI and by tests that open the result in LibreOffice.
 */
import ExcelJS from 'exceljs';
import {
  address,
  isDate,
  isFormula,
  quoteSheet,
  type CellRange,
  type CellStyle,
  type ConditionalFormatPlan,
  type DataValidationPlan,
  type PlanValue,
  type SheetPlan,
  type StructuralEdit,
  type TablePlan,
  type WorkbookPlan,
} from '../../domain/workbook/plan';
import { describeClashes, nameTargetSheet, planClashes, type ExistingNames } from '../../domain/workbook/preflight';
import { type RawCell, type SheetValues } from '../../domain/workbook/sheetValues';
import { mapIndex, shiftFormula, shiftNameReference } from '../../domain/workbook/structuralEdits';
import { type ApplyStats, type WorkbookAdapter } from '../workbookAdapter';
import { READ_LIMITS, WorkbookFileError } from './readLimits';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Excel refuses a list validation whose inline formula is longer than this. */
const MAX_LIST_FORMULA_CHARS = 255;

/** exceljs members that exist at runtime but are missing from its typings. */
interface WorksheetInternals {
  orderNo: number;
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void; model: Record<string, unknown> };
  tables: Record<string, unknown>;
  merges: Record<string, { range: string }>;
  rows: unknown[];
  columns: ExcelJS.Column[] | null;
  conditionalFormattings: unknown[];
}

function internals(ws: ExcelJS.Worksheet): WorksheetInternals {
  const raw = ws as unknown as Record<string, unknown>;
  // exceljs keeps rows, columns and merges in underscored fields.
  return new Proxy(raw, {
    get: (target, key) => (key === 'merges' || key === 'rows' || key === 'columns' ? target[`_${String(key)}`] : target[key as string]),
    set: (target, key, value) => {
      target[key === 'merges' || key === 'rows' || key === 'columns' ? `_${String(key)}` : (key as string)] = value;
      return true;
    },
  }) as unknown as WorksheetInternals;
}

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
    try {
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw unreadableContent(name, e);
    }
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

  async readSheets(names: readonly string[]): Promise<SheetValues[]> {
    const out: SheetValues[] = [];
    for (const name of names) {
      const ws = findSheet(this.workbook, name);
      if (ws) out.push(readWorksheet(ws, this.fileName));
    }
    return out;
  }

  /**
   * `allowLosing`: replace a sheet whole even where it holds notes or links the plan cannot carry
   * (the tracker and the index of evidence are rebuilt whole); without it such a plan is refused.
   */
  async apply(plan: WorkbookPlan, options: { allowLosing?: boolean } = {}): Promise<XlsxApplyStats> {
    const wb = this.workbook;
    if (!options.allowLosing) {
      const lost = lostByReplacing(wb, plan);
      if (lost.length > 0) throw new UserContentWouldBeLost(lost);
    }
    // Refuse what Excel would repair before touching the workbook. (A table header that is not
    // text is only found while writing; a failed apply leaves the workbook unfit to save.)
    await checkTableNames(this, plan);
    for (const sheet of plan.sheets) sheet.validations.forEach(listFormula);
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
 * Notes and links on sheets the plan replaces whole (no in-place rebuild): a plan never writes
 * either, so each one is the user's and would be lost. "sheet "X": note in J9, link in K10".
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

/** Excel sheet names are case-insensitive. */
function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const lower = name.toLowerCase();
  return wb.worksheets.find((ws) => ws.name.toLowerCase() === lower);
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
    // In place: references to the sheet, and the user's cells with their formulas, notes, links and
    // fills, stay; only the generated parts are rewritten.
    clearGeneratedParts(old);
    applyStructuralEdits(wb, old, plan.rebuild.edits);
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

/** Merges, validations, conditional formats, tables and the AutoFilter: the plan writes its own again. */
function clearGeneratedParts(ws: ExcelJS.Worksheet): void {
  ws.unprotect();
  for (const merge of Object.values(internals(ws).merges)) ws.unMergeCells(merge.range);
  internals(ws).dataValidations.model = {};
  internals(ws).conditionalFormattings = [];
  for (const name of Object.keys(internals(ws).tables ?? {})) ws.removeTable(name);
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

interface CellInternals {
  _comment: unknown;
}

async function writeContents(ws: ExcelJS.Worksheet, plan: SheetPlan, dateFormat: string): Promise<void> {
  const dateCells: ExcelJS.Cell[] = [];
  for (const block of plan.blocks) {
    block.values.forEach((rowValues, i) => {
      const row = ws.getRow(block.row + i + 1);
      rowValues.forEach((value, j) => {
        const cell = row.getCell(block.col + j + 1);
        cell.value = toCellValue(value);
        if (isDate(value)) dateCells.push(cell);
      });
    });
  }

  // Merge before styling: a merge copies the master's style over the other cells.
  for (const m of plan.merges) {
    const r = norm(m);
    if (r.endRow === r.row && r.endCol === r.col) continue;
    ws.mergeCells(r.row + 1, r.col + 1, r.endRow + 1, r.endCol + 1);
  }

  for (const { range, style } of plan.styles) {
    forEachCell(ws, range, (cell) => applyStyle(cell, style));
  }
  // A date stays a date whatever number format a wider style range gave its column.
  for (const cell of dateCells) cell.numFmt = dateFormat;

  for (const { col, width } of plan.columnWidths) ws.getColumn(col + 1).width = width;
  for (const col of plan.hiddenColumns) ws.getColumn(col + 1).hidden = true;
  for (const { row, height } of plan.rowHeights) ws.getRow(row + 1).height = height;

  for (const table of plan.tables) addTable(ws, table);
  for (const v of plan.validations) addValidation(ws, v);

  // Priorities follow plan order: formats first, then data bars.
  let priority = 1;
  for (const cf of plan.conditionalFormats) addConditionalFormat(ws, cf, priority++);
  for (const bar of plan.dataBars) {
    const rule: ExcelJS.DataBarRuleType & { color: { argb: string } } = {
      type: 'dataBar',
      priority: priority++,
      cfvo: [{ type: 'min' }, { type: 'max' }],
      color: { argb: argb(bar.color) },
      gradient: true,
    };
    ws.addConditionalFormatting({ ref: address(bar.range), rules: [rule] });
  }

  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) {
    ws.views = [{ state: 'frozen', xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  }
  if (plan.autoFilter) ws.autoFilter = address(plan.autoFilter);

  if (plan.print) {
    ws.pageSetup.orientation = plan.print.landscape ? 'landscape' : 'portrait';
    if (plan.print.fitToWidth) {
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = 1;
      ws.pageSetup.fitToHeight = 0; // as many pages down as needed
    }
    if (plan.print.repeatRows) {
      ws.pageSetup.printTitlesRow = `${plan.print.repeatRows.from + 1}:${plan.print.repeatRows.to + 1}`;
    }
  }

  if (plan.tabColor) ws.properties.tabColor = { argb: argb(plan.tabColor) };
  if (plan.visibility) ws.state = plan.visibility;

  if (plan.protection) {
    const p = plan.protection;
    await ws.protect('', {
      formatColumns: p.allowFormatColumns,
      sort: p.allowSort,
      autoFilter: p.allowAutoFilter,
      insertRows: p.allowInsertRows,
      selectLockedCells: true,
      selectUnlockedCells: true,
    });
  }
}

export function toCellValue(value: PlanValue): ExcelJS.CellValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : ({ error: '#NUM!' } as ExcelJS.CellErrorValue);
  if (isFormula(value)) {
    // No cached result: Excel (fullCalcOnLoad) and LibreOffice compute it on open.
    return { formula: toFileFormula(value.formula) } as ExcelJS.CellFormulaValue;
  }
  if (isDate(value)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.date);
    if (!m) throw new Error(`Plan date is not yyyy-mm-dd: "${value.date}"`);
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  throw new Error(`Unknown plan value: ${JSON.stringify(value)}`);
}

export function norm(r: CellRange): Required<CellRange> {
  const endRow = r.endRow ?? r.row;
  const endCol = r.endCol ?? r.col;
  return { row: Math.min(r.row, endRow), col: Math.min(r.col, endCol), endRow: Math.max(r.row, endRow), endCol: Math.max(r.col, endCol) };
}

function forEachCell(ws: ExcelJS.Worksheet, range: CellRange, fn: (cell: ExcelJS.Cell) => void): void {
  const r = norm(range);
  for (let row = r.row; row <= r.endRow; row++) {
    const wsRow = ws.getRow(row + 1);
    for (let col = r.col; col <= r.endCol; col++) fn(wsRow.getCell(col + 1));
  }
}

export function argb(color: string): string {
  const hex = color.replace(/^#/, '').toUpperCase();
  if (/^[0-9A-F]{6}$/.test(hex)) return `FF${hex}`;
  if (/^[0-9A-F]{8}$/.test(hex)) return hex;
  throw new Error(`Colour is not #RRGGBB: "${color}"`);
}

const VERTICAL = { top: 'top', middle: 'middle', bottom: 'bottom' } as const;

export function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  // Build fresh objects: exceljs may share one style object between cells (merges, loaded files).
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (s.bold !== undefined || s.italic !== undefined || s.fontSize !== undefined || s.fontColor !== undefined) {
    const font: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: 11, ...(cell.style.font ?? {}) };
    if (s.bold !== undefined) font.bold = s.bold;
    if (s.italic !== undefined) font.italic = s.italic;
    if (s.fontSize !== undefined) font.size = s.fontSize;
    if (s.fontColor !== undefined) font.color = { argb: argb(s.fontColor) };
    style.font = font;
  }
  if (s.fill !== undefined) {
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  }
  if (s.wrap !== undefined || s.horizontal !== undefined || s.vertical !== undefined || s.rotation !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = { ...(cell.style.alignment ?? {}) };
    if (s.wrap !== undefined) alignment.wrapText = s.wrap;
    if (s.horizontal !== undefined) alignment.horizontal = s.horizontal;
    if (s.vertical !== undefined) alignment.vertical = VERTICAL[s.vertical];
    if (s.rotation !== undefined) alignment.textRotation = s.rotation;
    style.alignment = alignment;
  }
  if (s.border !== undefined) {
    const side: Partial<ExcelJS.Border> = { style: s.border };
    style.border = { top: side, left: side, bottom: side, right: side };
  }
  if (s.numberFormat !== undefined) style.numFmt = s.numberFormat;
  if (s.locked !== undefined) style.protection = { ...(cell.style.protection ?? {}), locked: s.locked };
  cell.style = style;
}

export function addTable(ws: ExcelJS.Worksheet, t: TablePlan): void {
  const r = norm(t.range);
  // exceljs writes a table's header and rows itself, so hand it what the blocks already put there.
  const header = ws.getRow(r.row + 1);
  const names: string[] = [];
  for (let col = r.col; col <= r.endCol; col++) {
    const v = header.getCell(col + 1).value;
    const name = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    if (name.trim() === '') throw new Error(`Table ${t.name}: header cell ${address({ row: r.row, col })} must hold text`);
    if (names.some((n) => n.toLowerCase() === name.toLowerCase())) throw new Error(`Table ${t.name}: duplicate column name "${name}"`);
    names.push(name);
  }
  // Excel has no table without a data row: an empty table gets one blank row, as Excel makes it.
  const lastRow = Math.max(r.endRow, r.row + 1);
  const rows: ExcelJS.CellValue[][] = [];
  for (let row = r.row + 1; row <= lastRow; row++) {
    const wsRow = ws.getRow(row + 1);
    const values: ExcelJS.CellValue[] = [];
    for (let col = r.col; col <= r.endCol; col++) values.push(wsRow.getCell(col + 1).value);
    rows.push(values);
  }
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: address({ row: r.row, col: r.col }),
    headerRow: true,
    totalsRow: false,
    style: { theme: (t.style ?? 'TableStyleMedium2') as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
    columns: names.map((name) => ({ name: escapeControlChars(name), filterButton: t.showFilter ?? true })),
    rows,
  });
  // exceljs wrote the escaped names into the header cells; the cells keep the real text.
  names.forEach((name, i) => (header.getCell(r.col + i + 1).value = name));
}

/*
 * A line break in a header must be stored as _x000a_ in the table's column name (an XML attribute
 * would turn it into a space), or Excel finds the name differs from the cell and repairs the file.
 */
function escapeControlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0')}_`);
}

/** The pre-flight both adapters share (domain/workbook/preflight.ts), plus names used twice within the plan. */
export async function checkTableNames(book: XlsxWorkbook, plan: WorkbookPlan): Promise<void> {
  const clash = describeClashes(planClashes(plan, await book.workbookNames()));
  if (clash) throw new Error(clash);
  const taken = new Map<string, string>();
  for (const sheet of plan.sheets) {
    for (const t of sheet.tables) {
      const other = taken.get(t.name.toLowerCase());
      if (other !== undefined) throw new Error(`Table name ${t.name} is already used on sheet "${other}"`);
      taken.set(t.name.toLowerCase(), sheet.name);
    }
  }
}

/** The inline list formula ("a,b,c" in quotes) for a validation, or an error Excel would raise. */
export function listFormula(v: DataValidationPlan): string {
  for (const item of v.list) {
    if (item.includes(',')) throw new Error(`Validation list item "${item}" contains a comma, which an inline list cannot hold`);
  }
  const formula = `"${v.list.map((item) => item.replace(/"/g, '""')).join(',')}"`;
  if (formula.length > MAX_LIST_FORMULA_CHARS) {
    throw new Error(`Validation list is ${formula.length} characters; Excel allows ${MAX_LIST_FORMULA_CHARS}`);
  }
  return formula;
}

export function addValidation(ws: ExcelJS.Worksheet, v: DataValidationPlan): void {
  internals(ws).dataValidations.add(address(norm(v.range)), {
    type: 'list',
    allowBlank: v.allowBlank,
    formulae: [listFormula(v)],
    showErrorMessage: true,
    errorStyle: 'stop',
    // Excel's own limits for these (longer ones make it repair the file).
    errorTitle: v.errorTitle.slice(0, 32),
    error: v.errorMessage.slice(0, 225),
  });
}

export function addConditionalFormat(ws: ExcelJS.Worksheet, cf: ConditionalFormatPlan, priority: number): void {
  const style: Partial<ExcelJS.Style> = {};
  if (cf.style.bold !== undefined || cf.style.fontColor !== undefined) {
    const font: Partial<ExcelJS.Font> = {};
    if (cf.style.bold !== undefined) font.bold = cf.style.bold;
    if (cf.style.fontColor !== undefined) font.color = { argb: argb(cf.style.fontColor) };
    style.font = font;
  }
  // In a differential format a solid fill's colour is the background colour.
  if (cf.style.fill !== undefined) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.style.fill) } };
  if (cf.stopIfTrue) enableStopIfTrue();
  const rule: ExcelJS.ExpressionRuleType & { stopIfTrue?: boolean } = {
    type: 'expression',
    priority,
    formulae: [toFileFormula(cf.formula)],
    style,
    stopIfTrue: cf.stopIfTrue,
  };
  ws.addConditionalFormatting({ ref: address(norm(cf.range)), rules: [rule] });
}

interface XmlStreamLike {
  openNode(tag: string, attributes: Record<string, unknown>): void;
  closeNode(): void;
}
interface CfRuleXformLike {
  tag: string;
  formulaXform: { render(xml: XmlStreamLike, formula: unknown): void };
}
let stopIfTruePatched = false;

/**
 * exceljs 4.4 drops `stopIfTrue` from expression rules. Its own renderer is replaced by one that
 * writes the attribute (Node only: the browser build bundles a separate copy of exceljs).
 */
function enableStopIfTrue(): void {
  if (stopIfTruePatched) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CfRuleXform = require('exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform.js') as { prototype: Record<string, unknown> };
  if (typeof CfRuleXform?.prototype?.renderExpression !== 'function') {
    throw new Error('This exceljs version cannot write stopIfTrue on conditional formats');
  }
  CfRuleXform.prototype.renderExpression = function renderExpression(
    this: CfRuleXformLike,
    xml: XmlStreamLike,
    model: { dxfId?: number; priority?: number; stopIfTrue?: boolean; formulae: unknown[] },
  ): void {
    xml.openNode(this.tag, { type: 'expression', dxfId: model.dxfId, priority: model.priority, stopIfTrue: model.stopIfTrue ? '1' : undefined });
    this.formulaXform.render(xml, model.formulae[0]);
    xml.closeNode();
  };
  stopIfTruePatched = true;
}

function writeNames(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  if (plan.names.length === 0) return;
  // Replace names of the same (case-insensitive) name; exceljs's add() would merge the ranges.
  const planned = new Set(plan.names.map((n) => n.name.toLowerCase()));
  const model = wb.definedNames.model.filter((n) => !planned.has(n.name.toLowerCase()));
  for (const n of plan.names) {
    model.push({ name: n.name, ranges: [`${quoteSheet(n.sheet)}!${address(norm(n.range), true)}`] });
  }
  wb.definedNames.model = model;
}

/*
 * Functions added to Excel after 2007 are stored with an "_xlfn." prefix; written without it,
 * Excel shows #NAME? until the cell is re-entered. The plan speaks Excel's displayed syntax.
 */
export const FUTURE_FUNCTIONS = new Set(
  (
    'AGGREGATE ARABIC BASE CEILING.MATH CONCAT DAYS DECIMAL FLOOR.MATH FORMULATEXT IFNA IFS ISFORMULA ' +
    'ISOWEEKNUM LET MAXIFS MINIFS NUMBERVALUE PERCENTILE.EXC PERCENTILE.INC QUARTILE.EXC QUARTILE.INC ' +
    'RANK.AVG RANK.EQ SHEET SHEETS STDEV.P STDEV.S SWITCH TEXTJOIN UNICHAR UNICODE VAR.P VAR.S XLOOKUP ' +
    'XMATCH XOR UNIQUE SEQUENCE SORTBY TEXTBEFORE TEXTAFTER TEXTSPLIT VSTACK HSTACK TOCOL TOROW TAKE DROP'
  ).split(' '),
);
export const WORKSHEET_FUNCTIONS = new Set(['FILTER', 'SORT']);

/** Applies `fn` to the parts of a formula outside "string" and 'sheet name' literals. */
function mapOutsideLiterals(formula: string, fn: (code: string) => string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const quote = formula[i];
    if (quote === '"' || quote === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= formula.length) break;
        if (formula[j] === quote) {
          if (formula[j + 1] === quote) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
    } else {
      let j = i;
      while (j < formula.length && formula[j] !== '"' && formula[j] !== "'") j++;
      out += fn(formula.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** "=IFS(...)" -> "_xlfn.IFS(...)": the stored form exceljs writes as is. */
export function toFileFormula(formula: string): string {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  return mapOutsideLiterals(body, (code) =>
    code.replace(/([A-Za-z_][A-Za-z0-9_.]*)\(/g, (whole, name: string) => {
      const upper = name.toUpperCase();
      if (FUTURE_FUNCTIONS.has(upper)) return `_xlfn.${name}(`;
      if (WORKSHEET_FUNCTIONS.has(upper)) return `_xlfn._xlws.${name}(`;
      return whole;
    }),
  );
}

/** Stored formula -> "=" + the formula as Excel displays it. */
export function fromFileFormula(stored: string): string {
  return `=${mapOutsideLiterals(stored, (code) => code.replace(/_xlfn\.(_xlws\.)?/gi, ''))}`;
}

// ---------------------------------------------------------------------------------------------
// Reading

function readWorksheet(ws: ExcelJS.Worksheet, fileName: string): SheetValues {
  const values: RawCell[][] = [];
  const formulas: (string | null)[][] = [];
  let lastRow = -1;
  const limit = new SheetLimits(fileName, ws.name);
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const rowValues: RawCell[] = [];
    const rowFormulas: (string | null)[] = [];
    let lastCol = -1;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const { value, formula } = readCell(cell);
      if (value === null && formula === null) return;
      if (typeof value === 'string') limit.text(value, rowNumber, colNumber);
      rowValues[colNumber - 1] = value;
      rowFormulas[colNumber - 1] = formula;
      lastCol = colNumber - 1;
    });
    if (lastCol < 0) return;
    limit.row(rowNumber, lastCol + 1);
    const r = rowNumber - 1;
    values[r] = Array.from({ length: lastCol + 1 }, (_, c) => rowValues[c] ?? null);
    formulas[r] = Array.from({ length: lastCol + 1 }, (_, c) => rowFormulas[c] ?? null);
    lastRow = r;
  });
  const rows = lastRow + 1;
  return {
    name: ws.name,
    values: Array.from({ length: rows }, (_, r) => values[r] ?? []),
    formulas: Array.from({ length: rows }, (_, r) => formulas[r] ?? []),
  };
}

/**
 * The limits of READ_LIMITS that can only be seen once a sheet is read: a row number or column
 * beyond what a sheet can hold, the area read (rows times their width), a cell's text longer than
 * Excel allows. A sheet beyond them is refused, never cut short.
 */
export class SheetLimits {
  private area = 0;
  constructor(
    private readonly fileName: string,
    private readonly sheet: string,
    private readonly limits = READ_LIMITS,
  ) {}

  /** A row (1-based) and its width in columns. */
  row(rowNumber: number, width: number): void {
    if (rowNumber > this.limits.rowsPerSheet) this.refuse(`sheet "${this.sheet}" has a row ${rowNumber.toLocaleString('en-GB')}, beyond the ${this.limits.rowsPerSheet.toLocaleString('en-GB')} rows a sheet may have`);
    if (width > this.limits.columnsPerSheet) this.refuse(`sheet "${this.sheet}" has a cell in column ${width.toLocaleString('en-GB')}, beyond Excel's ${this.limits.columnsPerSheet.toLocaleString('en-GB')} columns`);
    this.area += width;
    if (this.area > this.limits.cells) this.refuse(`sheet "${this.sheet}" spans more than ${this.limits.cells.toLocaleString('en-GB')} cells, the limit for a workbook`);
  }

  text(value: string, rowNumber: number, colNumber: number): void {
    if (value.length > this.limits.cellText) {
      this.refuse(`sheet "${this.sheet}", cell ${address({ row: rowNumber - 1, col: colNumber - 1 })} holds ${value.length.toLocaleString('en-GB')} characters, more than Excel's ${this.limits.cellText.toLocaleString('en-GB')} for a cell`);
    }
  }

  private refuse(what: string): never {
    throw new WorkbookFileError('tooLarge', `${this.fileName} was not read: ${what}`);
  }
}

function readCell(cell: ExcelJS.Cell): { value: RawCell; formula: string | null } {
  // A merged range holds its value in the top-left cell only (as Excel reports it).
  if (cell.type === ExcelJS.ValueType.Merge) return { value: null, formula: null };
  if (cell.type === ExcelJS.ValueType.Formula) {
    // cell.result, not cell.value.result: exceljs's value copy drops falsy results such as 0.
    const text = cell.formula;
    return { value: toRaw(cell.result as unknown), formula: text ? fromFileFormula(text) : null };
  }
  return { value: toRaw(cell.value), formula: null };
}

export function toRaw(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((run) => run.text ?? '').join('');
    if ('error' in o) return String(o.error);
    if ('hyperlink' in o || 'text' in o) return toRaw(o.text) ?? '';
    if ('formula' in o || 'sharedFormula' in o) return toRaw(o.result);
  }
  return String(v);
}
