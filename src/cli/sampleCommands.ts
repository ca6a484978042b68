import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { unitMatches, type Cohort, type CohortCandidate } from '../domain/cohort/cohortSummary';
import { describeCandidate, sameCandidate } from '../domain/grid/candidateIdentity';
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
import { jsonProblems, openWorkbook, readCohortFiles, refuseInputAsOutput } from './cohortCommands';
import { today } from '../domain/workflow/today';
import { JSON_CONTRACT_VERSION, type SampleCheckJson, type SamplePlanJson, type SampleRecordJson } from '../domain/contracts';
import { catalogForWorkbook, cliCatalog } from './centreStandards';
import { CliError, expandWorkbooks, otherSpreadsheetFormat, type CliIo } from './io';
import { WriteTarget } from './safeWrite';
import { unkeptPartsRefusal } from './unkeptParts';

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
  /** Centre standards files (--standards). */
  standards?: string[];
  /** -o may replace an existing workbook; --record writes even into workbooks holding parts the writer cannot keep (charts ...). */
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
  if (o.force && o.out === undefined && o.record === undefined) throw new CliError('--force lets -o replace an existing file (or --record write into a workbook holding parts the .xlsx writer cannot keep); it needs -o or --record');
  const rates = await readRates(io, o.rates);
  // Every check that can refuse -o is made before the cohort is read and anything is written.
  let target: WriteTarget | undefined;
  if (o.out !== undefined) {
    await refuseInputAsOutput(io, o.out, await expandWorkbooks(io, o.inputs), "is one of the cohort's workbooks; write the plan to a file of its own");
    target = await WriteTarget.open(io, o.out, { mustNotExist: !o.force });
  }
  const { cohort, unreadable } = await readCohortFiles(io, o.inputs, o.occasions, o.standards);
  // Unreadable files were named on stderr; the readable ones are still sampled, checked or recorded.
  const exit = cohort.problems.length > 0 || unreadable.length > 0 ? 1 : 0;
  const problems = jsonProblems(cohort, unreadable);

  if (o.check !== undefined) {
    const rows = await readPlanFile(io, o.check);
    const checked = checkSamplingPlan(rows, cohort, rates);
    for (const w of checked.warnings) io.err(`vq-matrix: warning: ${w}`);
    for (const u of checked.unmatched) io.err(`vq-matrix: ${o.check}: ${u}`);
    if (o.json) {
      const sample = rows.map((r) => ({ candidate: r.candidate, assessor: r.assessor ?? '', unit: r.unit, method: r.method ?? '', site: r.site ?? '', kind: kindOf(r.kind), reason: r.reason ?? '' }));
      const contract: SampleCheckJson = { version: JSON_CONTRACT_VERSION, sample, gaps: checked.gaps, unmatched: checked.unmatched, warnings: checked.warnings, problems };
      io.out(JSON.stringify(contract, null, 2));
    } else {
      io.out(`${o.check}: ${rows.length} sample row(s); ${checked.gaps.length === 0 ? 'no gaps: the plan meets its coverage rules and rates' : `${checked.gaps.length} gap(s):`}`);
      for (const g of checked.gaps) io.out(`  - ${g}`);
    }
    // A plan with gaps, or rows that match nothing, does not yet do its job.
    return checked.gaps.length > 0 || checked.unmatched.length > 0 ? 1 : exit;
  }

  if (o.record !== undefined) return Math.max(exit, await recordCommand(io, o.record, cohort, o.json, problems, o.standards, o.force ?? false));

  const seed = o.seed ?? defaultSeed();
  const plan = makeSamplingPlan(cohort, rates, seed);
  for (const w of plan.warnings) io.err(`vq-matrix: warning: ${w}`);
  if (o.out !== undefined) {
    const workbook = XlsxWorkbook.create();
    const built = buildSamplingSheet(plan, { rates, asOf: today() });
    await workbook.apply(workbookPlan([built.sheet]));
    await target!.replaceWith(await workbook.toBuffer());
  }
  if (o.json) {
    const contract: SamplePlanJson = { version: JSON_CONTRACT_VERSION, ...samplingReport(plan), problems };
    io.out(JSON.stringify(contract, null, 2));
  } else {
    io.out(`Sampling plan (seed ${seed}): ${plan.rows.length} sample(s) from ${cohort.candidates.length} candidate(s)${o.out !== undefined ? `; wrote ${o.out}` : ''}.`);
    if (o.out === undefined) for (const r of plan.rows) io.out(`  ${r.assessor} | ${r.candidate} | ${r.unit} | ${r.method} | ${r.site} | ${r.kind} | ${r.reason}`);
    for (const g of plan.gaps) io.out(`  gap: ${g}`);
  }
  return exit;
}

