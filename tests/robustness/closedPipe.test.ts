/*
 * `vq-matrix build ... | head` (or a pager the user quits) closes stdout while the workbook is
 * being written. bin.ts used to exit with the exit code so far (0) on EPIPE: the build stopped
 * half-way, the target was never written, its temporary file and lock stayed beside it, and the
 * exit code said success. Either the build finishes (output that cannot be shown is not a reason to
 * stop writing) or it fails with a non-zero code; either way nothing of ours is left behind.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(300_000);

const repo = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'vq-qa-pipe-'));
const cli = join(work, 'vq-matrix.cjs');

beforeAll(async () => {
  await build({ entryPoints: [join(repo, 'src/cli/bin.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['exceljs'], logLevel: 'warning' });
});

/** Runs the CLI and closes its stdout after the first line it prints, as `| head -1` does. */
function runClosingStdout(args: string[], cwd: string): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NODE_PATH: join(repo, 'node_modules') } });
    child.stdout.once('data', () => child.stdout.destroy());
    child.stderr.resume();
    child.on('error', fail);
    child.on('close', (code) => done(code));
  });
}

describe('stdout closed early during build', () => {
  it('a build whose output pipe is closed either writes the workbook or fails, and leaves no lock or temporary file', async () => {
    const cwd = mkdtempSync(join(work, 'run-'));
    const lines = Array.from({ length: 150 }, (_, i) => `Candidate ${String(i).padStart(3, '0')},Assessor ${i % 3}`);
    writeFileSync(join(cwd, 'cands.csv'), `${lines.join('\n')}\n`);

    const code = await runClosingStdout(['build', '-q', '4430-02', '--candidates', 'cands.csv', '-u', '202', '-o', 'cohort.xlsx'], cwd);

    // Today: exit 0, no cohort.xlsx, and ".cohort.xlsx.<pid>.<id>.tmp" (0 bytes) and "cohort.xlsx.vq-lock" left.
    const left = readdirSync(cwd).filter((f) => f !== 'cands.csv' && f !== 'cohort.xlsx');
    expect(left).toEqual([]);
    if (code === 0) expect(existsSync(join(cwd, 'cohort.xlsx'))).toBe(true);
    else expect(existsSync(join(cwd, 'cohort.xlsx'))).toBe(false);
  });
});
