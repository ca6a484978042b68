import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/runCli';

/*
 * The tracker and the index of evidence are rebuilt whole (their entries carried as values): a note
 * or link someone added there would be lost, so the rebuild says which and writes nothing without --force.
 */
describe('a rebuild never drops notes or links silently', () => {
  it('refuses, naming the sheet and cells, and leaves the file as it was; --force rebuilds without them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-tracker-notes-'));
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', 'jane.xlsx'], dir)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'jane.xlsx'));
    const tracker = wb.getWorksheet('Jane Smith Tracker')!;
    tracker.getCell('J9').note = 'Observed by the EQA on 3 March';
    tracker.getCell('N9').value = { text: 'Witness statement', hyperlink: 'file:///evidence/witness.pdf' };
    await wb.xlsx.writeFile(join(dir, 'jane.xlsx'));
    const before = readFileSync(join(dir, 'jane.xlsx'));

    const refused = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203,212', '-o', 'jane.xlsx'], dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('sheet "Jane Smith Tracker": note in J9, link in N9');
    expect(refused.err).toContain('Nothing was written');
    expect(readFileSync(join(dir, 'jane.xlsx')).equals(before)).toBe(true);

    const forced = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203,212', '-o', 'jane.xlsx', '--force'], dir);
    expect(forced.code).toBe(0);
  });
});
