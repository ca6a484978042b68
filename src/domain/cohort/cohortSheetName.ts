/** The live cohort summary's sheet (kept apart from cohortSummary.ts so the pane's first script can name it). */
export const COHORT_SUMMARY_SHEET = 'Cohort summary';
