import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/runCli';

const dir = mkdtempSync(join(tmpdir(), 'vq-hostile-'));

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb;
}

describe('hostile text', () => {
  const names = [
    '=HYPERLINK("http://evil","click")',
    '+44 20 7946 0000',
    '-1',
    '@SUM(A1)',
    'A'.repeat(300),
    'A'.repeat(300) + 'B', // truncates to the same sheet name as the one above
    'Ana/Bó: [lead]*?',
    "'quoted'",
    '👩🏽‍🏫 Zoë 😀',
    'محمد الأحمد',
    'Jane Smith',
    'Jane Smith', // duplicate
  ];

  it('builds a cohort: names stay exactly as typed, as text; sheet names are valid and unique; duplicates are built once', async () => {
    // CSV quoting for the names that need it ("" for a quote inside).
    writeFileSync(join(dir, 'names.txt'), names.map((n) => (/[",]/.test(n) ? `"${n.replace(/"/g, '""')}"` : n)).join('\n'));
    const r = await runCli(['build', '-q', 'CCA010-02', '--candidates', 'names.txt', '-u', 'U13202', '-o', 'hostile.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('candidate "Jane Smith" is listed more than once; built once');
    const wb = await open('hostile.xlsx');
    const sheetNames = wb.worksheets.map((w) => w.name);
    expect(new Set(sheetNames.map((n) => n.toLowerCase())).size).toBe(sheetNames.length);
    for (const n of sheetNames) {
      expect(Array.from(n).length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
    // Every distinct candidate has its grids, and the name cell holds exactly what was typed, as text.
    const candidates = new Set(wb.worksheets.filter((w) => w.getCell('A1').value === 'Unit coverage grid').map((w) => w.getCell('B2').value));
    const expected = names;
    expect([...candidates].sort()).toEqual([...new Set(expected)].sort());
    for (const w of wb.worksheets) expect(typeof w.getCell('B2').value === 'string' || w.getCell('B2').value === null).toBe(true);
    // And check reads every one of them back.
    const checked = await runCli(['check', 'hostile.xlsx', '--json'], dir);
    expect(checked.code).toBe(0);
    const found = (JSON.parse(checked.out) as { files: { candidates: { candidate: string }[] }[] }).files[0]!.candidates.map((c) => c.candidate);
    expect(found.sort()).toEqual([...new Set(expected)].sort());
  });
});

describe('workbooks edited by hand', () => {
  beforeAll(async () => {
    const r = await runCli(['build', '-q', '4430-02', '-c', 'Sam Lee', '-u', '203', '-o', 'edited.xlsx'], dir);
    expect(r.code).toBe(0);
  });

  it('a renamed grid sheet is still found, checked and rebuilt in place with its marks', async () => {
    const wb = await open('edited.xlsx');
    const ws = wb.getWorksheet('Sam Lee 4430-203')!;
    ws.name = 'My renamed sheet';
    ws.getCell('A15').value = 'E9';
    ws.getCell('F15').value = 'Accepted';
    ws.getCell('H15').value = '✓';
    await wb.xlsx.writeFile(join(dir, 'edited.xlsx'));
    const checked = await runCli(['check', 'edited.xlsx', '--json'], dir);
    const units = (JSON.parse(checked.out) as { files: { candidates: { units: { unit: string; sheet: string; missing: string[] }[] }[] }[] }).files[0]!.candidates[0]!.units;
    expect(units.find((u) => u.unit === '4430-203')).toMatchObject({ sheet: 'My renamed sheet' });
    expect(units.find((u) => u.unit === '4430-203')!.missing).not.toContain('1.1');
    const rebuilt = await runCli(['build', '-q', '4430-02', '-c', 'Sam Lee', '-u', '203,212', '-o', 'edited.xlsx'], dir);
    expect(rebuilt.out).toContain('My renamed sheet: unit 4430-203; kept 1 evidence row and 1 mark');
    const after = await open('edited.xlsx');
    expect(after.getWorksheet('My renamed sheet')!.getCell('H15').value).toBe('✓');
  });

  it('merged cells over marks do not stop a grid being read', async () => {
    const wb = await open('edited.xlsx');
    const ws = wb.getWorksheet('Sam Lee 4430-101')!;
    ws.getCell('A15').value = 'E1';
    ws.getCell('H15').value = 'x';
    ws.mergeCells('D15:E16');
    await wb.xlsx.writeFile(join(dir, 'edited.xlsx'));
    const checked = await runCli(['check', 'edited.xlsx', '--json'], dir);
    expect(checked.code).toBe(0);
    const u101 = (JSON.parse(checked.out) as { files: { candidates: { units: { unit: string; missing: string[] }[] }[] }[] }).files[0]!.candidates[0]!.units.find((u) => u.unit === '4430-101')!;
    expect(u101.missing[0]).toBe('1.1'); // claimed (no decision), so still missing: but read, not an error
  });

  it('a deleted header row is reported with the sheet named, and nothing is written over it', async () => {
    const wb = await open('edited.xlsx');
    const ws = wb.getWorksheet('Sam Lee 4430-201')!;
    ws.spliceRows(14, 1); // the "Ref no. / item codes" row
    await wb.xlsx.writeFile(join(dir, 'edited.xlsx'));
    const checked = await runCli(['check', 'edited.xlsx'], dir);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain('edited.xlsx: sheet "Sam Lee 4430-201": No header row of item codes for unit 4430-201');
  });

  it('an empty workbook has no grids to check, and says so', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    await wb.xlsx.writeFile(join(dir, 'empty.xlsx'));
    const r = await runCli(['check', 'empty.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('empty.xlsx: no coverage grids found (sheets: Sheet1)');
  });
});
