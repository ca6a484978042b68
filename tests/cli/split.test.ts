import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import type { Qualification } from '../../src/domain/standards/schema';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { planRows } from '../support/planFile';
import { replacePart } from '../support/zipFile';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

interface CohortJson {
  candidates: { candidate: string; assessor: string; file: string; units: { unit: string; status: string; coverage: number }[]; credits: number }[];
}

const sheetsOf = async (file: string): Promise<string[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.filter((ws) => ws.state !== 'veryHidden').map((ws) => ws.name);
};

/** Every .xlsx in a folder with its bytes, to prove a refused run wrote nothing. */
const snapshot = (folder: string) => new Map(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f))]));

const day = (d: number) => new Date(Date.UTC(2025, 1, d));

/** Said by cohort --in-place for each new summary: the .xlsx writer cannot draw its charts. */
const CHART_NOTE = /^vq-matrix: note: "CompletionByUnit" and "CompletionByAssessor" not drawn in the \.xlsx file.*\n/gm;
const quiet = (err: string) => err.replace(PATHWAY_WARNING, '').replace(CHART_NOTE, '');

/** The evidence refs typed into a grid (column A under "Ref no."). */
const refsOf = async (file: string, sheet: string): Promise<unknown[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  let header = 0;
  for (let r = 1; r <= 40 && header === 0; r++) if (ws.getRow(r).getCell(1).value === 'Ref no.') header = r;
  const refs: unknown[] = [];
  for (let r = header + 1; ws.getRow(r).getCell(1).value; r++) refs.push(ws.getRow(r).getCell(1).value);
  return refs;
};

