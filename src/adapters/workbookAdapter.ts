import type { WorkbookPlan } from '../domain/workbook/plan';
import type { ExistingNames } from '../domain/workbook/preflight';
import type { SheetValues } from '../domain/workbook/sheetValues';

/** What applying a plan cost: round trips to Excel and the largest request sent. */
export interface ApplyStats {
  syncs: number;
  requests: number;
  maxRequestBytes: number;
  totalBytes: number;
}

export interface ReadOptions {
  /** Only the cells in the first `rows` rows and `cols` columns of each sheet. */
  within?: { rows: number; cols: number };
}

/**
 * The two adapters (office-js and .xlsx via exceljs) both offer this. Shells (task pane, CLI,
 * functions) orchestrate: read what is there, let the domain compute a plan, apply it.
 */
export interface WorkbookAdapter {
  sheetNames(): Promise<string[]>;
  /** Every sheet, table (with its sheet) and workbook-scoped defined name, for the pre-flight check. */
  workbookNames(): Promise<ExistingNames>;
  /**
   * Used-range values (and formulas) of the named sheets; a missing sheet is simply not returned.
   * `within` reads only each sheet's top-left rows and columns (e.g. every sheet's header block).
   */
  readSheets(names: readonly string[], options?: ReadOptions): Promise<SheetValues[]>;
  /**
   * Create each sheet of the plan, replacing a sheet of the same name (callers have already
   * carried its marks into the plan); sheets not in the plan are left alone. A plan whose tables or
   * names clash with ones it does not replace (domain/workbook/preflight.ts) is refused before
   * anything is written.
   */
  apply(plan: WorkbookPlan): Promise<ApplyStats>;
}
