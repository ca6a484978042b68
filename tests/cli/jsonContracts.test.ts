import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { checkJson, cohortJson, JSON_CONTRACT_VERSION, sampleCheckJson, samplePlanJson, sampleRecordJson } from '../../src/domain/contracts';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { recordInPlan } from '../support/planFile';
import { runCli } from '../support/runCli';

/*
 * The --json output of check, cohort and sample, as the commands really print it, held to the
 * contracts in src/domain/contracts.ts (strict: a field renamed, dropped or added fails here).
 */

const day = (d: number) => new Date(Date.UTC(2025, 1, d));

/** The output parsed by the contract's schema, with every issue named when it does not fit. */
function holds<T extends z.ZodType>(schema: T, out: string): z.infer<T> {
  const parsed = schema.safeParse(JSON.parse(out));
  if (!parsed.success) throw new Error(`not the contract:\n${parsed.error.issues.map((i) => `  at ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

describe('the --json contracts of check, cohort and sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-contracts-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'cohort'));
    writeFileSync(join(dir, 'people.csv'), 'Candidate,Assessor,ULN\nAmy Ng,P. Jones,1234567890\nBen Ode,K. Lee,\n');
    expect((await runCli(['build', '-q', '4430-02', '--candidates', 'people.csv', '-u', '203,102', '-o', 'cohort/group.xlsx'], dir)).code).toBe(0);
    const file = join(dir, 'cohort/group.xlsx');
    await typeEvidence(file, 'Amy Ng 4430-203', [{ ref: 'A1', date: day(1), method: 'Observation', location: 'Head office', marks: ['1.1'] }]);
    await typeEvidence(file, 'Ben Ode 4430-203', [{ ref: 'B1', date: day(2), method: 'Questioning', location: 'Shop floor', marks: ['1.2'] }]);
    expect((await runCli(['build', '-q', '4430-02', '--candidates', 'people.csv', '-u', '203,102', '-o', 'cohort/group.xlsx'], dir)).code).toBe(0);
    // A file in the folder that cannot be read: reported under problems, with why.
    writeFileSync(join(dir, 'cohort/broken.xlsx'), 'not a workbook');
  });

  it('check --json', async () => {
    const r = await runCli(['check', 'cohort', '--json'], dir);
    expect(r.code).toBe(1);
    const report = holds(checkJson, r.out);
    expect(report.version).toBe(JSON_CONTRACT_VERSION);
    expect(report.files.map((f) => [f.file, f.unreadable ?? null])).toEqual([
      [join('cohort', 'broken.xlsx'), 'otherFormat'],
      [join('cohort', 'group.xlsx'), null],
    ]);
    const amy = report.files[1]!.candidates.find((c) => c.candidate === 'Amy Ng')!;
    expect(amy.candidateId).toBe('1234567890');
    expect(amy.units.find((u) => u.unit === '4430-102')!.achievement).toBeNull();
    expect(amy.units.find((u) => u.unit === '4430-203')!.status).toBe('in progress');
  });

  it('cohort --json', async () => {
    const r = await runCli(['cohort', 'cohort', '--json'], dir);
    const report = holds(cohortJson, r.out);
    expect(report.version).toBe(JSON_CONTRACT_VERSION);
    expect(report.candidates.map((c) => [c.candidate, c.candidateId ?? null, c.lastEvidenceDate])).toEqual([
      ['Amy Ng', '1234567890', '2025-02-01'],
      ['Ben Ode', null, '2025-02-02'],
    ]);
    expect(report.problems).toEqual([expect.objectContaining({ file: join('cohort', 'broken.xlsx'), unreadable: 'otherFormat' })]);
  });

  it('sample --json: a plan, a plan checked, samples recorded', async () => {
    const plan = holds(samplePlanJson, (await runCli(['sample', 'cohort/group.xlsx', '--seed', '5', '-o', 'plan.xlsx', '--json'], dir)).out);
    expect(plan).toMatchObject({ version: JSON_CONTRACT_VERSION, seed: 5, gaps: [], problems: [] });
    expect(plan.sample.length).toBeGreaterThan(0);
    const checked = holds(sampleCheckJson, (await runCli(['sample', 'cohort/group.xlsx', '--check', 'plan.xlsx', '--json'], dir)).out);
    expect(checked).toMatchObject({ version: JSON_CONTRACT_VERSION, gaps: [], unmatched: [] });
    expect(checked.sample.map((s) => s.candidate).sort()).toEqual(plan.sample.map((s) => s.candidate).sort());
    expect(await recordInPlan(join(dir, 'plan.xlsx'), ['Amy Ng'])).toBeGreaterThan(0);
    const recorded = holds(sampleRecordJson, (await runCli(['sample', 'cohort/group.xlsx', '--record', 'plan.xlsx', '--json'], dir)).out);
    expect(recorded.version).toBe(JSON_CONTRACT_VERSION);
    expect(recorded.recorded).toBeGreaterThan(0);
    expect(recorded.files[0]!.edits.length).toBeGreaterThan(0);
  });

  it('fails on a renamed or an extra field (the schemas are strict)', async () => {
    const report = JSON.parse((await runCli(['cohort', 'cohort/group.xlsx', '--json'], dir)).out) as { candidates: Record<string, unknown>[] };
    expect(cohortJson.safeParse(report).success).toBe(true);
    const renamed = structuredClone(report);
    renamed.candidates[0]!.learner = renamed.candidates[0]!.candidate;
    delete renamed.candidates[0]!.candidate;
    expect(cohortJson.safeParse(renamed).success).toBe(false);
    expect(cohortJson.safeParse({ ...report, extra: true }).success).toBe(false);
    expect(cohortJson.safeParse({ ...report, version: JSON_CONTRACT_VERSION + 1 }).success).toBe(false);
  });
});
