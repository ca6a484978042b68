import { readCohort } from '../../../src/domain/cohort/cohortSummary';
import { makeSamplingPlan, parseRates, sampledEvidenceFilters } from '../../../src/domain/sampling/samplingPlan';
import { catalog, cohortWorkbook } from './cohortFixtures';

describe('sampling tells candidates apart as every command does', () => {
  // Two people called Amy Ng in one workbook, told apart by their ULNs.
  const { sheets } = cohortWorkbook([
    { name: 'Amy Ng', id: '1111111111', assessor: 'P. Jones', units: ['203'], evidence: { '203': [{ ref: 'E1', method: 'Observation', location: 'Office' }] } },
    { name: 'Amy Ng', id: '2222222222', assessor: 'K. Lee', units: ['203'], evidence: { '203': [{ ref: 'E1', method: 'Questioning', location: 'Shop' }] } },
  ]);
  const cohort = readCohort(sheets, catalog);

  it('reads two candidates, each with their id', () => {
    expect(cohort.problems).toEqual([]);
    expect(cohort.candidates.map((c) => [c.candidate, c.candidateId, c.assessor])).toEqual([
      ['Amy Ng', '1111111111', 'P. Jones'],
      ['Amy Ng', '2222222222', 'K. Lee'],
    ]);
  });

  it('samples what an EV rejected for the candidate of that id only, and filters only that candidate\'s index', () => {
    const rates = parseRates({ riskLevels: { experienced: { percent: 0, minPerUnit: 0 } }, coverage: [], rejected: [{ by: 'EV', candidateId: '2222222222' }] });
    if (!rates.ok) throw new Error(rates.problem.message);
    const plan = makeSamplingPlan(cohort, rates.value, 1);
    expect(plan.rows.map((r) => [r.candidateId, r.assessor, r.reason])).toEqual([['2222222222', 'K. Lee', 'Rejected by EV']]);
    const filters = sampledEvidenceFilters(plan.rows, cohort);
    expect(filters.map((f) => [f.sheet, f.values])).toEqual([[cohort.candidates[1]!.evidenceIndex, ['E1']]]);
  });
});
