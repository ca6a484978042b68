import { resolve } from 'node:path';
import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { buildCohortSummary, cohortCsv, cohortReport, COHORT_SUMMARY_SHEET, creditsStillNeeded, mergeCohorts, readCohort, type Cohort } from '../domain/cohort/cohortSummary';
import { nameKey, assessorsCohort, cohortAssessors } from '../domain/cohort/assessorFilter';
import { unrecognisedWarning } from '../domain/coverage/coverage';
import { workbookPlan } from '../domain/grid/candidateWorkbook';
import { bundledCatalog } from '../domain/standards/bundled';
import type { SheetValues } from '../domain/workbook/sheetValues';
import { catalogForWorkbook, cliCatalog } from './centreStandards';
import { refuseUnkeptParts } from './unkeptParts';
import { CliError, expandWorkbooks, type CliIo } from './io';
import { sameFile, WriteTarget } from './safeWrite';
import { WorkbookFileError, type WorkbookFileProblem } from '../adapters/xlsx/readLimits';
import { rulesWord, usesCredits } from './text';
import { today } from '../domain/workflow/today';
import { JSON_CONTRACT_VERSION, type CohortJson, type CohortProblemJson } from '../domain/contracts';

/** A workbook file whole (its sheets read), or a CliError saying in users' words why it cannot be. */
export async function openWorkbook(io: CliIo, file: string): Promise<{ workbook: XlsxWorkbook; sheets: SheetValues[] }> {
  try {
    return await readWorkbook(io, file);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(e.message);
    throw e;
  }
}

/** Throws WorkbookFileError for a file that cannot be read completely (damaged, too large, not .xlsx). */
async function readWorkbook(io: CliIo, file: string): Promise<{ workbook: XlsxWorkbook; sheets: SheetValues[] }> {
  const workbook = await XlsxWorkbook.fromFile(resolve(io.cwd, file), file);
  return { workbook, sheets: await workbook.readSheets(await workbook.sheetNames()) };
}

/** A file that could not be read, and why (the message names it and says what to do). */
export interface UnreadableFile {
  file: string;
  reason: WorkbookFileProblem;
  message: string;
}

/**
 * The cohort across files: every candidate labelled with the file it came from; problems printed.
 * A file that cannot be read is named with why, and the others are still read: the caller exits 1.
 */
export async function readCohortFiles(io: CliIo, inputs: readonly string[], occasions?: number, standards: readonly string[] = []): Promise<{ cohort: Cohort; files: string[]; unreadable: UnreadableFile[] }> {
  const base = await cliCatalog(io, standards);
  const files = await expandWorkbooks(io, inputs);
  const cohorts: Cohort[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const file of files) {
    let sheets: SheetValues[];
    try {
      ({ sheets } = await readWorkbook(io, file));
    } catch (e) {
      if (!(e instanceof WorkbookFileError)) throw e;
      unreadable.push({ file, reason: e.kind, message: e.message });
      io.err(`vq-matrix: ${e.message}`);
      continue;
    }
    // Each workbook may carry the centre qualifications it was built from.
    const { catalog } = catalogForWorkbook(io, base, sheets, file);
    cohorts.push(readCohort(sheets, catalog, { file, ...(occasions ? { occasions: { default: occasions } } : {}) }));
  }
  const cohort = mergeCohorts(cohorts);
  for (const p of cohort.problems) io.err(`vq-matrix: ${p.file}: sheet "${p.sheet}"${p.cell ? `, cell ${p.cell}` : ''}: ${p.message}`);
  return { cohort, files, unreadable };
}

/** Problems for --json: each unreadable file (no sheet: the file was not read), then each sheet's. */
export function jsonProblems(cohort: Cohort, unreadable: readonly UnreadableFile[]): CohortProblemJson[] {
  return [...unreadable.map((u) => ({ file: u.file, unreadable: u.reason, message: u.message })), ...cohort.problems];
}


