import type { CellRange, PlanValue, StructuralEdit } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { editsFromSlots, type Slot } from '../workbook/structuralEdits';

/*
 * The unit progress record and the index of evidence are lists (an Excel table of one row per unit
 * or piece of evidence). Rebuilt in place, the old rows keep their order and their cells: a row is
 * inserted where a unit or piece of evidence appears, deleted where one goes, and only the generated
 * cells are written again. So the user's entries, with their formulas, notes, links and fills, stay,
 * and every reference to a cell of the list (another sheet's formula, a name) keeps its cell.
 */

/** A row of the new list: the old sheet row it was (absolute), or null for an inserted one. */
export interface ListRow {
  old: number | null;
}

/**
 * Row edits turning the old list (rows `first`..`first + oldCount - 1`, then `oldTail` rows under
 * it) into `rows` followed by `newTail` rows. The tail (a blank row and totals, say) is generated:
 * it keeps its first rows and grows or shrinks at its end, so whatever the user has below it stays below.
 */
export function listRowEdits(first: number, oldCount: number, rows: readonly ListRow[], oldTail = 0, newTail = 0): StructuralEdit[] {
  const slots: Slot[] = rows.map((r) => (r.old === null ? null : r.old - first));
  for (let i = 0; i < newTail; i++) slots.push(i < oldTail ? oldCount + i : null);
  return editsFromSlots('rows', oldCount + oldTail, slots).map((e) => ({ ...e, at: e.at + first }));
}

/**
 * Where each new row goes among the old ones: `rows` holds the old rows in order; each new row
 * (already in the order wanted) is put right after the row `after` names (-1: before every row).
 * Returns the merged list.
 */
export function insertRows<R>(rows: readonly R[], added: readonly R[], after: (current: readonly R[], row: R) => number): R[] {
  const out = [...rows];
  for (const row of added) out.splice(after(out, row) + 1, 0, row);
  return out;
}

const blank = (v: RawCell | undefined): boolean => v === null || v === undefined || String(v).trim() === '';

/** Nothing in the row's first `width` cells (a list's own columns; what is beside it is not its). */
export function blankWithin(values: readonly (readonly RawCell[])[], row: number, width: number): boolean {
  const r = values[row] ?? [];
  for (let c = 0; c < width; c++) if (!blank(r[c])) return false;
  return true;
}

/** Nothing anywhere on the row (at least `width` cells looked at): only such a row may be deleted. */
export function blankRow(values: readonly (readonly RawCell[])[], row: number, width: number): boolean {
  const r = values[row] ?? [];
  for (let c = 0; c < Math.max(width, r.length); c++) if (!blank(r[c])) return false;
  return true;
}

/** Cells of a row from `from` to `to` (inclusive) as one kept range, or none when empty. */
export function rowRange(row: number, from: number, to: number): CellRange[] {
  return to >= from ? [{ row, col: from, endRow: row, endCol: to }] : [];
}

/** A value read from a sheet, written back as it was. */
export function carriedValue(v: RawCell | undefined): PlanValue {
  return v === undefined ? null : v;
}
