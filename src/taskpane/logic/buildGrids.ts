import { COHORT_SUMMARY_SHEET } from '../../domain/cohort/cohortSheetName';
import type { WorkbookAdapter } from '../../adapters/workbookAdapter';
import type { CandidateBuild, GridLayoutName } from '../../domain/grid/candidateWorkbook';
import type { QualificationIndex } from '../../domain/standards/catalog';
import { cleanSheetName, truncateUtf16 } from '../../domain/workbook/names';
import { describeClashes } from '../../domain/workbook/preflight';
import { HEADER_BLOCK_AREA } from '../../domain/grid/readGrid';
import { sheetDirectory } from '../../domain/grid/sheetDirectory';
import { problems } from '../../domain/problems';
import { CohortBuild } from '../../domain/workflow/buildCohort';
import { distinctCandidates } from '../../domain/workflow/candidateList';
import type { CandidateEntry } from './candidates';
import { ProblemError } from './errors';

export interface BuildRequest {
  qualification: QualificationIndex;
  candidates: readonly CandidateEntry[];
  /** Chosen optional units (mandatory ones are added by the domain). */
  units: readonly string[];
  layout: GridLayoutName;
}

export interface BuildProgress {
  done: number;
  total: number;
  /** The candidate being built now, if any. */
  current?: string;
}

export interface CandidateOutcome {
  candidate: string;
  sheets: string[];
  changes: CandidateBuild['changes'];
  /** True when the candidate had grids already (a rebuild in place). */
  rebuilt: boolean;
}

export interface BuildResult {
  outcomes: CandidateOutcome[];
  /** Stopped by Cancel before every candidate was built. */
  cancelled: boolean;
  total: number;
  /**
   * The workbook has a live cohort summary and this build added grids it does not cover yet (its
   * columns are the units it was built for): the pane says to build it again.
   */
  summaryNeedsRebuild?: boolean;
  /**
   * The live cohort summary was built again after the grids (the `refreshSummary` hook, a second
   * apply of its own), as the command line's build does: how many candidates and units it now shows.
   */
  summaryRefreshed?: { candidates: number; units: number };
  /** Building the summary again failed (the grids are built): why; summaryNeedsRebuild stays true. */
  summaryRefreshFailed?: unknown;
  /** The candidate whose build failed, ending the run (later candidates were not built). */
  failed?: {
    candidate: string;
    error: unknown;
    /** The sheets the failed write was updating or adding (each may be partly done); empty when it failed before writing. */
    sheets: string[];
    /** Candidates after the failed one, not built. */
    notBuilt: string[];
  };
}

/**
 * Sheet names the domain gives a candidate start with their (cleaned) name, cut to leave room for
 * the longest suffix (a unit code, "Tracker", and " (2)" when taken); this is the part every one of
 * them shares, compared ignoring case. Longer names share more: at most 12 characters are compared.
 */
export function candidateStem(name: string, longestSuffix: number): string {
  // Counted in UTF-16 code units, as the sheet names are (an emoji is 2).
  const room = 31 - (1 + longestSuffix + 4);
  return truncateUtf16(cleanSheetName(name), Math.max(2, Math.min(12, room))).trimEnd().toLowerCase();
}

/**
 * Builds (or rebuilds in place) each candidate's grids, tracker and evidence index: one batch per
 * candidate (read their sheets, plan, one adapter apply), so progress is real and Cancel stops
 * cleanly between candidates with every finished candidate's sheets complete.
 * Before each candidate is written, every table and defined name already in the workbook (existing
 * tables included) is checked against their plan, so a build that cannot finish writes nothing and
 * says why (domain/workbook/preflight.ts); the builder is given those names as taken, so a new
 * candidate whose name differs from another's only by punctuation gets names of its own.
 * Round trips through office-js: 2 (sheets, tables, names) + every sheet's header block (2, + 1 per
 * 4 MB of response) + per candidate the reads of their sheets (when they may have any) + apply (its
 * own 2-request pre-flight, then the writes).
 */
