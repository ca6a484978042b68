/*
 * Native charts from the workbook plan: the office-js adapter creates them in the same syncs
 * as everything else (checked against the recording fake's minimal charts), and rejects a chart
 * plan Excel could not draw before anything changes.
 */
import { OfficePlanError, officeWorkbookAdapter } from '../../../src/adapters/officejs/officeWorkbook';
import { buildCohortSummary, COHORT_CHARTS, readCohort } from '../../../src/domain/cohort/cohortSummary';
import { emptySheet, type ChartPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { createFakeExcel, FakeOfficeError } from '../../fakes/fakeExcel';
import { catalog, cohortWorkbook } from '../../domain/sampling/cohortFixtures';

const plan = (charts: ChartPlan[]): WorkbookPlan => {
  const sheet = emptySheet('Charts', 'cohort');
  sheet.blocks.push({
    row: 0,
    col: 0,
    values: [
      ['Unit', 'Completion', 'Coverage'],
      ['101', 0.5, 0.75],
      ['203', 1, 1],
    ],
  });
  sheet.charts = charts;
  return { sheets: [sheet], names: [], dateFormat: 'dd/mm/yyyy' };
};

const twoSeries: ChartPlan = {
  name: 'ByUnit',
  type: 'barClustered',
  title: 'Completion by unit',
  categories: { row: 1, col: 0, endRow: 2 },
  series: [
    { name: 'Completion', values: { row: 1, col: 1, endRow: 2 } },
    { name: 'Coverage', values: { row: 1, col: 2, endRow: 2 } },
  ],
  position: { row: 0, col: 4, endRow: 15, endCol: 11 },
};

describe('charts through the office-js adapter', () => {
  it('creates each chart with its type, name, title, series, categories and position, in the same 4 syncs (2 of them the pre-flight)', async () => {
    const excel = createFakeExcel();
    const stats = await officeWorkbookAdapter(excel.run).apply(plan([twoSeries, { ...twoSeries, name: 'One', type: 'columnClustered', title: 'One series', series: [twoSeries.series[0]!] }]));
    expect(stats.syncs).toBe(4);
    expect(excel.stats.syncs).toBe(4);
    const charts = excel.sheet('Charts').charts;
    expect(charts.map((c) => [c.name, c.type, c.title, c.legendVisible])).toEqual([
      ['ByUnit', 'BarClustered', 'Completion by unit', true],
      ['One', 'ColumnClustered', 'One series', false],
    ]);
    expect(charts[0]!.series).toEqual([
      { name: 'Completion', values: { row: 1, col: 1, endRow: 2, endCol: 1 }, xValues: { row: 1, col: 0, endRow: 2, endCol: 0 } },
      { name: 'Coverage', values: { row: 1, col: 2, endRow: 2, endCol: 2 }, xValues: { row: 1, col: 0, endRow: 2, endCol: 0 } },
    ]);
    expect(charts[1]!.series).toHaveLength(1);
    expect(charts[0]!.position).toEqual({ row: 0, col: 4, endRow: 15, endCol: 11 });
  });

  it('replaces a sheet with its charts when the plan is applied again', async () => {
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    await adapter.apply(plan([twoSeries]));
    await adapter.apply(plan([twoSeries]));
    expect(excel.sheet('Charts').charts.map((c) => c.name)).toEqual(['ByUnit']);
  });

  it('rejects a chart Excel could not draw before touching the workbook', async () => {
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    await expect(adapter.apply(plan([{ ...twoSeries, series: [] }]))).rejects.toThrow(OfficePlanError);
    await expect(adapter.apply(plan([twoSeries, twoSeries]))).rejects.toThrow(/two charts named "ByUnit"/);
    await expect(adapter.apply(plan([{ ...twoSeries, categories: { row: 1, col: 0, endRow: 5 } }]))).rejects.toThrow(/differ in length/);
    await expect(adapter.apply(plan([{ ...twoSeries, categories: { row: 1, col: 0, endRow: 2, endCol: 1 } }]))).rejects.toThrow(/not one row or one column/);
    expect(excel.stats.syncs).toBe(0);
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('the fake validates what Excel would refuse', async () => {
    const excel = createFakeExcel();
    const fail = async (batch: (ws: Excel.Worksheet) => void) => {
      try {
        await excel.run(async (ctx) => {
          batch(ctx.workbook.worksheets.getItem('Sheet1'));
          await ctx.sync();
        });
      } catch (e) {
        return e instanceof FakeOfficeError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(await fail((ws) => ws.charts.add('ColumnClustered', ws.getRange('A1:Z'), 'Columns'))).toBe('InvalidArgument');
    expect(await fail((ws) => ws.charts.add('Sunburst3D' as Excel.ChartType, ws.getRange('A1:B3')))).toBe('InvalidArgument');
    expect(await fail((ws) => ws.charts.add('ColumnClustered', ws.getRange('A1:B3'), 'Diagonal' as Excel.ChartSeriesBy))).toBe('InvalidArgument');
    expect(await fail((ws) => ws.charts.add('ColumnClustered', ws.getRange('A1:B3')).series.getItemAt(0).setValues(ws.getRange('A1:B3')))).toBe('InvalidArgument');
    expect(
      await fail((ws) => {
        ws.charts.add('ColumnClustered', ws.getRange('A1:A3')).name = 'Same';
        ws.charts.add('ColumnClustered', ws.getRange('A1:A3')).name = 'Same';
      }),
    ).toBe('ItemAlreadyExists');
    expect(await fail((ws) => ws.charts.add('ColumnClustered', ws.getRange('A1:B3')).setPosition('D10', 'B2'))).toBe('InvalidArgument');
    // Every column of the source is a series until told otherwise.
    expect(await fail((ws) => void ws.charts.add('ColumnClustered', ws.getRange('A1:C3'), 'Columns'))).toBe('no error');
    expect(excel.sheet('Sheet1').charts.at(-1)!.series.map((s) => s.values.col)).toEqual([0, 1, 2]);
  });

  it("puts the cohort summary's two completion charts on the sheet over the completion tables", async () => {
    const D = (iso: string) => Math.round((Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000);
    const built = cohortWorkbook([
      { name: 'Amy Ng', assessor: 'P. Jones', units: ['203'], evidence: { '203': [{ ref: 'E1', date: D('2025-02-01'), method: 'Observation', location: 'Head office' }] } },
      { name: 'Ben Cole', assessor: 'K. Lee', units: ['219'] },
    ]);
    const summary = buildCohortSummary(readCohort(built.sheets, catalog), { mode: 'live' });
    const excel = createFakeExcel();
    const stats = await officeWorkbookAdapter(excel.run).apply({ sheets: [...built.plans, summary.sheet], names: [], dateFormat: 'dd/mm/yyyy' });
    expect(stats.syncs).toBe(4);
    const charts = excel.sheet(summary.sheet.name).charts;
    expect(charts.map((c) => c.name)).toEqual([COHORT_CHARTS.byUnit, COHORT_CHARTS.byAssessor]);
    const u = summary.unitsTable;
    const a = summary.assessorsTable;
    expect(charts[0]!.series.map((s) => [s.name, s.values, s.xValues])).toEqual([
      ['Completion', { row: u.firstRow, col: 6, endRow: u.lastRow, endCol: 6 }, { row: u.firstRow, col: 0, endRow: u.lastRow, endCol: 0 }],
      ['Average coverage', { row: u.firstRow, col: 7, endRow: u.lastRow, endCol: 7 }, { row: u.firstRow, col: 0, endRow: u.lastRow, endCol: 0 }],
    ]);
    expect(charts[1]!.series.map((s) => [s.name, s.values, s.xValues])).toEqual([['Completion', { row: a.firstRow, col: 4, endRow: a.lastRow, endCol: 4 }, { row: a.firstRow, col: 0, endRow: a.lastRow, endCol: 0 }]]);
    // The categories hold the unit codes and the assessors.
    const cats = (r: { row: number; endRow: number }) => excel.values(summary.sheet.name, `A${r.row + 1}:A${r.endRow + 1}`).map((x) => x[0]);
    expect(cats(charts[0]!.series[0]!.xValues!)).toEqual(summary.unitColumns.map((c) => c.unit));
    expect(cats(charts[1]!.series[0]!.xValues!)).toEqual(['K. Lee', 'P. Jones']);
  });

  it('the .xlsx adapter (exceljs cannot write charts) skips them, says which, and writes the data all the same', async () => {
    const book = XlsxWorkbook.create();
    const stats = await book.apply(plan([twoSeries]));
    expect(stats.skippedCharts).toEqual([{ sheet: 'Charts', chart: 'ByUnit', reason: expect.stringMatching(/cannot create charts; "Completion by unit" was not drawn/) }]);
    expect((await book.readSheets(['Charts']))[0]!.values[2]).toEqual(['203', 1, 1]);
  });
});
