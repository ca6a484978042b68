import { isDate, isFormula, type SheetPlan } from '../../src/domain/workbook/plan';
import { applyEditsToGrid } from '../../src/domain/workbook/structuralEdits';
import { isoDateToSerial, type RawCell } from '../../src/domain/workbook/sheetValues';

/** What a spreadsheet hands back after a plan is written, with formulas read as blank. */
export function planValues(sheet: SheetPlan): RawCell[][] {
  const out: RawCell[][] = [];
  for (const b of sheet.blocks)
    b.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const line = (out[b.row + r] ??= []);
        line[b.col + c] = isFormula(v) ? null : isDate(v) ? isoDateToSerial(v.date) : v;
      }),
    );
  return out.map((r) => Array.from(r, (v) => v ?? null));
}

/**
 * What a sheet holds after a plan updates it in place: the old values moved by the plan's row and
 * column edits, then the plan's blocks written over them (formulas read as blank).
 */
export function rebuiltValues(old: readonly (readonly RawCell[])[], sheet: SheetPlan): RawCell[][] {
  const out = applyEditsToGrid<RawCell>(old, sheet.rebuild?.edits ?? [], null);
  for (const b of sheet.blocks)
    b.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const line = (out[b.row + r] ??= []);
        line[b.col + c] = isFormula(v) ? null : isDate(v) ? isoDateToSerial(v.date) : v;
      }),
    );
  return Array.from(out, (r) => Array.from(r ?? [], (v) => v ?? null));
}
