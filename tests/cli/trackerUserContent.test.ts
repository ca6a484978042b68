import ExcelJS from 'exceljs';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../support/libreoffice';
import { runCli } from '../support/runCli';

/*
 * The tracker and the index of evidence are updated in place like the grids: a unit or a piece of
 * evidence that appears gets a row inserted among the old ones, so what the user added by hand on
 * them (a note, a link, a fill, a formula in a column of theirs) stays on its cell, and a formula on
 * another sheet pointing at one of their cells still points at the same entry. Nothing is refused.
 */

const TRACKER = 'Jane Smith Tracker';
const INDEX = 'Jane Smith Evidence';
const GRID_212 = 'Jane Smith 4430-212';

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The 1-based row whose column A holds `text`, or -1. */
function rowOf(ws: ExcelJS.Worksheet, text: string): number {
  let found = -1;
  ws.eachRow((row, n) => {
    if (found < 0 && String(row.getCell(1).value ?? '') === text) found = n;
  });
  return found;
}

/** A fill on one cell (a fresh style: exceljs shares one style object among cells read alike). */
function fill(cell: ExcelJS.Cell, argb: string): void {
  cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } };
}

const formulaOf = (cell: ExcelJS.Cell): string | undefined => (cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined);

describe('a rebuild keeps what was added by hand on the tracker and the index of evidence', () => {
  it.each([
    ['as exceljs wrote it', false],
    ['last saved by LibreOffice', true],
  ])('keeps notes, links, fills and formulas on their cells, and references from other sheets on the same entries (%s)', async (_, viaLibreOffice) => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-tracker-notes-'));
    const path = join(dir, 'jane.xlsx');
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '212', '-o', 'jane.xlsx'], dir)).code).toBe(0);
    // Evidence E5 on the 212 grid, then a build so the index lists it.
    let wb = await open(path);
    const grid = wb.getWorksheet(GRID_212)!;
    grid.getCell('A15').value = 'E5';
    grid.getCell('D15').value = 'Witness statement';
    grid.getCell('H15').value = '✓';
    await wb.xlsx.writeFile(path);
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '212', '-o', 'jane.xlsx'], dir)).code).toBe(0);

    // By hand: on 212's tracker row and E5's index row, then a sheet that points at both.
    wb = await open(path);
    let tracker = wb.getWorksheet(TRACKER)!;
    const t212 = rowOf(tracker, '4430-212');
    expect(t212).toBe(11);
    tracker.getCell(`J${t212}`).value = 'A. Assessor';
    tracker.getCell(`J${t212}`).note = 'Observed by the EQA on 3 March';
    fill(tracker.getCell(`J${t212}`), 'FFFFFF00');
    tracker.getCell(`K${t212}`).value = { text: 'IV report', hyperlink: 'file:///evidence/iv.pdf' };
    tracker.getCell(`M${t212}`).value = { formula: 'DATE(2024,3,1)', result: 45352 } as ExcelJS.CellFormulaValue;
    let index = wb.getWorksheet(INDEX)!;
    const e5 = rowOf(index, 'E5');
    expect(e5).toBe(7);
    index.getCell(`E${e5}`).value = { text: 'Portfolio p4', hyperlink: 'file:///evidence/E5.pdf' };
    index.getCell(`H${e5}`).value = 'KL';
    index.getCell(`H${e5}`).note = 'Sampled at the March visit';
    fill(index.getCell(`H${e5}`), 'FF00B0F0');
    index.getCell(`I${e5}`).value = { formula: `'${TRACKER}'!M${t212}`, result: 45352 } as ExcelJS.CellFormulaValue;
    const mine = wb.addWorksheet('My notes');
    mine.getCell('A1').value = { formula: `'${TRACKER}'!J${t212}`, result: 'A. Assessor' } as ExcelJS.CellFormulaValue;
    mine.getCell('A2').value = { formula: `'${INDEX}'!H${e5}`, result: 'KL' } as ExcelJS.CellFormulaValue;
    // New evidence E1 (sorts before E5) on the grid.
    wb.getWorksheet(GRID_212)!.getCell('A16').value = 'E1';
    wb.getWorksheet(GRID_212)!.getCell('H16').value = '✓';
    await wb.xlsx.writeFile(path);
    if (viaLibreOffice) {
      const converted = await convertWithLibreOffice(path, 'xlsx');
      try {
        copyFileSync(converted.outputs[0]!.path, path);
      } finally {
        converted.cleanup();
      }
    }

    // Unit 203 joins the pathway before 212; E1 joins the index before E5. No --force needed.
    const rebuilt = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203,212', '-o', 'jane.xlsx'], dir);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.err).not.toContain('lose');

    wb = await open(path);
    tracker = wb.getWorksheet(TRACKER)!;
    expect(rowOf(tracker, '4430-203')).toBe(11);
    const n212 = rowOf(tracker, '4430-212');
    expect(n212).toBe(12);
    expect(tracker.getCell(`J${n212}`).value).toBe('A. Assessor');
    expect(JSON.stringify(tracker.getCell(`J${n212}`).note)).toContain('Observed by the EQA on 3 March');
    expect((tracker.getCell(`J${n212}`).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
    // (LibreOffice saves links to files relative to the workbook.)
    expect(tracker.getCell(`K${n212}`).hyperlink).toMatch(/evidence\/iv\.pdf$/);
    expect(formulaOf(tracker.getCell(`M${n212}`))).toBe('DATE(2024,3,1)');
    // The generated cells follow the new rows (status from the grid, totals over every row).
    expect(formulaOf(tracker.getCell(`H${n212}`))).toBe(`'${GRID_212}'!$E$5`);
    expect(formulaOf(tracker.getCell('C14'))).toBe('COUNTIF($H$9:$H$12,"Complete")');

    index = wb.getWorksheet(INDEX)!;
    expect(rowOf(index, 'E1')).toBe(7);
    const n5 = rowOf(index, 'E5');
    expect(n5).toBe(8);
    expect(index.getCell(`E${n5}`).hyperlink).toMatch(/evidence\/E5\.pdf$/);
    expect(index.getCell(`H${n5}`).value).toBe('KL');
    expect(JSON.stringify(index.getCell(`H${n5}`).note)).toContain('Sampled at the March visit');
    expect((index.getCell(`H${n5}`).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF00B0F0');
    // The index's own formula into the tracker follows the tracker's row.
    expect(formulaOf(index.getCell(`I${n5}`))).toBe(`'${TRACKER}'!M${n212}`);

    const notes = wb.getWorksheet('My notes')!;
    expect(formulaOf(notes.getCell('A1'))).toBe(`'${TRACKER}'!J${n212}`);
    expect(formulaOf(notes.getCell('A2'))).toBe(`'${INDEX}'!H${n5}`);
    // Calculated by a spreadsheet program: the other sheet reads the same entries as before.
    const calculated = await convertWithLibreOffice(path, 'csv');
    try {
      const lines = calculated.outputs.find((o) => o.sheet === 'My notes')!.text.split(/\r?\n/);
      expect(lines.slice(0, 2)).toEqual(['A. Assessor', 'KL']);
    } finally {
      calculated.cleanup();
    }
  });
});
