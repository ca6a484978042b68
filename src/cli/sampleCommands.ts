import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { unitMatches, type Cohort } from '../domain/cohort/cohortSummary';
import { workbookPlan } from '../domain/grid/candidateWorkbook';
import { address } from '../domain/workbook/plan';
import {
  buildSamplingSheet,
  checkSamplingPlan,
  DEFAULT_RATES,
  makeSamplingPlan,
  parseRates,
  readSamplingPlan,
  rebuildRecorded,
  recordSamples,
  samplingReport,
  SAMPLING_SHEET,
  type PlanSheetRow,
  type Rates,
  type RecordedSample,
  type SampleKind,
} from '../domain/sampling/samplingPlan';
import { bundledCatalog } from '../domain/standards/bundled';
import { openWorkbook, readCohortFiles, today } from './cohortCommands';
import { unkeptPartsRefusal } from './unkeptParts';
import { CliError, type CliIo } from './io';

export interface SampleOptions {
  inputs: string[];
  seed?: number;
  rates?: string;
  out?: string;
  json: boolean;
  /** A plan workbook to check (made or edited by hand). */
  check?: string;
  /** A plan workbook whose recorded samples (IV initials and date) are written to the candidates' workbooks. */
  record?: string;
  occasions?: number;
  /** --record even into workbooks holding parts the writer cannot keep (charts ...). */
  force?: boolean;
}

async function readRates(io: CliIo, file: string | undefined): Promise<Rates> {
  if (file === undefined) return DEFAULT_RATES;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code ? `cannot read the rates file (${code})` : `not valid JSON (${(e as Error).message})`}`);
  }
  const rates = parseRates(raw, file);
  if (!rates.ok) throw new CliError(rates.problem.message);
  return rates.value;
}

/** Today as a number, so a plan made without --seed is still reproducible (the seed is printed). */
function defaultSeed(): number {
  return Number(today().replace(/-/g, ''));
}

async function readPlanFile(io: CliIo, file: string): Promise<PlanSheetRow[]> {
  const { sheets } = await openWorkbook(io, file);
  const ordered = [...sheets.filter((s) => s.name.toLowerCase() === SAMPLING_SHEET.toLowerCase()), ...sheets.filter((s) => s.name.toLowerCase() !== SAMPLING_SHEET.toLowerCase())];
  let first: string | undefined;
  for (const s of ordered) {
    const rows = readSamplingPlan(s.values);
    if (rows.ok) return rows.value;
    first ??= rows.problem.message;
  }
  throw new CliError(`${file}: no sampling plan found (${first ?? 'the workbook is empty'})`);
}

const kindOf = (k: string | undefined): SampleKind | string => (k && /^interim$/i.test(k) ? 'interim' : k && /^summative$/i.test(k) ? 'summative' : (k ?? ''));

/**
 * `sample`: a CAMERA sampling plan for the cohort in the files (printed, --json, or -o plan.xlsx);
 * --check names every gap in a plan made or edited by hand; --record writes recorded samples
 * (rows with IV initials and a date) into the candidates' trackers, indexes and grid sign-offs.
 */
export async function sampleCommand(io: CliIo, o: SampleOptions): Promise<number> {
  if (o.check !== undefined && o.record !== undefined) throw new CliError('choose one of --check and --record');
  if ((o.check !== undefined || o.record !== undefined) && (o.out !== undefined || o.seed !== undefined)) {
    throw new CliError(`--${o.check !== undefined ? 'check' : 'record'} reads an existing plan: leave out -o and --seed`);
  }
  const rates = await readRates(io, o.rates);
  const { cohort, files } = await readCohortFiles(io, o.inputs, o.occasions);
  if (o.out !== undefined && files.some((f) => resolve(io.cwd, f) === resolve(io.cwd, o.out!))) {
    throw new CliError(`-o ${o.out} is one of the cohort's workbooks; write the plan to a file of its own`);
  }
  const exit = cohort.problems.length > 0 ? 1 : 0;

  if (o.check !== undefined) {
    const rows = await readPlanFile(io, o.check);
    const checked = checkSamplingPlan(rows, cohort, rates);
    for (const w of checked.warnings) io.err(`vq-matrix: warning: ${w}`);
    for (const u of checked.unmatched) io.err(`vq-matrix: ${o.check}: ${u}`);
    if (o.json) {
      const sample = rows.map((r) => ({ candidate: r.candidate, assessor: r.assessor ?? '', unit: r.unit, method: r.method ?? '', site: r.site ?? '', kind: kindOf(r.kind), reason: r.reason ?? '' }));
      io.out(JSON.stringify({ sample, gaps: checked.gaps, unmatched: checked.unmatched, warnings: checked.warnings }, null, 2));
    } else {
      io.out(`${o.check}: ${rows.length} sample row(s); ${checked.gaps.length === 0 ? 'no gaps: the plan meets its coverage rules and rates' : `${checked.gaps.length} gap(s):`}`);
      for (const g of checked.gaps) io.out(`  - ${g}`);
    }
    return exit;
  }

  if (o.record !== undefined) return Math.max(exit, await recordCommand(io, o.record, cohort, o.json, o.force ?? false));

  const seed = o.seed ?? defaultSeed();
  const plan = makeSamplingPlan(cohort, rates, seed);
  for (const w of plan.warnings) io.err(`vq-matrix: warning: ${w}`);
  if (o.out !== undefined) {
    const workbook = XlsxWorkbook.create();
    const built = buildSamplingSheet(plan, { rates, asOf: today() });
    await workbook.apply(workbookPlan([built.sheet]));
    await workbook.toFile(resolve(io.cwd, o.out));
  }
  if (o.json) io.out(JSON.stringify(samplingReport(plan), null, 2));
  else {
    io.out(`Sampling plan (seed ${seed}): ${plan.rows.length} sample(s) from ${cohort.candidates.length} candidate(s)${o.out !== undefined ? `; wrote ${o.out}` : ''}.`);
    if (o.out === undefined) for (const r of plan.rows) io.out(`  ${r.assessor} | ${r.candidate} | ${r.unit} | ${r.method} | ${r.site} | ${r.kind} | ${r.reason}`);
    for (const g of plan.gaps) io.out(`  gap: ${g}`);
  }
  return exit;
}

