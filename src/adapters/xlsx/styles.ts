/*
 * Cell styles of a plan as exceljs styles.
 */
import type ExcelJS from 'exceljs';
import type { CellRange, CellStyle } from '../../domain/workbook/plan';

export function norm(r: CellRange): Required<CellRange> {
  const endRow = r.endRow ?? r.row;
  const endCol = r.endCol ?? r.col;
  return { row: Math.min(r.row, endRow), col: Math.min(r.col, endCol), endRow: Math.max(r.row, endRow), endCol: Math.max(r.col, endCol) };
}

export function forEachCell(ws: ExcelJS.Worksheet, range: CellRange, fn: (cell: ExcelJS.Cell) => void): void {
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