export async function buildGrids(
  adapter: WorkbookAdapter,
  request: BuildRequest,
  hooks: {
    onProgress?: (p: BuildProgress) => void;
    shouldStop?: () => boolean;
    /** Builds the live cohort summary again (the pane passes the Cohort screen's builder, loaded when needed). */
    refreshSummary?: () => Promise<{ candidates: number; units: number }>;
  } = {},
): Promise<BuildResult> {
  // Two listed candidates that may be two people are refused before anything is built; one listed twice is built once.
  const distinct = distinctCandidates(request.candidates);
  if (!distinct.ok) return { outcomes: [], cancelled: false, total: request.candidates.length, failed: { candidate: request.candidates[0]?.name ?? '', error: new ProblemError(distinct.problem), sheets: [], notBuilt: request.candidates.map((x) => x.name) } };
  const candidates = distinct.value.candidates;
  const total = candidates.length;
  const cohort = new CohortBuild({ qualification: request.qualification, units: request.units, layout: request.layout }, await adapter.workbookNames());
  // Every sheet's header block, read once: a candidate's sheets are found by whose they are (name,
  // or id when both have one), as the CLI finds them, even under tabs renamed by hand or after a
  // candidate's name changed; the name prefix alone would miss those and build second grids.
  const headers = cohort.sheets.length > 0 ? sheetDirectory(await adapter.readSheets(cohort.sheets, { within: HEADER_BLOCK_AREA })) : undefined;
  const outcomes: CandidateOutcome[] = [];
  const before = new Set(cohort.sheets.map((n) => n.toLowerCase()));
  const summaryNeedsRebuild = () => before.has(COHORT_SUMMARY_SHEET.toLowerCase()) && outcomes.some((o) => o.sheets.some((s) => !before.has(s.toLowerCase())));
  const longestSuffix = Math.max('Evidence'.length, ...request.qualification.qualification.units.map((u) => Math.min(20, cleanSheetName(u.code).length)));
  let planned: string[] = [];
  for (const [i, c] of candidates.entries()) {
    if (hooks.shouldStop?.()) return { outcomes, cancelled: true, total, summaryNeedsRebuild: summaryNeedsRebuild() };
    hooks.onProgress?.({ done: i, total, current: c.name });
    try {
      // Only the sheets that may be this candidate's are read (a round trip each time).
      const stem = candidateStem(c.name, longestSuffix);
      const named = new Set((headers?.ofCandidate(c.name, c.id?.trim() || undefined) ?? []).map((e) => e.sheet.name.toLowerCase()));
      const theirs = cohort.sheets.filter((n) => n.toLowerCase().startsWith(stem) || named.has(n.toLowerCase()));
      const existing = theirs.length > 0 ? await adapter.readSheets(theirs) : [];
      planned = [];
      const built = cohort.candidate(c, existing);
      if (!built.ok) throw new ProblemError(built.problem);
      planned = built.value.sheets;
      const clash = describeClashes(built.value.clashes);
      if (clash) throw new ProblemError(problems.badArgument(clash));
      await adapter.apply(built.value.plan);
      outcomes.push({ candidate: c.name, sheets: built.value.sheets, changes: built.value.build.changes, rebuilt: built.value.rebuilt });
    } catch (error) {
      const notBuilt = candidates.slice(i + 1).map((x) => x.name);
      return { outcomes, cancelled: false, total, summaryNeedsRebuild: summaryNeedsRebuild(), failed: { candidate: c.name, error, sheets: planned, notBuilt } };
    }
  }
  hooks.onProgress?.({ done: total, total });
  const result: BuildResult = { outcomes, cancelled: false, total, summaryNeedsRebuild: summaryNeedsRebuild() };
  // A live summary has a column per unit it was built for: new grids (a new candidate, a changed
  // pathway) need it built again. Done after every candidate is built, once, in an apply of its own
  // (it reads every grid, the new ones included), as the command line does.
  if (result.summaryNeedsRebuild && hooks.refreshSummary) {
    try {
      result.summaryRefreshed = await hooks.refreshSummary();
      result.summaryNeedsRebuild = false;
    } catch (error) {
      result.summaryRefreshFailed = error;
    }
  }
  return result;
}

/** One line per grid of what a rebuild did, as the command line prints it (the pane loads it with the builder). */
export { describeChanges } from '../../domain/workflow/buildCohort';

/**
 * What a build that stopped on a failure did and did not do, in words for the pane. Excel keeps
 * whatever a failed batch had already written, so the failed candidate's sheets may be half
 * updated; a rebuild never writes over what was entered on a grid, so nothing entered is lost.
 */
export function failureReport(result: BuildResult): string {
  const f = result.failed;
  if (!f) return '';
  const parts: string[] = [];
  if (result.outcomes.length > 0) parts.push(`Built: ${result.outcomes.map((o) => o.candidate).join(', ')}.`);
  parts.push(
    f.sheets.length > 0
      ? `${f.candidate}: not finished; ${f.sheets.join(', ')} may be only partly updated. Every evidence row, mark and anything else entered on the grids is still there; build again to finish.`
      : `${f.candidate}: nothing was written.`,
  );
  if (f.notBuilt.length > 0) parts.push(`Not built: ${f.notBuilt.join(', ')}.`);
  return parts.join(' ');
}
