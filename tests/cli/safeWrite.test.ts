/*
 * How the CLI writes workbooks (src/cli/safeWrite.ts), in-process: failures leave the original
 * byte-identical with a plain message, guards refuse before anything is written, locks are honoured.
 * The kill -9, file-size-limit and concurrent-run tests with real processes are in
 * tests/robustness/writes.test.ts.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../src/adapters/xlsx/xlsxWorkbook';
import { fileKind, plainReason, sameFile } from '../../src/cli/safeWrite';
import { typeEvidence } from '../domain/sampling/cohortFixtures';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

// The module object itself (an `import * as` copy would not reach the code under test).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fsPromises = require('node:fs/promises') as typeof FsPromises;

const dir = mkdtempSync(join(tmpdir(), 'vq-writes-'));
const at = (f: string) => join(dir, f);
const build = (out: string, candidate = 'Sam Lee', units = '203') => runCli(['build', '-q', '4430-02', '-c', candidate, '-u', units, '-o', out], dir);
/** Files the CLI may leave beside a workbook: temporary files and locks. */
/** The new workbook's temporary file (not the lock's: its owner is written to a temporary file too). */
const workbookTemp = (file: unknown) => String(file).endsWith('.tmp') && !String(file).includes('.vq-lock.');
const leftovers = (folder = dir) => readdirSync(folder).filter((f) => f.endsWith('.tmp') || f.endsWith('.vq-lock'));

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at(file));
  return wb.worksheets.map((w) => w.name);
}

/** A minimal .docx-like zip (no xl/workbook.xml), written by exceljs's own zip library would be overkill: stored entries by hand. */
function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DOCX = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });

afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.VQ_MATRIX_LOCK_WAIT_MS;
});

