import { officeWorkbookAdapter } from '../../src/adapters/officejs/officeWorkbook';
import { COHORT_ROWS } from '../../src/domain/cohort/cohortSummary';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { buildGrids } from '../../src/taskpane/logic/buildGrids';
import { buildLiveSummary } from '../../src/taskpane/logic/cohortTools';
import { createFakeExcel, splitSheetRef, type FakeExcel } from '../fakes/fakeExcel';

/*
 * Building the live cohort summary again updates the sheet in place (office-js): a candidate who
 * joins gets a row inserted (the tables under it move down), the tables are fitted and the charts drawn again, so a formula of the
 * user's pointing at a candidate's row still reads that candidate (deleting and re-creating the
 * sheet turned it into #REF!).
 */

const SUMMARY = 'Cohort summary';

/** What a formula of the form ='Sheet'!A1 reads now (the fake does not recalculate). */
function reads(excel: FakeExcel, sheet: string, a1: string): unknown {
  const formula = excel.cell(sheet, a1).formula ?? '';
  if (formula.includes('#REF!')) return '#REF!';
  const { sheet: target, ref } = splitSheetRef(formula.slice(1));
  return excel.values(target!, ref)[0]?.[0];
}

describe('the live cohort summary built again', () => {
  it('is updated in place: a formula pointing at a candidate row still reads that candidate, tables and charts are not doubled', async () => {
    const found = bundledCatalog().findQualification('4430-02');
    if (!found.ok) throw new Error(found.problem.message);
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    const request = (name: string) => ({ qualification: found.value, candidates: [{ name, assessor: 'P. Jones' }], units: ['203'], layout: 'evidenceRows' as const });
    expect((await buildGrids(adapter, request('Jane Smith'))).failed).toBeUndefined();
    expect((await buildLiveSummary(adapter, bundledCatalog(), '2025-03-01')).built).toBe(true);
    const jane = COHORT_ROWS.first + 1;
    const unitRow = jane + 4;
    expect(excel.cell(SUMMARY, `A${unitRow}`).value).toBe('4430-101');
    expect(excel.cell(SUMMARY, `A${jane}`).value).toBe('Jane Smith');
    await excel.run(async (ctx) => {
      // The candidate's name and assessor, and the first unit's row of the "Completion by unit" table under the candidates.
      ctx.workbook.worksheets.add('Mine').getRange('A1:A3').formulas = [[`='${SUMMARY}'!A${jane}`], [`='${SUMMARY}'!B${jane}`], [`='${SUMMARY}'!A${unitRow}`]];
      await ctx.sync();
    });
    const tables = excel.workbook.tables.filter((t) => t.sheetId === excel.sheet(SUMMARY).id).map((t) => t.name);
    expect(tables).toHaveLength(3);

    // Amy Ng joins the cohort (after Jane, in the cohort's order): the pane builds the summary again.
    excel.resetStats();
    const refresh = async () => {
      const s = await buildLiveSummary(adapter, bundledCatalog(), '2025-03-02');
      return { candidates: s.candidates, units: s.units };
    };
    const amy = await buildGrids(adapter, request('Amy Ng'), { refreshSummary: refresh });
    expect(amy.summaryRefreshed).toEqual({ candidates: 2, units: expect.any(Number) });

    const names = excel.values(SUMMARY, `A${COHORT_ROWS.first + 1}:A${COHORT_ROWS.first + 2}`).map((r) => r[0]);
    expect(names).toEqual(['Jane Smith', 'Amy Ng']);
    // Amy's row was inserted: the tables below moved down, and the formula with them.
    expect(excel.cell('Mine', 'A3').formula).toBe(`='${SUMMARY}'!A${unitRow + 1}`);
    expect(reads(excel, 'Mine', 'A3')).toBe('4430-101');
    expect(reads(excel, 'Mine', 'A1')).toBe('Jane Smith');
    expect(reads(excel, 'Mine', 'A2')).toBe('P. Jones');
    const now = excel.workbook.tables.filter((t) => t.sheetId === excel.sheet(SUMMARY).id);
    expect(now.map((t) => t.name)).toEqual(tables);
    expect(now.find((t) => t.name === tables[0])!.rect).toMatchObject({ row: COHORT_ROWS.header, endRow: COHORT_ROWS.first + 1 });
    expect(excel.sheet(SUMMARY).charts.map((c) => c.name).sort()).toEqual(['CompletionByAssessor', 'CompletionByUnit']);
    expect(excel.workbook.sheets[0]!.name).toBe(SUMMARY);
  });
});
