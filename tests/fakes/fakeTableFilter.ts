/*
 * A minimal recording stub of the office-js table-filter API, kept for the cohort tests that feed
 * it table contents directly (tests/fakes/fakeExcel.ts now models table columns, filters and their
 * refusal on protected sheets, and is what protection tests use): workbook tables with a
 * header and data rows, `tables.getItemOrNullObject`, `table.columns` (load, items, getItem),
 * `column.filter.applyValuesFilter`, `table.clearFilters`. As in Excel, everything is queued and
 * only runs at `context.sync()`; `isNullObject` and loaded properties throw until a sync resolved
 * them; syncs are counted. A values filter shows a row when its cell's displayed text is one of the
 * values, ignoring case; filters on several columns combine with AND.
 */
import type { RawCell } from '../../src/domain/workbook/sheetValues';

export interface StubTable {
  name: string;
  header: string[];
  rows: RawCell[][];
}

class NotLoaded extends Error {
  readonly code = 'PropertyNotLoaded';
}

interface TableState extends StubTable {
  filters: Map<number, Set<string>>;
}

export interface FakeTableFilterExcel {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  stats: { syncs: number; actions: string[] };
  /** Data rows (zero-based) the table's filters leave visible. */
  visibleRows(table: string): number[];
  /** The column filters in force: header -> values (lower case). */
  filters(table: string): Record<string, string[]>;
}

export function createFakeTableFilterExcel(tables: readonly StubTable[]): FakeTableFilterExcel {
  const state: TableState[] = tables.map((t) => ({ ...t, filters: new Map() }));
  const find = (name: string) => state.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const stats = { syncs: 0, actions: [] as string[] };

  const shown = (v: RawCell): string => (v === null ? '' : String(v)).toLowerCase();

  return {
    stats,
    visibleRows(name) {
      const t = find(name)!;
      return t.rows.map((row, i) => ({ row, i })).filter(({ row }) => [...t.filters].every(([col, values]) => values.has(shown(row[col] ?? null)))).map(({ i }) => i);
    },
    filters(name) {
      const t = find(name)!;
      return Object.fromEntries([...t.filters].map(([c, v]) => [t.header[c]!, [...v]]));
    },
    async run(batch) {
      const queue: (() => void)[] = [];
      const enqueue = (what: string, fn: () => void) => queue.push(() => (stats.actions.push(what), fn()));
      const context = {
        async sync() {
          stats.syncs++;
          for (const action of queue.splice(0)) action();
        },
        workbook: {
          tables: {
            getItemOrNullObject(name: string) {
              let resolved: TableState | null | undefined;
              let loadedName = false;
              let columnsLoaded = false;
              const columnProxy = (header: () => number) => ({
                get name() {
                  if (!columnsLoaded) throw new NotLoaded('column name not loaded');
                  return resolved!.header[header()]!;
                },
                filter: {
                  applyValuesFilter(values: string[]) {
                    enqueue(`applyValuesFilter ${name}[${resolved?.header[header()]}]`, () => {
                      if (!resolved) throw new Error(`InvalidOperation: ${name} is a null object`);
                      resolved.filters.set(header(), new Set(values.map((v) => v.toLowerCase())));
                    });
                  },
                },
              });
              const table = {
                load(props: string) {
                  enqueue(`load ${name} ${props}`, () => {
                    resolved = find(name) ?? null;
                    if (props.includes('name')) loadedName = true;
                  });
                },
                get isNullObject() {
                  if (resolved === undefined) throw new NotLoaded('isNullObject read before sync');
                  return resolved === null;
                },
                get name() {
                  if (!loadedName || !resolved) throw new NotLoaded('name not loaded');
                  return resolved.name;
                },
                columns: {
                  load(props: string) {
                    enqueue(`load ${name}.columns ${props}`, () => {
                      if (!resolved) throw new Error(`InvalidOperation: ${name} is a null object`);
                      columnsLoaded = true;
                    });
                  },
                  get items() {
                    if (!columnsLoaded || !resolved) throw new NotLoaded('columns not loaded');
                    return resolved.header.map((_, i) => columnProxy(() => i));
                  },
                  getItem(key: string) {
                    return columnProxy(() => {
                      const i = resolved!.header.findIndex((h) => h.toLowerCase() === key.toLowerCase());
                      if (i < 0) throw new Error(`ItemNotFound: column ${key}`);
                      return i;
                    });
                  },
                },
                // The stub's tables sit on unprotected sheets (tests/fakes/fakeExcel.ts models protection).
                worksheet: {
                  name: `${name} sheet`,
                  load() {
                    return this;
                  },
                  protection: {
                    protected: false,
                    options: {},
                    load() {
                      return this;
                    },
                  },
                },
                clearFilters() {
                  enqueue(`clearFilters ${name}`, () => {
                    if (!resolved) throw new Error(`InvalidOperation: ${name} is a null object`);
                    resolved.filters.clear();
                  });
                },
              };
              return table;
            },
          },
        },
      };
      const result = await batch(context as unknown as Excel.RequestContext);
      if (queue.length > 0) await context.sync();
      return result;
    },
  };
}
