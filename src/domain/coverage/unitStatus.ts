/*
 * The one set of unit statuses: the words a grid's own status formula shows, and what `check`,
 * `cohort`, the task pane and the tracker say. Complete: every item has its occasions of accepted
 * evidence (or, for a unit the standard does not detail, the assessor recorded its achievement on
 * the tracker). In progress: any evidence accepted or claimed. Not started: nothing yet (marks on
 * referred rows only do not start a unit).
 */

/** As the sheets show them (formulas compare these exact words). */
export const UNIT_STATUS = {
  complete: 'Complete',
  inProgress: 'In progress',
  notStarted: 'Not started',
} as const;

export type UnitStatus = (typeof UNIT_STATUS)[keyof typeof UNIT_STATUS];

/** As the JSON and CSV contracts and the CLI's text give them. */
export type StatusWord = 'complete' | 'in progress' | 'not started';

export function statusWord(status: UnitStatus): StatusWord {
  return status.toLowerCase() as StatusWord;
}

/** What a status decision needs from a unit's coverage. */
export interface StatusInputs {
  complete: boolean;
  items: readonly { accepted: readonly unknown[]; claimed: readonly unknown[] }[];
}

/** The status a grid's own formula shows, from its coverage. */
export function unitStatusOf(cov: StatusInputs): UnitStatus {
  if (cov.complete) return UNIT_STATUS.complete;
  return cov.items.some((i) => i.accepted.length + i.claimed.length > 0) ? UNIT_STATUS.inProgress : UNIT_STATUS.notStarted;
}

/**
 * The grid's status formula: Complete when nothing is still needed, Not started when no evidence
 * is accepted or claimed, else In progress. Ranges are absolute A1 ("$H$13:$Z$13").
 */
export function unitStatusFormulaText(stillNeeded: string, acceptedAndClaimed: string): string {
  const { complete, inProgress, notStarted } = UNIT_STATUS;
  return `=IF(COUNTIF(${stillNeeded},">0")=0,"${complete}",IF(SUM(${acceptedAndClaimed})=0,"${notStarted}","${inProgress}"))`;
}

/** A tracker or summary cell formula: true when `cell` shows Complete. */
export const isCompleteCriterion = `"${UNIT_STATUS.complete}"`;

/** Back from the lower-case word to the words on the sheets. */
export function statusFromWord(word: StatusWord): UnitStatus {
  return word === 'complete' ? UNIT_STATUS.complete : word === 'in progress' ? UNIT_STATUS.inProgress : UNIT_STATUS.notStarted;
}
