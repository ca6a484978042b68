/*
 * A new workbook written straight to a stream (Node only: the CLI's `build` of a new file). exceljs's
 * in-memory workbook holds every cell of every sheet and de-duplicates each cell's style on save:
 * 500 candidates took 100 s and 3 GB. Here each sheet is written, committed and handed to the zip as
 * soon as it is complete, so memory stays at about one sheet, and cells share style objects (one per
 * distinct chain of plan styles), which exceljs's style registry recognises without comparing them.
 *
 * The file is the one XlsxWorkbook.apply would write for the same plan on an empty workbook (tests/
 * adapters/xlsx/streamingWriter.test.ts compares them): the cell-level helpers are the in-memory
 * adapter's own; what exceljs's streaming writer lacks or gets wrong is added here: tables, the
 * data bars' x14 extension, schema order of the sheet's parts, recalculation on open, defined names.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { address, isFormula, quoteSheet, type CellStyle, type SheetPlan, type WorkbookPlan } from '../../domain/workbook/plan';
import { assertValidPlan, describePlanProblems, InvalidPlanError, PlanChecker, type PlanProblem } from '../../domain/workbook/limits';
import { applyStyle, argb, norm } from './styles';
import { toCellValue, writeBlocks, writeSheetParts } from './writeContents';
import { toFileFormula, FUTURE_FUNCTIONS, WORKSHEET_FUNCTIONS } from './formulas';
import type { XlsxApplyStats } from './xlsxWorkbook';
import { ZipOnWorker } from './zipOnWorker';

/* eslint-disable @typescript-eslint/no-require-imports -- exceljs's own parts, not in its typings */
const Table = require('exceljs/lib/doc/table.js') as new (ws: unknown, model: unknown) => { model: TableModel };
const TableXform = require('exceljs/lib/xlsx/xform/table/table-xform.js') as new () => Xform<TableModel>;
const ListXform = require('exceljs/lib/xlsx/xform/list-xform.js') as new (o: { tag: string; count: boolean; childXform: unknown }) => Xform<TableModel[]>;
const TablePartXform = require('exceljs/lib/xlsx/xform/sheet/table-part-xform.js') as new () => unknown;
const ExtLstXform = require('exceljs/lib/xlsx/xform/sheet/ext-lst-xform.js') as new () => Xform<{ conditionalFormattings: unknown[] }>;
const ContentTypesXform = require('exceljs/lib/xlsx/xform/core/content-types-xform.js') as new () => Xform<unknown>;
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as new () => Xform<unknown>;
const RowXform = require('exceljs/lib/xlsx/xform/sheet/row-xform.js') as new () => Xform<unknown>;
const RelType = require('exceljs/lib/xlsx/rel-type.js') as { Table: string };
/* eslint-enable @typescript-eslint/no-require-imports */

interface Xform<M> {
  prepare(model: M, options?: unknown): void;
  toXml(model: M): string;
}
interface TableModel {
  id?: number;
  target?: string;
  rId?: string;
}

/** The parts of exceljs's WorksheetWriter used here (its typings describe only a few of them). */
interface SheetWriter {
  id: number;
  state: string;
  committed: boolean;
  autoFilter: string | null;
  conditionalFormatting: unknown[];
  stream: NodeJS.EventEmitter & { write(data: unknown): void; end(): void };
  _rows: unknown[] | null;
  startedData: boolean;
  _sheetRelsWriter: { addMedia(rel: { Target: string; Type: string }): string; commit(): void; hyperlinksProxy: unknown };
  _merges: unknown[];
  _formulae: unknown;
  _siFormulae: number;
  _sheetCommentsWriter: { commit(): void };
  _workbook: { styles: unknown };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  _writeCloseSheetData(): void;
  _writeSheetProtection(): void;
  _writeAutoFilter(): void;
  _writeMergeCells(): void;
  _writeConditionalFormatting(): void;
  _writeDataValidations(): void;
  _writeHyperlinks(): void;
  _writePageMargins(): void;
  _writePageSetup(): void;
  _writeHeaderFooter(): void;
  _writeRowBreaks(): void;
  _writeLegacyData(): void;
  _writeCloseWorksheet(): void;
  commit(): void;
}

