import { officeWorkbookAdapter } from '../../../src/adapters/officejs/officeWorkbook';
import { buildCandidateWorkbook, workbookPlan } from '../../../src/domain/grid/candidateWorkbook';
import { parseGrid } from '../../../src/domain/grid/readGrid';
import { GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { QualificationIndex } from '../../../src/domain/standards/catalog';
import { createFakeExcel, type FakeExcel } from '../../fakes/fakeExcel';

/*
 * Excel behaviours a rebuild meets (the fake models them, with sources in fakeExcel.ts), and the
 * office-js adapter updating grids in place so that nothing the user did on or to a grid is lost.
 */

const catalog = bundledCatalog();
const imi = (() => {
  const q = catalog.findQualification('601/3456/2');
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
})();
const SHEET = 'Jane Smith CS 5';
const EV = GRID_ROWS.firstEvidence + 1; // first evidence row, 1-based

describe('the fake behaves like Excel where a rebuild could lose work', () => {
  it('a formula into a deleted sheet becomes #REF!, a name into it =#REF!', async () => {
    const excel = createFakeExcel({ sheets: ['Grid', 'Summary'] });
    excel.seed('Summary', 'A1', [["=Grid!B2+'Grid'!C3"]]);
    excel.addName('Mine', '=Grid!$B$2');
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Grid').delete();
      await ctx.sync();
    });
    expect(excel.cell('Summary', 'A1').formula).toBe('=#REF!B2+#REF!C3');
    expect(excel.cell('Summary', 'A1').value).toBe('#REF!');
    expect(excel.nameFormula('Mine')).toBe('=#REF!');
  });

  it('renaming a sheet rewrites the formulas that refer to it', async () => {
    const excel = createFakeExcel({ sheets: ['Grid', 'Summary'] });
    excel.seed('Summary', 'A1', [['=Grid!B2*2']]);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Grid').name = 'Jane Smith 203';
      await ctx.sync();
    });
    expect(excel.cell('Summary', 'A1').formula).toBe("='Jane Smith 203'!B2*2");
    expect(excel.nameFormula('Nothing')).toBeUndefined();
  });

  it('inserting and deleting whole columns and rows moves cells with their notes and links; formulas, names and merges follow', async () => {
    const excel = createFakeExcel({ sheets: ['Grid', 'Summary'] });
    excel.seed('Grid', 'A1', [['a', 'b', 'c', 'd']]);
    excel.decorate('Grid', 'C1', { note: 'see E1', hyperlink: { address: 'file:///e1.pdf', textToDisplay: 'E1' }, fill: '#FFFF00' });
    excel.seed('Summary', 'A1', [['=Grid!C1'], ['=SUM(Grid!A1:D1)'], ['=Grid!B1']]);
    excel.addName('Third', '=Grid!$C$1');
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Grid');
      ws.getRange('A3:B3').merge(false);
      ws.getRange('B:B').delete('Left');
      ws.getRange('A:A').insert('Right');
      ws.getRange('1:1').insert('Down');
      await ctx.sync();
    });
    // A1..D1 = a b c d; B deleted -> a c d; a column inserted at A -> _ a c d; a row at the top.
    expect(excel.values('Grid', 'A2:D2')).toEqual([['', 'a', 'c', 'd']]);
    expect(excel.cell('Grid', 'C2')).toMatchObject({ value: 'c', note: 'see E1', hyperlink: { address: 'file:///e1.pdf', textToDisplay: 'E1' }, fill: '#FFFF00' });
    expect(excel.cell('Summary', 'A1').formula).toBe('=Grid!C2');
    expect(excel.cell('Summary', 'A2').formula).toBe('=SUM(Grid!B2:D2)');
    expect(excel.cell('Summary', 'A3')).toMatchObject({ formula: '=Grid!#REF!', value: '#REF!' });
    expect(excel.nameFormula('Third')).toBe('=Grid!$C$2');
    // The merge A3:B3 lost B and moved: B4 alone is no merge.
    expect(excel.sheet('Grid').merges).toEqual([]);
  });

  it('a protected sheet refuses inserting columns unless its options allow it', async () => {
    const excel = createFakeExcel({ sheets: ['Grid'] });
    await expect(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Grid');
        ws.protection.protect({ allowInsertRows: true });
        ws.getRange('C:C').insert('Right');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });
});

async function build(excel: FakeExcel, units: string[], index = imi) {
  const adapter = officeWorkbookAdapter(excel.run);
  const names = await adapter.sheetNames();
  const existing = await adapter.readSheets(names);
  const built = buildCandidateWorkbook({ qualification: index, candidate: 'Jane Smith', units }, existing, new Set(names));
  if (!built.ok) throw new Error(built.problem.message);
  excel.resetStats();
  const stats = await adapter.apply(workbookPlan(built.value.sheets, built.value.names));
  return { adapter, built: built.value, stats, syncs: excel.stats.syncs };
}

