import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { buildCohortSummary, COHORT_ROWS, readCohort } from '../../../src/domain/cohort/cohortSummary';
import { workbookPlan } from '../../../src/domain/grid/candidateWorkbook';
import { isoDateToSerial } from '../../../src/domain/workbook/sheetValues';
import { convertWithLibreOffice, parseCsv } from '../../support/libreoffice';
import { catalog, cohortWorkbook } from '../sampling/cohortFixtures';

// The live summary must compute outside Excel too: LibreOffice recalculates it over the grids.
describe('a live cohort summary opened in LibreOffice', () => {
  it('computes status, coverage, units complete, credits, last evidence date and the completion tables from the grids', async () => {
    const D = (iso: string) => isoDateToSerial(iso);
    const built = cohortWorkbook([
      {
        name: 'Amy Ng',
        assessor: 'P. Jones',
        units: ['203'],
        evidence: {
          '101': [{ ref: 'A1', date: D('2025-01-10'), marks: 'all' }],
          '203': [{ ref: 'E1', date: D('2025-02-01') }],
        },
      },
      { name: "Zoë O'Neil", assessor: 'K. Lee', units: ['203'], evidence: { '203': [{ ref: 'Z1', date: D('2025-03-05'), decision: '' }] } },
    ]);
    const cohort = readCohort(built.sheets, catalog);
    const summary = buildCohortSummary(cohort, { mode: 'live' });
    const wb = XlsxWorkbook.create();
    await wb.apply(workbookPlan([...built.plans, summary.sheet], built.names));
    const file = join(mkdtempSync(join(tmpdir(), 'vq-cohort-lo-')), 'cohort.xlsx');
    await wb.toFile(file);

    const converted = await convertWithLibreOffice(file, 'csv');
    try {
      const out = converted.outputs.find((o) => o.sheet === 'Cohort summary');
      expect(out).toBeDefined();
      const rows = parseCsv(out!.text);
      const header = rows[COHORT_ROWS.header]!;
      const cell = (candidate: number, label: string) => rows[summary.candidateRows[candidate]!]![header.indexOf(label)]!;
      const pct = (s: string) => parseFloat(s) / (s.endsWith('%') ? 100 : 1);

      expect(cell(0, 'Candidate')).toBe('Amy Ng');
      expect(cell(0, '4430-101 status')).toBe('Complete');
      expect(pct(cell(0, '4430-101 coverage'))).toBe(1);
      expect(cell(0, '4430-201 status')).toBe('Not started');
      expect(cell(0, '4430-203 status')).toBe('In progress');
      expect(pct(cell(0, '4430-203 coverage'))).toBeCloseTo(cohort.candidates[0]!.units.find((u) => u.unit === '4430-203')!.coverage, 6);
      expect(cell(0, 'Units complete')).toBe('1');
      expect(cell(0, 'Credits achieved')).toBe('4');
      expect(cell(0, 'Credits still needed')).toBe('24');
      expect(['01/02/2025', '02/01/2025']).toContain(cell(0, 'Last evidence date'));
      // Claimed, not yet judged: in progress, nothing covered.
      expect(cell(1, 'Candidate')).toBe("Zoë O'Neil");
      expect(cell(1, '4430-203 status')).toBe('In progress');
      expect(pct(cell(1, '4430-203 coverage'))).toBe(0);
      expect(cell(1, 'Units complete')).toBe('0');
      expect(cell(1, 'Credits still needed')).toBe('28');

      // Completion by unit: 4430-101 complete for one of two candidates.
      const u = rows[summary.unitsTable.firstRow]!;
      expect(u.slice(0, 6)).toEqual(['4430-101', 'Communicate using customer service language', '2', '1', '0', '1']);
      expect(pct(u[6]!)).toBe(0.5);
      // Completion by assessor: P. Jones 1 of 3 units complete, K. Lee none.
      const byAssessor = rows.slice(summary.assessorsTable.firstRow, summary.assessorsTable.lastRow + 1).map((r) => r.slice(0, 4));
      expect(byAssessor).toEqual([
        ['K. Lee', '1', '3', '0'],
        ['P. Jones', '1', '3', '1'],
      ]);
    } finally {
      converted.cleanup();
    }
  }, 120_000);
});
