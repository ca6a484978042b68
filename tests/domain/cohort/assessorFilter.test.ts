import { assessorsCohort, cohortAssessors, isAssessorsCandidate } from '../../../src/domain/cohort/assessorFilter';
import type { Cohort, CohortCandidate } from '../../../src/domain/cohort/cohortSummary';

const candidate = (name: string, assessor: string): CohortCandidate => ({
  candidate: name,
  qualification: 'q',
  qualificationTitle: 'Q',
  minimumCredits: null,
  assessor,
  units: [],
  credits: 0,
  rules: { met: true, status: 'met', unmet: [], cannotCheck: [] },
});

describe("one assessor's candidates", () => {
  const cohort: Cohort = {
    candidates: [candidate('Amy', 'P. Jones'), candidate('Ben', 'K. Lee'), candidate('Cy', 'K. Lee; P.  Jones'), candidate('Di', '')],
    problems: [{ sheet: 'x', message: 'kept' }],
  };

  it('matches names ignoring case and spaces, including each of a candidate\'s several assessors', () => {
    expect(assessorsCohort(cohort, 'p.jones').candidates.map((c) => c.candidate)).toEqual(['Amy', 'Cy']);
    expect(assessorsCohort(cohort, ' K. LEE ').candidates.map((c) => c.candidate)).toEqual(['Ben', 'Cy']);
    expect(assessorsCohort(cohort, 'P. Jonés').candidates).toEqual([]);
    expect(assessorsCohort(cohort, 'Jones').candidates).toEqual([]); // part of a name is not the name
    expect(assessorsCohort(cohort, 'x').problems).toEqual(cohort.problems);
  });

  it('never matches a blank name, even a candidate with no assessor', () => {
    expect(isAssessorsCandidate(cohort.candidates[3]!, '')).toBe(false);
    expect(isAssessorsCandidate(cohort.candidates[3]!, '  ')).toBe(false);
  });

  it('lists every assessor once, as first written', () => {
    expect(cohortAssessors(cohort)).toEqual(['K. Lee', 'P. Jones']);
  });
});
