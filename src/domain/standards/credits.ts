import type { Qualification } from './schema';

/** False when the standard states no credit at all (neither a minimum nor any unit's): say nothing of credits then. */
export function statesCredits(q: Pick<Qualification, 'minimumCredits' | 'units'>): boolean {
  return q.minimumCredits !== null || q.units.some((u) => u.credit !== null);
}
