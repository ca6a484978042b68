import { readCohort } from '../src/domain/cohort/cohortSummary';
import { bundledCatalog } from '../src/domain/standards/bundled';
import type { SheetValues } from '../src/domain/workbook/sheetValues';
import { cohortWorkbook, type CandidateSpec } from '../tests/domain/sampling/cohortFixtures';

/** A cohort workbook's sheets (as read back): n candidates of 4430-02, unit 203 (and the mandatory units) each, evidence on 203, tracker and evidence index. */
function cohortSheets(n: number): SheetValues[] {
  const methods = ['Observation', 'Witness testimony', 'Professional discussion', 'Product'];
  const sites = ['Head office', 'Branch', 'Call centre'];
  const candidates: CandidateSpec[] = Array.from({ length: n }, (_, i) => ({
    name: `Candidate ${String(i).padStart(4, '0')}`,
    assessor: `Assessor ${i % 13}`,
    units: ['203', '204'],
    evidence: { '203': [{ ref: 'E1', method: methods[i % 4], location: sites[i % 3], decision: 'Accepted', marks: 'all' }] },
  }));
  const q = bundledCatalog().findQualification('4430-02');
  if (!q.ok) throw new Error(q.problem.message);
  return cohortWorkbook(candidates, q.value, { rebuild: false }).sheets;
}

export interface CohortReadFigures {
  readSeconds100: number;
  readSeconds1000: number;
  /** Per-candidate time at 1,000 over that at 100 (target <= 1.2), by the clock and by CPU time. */
  perCandidateRatio: number;
  perCandidateCpuRatio: number;
  cpuSeconds100: number;
  cpuSeconds1000: number;
}

/** readCohort over a 100- and a 1,000-candidate cohort: the fastest of a few runs (other load on the machine only adds time). */
export function cohortReadFigures(): CohortReadFigures {
  const catalog = bundledCatalog();
  const time = (sheets: SheetValues[], candidates: number, runs: number) => {
    let best = { wall: Infinity, cpu: Infinity };
    for (let r = 0; r < runs; r++) {
      const cpu = process.cpuUsage();
      const t = process.hrtime.bigint();
      const cohort = readCohort(sheets, catalog);
      const wall = Number(process.hrtime.bigint() - t) / 1e9;
      const used = process.cpuUsage(cpu);
      if (cohort.candidates.length !== candidates) throw new Error('the cohort read lost candidates');
      if (wall < best.wall) best = { wall, cpu: (used.user + used.system) / 1e6 };
    }
    return best;
  };
  const small = cohortSheets(100);
  time(small, 100, 2); // warm-up: the first reads pay for compiling
  const at100 = time(small, 100, 5);
  const at1000 = time(cohortSheets(1000), 1000, 3);
  return {
    readSeconds100: at100.wall,
    readSeconds1000: at1000.wall,
    perCandidateRatio: at1000.wall / 1000 / (at100.wall / 100),
    perCandidateCpuRatio: at1000.cpu / 1000 / (at100.cpu / 100),
    cpuSeconds100: at100.cpu,
    cpuSeconds1000: at1000.cpu,
  };
}
