import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WorkbookFileError } from '../adapters/xlsx/readLimits';
import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { readCohort, type CohortCandidate } from '../domain/cohort/cohortSummary';
import { COHORT_SUMMARY_SHEET } from '../domain/cohort/cohortSheetName';
import { describeGroup, fileNameKey, NO_ASSESSOR_WORKBOOK, splitCandidates, type SplitBy, type WorkbookGroup } from '../domain/cohort/workbookSplit';
import { describeCandidate, sameCandidate } from '../domain/grid/candidateIdentity';
import type { Catalog } from '../domain/standards/catalog';
import { catalogForWorkbook, cliCatalog } from './centreStandards';
import { cohortCommand } from './cohortCommands';
import { buildCommand, type BuildOptions } from './gridCommands';
import { readCandidatesFile } from './candidatesFile';
import { distinctCandidates, type ListedCandidate } from '../domain/workflow/candidateList';
import { CliError, otherSpreadsheetFormat, type CliIo } from './io';
import { openInSpreadsheet, plainReason, releaseTargets } from './safeWrite';
import { partsLostOnWrite } from './unkeptParts';

/*
 * `build --split assessor|candidate -o <folder>`: the cohort as a folder of workbooks, one per
 * assessor or per candidate, each built (or updated in place) by the ordinary build, with its own
 * live "Cohort summary" first. Everything that can refuse is checked for every workbook before any
 * is written (so a refusal writes nothing); a workbook that still fails while being written is left
 * as it was, the others are written, and the run names both and exits 1.
 */

/** A workbook already in the folder, as read before anything is written. */
interface FolderWorkbook {
  file: string;
  candidates: CohortCandidate[];
  hasSummary: boolean;
  catalog: Catalog;
  /** Parts the .xlsx writer cannot keep (charts ...), when --force is not given. */
  lost: string[];
}

const quiet = (io: CliIo): CliIo => ({ out: () => undefined, err: () => undefined, cwd: io.cwd });

