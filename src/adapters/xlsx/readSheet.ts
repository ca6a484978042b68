/*
 * Reading an exceljs worksheet back as plain values and formulas, refusing what is beyond Excel's limits.
 */
import ExcelJS from 'exceljs';
import { address } from '../../domain/workbook/plan';
import type { RawCell, SheetValues } from '../../domain/workbook/sheetValues';
import { fromFileFormula } from './formulas';
import { READ_LIMITS, WorkbookFileError } from './readLimits';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function readWorksheet(ws: ExcelJS.Worksheet, fileName: string): SheetValues {
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
