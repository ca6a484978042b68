import type { WorkbookPlan } from '../src/domain/workbook/plan';
import { address, isFormula, isDate } from '../src/domain/workbook/plan';
import { isoDateToSerial } from '../src/domain/workbook/sheetValues';

/**
 * The reference the benchmark compares against: how a naive add-in writes a plan, one cell at a
 * time with a sync after each (values only, no formatting, so it flatters the naive writer).
 */
export async function naiveApply(run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>, plan: WorkbookPlan): Promise<number> {
  let syncs = 0;
  await run(async (context) => {
    for (const sheet of plan.sheets) {
      const ws = context.workbook.worksheets.add(sheet.name);
      await context.sync();
      syncs++;
      for (const block of sheet.blocks)
        for (let r = 0; r < block.values.length; r++)
          for (let c = 0; c < block.values[r]!.length; c++) {
            const v = block.values[r]![c];
            if (v === null || v === undefined) continue;
            const cell = ws.getRange(address({ row: block.row + r, col: block.col + c }));
            if (isFormula(v)) cell.formulas = [[v.formula]];
            else {
              cell.numberFormat = [['@']];
              cell.values = [[isDate(v) ? isoDateToSerial(v.date) : v]];
            }
            await context.sync();
            syncs++;
          }
    }
  });
  return syncs;
}

/** The naive writer's sync count for a plan, without running it (for plans too big to run cell by cell). */
export function naiveSyncCount(plan: WorkbookPlan): number {
  let n = 0;
  for (const sheet of plan.sheets) {
    n++;
    for (const block of sheet.blocks) for (const row of block.values) for (const v of row) if (v !== null && v !== undefined) n++;
  }
  return n;
}
