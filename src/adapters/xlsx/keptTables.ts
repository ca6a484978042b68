/*
 * The user's own tables on sheets rebuilt in place: found and checked before anything is written,
 * then moved with their cells (exceljs writes a loaded table from its model's refs, not its cells).
 */
import type ExcelJS from 'exceljs';
import { address, parseRange } from '../../domain/workbook/a1';
import type { PlanProblem } from '../../domain/workbook/limits';
import type { WorkbookPlan } from '../../domain/workbook/plan';
import { sortSheetTables, type MovedTable } from '../../domain/workbook/userTables';
import { findSheet, internals } from './internals';

/** exceljs's model of a table: `tableRef` (and `autoFilterRef`) when loaded, `ref` too when added in this session. */
interface TableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  autoFilterRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string; filterButton?: boolean; totalsRowFunction?: string }[];
  style?: Record<string, unknown> | null;
}

function tablesOf(ws: ExcelJS.Worksheet): TableModel[] {
  return Object.values(internals(ws).tables ?? {}).map((t) => (t as { model: TableModel }).model);
}

/** What to do with a sheet's tables: remove the plan's (it adds them again), move the user's. */
export interface SheetTables {
  owned: string[];
  kept: { model: TableModel; to: MovedTable }[];
}

/**
 * For each existing sheet the plan rebuilds in place (lower-cased name): its tables, the plan's and
 * the user's, with where the user's go. `problems`: what keeping them would break (nothing written).
 */
export function sortTables(wb: ExcelJS.Workbook, plan: WorkbookPlan): { bySheet: Map<string, SheetTables>; problems: PlanProblem[] } {
  const bySheet = new Map<string, SheetTables>();
  const problems: PlanProblem[] = [];
  for (const sheet of plan.sheets) {
    const ws = findSheet(wb, sheet.name);
    if (!ws || !sheet.rebuild) continue;
    const tables = tablesOf(ws).map((model) => {
      const range = parseRange(model.tableRef ?? model.ref ?? '');
      const at = range ? { row: range.row, col: range.col, endRow: range.endRow ?? range.row, endCol: range.endCol ?? range.col } : { row: 0, col: 0, endRow: 0, endCol: 0 };
      return { name: model.name, range: at, headerRow: model.headerRow !== false, model, ranged: range !== null };
    });
    const sorted = sortSheetTables(plan, sheet, tables);
    const unplaced = sorted.users.find((u) => !u.ranged);
    if (unplaced) throw new Error(`Table ${unplaced.name} on sheet "${ws.name}" has no range`);
    problems.push(...sorted.problems);
    bySheet.set(sheet.name.toLowerCase(), { owned: sorted.owned, kept: sorted.users.map((u, i) => ({ model: u.model, to: sorted.moved[i]! })) });
  }
  return { bySheet, problems };
}

/**
 * A kept table's model after its sheet's rows and columns moved (its cells already have): its refs,
 * and a column per column inserted inside it ("Column1"..., as Excel names one, header cell too).
 */
export function moveKeptTables(ws: ExcelJS.Worksheet, kept: SheetTables['kept']): void {
  for (const { model, to } of kept) {
    const old = model.columns;
    const taken = new Set(old.map((c) => c.name.toLowerCase()));
    let n = 0;
    model.columns = to.columns.map((slot, i) => {
      if (slot !== null) return old[slot]!;
      let name: string;
      do name = `Column${++n}`;
      while (taken.has(name.toLowerCase()));
      taken.add(name.toLowerCase());
      if (model.headerRow !== false) ws.getCell(to.range.row + 1, to.range.col + i + 1).value = name;
      return { name, filterButton: old[0]?.filterButton, totalsRowFunction: model.totalsRow ? 'none' : undefined };
    });
    // exceljs writes a table's ref from `tableRef` (its cells are not rewritten from the model).
    model.tableRef = address(to.range);
    if (model.autoFilterRef !== undefined) model.autoFilterRef = address({ ...to.range, endRow: to.range.endRow - (model.totalsRow ? 1 : 0) });
  }
}

/**
 * A loaded table with no style (LibreOffice writes none) has a null style exceljs cannot write back:
 * it gets an empty one (tableStyleInfo with no name, as plain as none).
 */
export function mendLoadedTables(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) for (const model of tablesOf(ws)) if (!model.style) model.style = {};
}