/** Who a plan row names, for messages. */
const rowWords = (r: PlanSheetRow) => `row ${(r.row ?? 0) + 1}: ${r.candidate}${r.candidateId ? ` (id ${r.candidateId})` : ''} unit ${r.unit}`;

/**
 * The cohort candidate a recorded plan row is about: by candidate (id when the plan or the sheets
 * give one, else the name ignoring case and spacing) and unit, never by where the file was when
 * the plan was made; the file's name only chooses between copies. Two candidates the row could
 * mean are refused, naming both.
 */
export function planRowHolder(r: PlanSheetRow, cohort: Cohort): { holder: CohortCandidate; unit: CohortCandidate['units'][number] } | { problem: string } {
  let matches = cohort.candidates.filter(
    (c) =>
      sameCandidate({ name: c.candidate, id: c.candidateId }, { name: r.candidate, id: r.candidateId }) &&
      (r.qualification === undefined || r.qualification.toLowerCase() === c.qualification.toLowerCase()) &&
      c.units.some((u) => unitMatches(u, r.unit)),
  );
  if (matches.length > 1 && r.file !== undefined) {
    const sameFile = matches.filter((c) => c.file !== undefined && basename(c.file).toLowerCase() === basename(r.file!.replace(/\\/g, '/')).toLowerCase());
    if (sameFile.length > 0) matches = sameFile;
  }
  if (matches.length === 0) return { problem: `${rowWords(r)}: no workbook among the inputs has this candidate's grid for the unit` };
  if (matches.length > 1) {
    const who = matches.map((c) => describeCandidate({ name: c.candidate, id: c.candidateId, assessor: c.assessor, where: c.file ? `in ${c.file}` : undefined }));
    return {
      problem: `${rowWords(r)}: could be any of ${who.join(', ')}; not recorded. Give each candidate an id (ULN, SCN or registration number) when building, and put it in the plan's "Candidate id" column.`,
    };
  }
  const holder = matches[0]!;
  return { holder, unit: holder.units.find((u) => unitMatches(u, r.unit))! };
}