interface BookWriter {
  zip: Zip;
  stream: Writable;
  promise: Promise<unknown>;
  _openStream(path: string): unknown;
  addThemes(): Promise<void>;
  addOfficeRels(): Promise<void>;
  styles: unknown;
  _worksheets: unknown[];
  sharedStrings: unknown;
  commentRefs: unknown[];
  media: unknown[];
  views: unknown[];
  addContentTypes(): Promise<void>;
  addWorkbook(): Promise<void>;
  commit(): Promise<unknown>;
  addWorksheet(name: string, options: Record<string, unknown>): unknown;
}

type Style = Partial<ExcelJS.Style>;

/** The archiver exceljs writes the zip with: entries queued and entries compressed so far. */
interface Zip {
  append(data: string, options: { name: string }): void;
  once(event: 'progress', listener: () => void): void;
  _entriesCount: number;
  _entriesProcessedCount: number;
}

async function caughtUp(zip: Zip, backlog: number): Promise<void> {
  while (zip._entriesCount - zip._entriesProcessedCount > backlog) await new Promise<void>((resolve) => zip.once('progress', resolve));
}

/**
 * Cells styled by the same chain of plan styles share one style object: the chain so far (a style
 * object made here, or a fresh cell's empty one) and the next CellStyle give the same result.
 * Styles made here are never changed afterwards.
 */
class StyleCache {
  private readonly made = new WeakMap<Style, Map<CellStyle, Style>>();
  private readonly fromEmpty = new Map<CellStyle, Style>();
  /** One style object for every cell no plan style reaches. */
  readonly empty: Style = {};

  then(before: Style, next: CellStyle): Style {
    const known = this.made.get(before) ?? (before === this.empty || Object.keys(before).length === 0 ? this.fromEmpty : undefined);
    const hit = known?.get(next);
    if (hit) return hit;
    // The in-memory adapter's own styling, on a stand-in for the cell.
    const cell = { style: before } as unknown as ExcelJS.Cell;
    applyStyle(cell, next);
    const style = cell.style;
    this.made.set(style, new Map());
    known?.set(next, style);
    return style;
  }
}

const PREFIXED = new RegExp(`(?:^|[^A-Za-z0-9_.])(?:${[...FUTURE_FUNCTIONS, ...WORKSHEET_FUNCTIONS].map((f) => f.replace(/\./g, '\\.')).join('|')})\\(`, 'i');

/**
 * toFileFormula, with a quick answer for the usual formula: one calling none of the functions that
 * are stored with a prefix is stored as it is, less its "=". (A name inside a text literal only
 * sends the formula the long way.)
 */
export function storedFormula(formula: string): string {
  if (PREFIXED.test(formula)) return toFileFormula(formula);
  return formula.startsWith('=') ? formula.slice(1) : formula;
}

/**
 * Write `plan` as a new workbook to `output` (ended when done). With `releaseWritten`, each sheet's
 * cells and formats are emptied from the plan once written (the caller is done with them). Refuses, before writing anything,
 * what XlsxWorkbook.apply refuses; a table whose header is not text is found while its sheet is
 * written, so the caller must discard a partly written output on failure (the CLI's temp file).
 */
export async function writeNewWorkbook(plan: WorkbookPlan, output: Writable, options: { releaseWritten?: boolean } = {}): Promise<XlsxApplyStats> {
  // Excel's limits (limits.ts), as XlsxWorkbook.apply checks them; a new workbook has no names to clash with.
  assertValidPlan(plan);
  return writeAsPlanned({ sheets: tabOrder(plan.sheets), names: () => plan.names, dateFormat: plan.dateFormat }, output, { ...options, checked: true });
}

