import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordInPlan } from '../support/planFile';
import { runCli } from '../support/runCli';

/*
 * Found by a QA pass: what a user puts on the index of evidence beside the product's own table (a small table of
 * their own, or a few cells) must survive a rebuild that adds a unit, as README says of tables on
 * "a grid, the tracker or the index of evidence", without moving the index's own rows.
 */

const EVIDENCE = 'Ann Lee Evidence';
const GRID_202 = 'Ann Lee 4430-202';
const BUILD = ['build', '-q', '4430-02', '-c', 'Ann Lee', '-o', 'ann.xlsx'];

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function tableRef(ws: ExcelJS.Worksheet, name: string): string | undefined {
  const t = Object.values((ws as unknown as { tables: Record<string, { model: { name: string; tableRef: string } }> }).tables).find((x) => x.model.name === name);
  return t?.model.tableRef;
}

/** Ann Lee on unit 202, one accepted piece of evidence E1 on the grid, and `edit` applied to the index. */
async function built(dir: string, edit: (index: ExcelJS.Worksheet) => void): Promise<string> {
  const path = join(dir, 'ann.xlsx');
  expect((await runCli([...BUILD, '-u', '202'], dir)).code).toBe(0);
  const wb = await open(path);
  const grid = wb.getWorksheet(GRID_202)!;
  // Evidence rows start under the header row 14; item 1.1 is column H.
  ['E1', new Date(Date.UTC(2026, 10, 3)), 'Observation', 'Handled a complaint', 'Folder 3', 'Accepted'].forEach((v, i) => (grid.getCell(15, i + 1).value = v));
  grid.getCell('H15').value = '✓';
  edit(wb.getWorksheet(EVIDENCE)!);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('the user\'s own content on the index of evidence', () => {
  it('a small table of the user\'s headed "Ref | Where" above the index (K2:L4) is kept by a rebuild', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-index-'));
    const path = await built(dir, (index) =>
      index.addTable({ name: 'Where', ref: 'K2', headerRow: true, columns: [{ name: 'Ref' }, { name: 'Where' }], rows: [['E1', 'Shared drive'], ['E2', 'Box file']] }),
    );
    const rebuilt = await runCli([...BUILD, '-u', '202,210'], dir);
    // It was refused with "the formatted range ends before it starts ({"row":6,"col":9,...})": the
    // reader took row 2 (Ref, Where) for the index's header row while the planner used row 6.
    expect(rebuilt.err).not.toContain('ends before it starts');
    expect(rebuilt.code).toBe(0);
    const index = (await open(path)).getWorksheet(EVIDENCE)!;
    expect(tableRef(index, 'Where')).toBe('K2:L4');
    expect(index.getCell('L3').value).toBe('Shared drive');
    expect(index.getCell('A7').value).toBe('E1');
  });

  it('plain cells "Ref" and "Where" typed above the index do not stop a rebuild', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-index-'));
    const path = await built(dir, (index) => {
      index.getCell('K3').value = 'Ref';
      index.getCell('L3').value = 'Where';
    });
    const before = readFileSync(path);
    const rebuilt = await runCli([...BUILD, '-u', '202,210'], dir);
    expect(rebuilt.err).not.toContain('ends before it starts');
    expect(rebuilt.code).toBe(0);
    expect(readFileSync(path).equals(before)).toBe(false);
  });

  it('a user\'s table beside the index, lower down (K20:L22), does not push new evidence below it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-index-'));
    const path = await built(dir, (index) =>
      index.addTable({ name: 'Visits', ref: 'K20', headerRow: true, columns: [{ name: 'Visit' }, { name: 'When' }], rows: [['First', 'March'], ['Second', 'May']] }),
    );
    expect((await runCli([...BUILD, '-u', '202,210'], dir)).code).toBe(0);
    const index = (await open(path)).getWorksheet(EVIDENCE)!;
    expect(tableRef(index, 'Visits')).toBe('K20:L22');
    // E1 used to land on row 23 (after the user's table), the index's table A6:I23 with 15 blank rows inside it.
    expect(index.getCell('A7').value).toBe('E1');
    expect(tableRef(index, 'Evidence_Ann_Lee')).toBe('A6:I7');
  });

  it("a user's table level with the index's header row, past a blank column (K6:L8), is kept and is not read as the index's columns", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-index-'));
    const path = await built(dir, (index) =>
      index.addTable({ name: 'Beside', ref: 'K6', headerRow: true, columns: [{ name: 'Visit' }, { name: 'When' }], rows: [['First', 'March'], ['Second', 'May']] }),
    );
    const rebuilt = await runCli([...BUILD, '-u', '202,210'], dir);
    expect(rebuilt.err).not.toContain('would write');
    expect(rebuilt.code).toBe(0);
    const index = (await open(path)).getWorksheet(EVIDENCE)!;
    expect(tableRef(index, 'Beside')).toBe('K6:L8');
    expect(tableRef(index, 'Evidence_Ann_Lee')).toBe('A6:I7');
    expect([7, 8].map((r) => [index.getCell(`A${r}`).value, index.getCell(`K${r}`).value, index.getCell(`L${r}`).value])).toEqual([
      ['E1', 'First', 'March'],
      [null, 'Second', 'May'],
    ]);
  });

  it('sample --record writes the IV\'s initials on the index when "Ref | Where" is typed above it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-index-'));
    const path = await built(dir, () => undefined);
    // A rebuild lists E1 on the index (row 7); then the user types a little list of their own above it.
    expect((await runCli([...BUILD, '-u', '202'], dir)).code).toBe(0);
    const wb = await open(path);
    wb.getWorksheet(EVIDENCE)!.getCell('K3').value = 'Ref';
    wb.getWorksheet(EVIDENCE)!.getCell('L3').value = 'Where';
    await wb.xlsx.writeFile(path);
    expect((await runCli(['sample', 'ann.xlsx', '--seed', '1', '-o', 'plan.xlsx'], dir)).code).toBe(0);
    expect(await recordInPlan(join(dir, 'plan.xlsx'), ['Ann Lee'])).toBe(1);

    const recorded = await runCli(['sample', 'ann.xlsx', '--record', 'plan.xlsx'], dir);
    // It failed with "not found: Ann Lee Evidence: no "Sampled by IV (initials)" column" (it is H6):
    // the index was read from row 3. Without K3:L3 the same run records JB in H7.
    expect(recorded.out + recorded.err).not.toContain('no "Sampled by IV (initials)" column');
    expect(recorded.code).toBe(0);
    const index = (await open(path)).getWorksheet(EVIDENCE)!;
    expect(index.getCell('A7').value).toBe('E1');
    expect(index.getCell('H7').value).toBe('JB');
  });
});
