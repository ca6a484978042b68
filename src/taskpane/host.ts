import type { FilterOutcome } from '../adapters/officejs/filterSampled';
import type { WorkbookAdapter } from '../adapters/workbookAdapter';
import type { TableFilter } from '../domain/sampling/samplingPlan';
import type { CellRange } from '../domain/workbook/plan';
import type { SheetValues } from '../domain/workbook/sheetValues';

// What components may know of the filter an adapter applied, without importing the adapter.
export type { FilterOutcome };

/*
 * Everything the task pane needs from outside itself, injected as callbacks (STYLE.md): in Excel
 * these are office-js calls (office/officeHost.ts), in a plain browser an in-memory .xlsx workbook
 * (preview/previewHost.ts). Components never import office-js.
 */

/** A single cell on a named sheet, zero-based. */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

export type ThemeMode = 'light' | 'dark';

export interface ThemeSource {
  current(): ThemeMode;
  /** Calls back when the theme changes; returns an unsubscribe function. */
  watch?(onChange: (mode: ThemeMode) => void): () => void;
}

/** Preview mode only: the workbook lives in the browser and is offered as a download. */
export interface PreviewWorkbook {
  /** True once the workbook has at least one sheet (an empty workbook is not a valid .xlsx). */
  hasSheets(): Promise<boolean>;
  /** Offers the workbook as a file download. */
  download(): Promise<void>;
  /** Replaces the in-memory workbook with an uploaded .xlsx (only if it opens). */
  open(file: File): Promise<void>;
  /** The file name a download gets (the opened file's name, or vq-matrix.xlsx). */
  fileName(): string;
}

export interface TaskpaneHost {
  mode: 'office' | 'preview';
  adapter: WorkbookAdapter;
  theme: ThemeSource;
  /** Why building cannot work here (an Excel too old for the API the adapter needs). */
  unsupported?: string;
  /** Activates a sheet and selects a range on it. */
  goTo?(sheet: string, range: CellRange): Promise<void>;
  /** The active cell (top-left of the selection), or null when there is none. */
  getSelectedCell?(): Promise<CellRef | null>;
  /** Calls back on every selection change; resolves to a function that stops listening. */
  onSelectionChanged?(listener: (cell: CellRef) => void): Promise<() => Promise<void>>;
  /** Where a table of that name is (any sheet), or null. */
  locateTable?(name: string): Promise<{ sheet: string; range: CellRange } | null>;
  preview?: PreviewWorkbook;
  /** Reads an uploaded .xlsx file (a filled standards template) into sheet values. */
  readWorkbookFile?(file: File): Promise<SheetValues[]>;
  /**
   * Excel only: show just the rows whose cells are one of the filter's values, with Excel's own
   * table filter (each table's filters are cleared first). Absent where filtering needs Excel.
   */
  filterTables?(filters: readonly TableFilter[]): Promise<FilterOutcome>;
  /** Excel only: clears every filter on the named tables (missing ones are skipped); resolves to those cleared. */
  clearTableFilters?(tables: readonly string[]): Promise<string[]>;
}
