import { officeWorkbookAdapter } from '../../../src/adapters/officejs/officeWorkbook';
import { checkWorkbook } from '../../../src/domain/coverage/workbookCheck';
import { buildCandidateWorkbook, workbookPlan } from '../../../src/domain/grid/candidateWorkbook';
import { GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { createFakeExcel } from '../../fakes/fakeExcel';

const catalog = bundledCatalog();
const cg = (() => {
  const q = catalog.findQualification('4430-02');
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
})();
/** 2 mandatory + 6 optional units: 8 grids, a tracker and an evidence index. */
const PATHWAY = ['203', '204', '212', '213', '219', '221'];

async function buildPathway(excel: ReturnType<typeof createFakeExcel>) {
  const adapter = officeWorkbookAdapter(excel.run);
  const names = await adapter.sheetNames();
  const existing = await adapter.readSheets(names);
  const built = buildCandidateWorkbook({ qualification: cg, candidate: 'Jane Smith', assessor: 'A. Assessor', units: PATHWAY }, existing, new Set(names));
  if (!built.ok) throw new Error(built.problem.message);
  excel.resetStats();
  const stats = await adapter.apply(workbookPlan(built.value.sheets, built.value.names));
  return { adapter, built: built.value, stats, fakeStats: { ...excel.stats } };
}

describe('candidate grids written to Excel through office-js (recording fake)', () => {
  it("writes a whole pathway (8 grids + tracker + index) in 4 syncs (2 of them the pre-flight), every request under Excel's 5 MB limit", async () => {
    const excel = createFakeExcel();
    const { built, stats, fakeStats } = await buildPathway(excel);
    expect(built.sheets).toHaveLength(10);
    expect(stats.syncs).toBeLessThanOrEqual(4);
    expect(fakeStats.syncs).toBe(stats.syncs);
    expect(fakeStats.maxSyncBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('keeps item codes as text (3.10 is not 3.1) and user text as text', async () => {
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    const built = buildCandidateWorkbook({ qualification: cg, candidate: '=1+1', units: [] }, [], new Set());
    if (!built.ok) throw new Error(built.problem.message);
    await adapter.apply(workbookPlan(built.value.sheets, built.value.names));
    const grid = built.value.sheets[0]!.name;
    const header = excel.values(grid, `A${GRID_ROWS.header + 1}:AZ${GRID_ROWS.header + 1}`)[0]!;
    expect(header).toContain('3.10');
    expect(header).toContain('3.1');
    expect(excel.cell(grid, 'B2').value).toBe('=1+1');
    expect(excel.cell(grid, 'B2').formula ?? '').not.toMatch(/^=1\+1$/);
  });

  it('reads grids back for checking, and a rebuild keeps what the assessor typed', async () => {
    const excel = createFakeExcel();
    const { adapter, built } = await buildPathway(excel);
    const grid = built.changes.find((c) => c.unit === '4430-203')!.sheet;
    // The assessor records evidence E1 (accepted) against 1.1 and 1.2, typing into the grid.
    const row = GRID_ROWS.firstEvidence + 1;
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(grid);
      ws.getRange(`A${row}:I${row}`).values = [['E1', null, 'Observation', 'Handled a complaint', 'p3', 'Accepted', null, '✓', 'x']];
      await ctx.sync();
    });
    excel.resetStats();
    const sheets = await adapter.readSheets(await adapter.sheetNames());
    expect(excel.stats.syncs).toBeLessThanOrEqual(4); // names + readSheets: sheets, used-range shapes, values
    const checked = checkWorkbook(sheets, catalog);
    const jane = checked.candidates[0]!;
    expect(jane.units.map((u) => u.unit)).toEqual(['4430-101', '4430-201', '4430-203', '4430-204', '4430-212', '4430-213', '4430-219', '4430-221']);
    const u203 = jane.units.find((u) => u.unit === '4430-203')!;
    expect(u203.missing).not.toContain('1.1');
    expect(u203.missing).not.toContain('1.2');
    expect(u203.missing).toContain('1.3');

    // Rebuild with one more unit: reads then writes, and E1 is still there with its marks.
    const again = await buildPathway(excel);
    expect(again.stats.syncs).toBeLessThanOrEqual(4);
    expect(again.built.changes.find((c) => c.unit === '4430-203')!.changes).toMatchObject({ evidenceRowsKept: 1, marksKept: 2 });
    // (Excel reads an empty cell back as "".)
    expect(excel.values(grid, `A${row}:I${row}`)[0]).toEqual(['E1', '', 'Observation', 'Handled a complaint', 'p3', 'Accepted', '', '✓', 'x']);
  });
});
