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

    const again = await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203,212', '-o', 'cohort.xlsx'], dir);
    expect(again.code).toBe(0);
    expect(again.out).toContain('The "Cohort summary" sheet is refreshed for the new grids (Amy Ng 4430-212).');
    expect((await summaryHeaders(file)).join('|')).toMatch(/4430-212/);

    // A rebuild that adds no grid leaves the summary alone.
    const same = await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203,212', '-o', 'cohort.xlsx'], dir);
    expect(same.out).not.toContain('Cohort summary');
  });
});