export interface CohortOptions {
  inputs: string[];
  out?: string;
  json: boolean;
  csv: boolean;
  inPlace: boolean;
  occasions?: number;
  /** Centre standards files (--standards). */
  standards?: string[];
  /** --assessor: only this assessor's candidates (case and spaces ignored). */
  assessor?: string;
  /** -o may replace an existing workbook; --in-place writes even when the workbook holds parts the writer cannot keep (charts ...). */
  force?: boolean;
}

/**
 * `cohort`: the summary of every candidate in the files. Printed (or --json / --csv); -o writes a
 * summary workbook of values; --in-place adds (or replaces) a live "Cohort summary" sheet in the
 * one cohort workbook given, its formulas reading the grids beside it.
 */
export async function cohortCommand(io: CliIo, o: CohortOptions): Promise<number> {
  if (o.json && o.csv) throw new CliError('choose one of --json and --csv');
  if (o.inPlace) {
    if (o.inputs.length !== 1) throw new CliError('--in-place needs exactly one cohort workbook (.xlsx), not a folder or several files');
    if (o.out !== undefined) throw new CliError('--in-place writes into the workbook itself; leave out -o');
  }
  if (o.force && o.out === undefined && !o.inPlace) throw new CliError('--force lets -o replace an existing file (or --in-place write a workbook holding parts the .xlsx writer cannot keep); it needs -o or --in-place');
  // Every check that can refuse is made before anything is read or written; the target is locked
  // before it is read, so another run on the same file waits for this one.
  let target: WriteTarget | undefined;
  if (o.inPlace) {
    const files = await expandWorkbooks(io, o.inputs);
    // A folder is never written into, even one holding a single workbook.
    if (files.length !== 1 || files[0] !== o.inputs[0]) throw new CliError('--in-place needs exactly one cohort workbook (.xlsx), not a folder or several files');
    const file = files[0]!;
    if (!file.toLowerCase().endsWith('.xlsx')) throw new CliError(`${file}: --in-place needs an .xlsx workbook`);
    target = await WriteTarget.open(io, file);
  } else if (o.out !== undefined) {
    await refuseInputAsOutput(io, o.out, await expandWorkbooks(io, o.inputs), 'is one of the workbooks being summarised; use --in-place to add a live summary to it');
    target = await WriteTarget.open(io, o.out, { mustNotExist: !o.force });
  }
  if (o.assessor !== undefined && o.inPlace) throw new CliError('--assessor picks the candidates printed, or written with --json, --csv or -o; --in-place summarises every candidate in the workbook, so leave out one of them');
  if (o.assessor !== undefined && nameKey(o.assessor) === '') throw new CliError('--assessor needs a name');
  const read = await readCohortFiles(io, o.inputs, o.occasions, o.standards);
  const { files, unreadable } = read;
  // The cohort workbook itself could not be read: nothing to add a summary to.
  if (o.inPlace && unreadable.length > 0) throw new CliError(`--in-place: ${files[0]} was not changed (it cannot be read; see above)`);
  const cohort = o.assessor === undefined ? read.cohort : assessorsCohort(read.cohort, o.assessor);
  if (o.assessor !== undefined && cohort.candidates.length === 0) {
    const known = cohortAssessors(read.cohort);
    throw new CliError(`no candidate has assessor "${o.assessor}" in ${files.length} workbook(s)${known.length > 0 ? ` (assessors named: ${known.join(', ')})` : ' (no assessor is named)'}`);
  }
  const exit = cohort.problems.length > 0 || unreadable.length > 0 ? 1 : 0;

  if (o.inPlace) {
    const file = files[0]!;
    const { workbook } = await openWorkbook(io, file);
    // Live: the grids are in this workbook, so the summary is formulas over them (no file labels).
    const live = { ...cohort, candidates: cohort.candidates.map(({ file: _file, ...c }) => c) };
    const tables = (await workbook.sheetNames()).filter((n) => n.toLowerCase() !== COHORT_SUMMARY_SHEET.toLowerCase()).flatMap((n) => tableNames(workbook, n));
    // An existing summary is updated in place: formulas pointing into it keep their entries.
    const [previous] = await workbook.readSheets([COHORT_SUMMARY_SHEET]);
    const built = buildCohortSummary(live, { mode: 'live', asOf: today(), takenTableNames: tables, ...(previous ? { previous: previous.values } : {}) });
    refuseUnkeptParts(io, file, resolve(io.cwd, file), o.force ?? false);
    const applied = await workbook.apply(workbookPlan([built.sheet]), { allowLosing: o.force ?? false });
    await target!.replaceWith(await workbook.toBuffer());
    noteSkippedCharts(io, applied.skippedCharts);
    io.out(`${file}: "${built.sheet.name}" sheet (live) for ${cohort.candidates.length} candidate(s) and ${built.unitColumns.length} unit(s).`);
  } else if (o.out !== undefined) {
    const workbook = XlsxWorkbook.create();
    const built = buildCohortSummary(cohort, { mode: 'values', asOf: today() });
    const applied = await workbook.apply(workbookPlan([built.sheet]));
    await target!.replaceWith(await workbook.toBuffer());
    noteSkippedCharts(io, applied.skippedCharts);
    if (!o.json && !o.csv) io.out(`Wrote ${o.out}: ${cohort.candidates.length} candidate(s) from ${files.length - unreadable.length} workbook(s) (values as read today)${unreadable.length > 0 ? `; ${unreadable.length} workbook(s) could not be read and are not in it: ${unreadable.map((u) => u.file).join(', ')}` : ''}.`);
  }

  if (o.json) {
    const contract: CohortJson = { version: JSON_CONTRACT_VERSION, ...cohortReport(cohort), problems: jsonProblems(cohort, unreadable) };
    io.out(JSON.stringify(contract, null, 2));
  }
  else if (o.csv) io.out(cohortCsv(cohort).trimEnd());
  else if (!o.inPlace && o.out === undefined) {
    for (const c of cohort.candidates) {
      const needed = creditsStillNeeded(c);
      const credits = usesCredits(bundledCatalog(), c.qualification) ? `${c.credits} credits${needed !== null ? `, ${needed} still needed` : ''}; ` : '';
      io.out(`${c.candidate} (${c.qualification}${c.assessor ? `; assessor ${c.assessor}` : ''})${c.file ? ` in ${c.file}` : ''}: ${credits}rules ${rulesWord(c.rules)}`);
      for (const u of c.units) {
        io.out(`  ${u.unit} ${u.status.toLowerCase()} ${Math.round(u.coverage * 100)}%`);
        for (const w of unrecognisedWarning(u.unrecognised)) io.out(`    ! sheet "${u.sheet}": ${w}`);
      }
    }
  }
  return exit;
}

/** -o must not be an input, however it is named (a symlink, a hard link, another path to it). */
export async function refuseInputAsOutput(io: CliIo, out: string, inputs: readonly string[], why: string): Promise<void> {
  const outPath = resolve(io.cwd, out);
  for (const f of inputs) if (await sameFile(resolve(io.cwd, f), outPath)) throw new CliError(`-o ${out} ${why}${f !== out ? ` (it is the same file as ${f})` : ''}; nothing was written`);
}

/** Table names on a sheet of an exceljs workbook (so new tables get names of their own). */
function tableNames(workbook: XlsxWorkbook, sheet: string): string[] {
  const ws = workbook.workbook.getWorksheet(sheet) as unknown as { tables?: Record<string, unknown> } | undefined;
  return Object.keys(ws?.tables ?? {});
}

/** Said on stderr, so --json and --csv output stay clean: the .xlsx writer cannot draw charts. */
function noteSkippedCharts(io: CliIo, skipped: readonly { sheet: string; chart: string }[]): void {
  if (skipped.length > 0) io.err(`vq-matrix: note: ${skipped.map((c) => `"${c.chart}"`).join(' and ')} not drawn in the .xlsx file (charts are drawn when the add-in builds the summary in Excel); the completion tables and data bars are there.`);
}
