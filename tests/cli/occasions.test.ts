import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { runCli } from '../support/runCli';

/*
 * "Occasions needed (default)" (B6) takes effect: items follow it (a formula) unless a number is
 * typed on their own cell; a rebuild keeps both; build --occasions sets it; check --occasions
 * never silently differs from a grid's own settings.
 */
describe('occasions needed settings take effect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-occasions-'));
  const file = join(dir, 'jane.xlsx');
  const SHEET = 'Jane Smith 4430-101';

  async function sheet(edit?: (ws: ExcelJS.Worksheet) => void): Promise<ExcelJS.Worksheet> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(SHEET)!;
    if (edit) {
      edit(ws);
      await wb.xlsx.writeFile(file);
    }
    return ws;
  }
  const unit101 = async (...extra: string[]) => {
    const r = await runCli(['check', 'jane.xlsx', '--json', ...extra], dir);
    return (JSON.parse(r.out) as { files: { candidates: { units: { unit: string; status: string; missing: string[]; warnings: string[] }[] }[] }[] }).files[0]!.candidates[0]!.units.find((u) => u.unit === '4430-101')!;
  };

  beforeAll(async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-o', 'jane.xlsx'], dir)).code).toBe(0);
    await typeEvidence(file, SHEET, [{ ref: 'E1', marks: 'all' }]);
  });

  it('items follow the default cell: changing it changes the check, and a number on an item wins', async () => {
    const ws = await sheet();
    expect(ws.getCell('A6').value).toBe('Occasions needed (default)');
    expect(ws.getCell('B6').value).toBe(1);
    expect(ws.getCell('H10').formula).toBe('IF(ISNUMBER($B$6),$B$6,1)');
    expect((await unit101()).status).toBe('complete');

    await sheet((w) => (w.getCell('B6').value = 2));
    const twice = await unit101();
    expect(twice.status).toBe('in progress');
    await sheet((w) => (w.getCell('H10').value = 1)); // the first item needs only one occasion
    const code = (await sheet()).getCell('H14').value;
    expect((await unit101()).missing).not.toContain(code);
  });

  it('a rebuild keeps the default and each item\'s own number; build --occasions sets the default', async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', 'jane.xlsx'], dir)).code).toBe(0);
    let ws = await sheet();
    expect(ws.getCell('B6').value).toBe(2);
    expect(ws.getCell('H10').value).toBe(1);
    expect(ws.getCell('I10').formula).toBe('IF(ISNUMBER($B$6),$B$6,1)');

    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '--occasions', '1', '-o', 'jane.xlsx'], dir)).code).toBe(0);
    ws = await sheet();
    expect(ws.getCell('B6').value).toBe(1);
    expect(ws.getCell('H10').value).toBe(1);
    expect(ws.getCell('I10').formula).toBe('IF(ISNUMBER($B$6),$B$6,1)');
    expect((await unit101()).status).toBe('complete');
  });

  it('check --occasions does not override a grid\'s own settings, and says so', async () => {
    const u = await unit101('--occasions', '3');
    expect(u.status).toBe('complete');
    expect(u.warnings).toContainEqual(expect.stringMatching(/^Occasions needed 3 \(--occasions\) not applied: this grid sets its own \(1 in "Occasions needed \(default\)", cell B6/));
    const text = await runCli(['check', 'jane.xlsx', '--occasions', '3'], dir);
    expect(text.out).toMatch(/! Occasions needed 3 \(--occasions\) not applied/);
    expect((await unit101('--occasions', '1')).warnings).toEqual([]);
  });
});
