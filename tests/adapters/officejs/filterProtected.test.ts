/*
 * #10.3: Excel refuses filtering and sorting inside a table on a protected sheet, whatever
 * allowAutoFilter/allowSort say (OfficeDev/office-js#2135). The tracker and evidence index are
 * protected, so "Show only sampled" lifts their protection around its own filter and puts it back.
 */
import { clearTableFilters, filterSampled, TableFilterError } from '../../../src/adapters/officejs/filterSampled';
import { officeWorkbookAdapter } from '../../../src/adapters/officejs/officeWorkbook';
import { emptySheet, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { createFakeExcel, type FakeExcel } from '../../fakes/fakeExcel';

const PROTECTION = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: false };

function trackerSheet(name: string, table: string): SheetPlan {
  const s = emptySheet(name, 'tracker');
  s.blocks.push({ row: 0, col: 0, values: [['Unit', 'Sampled'], ['201', 'Yes'], ['202', 'No'], ['203', 'Yes']] });
  s.tables.push({ name: table, range: { row: 0, col: 0, endRow: 3, endCol: 1 } });
  s.styles.push({ range: { row: 1, col: 1, endRow: 3, endCol: 1 }, style: { locked: false } });
  s.protection = PROTECTION;
  return s;
}

async function workbook(): Promise<FakeExcel> {
  const fake = createFakeExcel();
  const plan: WorkbookPlan = { sheets: [trackerSheet('Jane Tracker', 'Progress_Jane'), trackerSheet('Omar Tracker', 'Progress_Omar')], names: [], dateFormat: 'dd/mm/yyyy' };
  await officeWorkbookAdapter(fake.run).apply(plan);
  return fake;
}

const sampled = (table: string) => ({ sheet: '', table, column: 'Sampled', values: ['Yes'] });

describe('the fake refuses table filters and sorts on a protected sheet (office-js#2135)', () => {
  it('even with allowAutoFilter and allowSort; unprotected, they work', async () => {
    const fake = await workbook();
    const attempt = (f: (t: Excel.Table) => void) =>
      fake.run(async (ctx) => {
        f(ctx.workbook.tables.getItem('Progress_Jane'));
        await ctx.sync();
      });
    await expect(attempt((t) => t.columns.getItem('Sampled').filter.applyValuesFilter(['Yes']))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(attempt((t) => t.sort.apply([{ key: 0, ascending: false }]))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(attempt((t) => t.clearFilters())).rejects.toMatchObject({ code: 'AccessDenied' });
    // Writes to locked cells are refused too; unlocked ones are not.
    await expect(fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Jane Tracker').getRange('A2').values = [['999']];
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'AccessDenied' });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Jane Tracker').getRange('B2').values = [['No']];
      await ctx.sync();
    });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Jane Tracker').protection.unprotect();
      await ctx.sync();
    });
    await attempt((t) => t.sort.apply([{ key: 0, ascending: false }]));
    expect(fake.workbook.tables.find((t) => t.name === 'Progress_Jane')?.sort).toEqual([{ key: 0, ascending: false }]);
  });
});

describe('"Show only sampled" on protected trackers', () => {
  it('filters, and leaves each sheet protected with the options it had', async () => {
    const fake = await workbook();
    fake.resetStats();
    const outcome = await filterSampled(fake.run, [sampled('Progress_Jane'), sampled('progress_omar')]);
    expect(outcome.applied).toHaveLength(2);
    expect(outcome.syncs).toBe(3);
    expect(fake.stats.syncs).toBe(3);
    for (const t of fake.workbook.tables) expect(t.filters).toEqual({ 1: ['Yes'] });
    for (const name of ['Jane Tracker', 'Omar Tracker']) expect(fake.sheet(name).protection).toEqual({ protected: true, options: PROTECTION });

    const cleared = await clearTableFilters(fake.run, ['Progress_Jane', 'Missing']);
    expect(cleared).toEqual(['Progress_Jane']);
    expect(fake.workbook.tables.find((t) => t.name === 'Progress_Jane')?.filters).toEqual({});
    expect(fake.sheet('Jane Tracker').protection).toEqual({ protected: true, options: PROTECTION });
  });

  it('a sheet the user protected with a password: nothing filtered, every sheet protected again, and the message says what to do', async () => {
    const fake = await workbook();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Omar Tracker');
      ws.protection.unprotect();
      ws.protection.protect({ allowSort: true }, 'secret');
      await ctx.sync();
    });
    const error = await filterSampled(fake.run, [sampled('Progress_Jane'), sampled('Progress_Omar')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableFilterError);
    expect((error as Error).message).toMatch(/Excel would not filter the sampled rows/);
    expect((error as Error).message).toMatch(/password, unprotect it \(Review > Unprotect Sheet\)/);
    expect(fake.sheet('Jane Tracker').protection).toEqual({ protected: true, options: PROTECTION });
    expect(fake.sheet('Omar Tracker').protection).toMatchObject({ protected: true, password: 'secret' });
    for (const t of fake.workbook.tables) expect(t.filters ?? {}).toEqual({});
  });
});
