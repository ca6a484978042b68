import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

/*
 * One set of status words: `check` (text and JSON) and `cohort` say what the grid's own status
 * formula shows (Complete / In progress / Not started), and the text report names claimed and
 * referred items as the task pane does.
 */
describe('status words and the check report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-statuses-'));

  beforeAll(async () => {
    const built = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', 'jane.xlsx'], dir);
    expect(built.err.replace(PATHWAY_WARNING, '')).toBe('');
    const file = join(dir, 'jane.xlsx');
    await typeEvidence(file, 'Jane Smith 4430-101', [{ ref: 'A1', marks: 'all' }]);
    // 203: one item accepted, one claimed (no decision yet), one referred.
    await typeEvidence(file, 'Jane Smith 4430-203', [
      { ref: 'B1', marks: ['1.1'] },
      { ref: 'B2', marks: ['1.2'], decision: '' },
      { ref: 'B3', marks: ['1.3'], decision: 'Referred' },
    ]);
    // 201: a referred row only: nothing accepted or claimed, so the sheet says Not started.
    await typeEvidence(file, 'Jane Smith 4430-201', [{ ref: 'C1', marks: ['1.1'], decision: 'Referred' }]);
  });

  it('check --json, check and cohort --json give each unit the same status word', async () => {
    const json = await runCli(['check', 'jane.xlsx', '--json'], dir);
    expect(json.code).toBe(0);
    const units = (JSON.parse(json.out) as { files: { candidates: { units: { unit: string; status: string; claimed: string[]; referred: string[] }[] }[] }[] }).files[0]!.candidates[0]!.units;
    expect(units.map((u) => [u.unit, u.status])).toEqual([
      ['4430-101', 'complete'],
      ['4430-201', 'not started'],
      ['4430-203', 'in progress'],
    ]);
    expect(units[2]).toMatchObject({ claimed: ['1.2'], referred: ['1.3'] });
    expect(units[1]).toMatchObject({ claimed: [], referred: ['1.1'] });

    const cohort = await runCli(['cohort', 'jane.xlsx', '--json'], dir);
    const cohortUnits = (JSON.parse(cohort.out) as { candidates: { units: { unit: string; status: string }[] }[] }).candidates[0]!.units;
    expect(cohortUnits.map((u) => [u.unit, u.status])).toEqual(units.map((u) => [u.unit, u.status]));

    const text = await runCli(['check', 'jane.xlsx'], dir);
    expect(text.out).toContain('4430-101 complete 100%');
    expect(text.out).toMatch(/4430-201 not started 0%; missing 1\.1, [^;]*; referred: 1\.1\n/);
    expect(text.out).toMatch(/4430-203 in progress 3%; missing 1\.2, 1\.3, [^;]*; awaiting the assessor's decision: 1\.2; referred: 1\.3\n/);
    expect(text.out).not.toContain('in progress 0%');
  });

  it('says nothing of credits for a qualification whose standard gives none', async () => {
    const built = await runCli(['build', '-q', 'CCA010-02', '-c', 'Amy Ng', '-o', 'amy.xlsx'], dir);
    expect(built.code).toBe(0);
    const text = await runCli(['check', 'amy.xlsx'], dir);
    expect(text.out).toMatch(/Amy Ng \(cvq-cca010-02\): rules not met/);
    expect(text.out).not.toContain('credits');
    const cohort = await runCli(['cohort', 'amy.xlsx'], dir);
    expect(cohort.out).not.toContain('credits');
    expect(cohort.out).toContain('rules not met');
    // A qualification with credits still says them.
    expect((await runCli(['check', 'jane.xlsx'], dir)).out).toContain('Jane Smith (cg-4430-02): 4 credits achieved; rules not met');
  });

  it('build warns on stderr when the pathway cannot meet the rules of combination, and still builds', async () => {
    const imi = await runCli(['build', '-q', '601/3456/2', '-c', 'Jane Smith', '-u', 'CS 5', '-o', 'imi.xlsx'], dir);
    expect(imi.code).toBe(0);
    expect(imi.out).toContain('Wrote imi.xlsx');
    expect(imi.err).toMatch(/^vq-matrix: warning: This pathway cannot meet the rules of combination of IMI Level 2 Diploma in Customer Service: .*credits short of the minimum 45/m);
    const cvq = await runCli(['build', '-q', 'CCA010-02', '-c', 'Jane Smith', '-o', 'cvq.xlsx'], dir);
    expect(cvq.code).toBe(0);
    expect(cvq.err).toMatch(/warning: .*needs 1 more unit from Optional Units/);
    // One optional unit chosen: the pathway can meet the rules, nothing to say.
    const met = await runCli(['build', '-q', 'CCA010-02', '-c', 'Jane Smith', '-u', 'U13202', '-o', 'cvq.xlsx'], dir);
    expect(met).toMatchObject({ code: 0, err: '' });
  });
});