describe('a write that fails leaves the original byte-identical and says so', () => {
  it('a full disk (ENOSPC) mid-write: "was not changed: the disk is full", exit 1, no temporary file left', async () => {
    expect((await build('full.xlsx')).code).toBe(0);
    const before = readFileSync(at('full.xlsx'));
    const realOpen = fsPromises.open;
    // The temporary file's write fails half-way, as on a full disk: some bytes are on disk already.
    jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      const fh = await realOpen(...args);
      if (!workbookTemp(args[0])) return fh;
      return Object.assign(Object.create(Object.getPrototypeOf(fh) as object) as typeof fh, fh, {
        close: () => fh.close(),
        sync: () => fh.sync(),
        writeFile: async (data: Buffer) => {
          await fh.write(data.subarray(0, 1000));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        },
      });
    });
    const r = await build('full.xlsx', 'Sam Lee', '203,212');
    expect(r.code).toBe(1);
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('vq-matrix: full.xlsx was not changed: the disk is full (ENOSPC)\n');
    expect(r.err).not.toContain('unexpected');
    expect(readFileSync(at('full.xlsx')).equals(before)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('a full disk while a new workbook is streamed: "was not written: the disk is full", no file, no temporary file left', async () => {
    const realOpen = fsPromises.open;
    // The temporary file takes the first 8 KB, then the disk is full.
    jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      const fh = await realOpen(...args);
      if (!workbookTemp(args[0])) return fh;
      let written = 0;
      return Object.assign(Object.create(Object.getPrototypeOf(fh) as object) as typeof fh, fh, {
        close: () => fh.close(),
        sync: () => fh.sync(),
        write: async (data: Buffer, offset: number, length: number) => {
          if (written + length > 8 * 1024) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
          written += length;
          return fh.write(data, offset, length);
        },
      });
    });
    const r = await build('new-full.xlsx', 'Sam Lee', '203,212');
    expect(r.code).toBe(1);
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('vq-matrix: new-full.xlsx was not written: the disk is full (ENOSPC)\n');
    expect(existsSync(at('new-full.xlsx'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('a new file in a folder that does not exist, or a folder as -o: plain messages, nothing written', async () => {
    const missing = await build('no-such-folder/jane.xlsx');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^vq-matrix: no-such-folder\/jane\.xlsx was not written: the folder .*no-such-folder does not exist \(ENOENT\)\n$/);
    mkdirSync(at('a-folder'));
    const folder = await build('a-folder');
    expect(folder.code).toBe(1);
    expect(folder.err).toBe('vq-matrix: a-folder is a folder, not a workbook file; nothing was written\n');
    expect(readdirSync(at('a-folder'))).toEqual([]);
  });

  it('every errno a disk can give has a plain reason', () => {
    const reason = (code: string) => plainReason(Object.assign(new Error(code), { code }), '/data/centre');
    expect(reason('ENOSPC')).toBe('the disk is full (ENOSPC)');
    expect(reason('EDQUOT')).toBe('your disk quota is used up (EDQUOT)');
    expect(reason('EFBIG')).toMatch(/^the file would be larger than this system allows \(EFBIG/);
    expect(reason('EACCES')).toBe('you do not have permission to write in the folder /data/centre (EACCES)');
    expect(reason('EPERM')).toBe('you do not have permission to write in the folder /data/centre (EPERM)');
    expect(reason('EROFS')).toBe('the folder /data/centre is on a read-only disk (EROFS)');
    expect(reason('EISDIR')).toBe('that name is a folder, not a file (EISDIR)');
    expect(reason('ENOENT')).toBe('the folder /data/centre does not exist (ENOENT)');
    expect(reason('EIO')).toBe('the disk reported an input/output error (EIO)');
  });
});

describe('the workbook is replaced, never rewritten in place', () => {
  it('keeps the permissions of the workbook, and a symlinked workbook stays a symlink', async () => {
    expect((await build('perm.xlsx')).code).toBe(0);
    chmodSync(at('perm.xlsx'), 0o640);
    const inode = statSync(at('perm.xlsx')).ino;
    expect((await build('perm.xlsx', 'Sam Lee', '203,212')).code).toBe(0);
    expect(statSync(at('perm.xlsx')).mode & 0o777).toBe(0o640);
    expect(statSync(at('perm.xlsx')).ino).not.toBe(inode); // a new file renamed into place
    symlinkSync('perm.xlsx', at('perm-link.xlsx'));
    expect((await build('perm-link.xlsx', 'Amy Ng')).code).toBe(0);
    expect(lstatSync(at('perm-link.xlsx')).isSymbolicLink()).toBe(true);
    expect(await sheetNames('perm.xlsx')).toContain('Amy Ng Tracker');
    expect(leftovers()).toEqual([]);
  });

  it('says so when the workbook had a hard link, which keeps the old version', async () => {
    expect((await build('linked.xlsx')).code).toBe(0);
    linkSync(at('linked.xlsx'), at('linked-too.xlsx'));
    const r = await build('linked.xlsx', 'Amy Ng');
    expect(r.code).toBe(0);
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('vq-matrix: note: linked.xlsx had another name (a hard link); the other name still holds the workbook as it was before this run\n');
    expect(await sheetNames('linked.xlsx')).toContain('Amy Ng Tracker');
    expect(await sheetNames('linked-too.xlsx')).not.toContain('Amy Ng Tracker');
  });

  it('refuses when someone else saved the workbook while the run was working (Excel saving meanwhile)', async () => {
    expect((await build('meanwhile.xlsx')).code).toBe(0);
    const realToBuffer = XlsxWorkbook.prototype.toBuffer;
    let theirs: Buffer = Buffer.alloc(0);
    jest.spyOn(XlsxWorkbook.prototype, 'toBuffer').mockImplementation(async function (this: XlsxWorkbook) {
      // Someone saves their own version between our read and our rename.
      const other = await XlsxWorkbook.fromFile(at('meanwhile.xlsx'));
      other.workbook.getWorksheet('Sam Lee Tracker')!.getCell('A40').value = 'typed in Excel meanwhile';
      theirs = await realToBuffer.call(other);
      writeFileSync(at('meanwhile.xlsx'), theirs);
      return realToBuffer.call(this);
    });
    const r = await build('meanwhile.xlsx', 'Amy Ng');
    expect(r.code).toBe(1);
    expect(r.err).toContain('meanwhile.xlsx was not changed: another program saved it while vq-matrix was working');
    expect(readFileSync(at('meanwhile.xlsx')).equals(theirs)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('removes temporary files left by a run that was killed, once it holds the lock', async () => {
    expect((await build('killed.xlsx')).code).toBe(0);
    writeFileSync(at('.killed.xlsx.99999999.0abc12.tmp'), 'half a workbook');
    expect((await build('killed.xlsx', 'Amy Ng')).code).toBe(0);
    expect(existsSync(at('.killed.xlsx.99999999.0abc12.tmp'))).toBe(false);
  });
});

describe('one writer at a time', () => {
  it('a live lock: waits, then says who holds it; nothing written', async () => {
    expect((await build('busy.xlsx')).code).toBe(0);
    const before = readFileSync(at('busy.xlsx'));
    const since = Date.now() - 5 * 60 * 1000;
    const hhmm = new Date(since).toTimeString().slice(0, 5);
    writeFileSync(at('busy.xlsx.vq-lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), token: 'x' }));
    process.env.VQ_MATRIX_LOCK_WAIT_MS = '300';
    const r = await build('busy.xlsx', 'Amy Ng');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^vq-matrix: busy\\.xlsx is being changed by another vq-matrix run \\(pid ${process.pid} since \\d\\d:\\d\\d\\); try again when it has finished\\. Nothing was written\\.\n$`));
    expect(readFileSync(at('busy.xlsx')).equals(before)).toBe(true);
    expect(existsSync(at('busy.xlsx.vq-lock'))).toBe(true); // someone else's lock is left alone
    // Another machine's lock: named with its host.
    writeFileSync(at('busy.xlsx.vq-lock'), JSON.stringify({ pid: 4242, host: 'assessor-laptop', since, token: 'y' }));
    expect((await build('busy.xlsx', 'Amy Ng')).err).toContain(`(pid 4242 on assessor-laptop since ${hhmm})`);
    await fsPromises.unlink(at('busy.xlsx.vq-lock'));
  });

  it('a stale lock (its process is dead) is broken, and the run goes ahead', async () => {
    expect((await build('stale.xlsx')).code).toBe(0);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(at('stale.xlsx.vq-lock'), JSON.stringify({ pid: dead, host: hostname(), since: Date.now(), token: 'z' }));
    process.env.VQ_MATRIX_LOCK_WAIT_MS = '300';
    const r = await build('stale.xlsx', 'Amy Ng');
    expect(r.err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(r.code).toBe(0);
    expect(await sheetNames('stale.xlsx')).toContain('Amy Ng Tracker');
    expect(leftovers()).toEqual([]);
  });

  it('a lock is never seen without its owner: a run killed while writing it leaves no lock (the next run goes ahead at once)', async () => {
    expect((await build('half.xlsx')).code).toBe(0);
    const realOpen = fsPromises.open;
    let finishOwner: () => void = () => undefined;
    const ownerWritten = new Promise<void>((r) => (finishOwner = r));
    let writing!: () => void;
    const started = new Promise<void>((r) => (writing = r));
    // The lock's owner is being written (a kill -9 now would stop it here) until the test lets it finish.
    jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      const fh = await realOpen(...args);
      if (!String(args[0]).includes('.vq-lock')) return fh;
      return Object.assign(Object.create(Object.getPrototypeOf(fh) as object) as typeof fh, fh, {
        close: () => fh.close(),
        writeFile: async (data: string) => {
          writing();
          await ownerWritten;
          return fh.writeFile(data);
        },
      });
    });
    const run = build('half.xlsx', 'Amy Ng');
    await started;
    expect(existsSync(at('half.xlsx.vq-lock'))).toBe(false);
    finishOwner();
    expect((await run).code).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('where the disk has no hard links (FAT, some network shares) the lock is still taken and released', async () => {
    expect((await build('fat.xlsx')).code).toBe(0);
    const link = jest.spyOn(fsPromises, 'link').mockRejectedValue(Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM', syscall: 'link' }));
    const r = await build('fat.xlsx', 'Amy Ng');
    expect(r.code).toBe(0);
    expect(link).toHaveBeenCalled();
    expect(await sheetNames('fat.xlsx')).toContain('Amy Ng Tracker');
    expect(leftovers()).toEqual([]);
  });

  it('two runs on the same file in one process: the second waits for the first and builds on it', async () => {
    expect((await build('two.xlsx')).code).toBe(0);
    const [a, b] = await Promise.all([build('two.xlsx', 'Amy Ng'), build('two.xlsx', 'Ben Ode')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const names = await sheetNames('two.xlsx');
    expect(names).toEqual(expect.arrayContaining(['Sam Lee Tracker', 'Amy Ng Tracker', 'Ben Ode Tracker']));
  });

  it('refuses to write a workbook that is open in Excel (its ~$ owner file is beside it) or LibreOffice', async () => {
    expect((await build('open.xlsx')).code).toBe(0);
    expect((await build('a-long-workbook-name.xlsx')).code).toBe(0);
    const before = readFileSync(at('open.xlsx'));
    for (const [file, marker] of [
      ['open.xlsx', '~$open.xlsx'],
      ['a-long-workbook-name.xlsx', '~$long-workbook-name.xlsx'], // Excel overwrites the first two characters of longer names
      ['open.xlsx', '.~lock.open.xlsx#'],
    ] as const) {
      writeFileSync(at(marker), 'Jane Assessor');
      const r = await build(file, 'Amy Ng');
      expect(r.code).toBe(1);
      expect(r.err).toBe(`vq-matrix: ${file} is open in Excel or another spreadsheet program (${marker} is beside it); close it there and run again. Nothing was written. (If no one has it open, delete ${marker}.)\n`);
      await fsPromises.unlink(at(marker));
    }
    expect(readFileSync(at('open.xlsx')).equals(before)).toBe(true);
    const inPlace = await (async () => {
      writeFileSync(at('~$open.xlsx'), 'x');
      return runCli(['cohort', 'open.xlsx', '--in-place'], dir);
    })();
    expect(inPlace.err).toContain('open.xlsx is open in Excel');
    expect(readFileSync(at('open.xlsx')).equals(before)).toBe(true);
    await fsPromises.unlink(at('~$open.xlsx'));
  });
});

describe('guards on -o', () => {
  const cohortDir = join(dir, 'cohort');
  beforeAll(async () => {
    mkdirSync(cohortDir);
    expect((await runCli(['build', '-q', '4430-02', '-c', 'Amy Ng', '-c', 'Ben Ode', '-u', '203', '-o', 'cohort/group.xlsx'], dir)).code).toBe(0);
  });

  it('a .docx (a zip with no workbook), a text file or an empty file is never replaced, even with --force or by build', async () => {
    writeFileSync(at('notes.docx'), DOCX);
    writeFileSync(at('notes.txt'), 'my notes');
    writeFileSync(at('empty.xlsx'), '');
    expect(await fileKind(at('notes.docx'))).toBe('zip');
    expect(await fileKind(at('notes.txt'))).toBe('notZip');
    expect(await fileKind(at('cohort/group.xlsx'))).toBe('workbook');
    const cases: [string[], string][] = [
      [['cohort', 'cohort', '-o', 'notes.docx', '--force'], 'notes.docx is a Word document, not an Excel workbook; give vq-matrix an Excel Workbook (.xlsx); nothing was written'],
      [['sample', 'cohort', '-o', 'notes.docx', '--force'], 'notes.docx is a Word document, not an Excel workbook; give vq-matrix an Excel Workbook (.xlsx); nothing was written'],
      [['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203', '-o', 'notes.docx'], 'notes.docx is a Word document, not an Excel workbook; give vq-matrix an Excel Workbook (.xlsx); nothing was written'],
      [['cohort', 'cohort', '-o', 'notes.txt', '--force'], 'notes.txt is a text file (such as CSV), not an Excel Workbook (.xlsx); open it in Excel (or LibreOffice) and save it as Excel Workbook (.xlsx) first; nothing was written'],
      [['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203', '-o', 'notes.txt'], 'notes.txt is a text file (such as CSV), not an Excel Workbook (.xlsx); open it in Excel (or LibreOffice) and save it as Excel Workbook (.xlsx) first; nothing was written'],
      [['build', '-q', '4430-02', '-c', 'Amy Ng', '-u', '203', '-o', 'empty.xlsx'], 'empty.xlsx is an empty file, not an Excel workbook; nothing was written (delete it, or choose another name)'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, dir);
      expect(r.err).toBe(`vq-matrix: ${message}\n`);
      expect(r.code).toBe(1);
    }
    expect(readFileSync(at('notes.docx')).equals(DOCX)).toBe(true);
    expect(readFileSync(at('notes.txt'), 'utf8')).toBe('my notes');
    expect(statSync(at('empty.xlsx')).size).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('sample -o and cohort -o refuse an existing file unless --force', async () => {
    expect((await runCli(['sample', 'cohort', '--seed', '1', '-o', 'plan.xlsx'], dir)).code).toBe(0);
    expect((await runCli(['cohort', 'cohort', '-o', 'summary.xlsx'], dir)).code).toBe(0);
    const plan = readFileSync(at('plan.xlsx'));
    const summary = readFileSync(at('summary.xlsx'));
    const samePlan = await runCli(['sample', 'cohort', '--seed', '2', '-o', 'plan.xlsx'], dir);
    expect(samePlan.err).toBe('vq-matrix: plan.xlsx already exists; nothing was written (--force replaces it)\n');
    expect(samePlan.code).toBe(1);
    const sameSummary = await runCli(['cohort', 'cohort', '-o', 'summary.xlsx'], dir);
    expect(sameSummary.err).toBe('vq-matrix: summary.xlsx already exists; nothing was written (--force replaces it)\n');
    expect(readFileSync(at('plan.xlsx')).equals(plan)).toBe(true);
    expect(readFileSync(at('summary.xlsx')).equals(summary)).toBe(true);
    expect((await runCli(['sample', 'cohort', '--seed', '2', '-o', 'plan.xlsx', '--force'], dir)).code).toBe(0);
    expect((await runCli(['cohort', 'cohort', '-o', 'summary.xlsx', '--force'], dir)).code).toBe(0);
    expect(readFileSync(at('plan.xlsx')).equals(plan)).toBe(false);
    expect(await sheetNames('plan.xlsx')).toEqual(['Sampling plan']);
    expect((await runCli(['sample', 'cohort', '--force'], dir)).err).toContain('--force lets -o replace an existing file');
  });

  it('-o through a symlink or a hard link to an input is refused for cohort and sample, with --force too', async () => {
    symlinkSync(join(cohortDir, 'group.xlsx'), at('soft.xlsx'));
    linkSync(join(cohortDir, 'group.xlsx'), at('hard.xlsx'));
    const before = readFileSync(join(cohortDir, 'group.xlsx'));
    expect(await sameFile(at('hard.xlsx'), join(cohortDir, 'group.xlsx'))).toBe(true);
    for (const out of ['soft.xlsx', 'hard.xlsx', './cohort/../cohort/group.xlsx']) {
      const c = await runCli(['cohort', 'cohort', '-o', out, '--force'], dir);
      expect(c.err).toBe(`vq-matrix: -o ${out} is one of the workbooks being summarised; use --in-place to add a live summary to it (it is the same file as ${join('cohort', 'group.xlsx')}); nothing was written\n`);
      expect(c.code).toBe(1);
      const s = await runCli(['sample', 'cohort', '-o', out, '--force'], dir);
      expect(s.err).toContain(`-o ${out} is one of the cohort's workbooks; write the plan to a file of its own`);
      expect(s.code).toBe(1);
    }
    expect(readFileSync(join(cohortDir, 'group.xlsx')).equals(before)).toBe(true);
  });
});

describe('--record into several workbooks', () => {
  it('when the second write fails, the message says which workbook was already recorded, and running again finishes the job', async () => {
    const cwd = join(dir, 'record-two');
    mkdirSync(join(cwd, 'cohort'), { recursive: true });
    const day = (d: number) => new Date(Date.UTC(2025, 1, d));
    // Two assessors, so the plan samples both candidates.
    for (const [file, who, assessor, ref] of [['a.xlsx', 'Amy Ng', 'P. Jones', 'A1'], ['b.xlsx', 'Ben Ode', 'K. Lee', 'B1']] as const) {
      expect((await runCli(['build', '-q', '4430-02', '-c', who, '--assessor', assessor, '-u', '203', '-o', `cohort/${file}`], cwd)).code).toBe(0);
      await typeEvidence(join(cwd, 'cohort', file), `${who} 4430-203`, [{ ref, date: day(1), method: 'Observation', location: 'Head office', marks: ['1.1'] }]);
      expect((await runCli(['build', '-q', '4430-02', '-c', who, '--assessor', assessor, '-u', '203', '-o', `cohort/${file}`], cwd)).code).toBe(0);
    }
    expect((await runCli(['sample', 'cohort', '--seed', '3', '-o', 'plan.xlsx'], cwd)).code).toBe(0);
    const plan = new ExcelJS.Workbook();
    await plan.xlsx.readFile(join(cwd, 'plan.xlsx'));
    const ws = plan.getWorksheet('Sampling plan')!;
    let header = 0;
    ws.eachRow((row, n) => {
      if (header === 0 && row.getCell(1).value === 'Candidate') header = n;
    });
    const cols = new Map<string, number>();
    ws.getRow(header).eachCell((c, n) => cols.set(String(c.value), n));
    for (let r = header + 1; ws.getRow(r).getCell(1).value; r++) {
      ws.getRow(r).getCell(cols.get('IV initials')!).value = 'JB';
      ws.getRow(r).getCell(cols.get('Date sampled')!).value = new Date(Date.UTC(2025, 2, 10));
    }
    await plan.xlsx.writeFile(join(cwd, 'plan.xlsx'));

    const before = { a: readFileSync(join(cwd, 'cohort/a.xlsx')), b: readFileSync(join(cwd, 'cohort/b.xlsx')) };
    const realOpen = fsPromises.open;
    let temps = 0;
    jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      // The second workbook's temporary file cannot be created: the disk filled up meanwhile.
      if (workbookTemp(args[0]) && ++temps === 2) throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
      return realOpen(...args);
    });
    const r = await runCli(['sample', 'cohort', '--record', 'plan.xlsx'], cwd);
    expect(r.code).toBe(1);
    const [first, second] = r.err.includes('cohort/b.xlsx was not changed') ? ['a', 'b'] : ['b', 'a'];
    expect(r.err).toBe(`vq-matrix: cohort/${second}.xlsx was not changed: the disk is full (ENOSPC) (already recorded in cohort/${first}.xlsx; run --record again to record the rest)\n`);
    expect(readFileSync(join(cwd, `cohort/${first}.xlsx`)).equals(before[first as 'a' | 'b'])).toBe(false);
    expect(readFileSync(join(cwd, `cohort/${second}.xlsx`)).equals(before[second as 'a' | 'b'])).toBe(true);
    expect(leftovers(join(cwd, 'cohort'))).toEqual([]);

    jest.restoreAllMocks();
    const again = await runCli(['sample', 'cohort', '--record', 'plan.xlsx', '--json'], cwd);
    expect(again.code).toBe(0);
    const files = (JSON.parse(again.out) as { files: { file: string; edits: unknown[] }[] }).files;
    expect(files.find((f) => f.file === `cohort/${first}.xlsx`)!.edits).toEqual([]);
    expect(files.find((f) => f.file === `cohort/${second}.xlsx`)!.edits.length).toBeGreaterThan(0);
  });
});