/** What an assessor does by hand on CS 5 (1.1 in H, 1.3 in J, 1.4 in K), and a sheet and a name pointing into it. */
async function editByHand(excel: FakeExcel): Promise<void> {
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(SHEET);
    ws.getRange(`A${EV}:K${EV}`).values = [['E1', null, 'Observation', 'Handled a complaint', 'p3', 'Accepted', null, '✓', null, '✓', 'x']];
    ws.getRange(`A${EV + 1}`).values = [['E2']];
    ws.getRange(`G${EV + 1}`).formulas = [['=1/0']]; // D is a text column: typed there it would stay text
    ws.getRange(`J${EV + 1}`).formulas = [[`=J${EV}`]];
    // Outside the grid the cells are locked: the user unprotected the sheet to type there.
    ws.protection.unprotect();
    ws.getRange(`AF${EV + 2}`).values = [['see the portfolio']];
    const notes = ctx.workbook.worksheets.add('My notes');
    notes.getRange('A1:A2').formulas = [[`='${SHEET}'!J${EV}`], [`='${SHEET}'!$E$5`]];
    await ctx.sync();
  });
  excel.decorate(SHEET, `E${EV}`, { hyperlink: { address: 'file:///evidence/E1.pdf', textToDisplay: 'p3' } });
  excel.decorate(SHEET, `D${EV}`, { note: 'Seen on the shop floor' });
  excel.decorate(SHEET, `A${EV}`, { fill: '#FFFF00' });
  excel.addName('MarkOf1_3', `='${SHEET}'!$J$${EV}`);
}

function expectUserContent(excel: FakeExcel, col13: string) {
  expect(excel.cell(SHEET, `A${EV}`)).toMatchObject({ value: 'E1', fill: '#FFFF00' });
  expect(excel.cell(SHEET, `D${EV}`)).toMatchObject({ value: 'Handled a complaint', note: 'Seen on the shop floor' });
  expect(excel.cell(SHEET, `E${EV}`)).toMatchObject({ value: 'p3', hyperlink: { address: 'file:///evidence/E1.pdf', textToDisplay: 'p3' } });
  expect(excel.cell(SHEET, `G${EV + 1}`).formula).toBe('=1/0');
  expect(excel.cell(SHEET, `H${EV}`).value).toBe('✓');
  expect(excel.cell(SHEET, `${col13}${EV}`).value).toBe('✓');
  expect(excel.cell(SHEET, `${col13}${EV + 1}`).formula).toBe(`=${col13}${EV}`);
}

describe('a rebuild through office-js updates grids in place', () => {
  it('with another unit: the user formulas, notes, links, fills and text outside the grid stay, and references into the grid still work', async () => {
    const excel = createFakeExcel();
    await build(excel, ['CS 5', 'CS 10']);
    await editByHand(excel);

    const again = await build(excel, ['CS 5', 'CS 10', 'CS 11']);
    // As for a first build: 2 for the pre-flight (the workbook's names), 2 to write; the in-place edits ride in the write request.
    expect(again.stats.syncs).toBeLessThanOrEqual(4);
    expect(again.syncs).toBe(again.stats.syncs);
    expect(again.built.changes.find((c) => c.sheet === SHEET)!.changes).toMatchObject({ evidenceRowsKept: 2, marksKept: 4 });
    expectUserContent(excel, 'J');
    expect(excel.cell(SHEET, `AF${EV + 2}`).value).toBe('see the portfolio');
    expect(excel.cell('My notes', 'A1').formula).toBe(`='${SHEET}'!J${EV}`);
    expect(excel.cell('My notes', 'A2').formula).toBe(`='${SHEET}'!$E$5`);
    expect(excel.nameFormula('MarkOf1_3')).toBe(`='${SHEET}'!$J$${EV}`);
    expect(excel.sheet(SHEET).protection.protected).toBe(true);
  });

  it('with a changed standard: columns go and come around the user cells, which move with their notes; references follow', async () => {
    const excel = createFakeExcel();
    await build(excel, ['CS 5', 'CS 10']);
    await editByHand(excel);
    const q = structuredClone(imi.qualification);
    const unit = q.units.find((u) => u.code === 'CS 5')!;
    const e1 = unit.elements[0]!;
    e1.criteria = e1.criteria.filter((c) => c.code !== '1.2' && c.code !== '1.4');
    e1.criteria.push({ code: '1.7', text: 'A new criterion' });

    const again = await build(excel, ['CS 5', 'CS 10'], new QualificationIndex(q));
    expect(again.stats.syncs).toBeLessThanOrEqual(4);
    // 1.2 (empty) went: 1.3 is now in I; 1.4 (marked) stayed in J under a "no longer" heading.
    const header = excel.values(SHEET, `A${GRID_ROWS.header + 1}:Z${GRID_ROWS.header + 1}`)[0]!;
    expect(header.indexOf('1.3')).toBe(8);
    expect(header.indexOf('No longer in standard: 1.4')).toBe(9);
    expect(header.indexOf('1.7')).toBe(header.indexOf('1.6') + 1);
    expectUserContent(excel, 'I');
    expect(excel.cell(SHEET, `J${EV}`).value).toBe('x');
    expect(excel.cell('My notes', 'A1').formula).toBe(`='${SHEET}'!I${EV}`);
    expect(excel.nameFormula('MarkOf1_3')).toBe(`='${SHEET}'!$I$${EV}`);
    const [sheet] = await again.adapter.readSheets([SHEET]);
    const parsed = parseGrid(sheet!.values, unit);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.value.content.rows[0]!.marks.get('1.3')).toBe('✓');
  });
});
