import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../support/runCli';

/** The header texts of the live cohort summary's table. */
async function summaryHeaders(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Cohort summary')!;
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && texts.push(cell.value)));
  return texts;
}

describe('build on a workbook with a live cohort summary', () => {
  it('refreshes the summary when the pathway gains a unit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-summary-'));
    const file = join(dir, 'cohort.xlsx');
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203', '-o', 'cohort.xlsx'], dir)).code).toBe(0);
    expect((await runCli(['cohort', 'cohort.xlsx', '--in-place'], dir)).code).toBe(0);
    expect((await summaryHeaders(file)).join('|')).not.toMatch(/4430-212/);
    // A sheet of the user's pointing at the first row of the summary's "Completion by assessor" table
    // (under the "Completion by unit" table, which gains a row).
    let wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const assessor = wb.getWorksheet('Cohort summary')!.getCell('A17').value;
    expect(wb.getWorksheet('Cohort summary')!.getCell('A15').value).toBe('Completion by assessor');
    wb.addWorksheet('Mine').getCell('A1').value = { formula: "'Cohort summary'!A17", result: assessor } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(file);

    const again = await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203,212', '-o', 'cohort.xlsx'], dir);
    expect(again.code).toBe(0);
    expect(again.out).toContain('The "Cohort summary" sheet is refreshed for the new grids (Amy Ng 4430-212).');
    expect((await summaryHeaders(file)).join('|')).toMatch(/4430-212/);
    // Built again in place, not re-created: the formula moved with its entry.
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('Mine')!.getCell('A1').formula).toBe("'Cohort summary'!A18");
    expect(wb.getWorksheet('Cohort summary')!.getCell('A18').value).toBe(assessor);

    // A rebuild that adds no grid leaves the summary alone.
    const same = await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203,212', '-o', 'cohort.xlsx'], dir);
    expect(same.out).not.toContain('Cohort summary');
  });
});
