import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserContentWouldBeLost, XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { streamWorkbookFile } from '../adapters/xlsx/workbookFile';
import { writeNewWorkbook } from '../adapters/xlsx/streamingWriter';
import { WorkbookFileError, type WorkbookFileProblem } from '../adapters/xlsx/readLimits';
import { WorkbookChecker, type WorkbookCheck } from '../domain/coverage/workbookCheck';
import { buildCandidateWorkbook, workbookPlan, type GridLayout } from '../domain/grid/candidateWorkbook';
import { DEFAULT_SETTINGS, type GridSettings } from '../domain/grid/unitGrid';
import { isBundledId } from '../domain/standards/bundled';
import { centreStandardsSheet, CENTRE_STANDARDS_SHEET, differentVersions, readCentreStandards, standardsToCarry, standardsVersion } from '../domain/standards/centreStandards';
import { catalogForWorkbook, cliCatalog } from './centreStandards';
import type { SheetPlan } from '../domain/workbook/plan';
import { afterApply, replacedSheets, takenNames } from '../domain/workbook/preflight';
import { CliError, expandWorkbooks, otherSpreadsheetFormat, type CliIo } from './io';
import { WriteTarget } from './safeWrite';
import { pathwayWarning } from '../domain/rules/pathwayWarning';
import { candidateLine, unitLine } from './text';
import { indistinguishable, indistinguishableMessage, sameCandidate } from '../domain/grid/candidateIdentity';
import { normaliseLabel } from '../domain/grid/layout';
import { COHORT_SUMMARY_SHEET } from '../domain/cohort/cohortSummary';
import { cohortCommand } from './cohortCommands';
import { refuseUnkeptParts } from './unkeptParts';

export interface BuildOptions {
  qualification: string;
  candidates: string[];
  assessor?: string;
  units: string[];
  out: string;
  layout: GridLayout;
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
}

/** A candidate to build: from --candidate or a line of the candidates file. */
export interface CandidateLine {
  name: string;
  assessor?: string;
  id?: string;
  /** "line 3 of cands.csv", "--candidate", for messages. */
  where: string;
}

/** One CSV (or tab-separated) line: quoted fields may hold commas, "" is a quote. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',' || ch === '\t') {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(quoted ? field : field.trim());
  return fields;
}

type CandidateColumn = 'name' | 'assessor' | 'id';

/** Column titles a candidates file's header row may use (compared as header labels are). */
const CANDIDATE_COLUMNS: Record<CandidateColumn, readonly string[]> = {
  name: ['candidate', 'candidate name', 'name', 'learner', 'learner name', 'full name'],
  assessor: ['assessor', 'assessor name'],
  id: ['candidate id', 'id', 'uln', 'scn', 'registration number', 'registration no', 'reg no', 'candidate number', 'learner id'],
};
const columnFor = (title: string): CandidateColumn | undefined => (Object.keys(CANDIDATE_COLUMNS) as CandidateColumn[]).find((c) => CANDIDATE_COLUMNS[c].includes(normaliseLabel(title)));

/**
 * Candidates from a file: one per line, "name", "name,assessor" or "name,assessor,id"; or columns in
 * any order under a header row naming them (Candidate or Name, Assessor, Candidate id, ULN, SCN or
 * Registration number). Blank lines and # comments are skipped.
 */
