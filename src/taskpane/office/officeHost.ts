/*
 * The task pane's host inside Excel: the office-js workbook adapter plus the few direct Excel calls
 * the pane needs (go to a cell, the selected cell, selection events, find a table). The only
 * taskpane module besides index.tsx that touches office-js; components get these as callbacks.
 */
import { clearTableFilters, filterSampled } from '../../adapters/officejs/filterSampled';
import { officeWorkbookAdapter, type ExcelRun } from '../../adapters/officejs/officeWorkbook';
import { parseSheetReference } from '../../domain/workbook/a1';
import { address, type CellRange } from '../../domain/workbook/plan';
import type { CellRef, TaskpaneHost, ThemeMode, ThemeSource } from '../host';

/** What the host reads from Office.context; injected so tests need no global Office. */
export interface OfficeEnvironment {
  isSetSupported(name: string, version: string): boolean;
  officeTheme?: { bodyBackgroundColor?: string; isDarkTheme?: boolean } | null;
}

/** "'Jane Smith 203'!H15:J20" -> the sheet and the zero-based top-left cell. */
export function parseAddress(a: string): CellRef | null {
  const ref = parseSheetReference(a);
  return ref && ref.sheet !== null ? { sheet: ref.sheet, row: ref.range.row, col: ref.range.col } : null;
}

/** "#1F1F1F" -> relative luminance below one half means a dark theme. */
export function isDarkColour(hex: string | undefined): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

export function officeThemeSource(env: OfficeEnvironment): ThemeSource {
  return {
    current(): ThemeMode {
      const t = env.officeTheme;
      if (!t) return 'light';
      if (typeof t.isDarkTheme === 'boolean') return t.isDarkTheme ? 'dark' : 'light';
      return isDarkColour(t.bodyBackgroundColor) ? 'dark' : 'light';
    },
  };
}

export function createOfficeHost(run: ExcelRun, env: OfficeEnvironment): TaskpaneHost {
  const selectedCell = (): Promise<CellRef | null> =>
    run(async (context) => {
      const range = context.workbook.getSelectedRange().load('address');
      await context.sync();
      return parseAddress(range.address);
    });
  return {
    mode: 'office',
    adapter: officeWorkbookAdapter(run),
    theme: officeThemeSource(env),
    readWorkbookFile: async (file) => (await import(/* webpackChunkName: "xlsx-file" */ '../preview/readXlsxFile')).readXlsxFile(file),
    // No "this Excel is too old" message: manifest.xml requires ExcelApi 1.13, CustomFunctionsRuntime
    // 1.2 and SharedRuntime 1.1, so an Excel without them never loads the pane to show it.

    async goTo(sheet: string, range: CellRange) {
      await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address(range)).select();
        await context.sync();
      });
    },

    getSelectedCell: selectedCell,

    async onSelectionChanged(listener) {
      const handler = await run(async (context) => {
        const result = context.workbook.worksheets.onSelectionChanged.add(async () => {
          const cell = await selectedCell();
          if (cell) listener(cell);
        });
        await context.sync();
        return result;
      });
      return async () => {
        handler.remove();
        await handler.context.sync();
      };
    },

    filterTables: (filters) => filterSampled(run, filters),

    clearTableFilters: (names) => clearTableFilters(run, names),

    async locateTable(name: string) {
      return run(async (context) => {
        const table = context.workbook.tables.getItemOrNullObject(name);
        await context.sync();
        if (table.isNullObject) return null;
        const range = table.getRange().load('address');
        await context.sync();
        const ref = parseSheetReference(range.address);
        if (!ref || ref.sheet === null) return null;
        return { sheet: ref.sheet, range: { ...ref.range, endRow: ref.range.endRow ?? ref.range.row, endCol: ref.range.endCol ?? ref.range.col } };
      });
    },
  };
}
