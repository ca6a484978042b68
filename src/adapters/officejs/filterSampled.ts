/*
 * Filter to what the internal verifier sampled with Excel's own table filter: each TableFilter
 * (from src/domain/sampling) becomes one values filter on a table column, so Excel's filter button
 * shows the choice and the user clears it the usual way.
 *
 * Protected sheets: Excel refuses filtering (and sorting) inside a table on a protected sheet,
 * whatever allowAutoFilter/allowSort say (OfficeDev/office-js#2135), and the tracker and evidence
 * index are protected so their formulas stay intact. So the add-in lifts the protection of just the
 * sheets it filters, filters, and protects them again with the same options, all in one request;
 * if that request fails, the sheets it had unprotected are protected again before the error is
 * reported. Three syncs whatever the number of filters (find the tables, find their columns and
 * sheets' protection, then unprotect, filter and re-protect); two more only to recover a failure.
 */
import type { TableFilter } from '../../domain/sampling/samplingPlan';
import type { ExcelRun } from './officeWorkbook';

/** tables.getItemOrNullObject is ExcelApi 1.4; column filters, table.worksheet and protection 1.2. */
export const FILTER_EXCEL_API = '1.4';

export interface FilterOutcome {
  /** Filters applied, in the order given. */
  applied: TableFilter[];
  /** Filters not applied, with why (no such table or column, nothing to show). */
  skipped: { filter: TableFilter; reason: string }[];
  syncs: number;
}

/** A filter change that Excel refused; the message says what to do, in the user's words. */
export class TableFilterError extends Error {
  override readonly name = 'TableFilterError';
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

interface FoundTable {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
}

/**
 * Runs `change` on tables with their sheets' protection lifted, in one request: unprotect each
 * protected sheet once, change, protect again with the options it had. On failure the sheets left
 * unprotected are protected again, and a TableFilterError explains.
 */
async function withProtectionLifted(context: Excel.RequestContext, found: readonly FoundTable[], change: () => void, what: string): Promise<number> {
  const lifted = new Map<string, { sheet: Excel.Worksheet; options: Excel.WorksheetProtectionOptions }>();
  for (const f of found) {
    if (f.protection.protected && !lifted.has(f.sheet.name.toLowerCase())) lifted.set(f.sheet.name.toLowerCase(), { sheet: f.sheet, options: { ...f.protection.options } });
  }
  for (const l of lifted.values()) l.sheet.protection.unprotect();
  change();
  for (const l of lifted.values()) l.sheet.protection.protect(l.options);
  try {
    await context.sync();
    return 1;
  } catch (error) {
    // Excel keeps what ran before the failure: put back the protection it may have lifted.
    const states = [...lifted.values()].map((l) => ({ ...l, state: l.sheet.protection.load('protected') }));
    await context.sync();
    for (const s of states) if (!s.state.protected) s.sheet.protection.protect(s.options);
    await context.sync();
    const sheets = [...lifted.values()].map((l) => `"${l.sheet.name}"`).join(', ');
    const detail = error instanceof Error ? error.message : String(error);
    throw new TableFilterError(
      `Excel would not ${what} (${detail}).` +
        (sheets ? ` ${sheets} ${lifted.size === 1 ? 'is' : 'are'} protected${lifted.size === 1 ? '' : ' and stay so'}; if a sheet has a password, unprotect it (Review > Unprotect Sheet) and try again.` : ''),
      error,
    );
  }
}

/** The named tables that exist, each with its sheet and that sheet's protection loaded (2 syncs). */
async function findTables(context: Excel.RequestContext, names: readonly string[], withColumns: boolean): Promise<Map<string, FoundTable | null>> {
  const unique = [...new Map(names.map((n) => [n.toLowerCase(), n])).entries()];
  const tables = new Map(unique.map(([key, name]) => [key, context.workbook.tables.getItemOrNullObject(name)]));
  for (const t of tables.values()) t.load('name');
  await context.sync();
  const out = new Map<string, FoundTable | null>();
  for (const [key, table] of tables) {
    if (table.isNullObject) {
      out.set(key, null);
      continue;
    }
    const sheet = table.worksheet.load('name');
    const protection = sheet.protection.load('protected,options');
    if (withColumns) table.columns.load('items/name');
    out.set(key, { table, sheet, protection });
  }
  if ([...out.values()].some((f) => f !== null)) await context.sync();
  return out;
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
    if (wanted.length === 0) return { applied: [], skipped, syncs };

    // 1-2. Every table by name, then their columns and their sheets' protection.
    const found = await findTables(
      context,
      wanted.map((f) => f.table),
      true,
    );
    syncs += [...found.values()].some((f) => f !== null) ? 2 : 1;

    // 3. Clear each table's filters once, then one values filter per column (protection lifted around it).
    const applied: TableFilter[] = [];
    const steps: (() => void)[] = [];
    const used: FoundTable[] = [];
    const cleared = new Set<string>();
    for (const f of wanted) {
      const key = f.table.toLowerCase();
      const hit = found.get(key) ?? null;
      if (!hit) {
        skipped.push({ filter: f, reason: `no table named ${f.table}` });
        continue;
      }
      const column = hit.table.columns.items.find((c) => c.name.toLowerCase() === f.column.toLowerCase());
      if (!column) {
        skipped.push({ filter: f, reason: `table ${f.table} has no column "${f.column}"` });
        continue;
      }
      if (!cleared.has(key)) {
        steps.push(() => hit.table.clearFilters());
        cleared.add(key);
        used.push(hit);
      }
      const values = [...f.values];
      steps.push(() => column.filter.applyValuesFilter(values));
      applied.push(f);
    }
    if (applied.length > 0) {
      syncs += await withProtectionLifted(context, used, () => steps.forEach((s) => s()), 'filter the sampled rows');
    }
    return { applied, skipped, syncs };
  });
}

/** Clears every filter on the named tables (missing ones are skipped), lifting protection as filterSampled does; resolves to the tables cleared. */
export async function clearTableFilters(run: ExcelRun, names: readonly string[]): Promise<string[]> {
  return run(async (context) => {
    const found = [...(await findTables(context, names, false)).values()].filter((f): f is FoundTable => f !== null);
    if (found.length > 0) await withProtectionLifted(context, found, () => found.forEach((f) => f.table.clearFilters()), 'clear the filters');
    return found.map((f) => f.table.name);
  });
}
