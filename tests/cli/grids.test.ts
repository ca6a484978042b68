import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

/** Find a grid's header row (Ref no. ...) and the column of an item code. */
function locate(ws: ExcelJS.Worksheet, code: string): { headerRow: number; col: number } {
  for (let r = 1; r <= 40; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === 'Ref no.') {
      for (let c = 1; c <= ws.columnCount; c++) if (String(row.getCell(c).value) === code) return { headerRow: r, col: c };
    }
  }
  throw new Error(`no column ${code} on ${ws.name}`);
}

describe('vq-matrix build and check on real .xlsx files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-grids-'));

  it('builds a candidate workbook with mandatory units added, checks it, and rebuilds it keeping every mark', async () => {
    const built = await runCli(['build', '--qualification', '601/3456/2', '--candidate', 'Jane Smith', '--assessor', 'A. Assessor', '--units', 'CS 5,CS 10', '-o', 'jane.xlsx'], dir);
    expect(built.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(built.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'jane.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Jane Smith CS 7', 'Jane Smith CS 8', 'Jane Smith CS 9', 'Jane Smith B&A 38', 'Jane Smith M&L 1', 'Jane Smith CS 5', 'Jane Smith CS 10', 'Jane Smith Tracker', 'Jane Smith Evidence']);
    expect(wb.getWorksheet('Jane Smith Tracker')!.getCell('A1').value).toBe('Unit progress record');
    expect(wb.definedNames.getRanges('Evidence_Jane_Smith_CS_8').ranges[0]).toMatch(/^'Jane Smith CS 8'!\$A\$14:/);

    // The assessor fills in CS 8 completely on one accepted evidence row, and claims one item of CS 5.
    const cs8 = wb.getWorksheet('Jane Smith CS 8')!;
    const { headerRow } = locate(cs8, '1.1');
    const header = cs8.getRow(headerRow);
    const ev = cs8.getRow(headerRow + 1);
    ev.getCell(1).value = 'E1';
    ev.getCell(6).value = 'Accepted';
    for (let c = 8; c <= cs8.columnCount; c++) if (header.getCell(c).value) ev.getCell(c).value = '✓';
    const cs5 = wb.getWorksheet('Jane Smith CS 5')!;
    const at = locate(cs5, '1.1');
    cs5.getRow(at.headerRow + 1).getCell(1).value = 'E2';
    cs5.getRow(at.headerRow + 1).getCell(at.col).value = 'x';
    await wb.xlsx.writeFile(join(dir, 'jane.xlsx'));

    const checked = await runCli(['check', 'jane.xlsx', '--json'], dir);
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.out) as { files: { file: string; candidates: { candidate: string; credits: number; units: { unit: string; complete: boolean; coverage: number; missing: string[] }[]; rules: { met: boolean; unmet: string[] } }[] }[] };
    const jane = report.files[0]!.candidates[0]!;
    expect(jane.candidate).toBe('Jane Smith');
    expect(jane.credits).toBe(2);
    const unit = (code: string) => jane.units.find((u) => u.unit === code)!;
    expect(unit('CS 8')).toMatchObject({ complete: true, coverage: 1, missing: [] });
    expect(unit('CS 5').complete).toBe(false);
    expect(unit('CS 5').missing[0]).toBe('1.1'); // claimed, not accepted: still missing
    expect(jane.rules.met).toBe(false);
    expect(jane.rules.unmet).toContain('needs mandatory units CS 7 Deliver customer service; CS 9 Principles of customer service; B&A 38 Understand employer organisations; M&L 1 Manage personal performance and development');

    // Rebuild in place with another unit: every mark is still there.
    const rebuilt = await runCli(['build', '-q', '601/3456/2', '-c', 'Jane Smith', '-u', 'CS 5,CS 10,CS 11', '-o', 'jane.xlsx'], dir);
    expect(rebuilt.out).toContain('Jane Smith CS 8: unit CS 8; kept 1 evidence row and');
    const again = await runCli(['check', 'jane.xlsx', '--json'], dir);
    const janeAgain = (JSON.parse(again.out) as typeof report).files[0]!.candidates[0]!;
    expect(janeAgain.units.find((u) => u.unit === 'CS 8')!.complete).toBe(true);
    expect(janeAgain.units.map((u) => u.unit)).toContain('CS 11');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(join(dir, 'jane.xlsx'));
    // The evidence index now lists E1 against CS 8 and E2 against CS 5.
    const index = wb2.getWorksheet('Jane Smith Evidence')!;
    const indexText = index.getSheetValues().flat().map((v) => String(v ?? '')).join('|');
    expect(indexText).toMatch(/E1\|.*CS 8: 1\.1, 1\.2/);
    expect(indexText).toContain('CS 5: 1.1');
    const cs5again = wb2.getWorksheet('Jane Smith CS 5')!;
    const at2 = locate(cs5again, '1.1');
    expect(cs5again.getRow(at2.headerRow + 1).getCell(1).value).toBe('E2');
    expect(cs5again.getRow(at2.headerRow + 1).getCell(at2.col).value).toBe('x');
  });

  it('builds the criteria-rows layout for a cohort from a candidates file, with occasions needed, and checks it', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'cohort.csv'), 'Candidate,Assessor\nAmy Ng,P. Jones\nBen Ode\n\n# left\n');
    const built = await runCli(['build', '-q', 'cg-nsvq2-recording-forms', '--candidates', 'cohort.csv', '-u', '101', '--layout', 'criteria-rows', '--occasions', '2', '-o', 'forms.xlsx'], dir);
    expect(built.err.replace(PATHWAY_WARNING, '')).toBe('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'forms.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Amy Ng 101', 'Amy Ng Tracker', 'Amy Ng Evidence', 'Ben Ode 101', 'Ben Ode Tracker', 'Ben Ode Evidence']);
    const amy = wb.getWorksheet('Amy Ng 101')!;
    expect(amy.getCell('B3').value).toBe('P. Jones');
    // Row per item: fill every item of Amy's unit with two refs, accepted.
    let header = 0;
    amy.eachRow((row, n) => {
      if (row.getCell(3).value === 'Code') header = n;
    });
    expect(header).toBeGreaterThan(0);
    // --occasions 2 is the grid's default cell; every item follows it.
    expect(amy.getCell('B6').value).toBe(2);
    for (let r = header + 1; r <= amy.rowCount; r++) {
      const row = amy.getRow(r);
      if (!/^101\.|^[a-z]$|^\d/.test(String(row.getCell(3).value ?? ''))) continue;
      if (row.getCell(5).formula !== 'IF(ISNUMBER($B$6),$B$6,1)') throw new Error(`occasions needed on row ${r} is ${String(row.getCell(5).value)}`);
      row.getCell(6).value = 'A1';
      row.getCell(7).value = 'A2';
      row.getCell(15).value = 'Accepted';
    }
    await wb.xlsx.writeFile(join(dir, 'forms.xlsx'));
    const checked = await runCli(['check', 'forms.xlsx', '--json'], dir);
    const files = (JSON.parse(checked.out) as { files: { candidates: { candidate: string; units: { complete: boolean; coverage: number }[]; rules: { met: boolean; cannotCheck: string[] } }[] }[] }).files;
    const [amyCheck, benCheck] = files[0]!.candidates;
    expect(amyCheck!.candidate).toBe('Amy Ng');
    expect(amyCheck!.units[0]).toMatchObject({ complete: true, coverage: 1 });
    expect(amyCheck!.rules).toMatchObject({ met: false, cannotCheck: ['cannot be checked: the standard gives no rules of combination'] });
    expect(benCheck!.units[0]).toMatchObject({ complete: false, coverage: 0 });
  });

  it('rejects a bad layout or occasions value', async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'A', '--layout', 'diagonal', '-o', 'x.xlsx'], dir)).err).toContain('--layout must be evidence-rows or criteria-rows');
    expect((await runCli(['build', '-q', '4430-02', '-c', 'A', '--occasions', '0', '-o', 'x.xlsx'], dir)).err).toContain('--occasions must be a whole number of at least 1');
  });

  it('keeps formula-looking candidate names as text and makes sheet names valid', async () => {
    const name = "=HYPERLINK(\"http://x\")/[a]:b*?";
    const r = await runCli(['build', '-q', 'CCA010-02', '-c', name, '-u', 'U13202', '-o', 'odd.xlsx'], dir);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'odd.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.name.length).toBeLessThanOrEqual(31);
    expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
    expect(ws.getCell('B2').value).toBe(name);
  });

  it('names the file, sheet and cell of a grid it cannot read, and exits 1', async () => {
    await runCli(['build', '-q', '4430-02', '-c', 'Kim', '-u', '203', '-o', 'kim.xlsx'], dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'kim.xlsx'));
    wb.getWorksheet('Kim 4430-203')!.getCell('B4').value = '4430-2003'; // a mistyped unit code
    await wb.xlsx.writeFile(join(dir, 'kim.xlsx'));
    const r = await runCli(['check', 'kim.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^vq-matrix: kim\.xlsx: sheet "Kim 4430-203", cell B4: Unknown unit "4430-2003" in Level 2 NVQ Certificate in Customer Service\. Closest known: 4430-203/m);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'broken.xlsx'), 'not a zip');
    const broken = await runCli(['check', 'broken.xlsx'], dir);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('vq-matrix: broken.xlsx is a text file (such as CSV), not an Excel Workbook (.xlsx); open it in Excel (or LibreOffice) and save it as Excel Workbook (.xlsx) first');
  });

  it('fails clearly on unreadable input and unknown codes', async () => {
    const missing = await runCli(['check', 'nope.xlsx'], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.xlsx: no such file or folder');
    const unknown = await runCli(['build', '-q', '4430-02', '-c', 'A', '-u', '2033', '-o', 'x.xlsx'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown unit "2033"/);
  });

  it('a new workbook is written as it is planned: a later candidate that cannot be built leaves no file, no temporary file and no lock', async () => {
    const { readdirSync, writeFileSync } = await import('node:fs');
    // The third candidate's name is longer than a cell holds: found once the first two are written to the temporary file.
    writeFileSync(join(dir, 'long.csv'), `Amy Ng\nBen Ode\n${'C'.repeat(40_000)}\n`);
    const r = await runCli(['build', '-q', '4430-02', '--candidates', 'long.csv', '-u', '203', '-o', 'long.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^vq-matrix: long\.xlsx: The workbook cannot be written as planned, so nothing was changed\. Sheet "C{22} 4430-101", cell B2: the text is 40,000 characters long; a cell holds at most 32,767\. \(That sheet is for C{40000}, line 3 of long\.csv\.\)$/m);
    expect(readdirSync(dir).filter((f) => f.startsWith('long.xlsx') || f.startsWith('.long.xlsx'))).toEqual([]);
  });
});
