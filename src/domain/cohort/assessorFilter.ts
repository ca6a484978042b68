import type { Cohort, CohortCandidate } from './cohortSummary';

/*
 * One assessor's share of a cohort (`cohort --assessor`, the pane's Progress filter). Names are
 * compared ignoring case and spaces, as people type them: "p jones" is "P Jones" and "PJONES".
 */

/** A name as compared: case and spaces ignored. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** The assessors a candidate is listed under: the candidate's Assessor, or each of the grids' assessors when they differ ("A; B"). */
export function candidateAssessors(c: Pick<CohortCandidate, 'assessor'>): string[] {
  return c.assessor
    .split(';')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

export function isAssessorsCandidate(c: Pick<CohortCandidate, 'assessor'>, assessor: string): boolean {
  const key = nameKey(assessor);
  return key !== '' && candidateAssessors(c).some((a) => nameKey(a) === key);
}

/** Every assessor named in the cohort, once each (first spelling met), sorted. */
export function cohortAssessors(cohort: { candidates: readonly Pick<CohortCandidate, 'assessor'>[] }): string[] {
  const seen = new Map<string, string>();
  for (const c of cohort.candidates) for (const a of candidateAssessors(c)) if (!seen.has(nameKey(a))) seen.set(nameKey(a), a);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** The cohort limited to one assessor's candidates (problems kept: they are about the files read). */
export function assessorsCohort(cohort: Cohort, assessor: string): Cohort {
  return { ...cohort, candidates: cohort.candidates.filter((c) => isAssessorsCandidate(c, assessor)) };
}
