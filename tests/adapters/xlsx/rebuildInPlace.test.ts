import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { buildCandidateWorkbook, workbookPlan } from '../../../src/domain/grid/candidateWorkbook';
import { parseGrid } from '../../../src/domain/grid/readGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
const catalog = bundledCatalog;
import { QualificationIndex } from '../../../src/domain/standards/catalog';
import { convertWithLibreOffice } from '../../support/libreoffice';
import { PATHWAY_WARNING, runCli } from '../../support/runCli';

/*
 * A rebuild updates the grid sheets in place: the assessor's hyperlinks, notes, fills, own formulas
 * (with their cached results, errors included), text outside the grid, and references from other
 * sheets and defined names all survive, on the cells they belonged to.
 */

const SHEET = 'Jane Smith CS 5';
const H = 8; // column of item 1.1 (1-based), first item column
const FIRST_EV = 15; // first evidence row (1-based)

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function headerCol(ws: ExcelJS.Worksheet, header: string): number {
  const row = ws.getRow(14);
  for (let c = 1; c <= row.cellCount; c++) if (String(row.getCell(c).value ?? '') === header) return c;
  return -1;
}

/** The assessor's edits on CS 5 (1.1 and 1.3 marked, 1.4 marked too) and a sheet and a name that point into it. */
async function editByHand(path: string): Promise<void> {
  const wb = await open(path);
  const ws = wb.getWorksheet(SHEET)!;
  expect(ws.getRow(14).getCell(H).value).toBe('1.1');
  const r1 = ws.getRow(FIRST_EV);
  r1.getCell(1).value = 'E1';
  r1.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  r1.getCell(4).value = 'Observation of a complaint';
  r1.getCell(4).note = 'Seen on the shop floor';
  r1.getCell(5).value = { text: 'E1.pdf', hyperlink: 'file:///evidence/E1.pdf' };
  r1.getCell(6).value = 'Accepted';
  r1.getCell(H).value = '✓'; // 1.1
  r1.getCell(H + 2).value = '✓'; // 1.3
  r1.getCell(H + 2).note = 'Assessor: covered in the discussion';
  r1.getCell(H + 3).value = 'x'; // 1.4
  const r2 = ws.getRow(FIRST_EV + 1);
  r2.getCell(1).value = 'E2';
  r2.getCell(4).value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
  r2.getCell(H + 2).value = { formula: `${String.fromCharCode(64 + H + 2)}${FIRST_EV}`, result: '✓' } as ExcelJS.CellFormulaValue; // =J15
  // Text outside the grid: right of it, and below the sign-off.
  ws.getCell('AF16').value = 'see the portfolio';
  ws.getCell(`A${ws.rowCount + 3}`).value = 'IV comments: fine';
  const notes = wb.addWorksheet('My notes');
  notes.getCell('A1').value = { formula: `'${SHEET}'!J15`, result: '✓' } as ExcelJS.CellFormulaValue;
  notes.getCell('A2').value = { formula: `'${SHEET}'!$E$5`, result: 'In progress' } as ExcelJS.CellFormulaValue;
  wb.definedNames.add(`'${SHEET}'!$J$15`, 'MarkOf1_3');
  await wb.xlsx.writeFile(path);
}

