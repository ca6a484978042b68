/*
 * #10.2 first bullet: a build that cannot finish writes nothing, and the pane sees existing tables.
 * Excel keeps what a failed batch did (no rollback; the recording fake does the same), so every
 * clash with a table or name the build does not replace must be found before the first write.
 */
import { officeWorkbookAdapter, OfficePlanError } from '../../src/adapters/officejs/officeWorkbook';
import { XlsxWorkbook } from '../../src/adapters/xlsx/xlsxWorkbook';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { emptySheet, type WorkbookPlan } from '../../src/domain/workbook/plan';
import { buildGrids } from '../../src/taskpane/logic/buildGrids';
import { createFakeExcel, type FakeExcel } from '../fakes/fakeExcel';

jest.setTimeout(60_000);

const q = bundledCatalog().findQualification('cg-4430-02');
if (!q.ok) throw new Error(q.problem.message);
const qualification = q.value;

function snapshot(excel: FakeExcel) {
  return {
    sheets: excel.workbook.sheets.map((s) => s.name),
    tables: excel.workbook.tables.map((t) => `${t.name}@${excel.workbook.sheets.find((s) => s.id === t.sheetId)?.name}`),
    names: excel.workbook.names.map((n) => `${n.name}=${excel.nameFormula(n.name)}`),
  };
}

describe('building a candidate whose name differs from another only by punctuation', () => {
  it('gives "Jane-Smith" tables and names of their own and leaves every one of "Jane Smith"\'s alone', async () => {
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    const first = await buildGrids(adapter, { qualification, candidates: [{ name: 'Jane Smith', assessor: '' }], units: [], layout: 'evidenceRows' });
    expect(first.failed).toBeUndefined();
    const before = snapshot(excel);
    expect(before.tables).toContain('Progress_Jane_Smith@Jane Smith Tracker');
    const janesNames = before.names.filter((n) => n.startsWith('Evidence_Jane_Smith'));
    expect(janesNames.length).toBeGreaterThan(0);

    // A new pane session: nothing remembered, only what the workbook holds.
    const second = await buildGrids(adapter, { qualification, candidates: [{ name: 'Jane-Smith', assessor: '' }], units: [], layout: 'evidenceRows' });
    expect(second.failed).toBeUndefined();
    const after = snapshot(excel);
    // Jane Smith's sheets, tables and names are all still there, pointing where they did.
    for (const s of before.sheets) expect(after.sheets).toContain(s);
    for (const t of before.tables) expect(after.tables).toContain(t);
    for (const n of janesNames) expect(after.names).toContain(n);
    // Jane-Smith's got their own.
    expect(after.tables).toContain('Progress_Jane_Smith_2@Jane-Smith Tracker');
    expect(after.names.some((n) => n.includes("'Jane-Smith 4430-101'!"))).toBe(true);
  });
});

describe('the adapter refuses a plan that clashes, before the first write', () => {
  function clashingPlan(): WorkbookPlan {
    const sheet = emptySheet('Other Tracker', 'tracker');
    sheet.blocks.push({ row: 0, col: 0, values: [['Unit'], ['x']] });
    sheet.tables.push({ name: 'Progress_Jane_Smith', range: { row: 0, col: 0, endRow: 1, endCol: 0 } });
    const grid = emptySheet('Other 101', 'unitGrid');
    grid.blocks.push({ row: 0, col: 0, values: [['E1']] });
    return { sheets: [grid, sheet], names: [{ name: 'Evidence_Jane_Smith_4430_101', sheet: 'Other 101', range: { row: 0, col: 0 } }], dateFormat: 'dd/mm/yyyy' };
  }

  it('office-js: writes nothing and says which table and name are already used, and where', async () => {
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    await buildGrids(adapter, { qualification, candidates: [{ name: 'Jane Smith', assessor: '' }], units: [], layout: 'evidenceRows' });
    const before = snapshot(excel);
    const cells = excel.workbook.sheets.map((s) => s.cells.size);

    const error = await adapter.apply(clashingPlan()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficePlanError);
    expect((error as Error).message).toMatch(/already has a table called "Progress_Jane_Smith" on sheet "Jane Smith Tracker"/);
    expect((error as Error).message).toMatch(/Nothing was changed/);
    expect((error as Error).message).toMatch(/Evidence_Jane_Smith_4430_101/);
    expect(snapshot(excel)).toEqual(before);
    expect(excel.workbook.sheets.map((s) => s.cells.size)).toEqual(cells);
  });

  it('.xlsx: the same check, the same words', async () => {
    const book = XlsxWorkbook.create();
    await buildGrids(book, { qualification, candidates: [{ name: 'Jane Smith', assessor: '' }], units: [], layout: 'evidenceRows' });
    const sheets = await book.sheetNames();
    const names = (await book.workbookNames()).names;
    await expect(book.apply(clashingPlan())).rejects.toThrow(/already has a table called "Progress_Jane_Smith" on sheet "Jane Smith Tracker".*Nothing was changed/);
    expect(await book.sheetNames()).toEqual(sheets);
    expect((await book.workbookNames()).names).toEqual(names);
  });
});
