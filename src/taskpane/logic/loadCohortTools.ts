import type * as cohortTools from './cohortTools';
import { onceChunk } from './onceChunk';

export type CohortTools = typeof cohortTools;

/** The cohort summary and sampling code as a chunk of its own, fetched when the Cohort screen first needs it. */
export const loadCohortTools: () => Promise<CohortTools> = onceChunk(() => import(/* webpackChunkName: "cohort" */ './cohortTools'));
