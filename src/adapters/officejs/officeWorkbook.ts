/*
 * The office-js workbook adapter: applies a WorkbookPlan to the open workbook and reads sheets back.
 *
 * Batching (STYLE.md, Microsoft's guidance): everything is queued and sent in as few requests as
 * the payload allows. apply = one sync to learn which planned sheets and names already exist
 * (all at once) + one sync that writes everything, whatever the number of sheets or cells. Only
 * when the queued payload would pass `maxRequestBytes` (default 4.5 MB, under Excel on the web's
 * 5 MB request limit) is the request sent early; a value block bigger than a whole request is
 * split by rows (and a row too wide by columns). sheetNames = 1 sync. readSheets = 2 syncs (which
 * sheets exist, their used-range shapes; 1 when reading only each sheet's top-left corner) + as
 * many as the values and formulas need to keep each response under `maxResponseBytes` (Excel on
 * the web refuses responses over 5 MB).
 *
 * Payload is estimated as the UTF-8 size of each action's JSON argument plus a fixed allowance for
 * the action and its object path (ACTION_OVERHEAD_BYTES); the real request is JSON of the same
 * arguments, so the estimate tracks it closely and errs high.
 *
 * User text is always text: a string Excel would not store verbatim (formula-like "=x", "+x",
 * "-x", "@x", anything with a digit that could parse as a number/date/time, TRUE/FALSE, "#N/A",
 * a leading apostrophe) gets number format "@" in the same request, before its value is written.
 * PlanFormula cells are the only formulas.
 */
import { address, quoteSheet, type SheetPlan, type SheetRebuild, type WorkbookPlan } from '../../domain/workbook/plan';
import { assertValidPlan, describePlanProblems, InvalidPlanError } from '../../domain/workbook/limits';
import { describeClashes, planClashes, type ExistingNames } from '../../domain/workbook/preflight';
import type { RawCell } from '../../domain/workbook/sheetValues';
import { planOwnedTables, sortSheetTables } from '../../domain/workbook/userTables';
import { parseSheetReference, type CellRange } from '../../domain/workbook/a1';
import type { ReadOptions, WorkbookAdapter } from '../workbookAdapter';
import { ACTION_OVERHEAD_BYTES, jsonBytes } from './payload';
import { preparePlan } from './preparePlan';
import { colRef, queueSheetContent } from './queueSheet';
import { readExistingNames, readInPieces, toRaw, type ReadPiece, type UsedShape } from './readPieces';
import { RequestQueue, type OfficeApplyStats } from './requestQueue';

/** Excel.run, injected so tests can pass a fake. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Largest request payload to send in one sync. Default 4.5 MB. */
  maxRequestBytes?: number;
  /** Largest estimated response to ask for in one sync when reading. Default 4 MB. */
  maxResponseBytes?: number;
}


