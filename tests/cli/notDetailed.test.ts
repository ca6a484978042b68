import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

/*
 * A unit the standard gives no criteria for (4430-102, "not detailed") is achieved by recording it
 * on the tracker: Assessor and Date completed on its row. check and cohort count it then, for
 * credits and the rules of combination; until then it is "not started" and says how to record it.
 */
describe('recording a not-detailed unit\'s achievement on the tracker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-notdetailed-'));
  const file = join(dir, 'jane.xlsx');

  async function onTracker(assessor: string | null, date: Date | null) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Jane Smith Tracker')!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === '4430-102') row = n;
    });
    expect(row).toBeGreaterThan(0);
    ws.getCell(`J${row}`).value = assessor;
    ws.getCell(`M${row}`).value = date;
    await wb.xlsx.writeFile(file);
  }
  type Unit = { unit: string; status: string; complete: boolean; coverage: number; warnings: string[]; achievement?: unknown };
  async function checked() {
    const r = await runCli(['check', 'jane.xlsx', '--json'], dir);
    expect(r.code).toBe(0);
    const c = (JSON.parse(r.out) as { files: { candidates: { credits: number; units: Unit[]; rules: { unmet: string[] } }[] }[] }).files[0]!.candidates[0]!;
    return { ...c, u102: c.units.find((u) => u.unit === '4430-102')! };
  }

  beforeAll(async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '102', '-o', 'jane.xlsx'], dir)).code).toBe(0);
  });

  it('builds a grid that says where to record it, and a tracker row whose status the grid follows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const grid = wb.getWorksheet('Jane Smith 4430-102')!;
    expect(String(grid.getCell('H9').value)).toMatch(/not detailed in the standard.*Record its achievement on the unit progress record/);
    expect(grid.getCell('E5').formula).toMatch(/^'Jane Smith Tracker'!\$H\$\d+$/);
    const tracker = wb.getWorksheet('Jane Smith Tracker')!;
    expect(String(tracker.getCell('A6').value)).toMatch(/4430-102 is not detailed in the standard: record achievement by entering the Assessor and Date completed/);
  });

  it('is not started until Assessor and Date completed are both recorded, then complete, with its credit', async () => {
    const before = await checked();
    expect(before.u102).toMatchObject({ status: 'not started', complete: false, achievement: null });
    expect(before.u102.warnings[0]).toMatch(/record its achievement \(Assessor and Date completed\) on the candidate's unit progress record/);
    const text = await runCli(['check', 'jane.xlsx'], dir);
    expect(text.out).toMatch(/ {4}4430-102 not started\n/);
    expect(text.out).not.toMatch(/missing \n/);

    await onTracker('A. Assessor', null);
    expect((await checked()).u102.status).toBe('not started');

    await onTracker('A. Assessor', new Date(Date.UTC(2025, 2, 3)));
    const after = await checked();
    expect(after.u102).toMatchObject({ status: 'complete', complete: true, coverage: 1, warnings: [], achievement: { assessor: 'A. Assessor', date: '2025-03-03', sheet: 'Jane Smith Tracker' } });
    expect(after.credits).toBe(before.credits + 5);
    expect(after.rules.unmet.join('\n')).not.toMatch(/from optional group Impression and Image/);
    const shown = await runCli(['check', 'jane.xlsx'], dir);
    expect(shown.out).toContain('4430-102 complete; recorded by A. Assessor on 03/03/2025 (Jane Smith Tracker)');

    const cohort = await runCli(['cohort', 'jane.xlsx', '--json'], dir);
    const jane = (JSON.parse(cohort.out) as { candidates: { credits: number; units: { unit: string; status: string }[] }[] }).candidates[0]!;
    expect(jane.units.find((u) => u.unit === '4430-102')!.status).toBe('complete');
    expect(jane.credits).toBe(after.credits);
  });

  it('a rebuild keeps the record and the grid (no header rows taken for evidence)', async () => {
    const again = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '102', '-o', 'jane.xlsx'], dir);
    // The grid has no item columns: its in-place rebuild must still be a plan Excel accepts.
    expect(again.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Jane Smith 4430-102: unit 4430-102\n/);
    expect((await checked()).u102.status).toBe('complete');
  });
});
