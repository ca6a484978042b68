import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

/** #10.2: the command line, like the pane, sees the tables and names already in the file. */
describe('vq-matrix build into a file that has a similarly named candidate', () => {
  it('"Jane-Smith" after "Jane Smith" gets tables and names of their own; Jane Smith\'s stay as they were', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-preflight-'));
    const first = await runCli(['build', '-q', '4430-02', '--candidate', 'Jane Smith', '-o', 'cohort.xlsx'], dir);
    expect([first.code, first.err.replace(PATHWAY_WARNING, '')]).toEqual([0, '']);
    const second = await runCli(['build', '-q', '4430-02', '--candidate', 'Jane-Smith', '-o', 'cohort.xlsx'], dir);
    expect([second.code, second.err.replace(PATHWAY_WARNING, '')]).toEqual([0, '']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'cohort.xlsx'));
    const tables = wb.worksheets.flatMap((ws) => Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables).map((t) => `${t}@${ws.name}`));
    expect(tables).toEqual(expect.arrayContaining(['Progress_Jane_Smith@Jane Smith Tracker', 'Progress_Jane_Smith_2@Jane-Smith Tracker']));
    expect(wb.definedNames.getRanges('Evidence_Jane_Smith_4430_101').ranges[0]).toMatch(/^'Jane Smith 4430-101'!/);
    expect(wb.definedNames.getRanges('Evidence_Jane_Smith_4430_101_2').ranges[0]).toMatch(/^'Jane-Smith 4430-101'!/);
  });
});
