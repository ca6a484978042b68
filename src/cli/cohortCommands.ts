import { resolve } from 'node:path';
import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { buildCohortSummary, cohortCsv, cohortReport, COHORT_SUMMARY_SHEET, creditsStillNeeded, mergeCohorts, readCohort, type Cohort } from '../domain/cohort/cohortSummary';
import { workbookPlan } from '../domain/grid/candidateWorkbook';
import { bundledCatalog } from '../domain/standards/bundled';
import type { SheetValues } from '../domain/workbook/sheetValues';
import { refuseUnkeptParts } from './unkeptParts';
import { CliError, expandWorkbooks, type CliIo } from './io';

export async function openWorkbook(io: CliIo, file: string): Promise<{ workbook: XlsxWorkbook; sheets: SheetValues[] }> {
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.fromFile(resolve(io.cwd, file));
  } catch (e) {
    throw new CliError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  return { workbook, sheets: await workbook.readSheets(await workbook.sheetNames()) };
}

/** The cohort across files: every candidate labelled with the file it came from; problems printed. */
export async function readCohortFiles(io: CliIo, inputs: readonly string[], occasions?: number): Promise<{ cohort: Cohort; files: string[] }> {
  const catalog = bundledCatalog();
  const files = await expandWorkbooks(io, inputs);
  const cohorts: Cohort[] = [];
  for (const file of files) {
    const { sheets } = await openWorkbook(io, file);
    cohorts.push(readCohort(sheets, catalog, { file, ...(occasions ? { occasions: { default: occasions } } : {}) }));
  }
  const cohort = mergeCohorts(cohorts);
  for (const p of cohort.problems) io.err(`vq-matrix: ${p.file}: sheet "${p.sheet}"${p.cell ? `, cell ${p.cell}` : ''}: ${p.message}`);
  return { cohort, files };
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface CohortOptions {
  inputs: string[];
  out?: string;
  json: boolean;
  csv: boolean;
  inPlace: boolean;
  occasions?: number;
  /** --in-place even when the workbook holds parts the writer cannot keep (charts ...). */
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
  if (o.inPlace) {
    const files = await expandWorkbooks(io, o.inputs);
    // A folder is never written into, even one holding a single workbook.
    if (files.length !== 1 || files[0] !== o.inputs[0]) throw new CliError('--in-place needs exactly one cohort workbook (.xlsx), not a folder or several files');
  }
  const { cohort, files } = await readCohortFiles(io, o.inputs, o.occasions);
  const exit = cohort.problems.length > 0 ? 1 : 0;

  if (o.inPlace) {
    const file = files[0]!;
    if (!file.toLowerCase().endsWith('.xlsx')) throw new CliError(`${file}: --in-place needs an .xlsx workbook`);
    const { workbook } = await openWorkbook(io, file);
    // Live: the grids are in this workbook, so the summary is formulas over them (no file labels).
    const live = { ...cohort, candidates: cohort.candidates.map(({ file: _file, ...c }) => c) };
    const tables = (await workbook.sheetNames()).filter((n) => n.toLowerCase() !== COHORT_SUMMARY_SHEET.toLowerCase()).flatMap((n) => tableNames(workbook, n));
    const built = buildCohortSummary(live, { mode: 'live', asOf: today(), takenTableNames: tables });
    refuseUnkeptParts(io, file, resolve(io.cwd, file), o.force ?? false);
    const applied = await workbook.apply(workbookPlan([built.sheet]));
    await workbook.toFile(resolve(io.cwd, file));
    noteSkippedCharts(io, applied.skippedCharts);
    io.out(`${file}: "${built.sheet.name}" sheet (live) for ${cohort.candidates.length} candidate(s) and ${built.unitColumns.length} unit(s).`);
  } else if (o.out !== undefined) {
    const outPath = resolve(io.cwd, o.out);
    if (files.some((f) => resolve(io.cwd, f) === outPath)) throw new CliError(`-o ${o.out} is one of the workbooks being summarised; use --in-place to add a live summary to it`);
    const workbook = XlsxWorkbook.create();
    const built = buildCohortSummary(cohort, { mode: 'values', asOf: today() });
    const applied = await workbook.apply(workbookPlan([built.sheet]));
    await workbook.toFile(outPath);
    noteSkippedCharts(io, applied.skippedCharts);
    if (!o.json && !o.csv) io.out(`Wrote ${o.out}: ${cohort.candidates.length} candidate(s) from ${files.length} workbook(s) (values as read today).`);
  }

  if (o.json) io.out(JSON.stringify(cohortReport(cohort), null, 2));
  else if (o.csv) io.out(cohortCsv(cohort).trimEnd());
  else if (!o.inPlace && o.out === undefined) {
    for (const c of cohort.candidates) {
      const needed = creditsStillNeeded(c);
      io.out(`${c.candidate} (${c.qualification}${c.assessor ? `; assessor ${c.assessor}` : ''})${c.file ? ` in ${c.file}` : ''}: ${c.credits} credits${needed !== null ? `, ${needed} still needed` : ''}; rules ${c.rules.met ? 'met' : c.rules.status === 'cannotCheck' ? 'cannot be checked' : 'not met'}`);
      for (const u of c.units) io.out(`  ${u.unit} ${u.status.toLowerCase()} ${Math.round(u.coverage * 100)}%`);
    }
  }
  return exit;
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
