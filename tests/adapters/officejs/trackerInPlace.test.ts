import { officeWorkbookAdapter } from '../../../src/adapters/officejs/officeWorkbook';
import { buildCandidateWorkbook, workbookPlan } from '../../../src/domain/grid/candidateWorkbook';
import { EVIDENCE_INDEX_ROWS } from '../../../src/domain/grid/evidenceIndexSheet';
import { TRACKER_ROWS } from '../../../src/domain/grid/trackerSheet';
import { GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { createFakeExcel, parseRef, splitSheetRef, type FakeExcel } from '../../fakes/fakeExcel';

/*
 * The unit progress record and the index of evidence are updated in place through office-js, like
 * the grids: a unit or a piece of evidence that appears gets a row inserted, the table is fitted to
 * the rows (Table.resize), and what the user put on them (entries, notes, links, fills, formulas)
 * stays on its cell. Formulas elsewhere pointing at those cells still read the same entries; with
 * the old delete-and-re-create they turned into #REF!.
 */

const imi = (() => {
  const q = bundledCatalog().findQualification('601/3456/2');
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
})();
const TRACKER = 'Jane Smith Tracker';
const INDEX = 'Jane Smith Evidence';
const GRID = 'Jane Smith CS 5';
const EV = GRID_ROWS.firstEvidence + 1;

async function build(excel: FakeExcel, units: string[]) {
  const adapter = officeWorkbookAdapter(excel.run);
  const names = await adapter.sheetNames();
  const existing = await adapter.readSheets(names);
  const built = buildCandidateWorkbook({ qualification: imi, candidate: 'Jane Smith', units }, existing, new Set(names));
  if (!built.ok) throw new Error(built.problem.message);
  excel.resetStats();
  const stats = await adapter.apply(workbookPlan(built.value.sheets, built.value.names));
  return { built: built.value, stats };
}

/** The 1-based row whose column A holds `text` on a sheet (first 60 rows), or -1. */
function rowOf(excel: FakeExcel, sheet: string, text: string): number {
  return excel.values(sheet, 'A1:A60').findIndex((r) => r[0] === text) + 1 || -1;
}

/** What a formula of the form ='Sheet'!A1 reads now (the fake does not recalculate). */
function reads(excel: FakeExcel, sheet: string, a1: string): unknown {
  const formula = excel.cell(sheet, a1).formula ?? '';
  if (formula.includes('#REF!')) return '#REF!';
  const { sheet: target, ref } = splitSheetRef(formula.slice(1));
  const at = parseRef(ref);
  return excel.values(target!, ref)[0]?.[0] ?? `${at.row}`;
}

function table(excel: FakeExcel, sheet: string) {
  const id = excel.sheet(sheet).id;
  const found = excel.workbook.tables.filter((t) => t.sheetId === id);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('a rebuild through office-js updates the tracker and the index of evidence in place', () => {
  it('inserts rows for a new unit and new evidence; the user content and the references to it stay', async () => {
    const excel = createFakeExcel();
    await build(excel, ['CS 5', 'CS 11']);
    excel.seed(GRID, `A${EV}`, [['E5', null, 'Observation', 'Witness statement', null, null, null, '✓']]);
    await build(excel, ['CS 5', 'CS 11']);
    const trackerTable = table(excel, TRACKER).name;
    const indexTable = table(excel, INDEX).name;

    // By hand: CS 11's row on the tracker, E5's row on the index, and a sheet pointing at both.
    const t11 = rowOf(excel, TRACKER, 'CS 11');
    const e5 = rowOf(excel, INDEX, 'E5');
    expect(t11).toBeGreaterThan(TRACKER_ROWS.first);
    expect(e5).toBe(EVIDENCE_INDEX_ROWS.first + 1);
    excel.seed(TRACKER, `J${t11}`, [['A. Assessor']]);
    excel.seed(TRACKER, `M${t11}`, [['=DATE(2024,3,1)']]);
    excel.decorate(TRACKER, `J${t11}`, { note: 'Observed by the EQA on 3 March', fill: '#FFFF00' });
    excel.decorate(TRACKER, `K${t11}`, { hyperlink: { address: 'file:///evidence/iv.pdf', textToDisplay: 'IV report' } });
    excel.seed(INDEX, `H${e5}`, [['KL']]);
    excel.seed(INDEX, `I${e5}`, [[`='${TRACKER}'!M${t11}`]]);
    excel.decorate(INDEX, `H${e5}`, { note: 'Sampled at the March visit', fill: '#00B0F0' });
    excel.decorate(INDEX, `E${e5}`, { hyperlink: { address: 'file:///evidence/E5.pdf', textToDisplay: 'p4' } });
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('My notes').getRange('A1:A2').formulas = [[`='${TRACKER}'!J${t11}`], [`='${INDEX}'!H${e5}`]];
      await ctx.sync();
    });
    expect(reads(excel, 'My notes', 'A1')).toBe('A. Assessor');
    expect(reads(excel, 'My notes', 'A2')).toBe('KL');
    // New evidence E1 (sorts before E5) and E9 (after it: right under the table, which must grow
    // over it), and unit CS 10 between CS 5 and CS 11.
    excel.seed(GRID, `A${EV + 1}`, [['E1', null, 'Questioning', null, null, null, null, '✓'], ['E9', null, 'Product', null, null, null, null, '✓']]);

    const again = await build(excel, ['CS 5', 'CS 10', 'CS 11']);
    // 2 for the pre-flight (the workbook's names), 2 to write: the row edits and table resizes ride in the write request.
    expect(again.stats.syncs).toBeLessThanOrEqual(4);

    const n11 = rowOf(excel, TRACKER, 'CS 11');
    expect(n11).toBe(t11 + 1);
    expect(rowOf(excel, TRACKER, 'CS 10')).toBe(t11);
    expect(excel.cell(TRACKER, `J${n11}`)).toMatchObject({ value: 'A. Assessor', note: 'Observed by the EQA on 3 March', fill: '#FFFF00' });
    expect(excel.cell(TRACKER, `K${n11}`).hyperlink).toEqual({ address: 'file:///evidence/iv.pdf', textToDisplay: 'IV report' });
    expect(excel.cell(TRACKER, `M${n11}`).formula).toBe('=DATE(2024,3,1)');
    expect(excel.cell(TRACKER, `H${n11}`).formula).toBe("='Jane Smith CS 11'!$E$5");

    const n5 = rowOf(excel, INDEX, 'E5');
    expect(rowOf(excel, INDEX, 'E1')).toBe(e5);
    expect(n5).toBe(e5 + 1);
    expect(excel.cell(INDEX, `H${n5}`)).toMatchObject({ value: 'KL', note: 'Sampled at the March visit', fill: '#00B0F0' });
    expect(excel.cell(INDEX, `E${n5}`).hyperlink).toEqual({ address: 'file:///evidence/E5.pdf', textToDisplay: 'p4' });
    expect(excel.cell(INDEX, `I${n5}`).formula).toBe(`='${TRACKER}'!M${n11}`);

    // The other sheet reads the same entries as before the rebuild.
    expect(reads(excel, 'My notes', 'A1')).toBe('A. Assessor');
    expect(reads(excel, 'My notes', 'A2')).toBe('KL');

    // The same tables, fitted to the rows; the sheets protected again.
    const tt = table(excel, TRACKER);
    expect(tt.name).toBe(trackerTable);
    expect(tt.rect).toMatchObject({ row: TRACKER_ROWS.header, endRow: rowOf(excel, TRACKER, 'CS 11') - 1 });
    const it = table(excel, INDEX);
    expect(it.name).toBe(indexTable);
    expect(rowOf(excel, INDEX, 'E9')).toBe(n5 + 1);
    expect(it.rect).toMatchObject({ row: EVIDENCE_INDEX_ROWS.header, endRow: n5 });
    expect(excel.sheet(TRACKER).protection.protected).toBe(true);
    expect(excel.sheet(INDEX).protection.protected).toBe(true);
  });
});

describe('the fake resizes a table as Excel does', () => {
  it('keeps the header row, needs an overlap and a data row, and refuses another table', async () => {
    const excel = createFakeExcel({ sheets: ['S'] });
    excel.seed('S', 'A1', [['a', 'b'], [1, 2], [3, 4]]);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.tables.add('A1:B2', true).name = 'T';
      ws.tables.add('E1:F2', true).name = 'U';
      await ctx.sync();
      ws.tables.getItem('T').resize('A1:C3');
      await ctx.sync();
    });
    expect(excel.workbook.tables.find((t) => t.name === 'T')!.rect).toEqual({ row: 0, col: 0, endRow: 2, endCol: 2 });
    expect(excel.cell('S', 'C1').value).toBe('Column3');
    for (const bad of ['A2:C4', 'H1:I3', 'A1:C1', 'A1:F3']) {
      await expect(
        excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('S').tables.getItem('T').resize(bad);
          await ctx.sync();
        }),
      ).rejects.toMatchObject({ code: 'InvalidArgument' });
    }
  });
});
