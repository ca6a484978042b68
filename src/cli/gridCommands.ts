import { resolve } from 'node:path';
import { UserContentWouldBeLost, XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { streamWorkbookFile } from '../adapters/xlsx/workbookFile';
import { writeAsPlanned } from '../adapters/xlsx/streamingWriter';
import { WorkbookFileError, type WorkbookFileProblem } from '../adapters/xlsx/readLimits';
import { WorkbookChecker, type WorkbookCheck } from '../domain/coverage/workbookCheck';
import { workbookPlan, type GridLayoutName } from '../domain/grid/candidateWorkbook';
import { DEFAULT_SETTINGS, type GridSettings } from '../domain/grid/unitGrid';
import { isBundledId } from '../domain/standards/bundled';
import { centreStandardsSheet, CENTRE_STANDARDS_SHEET, differentVersions, readCentreStandards, standardsToCarry, standardsVersion } from '../domain/standards/centreStandards';
import { catalogForWorkbook, cliCatalog } from './centreStandards';
import type { SheetPlan, WorkbookPlan } from '../domain/workbook/plan';
import { CliError, expandWorkbooks, otherSpreadsheetFormat, type CliIo } from './io';
import { WriteTarget } from './safeWrite';
import { candidateLine, unitLine } from './text';
import { distinctCandidates, type ListedCandidate } from '../domain/workflow/candidateList';
import { readCandidatesFile } from './candidatesFile';
import { CohortBuild } from '../domain/workflow/buildCohort';
import { COHORT_SUMMARY_SHEET } from '../domain/cohort/cohortSummary';
import { cohortCommand } from './cohortCommands';
import { InvalidPlanError } from '../domain/workbook/limits';
import { refuseUnkeptParts } from './unkeptParts';
import { JSON_CONTRACT_VERSION, type CheckJson } from '../domain/contracts';

export interface BuildOptions {
  qualification: string;
  candidates: string[];
  assessor?: string;
  units: string[];
  out: string;
  layout: GridLayoutName;
  /** Occasions of accepted evidence each item needs (default 1). */
  occasions?: number;
  /** A text or CSV file of candidates: one per line, "name[,assessor[,id]]", or columns named by a header row. */
  candidatesFile?: string;
  /** Centre standards files (--standards). */
  standards?: string[];
  /** Write into an existing workbook even when it holds parts the writer cannot keep (charts ...). */
  force?: boolean;
  /** ULN, SCN or registration number of the single --candidate. */
  candidateId?: string;
  /** The candidates already read and grouped (build --split): built instead of --candidate and --candidates. */
  lines?: ListedCandidate[];
}

/** Build (or rebuild in place, keeping every mark) a candidate or cohort workbook. */
export async function buildCommand(io: CliIo, o: BuildOptions): Promise<number> {
  // An .xlsx written under another format's name would not open (or, for .xlsm, lose its macros).
  const otherFormat = otherSpreadsheetFormat(o.out);
  if (otherFormat) throw new CliError(`-o ${o.out}: build writes Excel Workbooks (.xlsx), not ${otherFormat}; name the output with .xlsx (e.g. ${o.out.replace(/\.[^./\\]+$/, '')}.xlsx). Nothing was written.`);
  const base = await cliCatalog(io, o.standards);
  if (o.candidateId !== undefined && (o.candidates.length !== 1 || o.candidatesFile !== undefined)) {
    throw new CliError('--candidate-id goes with a single --candidate; give several candidates their ids in a candidates file (name,assessor,id)');
  }
  if (o.candidateId !== undefined && o.candidateId.trim() === '') throw new CliError('--candidate-id is blank');
  const listed: ListedCandidate[] = o.lines ?? [
    ...o.candidates.map((name) => ({ name, assessor: o.assessor, ...(o.candidateId !== undefined ? { id: o.candidateId.trim() } : {}), where: '--candidate' })),
    ...(o.candidatesFile ? await readCandidatesFile(io, o.candidatesFile) : []).map((c) => ({ ...c, assessor: c.assessor ?? o.assessor })),
  ];
  const distinct = distinctCandidates(listed);
  if (!distinct.ok) throw new CliError(distinct.problem.message);
  for (const r of distinct.value.repeated) io.err(`vq-matrix: ${r}`);
  const candidates = distinct.value.candidates;
  if (candidates.length === 0) {
    // A candidates file with nobody in it says so, as build --split does.
    if (o.candidatesFile !== undefined && o.candidates.length === 0 && o.lines === undefined) throw new CliError(`${o.candidatesFile}: no candidates in the file`);
    throw new CliError('build needs at least one --candidate "<name>" or --candidates <file>');
  }
  // --occasions sets each grid's default cell, replacing a rebuilt grid's own; without it a grid keeps its own.
  const settings: GridSettings = { ...DEFAULT_SETTINGS, occasions: { default: o.occasions ?? DEFAULT_SETTINGS.occasions.default, replaceDefault: o.occasions !== undefined } };
  // Locked before the workbook is read, so a second run waits and then builds on this one's result.
  const target = await WriteTarget.open(io, o.out);
  let workbook: XlsxWorkbook;
  try {
    workbook = target.exists ? await XlsxWorkbook.fromFile(target.path, o.out) : XlsxWorkbook.create();
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(`${e.message}. Nothing was written.`);
    throw e;
  }
  const names = await workbook.sheetNames();
  const existing = await workbook.readSheets(names);
  // The workbook may carry the centre qualification it was built from: no --standards needed again.
  const { catalog, carried } = catalogForWorkbook(io, base, existing, o.out);
  const q = catalog.findQualification(o.qualification);
  if (!q.ok) throw new CliError(q.problem.message);
  const cohort = new CohortBuild({ qualification: q.value, units: o.units, layout: o.layout, settings }, await workbook.workbookNames(), o.out);
  const warning = cohort.pathwayWarning();
  const definedNames: WorkbookPlan['names'] = [];
  const newGrids: string[] = [];
  let sheetCount = 0;
  const centre = q.value.qualification;
  // Each candidate's sheets as they are planned; a candidate that cannot be built stops the whole build.
  // Whose each sheet is, so a sheet Excel would refuse is traced back to its candidate's line.
  const candidateOf = new Map<string, ListedCandidate>();
  function* plannedSheets(): Generator<SheetPlan> {
    for (const c of candidates) {
      const planned = cohort.candidate(c, existing);
      if (!planned.ok) throw new CliError(`${c.name} (${c.where}): ${planned.problem.message} Nothing was written.`);
      for (const sheet of planned.value.plan.sheets) candidateOf.set(sheet.name.toLowerCase(), c);
      for (const line of planned.value.report) io.out(line);
      definedNames.push(...planned.value.plan.names);
      newGrids.push(...planned.value.newGrids);
      sheetCount += planned.value.plan.sheets.length;
      yield* planned.value.plan.sheets;
    }
    if (!isBundledId(centre.id)) {
      // The centre's qualification travels with the workbook; a newer version replaces the one it carried.
      const older = carried.find((c) => c.id.toLowerCase() === centre.id.toLowerCase());
      if (older && differentVersions(older, centre)) io.out(`Centre qualification ${centre.id}: the workbook had version ${standardsVersion(older)}; now ${standardsVersion(centre)} (changes per grid above).`);
      else if (!older) io.out(`Centre qualification ${centre.id} (version ${standardsVersion(centre)}) is stored in the workbook (sheet "${CENTRE_STANDARDS_SHEET}", very hidden).`);
      sheetCount++;
      yield centreStandardsSheet(standardsToCarry(carried, centre));
    }
  }
  refuseUnkeptParts(io, o.out, target.path, o.force ?? false);
  try {
    // An existing workbook is rebuilt in memory, every candidate planned first. A new file is written
    // as it is planned (memory stays at a few candidates at any cohort size); a candidate that cannot
    // be built leaves the temporary file unused, and nothing is written.
    if (target.exists) await workbook.apply(workbookPlan([...plannedSheets()], definedNames), { allowLosing: o.force ?? false });
    else await target.replaceWithStream((out) => writeAsPlanned({ sheets: plannedSheets(), names: () => definedNames, dateFormat: workbookPlan([]).dateFormat }, out));
  } catch (e) {
    if (e instanceof UserContentWouldBeLost) throw new CliError(`${o.out}: ${e.message}`);
    if (e instanceof CliError) throw e;
    // Beyond Excel's limits (limits.ts): the message already says what, where, and that nothing changed.
    if (e instanceof InvalidPlanError && e.problems.length > 0) {
      const whose = candidateOf.get(e.problems[0]!.sheet?.toLowerCase() ?? '');
      throw new CliError(`${o.out}: ${e.message}${whose ? ` (That sheet is for ${whose.name}, ${whose.where}.)` : ''}`);
    }
    // A clash the adapter finds (a table or column name) leaves the file as it was.
    throw new CliError(`${o.out}: cannot build the workbook: ${(e as Error).message}. Nothing was written.`);
  }
  if (target.exists) await target.replaceWith(await workbook.toBuffer());
  // Said once the grids are written: a refused build claims nothing.
  if (warning) io.err(`vq-matrix: warning: ${warning}`);
  io.out(`Wrote ${o.out}: ${sheetCount} sheet(s) for ${candidates.length} candidate(s).`);
  // A live cohort summary has a column per unit: new grids (a changed pathway) need it rebuilt.
  if (names.some((n) => n.toLowerCase() === COHORT_SUMMARY_SHEET.toLowerCase()) && newGrids.length > 0) {
    io.out(`The "${COHORT_SUMMARY_SHEET}" sheet is refreshed for the new grids (${newGrids.join(', ')}).`);
    await target.release();
    return cohortCommand(io, { inputs: [o.out], inPlace: true, json: false, csv: false, force: true });
  }
  return 0;
}

/** Check workbooks: per candidate and unit, complete or not, coverage, missing items, credits, rules. */
export async function checkCommand(io: CliIo, inputs: string[], json: boolean, occasions?: number, standards: readonly string[] = []): Promise<number> {
  const catalog = await cliCatalog(io, standards);
  const results: ({ file: string; unreadable?: WorkbookFileProblem } & WorkbookCheck)[] = [];
  for (const file of await expandWorkbooks(io, inputs)) {
    // A grid's own occasions needed win (its formulas use them); --occasions is for sheets without (an assessor's own tracker), and a grid it does not apply to says so.
    const checker = new WorkbookChecker(catalog, occasions ? { occasions: { default: occasions } } : {}, isBundledId, (sheet) => readCentreStandards([sheet]));
    try {
      await streamWorkbookFile(resolve(io.cwd, file), (sheet) => checker.add(sheet), file);
    } catch (e) {
      if (!(e instanceof WorkbookFileError)) throw e;
      // A file that cannot be read completely is reported, never half-read; the others still are.
      results.push({ file, unreadable: e.kind, candidates: [], problems: [{ sheet: '', message: e.message }], otherSheets: [], notes: [] });
      continue;
    }
    const checked = checker.result();
    for (const n of checked.notes) io.err(`vq-matrix: note: ${file}: ${n}`);
    results.push({ file, candidates: checked.candidates, problems: checked.problems, otherSheets: checked.otherSheets, notes: checked.notes });
  }
  for (const r of results) for (const p of r.problems) io.err(r.unreadable ? `vq-matrix: ${p.message}` : `vq-matrix: ${r.file}: sheet "${p.sheet}"${p.cell ? `, cell ${p.cell}` : ''}: ${p.message}`);
  // An unreadable file's one problem has no sheet: the whole file was not read.
  if (json) {
    const contract: CheckJson = { version: JSON_CONTRACT_VERSION, files: results.map(({ otherSheets: _other, notes: _notes, ...r }) => (r.unreadable ? { ...r, problems: r.problems.map((p) => ({ message: p.message })) } : r)) };
    io.out(JSON.stringify(contract, null, 2));
  } else
    for (const r of results) {
      if (r.unreadable) {
        io.out(`${r.file}: not read (see the message above)`);
        continue;
      }
      if (r.candidates.length === 0 && r.problems.length === 0) {
        io.out(`${r.file}: no coverage grids found (sheets: ${r.otherSheets.join(', ') || 'none'})`);
        continue;
      }
      io.out(r.file);
      for (const c of r.candidates) {
        io.out(`  ${candidateLine(catalog, c)}`);
        for (const m of [...c.rules.unmet, ...c.rules.cannotCheck]) io.out(`    - ${m}`);
        for (const u of c.units) {
          io.out(`    ${unitLine(u)}`);
          for (const w of u.warnings) io.out(`      ! ${w}`);
        }
      }
    }
  return results.some((r) => r.problems.length > 0) ? 1 : 0;
}
