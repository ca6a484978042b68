/*
 * Tables on a sheet rebuilt in place: which are the plan's (rebuilt with it) and which the user's
 * (kept, moving with their cells). Both adapters decide it by the same rule, and refuse a plan that
 * would write over a user's table before anything is written.
 */
import { address, type CellRange } from './a1';
import type { PlanProblem } from './limits';
import type { SheetPlan, StructuralEdit, WorkbookPlan } from './plan';
import { mapIndex, mapSpan, type Slot } from './structuralEdits';

/**
 * The tables on a sheet rebuilt in place that are the plan's: plan table name (lower-cased) -> the
 * existing table's name. By name, ignoring case as Excel does; else the sheet's only table when the
 * plan has only one (the plan's table under another name, e.g. after the candidate's name was
 * retyped). Every other table on the sheet is the user's.
 */
export function planOwnedTables(plan: Pick<SheetPlan, 'tables'>, onSheet: readonly string[]): Map<string, string> {
  const owned = new Map<string, string>();
  for (const t of plan.tables) {
    const same = onSheet.find((o) => o.toLowerCase() === t.name.toLowerCase()) ?? (plan.tables.length === 1 && onSheet.length === 1 ? onSheet[0] : undefined);
    if (same !== undefined) owned.set(t.name.toLowerCase(), same);
  }
  return owned;
}

/** A user's table on a sheet rebuilt in place, as it is before the edits. */
export interface UserTable {
  name: string;
  /** Header row (if any) to the last row, in the old sheet's coordinates. */
  range: Required<CellRange>;
  headerRow: boolean;
}

/** Where a user's table goes once the sheet's rows and columns have moved. */
export interface MovedTable {
  name: string;
  range: Required<CellRange>;
  /** Per column of the new range: the table column it was (0-based), or null for one inserted inside the table. */
  columns: Slot[];
}

/**
 * A user's table after the edits, as Excel moves it: it shifts with its cells, rows or columns
 * inserted inside it widen it (an inserted column is a new table column) and deleted ones narrow it.
 * null when its header row or all of it is deleted (Excel would not keep it either).
 */
export function moveUserTable(table: UserTable, edits: readonly StructuralEdit[]): MovedTable | null {
  const { range } = table;
  const rows = mapSpan(range.row, range.endRow, 'rows', edits);
  const cols = mapSpan(range.col, range.endCol, 'columns', edits);
  if (!rows || !cols) return null;
  if (table.headerRow && mapIndex(range.row, 'rows', edits) === null) return null;
  const columns: Slot[] = Array.from({ length: cols[1] - cols[0] + 1 }, () => null);
  for (let c = range.col; c <= range.endCol; c++) {
    const to = mapIndex(c, 'columns', edits);
    if (to !== null) columns[to - cols[0]] = c - range.col;
  }
  return { name: table.name, range: { row: rows[0], col: cols[0], endRow: rows[1], endCol: cols[1] }, columns };
}

const overlaps = (a: Required<CellRange>, b: CellRange): boolean =>
  a.row <= (b.endRow ?? b.row) && b.row <= a.endRow && a.col <= (b.endCol ?? b.col) && b.col <= a.endCol;

/** The plan's cells inside `range`: a table, a merge, the AutoFilter or a written cell. Null when none. */
function plannedOver(plan: SheetPlan, range: Required<CellRange>): string | null {
  for (const t of plan.tables) if (overlaps(range, t.range)) return `its table ${t.name} (${address(t.range)})`;
  for (const m of plan.merges) if (overlaps(range, m)) return `merged cells ${address(m)}`;
  if (plan.autoFilter && overlaps(range, plan.autoFilter)) return `its filter ${address(plan.autoFilter)}`;
  for (const block of plan.blocks) {
    // Every cell of a block is written (a blank one cleared), rows of a block may differ in length.
    const from = Math.max(range.row, block.row);
    const to = Math.min(range.endRow, block.row + block.values.length - 1);
    for (let r = from; r <= to; r++) {
      const last = block.col + (block.values[r - block.row]?.length ?? 0) - 1;
      const a = Math.max(range.col, block.col);
      const b = Math.min(range.endCol, last);
      if (a <= b) return `${a === b ? 'cell' : 'cells'} ${address({ row: r, col: a, endCol: b })}`;
    }
  }
  return null;
}

/**
 * What keeping the user's tables would break, said before anything is written: a table whose header
 * row the rebuild deletes, one the plan would write over (Excel refuses overlapping tables, and a
 * written header would rename its column), or one whose name the plan gives a new table or name.
 */
export function userTableProblems(plan: WorkbookPlan, sheet: SheetPlan, tables: readonly UserTable[], moved: readonly (MovedTable | null)[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const where = (t: UserTable): string => `the table ${t.name} on sheet "${sheet.name}" (${address(t.range)})`;
  tables.forEach((t, i) => {
    const to = moved[i];
    if (!to) {
      problems.push({ sheet: sheet.name, cell: address(t.range), message: `Rebuilding sheet "${sheet.name}" would delete the header row, or every column, of ${where(t)}. Move the table clear of the sheet's own rows and columns (or to another sheet), then build again.` });
      return;
    }
    const over = plannedOver(sheet, to.range);
    if (over) {
      problems.push({ sheet: sheet.name, cell: address(to.range), message: `Rebuilding sheet "${sheet.name}" would write ${over} over ${where(t)}${address(to.range) === address(t.range) ? '' : `, at ${address(to.range)} once rows and columns move`}. Move the table clear of the sheet's own cells (or to another sheet), then build again.` });
      return;
    }
    const lower = t.name.toLowerCase();
    const twin = plan.sheets.flatMap((s) => (s === sheet ? [] : s.tables.map((pt) => ({ name: pt.name, sheet: s.name })))).find((pt) => pt.name.toLowerCase() === lower) ?? plan.names.find((n) => n.name.toLowerCase() === lower);
    if (twin) problems.push({ sheet: sheet.name, cell: address(t.range), message: `The build needs the name "${twin.name}" for sheet "${twin.sheet}", but ${where(t)} is called that. Rename your table, then build again.` });
  });
  return problems;
}

/**
 * A sheet's tables sorted as both adapters need them: the existing names the plan owns (rebuilt
 * with it), the user's (kept) with where each goes once the rows and columns move, and what
 * keeping them would break. `T` carries the adapter's own handle on each table.
 */
export function sortSheetTables<T extends UserTable>(plan: WorkbookPlan, sheet: SheetPlan, onSheet: readonly T[]): { owned: string[]; users: T[]; moved: (MovedTable | null)[]; problems: PlanProblem[] } {
  const owned = new Set([...planOwnedTables(sheet, onSheet.map((t) => t.name)).values()]);
  const users = onSheet.filter((t) => !owned.has(t.name));
  const moved = users.map((u) => moveUserTable(u, sheet.rebuild?.edits ?? []));
  return { owned: [...owned], users, moved, problems: userTableProblems(plan, sheet, users, moved) };
}
