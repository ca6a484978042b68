/*
 * Filter to what the internal verifier sampled with Excel's own table filter: each TableFilter
 * (from src/domain/sampling) becomes one values filter on a table column, so Excel's filter button
 * shows the choice and the user clears it the usual way. Three syncs whatever the number of
 * filters: find the tables, find their columns, then clear and apply every filter at once.
 */
import type { TableFilter } from '../../domain/sampling/samplingPlan';
import type { ExcelRun } from './officeWorkbook';

/** tables.getItemOrNullObject is ExcelApi 1.4; column filters (applyValuesFilter, clearFilters) 1.2. */
export const FILTER_EXCEL_API = '1.4';

export interface FilterOutcome {
  /** Filters applied, in the order given. */
  applied: TableFilter[];
  /** Filters not applied, with why (no such table or column, nothing to show). */
  skipped: { filter: TableFilter; reason: string }[];
  syncs: number;
}

export async function filterSampled(run: ExcelRun, filters: readonly TableFilter[]): Promise<FilterOutcome> {
  return run(async (context) => {
    let syncs = 0;
    const skipped: FilterOutcome['skipped'] = [];
    const wanted = filters.filter((f) => {
      // An empty values list would hide every row; say so instead of showing an empty table.
      if (f.values.length > 0) return true;
      skipped.push({ filter: f, reason: 'nothing sampled to show' });
      return false;
    });

    // 1. Every table, by name (queued together).
    const names = [...new Set(wanted.map((f) => f.table.toLowerCase()))];
    const tables = new Map(names.map((n) => [n, context.workbook.tables.getItemOrNullObject(wanted.find((f) => f.table.toLowerCase() === n)!.table)]));
    for (const t of tables.values()) t.load('name');
    await context.sync();
    syncs++;

    // 2. The columns of the tables that exist.
    const found = [...tables.entries()].filter(([, t]) => !t.isNullObject);
    for (const [, t] of found) t.columns.load('items/name');
    if (found.length > 0) {
      await context.sync();
      syncs++;
    }

    // 3. Clear each table's filters once, then one values filter per column.
    const applied: TableFilter[] = [];
    const cleared = new Set<string>();
    for (const f of wanted) {
      const key = f.table.toLowerCase();
      const table = tables.get(key)!;
      if (table.isNullObject) {
        skipped.push({ filter: f, reason: `no table named ${f.table}` });
        continue;
      }
      const column = table.columns.items.find((c) => c.name.toLowerCase() === f.column.toLowerCase());
      if (!column) {
        skipped.push({ filter: f, reason: `table ${f.table} has no column "${f.column}"` });
        continue;
      }
      if (!cleared.has(key)) {
        table.clearFilters();
        cleared.add(key);
      }
      column.filter.applyValuesFilter([...f.values]);
      applied.push(f);
    }
    if (applied.length > 0) {
      await context.sync();
      syncs++;
    }
    return { applied, skipped, syncs };
  });
}