describe('vq-matrix build --split', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-split-'));
  const build = (csv: string, out: string, by = 'assessor', extra: string[] = []) => runCli(['build', '-q', '4430-02', '--candidates', csv, '--split', by, '-u', '203', '-o', out, ...extra], dir);

  beforeAll(() => {
    // "p. jones" is P. Jones (case and spacing ignored, as cohort --assessor compares); Dee has no assessor.
    writeFileSync(join(dir, 'cands.csv'), 'Candidate,Assessor,ULN\nAmy Ng,P. Jones,\nBen Ode,K. Lee,\nCy Twombly,p.  jones,\nDee Dee,,\nEve Ash,K. Lee,1234567890\n');
  });

  afterEach(() => {
    delete process.env.VQ_MATRIX_LOCK_WAIT_MS;
  });

  it('writes one workbook per assessor, each with its candidates only and its own Cohort summary first; check, cohort and sample read the folder', async () => {
    const r = await build('cands.csv', 'cohort');
    expect(quiet(r.err)).toBe('');
    // The pathway warning and the chart note are said once, not once per workbook.
    expect(r.err.match(PATHWAY_WARNING)).toHaveLength(1);
    expect(r.err.match(CHART_NOTE)).toHaveLength(1);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'cohort')).sort()).toEqual(['K. Lee.xlsx', 'No assessor.xlsx', 'P. Jones.xlsx']);
    expect(r.out).toContain(`1 candidate(s) with no assessor in cands.csv go to ${join('cohort', 'No assessor.xlsx')}.`);
    expect(r.out).toContain('build --split assessor: 3 of 3 workbook(s) written in cohort (one per assessor, and No assessor.xlsx).');

    const jones = await sheetsOf(join(dir, 'cohort', 'P. Jones.xlsx'));
    expect(jones[0]).toBe('Cohort summary');
    expect(jones.filter((s) => / 4430-/.test(s))).toEqual(['Amy Ng 4430-101', 'Amy Ng 4430-201', 'Amy Ng 4430-203', 'Cy Twombly 4430-101', 'Cy Twombly 4430-201', 'Cy Twombly 4430-203']);
    expect(jones).toEqual(expect.arrayContaining(['Amy Ng Tracker', 'Amy Ng Evidence', 'Cy Twombly Tracker', 'Cy Twombly Evidence']));
    const lee = await sheetsOf(join(dir, 'cohort', 'K. Lee.xlsx'));
    expect(lee[0]).toBe('Cohort summary');
    expect(lee.some((s) => s.startsWith('Amy') || s.startsWith('Dee'))).toBe(false);
    expect((await sheetsOf(join(dir, 'cohort', 'No assessor.xlsx'))).filter((s) => s.endsWith('Tracker'))).toEqual(['Dee Dee Tracker']);

    // Marks typed into two assessors' workbooks, as they would in Excel.
    await typeEvidence(join(dir, 'cohort', 'P. Jones.xlsx'), 'Amy Ng 4430-101', [{ ref: 'A1', date: day(1), method: 'Observation', location: 'Head office', marks: 'all' }]);
    await typeEvidence(join(dir, 'cohort', 'P. Jones.xlsx'), 'Amy Ng 4430-203', [{ ref: 'A2', date: day(2), method: 'Questioning', location: 'Shop floor', marks: ['1.1'] }]);
    await typeEvidence(join(dir, 'cohort', 'K. Lee.xlsx'), 'Ben Ode 4430-203', [{ ref: 'B1', date: day(3), method: 'Observation', location: 'Call centre', marks: ['1.1', '1.2'] }]);

    const cohort = await runCli(['cohort', 'cohort', '--json'], dir);
    expect(cohort.err).toBe('');
    expect(cohort.code).toBe(0);
    const report = JSON.parse(cohort.out) as CohortJson;
    const row = (name: string) => report.candidates.find((c) => c.candidate === name)!;
    expect(report.candidates.map((c) => [c.candidate, c.assessor, c.file])).toEqual([
      ['Ben Ode', 'K. Lee', join('cohort', 'K. Lee.xlsx')],
      ['Eve Ash', 'K. Lee', join('cohort', 'K. Lee.xlsx')],
      ['Dee Dee', '', join('cohort', 'No assessor.xlsx')],
      ['Amy Ng', 'P. Jones', join('cohort', 'P. Jones.xlsx')],
      ['Cy Twombly', 'p.  jones', join('cohort', 'P. Jones.xlsx')],
    ]);
    expect(row('Amy Ng').units.map((u) => [u.unit, u.status])).toEqual([
      ['4430-101', 'complete'],
      ['4430-201', 'not started'],
      ['4430-203', 'in progress'],
    ]);
    expect(row('Amy Ng').units[2]!.coverage).toBeCloseTo(1 / 31, 6);
    expect(row('Amy Ng').credits).toBe(4);
    expect(row('Ben Ode').units[2]!.coverage).toBeCloseTo(2 / 31, 6);
    expect(row('Cy Twombly').units.every((u) => u.status === 'not started')).toBe(true);
    // One assessor's share, across the folder.
    const jonesOnly = JSON.parse((await runCli(['cohort', 'cohort', '--assessor', 'P. Jones', '--json'], dir)).out) as CohortJson;
    expect(jonesOnly.candidates.map((c) => c.candidate)).toEqual(['Amy Ng', 'Cy Twombly']);

    const check = await runCli(['check', 'cohort'], dir);
    expect(check.code).toBe(0);
    expect(check.out).toContain(join('cohort', 'P. Jones.xlsx'));
    expect(check.out).toMatch(/Amy Ng \(cg-4430-02\): 4 credits achieved/);

    // A plan over the folder; recording it writes each sample into the workbook holding the candidate's grid.
    expect((await runCli(['sample', 'cohort', '--seed', '3', '-o', 'plan.xlsx'], dir)).code).toBe(0);
    const { wb, ws, cols, rows } = await planRows(join(dir, 'plan.xlsx'));
    const recordRow = (candidate: string) => rows.find((n) => ws.getRow(n).getCell(1).value === candidate)!;
    for (const n of [recordRow('Amy Ng'), recordRow('Ben Ode')]) {
      ws.getRow(n).getCell(cols.get('IV initials')!).value = 'JB';
      ws.getRow(n).getCell(cols.get('Date sampled')!).value = new Date(Date.UTC(2025, 2, 10));
    }
    await wb.xlsx.writeFile(join(dir, 'plan.xlsx'));
    const recorded = await runCli(['sample', 'cohort', '--record', 'plan.xlsx', '--json'], dir);
    expect(recorded.err).toBe('');
    const rec = JSON.parse(recorded.out) as { recorded: number; files: { file: string; written: number }[] };
    expect(rec.recorded).toBe(2);
    expect(rec.files.map((f) => f.file).sort()).toEqual([join('cohort', 'K. Lee.xlsx'), join('cohort', 'P. Jones.xlsx')]);
    expect(rec.files.every((f) => f.written > 0)).toBe(true);
    const jonesBook = new ExcelJS.Workbook();
    await jonesBook.xlsx.readFile(join(dir, 'cohort', 'P. Jones.xlsx'));
    // Amy's tracker row for the sampled unit carries the IV's initials.
    const sampled: unknown[] = [];
    jonesBook.getWorksheet('Amy Ng Tracker')!.eachRow((row) => {
      if (row.getCell(11).value === 'JB') sampled.push(row.getCell(1).value);
    });
    expect(sampled).toEqual([ws.getRow(recordRow('Amy Ng')).getCell(cols.get('Unit code')!).value]);
    expect(await sheetsOf(join(dir, 'cohort', 'K. Lee.xlsx'))).not.toContain('Amy Ng Tracker');
  });

  it('a rebuild updates every workbook in place: marks and evidence kept, a new candidate added to their assessor\'s workbook and its summary', async () => {
    writeFileSync(join(dir, 'more.csv'), 'Candidate,Assessor,ULN\nAmy Ng,P. Jones,\nBen Ode,K. Lee,\nCy Twombly,p.  jones,\nDee Dee,,\nEve Ash,K. Lee,1234567890\nFay Wray,K. Lee,\n');
    // The assessor's note on Amy's evidence ref, as typed in Excel.
    const jonesFile = join(dir, 'cohort', 'P. Jones.xlsx');
    const typed = new ExcelJS.Workbook();
    await typed.xlsx.readFile(jonesFile);
    const grid = typed.getWorksheet('Amy Ng 4430-101')!;
    let refRow = 0;
    grid.eachRow((row, n) => {
      if (row.getCell(1).value === 'A1') refRow = n;
    });
    grid.getRow(refRow).getCell(1).note = 'Seen on site';
    await typed.xlsx.writeFile(jonesFile);
    const r = await build('more.csv', 'cohort');
    expect(quiet(r.err)).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Amy Ng 4430-101: unit 4430-101; kept 1 evidence row and');
    expect(r.out).toContain('The "Cohort summary" sheet is refreshed for the new grids (Fay Wray 4430-101, Fay Wray 4430-201, Fay Wray 4430-203).');
    expect(readdirSync(join(dir, 'cohort')).filter((f) => !f.startsWith('.')).sort()).toEqual(['K. Lee.xlsx', 'No assessor.xlsx', 'P. Jones.xlsx']);
    const lee = await sheetsOf(join(dir, 'cohort', 'K. Lee.xlsx'));
    expect(lee[0]).toBe('Cohort summary');
    expect(lee).toContain('Fay Wray Tracker');
    const rebuilt = new ExcelJS.Workbook();
    await rebuilt.xlsx.readFile(jonesFile);
    const note = rebuilt.getWorksheet('Amy Ng 4430-101')!.getRow(refRow).getCell(1).note;
    expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toBe('Seen on site');
    const report = JSON.parse((await runCli(['cohort', 'cohort', '--json'], dir)).out) as CohortJson;
    const amy = report.candidates.find((c) => c.candidate === 'Amy Ng')!;
    expect(amy.units.map((u) => u.status)).toEqual(['complete', 'not started', 'in progress']);
    expect(report.candidates.find((c) => c.candidate === 'Ben Ode')!.units[2]!.coverage).toBeCloseTo(2 / 31, 6);
    expect(report.candidates.find((c) => c.candidate === 'Fay Wray')!.file).toBe(join('cohort', 'K. Lee.xlsx'));
    // The live summary in K. Lee's workbook names its own candidates, Fay included, and no one else's.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'cohort', 'K. Lee.xlsx'));
    const names: unknown[] = [];
    wb.getWorksheet('Cohort summary')!.eachRow((row) => names.push(row.getCell(1).value));
    expect(names).toEqual(expect.arrayContaining(['Ben Ode', 'Eve Ash', 'Fay Wray']));
    expect(names).not.toContain('Amy Ng');
    // No lock or temporary file is left behind.
    expect(readdirSync(join(dir, 'cohort')).filter((f) => f.startsWith('.') || f.endsWith('.vq-lock'))).toEqual([]);
  });

  it('a candidate whose assessor changed is refused, naming the candidate and both workbooks; nothing is written', async () => {
    writeFileSync(join(dir, 'moved.csv'), 'Candidate,Assessor,ULN\nAmy Ng,P. Jones,\nBen Ode,P. Jones,\nEve Ash,K. Lee,1234567890\nDee Dee,K. Lee,\n');
    const before = snapshot(join(dir, 'cohort'));
    const r = await build('moved.csv', 'cohort');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('vq-matrix: build --split assessor: nothing was written:');
    expect(r.err).toContain(
      `"Ben Ode" (line 3 of moved.csv) is now for assessor "P. Jones", whose workbook is ${join('cohort', 'P. Jones.xlsx')}, but their grids and marks are in ${join('cohort', 'K. Lee.xlsx')} (assessor K. Lee). ` +
        `To keep them there, give their assessor as "K. Lee" in moved.csv; to move them, move their sheets (tracker, evidence index and grids) into ${join('cohort', 'P. Jones.xlsx')} in Excel (Move or Copy), then run again.`,
    );
    expect(r.err).toContain(`"Dee Dee" (line 5 of moved.csv) is now for assessor "K. Lee", whose workbook is ${join('cohort', 'K. Lee.xlsx')}, but their grids and marks are in ${join('cohort', 'No assessor.xlsx')}. To keep them there, leave their assessor blank in moved.csv;`);
    expect(snapshot(join(dir, 'cohort'))).toEqual(before);
  });

  it('a workbook that fails while being written is named and left as it was; the others are written (exit 1); running again finishes', async () => {
    // Another run holds K. Lee's workbook.
    process.env.VQ_MATRIX_LOCK_WAIT_MS = '0';
    const lock = join(dir, 'cohort', 'K. Lee.xlsx.vq-lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), token: 'someone-else' }));
    const lee = readFileSync(join(dir, 'cohort', 'K. Lee.xlsx'));
    const jones = readFileSync(join(dir, 'cohort', 'P. Jones.xlsx'));
    const r = await build('more.csv', 'cohort', 'assessor', ['--occasions', '2']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`vq-matrix: ${join('cohort', 'K. Lee.xlsx')} is being changed by another vq-matrix run`);
    expect(r.err).toContain(`vq-matrix: build --split assessor: 1 workbook(s) not as asked:\n  - ${join('cohort', 'K. Lee.xlsx')} (assessor "K. Lee"): not written (see above)\nWritten: ${join('cohort', 'P. Jones.xlsx')}, ${join('cohort', 'No assessor.xlsx')}.`);
    expect(r.out).toContain('build --split assessor: 2 of 3 workbook(s) written in cohort');
    expect(readFileSync(join(dir, 'cohort', 'K. Lee.xlsx')).equals(lee)).toBe(true);
    expect(readFileSync(join(dir, 'cohort', 'P. Jones.xlsx')).equals(jones)).toBe(false);
    unlinkSync(lock);
    const again = await build('more.csv', 'cohort', 'assessor', ['--occasions', '2']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('3 of 3 workbook(s) written');
    const report = JSON.parse((await runCli(['cohort', 'cohort', '--json'], dir)).out) as CohortJson;
    // Occasions 2 now: Amy's unit 101, evidenced once, is no longer complete; her evidence is still there.
    expect(report.candidates.find((c) => c.candidate === 'Amy Ng')!.units[0]!.status).toBe('in progress');
    expect(await refsOf(join(dir, 'cohort', 'P. Jones.xlsx'), 'Amy Ng 4430-101')).toEqual(['A1']);
    expect(await refsOf(join(dir, 'cohort', 'K. Lee.xlsx'), 'Ben Ode 4430-203')).toEqual(['B1']);
  });

  it('a workbook open in Excel, or one that cannot be read, stops the run before anything is written', async () => {
    const folder = join(dir, 'cohort');
    writeFileSync(join(folder, '~$K. Lee.xlsx'), 'owner');
    let before = snapshot(folder);
    let r = await build('more.csv', 'cohort');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join('cohort', 'K. Lee.xlsx')} is open in Excel or another spreadsheet program (~$K. Lee.xlsx is beside it)`);
    expect(snapshot(folder)).toEqual(before);
    unlinkSync(join(folder, '~$K. Lee.xlsx'));
    writeFileSync(join(folder, 'Damaged.xlsx'), 'not a workbook');
    before = snapshot(folder);
    r = await build('more.csv', 'cohort');
    expect(r.code).toBe(1);
    expect(r.err).toContain("It may hold a candidate's marks, so nothing was written; repair it, or move it out of cohort, and run again.");
    expect(snapshot(folder)).toEqual(before);
    unlinkSync(join(folder, 'Damaged.xlsx'));
    // A chart someone added to K. Lee's workbook would be lost by the .xlsx writer: refused unless --force.
    const lee = join(folder, 'K. Lee.xlsx');
    const original = readFileSync(lee);
    writeFileSync(lee, replacePart(original, 'xl/charts/chart1.xml', { data: '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>' }));
    before = snapshot(folder);
    r = await build('more.csv', 'cohort');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join('cohort', 'K. Lee.xlsx')} holds charts, which the .xlsx writer cannot keep; run again with --force to write it anyway (they will be lost)`);
    expect(snapshot(folder)).toEqual(before);
    writeFileSync(lee, original);
  });

  it('per candidate: a workbook each, named safely, the id in the name; switching the same folder to per assessor is refused', async () => {
    writeFileSync(join(dir, 'odd.csv'), 'Candidate,Assessor,ULN\nAmy Ng,P. Jones,\nCon,K. Lee,\n"Ben: Ode.",K. Lee,\nEve Ash,K. Lee,1234567890\n');
    const r = await build('odd.csv', 'each', 'candidate');
    expect(quiet(r.err)).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'each')).sort()).toEqual(['Amy Ng.xlsx', 'Ben_ Ode.xlsx', 'Eve Ash (1234567890).xlsx', '_Con.xlsx']);
    expect((await sheetsOf(join(dir, 'each', '_Con.xlsx')))[0]).toBe('Cohort summary');
    await typeEvidence(join(dir, 'each', 'Amy Ng.xlsx'), 'Amy Ng 4430-101', [{ ref: 'A1', date: day(1), method: 'Observation', location: 'Head office', marks: 'all' }]);
    const report = JSON.parse((await runCli(['cohort', 'each', '--json'], dir)).out) as CohortJson;
    expect(report.candidates.map((c) => [c.candidate, c.file, c.credits])).toEqual([
      ['Amy Ng', join('each', 'Amy Ng.xlsx'), 4],
      ['Ben: Ode.', join('each', 'Ben_ Ode.xlsx'), 0],
      ['Eve Ash', join('each', 'Eve Ash (1234567890).xlsx'), 0],
      ['Con', join('each', '_Con.xlsx'), 0],
    ]);
    // The same folder split by assessor would start empty grids beside Amy's marks: refused.
    const before = snapshot(join(dir, 'each'));
    const switched = await build('odd.csv', 'each', 'assessor');
    expect(switched.code).toBe(1);
    expect(switched.err).toContain(`"Amy Ng" (line 2 of odd.csv) is now for assessor "P. Jones", whose workbook is ${join('each', 'P. Jones.xlsx')}, but their grids and marks are in ${join('each', 'Amy Ng.xlsx')}`);
    expect(snapshot(join(dir, 'each'))).toEqual(before);
  });

  it('an existing file named in another case is that workbook (Windows and macOS would open it)', async () => {
    mkdirSync(join(dir, 'cased'));
    writeFileSync(join(dir, 'one.csv'), 'Amy Ng,P. Jones\n');
    expect((await build('one.csv', 'cased')).code).toBe(0);
    writeFileSync(join(dir, 'one-lower.csv'), 'Amy Ng,p. jones\nBo Li,P. JONES\n');
    const r = await build('one-lower.csv', 'cased');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'cased'))).toEqual(['P. Jones.xlsx']);
    expect(await sheetsOf(join(dir, 'cased', 'P. Jones.xlsx'))).toContain('Bo Li Tracker');
    // A copy made by hand is not this run's to change: said, and left as it is.
    copyFileSync(join(dir, 'cased', 'P. Jones.xlsx'), join(dir, 'cased', 'Old copy.xlsx'));
    const copy = readFileSync(join(dir, 'cased', 'Old copy.xlsx'));
    const again = await build('one-lower.csv', 'cased');
    expect(again.code).toBe(0);
    expect(again.err).toContain(`vq-matrix: note: "Amy Ng" is built in ${join('cased', 'P. Jones.xlsx')}, and also has grids in ${join('cased', 'Old copy.xlsx')}, left as they are`);
    expect(readFileSync(join(dir, 'cased', 'Old copy.xlsx')).equals(copy)).toBe(true);
  });

  it('refuses, writing nothing: names that would be one file, a file for -o, --candidate, an unknown --split or unit', async () => {
    writeFileSync(join(dir, 'clash.csv'), 'Amy Ng,A/B\nBen Ode,A:B\n');
    let r = await build('clash.csv', 'clash');
    expect(r.code).toBe(1);
    expect(r.err).toContain('vq-matrix: assessor "A/B" and assessor "A:B" would share the workbook "A_B.xlsx"');
    expect(r.err).toContain('Nothing was written.');
    expect(existsSync(join(dir, 'clash'))).toBe(false);

    r = await build('cands.csv', 'out.xlsx');
    expect(r.err).toContain('-o out.xlsx: --split writes one workbook per assessor into a folder; name the folder (e.g. -o cohort), not a file.');
    r = await build('cands.csv', 'plan.xlsx');
    expect(r.code).toBe(1);
    r = await runCli(['build', '-q', '4430-02', '--candidate', 'Amy Ng', '--split', 'assessor', '-u', '203', '-o', 'x'], dir);
    expect(r.err).toContain('--split builds the candidates of a candidates file');
    r = await build('cands.csv', 'x', 'site');
    expect(r.err).toContain('--split must be assessor or candidate, not "site"');
    r = await runCli(['build', '-q', '4430-02', '--candidates', 'cands.csv', '--split', 'assessor', '-u', '999', '-o', 'x'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Unknown unit "999"');
    expect(existsSync(join(dir, 'x'))).toBe(false);
    r = await build('cands.csv', join('no-such', 'cohort'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`-o ${join('no-such', 'cohort')}: the folder cannot be made: the folder no-such does not exist (ENOENT). Nothing was written.`);
  });

  it('a centre qualification carried by the workbooks needs no --standards again, but a new workbook does (refused, nothing written)', async () => {
    const cvq = bundledCatalog().list()[0]!;
    const centre: Qualification = { ...structuredClone(cvq), id: 'centre-retail-l2', title: 'Centre Retail Skills Level 2', identifiers: [{ scheme: 'other', value: 'CRS-L2' }] };
    writeFileSync(join(dir, 'centre.json'), JSON.stringify(centre));
    writeFileSync(join(dir, 'crs.csv'), 'Amy Ng,P. Jones\nBen Ode,K. Lee\n');
    const unit = centre.units[0]!.code;
    const first = await runCli(['build', '--standards', 'centre.json', '-q', 'CRS-L2', '--candidates', 'crs.csv', '--split', 'assessor', '-u', unit, '-o', 'crs'], dir);
    expect(first.code).toBe(0);
    // Rebuilt without --standards: each workbook carries the qualification.
    const again = await runCli(['build', '-q', 'CRS-L2', '--candidates', 'crs.csv', '--split', 'assessor', '-u', unit, '-o', 'crs'], dir);
    expect(again.code).toBe(0);
    // A new assessor's workbook would carry nothing: refused before anything is written.
    writeFileSync(join(dir, 'crs-more.csv'), 'Amy Ng,P. Jones\nBen Ode,K. Lee\nCy Twombly,A. Shah\n');
    const before = snapshot(join(dir, 'crs'));
    const more = await runCli(['build', '-q', 'CRS-L2', '--candidates', 'crs-more.csv', '--split', 'assessor', '-u', unit, '-o', 'crs'], dir);
    expect(more.code).toBe(1);
    expect(more.err).toContain(`vq-matrix: build --split assessor: nothing was written:\n  - ${join('crs', 'A. Shah.xlsx')}: Unknown qualification "CRS-L2".`);
    expect(more.err).toContain("(a new workbook: give the centre's standards with --standards)");
    expect(more.err).not.toContain(join('crs', 'K. Lee.xlsx'));
    expect(snapshot(join(dir, 'crs'))).toEqual(before);
  });

  it('is described by build --help', async () => {
    const r = await runCli(['build', '--help'], dir);
    expect(r.out).toContain('--split assessor|candidate');
    expect(r.out).toContain('"No assessor.xlsx"');
  });
});