/** A new workbook's contents as they are planned: its sheets in tab order, then its range names once every sheet is planned. */
export interface PlannedWorkbook {
  sheets: Iterable<SheetPlan>;
  names(): WorkbookPlan['names'];
  dateFormat: string;
}

/**
 * Write a new workbook as it is planned (`vq-matrix build` of a new file): each sheet is checked
 * against Excel's limits and written as it comes, so a cohort's plans are never all in memory at
 * once. A sheet the checks refuse, or a source that throws (a candidate that cannot be built),
 * stops the write part-way with that error: the caller discards the output (the CLI's temp file).
 */
export async function writeAsPlanned(planned: PlannedWorkbook, output: Writable, options: { releaseWritten?: boolean; checked?: boolean } = {}): Promise<XlsxApplyStats> {
  // A failing disk surfaces here rather than as an unhandled stream error.
  let failed: (e: unknown) => void = () => undefined;
  const outputFailed = new Promise<never>((_, reject) => (failed = reject));
  outputFailed.catch(() => undefined);
  output.on('error', (e) => failed(e));
  const charts: XlsxApplyStats['skippedCharts'] = [];
  const zip = new ZipOnWorker();
  zip.on('error', (e) => failed(e));
  try {
    await Promise.race([writeSheets(planned, output, { releaseWritten: options.releaseWritten ?? false, check: options.checked ? undefined : new PlanChecker(), charts }, zip), outputFailed]);
  } finally {
    // Done, or failed part-way (the caller discards the output): the worker goes either way.
    await zip.close();
  }
  return { syncs: 0, requests: 0, maxRequestBytes: 0, totalBytes: 0, skippedCharts: charts };
}

/** Refuses what Excel would refuse, as assertValidPlan says it. */
function refuse(problems: readonly PlanProblem[]): void {
  const message = describePlanProblems(problems);
  if (message !== null) throw new InvalidPlanError(message, problems);
}

/**
 * The tabs in the order apply() leaves them: a sheet placed first goes before every sheet so far
 * (so of two, the later one ends up first); a name planned twice keeps its first place and its
 * last contents, as a replaced sheet does.
 */
export function tabOrder(sheets: readonly SheetPlan[]): SheetPlan[] {
  const byName = new Map<string, SheetPlan>();
  const order: string[] = [];
  for (const sheet of sheets) {
    const key = sheet.name.toLowerCase();
    if (!byName.has(key)) order.push(key);
    byName.set(key, sheet);
    if (sheet.position === 'first') order.unshift(...order.splice(order.indexOf(key), 1));
  }
  return order.map((key) => byName.get(key)!);
}

interface WriteOptions {
  releaseWritten: boolean;
  /** Checks each sheet as it comes; absent when the whole plan was checked first. */
  check: PlanChecker | undefined;
  /** Charts the .xlsx writer cannot draw, said per sheet as they come. */
  charts: XlsxApplyStats['skippedCharts'];
}

