import { officeWorkbookAdapter } from '../../src/adapters/officejs/officeWorkbook';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { buildGrids } from '../../src/taskpane/logic/buildGrids';
import { buildLiveSummary } from '../../src/taskpane/logic/cohortTools';
import { createFakeExcel } from '../fakes/fakeExcel';

/*
 * A live cohort summary has a column per unit it was built for: a build that adds grids says it must
 * be built again (the pane shows it), and a rebuild that adds none does not.
 */
describe('building beside a live cohort summary', () => {
  const found = bundledCatalog().findQualification('4430-02');
  if (!found.ok) throw new Error(found.problem.message);
  const qualification = found.value;

  it('says the summary must be built again when grids were added, and not otherwise', async () => {
    const excel = createFakeExcel({ sheets: ['Sheet1', 'Cohort summary'] });
    const adapter = officeWorkbookAdapter(excel.run);
    const request = (units: string[]) => ({ qualification, candidates: [{ name: 'Jane Smith', assessor: '' }], units, layout: 'evidenceRows' as const });
    const first = await buildGrids(adapter, request(['203']));
    expect(first.failed).toBeUndefined();
    expect(first.summaryNeedsRebuild).toBe(true);
    const same = await buildGrids(adapter, request(['203']));
    expect(same.failed).toBeUndefined();
    expect(same.summaryNeedsRebuild).toBe(false);
    const more = await buildGrids(adapter, request(['203', '212']));
    expect(more.summaryNeedsRebuild).toBe(true);
  });

  it('builds the summary again when given the means, as the command line does, in a bounded number of round trips', async () => {
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    const request = (units: string[]) => ({ qualification, candidates: [{ name: 'Jane Smith', assessor: '' }], units, layout: 'evidenceRows' as const });
    expect((await buildGrids(adapter, request(['203']))).failed).toBeUndefined();
    expect((await buildLiveSummary(adapter, bundledCatalog(), '2025-03-01')).built).toBe(true);
    const columns = () => excel.values('Cohort summary', 'A1:AZ40').flat().filter((v) => typeof v === 'string' && /^4430-2\d\d$/.test(v));
    expect(columns()).not.toContain('4430-212');

    // The same build without the hook, on a copy: the notice only.
    const copy = excel.clone();
    copy.resetStats();
    const plain = await buildGrids(officeWorkbookAdapter(copy.run), request(['203', '212']));
    expect(plain.summaryNeedsRebuild).toBe(true);
    const plainSyncs = copy.stats.syncs;

    excel.resetStats();
    const refresh = async () => {
      const s = await buildLiveSummary(adapter, bundledCatalog(), '2025-03-01');
      return { candidates: s.candidates, units: s.units };
    };
    const more = await buildGrids(adapter, request(['203', '212']), { refreshSummary: refresh });
    expect(more.failed).toBeUndefined();
    expect(more.summaryNeedsRebuild).toBe(false);
    expect(more.summaryRefreshed).toMatchObject({ candidates: 1 });
    expect(columns()).toContain('4430-212');
    // The refresh is a second apply of its own: reading the workbook (sheet names, used ranges, one
    // response here) and the summary's apply (2 pre-flight + 2 writes), whatever the build did.
    const extra = excel.stats.syncs - plainSyncs;
    if (process.env.VQ_REPORT_SYNCS) console.log(`build ${plainSyncs} syncs; with the summary refreshed ${excel.stats.syncs}`);
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(8);

    // A rebuild adding no grid leaves the summary alone.
    excel.resetStats();
    const same = await buildGrids(adapter, request(['203', '212']), { refreshSummary: refresh });
    expect(same.summaryRefreshed).toBeUndefined();
  });

  it('says nothing where the workbook has no cohort summary', async () => {
    const excel = createFakeExcel();
    const built = await buildGrids(officeWorkbookAdapter(excel.run), { qualification, candidates: [{ name: 'Jane Smith', assessor: '' }], units: ['203'], layout: 'evidenceRows' });
    expect(built.summaryNeedsRebuild).toBe(false);
  });
});
