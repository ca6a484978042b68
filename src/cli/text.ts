import type { CandidateCheck, UnitCheck } from '../domain/coverage/workbookCheck';
import type { Catalog } from '../domain/standards/catalog';
import { statesCredits } from '../domain/standards/credits';
import { ukDate } from '../domain/workbook/sheetValues';

/*
 * The CLI's plain-text reports, in the users' conventions: the status words the sheets show,
 * dates as dd/mm/yyyy, and no credit figures for a qualification whose standard gives none.
 */

/** False when the standard states no credit at all (neither a minimum nor any unit's). */
export function usesCredits(catalog: Catalog, qualification: string): boolean {
  const q = catalog.findQualification(qualification);
  return !q.ok || statesCredits(q.value.qualification);
}

export function rulesWord(rules: CandidateCheck['rules']): string {
  return rules.met ? 'met' : rules.status === 'cannotCheck' ? 'cannot be checked' : 'not met';
}

/** "4430-203 in progress 25%; missing 1.3, 2.1; awaiting the assessor's decision: 1.1; referred: 1.2" */
export function unitLine(u: UnitCheck): string {
  const parts = [`${u.unit} ${u.status}${u.achievement === undefined ? ` ${Math.round(u.coverage * 100)}%` : ''}`];
  if (u.achievement) parts.push(`recorded by ${u.achievement.assessor} on ${ukDate(u.achievement.date)} (${u.achievement.sheet})`);
  if (!u.complete && u.missing.length > 0) parts.push(`missing ${u.missing.join(', ')}`);
  if (u.claimed.length > 0) parts.push(`awaiting the assessor's decision: ${u.claimed.join(', ')}`);
  if (u.referred.length > 0) parts.push(`referred: ${u.referred.join(', ')}`);
  return parts.join('; ');
}

/** "Jane Smith (cg-4430-02): 9 credits achieved; rules not met" */
export function candidateLine(catalog: Catalog, c: CandidateCheck): string {
  return `${c.candidate}${c.candidateId ? ` [id ${c.candidateId}]` : ''} (${c.qualification}): ${usesCredits(catalog, c.qualification) ? `${c.credits} credits achieved; ` : ''}rules ${rulesWord(c.rules)}`;
}
