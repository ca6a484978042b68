/*
 * exceljs internals the .xlsx adapter relies on, and finding a sheet as Excel does.
 */
import type ExcelJS from 'exceljs';

/** exceljs members that exist at runtime but are missing from its typings. */
export interface WorksheetInternals {
  orderNo: number;
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void; model: Record<string, unknown> };
  tables: Record<string, unknown>;
  merges: Record<string, { range: string }>;
  rows: unknown[];
  columns: ExcelJS.Column[] | null;
  conditionalFormattings: unknown[];
}

export function internals(ws: ExcelJS.Worksheet): WorksheetInternals {
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

/** Excel sheet names are case-insensitive. */
export function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const lower = name.toLowerCase();
  return wb.worksheets.find((ws) => ws.name.toLowerCase() === lower);
}

export interface CellInternals {
  _comment: unknown;
}
