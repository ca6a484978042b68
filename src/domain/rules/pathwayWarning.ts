import type { QualificationIndex } from '../standards/catalog';
import { planPathway } from './rulesOfCombination';

/*
 * Said before anything is written: a pathway that cannot meet the rules of combination (too few
 * credits, too few optional units, a maximum broken) is still built, as centres build grids unit by
 * unit, but the person building is told what it lacks.
 */

/** What the pathway as built (its mandatory units added) lacks under the rules; [] when nothing. */
export function pathwayShortfall(index: QualificationIndex, chosen: readonly string[]): string[] {
  const mandatory = index.qualification.groups.filter((g) => g.mandatory).flatMap((g) => g.units);
  const plan = planPathway(index, [...mandatory, ...chosen]);
  return plan.report.outcomes.filter((o) => o.status === 'unmet').map((o) => o.message);
}

/** One sentence for the CLI's stderr and the pane, or null when the pathway can meet the rules. */
export function pathwayWarning(index: QualificationIndex, chosen: readonly string[]): string | null {
  const lacks = pathwayShortfall(index, chosen);
  if (lacks.length === 0) return null;
  return `This pathway cannot meet the rules of combination of ${index.qualification.title}: ${lacks.join('; ')}. The grids are built anyway; add units and build again to complete it.`;
}
