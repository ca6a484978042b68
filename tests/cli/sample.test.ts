import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { planRows } from '../support/planFile';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

interface SampleJson {
  seed: number;
  sample: { candidate: string; assessor: string; unit: string; method: string; site: string; kind: 'interim' | 'summative'; reason: string; evidence: string[]; file: string }[];
  gaps: string[];
  warnings: string[];
}

const day = (d: number) => new Date(Date.UTC(2025, 1, d));

describe('vq-matrix sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-sample-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'cohort'));
    writeFileSync(join(dir, 'people.csv'), 'Amy Ng,P. Jones\nBen Ode,P. Jones\nCy Twombly,K. Lee\nDee Dee,K. Lee\n');
    const b = await runCli(['build', '-q', '4430-02', '--candidates', 'people.csv', '-u', '203', '-o', 'cohort/group.xlsx'], dir);
    expect(b.err.replace(PATHWAY_WARNING, '')).toBe('');
    const file = join(dir, 'cohort/group.xlsx');
    await typeEvidence(file, 'Amy Ng 4430-203', [
      { ref: 'A1', date: day(1), method: 'Observation', location: 'Head office', marks: ['1.1'] },
      { ref: 'A2', date: day(2), method: 'Questioning', location: 'Shop floor', marks: ['1.2'] },
    ]);
    await typeEvidence(file, 'Amy Ng 4430-101', [{ ref: 'A3', date: day(3), method: 'Product', location: 'Head office', marks: 'all' }]);
    await typeEvidence(file, 'Ben Ode 4430-203', [{ ref: 'B1', date: day(4), method: 'Observation', location: 'Head office', marks: ['1.1'] }]);
    await typeEvidence(file, 'Cy Twombly 4430-203', [{ ref: 'C1', date: day(5), method: 'Witness testimony', location: 'Call centre', marks: ['1.3'] }]);
    await typeEvidence(file, 'Dee Dee 4430-201', [{ ref: 'D1', date: day(6), method: 'Observation', location: 'Call centre', marks: ['1.1'], decision: '' }]);
    // Built again, as after any change: the indexes of evidence now list the refs.
    expect((await runCli(['build', '-q', '4430-02', '--candidates', 'people.csv', '-u', '203', '-o', 'cohort/group.xlsx'], dir)).code).toBe(0);
  });

  it('--json gives the contract; the same seed gives the same plan', async () => {
    const r = await runCli(['sample', 'cohort', '--seed', '5', '--json'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as SampleJson;
    expect(plan.seed).toBe(5);
    expect(plan.gaps).toEqual([]);
    for (const s of plan.sample) {
      expect(Object.keys(s).slice(0, 7)).toEqual(['candidate', 'assessor', 'unit', 'method', 'site', 'kind', 'reason']);
      expect(['interim', 'summative']).toContain(s.kind);
    }
    // Every assessor, unit, method and site that occurs in judged evidence is sampled (Dee's claim is not judged yet).
    const seen = (k: 'assessor' | 'unit' | 'method' | 'site') => [...new Set(plan.sample.map((s) => s[k]))].sort();
    expect(seen('assessor')).toEqual(['K. Lee', 'P. Jones']);
    expect(seen('unit')).toEqual(['4430-101', '4430-203']);
    expect(seen('method')).toEqual(['Observation', 'Product', 'Questioning', 'Witness testimony']);
    expect(seen('site')).toEqual(['Call centre', 'Head office', 'Shop floor']);
    expect(plan.sample.find((s) => s.unit === '4430-101')!.kind).toBe('summative');
    expect(plan.sample.find((s) => s.candidate === 'Cy Twombly')).toMatchObject({ kind: 'interim', evidence: ['C1'], file: join('cohort', 'group.xlsx') });
    expect((await runCli(['sample', 'cohort', '--seed', '5', '--json'], dir)).out).toBe(r.out);
  });

  it('--rates takes the centre\'s rates (a new assessor sampled in full; an EV rejection always sampled) and names a bad file exactly', async () => {
    writeFileSync(join(dir, 'rates.json'), JSON.stringify({ assessors: { 'K. Lee': 'new' }, rejected: [{ by: 'EV', candidate: 'Ben Ode', ref: 'B1', note: 'unsigned observation' }] }));
    const plan = JSON.parse((await runCli(['sample', 'cohort', '--seed', '9', '--rates', 'rates.json', '--json'], dir)).out) as SampleJson;
    expect(plan.sample.find((s) => s.candidate === 'Cy Twombly')!.reason).toContain('new assessor: first 3 candidate-units sampled in full');
    expect(plan.sample.find((s) => s.candidate === 'Ben Ode')!.reason).toContain('Rejected by EV: unsigned observation');

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ riskLevels: { new: { percent: 120 } } }));
    const bad = await runCli(['sample', 'cohort', '--rates', 'bad.json'], dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('vq-matrix: bad.json: at riskLevels.new.percent: expected a percentage from 0 to 100\n');
    writeFileSync(join(dir, 'broken.json'), '{ "assessors": ');
    expect((await runCli(['sample', 'cohort', '--rates', 'broken.json'], dir)).err).toMatch(/^vq-matrix: broken\.json: not valid JSON/);
    expect((await runCli(['sample', 'cohort', '--rates', 'none.json'], dir)).err).toContain('none.json: cannot read the rates file (ENOENT)');
    expect((await runCli(['sample', 'cohort', '--seed', '1.5'], dir)).err).toContain('--seed must be a whole number');
  });

  it('-o writes the plan as a sheet (an Excel table with AutoFilter); --check names the gap a cleared row opens', async () => {
    const r = await runCli(['sample', 'cohort', '--seed', '5', '-o', 'plan.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Sampling plan \(seed 5\): \d+ sample\(s\) from 4 candidate\(s\); wrote plan\.xlsx\./);
    const { ws, cols, rows } = await planRows(join(dir, 'plan.xlsx'));
    const table = (ws as unknown as { tables: Record<string, { table: { autoFilterRef?: string; columns: { filterButton?: boolean }[] } }> }).tables;
    expect(Object.keys(table)).toEqual(['SamplingPlan']);
    expect(table.SamplingPlan!.table.columns.every((c) => c.filterButton)).toBe(true);
    for (const h of ['IV initials', 'Date sampled', 'Outcome', 'Actions', 'Why']) expect(cols.has(h)).toBe(true);

    const clean = await runCli(['sample', 'cohort', '--check', 'plan.xlsx', '--json'], dir);
    expect(JSON.parse(clean.out)).toMatchObject({ gaps: [], unmatched: [] });

    // The IV clears Cy's row (the only sample of K. Lee's witness testimony at the call centre).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'plan.xlsx'));
    const sheet = wb.getWorksheet('Sampling plan')!;
    const cy = rows.find((n) => sheet.getRow(n).getCell(1).value === 'Cy Twombly')!;
    sheet.getRow(cy).eachCell((c) => (c.value = null));
    await wb.xlsx.writeFile(join(dir, 'edited.xlsx'));
    const checked = await runCli(['sample', 'cohort', '--check', 'edited.xlsx', '--json'], dir);
    expect(checked.code).toBe(1); // a plan with gaps does not yet do its job
    const report = JSON.parse(checked.out) as { sample: unknown[]; gaps: string[] };
    expect(report.sample).toHaveLength(rows.length - 1);
    expect(report.gaps).toEqual([
      'assessor K. Lee x unit 4430-203 not yet covered',
      'assessor K. Lee x method Witness testimony not yet covered',
      'assessor K. Lee x site Call centre not yet covered',
      'assessor K. Lee x kind interim not yet covered',
      // K. Lee's only candidate-unit: the 10% rate (rounded up to 1) is not met either.
      'assessor K. Lee (experienced): 0 of 1 candidate-units sampled; at least 1 needed (at least 10% and 1 per unit)',
    ]);
    const text = await runCli(['sample', 'cohort', '--check', 'edited.xlsx'], dir);
    expect(text.out).toContain('edited.xlsx: ');
    expect(text.out).toContain('5 gap(s):\n  - assessor K. Lee x unit 4430-203 not yet covered');
  });

  it('--record marks the tracker, evidence index and grid sign-off, and never overwrites an assessor\'s entry', async () => {
    await runCli(['sample', 'cohort', '--seed', '5', '-o', 'plan.xlsx'], dir);
    // The assessor has already written in Amy's tracker that unit 203 was not sampled.
    const group = join(dir, 'cohort/group.xlsx');
    let cohort = new ExcelJS.Workbook();
    await cohort.xlsx.readFile(group);
    const tracker = cohort.getWorksheet('Amy Ng Tracker')!;
    let amy203 = 0;
    tracker.eachRow((row, n) => {
      if (row.getCell(1).value === '4430-203') amy203 = n;
    });
    tracker.getRow(amy203).getCell(12).value = 'No';
    await cohort.xlsx.writeFile(group);

    // The IV records two samples in the plan: Amy's Questioning in 203 (only that row samples it) and her unit 101.
    const { wb, ws, cols, rows } = await planRows(join(dir, 'plan.xlsx'));
    const rowOf = (candidate: string, method: string) => rows.find((n) => ws.getRow(n).getCell(1).value === candidate && ws.getRow(n).getCell(cols.get('Method')!).value === method)!;
    for (const n of [rowOf('Amy Ng', 'Questioning'), rowOf('Amy Ng', 'Product')]) {
      ws.getRow(n).getCell(cols.get('IV initials')!).value = 'JB';
      ws.getRow(n).getCell(cols.get('Date sampled')!).value = new Date(Date.UTC(2025, 2, 10));
      ws.getRow(n).getCell(cols.get('Outcome')!).value = 'Agreed';
    }
    await wb.xlsx.writeFile(join(dir, 'plan.xlsx'));

    const r = await runCli(['sample', 'cohort', '--record', 'plan.xlsx', '--json'], dir);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as { recorded: number; files: { file: string; edits: { sheet: string; cell: string; what: string }[]; conflicts: string[]; notFound: string[] }[] };
    expect(report.recorded).toBe(2);
    expect(report.files[0]!.conflicts).toEqual([`Amy Ng Tracker!L${amy203} (IV sampled, unit 4430-203) already holds "No", not "Yes"; left as it is`]);
    expect(report.files[0]!.notFound).toEqual([]);

    cohort = new ExcelJS.Workbook();
    await cohort.xlsx.readFile(group);
    const amyTracker = cohort.getWorksheet('Amy Ng Tracker')!;
    expect(amyTracker.getRow(amy203).getCell(12).value).toBe('No');
    expect(amyTracker.getRow(amy203).getCell(11).value).toBeNull(); // the record was left whole
    let amy101 = 0;
    amyTracker.eachRow((row, n) => {
      if (row.getCell(1).value === '4430-101') amy101 = n;
    });
    const header = amyTracker.getRow(8).values as unknown[];
    expect(header).toContain('IV date');
    expect(amyTracker.getRow(amy101).getCell(12).value).toBe('Yes');
    expect(amyTracker.getRow(amy101).getCell(11).value).toBe('JB');
    expect(amyTracker.getRow(amy101).getCell(header.indexOf('IV date')).value).toEqual(new Date(Date.UTC(2025, 2, 10)));
    // Amy's index: A2 (the Questioning) and A3 (unit 101) sampled by JB, A1 not.
    const index = cohort.getWorksheet('Amy Ng Evidence')!;
    const byRef = new Map<string, ExcelJS.Row>();
    index.eachRow((row) => byRef.set(String(row.getCell(1).value), row));
    expect(byRef.get('A2')!.getCell(8).value).toBe('JB');
    expect(byRef.get('A3')!.getCell(8).value).toBe('JB');
    expect(byRef.get('A3')!.getCell(9).value).toEqual(new Date(Date.UTC(2025, 2, 10)));
    expect(byRef.get('A1')!.getCell(8).value).toBeNull();
    // Amy's 203 grid sign-off.
    const grid = cohort.getWorksheet('Amy Ng 4430-203')!;
    const signOff = new Map<string, unknown>();
    grid.eachRow((row) => signOff.set(String(row.getCell(1).value), row.getCell(4).value));
    expect(signOff.get('Sampled by internal verifier (Yes/No)')).toBe('Yes');
    expect(signOff.get('Internal verifier signature')).toBe('JB');
    expect(signOff.get('Date verified')).toEqual(new Date(Date.UTC(2025, 2, 10)));
    // The evidence is all still there.
    expect(grid.getRow(15).getCell(1).value).toBe('A1');
    expect(grid.getRow(16).getCell(1).value).toBe('A2');

    // Recording again fills nothing; a rebuild keeps the IV's marks.
    const again = JSON.parse((await runCli(['sample', 'cohort', '--record', 'plan.xlsx', '--json'], dir)).out) as typeof report;
    expect(again.files[0]!.edits).toEqual([]);
    await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203', '-o', 'cohort/group.xlsx'], dir);
    cohort = new ExcelJS.Workbook();
    await cohort.xlsx.readFile(group);
    expect(cohort.getWorksheet('Amy Ng Tracker')!.getRow(amy101).getCell(12).value).toBe('Yes');
    expect(cohort.getWorksheet('Amy Ng Tracker')!.getRow(amy203).getCell(12).value).toBe('No');
    expect((await runCli(['check', 'cohort', '--json'], dir)).code).toBe(0);
  });

  it('refuses options that do not go together', async () => {
    expect((await runCli(['sample', 'cohort', '--check', 'plan.xlsx', '--record', 'plan.xlsx'], dir)).err).toContain('choose one of --check and --record');
    expect((await runCli(['sample', 'cohort', '--check', 'plan.xlsx', '-o', 'x.xlsx'], dir)).err).toContain('--check reads an existing plan: leave out -o and --seed');
    expect((await runCli(['sample', 'cohort', '--check', 'cohort/group.xlsx'], dir)).err).toContain('cohort/group.xlsx: no sampling plan found');
    expect((await runCli(['sample'], dir)).err).toContain('sample needs at least one .xlsx file or folder');
    expect((await runCli(['sample', 'cohort', '-o', 'cohort/group.xlsx'], dir)).err).toContain('-o cohort/group.xlsx is one of the cohort\'s workbooks');
  });
});
