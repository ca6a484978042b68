/*
 * Writing a sheet plan's contents into an exceljs worksheet: values, merges, styles, sizes, tables,
 * validations, conditional formats, view, print and protection settings; and the plan's names.
 */
import type ExcelJS from 'exceljs';
import { fitAlertText, listFormula } from '../../domain/workbook/limits';
import { address, isDate, isFormula, quoteSheet, type ConditionalFormatPlan, type DataValidationPlan, type PlanValue, type SheetPlan, type TablePlan, type WorkbookPlan } from '../../domain/workbook/plan';
import { toFileFormula } from './formulas';
import { internals } from './internals';
import { applyStyle, argb, forEachCell, norm } from './styles';

/**
 * Every value block's cells, then the merges (before any styling: a merge copies the master's style
 * over the other cells). The in-memory and streaming writers differ only in how a value is set.
 * Returns the cells that hold dates, which keep a date format whatever a wider style range says.
 */
export function writeBlocks(ws: ExcelJS.Worksheet, plan: SheetPlan, setValue: (cell: ExcelJS.Cell, value: PlanValue) => void): ExcelJS.Cell[] {
  const dateCells: ExcelJS.Cell[] = [];
  for (const block of plan.blocks) {
    block.values.forEach((rowValues, i) => {
      const row = ws.getRow(block.row + i + 1);
      rowValues.forEach((value, j) => {
        const cell = row.getCell(block.col + j + 1);
        setValue(cell, value);
        if (isDate(value)) dateCells.push(cell);
      });
    });
  }
  for (const m of plan.merges) {
    const r = norm(m);
    if (r.endRow === r.row && r.endCol === r.col) continue;
    ws.mergeCells(r.row + 1, r.col + 1, r.endRow + 1, r.endCol + 1);
  }
  return dateCells;
}

/** Column widths, hidden columns, row heights, tables, validations and conditional formats: the same in both writers. */
export function writeSheetParts(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
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
}

export async function writeContents(ws: ExcelJS.Worksheet, plan: SheetPlan, dateFormat: string): Promise<void> {
  const dateCells = writeBlocks(ws, plan, (cell, value) => (cell.value = toCellValue(value)));

  for (const { range, style } of plan.styles) {
    forEachCell(ws, range, (cell) => applyStyle(cell, style));
  }
  // A date stays a date whatever number format a wider style range gave its column.
  for (const cell of dateCells) cell.numFmt = dateFormat;

  writeSheetParts(ws, plan);

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

export function addValidation(ws: ExcelJS.Worksheet, v: DataValidationPlan): void {
  // Excel's own limits for these (longer ones make it repair the file), cut as office-js cuts them.
  const { title, message } = fitAlertText(v.errorTitle, v.errorMessage);
  internals(ws).dataValidations.add(address(norm(v.range)), {
    type: 'list',
    allowBlank: v.allowBlank,
    formulae: [listFormula(v.list)],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: message,
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

export function writeNames(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  if (plan.names.length === 0) return;
  // Replace names of the same (case-insensitive) name; exceljs's add() would merge the ranges.
  const planned = new Set(plan.names.map((n) => n.name.toLowerCase()));
  const model = wb.definedNames.model.filter((n) => !planned.has(n.name.toLowerCase()));
  for (const n of plan.names) {
    model.push({ name: n.name, ranges: [`${quoteSheet(n.sheet)}!${address(norm(n.range), true)}`] });
  }
  wb.definedNames.model = model;
}
