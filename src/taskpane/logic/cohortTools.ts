import type { ApplyStats, WorkbookAdapter } from '../../adapters/workbookAdapter';
import { buildCohortSummary, COHORT_SUMMARY_SHEET, readCohort, type Cohort } from '../../domain/cohort/cohortSummary';
import { workbookPlan } from '../../domain/grid/candidateWorkbook';
import {
  buildSamplingSheet,
  DEFAULT_RATES,
  makeSamplingPlan,
  readSamplingPlan,
  SAMPLING_SHEET,
  sampledCandidatesFilter,
  sampledEvidenceFilters,
  type SampleRow,
  type SamplingPlan,
  type TableFilter,
} from '../../domain/sampling/samplingPlan';
import type { Catalog } from '../../domain/standards/catalog';
import { readAllSheets } from './workbookProgress';

/*
 * The Cohort screen's work (loaded as a chunk of its own when the screen is first used): the live
 * cohort summary and the CAMERA sampling plan, built from the grids in the workbook through the
 * host's adapter, and the table filters that show only what was sampled.
 */

/** The summary's candidates table when the pane did not build it this session (the name the builder gives first). */
export const DEFAULT_SUMMARY_TABLE = 'CohortSummary';

const isSheet = (name: string, wanted: string) => name.toLowerCase() === wanted.toLowerCase();

/** The grids of the workbook as a cohort (its own summary and sampling plan sheets left out). */
export async function readWorkbookCohort(adapter: WorkbookAdapter, catalog: Catalog): Promise<Cohort> {
  const sheets = (await readAllSheets(adapter)).filter((s) => !isSheet(s.name, COHORT_SUMMARY_SHEET) && !isSheet(s.name, SAMPLING_SHEET));
  return readCohort(sheets, catalog);
}

export interface SummaryOutcome {
  /** False when the workbook has no grids to summarise (nothing was written). */
  built: boolean;
  sheet: string;
  table: string;
  candidates: number;
  units: number;
  /** Charts drawn on the sheet. */
  charts: number;
  /** Charts the adapter could not write (the .xlsx writer of preview mode draws none). */
  chartsSkipped: number;
  problems: Cohort['problems'];
}

/** Reads every grid and writes the live "Cohort summary" sheet (formulas over the grids, with its two charts). */
export async function buildLiveSummary(adapter: WorkbookAdapter, catalog: Catalog, asOf: string): Promise<SummaryOutcome> {
  const all = await readAllSheets(adapter);
  const cohort = readCohort(
    all.filter((s) => !isSheet(s.name, COHORT_SUMMARY_SHEET) && !isSheet(s.name, SAMPLING_SHEET)),
    catalog,
  );
  // An existing summary is updated in place: formulas of the user's pointing into it keep working.
  const previous = all.find((s) => isSheet(s.name, COHORT_SUMMARY_SHEET))?.values;
  const built = buildCohortSummary(cohort, { mode: 'live', asOf, ...(previous ? { previous } : {}) });
  const planned = built.sheet.charts?.length ?? 0;
  const outcome = { sheet: built.sheet.name, table: built.tableName, candidates: cohort.candidates.length, units: built.unitColumns.length, problems: cohort.problems };
  if (cohort.candidates.length === 0) return { ...outcome, built: false, charts: 0, chartsSkipped: 0 };
  const stats: ApplyStats & { skippedCharts?: unknown[] } = await adapter.apply(workbookPlan([built.sheet]));
  const skipped = stats.skippedCharts?.length ?? 0;
  return { ...outcome, built: true, charts: planned - skipped, chartsSkipped: skipped };
}

export interface SamplingOutcome {
  /** 'exists': a sampling plan sheet is there already and `replace` was not given (nothing was written). */
  status: 'made' | 'exists' | 'empty';
  sheet: string;
  plan?: SamplingPlan;
  cohort?: Cohort;
}

/** Today as a whole number (yyyymmdd), the default seed: the same day gives the same plan, as on the CLI. */
export function seedOf(d: Date): number {
  return d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
}

/** Makes a CAMERA sampling plan (the centre's default rates) and writes the "Sampling plan" sheet. */
export async function makeSamplingSheet(adapter: WorkbookAdapter, catalog: Catalog, seed: number, asOf: string, replace = false): Promise<SamplingOutcome> {
  if (!replace && (await adapter.sheetNames()).some((n) => isSheet(n, SAMPLING_SHEET))) return { status: 'exists', sheet: SAMPLING_SHEET };
  const cohort = await readWorkbookCohort(adapter, catalog);
  const plan = makeSamplingPlan(cohort, DEFAULT_RATES, seed);
  if (cohort.candidates.length === 0) return { status: 'empty', sheet: SAMPLING_SHEET, plan, cohort };
  const built = buildSamplingSheet(plan, { rates: DEFAULT_RATES, asOf });
  await adapter.apply(workbookPlan([built.sheet]));
  return { status: 'made', sheet: built.sheet.name, plan, cohort };
}

/**
 * The filters that show only what was sampled: the sampled candidates on the cohort summary and,
 * where the plan made this session is known, the sampled evidence on each candidate's index.
 * Without one, the candidates are read from the workbook's "Sampling plan" sheet.
 */
export async function sampledFilters(adapter: WorkbookAdapter, summary: { sheet: string; table: string }, made?: { plan: SamplingPlan; cohort: Cohort }): Promise<TableFilter[]> {
  let rows: Pick<SampleRow, 'candidate'>[];
  if (made) rows = made.plan.rows;
  else {
    const [sheet] = await adapter.readSheets([SAMPLING_SHEET]);
    const read = sheet ? readSamplingPlan(sheet.values) : undefined;
    if (!read?.ok) throw new Error(`There is no sampling plan to filter by: make one first (no readable "${SAMPLING_SHEET}" sheet in the workbook).`);
    rows = read.value;
  }
  return [sampledCandidatesFilter(rows, summary), ...(made ? sampledEvidenceFilters(made.plan.rows, made.cohort) : [])];
}
