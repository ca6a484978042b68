/*
 * Internal verification sampling, CAMERA style (Candidates, Assessors, Methods, Evidence, Records,
 * Assessment sites), over a cohort read from the candidates' grids.
 *
 * What is sampled: an assessment decision. The population is every evidence row an assessor has
 * judged (Accepted or Referred; on an assessor's own tracker without a decision column, every row),
 * grouped by candidate x unit x method x site: one sample row is one such group, with its refs.
 * A group is *summative* when its unit is complete, else *interim*.
 *
 * Rules a plan must meet (checkSamplingPlan names every one it does not):
 *  1. Everything an external verifier or end-point assessor rejected (rates.rejected) is sampled.
 *  2. Coverage over the cycle: for each combination in rates.coverage (default: assessor x unit,
 *     assessor x method, assessor x site, assessor x kind), every combination that OCCURS in the
 *     judged evidence is sampled at least once. Only occurring combinations count (a full cross
 *     product would demand samples of evidence that does not exist), and an unrecorded method or
 *     site is not a method or site to cover. Every assessor, unit, method and site is therefore
 *     covered, and through each assessor. A centre that wants the full cross product of what
 *     occurs adds ["assessor", "unit", "method", "site"].
 *  3. Rates by assessor risk level, counted in candidate-units (a candidate's unit with judged
 *     evidence, sampled when any of its groups is): the first `firstInFull` candidate-units of the
 *     assessor (by earliest evidence date) sampled in full (every group), then at least `percent`%
 *     of the rest, and at least `minPerUnit` candidate-units of each unit the assessor assessed.
 * The generator meets all three (greedy cover with seeded tie-breaks, then seeded random draws for
 * the rates), so the same cohort, rates and seed always give the same plan.
 */

// The sections live in their own modules; this one keeps the names every caller imports.
export { DIMENSIONS, type Dimension, SAMPLE_KINDS, type SampleKind, DEFAULT_COVERAGE, type RiskLevelRates, DEFAULT_RISK_LEVELS, ratesSchema, type Rates, type RejectedEntry, DEFAULT_RATES, parseRates, describeRates } from './rates';
export { NOT_RECORDED, type SamplingGroup, type CandidateUnit, type Population, samplingPopulation } from './population';
export { type PlanEntry, type PlanCheck, checkSamplingPlan } from './check';
export { mulberry32, shuffled, type SampleRow, type SamplingPlan, entryOf, makeSamplingPlan, samplingReport } from './generation';
export { SAMPLING_SHEET, SAMPLING_TITLE, SAMPLING_ROWS, GAPS_HEADING, SAMPLING_TABLE, type SamplingField, SAMPLING_FIELDS, SAMPLING_LABELS, OUTCOMES, type SamplingSheetOptions, type BuiltSamplingSheet, buildSamplingSheet, type PlanSheetRow, readSamplingPlan } from './planSheet';
export { type RecordedSample, type CellEdit, type Recording, TRACKER_IV_DATE, recordSamples } from './recording';
export { rebuildRecorded } from './recordedRebuild';
export { type TableFilter, sampledCandidatesFilter, sampledEvidenceFilters, sampledUnitsFilter, visibleRows } from './filters';
