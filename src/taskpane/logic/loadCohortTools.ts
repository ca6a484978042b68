import type * as cohortTools from './cohortTools';

export type CohortTools = typeof cohortTools;

let pending: Promise<CohortTools> | undefined;

/** The cohort summary and sampling code as a chunk of its own, fetched when the Cohort screen first needs it. */
export function loadCohortTools(): Promise<CohortTools> {
  pending ??= import(/* webpackChunkName: "cohort" */ './cohortTools').catch((e: unknown) => {
    pending = undefined;
    throw e;
  });
  return pending;
}
