import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

interface CohortJson {
  candidates: {
    candidate: string;
    assessor: string;
    qualification: string;
    file: string;
    units: { unit: string; status: string; coverage: number }[];
    credits: number;
    creditsStillNeeded: number | null;
    rules: { met: boolean; unmet: string[]; cannotCheck: string[] };
    lastEvidenceDate: string | null;
  }[];
}

describe('vq-matrix cohort', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-cohort-'));

  beforeAll(async () => {
    writeFileSync(join(dir, 'group-a.csv'), 'Candidate,Assessor\nAmy Ng,P. Jones\nBen Ode,K. Lee\n');
    writeFileSync(join(dir, 'group-b.csv'), 'Cy Twombly,P. Jones\n');
    mkdirSync(join(dir, 'centre'));
    const a = await runCli(['build', '-q', '4430-02', '--candidates', 'group-a.csv', '-u', '203', '-o', 'centre/group-a.xlsx'], dir);
    expect(a.err.replace(PATHWAY_WARNING, '')).toBe(''); // the pathway short of the rules is a warning only
    const b = await runCli(['build', '-q', '4430-02', '--candidates', 'group-b.csv', '-u', '212', '-o', 'centre/group-b.xlsx'], dir);
    expect(b.err.replace(PATHWAY_WARNING, '')).toBe('');
    await typeEvidence(join(dir, 'centre/group-a.xlsx'), 'Amy Ng 4430-101', [{ ref: 'A1', date: new Date(Date.UTC(2025, 0, 10)), method: 'Observation', location: 'Head office', marks: 'all' }]);
    await typeEvidence(join(dir, 'centre/group-a.xlsx'), 'Amy Ng 4430-203', [{ ref: 'A2', date: new Date(Date.UTC(2025, 1, 1)), method: 'Questioning', location: 'Shop floor', marks: ['1.1'] }]);
  });

  it('--json gives the contract, across a folder of workbooks', async () => {
    const r = await runCli(['cohort', 'centre', '--json'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as CohortJson;
    expect(report.candidates.map((c) => [c.candidate, c.assessor, c.file])).toEqual([
      ['Amy Ng', 'P. Jones', join('centre', 'group-a.xlsx')],
      ['Ben Ode', 'K. Lee', join('centre', 'group-a.xlsx')],
      ['Cy Twombly', 'P. Jones', join('centre', 'group-b.xlsx')],
    ]);
    const amy = report.candidates[0]!;
    expect(Object.keys(amy)).toEqual(['candidate', 'assessor', 'qualification', 'file', 'units', 'credits', 'creditsStillNeeded', 'rules', 'lastEvidenceDate']);
    expect(amy.qualification).toBe('cg-4430-02');
    expect(amy.units).toEqual([
      { unit: '4430-101', status: 'complete', coverage: 1, sheet: 'Amy Ng 4430-101', unrecognised: [] },
      { unit: '4430-201', status: 'not started', coverage: 0, sheet: 'Amy Ng 4430-201', unrecognised: [] },
      { unit: '4430-203', status: 'in progress', coverage: expect.closeTo(1 / 31, 6), sheet: 'Amy Ng 4430-203', unrecognised: [] },
    ]);
    expect(amy.credits).toBe(4);
    expect(amy.creditsStillNeeded).toBe(24);
    expect(amy.rules.met).toBe(false);
    expect(amy.rules.unmet).toContain('24 credits short of the minimum 28');
    expect(amy.lastEvidenceDate).toBe('2025-02-01');
    expect(report.candidates[1]!.lastEvidenceDate).toBeNull();
  });

  it('--csv gives one row per candidate x unit', async () => {
    const r = await runCli(['cohort', 'centre/group-a.xlsx', '--csv'], dir);
    const lines = r.out.trimEnd().split(/\r?\n/);
    expect(lines[0]).toBe('file,candidate,assessor,qualification,unit,title,unit assessor,status,coverage,credits,credits still needed,rules met,last evidence date');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 2).concat(l.split(',')[4]!))).toEqual([
      ['Amy Ng', '4430-101'],
      ['Amy Ng', '4430-201'],
      ['Amy Ng', '4430-203'],
      ['Ben Ode', '4430-101'],
      ['Ben Ode', '4430-201'],
      ['Ben Ode', '4430-203'],
    ]);
    expect(lines[1]).toContain(',complete,1,4,24,false,2025-02-01');
  });

  it('-o writes a summary workbook of values across files', async () => {
    const r = await runCli(['cohort', 'centre', '-o', 'summary.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Wrote summary.xlsx: 3 candidate(s) from 2 workbook(s)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'summary.xlsx'));
    const ws = wb.getWorksheet('Cohort summary')!;
    expect(ws.getCell('A6').value).toBe('Candidate');
    expect(ws.getCell('A7').value).toBe('Amy Ng');
    expect(ws.getCell('D7').value).toBe('Complete'); // a value: the grid is in another file
    const file = ws.getRow(6).values as unknown[];
    expect(file).toContain('File');
    expect(String(ws.getCell('A2').value)).toMatch(/^Values as read on \d{2}\/\d{2}\/\d{4} from 2 workbook\(s\)/);
  });

  it('--in-place adds a live summary to a cohort workbook, replaces it when run again, and check and build still read the workbook', async () => {
    copyFileSync(join(dir, 'centre/group-a.xlsx'), join(dir, 'live.xlsx'));
    const r = await runCli(['cohort', 'live.xlsx', '--in-place'], dir);
    // The one thing said on stderr: the .xlsx writer cannot draw the summary's charts.
    expect(r.err).toBe('vq-matrix: note: "CompletionByUnit" and "CompletionByAssessor" not drawn in the .xlsx file (charts are drawn when the add-in builds the summary in Excel); the completion tables and data bars are there.\n');
    expect(r.out).toBe('live.xlsx: "Cohort summary" sheet (live) for 2 candidate(s) and 3 unit(s).\n');
    const again = await runCli(['cohort', 'live.xlsx', '--in-place'], dir);
    expect(again.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'live.xlsx'));
    expect(wb.worksheets.filter((w) => w.name === 'Cohort summary')).toHaveLength(1);
    // First among the tabs, not after every grid.
    expect(wb.worksheets[0]!.name).toBe('Cohort summary');
    const ws = wb.getWorksheet('Cohort summary')!;
    expect(ws.getCell('H7').formula).toBe("'Amy Ng 4430-203'!$E$5");
    expect(ws.getCell('I7').formula).toBe("'Amy Ng 4430-203'!$E$6");

    const checked = await runCli(['check', 'live.xlsx', '--json'], dir);
    expect(checked.code).toBe(0);
    expect(checked.err).toBe('');
    const rebuilt = await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203,212', '-o', 'live.xlsx'], dir);
    expect(rebuilt.code).toBe(0);
    const summary = JSON.parse((await runCli(['cohort', 'live.xlsx', '--json'], dir)).out) as CohortJson;
    expect(summary.candidates[0]!.units.map((u) => u.unit)).toContain('4430-212');
  });

  it("--assessor keeps only that assessor's candidates (case and spaces ignored) in every output", async () => {
    const json = await runCli(['cohort', 'centre', '--json', '--assessor', 'p.JONES'], dir);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as CohortJson).candidates.map((c) => c.candidate)).toEqual(['Amy Ng', 'Cy Twombly']);
    const csv = await runCli(['cohort', 'centre', '--csv', '--assessor', 'k.  lee'], dir);
    expect(new Set(csv.out.trimEnd().split(/\r?\n/).slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['Ben Ode']));
    const printed = await runCli(['cohort', 'centre', '--assessor', 'K. Lee'], dir);
    expect(printed.out).toMatch(/^Ben Ode \(cg-4430-02; assessor K\. Lee\)/);
    expect(printed.out).not.toContain('Amy Ng');
    const written = await runCli(['cohort', 'centre', '-o', 'jones.xlsx', '--assessor', 'P. Jones'], dir);
    expect(written.out).toContain('Wrote jones.xlsx: 2 candidate(s) from 2 workbook(s)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'jones.xlsx'));
    const ws = wb.getWorksheet('Cohort summary')!;
    expect([ws.getCell('A7').value, ws.getCell('A8').value, ws.getCell('A9').value]).toEqual(['Amy Ng', 'Cy Twombly', null]);
  });

  it('--assessor names the assessors there are when none matches, and is not for --in-place', async () => {
    const none = await runCli(['cohort', 'centre', '--json', '--assessor', 'Nobody'], dir);
    expect(none.code).not.toBe(0);
    expect(none.out).toBe('');
    expect(none.err).toContain('no candidate has assessor "Nobody" in 2 workbook(s) (assessors named: K. Lee, P. Jones)');
    expect((await runCli(['cohort', 'centre', '--assessor', ' '], dir)).err).toContain('--assessor needs a name');
    copyFileSync(join(dir, 'centre/group-a.xlsx'), join(dir, 'mine.xlsx'));
    const inPlace = await runCli(['cohort', 'mine.xlsx', '--in-place', '--assessor', 'K. Lee'], dir);
    expect(inPlace.err).toContain('--in-place summarises every candidate in the workbook');
  });

  it('refuses what would lose data or make no sense', async () => {
    expect((await runCli(['cohort', 'centre', '--in-place'], dir)).err).toContain('--in-place needs exactly one cohort workbook');
    expect((await runCli(['cohort', 'live.xlsx', '--in-place', '-o', 'x.xlsx'], dir)).err).toContain('leave out -o');
    expect((await runCli(['cohort', 'live.xlsx', '--json', '--csv'], dir)).err).toContain('choose one of --json and --csv');
    const same = await runCli(['cohort', 'live.xlsx', '-o', 'live.xlsx'], dir);
    expect(same.code).toBe(1);
    expect(same.err).toContain('use --in-place');
    expect((await runCli(['cohort', 'nope.xlsx'], dir)).err).toContain('nope.xlsx: no such file or folder');
    expect((await runCli(['cohort'], dir)).err).toContain('cohort needs at least one .xlsx file or folder');
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  it('names a grid it cannot read, and exits 1', async () => {
    await runCli(['build', '-q', '4430-02', '-c', 'Kim', '-u', '203', '-o', 'kim.xlsx'], dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'kim.xlsx'));
    wb.getWorksheet('Kim 4430-203')!.getCell('B4').value = '4430-2003';
    await wb.xlsx.writeFile(join(dir, 'kim.xlsx'));
    const r = await runCli(['cohort', 'kim.xlsx', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^vq-matrix: kim\.xlsx: sheet "Kim 4430-203", cell B4: Unknown unit "4430-2003"/m);
    expect((JSON.parse(r.out) as CohortJson).candidates[0]!.units.map((u) => u.unit)).toEqual(['4430-101', '4430-201']);
  });
});