/** The .xlsx files in the folder (Excel's "~$" lock files skipped), or none when the folder is new. */
async function folderWorkbooks(io: CliIo, folder: string): Promise<string[]> {
  const path = resolve(io.cwd, folder);
  const info = await stat(path).catch(() => null);
  if (info === null) return [];
  if (!info.isDirectory()) throw new CliError(`-o ${folder}: --split writes a folder of workbooks, and ${folder} is a file; name a folder (it is made if it does not exist). Nothing was written.`);
  return (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.xlsx') && !f.startsWith('~$')).sort();
}

/** Every workbook in the folder read, so no candidate's marks are missed; one that cannot be read stops the run. */
async function readFolder(io: CliIo, folder: string, files: readonly string[], base: Catalog, force: boolean): Promise<FolderWorkbook[]> {
  const out: FolderWorkbook[] = [];
  for (const f of files) {
    const file = join(folder, f);
    const path = resolve(io.cwd, file);
    let sheets;
    try {
      const book = await XlsxWorkbook.fromFile(path, file);
      sheets = await book.readSheets(await book.sheetNames());
    } catch (e) {
      if (!(e instanceof WorkbookFileError)) throw e;
      throw new CliError(`${e.message}. It may hold a candidate's marks, so nothing was written; repair it, or move it out of ${folder}, and run again.`);
    }
    // Notes about carried standards are said once, by the build of that workbook.
    const { catalog } = catalogForWorkbook(quiet(io), base, sheets, file);
    const lost = force ? [] : partsLostOnWrite(await readFile(path));
    out.push({
      file: f,
      candidates: readCohort(sheets, catalog, { file }).candidates,
      hasSummary: sheets.some((s) => s.name.toLowerCase() === COHORT_SUMMARY_SHEET.toLowerCase()),
      catalog,
      lost,
    });
  }
  return out;
}

/** The file a group is written to: an existing file of that name in any case is that file (Windows and macOS would open it). */
function targetFile(group: WorkbookGroup<ListedCandidate>, existing: readonly string[], folder: string): string {
  const same = existing.filter((f) => fileNameKey(f) === fileNameKey(group.file));
  if (same.length > 1) throw new CliError(`${folder} holds ${same.map((f) => `"${f}"`).join(' and ')}, names that differ only in case, and ${group.label}'s workbook would be "${group.file}"; keep one of them (they are one file on Windows and macOS). Nothing was written.`);
  return same[0] ?? group.file;
}


/** `build --split`: one workbook per assessor or candidate in the folder -o names. */
export async function splitBuildCommand(io: CliIo, o: BuildOptions, split: string): Promise<number> {
  if (split !== 'assessor' && split !== 'candidate') throw new CliError(`--split must be assessor or candidate, not "${split}"`);
  const by: SplitBy = split;
  if (o.candidatesFile === undefined || o.candidates.length > 0 || o.candidateId !== undefined) {
    throw new CliError('--split builds the candidates of a candidates file (--candidates <file>: name, assessor, id); leave out --candidate and --candidate-id');
  }
  const folder = o.out;
  if (/\.xlsx$/i.test(folder) || otherSpreadsheetFormat(folder)) throw new CliError(`-o ${folder}: --split writes one workbook per ${by} into a folder; name the folder (e.g. -o cohort), not a file. Nothing was written.`);

  const base = await cliCatalog(io, o.standards);
  const listed = (await readCandidatesFile(io, o.candidatesFile)).map((c) => ({ ...c, assessor: c.assessor ?? o.assessor }));
  const distinct = distinctCandidates(listed);
  if (!distinct.ok) throw new CliError(distinct.problem.message);
  for (const r of distinct.value.repeated) io.err(`vq-matrix: ${r}`);
  const candidates = distinct.value.candidates;
  if (candidates.length === 0) throw new CliError(`${o.candidatesFile}: no candidates in the file`);
  const groups = splitCandidates(candidates, by);
  if (!groups.ok) throw new CliError(`${groups.problem.message} Nothing was written.`);

  // Before anything is written: every workbook in the folder read, every refusal found.
  const names = await folderWorkbooks(io, folder);
  const existing = await readFolder(io, folder, names, base, o.force ?? false);
  const plan = groups.value.map((g) => ({ group: g, file: targetFile(g, names, folder) }));
  const refusals: string[] = [];
  const notes: string[] = [];
  const unknownUnits = (q: ReturnType<Catalog['findQualification']>, where: string) => {
    if (!q.ok) return;
    for (const u of o.units) {
      const found = q.value.findUnit(u);
      if (!found.ok) refusals.push(`${where}${found.problem.message}`);
    }
  };
  // A qualification the run knows is the same in every workbook: checked once. A centre's own one
  // may be carried by some workbooks only, so it is checked for each.
  const known = base.findQualification(o.qualification);
  unknownUnits(known, '');
  for (const { group, file } of plan) {
    const here = existing.find((w) => w.file === file);
    const shown = join(folder, file);
    if (!known.ok) {
      const q = (here?.catalog ?? base).findQualification(o.qualification);
      if (!q.ok) refusals.push(`${shown}: ${q.problem.message}${here ? '' : " (a new workbook: give the centre's standards with --standards)"}`);
      unknownUnits(q, `${shown}: `);
    }
    if (here) {
      const marker = await openInSpreadsheet(resolve(io.cwd, shown));
      if (marker) refusals.push(`${shown} is open in Excel or another spreadsheet program (${marker} is beside it); close it there. (If no one has it open, delete ${marker}.)`);
      if (here.lost.length > 0) refusals.push(`${shown} holds ${here.lost.join(', ')}, which the .xlsx writer cannot keep; run again with --force to write it anyway (they will be lost), or leave that ${by} out of the candidates file.`);
    }
    // A candidate whose grids are in another workbook of the folder has moved: building them here
    // would start empty grids while their marks stay there, so the run stops and names both files.
    for (const c of group.candidates) {
      const holders = existing.filter((w) => w.candidates.some((h) => sameCandidate({ name: h.candidate, id: h.candidateId }, c)));
      if (holders.some((w) => w.file === file)) {
        // A copy elsewhere (a workbook copied by hand) is not this run's to change: said, and left as it is.
        const others = holders.filter((w) => w.file !== file).map((w) => join(folder, w.file));
        if (others.length > 0) notes.push(`${describeCandidate({ name: c.name, id: c.id })} is built in ${shown}, and also has grids in ${others.join(' and ')}, left as they are`);
        continue;
      }
      if (holders.length === 0) continue;
      const was = holders[0]!.candidates.find((h) => sameCandidate({ name: h.candidate, id: h.candidateId }, c))!;
      refusals.push(
        `${describeCandidate({ name: c.name, id: c.id, where: `(${c.where ?? o.candidatesFile})` })} ${by === 'candidate' ? `is to be built in ${shown}` : group.assessor === undefined ? `now has no assessor, so belongs in ${shown}` : `is now for assessor "${group.label}", whose workbook is ${shown}`}, ` +
          `but their grids and marks are in ${holders.map((w) => join(folder, w.file)).join(' and ')}${was.assessor ? ` (assessor ${was.assessor})` : ''}. ` +
          (by === 'assessor'
            ? `To keep them there, ${was.assessor ? `give their assessor as "${was.assessor}"` : 'leave their assessor blank'} in ${o.candidatesFile}; to move them, move their sheets (tracker, evidence index and grids) into ${shown} in Excel (Move or Copy), then run again.`
            : `Rename that workbook to ${file} (if it holds only them), or build into a new folder.`),
      );
    }
  }
  if (refusals.length > 0) throw new CliError(`build --split ${by}: nothing was written:\n${refusals.map((r) => `  - ${r}`).join('\n')}`);
  for (const n of notes) io.err(`vq-matrix: note: ${n}`);

  // The folder is made (one level, as a file's folder must exist) only once nothing can refuse.
  if (names.length === 0) {
    await mkdir(resolve(io.cwd, folder)).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new CliError(`-o ${folder}: the folder cannot be made: ${plainReason(e, dirname(folder))}. Nothing was written.`);
    });
  }
  const noAssessor = plan.find((p) => by === 'assessor' && p.group.assessor === undefined);
  if (noAssessor) io.out(`${noAssessor.group.candidates.length} candidate(s) with no assessor in ${o.candidatesFile} go to ${join(folder, noAssessor.file)}.`);

  // The same warning (a pathway short of the rules of combination) is said once, not per workbook.
  const said = new Set<string>();
  const err = (t: string) => {
    if (!said.has(t)) io.err(t);
    said.add(t);
  };
  const written: string[] = [];
  const failed: string[] = [];
  let exit = 0;
  for (const { group, file } of plan) {
    const shown = join(folder, file);
    const before = await fileIdentity(resolve(io.cwd, shown));
    // An io of its own per workbook, so its lock is released when it is done (the summary then takes it again).
    const own: CliIo = { out: io.out, err, cwd: io.cwd };
    try {
      exit = Math.max(exit, await buildCommand(own, { ...o, out: shown, candidates: [], candidatesFile: undefined, lines: group.candidates }));
      await releaseTargets(own);
      // Every workbook of the split has its own live summary, first among its tabs (a rebuild that adds grids refreshes it).
      if (!(existing.find((w) => w.file === file)?.hasSummary ?? false)) {
        const summaryIo: CliIo = { out: io.out, err, cwd: io.cwd };
        try {
          exit = Math.max(exit, await cohortCommand(summaryIo, { inputs: [shown], inPlace: true, json: false, csv: false, force: o.force ?? false }));
        } finally {
          await releaseTargets(summaryIo);
        }
      }
      written.push(shown);
    } catch (e) {
      await releaseTargets(own);
      if (!(e instanceof CliError)) {
        // A fault of ours, not the user's: still say which workbooks were written before it.
        io.err(`vq-matrix: build --split ${by}: stopped at ${shown}; written before it: ${written.join(', ') || 'none'}`);
        throw e;
      }
      const changed = (await fileIdentity(resolve(io.cwd, shown))) !== before;
      io.err(`vq-matrix: ${e.message}`);
      // The grids were written but the summary was not: the workbook is whole, its summary is added by the next run.
      if (changed) {
        written.push(shown);
        failed.push(`${shown}: written, but its "${COHORT_SUMMARY_SHEET}" sheet is not up to date (see above); run the same build again, or vq-matrix cohort "${shown}" --in-place`);
      } else failed.push(`${shown} (${describeGroup(group, by)}): not written (see above)`);
    }
  }
  io.out(`build --split ${by}: ${written.length} of ${plan.length} workbook(s) written in ${folder}${by === 'assessor' ? ` (one per assessor${noAssessor ? `, and ${NO_ASSESSOR_WORKBOOK}.xlsx` : ''})` : ' (one per candidate)'}.`);
  if (failed.length > 0) {
    io.err(`vq-matrix: build --split ${by}: ${failed.length} workbook(s) not as asked:\n${failed.map((f) => `  - ${f}`).join('\n')}${written.length > 0 ? `\nWritten: ${written.join(', ')}.` : ''}\nEach workbook is written whole or not at all; running the same build again finishes the job and changes nothing already done.`);
    return 1;
  }
  return exit;
}

/** A file's identity (inode, size, modification time), to tell whether a failed run wrote it; null when absent. */
async function fileIdentity(path: string): Promise<string | null> {
  const s = await stat(path, { bigint: true }).catch(() => null);
  return s === null ? null : `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
}