export function parseCandidatesFile(text: string, file: string): CandidateLine[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), at: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
  let columns: CandidateColumn[] = ['name', 'assessor', 'id'];
  const first = lines[0] ? csvFields(lines[0].line) : [];
  if (first.length > 0 && first.some((f) => columnFor(f) === 'name')) {
    // A header row: every column must be one we know, so no data is silently ignored.
    columns = first.map((f, i) => {
      const c = columnFor(f);
      if (c === undefined && f !== '') throw new CliError(`${file}: line ${lines[0]!.at}: column ${i + 1} is headed "${f}"; a candidates file's columns are Candidate (or Name), Assessor and Candidate id (or ULN, SCN, Registration number)`);
      return c ?? ('' as CandidateColumn);
    });
    lines.shift();
  }
  const out: CandidateLine[] = [];
  for (const { line, at } of lines) {
    const fields = csvFields(line);
    const get = (c: CandidateColumn) => {
      const i = columns.indexOf(c);
      return i >= 0 ? (fields[i] ?? '').trim() : '';
    };
    const extra = fields.slice(columns.length).filter((f) => f.trim() !== '');
    if (extra.length > 0) throw new CliError(`${file}: line ${at}: ${fields.length} fields, expected at most ${columns.length} (${columns.filter(Boolean).join(', ')}); quote a name that holds a comma`);
    const name = get('name');
    if (name === '') {
      if (fields.some((f) => f.trim() !== '')) throw new CliError(`${file}: line ${at}: no candidate name`);
      continue;
    }
    out.push({ name, ...(get('assessor') ? { assessor: get('assessor') } : {}), ...(get('id') ? { id: get('id') } : {}), where: `line ${at} of ${file}` });
  }
  return out;
}

