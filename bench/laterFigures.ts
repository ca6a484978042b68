import type { WorkbookPlan } from '../src/domain/workbook/plan';

/** Cohort summary + sampling plan for n candidates (issue #6); null until those builders exist. */
export function cohortPlans(_n: number): WorkbookPlan | null {
  return null;
}

/** Custom-function timings (issue #4); null until the functions exist. */
export function functionFigures(_qualification: string, _unit: string): { unitCompleteMicros: number } | null {
  return null;
}
