import { officeWorkbookAdapter } from '../../src/adapters/officejs/officeWorkbook';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { buildGrids } from '../../src/taskpane/logic/buildGrids';
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

  it('says nothing where the workbook has no cohort summary', async () => {
    const excel = createFakeExcel();
    const built = await buildGrids(officeWorkbookAdapter(excel.run), { qualification, candidates: [{ name: 'Jane Smith', assessor: '' }], units: ['203'], layout: 'evidenceRows' });
    expect(built.summaryNeedsRebuild).toBe(false);
  });
});