async function readCandidatesFile(io: CliIo, file: string): Promise<CandidateLine[]> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new CliError(`${file}: cannot read the candidates file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parseCandidatesFile(text, file);
}

/**
 * The candidates to build, each once: the same candidate listed again (same id, or the same name in
 * any case or spacing) is built once, with a warning; two that cannot be told apart (the same name,
 * different assessors, no ids) are refused, naming both.
 */
export function distinctCandidates(io: CliIo, candidates: readonly CandidateLine[]): CandidateLine[] {
  const pair = indistinguishable(
    candidates.map((c) => ({ name: c.name, id: c.id, assessor: c.assessor, where: `(${c.where})` })),
    { sameSpellingToo: true },
  );
  if (pair.length > 0) throw new CliError(indistinguishableMessage(pair[0]!));
  const out: CandidateLine[] = [];
  for (const c of candidates) {
    const earlier = out.find((o) => sameCandidate(o, c));
    if (earlier) {
      io.err(`vq-matrix: candidate "${c.name}" is listed more than once; built once (${earlier.where}${earlier.name !== c.name ? ` as "${earlier.name}"` : ''}, and ${c.where})`);
      if (earlier.id === undefined && c.id !== undefined) earlier.id = c.id;
      continue;
    }
    out.push({ ...c });
  }
  return out;
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
  const listed: CandidateLine[] = [
    ...o.candidates.map((name) => ({ name, assessor: o.assessor, ...(o.candidateId !== undefined ? { id: o.candidateId.trim() } : {}), where: '--candidate' })),
    ...(o.candidatesFile ? await readCandidatesFile(io, o.candidatesFile) : []).map((c) => ({ ...c, assessor: c.assessor ?? o.assessor })),
  ];
  const candidates = distinctCandidates(io, listed);
  if (candidates.length === 0) throw new CliError('build needs at least one --candidate "<name>" or --candidates <file>');
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
  const unknown = o.units.find((u) => !q.value.findUnit(u).ok);
  const warning = unknown === undefined ? pathwayWarning(q.value, o.units) : null;
  const taken = new Set(names);
  const sheets: SheetPlan[] = [];
  const definedNames: ReturnType<typeof workbookPlan>['names'] = [];
  // Tables and names already in the file are taken, except those on the sheets a candidate's build replaces.
  let names_ = await workbook.workbookNames();
  const existingTables = workbook.tableNames();
  for (const { name: candidate, assessor, id, where } of candidates) {
    const request = { qualification: q.value, candidate, candidateId: id, assessor, units: o.units, layout: o.layout, settings };
    const probe = buildCandidateWorkbook(request, existing, new Set(taken), new Set(), existingTables);
    if (!probe.ok) throw new CliError(`${candidate} (${where}): ${probe.problem.message} Nothing was written.`);
    const built = buildCandidateWorkbook(request, existing, taken, takenNames(names_, replacedSheets(probe.value, names_)), existingTables);
    if (!built.ok) throw new CliError(`${candidate} (${where}): ${built.problem.message} Nothing was written.`);
    names_ = afterApply(names_, workbookPlan(built.value.sheets, built.value.names));
    if (built.value.matchedAs !== undefined) io.out(`"${candidate}" is "${built.value.matchedAs}" already in ${o.out} (case and spacing ignored${id ? ', same candidate id' : ''}): updated those sheets, name kept as written there.`);
    sheets.push(...built.value.sheets);
    definedNames.push(...built.value.names);
    for (const c of built.value.changes) {
      const ch = c.changes;
      const what = [
        ch.evidenceRowsKept > 0 ? `kept ${ch.evidenceRowsKept} evidence rows and ${ch.marksKept} marks` : '',
        ch.added.length ? `added ${ch.added.join(', ')}` : '',
        ch.removed.length ? `removed ${ch.removed.join(', ')}` : '',
        ch.reworded.length ? `re-worded ${ch.reworded.join(', ')}` : '',
        ch.marksMovedToRemoved.length ? `marks under ${ch.marksMovedToRemoved.join(', ')} kept in "No longer in standard" columns` : '',
      ].filter(Boolean);
      io.out(`${c.sheet}: unit ${c.unit}${what.length ? `; ${what.join('; ')}` : ''}`);
    }
  }
  const centre = q.value.qualification;
  if (!isBundledId(centre.id)) {
    // The centre's qualification travels with the workbook; a newer version replaces the one it carried.
    const older = carried.find((c) => c.id.toLowerCase() === centre.id.toLowerCase());
    if (older && differentVersions(older, centre)) io.out(`Centre qualification ${centre.id}: the workbook had version ${standardsVersion(older)}; now ${standardsVersion(centre)} (changes per grid above).`);
    else if (!older) io.out(`Centre qualification ${centre.id} (version ${standardsVersion(centre)}) is stored in the workbook (sheet "${CENTRE_STANDARDS_SHEET}", very hidden).`);
    sheets.push(centreStandardsSheet(standardsToCarry(carried, centre)));
  }
  refuseUnkeptParts(io, o.out, target.path, o.force ?? false);
  try {
    // A new file is streamed sheet by sheet (memory stays flat at any cohort size); an existing one is rebuilt in memory.
    if (target.exists) await workbook.apply(workbookPlan(sheets, definedNames), { allowLosing: o.force ?? false });
    else await target.replaceWithStream((out) => writeNewWorkbook(workbookPlan(sheets, definedNames), out, { releaseWritten: true }));
  } catch (e) {
    if (e instanceof UserContentWouldBeLost) throw new CliError(`${o.out}: ${e.message}`);
    if (e instanceof CliError) throw e;
    // A clash the adapter finds (a table or column name) leaves the file as it was.
    throw new CliError(`${o.out}: cannot build the workbook: ${(e as Error).message}. Nothing was written.`);
  }
  if (target.exists) await target.replaceWith(await workbook.toBuffer());
  // Said once the grids are written: a refused build claims nothing.
  if (warning) io.err(`vq-matrix: warning: ${warning}`);
  io.out(`Wrote ${o.out}: ${sheets.length} sheet(s) for ${candidates.length} candidate(s).`);
  // A live cohort summary has a column per unit: new grids (a changed pathway) need it rebuilt.
  const before = new Set(names.map((n) => n.toLowerCase()));
  const newGrids = sheets.filter((s) => (s.role === 'unitGrid' || s.role === 'criteriaRows') && !before.has(s.name.toLowerCase()));
  if (before.has(COHORT_SUMMARY_SHEET.toLowerCase()) && newGrids.length > 0) {
    io.out(`The "${COHORT_SUMMARY_SHEET}" sheet is refreshed for the new grids (${newGrids.map((s) => s.name).join(', ')}).`);
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
  if (json) io.out(JSON.stringify({ files: results.map(({ otherSheets: _other, notes: _notes, ...r }) => (r.unreadable ? { ...r, problems: r.problems.map((p) => ({ message: p.message })) } : r)) }, null, 2));
  else
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
