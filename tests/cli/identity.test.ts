import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { recordInPlan } from '../support/planFile';
import { PATHWAY_WARNING, runCli } from '../support/runCli';
import { parseCandidateList } from '../../src/domain/workflow/candidateList';
import { ok } from '../../src/domain/problems';
import { readCandidatesTable } from '../../src/taskpane/logic/candidates';

const day = (d: number) => new Date(Date.UTC(2025, 1, d));

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

describe('candidate identity on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-identity-'));

  it('rebuilds the same sheets when the name is re-typed in another case or spacing (no duplicate sheets, no unexpected error)', async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '--assessor', 'A. Assessor', '-u', '203', '-o', 'jane.xlsx'], dir)).code).toBe(0);
    await typeEvidence(join(dir, 'jane.xlsx'), 'Jane Smith 4430-203', [{ ref: 'E1', date: day(1), method: 'Observation', location: 'Office', marks: ['1.1'] }]);
    const before = await sheetNames(join(dir, 'jane.xlsx'));
    for (const typed of ['jane smith', 'Jane Smith ', 'JANE  SMITH']) {
      const r = await runCli(['build', '-q', '4430-02', '-c', typed, '-u', '203', '-o', 'jane.xlsx'], dir);
      expect(r.err.replace(PATHWAY_WARNING, '')).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`"${typed}" is "Jane Smith" already in jane.xlsx (case and spacing ignored): updated those sheets, name kept as written there.`);
      expect(r.out).toContain('Jane Smith 4430-203: unit 4430-203; kept 1 evidence row and 1 mark');
      expect(await sheetNames(join(dir, 'jane.xlsx'))).toEqual(before);
    }
  });

  it('builds and checks candidates named with emoji and astral characters', async () => {
    const names = ['😀'.repeat(16), '𝒜𝓂𝓎 𝒩𝑔 the 𝓈𝑒𝒸𝑜𝓃𝒹'];
    for (const name of names) {
      const r = await runCli(['build', '-q', '4430-02', '-c', name, '-u', '203,212', '-o', 'emoji.xlsx'], dir);
      expect(r.err.replace(PATHWAY_WARNING, '')).toBe('');
      expect(r.code).toBe(0);
    }
    const sheets = await sheetNames(join(dir, 'emoji.xlsx'));
    expect(sheets).toHaveLength(12);
    for (const s of sheets) expect(s.length).toBeLessThanOrEqual(31);
    const checked = await runCli(['check', 'emoji.xlsx', '--json'], dir);
    expect(checked.code).toBe(0);
    expect((JSON.parse(checked.out) as { files: { candidates: { candidate: string }[] }[] }).files[0]!.candidates.map((c) => c.candidate)).toEqual(names);
  });

  it('reads a candidates file with a header row and an id column; the same name with two ids is two candidates', async () => {
    writeFileSync(join(dir, 'ids.csv'), '\uFEFFULN,Candidate,Assessor\n1234567890,Amy Ng,P. Jones\n0987654321,AMY NG,K. Lee\n1112223334,"Ode, Ben",P. Jones\n');
    const r = await runCli(['build', '-q', '4430-02', '--candidates', 'ids.csv', '-u', '203', '-o', 'ids.xlsx'], dir);
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('for 3 candidate(s)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'ids.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('AMY NG 4430-203 (2)');
    for (const name of ['AMY NG 4430-203 (2)', 'AMY NG Tracker (2)', 'AMY NG Evidence (2)']) {
      expect(wb.getWorksheet(name)!.getCell('D1').value).toBe('Candidate id');
      expect(wb.getWorksheet(name)!.getCell('E1').value).toBe('0987654321');
    }
    const checked = JSON.parse((await runCli(['check', 'ids.xlsx', '--json'], dir)).out) as { files: { candidates: { candidate: string; candidateId?: string }[] }[] };
    expect(checked.files[0]!.candidates.map((c) => `${c.candidate} ${c.candidateId}`)).toEqual(['Amy Ng 1234567890', 'AMY NG 0987654321', 'Ode, Ben 1112223334']);
    expect((await runCli(['check', 'ids.xlsx'], dir)).out).toContain('  AMY NG [id 0987654321] (cg-4430-02)');
    const cohort = JSON.parse((await runCli(['cohort', 'ids.xlsx', '--json'], dir)).out) as { candidates: { candidate: string; candidateId?: string; assessor: string }[] };
    expect(cohort.candidates.map((c) => [c.candidate, c.candidateId, c.assessor])).toEqual([
      ['Amy Ng', '1234567890', 'P. Jones'],
      ['AMY NG', '0987654321', 'K. Lee'],
      ['Ode, Ben', '1112223334', 'P. Jones'],
    ]);
    // --candidate-id picks one of the two; a new spelling with the same id updates that candidate's sheets.
    const again = await runCli(['build', '-q', '4430-02', '-c', 'amy ng', '--candidate-id', '0987654321', '-u', '203', '-o', 'ids.xlsx'], dir);
    expect(again.code).toBe(0);
    expect(again.out).toContain('AMY NG 4430-203 (2): unit 4430-203');
    expect(again.out).not.toContain('Amy Ng 4430-203: unit');
    // Without an id, which Amy is meant cannot be told: an ordinary message, exit 1.
    const which = await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203', '-o', 'ids.xlsx'], dir);
    expect(which.code).toBe(1);
    expect(which.err).toMatch(/two candidates named "Amy Ng".*Nothing was written\./);
  });

  it('refuses a candidates file holding two people it cannot tell apart, naming both lines; writes nothing', async () => {
    writeFileSync(join(dir, 'pair.csv'), 'Amy Ng,P. Jones\nAMY NG,K. Lee\n');
    const r = await runCli(['build', '-q', '4430-02', '--candidates', 'pair.csv', '-u', '203', '-o', 'pair.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe(
      'vq-matrix: "Amy Ng" (assessor P. Jones) (line 1 of pair.csv) and "AMY NG" (assessor K. Lee) (line 2 of pair.csv) differ only in case or spacing but have different assessors: they may be two people. Give each a candidate id (ULN, SCN or registration number) to tell them apart, or spell the name the same way if they are one person.\n',
    );
    expect(existsSync(join(dir, 'pair.xlsx'))).toBe(false);
    // The same person listed twice is built once.
    writeFileSync(join(dir, 'twice.csv'), 'Name,Assessor\nAmy Ng,P. Jones\namy  ng,P. Jones\n');
    const twice = await runCli(['build', '-q', '4430-02', '--candidates', 'twice.csv', '-u', '203', '-o', 'twice.xlsx'], dir);
    expect(twice.code).toBe(0);
    expect(twice.err.replace(PATHWAY_WARNING, '')).toBe('vq-matrix: candidate "amy  ng" is listed more than once; built once (line 2 of twice.csv as "Amy Ng", and line 3 of twice.csv)\n');
  });

  it('names a column of a header row it does not know, and refuses --candidate-id with several candidates', async () => {
    writeFileSync(join(dir, 'odd.csv'), 'Candidate,Email\nAmy Ng,amy@example.org\n');
    const odd = await runCli(['build', '-q', '4430-02', '--candidates', 'odd.csv', '-u', '203', '-o', 'odd.xlsx'], dir);
    expect(odd.code).toBe(1);
    expect(odd.err).toContain('odd.csv: line 1: column 2 is headed "Email"');
    const two = await runCli(['build', '-q', '4430-02', '-c', 'A', '-c', 'B', '--candidate-id', '1', '-u', '203', '-o', 'odd.xlsx'], dir);
    expect(two.code).toBe(1);
    expect(two.err).toContain('--candidate-id goes with a single --candidate');
  });

  it('reads the headings of a candidates file as the task pane reads a Candidates table (one list of headings)', () => {
    // "Apprentice" and "Assessors" were the pane's alone before the two read one labelled table.
    expect(parseCandidateList('ULN, Apprentice ,ASSESSORS\n123,Amy Ng,P. Jones\n', 'c.csv')).toEqual(ok([{ name: 'Amy Ng', assessor: 'P. Jones', id: '123', where: 'line 2 of c.csv' }]));
    expect(readCandidatesTable([['ULN', ' Apprentice ', 'ASSESSORS'], ['123', 'Amy Ng', 'P. Jones']], 'The Candidates sheet')).toEqual({ ok: true, candidates: [{ name: 'Amy Ng', assessor: 'P. Jones', id: '123' }] });
  });

  it('gives a new candidate whose name makes the same table name ("Jane-Smith") tables of its own', async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', 'tables.xlsx'], dir)).code).toBe(0);
    const r = await runCli(['build', '-q', '4430-02', '-c', 'Jane-Smith', '-u', '203', '-o', 'tables.xlsx'], dir);
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'tables.xlsx'));
    const tables = wb.worksheets.flatMap((ws) => Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables));
    expect(tables.sort()).toEqual(['Evidence_Jane_Smith', 'Evidence_Jane_Smith_2', 'Progress_Jane_Smith', 'Progress_Jane_Smith_2']);
  });

  it('turns a clash the workbook writer finds into an ordinary message that nothing was written, exit 1', async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Cy Dup', '-u', '203', '-o', 'dup.xlsx'], dir)).code).toBe(0);
    // Two of the user's own tracker columns headed alike (as LibreOffice allows): a table cannot hold both.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'dup.xlsx'));
    const ws = wb.getWorksheet('Cy Dup Tracker')!;
    let header = 0;
    ws.eachRow((row, n) => {
      if (header === 0 && row.getCell(1).value === 'Unit code') header = n;
    });
    const last = ws.getRow(header).cellCount;
    ws.getRow(header).getCell(last + 1).value = 'Notes';
    ws.getRow(header).getCell(last + 2).value = 'notes';
    await wb.xlsx.writeFile(join(dir, 'dup.xlsx'));
    const r = await runCli(['build', '-q', '4430-02', '-c', 'Cy Dup', '-u', '203', '-o', 'dup.xlsx'], dir);
    expect(r.code).toBe(1);
    // The tracker is rebuilt in place: the clashing heading is the user's own cell, which the plan
    // does not write, so the writer (not the plan check) finds it.
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('vq-matrix: dup.xlsx: cannot build the workbook: Table Progress_Cy_Dup: duplicate column name "notes". Nothing was written.\n');
  });

  it('refuses to build a re-typed name with another assessor into a workbook (may be another person), exit 1', async () => {
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '--assessor', 'P. Jones', '-u', '203', '-o', 'amy.xlsx'], dir)).code).toBe(0);
    const r = await runCli(['build', '-q', '4430-02', '-c', 'AMY NG', '--assessor', 'K. Lee', '-u', '203', '-o', 'amy.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^vq-matrix: AMY NG \(--candidate\): "Amy Ng" \(assessor P\. Jones\) on sheet "Amy Ng 4430-101" and "AMY NG" \(assessor K\. Lee\) in this build differ only in case or spacing/);
  });
});

