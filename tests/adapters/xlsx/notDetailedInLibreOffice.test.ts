import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { credits } from '../../../src/domain/checks/sheetChecks';
import { buildCandidateWorkbook, workbookPlan } from '../../../src/domain/grid/candidateWorkbook';
import { TRACKER_FIELDS, TRACKER_ROWS } from '../../../src/domain/grid/trackerSheet';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { convertWithLibreOffice, parseCsv } from '../../support/libreoffice';

// A not-detailed unit recorded on the tracker is Complete in the sheets' own formulas (tracker,
// its grid, the totals) and counts for VQ.CREDITS over the tracker, as check says.
describe('a not-detailed unit recorded on the tracker, opened in LibreOffice', () => {
  it('shows Complete on the tracker and its grid, and its credit counts in the totals and VQ.CREDITS', async () => {
    const catalog = bundledCatalog();
    const q = catalog.findQualification('4430-02');
    if (!q.ok) throw new Error(q.problem.message);
    const built = buildCandidateWorkbook({ qualification: q.value, candidate: 'Jane Smith', units: ['102', '103'] }, [], new Set());
    if (!built.ok) throw new Error(built.problem.message);
    const tracker = built.value.sheets.find((s) => s.name === built.value.tracker)!;
    const block = tracker.blocks[0]!.values;
    const col = (f: (typeof TRACKER_FIELDS)[number]) => TRACKER_FIELDS.indexOf(f);
    const rowOf = (code: string) => block.findIndex((r, i) => i >= TRACKER_ROWS.first && r[0] === code);
    // 102 recorded (assessor and date); 103 only half recorded (no date).
    block[rowOf('4430-102')]![col('assessor')] = 'A. Assessor';
    block[rowOf('4430-102')]![col('dateCompleted')] = { date: '2025-03-03' };
    block[rowOf('4430-103')]![col('assessor')] = 'A. Assessor';
    const wb = XlsxWorkbook.create();
    await wb.apply(workbookPlan(built.value.sheets, built.value.names));
    const file = join(mkdtempSync(join(tmpdir(), 'vq-nd-lo-')), 'jane.xlsx');
    await wb.toFile(file);

    const converted = await convertWithLibreOffice(file, 'csv');
    try {
      const sheet = (name: string) => parseCsv(converted.outputs.find((o) => o.sheet === name)!.text);
      const rows = sheet('Jane Smith Tracker');
      expect(rows[rowOf('4430-102')]![col('status')]).toBe('Complete');
      expect(rows[rowOf('4430-103')]![col('status')]).toBe('Not started');
      expect(sheet('Jane Smith 4430-102')[4]![4]).toBe('Complete');
      expect(sheet('Jane Smith 4430-103')[4]![4]).toBe('Not started');
      const totals = rows.find((r) => r[0] === 'Credits achieved')!;
      expect(totals[2]).toBe('5');
      // VQ.CREDITS(tracker's units and status, "4430-02", "complete") over the recalculated values.
      const units = rows.filter((r, i) => i >= TRACKER_ROWS.first && /^4430-/.test(r[0] ?? '')).map((r) => [r[0]!, r[col('status')]!]);
      expect(credits(units, '4430-02', 'complete', catalog)).toEqual({ ok: true, value: 5 });
    } finally {
      converted.cleanup();
    }
  }, 90_000);
});