async function recordCommand(io: CliIo, planFile: string, cohort: Cohort, json: boolean, problems: ReturnType<typeof jsonProblems>, standards: readonly string[] = [], force = false): Promise<number> {
  const base = await cliCatalog(io, standards);
  const rows = (await readPlanFile(io, planFile)).filter((r) => r.ivInitials !== '' && r.dateSampled !== null && String(r.dateSampled).trim() !== '');
  // Each recorded row goes to the workbook holding the candidate's grid for the unit.
  const byFile = new Map<string, { row: PlanSheetRow; sample: RecordedSample }[]>();
  const notFound: string[] = [];
  for (const r of rows) {
    const found = planRowHolder(r, cohort);
    if ('problem' in found) {
      notFound.push(found.problem);
      continue;
    }
    const { holder, unit } = found;
    if (holder.file === undefined) {
      notFound.push(`${rowWords(r)}: the candidate's workbook is not known`);
      continue;
    }
    const sample: RecordedSample = {
      candidate: holder.candidate,
      ...(holder.candidateId !== undefined ? { candidateId: holder.candidateId } : {}),
      sheets: { grid: unit.sheet, ...(holder.tracker !== undefined ? { tracker: holder.tracker } : {}), ...(holder.evidenceIndex !== undefined ? { evidenceIndex: holder.evidenceIndex } : {}) },
      qualification: holder.qualification,
      unit: r.unit,
      ...(r.method !== undefined ? { method: r.method } : {}),
      ...(r.site !== undefined ? { site: r.site } : {}),
      evidence: r.evidence,
      initials: r.ivInitials,
      date: r.dateSampled,
    };
    byFile.set(holder.file, [...(byFile.get(holder.file) ?? []), { row: r, sample }]);
  }
  // The .xlsx writer would save another format's workbook as .xlsx content (an .xlsm would lose its macros).
  for (const file of byFile.keys()) {
    const other = otherSpreadsheetFormat(file);
    if (other) throw new CliError(`${file} is ${other}; samples are recorded only in Excel Workbooks (.xlsx), so nothing was written. Save it as Excel Workbook (.xlsx) and record into that.`);
  }
  const report: { file: string; written: number; edits: { sheet: string; cell: string; what: string }[]; conflicts: string[]; alreadyRecorded: number; notFound: string[] }[] = [];
  const written: string[] = [];
  let recorded = 0;
  const refused: string[] = [];
  for (const [file, samples] of byFile) {
    // Locked, then read again: what is recorded is computed from the file as it is now.
    const target = await WriteTarget.open(io, file);
    const { workbook, sheets } = await openWorkbook(io, file);
    const { catalog } = catalogForWorkbook(io, base, sheets, file);
    const recording = recordSamples(
      sheets,
      samples.map((s) => s.sample),
      catalog,
    );
    const refusal = recording.edits.length > 0 ? unkeptPartsRefusal(io, file, resolve(io.cwd, file), force) : null;
    if (refusal) refused.push(refusal);
    else if (recording.edits.length > 0) {
      const rebuilt = rebuildRecorded(recording, catalog, workbook.tableNames(), await workbook.workbookNames());
      if (!rebuilt.ok) throw new CliError(`${file}: ${rebuilt.problem.message}; nothing was written to it`);
      await workbook.apply(workbookPlan(rebuilt.value.sheets, rebuilt.value.names), { allowLosing: force });
      try {
        await target.replaceWith(await workbook.toBuffer());
      } catch (e) {
        // Recording fills blanks only, so running it again finishes the job without doubling anything.
        if (e instanceof CliError && written.length > 0) throw new CliError(`${e.message} (already recorded in ${written.join(', ')}; run --record again to record the rest)`);
        throw e;
      }
      written.push(file);
    }
    // Counted only once the file is written: a row is recorded when its cells hold the sample.
    recorded += recording.perSample.filter((p) => p.written + p.alreadyRecorded > 0).length;
    await target.release();
    report.push({
      file,
      // A refused workbook was not written: no cell was filled.
      written: refusal ? 0 : recording.edits.length,
      edits: refusal ? [] : recording.edits.map((e) => ({ sheet: e.sheet, cell: address({ row: e.row, col: e.col }), what: e.what })),
      conflicts: recording.conflicts,
      alreadyRecorded: recording.alreadyRecorded,
      notFound: recording.notFound,
    });
  }
  for (const n of notFound) io.err(`vq-matrix: ${planFile}: ${n}`);
  for (const r of refused) io.err(`vq-matrix: ${r}`);
  const cellsWritten = report.reduce((n, r) => n + r.written, 0);
  if (json) {
    const contract: SampleRecordJson = { version: JSON_CONTRACT_VERSION, rows: rows.length, recorded, written: cellsWritten, files: report, notFound, problems };
    io.out(JSON.stringify(contract, null, 2));
  } else {
    io.out(`${planFile}: ${rows.length} row(s) with IV initials and a date; ${recorded} recorded in the candidates' workbooks${notFound.length > 0 ? `, ${notFound.length} not (see above)` : ''}.`);
    for (const r of report) {
      io.out(`${r.file}: ${r.written > 0 ? `wrote ${r.written} cell(s)` : 'nothing written'}${r.alreadyRecorded > 0 ? `; ${r.alreadyRecorded} already recorded` : ''}${r.conflicts.length > 0 ? `; ${r.conflicts.length} conflict(s) left as they are` : ''}`);
      for (const c of r.conflicts) io.out(`  conflict: ${c}`);
      for (const n of r.notFound) io.out(`  not found: ${n}`);
    }
    if (cellsWritten === 0) io.out('Nothing was written.');
  }
  // A row that could not be recorded (not matched, ambiguous, part of it not found, or its workbook refused) is a failure to look at.
  return notFound.length > 0 || refused.length > 0 || report.some((r) => r.notFound.length > 0) ? 1 : 0;
}
