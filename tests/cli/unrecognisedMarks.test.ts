import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/runCli';

interface CheckJson {
  files: { file: string; candidates: { units: { unit: string; sheet: string; complete: boolean; coverage: number; unrecognised: { cell: string; value: string }[] }[] }[] }[];
}
interface CohortJson {
  candidates: { file: string; units: { unit: string; sheet: string; status: string; coverage: number; unrecognised: { cell: string; value: string }[] }[] }[];
}

/** Fill the first evidence row of a grid: its decision, and the same entry under every item. */
function fillFirstRow(ws: ExcelJS.Worksheet, decision: string, entry: string): { row: number; firstItemCol: number } {
  for (let r = 1; r <= 40; r++) {
    const header = ws.getRow(r);
    if (header.getCell(1).value !== 'Ref no.') continue;
    const ev = ws.getRow(r + 1);
    ev.getCell(1).value = 'E1';
    ev.getCell(6).value = decision;
    for (let c = 8; c <= ws.columnCount; c++) if (header.getCell(c).value) ev.getCell(c).value = entry;
    return { row: r + 1, firstItemCol: 8 };
  }
  throw new Error(`no header row on ${ws.name}`);
}

describe('unrecognised marks and typed decisions, by check and cohort', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-marks-'));

  beforeAll(async () => {
    const built = await runCli(['build', '-q', '4430-02', '--candidate', 'Jane Smith', '-u', '201', '-o', 'jane.xlsx'], dir);
    expect(built.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'jane.xlsx'));
    // 201 marked "N/A" throughout on an accepted row; 101 ticked on a row whose decision was typed "Yes" (past the drop-down).
    fillFirstRow(wb.getWorksheet('Jane Smith 4430-201')!, 'Accepted ', 'N/A');
    fillFirstRow(wb.getWorksheet('Jane Smith 4430-101')!, 'Yes', '✓');
    await wb.xlsx.writeFile(join(dir, 'jane.xlsx'));
  });

  it('check: N/A is not covered, each such cell is named (JSON and text); a "Yes" decision accepts', async () => {
    const r = await runCli(['check', 'jane.xlsx', '--json'], dir);
    expect(r.code).toBe(0);
    const units = (JSON.parse(r.out) as CheckJson).files[0]!.candidates[0]!.units;
    const u201 = units.find((u) => u.unit === '4430-201')!;
    expect(u201).toMatchObject({ sheet: 'Jane Smith 4430-201', complete: false, coverage: 0 });
    expect(u201.unrecognised[0]).toEqual({ cell: 'H15', value: 'N/A' });
    expect(u201.unrecognised.every((e) => e.value === 'N/A')).toBe(true);
    expect(units.find((u) => u.unit === '4430-101')).toMatchObject({ complete: true, coverage: 1, unrecognised: [] });

    const text = await runCli(['check', 'jane.xlsx'], dir);
    expect(text.out).toMatch(/4430-201 .*0%/);
    expect(text.out).toContain(`${u201.unrecognised.length} entries are not recognised, so not counted: H15 "N/A", I15 "N/A"`);
  });

  it('cohort --json names the sheet and cells; the text output says so too', async () => {
    const r = await runCli(['cohort', 'jane.xlsx', '--json'], dir);
    expect(r.code).toBe(0);
    const units = (JSON.parse(r.out) as CohortJson).candidates[0]!.units;
    expect(units.find((u) => u.unit === '4430-201')).toMatchObject({ status: 'not started', coverage: 0, sheet: 'Jane Smith 4430-201' });
    expect(units.find((u) => u.unit === '4430-201')!.unrecognised[0]).toEqual({ cell: 'H15', value: 'N/A' });
    expect(units.find((u) => u.unit === '4430-101')).toMatchObject({ status: 'complete', coverage: 1, unrecognised: [] });
    const text = await runCli(['cohort', 'jane.xlsx'], dir);
    expect(text.out).toContain('! sheet "Jane Smith 4430-201": ');
    expect(text.out).toContain('H15 "N/A"');
  });
});