function expectUserContent(ws: ExcelJS.Worksheet, col13: number, belowRow: number) {
  const r1 = ws.getRow(FIRST_EV);
  expect(r1.getCell(1).value).toBe('E1');
  expect((r1.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
  expect(r1.getCell(4).note).toBe('Seen on the shop floor');
  expect(r1.getCell(5).value).toEqual({ text: 'E1.pdf', hyperlink: 'file:///evidence/E1.pdf' });
  expect(r1.getCell(H).value).toBe('✓');
  expect(r1.getCell(col13).value).toBe('✓');
  expect(r1.getCell(col13).note).toBe('Assessor: covered in the discussion');
  const r2 = ws.getRow(FIRST_EV + 1);
  expect(r2.getCell(4).formula).toBe('1/0');
  expect(r2.getCell(4).result).toEqual({ error: '#DIV/0!' });
  // The user's formula follows the cell it pointed at.
  expect(r2.getCell(col13).formula).toBe(`${ws.getColumn(col13).letter}${FIRST_EV}`);
  expect(ws.getCell(`A${belowRow}`).value).toBe('IV comments: fine');
}

describe('build again keeps the user content of the grids (xlsx)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-inplace-'));
  const file = join(dir, 'jane.xlsx');

  it('with another unit added: notes, links, fills, formulas, text outside and references survive where they were', async () => {
    const built = await runCli(['build', '-q', '601/3456/2', '-c', 'Jane Smith', '-u', 'CS 5,CS 10', '-o', 'jane.xlsx'], dir);
    expect(built.code).toBe(0);
    await editByHand(file);
    const before = await open(file);
    const belowRow = before.getWorksheet(SHEET)!.rowCount;

    const rebuilt = await runCli(['build', '-q', '601/3456/2', '-c', 'Jane Smith', '-u', 'CS 5,CS 10,CS 11', '-o', 'jane.xlsx'], dir);
    expect(rebuilt.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(rebuilt.out).toContain(`${SHEET}: unit CS 5; kept 2 evidence rows and 4 marks`);
    const wb = await open(file);
    const ws = wb.getWorksheet(SHEET)!;
    expectUserContent(ws, H + 2, belowRow);
    expect(ws.getCell('AF16').value).toBe('see the portfolio');
    const notes = wb.getWorksheet('My notes')!;
    expect(notes.getCell('A1').formula).toBe(`'${SHEET}'!J15`);
    expect(notes.getCell('A2').formula).toBe(`'${SHEET}'!$E$5`);
    expect(wb.definedNames.getRanges('MarkOf1_3').ranges).toEqual([`'${SHEET}'!$J$15`]);
    expect(wb.worksheets.map((w) => w.name)).toContain('Jane Smith CS 11');

    const checked = await runCli(['check', 'jane.xlsx', '--json'], dir);
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.out) as { files: { candidates: { units: { unit: string; missing: string[] }[] }[] }[] };
    const cs5 = report.files[0]!.candidates[0]!.units.find((u) => u.unit === 'CS 5')!;
    expect(cs5.missing).not.toContain('1.1');
    expect(cs5.missing).not.toContain('1.3');
  });

  it('with a changed standard: columns are inserted and deleted around the user cells, which move with their notes and links', async () => {
    const catalog = bundledCatalog();
    const found = catalog.findQualification('601/3456/2');
    if (!found.ok) throw new Error(found.problem.message);
    const q = structuredClone(found.value.qualification);
    const unit = q.units.find((u) => u.code === 'CS 5')!;
    const e1 = unit.elements[0]!;
    // 1.2 (nothing entered) and 1.4 (marked) leave the standard; 1.7 joins after 1.6.
    e1.criteria = e1.criteria.filter((c) => c.code !== '1.2' && c.code !== '1.4');
    e1.criteria.push({ code: '1.7', text: 'A new criterion' });

    const book = await XlsxWorkbook.fromFile(file);
    const names = await book.sheetNames();
    const existing = await book.readSheets(names);
    const built = buildCandidateWorkbook({ qualification: new QualificationIndex(q), candidate: 'Jane Smith', units: ['CS 5', 'CS 10', 'CS 11'] }, existing, new Set(names));
    if (!built.ok) throw new Error(built.problem.message);
    const change = built.value.changes.find((c) => c.sheet === SHEET)!.changes;
    expect(change.added).toEqual(['1.7']);
    expect(change.removed.sort()).toEqual(['1.2', '1.4']);
    expect(change.marksMovedToRemoved).toEqual(['1.4']);
    const belowRow = (await open(file)).getWorksheet(SHEET)!.rowCount;
    await book.apply(workbookPlan(built.value.sheets, built.value.names));
    await book.toFile(file);

    const wb = await open(file);
    const ws = wb.getWorksheet(SHEET)!;
    // 1.2's column went: 1.3 moved one to the left; 1.4's column stayed, relabelled; 1.7 sits after 1.6.
    const col13 = headerCol(ws, '1.3');
    expect(col13).toBe(H + 1);
    expect(headerCol(ws, 'No longer in standard: 1.4')).toBe(H + 2);
    expect(headerCol(ws, '1.7')).toBe(headerCol(ws, '1.6') + 1);
    expect(headerCol(ws, '2.1')).toBe(headerCol(ws, '1.7') + 1);
    expect(headerCol(ws, '1.2')).toBe(-1);
    expect(ws.getRow(FIRST_EV).getCell(H + 2).value).toBe('x');
    expectUserContent(ws, col13, belowRow);
    // Text right of the grid moved with its row's cells (one column deleted, one inserted).
    expect(ws.getCell('AF16').value).toBe('see the portfolio');
    // References from elsewhere follow the cell.
    const notes = wb.getWorksheet('My notes')!;
    expect(notes.getCell('A1').formula).toBe(`'${SHEET}'!I15`);
    expect(notes.getCell('A2').formula).toBe(`'${SHEET}'!$E$5`);
    expect(wb.definedNames.getRanges('MarkOf1_3').ranges).toEqual([`'${SHEET}'!$I$15`]);

    // The sheet reads as the changed unit's grid, with the marks in place.
    const again = (await (await XlsxWorkbook.fromFile(file)).readSheets([SHEET]))[0]!;
    const parsed = parseGrid(again.values, unit);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.value.content.rows[0]!.marks.get('1.1')).toBe('✓');
    expect(parsed.value.content.rows[0]!.marks.get('1.3')).toBe('✓');
    expect(parsed.value.content.rows[0]!.extras.get('No longer in standard: 1.4')).toBe('x');
  });

  it('on a workbook last saved by LibreOffice: the user content survives too', async () => {
    const lo = mkdtempSync(join(tmpdir(), 'vq-inplace-lo-'));
    const built = await runCli(['build', '-q', '601/3456/2', '-c', 'Jane Smith', '-u', 'CS 5,CS 10', '-o', 'jane.xlsx'], lo);
    expect(built.code).toBe(0);
    const path = join(lo, 'jane.xlsx');
    await editByHand(path);
    const converted = await convertWithLibreOffice(path, 'xlsx');
    try {
      copyFileSync(converted.outputs[0]!.path, path);
    } finally {
      converted.cleanup();
    }
    const rebuilt = await runCli(['build', '-q', '601/3456/2', '-c', 'Jane Smith', '-u', 'CS 5,CS 10,CS 11', '-o', 'jane.xlsx'], lo);
    expect(rebuilt.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(rebuilt.out).toContain(`${SHEET}: unit CS 5; kept 2 evidence rows and 4 marks`);
    const wb = await open(path);
    const ws = wb.getWorksheet(SHEET)!;
    const r1 = ws.getRow(FIRST_EV);
    expect(r1.getCell(1).value).toBe('E1');
    expect((r1.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
    expect(r1.getCell(4).note).toBeDefined();
    expect(JSON.stringify(r1.getCell(4).note)).toContain('Seen on the shop floor');
    // (LibreOffice saves links to files relative to the workbook.)
    expect(r1.getCell(5).value).toMatchObject({ text: 'E1.pdf', hyperlink: expect.stringMatching(/evidence\/E1\.pdf$/) });
    expect(ws.getRow(FIRST_EV + 1).getCell(4).formula).toBe('1/0');
    expect(ws.getRow(FIRST_EV + 1).getCell(H + 2).formula).toBe(`J${FIRST_EV}`);
    expect(wb.getWorksheet('My notes')!.getCell('A1').formula).toBe(`'${SHEET}'!J15`);
    const checked = await runCli(['check', 'jane.xlsx', '--json'], lo);
    expect(checked.code).toBe(0);
  });

  it('criteria rows: refs with their notes and links stay on their item rows; a dropped item keeps its row while it has refs', async () => {
    const cr = mkdtempSync(join(tmpdir(), 'vq-inplace-cr-'));
    const path = join(cr, 'cr.xlsx');
    expect((await runCli(['build', '-q', '601/3456/2', '-c', 'Jane Smith', '-u', 'CS 5', '--layout', 'criteria-rows', '-o', 'cr.xlsx'], cr)).code).toBe(0);
    const wb = await open(path);
    const ws = wb.getWorksheet(SHEET)!;
    // Item rows start at row 9: 1.1, 1.2, 1.3, 1.4 ... Refs from column F, decision in column O.
    expect(ws.getCell('C9').value).toBe('1.1');
    ws.getCell('F9').value = { text: 'E1', hyperlink: 'file:///evidence/E1.pdf' };
    ws.getCell('F9').note = 'Observed';
    ws.getCell('O9').value = 'Accepted';
    ws.getCell('F12').value = 'E2'; // 1.4
    ws.getCell('F12').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    await wb.xlsx.writeFile(path);

    const found = catalog().findQualification('601/3456/2');
    if (!found.ok) throw new Error(found.problem.message);
    const q = structuredClone(found.value.qualification);
    const unit = q.units.find((u) => u.code === 'CS 5')!;
    unit.elements[0]!.criteria = unit.elements[0]!.criteria.filter((c) => c.code !== '1.2' && c.code !== '1.4');
    unit.elements[0]!.criteria.splice(1, 0, { code: '1.1a', text: 'A new criterion after 1.1' });
    const book = await XlsxWorkbook.fromFile(path);
    const names = await book.sheetNames();
    const built = buildCandidateWorkbook({ qualification: new QualificationIndex(q), candidate: 'Jane Smith', units: ['CS 5'] }, await book.readSheets(names), new Set(names));
    if (!built.ok) throw new Error(built.problem.message);
    expect(built.value.changes.find((c) => c.sheet === SHEET)!.changes).toMatchObject({ added: ['1.1a'], marksMovedToRemoved: ['1.4'] });
    await book.apply(workbookPlan(built.value.sheets, built.value.names));
    await book.toFile(path);

    const after = (await open(path)).getWorksheet(SHEET)!;
    const codes = [9, 10, 11, 12].map((r) => after.getCell(`C${r}`).value);
    // 1.1, the new 1.1a, 1.3 (1.2's empty row went), 1.4 kept with its ref.
    expect(codes).toEqual(['1.1', '1.1a', '1.3', '1.4']);
    expect(after.getCell('F9').value).toEqual({ text: 'E1', hyperlink: 'file:///evidence/E1.pdf' });
    expect(after.getCell('F9').note).toBe('Observed');
    expect(after.getCell('A12').value).toBe('No longer in the standard');
    expect(after.getCell('F12').value).toBe('E2');
    expect((after.getCell('F12').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
  });
});
