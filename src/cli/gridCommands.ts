import { readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import { checkWorkbook, type WorkbookCheck } from '../domain/coverage/workbookCheck';
import { buildCandidateGrids, workbookPlan } from '../domain/grid/candidateWorkbook';
import { bundledCatalog } from '../domain/standards/bundled';
import type { SheetPlan } from '../domain/workbook/plan';
import { CliError, type CliIo } from './io';

export interface BuildOptions {
  qualification: string;
  candidates: string[];
  assessor?: string;
  units: string[];
  out: string;
}

/** Build (or rebuild in place, keeping every mark) a candidate or cohort workbook. */
export async function buildCommand(io: CliIo, o: BuildOptions): Promise<number> {
  const catalog = bundledCatalog();
  const q = catalog.findQualification(o.qualification);
  if (!q.ok) throw new CliError(q.problem.message);
  if (o.candidates.length === 0) throw new CliError('build needs at least one --candidate "<name>"');
  const outPath = resolve(io.cwd, o.out);
  const workbook = existsSync(outPath) ? await XlsxWorkbook.fromFile(outPath) : XlsxWorkbook.create();
  const names = await workbook.sheetNames();
  const existing = await workbook.readSheets(names);
  const taken = new Set(names);
  const sheets: SheetPlan[] = [];
  for (const candidate of o.candidates) {
    const built = buildCandidateGrids({ qualification: q.value, candidate, assessor: o.assessor, units: o.units }, existing, taken);
    if (!built.ok) throw new CliError(built.problem.message);
    sheets.push(...built.value.sheets);
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
  await workbook.apply(workbookPlan(sheets));
  await workbook.toFile(outPath);
  io.out(`Wrote ${o.out}: ${sheets.length} grid sheet(s) for ${o.candidates.length} candidate(s).`);
  return 0;
}

async function expandInputs(io: CliIo, inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const path = resolve(io.cwd, input);
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new CliError(`${input}: no such file or folder`);
    }
    if (info.isDirectory()) {
      for (const f of (await readdir(path)).sort()) if (f.toLowerCase().endsWith('.xlsx') && !f.startsWith('~$')) files.push(join(input, f));
    } else files.push(input);
  }
  if (files.length === 0) throw new CliError('no .xlsx files to check');
  return files;
}

/** Check workbooks: per candidate and unit, complete or not, coverage, missing items, credits, rules. */
export async function checkCommand(io: CliIo, inputs: string[], json: boolean): Promise<number> {
  const catalog = bundledCatalog();
  const results: ({ file: string } & Omit<WorkbookCheck, 'otherSheets'>)[] = [];
  for (const file of await expandInputs(io, inputs)) {
    let workbook: XlsxWorkbook;
    try {
      workbook = await XlsxWorkbook.fromFile(resolve(io.cwd, file));
    } catch (e) {
      throw new CliError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
    }
    const sheets = await workbook.readSheets(await workbook.sheetNames());
    const checked = checkWorkbook(sheets, catalog);
    results.push({ file, candidates: checked.candidates, problems: checked.problems });
  }
  if (json) io.out(JSON.stringify({ files: results }, null, 2));
  else
    for (const r of results) {
      io.out(r.file);
      for (const p of r.problems) io.out(`  ! sheet "${p.sheet}": ${p.message}`);
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