export interface OfficeWorkbookAdapter extends WorkbookAdapter {
  apply(plan: WorkbookPlan): Promise<OfficeApplyStats>;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_500_000;
/** Reads aim under Excel on the web's 5 MB response limit with room for the estimate to be low. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4_000_000;
/**
 * The newest API set this adapter calls (Table.resize 1.13, for a table on a sheet rebuilt in place;
 * pageLayout, autoFilter 1.9; dataValidation 1.8; chart series setValues/setXAxisValues 1.7). Excel
 * on the web, Office 2021 and later, Microsoft 365 on Windows from version 2102 and on Mac from 16.50
 * have it (https://learn.microsoft.com/en-us/javascript/api/requirement-sets/excel/excel-api-requirement-sets);
 * Microsoft 365 builds from 1909 to 2101 had CustomFunctionsRuntime 1.2 but not this, and no longer
 * load the add-in (those builds are out of Microsoft's support).
 * manifest.xml requires it (with SharedRuntime 1.1, which every Excel that has it also offers), so
 * Excel only loads the add-in where it is available.
 */
export const REQUIRED_EXCEL_API = '1.13';

/**
 * A plan office-js cannot apply as written (beyond Excel's limits, limits.ts, or clashing with the
 * workbook's names, preflight.ts); thrown before anything in the workbook changes.
 */
export class OfficePlanError extends InvalidPlanError {
  override name = 'OfficePlanError';
}

// The adapter's parts, importable from here as before the split.
export { ACTION_OVERHEAD_BYTES, utf8Length } from './payload';
export { columnWidthPoints, needsTextFormat, splitMatrixWrite, type MatrixWrite } from './preparePlan';
export type { OfficeApplyStats } from './requestQueue';
export { fitToWidthScale } from './queueSheet';
export { INITIAL_CELL_BYTES, planReads, type ReadPiece, type UsedShape } from './readPieces';

/**
 * Make an existing sheet ready for its plan: protection off (the plan protects it again last),
 * the generated merges, validations, conditional formats and filter cleared, then the rows and
 * columns inserted and deleted. All queued: no extra round trip.
 */
async function queueInPlace(q: RequestQueue, ws: Excel.Worksheet, rebuild: SheetRebuild): Promise<void> {
  await q.add(6 * ACTION_OVERHEAD_BYTES, () => {
    ws.protection.unprotect();
    const all = ws.getRange();
    all.unmerge();
    all.dataValidation.clear();
    all.conditionalFormats.clearAll();
    ws.autoFilter.remove();
    ws.freezePanes.unfreeze();
  });
  for (const e of rebuild.edits) {
    const a = e.axis === 'rows' ? `${e.at + 1}:${e.at + e.count}` : colRef(e.at, e.at + e.count - 1);
    const shift = e.op === 'insert' ? (e.axis === 'rows' ? 'Down' : 'Right') : e.axis === 'rows' ? 'Up' : 'Left';
    await q.small([a, e.op, shift], () => {
      const range = ws.getRange(a);
      if (e.op === 'insert') range.insert(shift as Excel.InsertShiftDirection);
      else range.delete(shift as Excel.DeleteShiftDirection);
    });
  }
}



/** The tables of a sheet rebuilt in place that the plan keeps (the rule both adapters share, userTables.ts). */
function keptTablesOf(plan: SheetPlan, existing: ExistingNames): Map<string, string> {
  return planOwnedTables(plan, existing.tables.filter((t) => t.sheet.toLowerCase() === plan.name.toLowerCase()).map((t) => t.name));
}

/** A table's address as a full range (Excel always gives both corners). */
function toRange(r: CellRange | undefined): Required<CellRange> {
  if (!r) throw new Error('Excel gave a table no address');
  return { row: r.row, col: r.col, endRow: r.endRow ?? r.row, endCol: r.endCol ?? r.col };
}

function tempName(taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = `vq-replaced-${i}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}


// ---------------------------------------------------------------------------------------------

export function officeWorkbookAdapter(run: ExcelRun, options: OfficeWorkbookOptions = {}): OfficeWorkbookAdapter {
  const limit = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const responseBudget = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return {
    async sheetNames() {
      return run(async (context) => {
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        return sheets.items.map((s) => s.name);
      });
    },

    async workbookNames() {
      return run(async (context) => (await readExistingNames(context)).existing);
    },

    async readSheets(names, options: ReadOptions = {}) {
      if (names.length === 0) return [];
      return run(async (context) => {
        // Sync 1: which sheets exist (a used range cannot be chained off a sheet that may not).
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        const byName = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s]));
        const wanted: Excel.Worksheet[] = [];
        for (const n of names) {
          const s = byName.get(n.toLowerCase());
          if (s && !wanted.includes(s)) wanted.push(s);
        }
        if (wanted.length === 0) return [];
        const cut = options.within;
        let shapes: (UsedShape | null)[];
        if (cut) {
          // The top-left corner of each sheet, used or not (blank cells read as ''): no need to ask where the used cells are.
          shapes = wanted.map(() => ({ row: 0, col: 0, rows: cut.rows, cols: cut.cols }));
        } else {
          // Sync 2: where each sheet's used cells are (addresses only: a few bytes a sheet).
          const used = wanted.map((s) => s.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'));
          await context.sync();
          shapes = used.map((r) => (r.isNullObject ? null : { row: r.rowIndex, col: r.columnIndex, rows: r.rowCount, cols: r.columnCount }));
        }
        // Then values and formulas, in requests whose responses stay under the budget.
        const out = wanted.map((sheet) => ({ name: sheet.name, values: [] as RawCell[][], formulas: [] as (string | null)[][] }));
        const store = (piece: ReadPiece, values: unknown[][], formulas: unknown[][]): void => {
          const sheet = out[piece.sheet] as (typeof out)[number];
          values.forEach((r, i) => {
            const fr = formulas[i] ?? [];
            const vRow = (sheet.values[piece.row + i] ??= []);
            const fRow = (sheet.formulas[piece.row + i] ??= []);
            r.forEach((cell, j) => {
              const v = toRaw(cell);
              const f = fr[j];
              vRow[piece.col + j] = v;
              // `formulas` echoes a constant's value; a real formula differs from its result.
              fRow[piece.col + j] = typeof f === 'string' && f.startsWith('=') && f !== v ? f : null;
            });
          });
        };
        await readInPieces(context, shapes, responseBudget, store, (i) => wanted[i] as Excel.Worksheet);
        // Rows and columns above and left of the used range read as blanks, as before.
        for (const [i, sheet] of out.entries()) {
          const shape = shapes[i];
          if (!shape) continue;
          for (let r = 0; r < shape.row + shape.rows; r++) {
            const vRow = (sheet.values[r] ??= []);
            const fRow = (sheet.formulas[r] ??= []);
            if (r < shape.row) continue;
            for (let c = 0; c < shape.col; c++) {
              vRow[c] = '';
              fRow[c] = null;
            }
          }
        }
        return out;
      });
    },

    async apply(plan) {
      assertValidPlan(plan, (message, problems) => new OfficePlanError(message, problems));
      const prepared = preparePlan(plan);
      return run(async (context) => {
        const q = new RequestQueue(context, limit);
        const wb = context.workbook;

        // Pre-flight (#10.2): Excel keeps what a failed batch did, so a plan whose tables or names
        // clash with ones it does not replace is refused here, before the first write.
        const preflight = await readExistingNames(context);
        q.stats.syncs += preflight.syncs;
        const clash = describeClashes(planClashes(plan, preflight.existing));
        if (clash) throw new OfficePlanError(clash);

        // Request 1: what exists already, for all planned sheets and names at once.
        const all = wb.worksheets;
        await q.small('items/name', () => all.load('items/name'));
        const existing: Excel.Worksheet[] = [];
        for (const s of prepared) {
          await q.small(s.plan.name, () => {
            existing.push(wb.worksheets.getItemOrNullObject(s.plan.name).load('name,position'));
          });
        }
        const existingNames: Excel.NamedItem[] = [];
        for (const n of plan.names) await q.small(n.name, () => existingNames.push(wb.names.getItemOrNullObject(n.name)));
        // A sheet rebuilt in place keeps its charts: the plan's are drawn again, so the old ones of
        // those names go first (chart names are unique on a sheet).
        const oldCharts = new Map<number, Excel.Chart[]>();
        for (const [i, s] of prepared.entries()) {
          if (!s.plan.rebuild || !s.plan.charts?.length) continue;
          for (const c of s.plan.charts) {
            await q.small([s.plan.name, c.name], () => {
              const ws = wb.worksheets.getItem(s.plan.name);
              oldCharts.set(i, [...(oldCharts.get(i) ?? []), ws.charts.getItemOrNullObject(c.name)]);
            });
          }
        }
        // A user's own tables on a sheet rebuilt in place are kept and move with their cells: where
        // each is, so a plan that would write over one is refused before anything is written.
        const userTables: { sheet: SheetPlan; tables: { name: string; table: Excel.Table; range: Excel.Range }[] }[] = [];
        for (const s of prepared) {
          if (!s.plan.rebuild) continue;
          const onSheet = preflight.existing.tables.filter((t) => t.sheet.toLowerCase() === s.plan.name.toLowerCase());
          const entry = { sheet: s.plan, tables: [] as { name: string; table: Excel.Table; range: Excel.Range }[] };
          for (const t of onSheet) {
            await q.small(t.name, () => {
              const table = wb.tables.getItem(t.name).load('showHeaders');
              entry.tables.push({ name: t.name, table, range: table.getRange().load('address') });
            });
          }
          if (entry.tables.length > 0) userTables.push(entry);
        }
        await q.sync();
        const tableProblems = userTables.flatMap(({ sheet, tables }) =>
          sortSheetTables(
            plan,
            sheet,
            tables.map((t) => ({ name: t.name, range: toRange(parseSheetReference(t.range.address)?.range), headerRow: t.table.showHeaders })),
          ).problems,
        );
        const refused = describePlanProblems(tableProblems);
        if (refused) throw new OfficePlanError(refused, tableProblems);

        // Request 2 (and more only if the payload demands): everything else.
        q.prologue = { bytes: ACTION_OVERHEAD_BYTES, queue: () => context.application.suspendApiCalculationUntilNextSync() };
        const taken = new Set([...all.items.map((s) => s.name.toLowerCase()), ...prepared.map((s) => s.plan.name.toLowerCase())]);
        const sheets: Excel.Worksheet[] = [];
        // Replace sheets first: the old sheet is renamed aside, the new one takes its name and tab
        // position, then the old one goes (the workbook never drops to zero sheets, and its table
        // names are free before new tables are added).
        for (const [i, s] of prepared.entries()) {
          const old = existing[i] as Excel.Worksheet;
          if (old.isNullObject) {
            await q.small(s.plan.name, () => sheets.push(wb.worksheets.add(s.plan.name)));
          } else if (s.plan.rebuild) {
            // In place: the sheet stays, so every reference to it (the cohort summary, names, the
            // user's formulas) keeps pointing at the same cells, and the user's cells keep their
            // formulas, notes, links and fills. Rows and columns move as the plan says (Excel moves
            // formulas and names with them); the generated parts are cleared and written again.
            await queueInPlace(q, old, s.plan.rebuild);
            for (const chart of oldCharts.get(i) ?? []) if (!chart.isNullObject) await q.small(null, () => chart.delete());
            sheets.push(old);
          } else {
            const aside = tempName(taken);
            const position = old.position;
            await q.add(4 * ACTION_OVERHEAD_BYTES + jsonBytes([aside, s.plan.name, position]), () => {
              old.name = aside;
              const ws = wb.worksheets.add(s.plan.name);
              ws.position = position;
              old.delete();
              sheets.push(ws);
            });
          }
        }
        // A sheet planned first goes before every other tab (new or replacing one).
        for (const [i, s] of prepared.entries()) {
          if (s.plan.position === 'first') await q.small(null, () => ((sheets[i] as Excel.Worksheet).position = 0));
        }
        for (const n of existingNames) {
          if (!n.isNullObject) await q.small(null, () => n.delete());
        }

        for (const [i, s] of prepared.entries()) {
          const old = existing[i] as Excel.Worksheet;
          await queueSheetContent(q, sheets[i] as Excel.Worksheet, s, !old.isNullObject && s.plan.rebuild ? keptTablesOf(s.plan, preflight.existing) : undefined);
        }

        for (const n of plan.names) {
          const ref = `=${quoteSheet(n.sheet)}!${address(n.range, true)}`;
          await q.small([n.name, ref, n.comment ?? null], () => {
            if (n.comment) wb.names.add(n.name, ref, n.comment);
            else wb.names.add(n.name, ref);
          });
        }

        // Protection last: everything above edits the sheet.
        for (const [i, s] of prepared.entries()) {
          const p = s.plan.protection;
          if (!p) continue;
          const ws = sheets[i] as Excel.Worksheet;
          const opts: Excel.WorksheetProtectionOptions = {
            allowFormatColumns: p.allowFormatColumns,
            allowSort: p.allowSort,
            allowAutoFilter: p.allowAutoFilter,
            allowInsertRows: p.allowInsertRows,
          };
          await q.small(opts, () => ws.protection.protect(opts));
        }
        await q.sync();
        return q.stats;
      });
    },
  };
}