async function writeSheets(planned: PlannedWorkbook, output: Writable, options: WriteOptions, zip: ZipOnWorker): Promise<void> {
  const { releaseWritten, check, charts } = options;
  // exceljs makes its own zip in its constructor (the theme and package parts already in it): that one writes nowhere.
  const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: nowhere, useStyles: true, useSharedStrings: true }) as unknown as BookWriter;
  // Ours, compressing on a worker thread, takes its place and is given those parts again.
  book.zip = zip as unknown as Zip;
  book.stream = output;
  zip.pipe(output);
  book._openStream = (path: string) => {
    const stream = zip.openStream(path);
    stream.on('finish', () => stream.emit('zipped'));
    return stream;
  };
  book.promise = Promise.all([book.addThemes(), book.addOfficeRels()]);
  // Only where each table's part is, for the content types: the tables' rows are not kept.
  const tables: { target: string }[] = [];
  const styles = new StyleCache();

  // Its own two parts again, with what it leaves out: tables, the workbook's names, recalculation on open.
  book.addContentTypes = async () => {
    const model = { worksheets: book._worksheets.filter(Boolean), sharedStrings: book.sharedStrings, commentRefs: book.commentRefs, media: book.media, tables };
    book.zip.append(new ContentTypesXform().toXml(model), { name: '[Content_Types].xml' });
  };
  book.addWorkbook = async () => {
    const names = planned.names().map((n) => ({ name: n.name, ranges: [`${quoteSheet(n.sheet)}!${address(norm(n.range), true)}`] }));
    // prepare() adds each sheet's print titles to the names, as the in-memory writer does.
    const model = { worksheets: book._worksheets.filter(Boolean), definedNames: names, views: book.views, properties: {}, calcProperties: { fullCalcOnLoad: true } };
    const xform = new WorkbookXform();
    xform.prepare(model);
    book.zip.append(xform.toXml(model), { name: '/xl/workbook.xml' });
  };

  const written: SheetWriter[] = [];
  for (const sheet of planned.sheets) {
    if (check) refuse(check.sheet(sheet));
    for (const c of sheet.charts ?? []) charts.push({ sheet: sheet.name, chart: c.name, reason: `the .xlsx writer cannot create charts; "${c.title}" was not drawn (its data is on the sheet)` });
    const ws = book.addWorksheet(sheet.name, sheetOptions(sheet)) as SheetWriter;
    const sheetTables: { model: TableModel }[] = [];
    (ws as unknown as { addTable(model: unknown): unknown }).addTable = (model: unknown) => {
      const table = new Table(ws, model);
      sheetTables.push(table);
      return table;
    };
    await writeContents(ws as unknown as ExcelJS.Worksheet, sheet, planned.dateFormat, styles);
    commitSheet(book, ws, sheetTables, tables);
    // The caller's plan of 500 candidates is much of the memory a build takes: what is written goes.
    if (releaseWritten) Object.assign(sheet, { blocks: [], styles: [], merges: [], validations: [], conditionalFormats: [], dataBars: [] });
    // The zip compresses the sheets written so far before the next is laid out: memory stays at a few sheets.
    await caughtUp(book.zip, 6);
    written.push(ws);
    // A sheet the zip has taken keeps its writer (the workbook part lists it) but not its buffers.
    while (written.length > 8) (written.shift() as unknown as { _stream: unknown })._stream = null;
  }
  if (check) refuse(check.names(planned.names()));
  await book.commit();
}

