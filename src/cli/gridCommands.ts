import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { streamWorkbookFile, XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { WorkbookChecker, type WorkbookCheck } from '../domain/coverage/workbookCheck';
import { buildCandidateWorkbook, workbookPlan, type GridLayout } from '../domain/grid/candidateWorkbook';
import { DEFAULT_SETTINGS, type GridSettings } from '../domain/grid/unitGrid';
import { bundledCatalog } from '../domain/standards/bundled';
import type { SheetPlan } from '../domain/workbook/plan';
import { COHORT_SUMMARY_SHEET } from '../domain/cohort/cohortSummary';
import { cohortCommand } from './cohortCommands';
import { refuseUnkeptParts } from './unkeptParts';
import { CliError, expandWorkbooks, type CliIo } from './io';

export interface BuildOptions {
  qualification: string;
  candidates: string[];
  assessor?: string;
  units: string[];
  out: string;
  layout: GridLayout;
  /** Occasions of accepted evidence each item needs (default 1). */
  occasions?: number;
  /** A text or CSV file of candidates: one per line, "name[,assessor]". */
  candidatesFile?: string;
  /** Write into an existing workbook even when it holds parts the writer cannot keep (charts ...). */
  force?: boolean;
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

/** Candidates from a file: one per line, "name" or "name,assessor"; blank lines and # comments skipped. */
async function readCandidatesFile(io: CliIo, file: string): Promise<{ name: string; assessor?: string }[]> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new CliError(`${file}: cannot read the candidates file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, assessor] = csvFields(line);
      return { name: name ?? '', assessor: assessor || undefined };
    })
    .filter((c) => c.name !== '')
    .filter((c, i) => !(i === 0 && /^(candidate|name)$/i.test(c.name)));
}

/** Build (or rebuild in place, keeping every mark) a candidate or cohort workbook. */
export async function buildCommand(io: CliIo, o: BuildOptions): Promise<number> {
  const catalog = bundledCatalog();
  const q = catalog.findQualification(o.qualification);
  if (!q.ok) throw new CliError(q.problem.message);
  const candidates = [
    ...o.candidates.map((name) => ({ name, assessor: o.assessor })),
    ...(o.candidatesFile ? await readCandidatesFile(io, o.candidatesFile) : []).map((c) => ({ name: c.name, assessor: c.assessor ?? o.assessor })),
  ];
  if (candidates.length === 0) throw new CliError('build needs at least one --candidate "<name>" or --candidates <file>');
  const settings: GridSettings = { ...DEFAULT_SETTINGS, occasions: { default: o.occasions ?? DEFAULT_SETTINGS.occasions.default } };
  const outPath = resolve(io.cwd, o.out);
  let workbook: XlsxWorkbook;
  try {
    workbook = existsSync(outPath) ? await XlsxWorkbook.fromFile(outPath) : XlsxWorkbook.create();
  } catch (e) {
    throw new CliError(`${o.out}: not a readable .xlsx workbook (${(e as Error).message}); nothing was written`);
  }
  const names = await workbook.sheetNames();
  const existing = await workbook.readSheets(names);
  const taken = new Set(names);
  const sheets: SheetPlan[] = [];
  const definedNames: ReturnType<typeof workbookPlan>['names'] = [];
  const tables = new Set<string>();
  const seen = new Set<string>();
  for (const { name: candidate, assessor } of candidates) {
    if (seen.has(candidate)) {
      io.err(`vq-matrix: candidate "${candidate}" is listed more than once; built once`);
      continue;
    }
    seen.add(candidate);
    const built = buildCandidateWorkbook({ qualification: q.value, candidate, assessor, units: o.units, layout: o.layout, settings }, existing, taken, tables);
    if (!built.ok) throw new CliError(built.problem.message);
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
  refuseUnkeptParts(io, o.out, outPath, o.force ?? false);
  await workbook.apply(workbookPlan(sheets, definedNames));
  await workbook.toFile(outPath);
  io.out(`Wrote ${o.out}: ${sheets.length} sheet(s) for ${seen.size} candidate(s).`);
  // A live cohort summary has a column per unit: new grids (a changed pathway) need it rebuilt.
  const before = new Set(names.map((n) => n.toLowerCase()));
  const newGrids = sheets.filter((s) => (s.role === 'unitGrid' || s.role === 'criteriaRows') && !before.has(s.name.toLowerCase()));
  if (before.has(COHORT_SUMMARY_SHEET.toLowerCase()) && newGrids.length > 0) {
    io.out(`The "${COHORT_SUMMARY_SHEET}" sheet is refreshed for the new grids (${newGrids.map((s) => s.name).join(', ')}).`);
    return cohortCommand(io, { inputs: [o.out], inPlace: true, json: false, csv: false, force: true });
  }
  return 0;
}

/** Check workbooks: per candidate and unit, complete or not, coverage, missing items, credits, rules. */
export async function checkCommand(io: CliIo, inputs: string[], json: boolean, occasions?: number): Promise<number> {
  const catalog = bundledCatalog();
  const results: ({ file: string } & WorkbookCheck)[] = [];
  for (const file of await expandWorkbooks(io, inputs)) {
    // A grid's own "Occasions needed" row wins; --occasions is for sheets without one (an assessor's tracker).
    const checker = new WorkbookChecker(catalog, occasions ? { occasions: { default: occasions } } : {});
    try {
      await streamWorkbookFile(resolve(io.cwd, file), (sheet) => checker.add(sheet));
    } catch (e) {
      throw new CliError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
    }
    const checked = checker.result();
    results.push({ file, candidates: checked.candidates, problems: checked.problems, otherSheets: checked.otherSheets });
  }
  for (const r of results) for (const p of r.problems) io.err(`vq-matrix: ${r.file}: sheet "${p.sheet}"${p.cell ? `, cell ${p.cell}` : ''}: ${p.message}`);
  if (json) io.out(JSON.stringify({ files: results.map(({ otherSheets: _other, ...r }) => r) }, null, 2));
  else
    for (const r of results) {
      if (r.candidates.length === 0 && r.problems.length === 0) {
        io.out(`${r.file}: no coverage grids found (sheets: ${r.otherSheets.join(', ') || 'none'})`);
        continue;
      }
      io.out(r.file);
      for (const c of r.candidates) {
        io.out(`  ${c.candidate} (${c.qualification}): ${c.credits} credits achieved; rules ${c.rules.met ? 'met' : c.rules.status === 'cannotCheck' ? 'cannot be checked' : 'not met'}`);
        for (const m of [...c.rules.unmet, ...c.rules.cannotCheck]) io.out(`    - ${m}`);
        for (const u of c.units) {
          io.out(`    ${u.unit} ${u.complete ? 'complete' : 'in progress'} ${Math.round(u.coverage * 100)}%${u.complete ? '' : `; missing ${u.missing.join(', ')}`}`);
          for (const w of u.warnings) io.out(`      ! ${w}`);
        }
      }
    }
  return results.some((r) => r.problems.length > 0) ? 1 : 0;
}