async function recordCommand(io: CliIo, planFile: string, cohort: Cohort, json: boolean, force: boolean): Promise<number> {
  const catalog = bundledCatalog();
  const rows = (await readPlanFile(io, planFile)).filter((r) => r.ivInitials !== '' && r.dateSampled !== null && String(r.dateSampled).trim() !== '');
  // Each recorded row goes to the workbook holding the candidate's grid for the unit.
  const byFile = new Map<string, RecordedSample[]>();
  const notFound: string[] = [];
  for (const r of rows) {
    const holder = cohort.candidates.find(
      (c) =>
        c.candidate.toLowerCase() === r.candidate.toLowerCase() &&
        (r.qualification === undefined || r.qualification.toLowerCase() === c.qualification.toLowerCase()) &&
        (r.file === undefined || c.file === r.file) &&
        c.units.some((u) => unitMatches(u, r.unit)),
    );
    if (!holder?.file) {
      notFound.push(`row ${(r.row ?? 0) + 1}: ${r.candidate} unit ${r.unit}: no workbook among the inputs has this candidate's grid for the unit`);
      continue;
    }
    const sample: RecordedSample = {
      candidate: holder.candidate,
      qualification: holder.qualification,
      unit: r.unit,
      ...(r.method !== undefined ? { method: r.method } : {}),
      ...(r.site !== undefined ? { site: r.site } : {}),
      evidence: r.evidence,
      initials: r.ivInitials,
      date: r.dateSampled,
    };
    byFile.set(holder.file, [...(byFile.get(holder.file) ?? []), sample]);
  }
  const report: { file: string; edits: { sheet: string; cell: string; what: string }[]; conflicts: string[]; alreadyRecorded: number; notFound: string[] }[] = [];
  const refused: string[] = [];
  for (const [file, samples] of byFile) {
    const { workbook, sheets } = await openWorkbook(io, file);
    const recording = recordSamples(sheets, samples, catalog);
    const refusal = recording.edits.length > 0 ? unkeptPartsRefusal(io, file, resolve(io.cwd, file), force) : null;
    if (refusal) refused.push(refusal);
    else if (recording.edits.length > 0) {
      const rebuilt = rebuildRecorded(recording, catalog);
      if (!rebuilt.ok) throw new CliError(`${file}: ${rebuilt.problem.message}`);
      await workbook.apply(workbookPlan(rebuilt.value.sheets, rebuilt.value.names));
      await workbook.toFile(resolve(io.cwd, file));
    }
    report.push({
      file,
      // A refused workbook was not written: no cell was filled.
      edits: refusal ? [] : recording.edits.map((e) => ({ sheet: e.sheet, cell: address({ row: e.row, col: e.col }), what: e.what })),
      conflicts: recording.conflicts,
      alreadyRecorded: recording.alreadyRecorded,
      notFound: recording.notFound,
    });
  }
  for (const n of notFound) io.err(`vq-matrix: ${planFile}: ${n}`);
  for (const r of refused) io.err(`vq-matrix: ${r}`);
  if (json) io.out(JSON.stringify({ recorded: rows.length, files: report, notFound }, null, 2));
  else {
    io.out(`${planFile}: ${rows.length} recorded sample(s).`);
    for (const r of report) {
      io.out(`${r.file}: ${r.edits.length} cell(s) filled${r.alreadyRecorded > 0 ? `, ${r.alreadyRecorded} already recorded` : ''}`);
      for (const c of r.conflicts) io.out(`  conflict: ${c}`);
      for (const n of r.notFound) io.out(`  not found: ${n}`);
    }
  }
  return refused.length > 0 ? 1 : 0;
}