describe('sample --record matches by candidate and unit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-record-'));
  const build = async (args: string[]) => expect((await runCli(['build', '-q', '4430-02', '-u', '203', ...args], dir)).code).toBe(0);

  beforeAll(async () => {
    mkdirSync(join(dir, 'cohort'));
    mkdirSync(join(dir, 'pair'));
    mkdirSync(join(dir, 'ids'));
    // Every assessor new: every candidate-unit is sampled.
    writeFileSync(join(dir, 'rates.json'), JSON.stringify({ assessors: { 'P. Jones': 'new', 'K. Lee': 'new' } }));
    // Two people whose names differ only in case, each in a workbook of their own, no ids.
    await build(['-c', 'Amy Ng', '--assessor', 'P. Jones', '-o', 'cohort/jones.xlsx']);
    await build(['-c', 'AMY NG', '--assessor', 'K. Lee', '-o', 'cohort/lee.xlsx']);
    await build(['-c', 'Ben Ode', '--assessor', 'P. Jones', '-o', 'cohort/ben.xlsx']);
    await typeEvidence(join(dir, 'cohort/jones.xlsx'), 'Amy Ng 4430-203', [{ ref: 'A1', date: day(1), method: 'Observation', location: 'Office', marks: ['1.1'] }]);
    await typeEvidence(join(dir, 'cohort/lee.xlsx'), 'AMY NG 4430-203', [{ ref: 'L1', date: day(2), method: 'Questioning', location: 'Shop', marks: ['1.2'] }]);
    await typeEvidence(join(dir, 'cohort/ben.xlsx'), 'Ben Ode 4430-203', [{ ref: 'B1', date: day(3), method: 'Observation', location: 'Office', marks: ['1.1'] }]);
    // Built again, as after any change: the indexes of evidence now list the refs.
    await build(['-c', 'Amy Ng', '-o', 'cohort/jones.xlsx']);
    await build(['-c', 'AMY NG', '-o', 'cohort/lee.xlsx']);
    await build(['-c', 'Ben Ode', '-o', 'cohort/ben.xlsx']);

    // The same two in one workbook, with ids.
    writeFileSync(join(dir, 'ids.csv'), 'Candidate,Assessor,ULN\nAmy Ng,P. Jones,1234567890\nAMY NG,K. Lee,0987654321\n');
    await build(['--candidates', 'ids.csv', '-o', 'ids/ids.xlsx']);
    await typeEvidence(join(dir, 'ids/ids.xlsx'), 'Amy Ng 4430-203', [{ ref: 'A1', date: day(1), method: 'Observation', location: 'Office', marks: ['1.1'] }]);
    await typeEvidence(join(dir, 'ids/ids.xlsx'), 'AMY NG 4430-203 (2)', [{ ref: 'L1', date: day(2), method: 'Questioning', location: 'Shop', marks: ['1.2'] }]);
    await build(['--candidates', 'ids.csv', '-o', 'ids/ids.xlsx']);

    // The same two in one workbook without ids: as an older workbook or a hand edit leaves them
    // (build refuses to make such a pair). Built as Amy Ng and Zed Q, then Zed's sheets renamed.
    writeFileSync(join(dir, 'pair.csv'), 'Amy Ng,P. Jones\nZed Q,K. Lee\n');
    await build(['--candidates', 'pair.csv', '-o', 'pair/pair.xlsx']);
    await typeEvidence(join(dir, 'pair/pair.xlsx'), 'Amy Ng 4430-203', [{ ref: 'A1', date: day(1), method: 'Observation', location: 'Office', marks: ['1.1'] }]);
    await typeEvidence(join(dir, 'pair/pair.xlsx'), 'Zed Q 4430-203', [{ ref: 'L1', date: day(2), method: 'Questioning', location: 'Shop', marks: ['1.2'] }]);
    await build(['--candidates', 'pair.csv', '-o', 'pair/pair.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'pair/pair.xlsx'));
    for (const ws of wb.worksheets) if (ws.name.startsWith('Zed Q') && ws.getCell('B2').value === 'Zed Q') ws.getCell('B2').value = 'AMY NG';
    await wb.xlsx.writeFile(join(dir, 'pair/pair.xlsx'));
  });

  const indexMarks = async (file: string, sheet: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, file));
    const refs = new Map<string, unknown>();
    wb.getWorksheet(sheet)!.eachRow((row) => refs.set(String(row.getCell(1).value), row.getCell(8).value));
    return refs;
  };

  it('records after the folder has moved (the file name, not its path, tells copies apart) and says how many cells it wrote in which file', async () => {
    expect((await runCli(['sample', 'cohort', '--seed', '3', '--rates', 'rates.json', '-o', 'plan.xlsx'], dir)).code).toBe(0);
    expect(await recordInPlan(join(dir, 'plan.xlsx'), ['AMY NG'])).toBe(1);
    expect(await recordInPlan(join(dir, 'plan.xlsx'), ['Ben Ode'])).toBe(1);
    renameSync(join(dir, 'cohort'), join(dir, 'moved'));
    try {
      const r = await runCli(['sample', 'moved', '--record', 'plan.xlsx', '--rates', 'rates.json'], dir);
      expect(r.err.replace(PATHWAY_WARNING, '')).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain("plan.xlsx: 2 row(s) with IV initials and a date; 2 recorded in the candidates' workbooks.");
      expect(r.out).toMatch(/moved\/lee\.xlsx: wrote \d+ cell\(s\)/);
      expect(r.out).toMatch(/moved\/ben\.xlsx: wrote \d+ cell\(s\)/);
      expect(r.out).not.toContain('jones.xlsx');
      expect((await indexMarks('moved/lee.xlsx', 'AMY NG Evidence')).get('L1')).toBe('JB');
      expect((await indexMarks('moved/ben.xlsx', 'Ben Ode Evidence')).get('B1')).toBe('JB');
      expect((await indexMarks('moved/jones.xlsx', 'Amy Ng Evidence')).get('A1')).toBeNull();
      // Again: nothing more to write, and it says so.
      const again = await runCli(['sample', 'moved', '--record', 'plan.xlsx', '--json'], dir);
      const report = JSON.parse(again.out) as { rows: number; recorded: number; written: number; files: { file: string; written: number; alreadyRecorded: number }[] };
      expect(report).toMatchObject({ rows: 2, recorded: 2, written: 0 });
      expect(report.files.map((f) => [f.file, f.written])).toEqual([
        ['moved/lee.xlsx', 0],
        ['moved/ben.xlsx', 0],
      ]);
      const text = await runCli(['sample', 'moved', '--record', 'plan.xlsx'], dir);
      expect(text.out).toContain('Nothing was written.');
    } finally {
      renameSync(join(dir, 'moved'), join(dir, 'cohort'));
    }
  });

  it('refuses a row that could be either of two people in one workbook whose names differ only in case, and writes nothing', async () => {
    const check = await runCli(['check', 'pair'], dir);
    expect(check.code).toBe(1);
    expect(check.err).toContain('differ only in case or spacing but have different assessors');
    await runCli(['sample', 'pair', '--seed', '3', '--rates', 'rates.json', '-o', 'pairplan.xlsx'], dir);
    expect(await recordInPlan(join(dir, 'pairplan.xlsx'), ['AMY NG'])).toBe(1);
    const r = await runCli(['sample', 'pair', '--record', 'pairplan.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/pairplan\.xlsx: row \d+: AMY NG unit 4430-203: could be any of "Amy Ng" \(assessor P\. Jones\) in pair\/pair\.xlsx, "AMY NG" \(assessor K\. Lee\) in pair\/pair\.xlsx; not recorded/);
    expect(r.out).toContain("0 recorded in the candidates' workbooks, 1 not (see above)");
    expect(r.out).toContain('Nothing was written.');
    expect((await indexMarks('pair/pair.xlsx', 'Amy Ng Evidence')).get('A1')).toBeNull();
  });

  it('records onto the right person when ids tell them apart in one workbook', async () => {
    expect((await runCli(['sample', 'ids', '--seed', '3', '--rates', 'rates.json', '-o', 'idsplan.xlsx'], dir)).code).toBe(0);
    expect(await recordInPlan(join(dir, 'idsplan.xlsx'), ['AMY NG'])).toBe(1);
    const r = await runCli(['sample', 'ids', '--record', 'idsplan.xlsx'], dir);
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ids\/ids\.xlsx: wrote \d+ cell\(s\)/);
    expect((await indexMarks('ids/ids.xlsx', 'AMY NG Evidence (2)')).get('L1')).toBe('JB');
    expect((await indexMarks('ids/ids.xlsx', 'Amy Ng Evidence')).get('A1')).toBeNull();
  });
});