/** What exceljs's WorksheetWriter writes when the sheet is opened: it must be known then. */
function sheetOptions(plan: SheetPlan): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (plan.visibility) options.state = plan.visibility;
  if (plan.tabColor) options.properties = { tabColor: { argb: argb(plan.tabColor) } };
  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) options.views = [{ state: 'frozen', xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  if (plan.print) {
    const pageSetup: Record<string, unknown> = { orientation: plan.print.landscape ? 'landscape' : 'portrait', fitToPage: false };
    if (plan.print.fitToWidth) Object.assign(pageSetup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    if (plan.print.repeatRows) pageSetup.printTitlesRow = `${plan.print.repeatRows.from + 1}:${plan.print.repeatRows.to + 1}`;
    options.pageSetup = pageSetup;
  }
  return options;
}

/** The sheet's cells and parts, in the order XlsxWorkbook's writeContents sets them. */
async function writeContents(ws: ExcelJS.Worksheet, plan: SheetPlan, dateFormat: string, styles: StyleCache): Promise<void> {
  const dateCells = writeBlocks(ws, plan, (cell, value) => {
    cell.value = isFormula(value) ? ({ formula: storedFormula(value.formula) } as ExcelJS.CellFormulaValue) : toCellValue(value);
    cell.style = styles.empty;
  });
  for (const { range, style } of plan.styles) {
    const r = norm(range);
    for (let row = r.row; row <= r.endRow; row++) {
      const wsRow = ws.getRow(row + 1);
      for (let col = r.col; col <= r.endCol; col++) {
        const cell = wsRow.getCell(col + 1);
        cell.style = styles.then(cell.style, style);
      }
    }
  }
  // A date stays a date whatever number format a wider style range gave its column.
  const dateStyle: CellStyle = { numberFormat: dateFormat };
  for (const cell of dateCells) cell.style = styles.then(cell.style, dateStyle);

  writeSheetParts(ws, plan);
  if (plan.autoFilter) ws.autoFilter = address(plan.autoFilter);
  if (plan.protection) {
    const p = plan.protection;
    await ws.protect('', { formatColumns: p.allowFormatColumns, sort: p.allowSort, autoFilter: p.allowAutoFilter, insertRows: p.allowInsertRows, selectLockedCells: true, selectUnlockedCells: true });
  }
}

const tableXform = new TableXform();
const rowXform = new RowXform();
const tablePartsXform = new ListXform({ tag: 'tableParts', count: true, childXform: new TablePartXform() });

/**
 * exceljs's WorksheetWriter.commit, with the sheet's parts in the order the file format requires
 * (it writes the protection and the AutoFilter after the validations, which Excel repairs), plus
 * the table parts and the data bars' extension, which it does not write at all.
 */
function commitSheet(book: BookWriter, ws: SheetWriter, sheetTables: { model: TableModel }[], allTables: { target: string }[]): void {
  ws._writeColumns();
  ws._writeOpenSheetData();
  ws.startedData = true;
  const options = {
    styles: book.styles,
    sharedStrings: book.sharedStrings,
    hyperlinks: ws._sheetRelsWriter.hyperlinksProxy,
    merges: ws._merges,
    formulae: ws._formulae,
    siFormulae: ws._siFormulae,
    comments: [],
  };
  // Every row with a cell in it, as the in-memory writer does: its writer skips rows with no value,
  // and with them the styles of empty cells (an evidence row's unlocked cells on a protected grid).
  for (const row of ws._rows ?? []) {
    const model = (row as { model: unknown } | undefined)?.model;
    if (!model) continue;
    rowXform.prepare(model, options);
    ws.stream.write(rowXform.toXml(model));
  }
  ws._rows = null;
  ws._writeCloseSheetData();
  ws._writeSheetProtection();
  ws._writeAutoFilter();
  ws._writeMergeCells();
  // Data bars get their x14 ids before the rules that refer to them are written.
  const ext = new ExtLstXform();
  const extModel = { conditionalFormattings: ws.conditionalFormatting };
  ext.prepare(extModel, { styles: ws._workbook.styles });
  ws._writeConditionalFormatting();
  ws._writeDataValidations();
  ws._writeHyperlinks();
  ws._writePageMargins();
  ws._writePageSetup();
  ws._writeHeaderFooter();
  ws._writeRowBreaks();
  ws._writeLegacyData();
  const models = sheetTables.map((t) => t.model);
  for (const model of models) {
    model.id = allTables.length + 1;
    model.target = `table${model.id}.xml`;
    allTables.push({ target: model.target });
    tableXform.prepare(model, {});
    book.zip.append(tableXform.toXml(model), { name: `xl/tables/${model.target}` });
    model.rId = ws._sheetRelsWriter.addMedia({ Target: `../tables/${model.target}`, Type: RelType.Table });
  }
  if (models.length > 0) ws.stream.write(tablePartsXform.toXml(models));
  ws.stream.write(ext.toXml(extModel));
  ws._writeCloseWorksheet();
  ws.stream.end();
  ws._sheetCommentsWriter.commit();
  ws._sheetRelsWriter.commit();
  ws.committed = true;
  // Written: the writer is kept to the end (the workbook part lists it), its columns, merges and formats are not.
  Object.assign(ws, { _columns: null, _merges: [], _formulae: {}, conditionalFormatting: [], dataValidations: null });
}
