/*
 * Writes survive kill -9, a file size limit and concurrent runs: real `vq-matrix` processes (the
 * bundle the package installs, built here from the current source) killed at many points of every
 * command that writes a workbook. After each kill the target is the old workbook or the new one,
 * never an empty or corrupt file; the next run goes ahead (the dead run's lock is stale).
 */
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { recordInPlan } from '../support/planFile';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

// Every case runs the real command several times (about 0.7 s each on an idle machine); a shared CI
// machine under load can be many times slower.
jest.setTimeout(300_000);

const repo = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'vq-kill-'));
const cli = join(work, 'vq-matrix.cjs');

/** The same bundle as scripts/build-cli.mjs, in a folder of its own (dist/ may be rebuilt by another test meanwhile). */
async function buildCli(): Promise<void> {
  await build({ entryPoints: [join(repo, 'src/cli/bin.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['exceljs'], logLevel: 'warning' });
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Run the CLI in `cwd`; `kill(child)` decides when (if ever) to SIGKILL it. */
function spawnCli(args: string[], cwd: string, opts: { killAfterMs?: number; killOnEvent?: { dir: string; match: (file: string) => boolean }; shell?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const env = { ...process.env, NODE_PATH: join(repo, 'node_modules'), ...opts.env };
    const child = opts.shell
      ? spawn('bash', ['-c', `${opts.shell}; exec "$0" "$@"`, process.execPath, cli, ...args], { cwd, env })
      : spawn(process.execPath, [cli, ...args], { cwd, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const kill = () => child.kill('SIGKILL');
    const timer = opts.killAfterMs !== undefined ? setTimeout(kill, opts.killAfterMs) : undefined;
    // Kill the moment a file of interest changes (the target or its temporary file): the riskiest instant.
    const watcher = opts.killOnEvent
      ? watch(opts.killOnEvent.dir, (_event, file) => {
          if (file && opts.killOnEvent!.match(String(file))) kill();
        })
      : undefined;
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      watcher?.close();
      done({ code, signal, out, err });
    });
  });
}

/** mulberry32: the kill delays are random but the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

/** The target after a kill: exactly the old bytes, or a workbook exceljs loads, `check` reads, holding `newSheet`. */
async function expectOldOrNew(file: string, old: Buffer | null, newSheet: string, where: string): Promise<'old' | 'new'> {
  if (old === null && !existsSync(file)) return 'old';
  const now = readFileSync(file);
  if (old !== null && now.equals(old)) return 'old';
  let names: string[] = [];
  try {
    names = await sheetNames(file);
  } catch (e) {
    throw new Error(`${where}: ${basename(file)} is neither the old workbook nor a readable new one (${now.length} bytes): ${(e as Error).message}`);
  }
  expect({ where, hasNewSheet: names.includes(newSheet) }).toEqual({ where, hasNewSheet: true });
  const checked = await runCli(['check', basename(file), '--json'], dirname(file));
  expect({ where, code: checked.code, err: checked.err }).toEqual({ where, code: 0, err: '' });
  return 'new';
}

interface Scenario {
  name: string;
  /** Folder the command runs in, and the file it writes (relative). */
  cwd: string;
  target: string;
  args: string[];
  /** A sheet only the new workbook has (or, for --record, a check of the new content). */
  newSheet: string;
}

/** A run that finished: exit 0, and nothing on stderr but notes (the cohort summary's charts). */
function expectSuccess(r: Run, where: string): void {
  // Notes and the pathway warning (the grids are built anyway) are not failures.
  const errors = r.err.split('\n').filter((l) => l !== '' && !l.startsWith('vq-matrix: note:') && !l.startsWith('vq-matrix: warning: This pathway cannot meet'));
  expect({ where, code: r.code, errors }).toEqual({ where, code: 0, errors: [] });
}

/** Kill the command at seeded random moments and at the instants its files change; the target is always old or new. */
async function killAtManyPoints(s: Scenario, seed: number): Promise<{ old: number; new: number }> {
  const target = join(s.cwd, s.target);
  const old = existsSync(target) ? readFileSync(target) : null;
  const restore = () => (old === null ? rmSync(target, { force: true }) : writeFileSync(target, old));
  // One full run: how long the command takes here, and that it succeeds.
  const started = Date.now();
  const full = await spawnCli(s.args, s.cwd);
  expectSuccess(full, `${s.name}, full run`);
  const duration = Date.now() - started;
  expect(await expectOldOrNew(target, old, s.newSheet, `${s.name}, full run`)).toBe('new');

  const random = seeded(seed);
  const dir = dirname(target);
  const points: { killAfterMs?: number; killOnEvent?: { dir: string; match: (file: string) => boolean }; label: string }[] = [
    { killOnEvent: { dir, match: (f) => f.endsWith('.tmp') && f.includes('.vq-lock.') }, label: "as the lock's owner is written" },
    { killOnEvent: { dir, match: (f) => f.endsWith('.vq-lock') }, label: 'as the lock appears' },
    { killOnEvent: { dir, match: (f) => f.endsWith('.tmp') && !f.includes('.vq-lock.') }, label: 'as the temporary file appears' },
    { killOnEvent: { dir, match: (f) => f === basename(target) }, label: 'as the target changes' },
    ...Array.from({ length: 6 }, () => {
      const ms = Math.round(duration * (0.3 + random() * 0.8));
      return { killAfterMs: ms, label: `after ${ms} ms` };
    }),
  ];
  const seen = { old: 0, new: 0 };
  for (const point of points) {
    restore(); // the run's lock and temporary file, if a kill left them, stay: the next run must cope
    const r = await spawnCli(s.args, s.cwd, point);
    const where = `${s.name}, killed ${point.label} (${r.signal ?? `exit ${r.code}`})`;
    if (r.signal === null) expectSuccess(r, where);
    seen[await expectOldOrNew(target, old, s.newSheet, where)]++;
  }
  // After all those kills the command still runs (stale locks broken) and leaves nothing behind.
  restore();
  const last = await spawnCli(s.args, s.cwd);
  expectSuccess(last, `${s.name}, after the kills`);
  expect(readdirSync(dirname(target)).filter((f) => f.endsWith('.tmp') || f.endsWith('.vq-lock'))).toEqual([]);
  return seen;
}

const day = (d: number) => new Date(Date.UTC(2025, 1, d));

beforeAll(async () => {
  await buildCli();
  // A cohort workbook with evidence, and sampling plans with recorded samples.
  mkdirSync(join(work, 'seed/cohort'), { recursive: true });
  const seed = join(work, 'seed');
  writeFileSync(join(seed, 'people.csv'), 'Amy Ng,P. Jones\nBen Ode,K. Lee\n');
  expect((await runCli(['build', '-q', '4430-02', '--candidates', 'people.csv', '-u', '203', '-o', 'cohort/group.xlsx'], seed)).code).toBe(0);
  const group = join(seed, 'cohort/group.xlsx');
  await typeEvidence(group, 'Amy Ng 4430-203', [{ ref: 'A1', date: day(1), method: 'Observation', location: 'Head office', marks: ['1.1'] }]);
  await typeEvidence(group, 'Ben Ode 4430-203', [{ ref: 'B1', date: day(2), method: 'Questioning', location: 'Shop floor', marks: ['1.2'] }]);
  expect((await runCli(['build', '-q', '4430-02', '--candidates', 'people.csv', '-u', '203', '-o', 'cohort/group.xlsx'], seed)).code).toBe(0);
  expect((await runCli(['sample', 'cohort', '--seed', '5', '-o', 'plan.xlsx'], seed)).code).toBe(0);
  await recordInPlan(join(seed, 'plan.xlsx'), ['Amy Ng', 'Ben Ode'], join(seed, 'recorded.xlsx'));
  await recordInPlan(join(seed, 'plan.xlsx'), ['Amy Ng'], join(seed, 'amy.xlsx'));
  await recordInPlan(join(seed, 'plan.xlsx'), ['Ben Ode'], join(seed, 'ben.xlsx'));
});

/** A fresh copy of the seed folder for one test. */
function folder(name: string): string {
  const to = join(work, name);
  mkdirSync(join(to, 'cohort'), { recursive: true });
  for (const f of ['people.csv', 'plan.xlsx', 'recorded.xlsx', 'amy.xlsx', 'ben.xlsx']) copyFileSync(join(work, 'seed', f), join(to, f));
  copyFileSync(join(work, 'seed/cohort/group.xlsx'), join(to, 'cohort/group.xlsx'));
  return to;
}

describe('kill -9 at many points of every command that writes: the target is the old workbook or the new one', () => {
  it.each<[string, string, string[], string]>([
    ['build (new file)', 'new.xlsx', ['build', '-q', '4430-02', '-c', 'Sam Lee', '-u', '203', '-o', 'new.xlsx'], 'Sam Lee Tracker'],
    ['build (in place)', 'cohort/group.xlsx', ['build', '-q', '4430-02', '-c', 'Cy Twombly', '-u', '203,212', '-o', 'cohort/group.xlsx'], 'Cy Twombly Tracker'],
    ['cohort -o', 'summary.xlsx', ['cohort', 'cohort', '-o', 'summary.xlsx'], 'Cohort summary'],
    ['cohort --in-place', 'cohort/group.xlsx', ['cohort', 'cohort/group.xlsx', '--in-place'], 'Cohort summary'],
    ['sample -o', 'plan2.xlsx', ['sample', 'cohort', '--seed', '7', '-o', 'plan2.xlsx'], 'Sampling plan'],
    // The recorded workbook has no new sheet: it must be a workbook `check` reads.
    ['sample --record', 'cohort/group.xlsx', ['sample', 'cohort', '--record', 'recorded.xlsx'], 'Amy Ng Tracker'],
  ])('%s', async (name, target, args, newSheet) => {
    const seen = await killAtManyPoints({ name, cwd: folder(`kill-${name.replace(/\W+/g, '-')}`), target, args, newSheet }, name.length);
    expect(seen.old + seen.new).toBe(10);
  });
});

describe('Ctrl+C or kill (SIGINT, SIGTERM) while writing', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: the workbook is old or new, and no lock or temporary file is left', async (signal) => {
    const cwd = folder(`signal-${signal}`);
    const group = join(cwd, 'cohort/group.xlsx');
    const before = readFileSync(group);
    const r = await new Promise<Run>((done, fail) => {
      const child = spawn(process.execPath, [cli, 'build', '-q', '4430-02', '-c', 'Cy Twombly', '-u', '203', '-o', 'cohort/group.xlsx'], { cwd, env: { ...process.env, NODE_PATH: join(repo, 'node_modules') } });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const watcher = watch(join(cwd, 'cohort'), (_event, file) => {
        if (String(file).endsWith('.tmp') && !String(file).includes('.vq-lock.')) child.kill(signal);
      });
      child.on('error', fail);
      child.on('close', (code, sig) => {
        watcher.close();
        done({ code, signal: sig, out: '', err });
      });
    });
    expect(r.code === 130 || r.code === 143 || r.code === 0).toBe(true); // 0: it finished before the signal arrived
    expect(await expectOldOrNew(group, before, 'Cy Twombly Tracker', signal)).toMatch(/old|new/);
    expect(readdirSync(join(cwd, 'cohort'))).toEqual(['group.xlsx']);
  });
});

describe('a file size limit (ulimit -f): the original is unchanged and the message says why', () => {
  it.each([
    ['with SIGXFSZ ignored by the shell', "trap '' XFSZ; ulimit -f 16"],
  ])('%s', async (_label, shell) => {
    const cwd = folder(`ulimit-${shell.length}`);
    const group = join(cwd, 'cohort/group.xlsx');
    const before = readFileSync(group);
    expect(before.length).toBeGreaterThan(16 * 1024); // the new workbook cannot fit under the limit
    for (const args of [
      ['build', '-q', '4430-02', '-c', 'Cy Twombly', '-u', '203', '-o', 'cohort/group.xlsx'],
      ['cohort', 'cohort/group.xlsx', '--in-place'],
      ['sample', 'cohort', '--record', 'recorded.xlsx'],
    ]) {
      const r = await spawnCli(args, cwd, { shell });
      expect({ args, code: r.code, signal: r.signal }).toEqual({ args, code: 1, signal: null });
      expect(r.err).toContain('vq-matrix: cohort/group.xlsx was not changed: the file would be larger than this system allows (EFBIG');
      expect(r.err).not.toContain('unexpected');
      expect(readFileSync(group).equals(before)).toBe(true);
      expect(readdirSync(join(cwd, 'cohort'))).toEqual(['group.xlsx']); // no temporary file, no lock
    }
    const plan = await spawnCli(['sample', 'cohort', '-o', 'new-plan.xlsx'], cwd, { shell: shell.replace('16', '4') });
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('vq-matrix: new-plan.xlsx was not written: the file would be larger than this system allows (EFBIG');
    expect(existsSync(join(cwd, 'new-plan.xlsx'))).toBe(false);
  });

  it('with SIGXFSZ at its default in the shell (Node ignores it): EFBIG is reported, the process is not killed', async () => {
    const cwd = folder('ulimit-default');
    const before = readFileSync(join(cwd, 'cohort/group.xlsx'));
    const r = await spawnCli(['build', '-q', '4430-02', '-c', 'Cy Twombly', '-u', '203', '-o', 'cohort/group.xlsx'], cwd, { shell: "trap - XFSZ; ulimit -f 16" });
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(r.err).toContain('cohort/group.xlsx was not changed: the file would be larger than this system allows (EFBIG');
    expect(readFileSync(join(cwd, 'cohort/group.xlsx')).equals(before)).toBe(true);
  });
});

describe('concurrent runs on the same workbook: one after the other, nothing lost', () => {
  it('two builds adding different candidates: both succeed and the file has both', async () => {
    const cwd = folder('concurrent-build');
    for (const round of [1, 2]) {
      const file = `team${round}.xlsx`;
      expect((await runCli(['build', '-q', '4430-02', '-c', 'Sam Lee', '-u', '203', '-o', file], cwd)).code).toBe(0);
      const [a, b] = await Promise.all([
        spawnCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203', '-o', file], cwd),
        spawnCli(['build', '-q', '4430-02', '-c', 'Ben Ode', '-u', '212', '-o', file], cwd),
      ]);
      expect([a.code, a.err.replace(PATHWAY_WARNING, ''), b.code, b.err.replace(PATHWAY_WARNING, '')]).toEqual([0, '', 0, '']);
      const names = await sheetNames(join(cwd, file));
      expect(names).toEqual(expect.arrayContaining(['Sam Lee Tracker', 'Amy Ng Tracker', 'Amy Ng 4430-203', 'Ben Ode Tracker', 'Ben Ode 4430-212']));
    }
  });

  it('two --record runs recording different candidates: every sample is recorded once', async () => {
    const cwd = folder('concurrent-record');
    const [a, b] = await Promise.all([spawnCli(['sample', 'cohort', '--record', 'amy.xlsx', '--json'], cwd), spawnCli(['sample', 'cohort', '--record', 'ben.xlsx', '--json'], cwd)]);
    expect([a.code, a.err.replace(PATHWAY_WARNING, ''), b.code, b.err.replace(PATHWAY_WARNING, '')]).toEqual([0, '', 0, '']);
    type Report = { files: { edits: unknown[]; alreadyRecorded: number }[] };
    const edits = (r: string) => (JSON.parse(r) as Report).files.reduce((n, f) => n + f.edits.length, 0);
    expect(edits(a.out)).toBeGreaterThan(0);
    expect(edits(b.out)).toBeGreaterThan(0);
    // Had either update been lost, recording again would fill its cells again.
    for (const plan of ['amy.xlsx', 'ben.xlsx']) {
      const again = await runCli(['sample', 'cohort', '--record', plan, '--json'], cwd);
      expect(again.code).toBe(0);
      expect(edits(again.out)).toBe(0);
    }
  });
});
