import { WorkbookFileError } from '../adapters/xlsx/readLimits';
import { readWorkbookBytes } from '../adapters/xlsx/zipCheck';
/*
 * How every command writes a workbook: never in place. One writer at a time (a lock file beside the
 * workbook, taken before the workbook is read), the new bytes written to a temporary file in the same
 * folder and flushed to disk, then renamed over the target, which is therefore always either the old
 * workbook or the new one, whatever happens (kill -9, full disk, power cut). Every check (the target is
 * a workbook, not open in Excel, not changed by someone else since it was read) happens before the
 * rename; on failure the original is untouched and the message says so in plain words.
 */
import { constants, unlinkSync, type BigIntStats } from 'node:fs';
import { access, chmod, link, lstat, open, readdir, readFile, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CliError, type CliIo } from './io';

/** How long a second run waits for the lock (ms); VQ_MATRIX_LOCK_WAIT_MS overrides it (tests). */
const DEFAULT_LOCK_WAIT_MS = 10_000;
/** A lock older than this is stale even if its owner looks alive (pid reuse; another machine's crash). */
const STALE_LOCK_MS = 60 * 60 * 1000;
/** A lock file with no readable owner (being written, or a crash mid-write) is stale after this. */
const UNREADABLE_LOCK_MS = 60 * 1000;

/** Lock and temporary files this process holds, removed if it is interrupted (SIGINT, SIGTERM). */
const held = new Set<string>();
/** Targets opened by each running command (keyed by its io): released by run() when it ends, however it ends. */
const openTargets = new WeakMap<CliIo, Set<WriteTarget>>();

/** Release every target the command opened (main's run() calls this in a finally). */
export async function releaseTargets(io: CliIo): Promise<void> {
  for (const t of [...(openTargets.get(io) ?? [])]) await t.release();
  openTargets.delete(io);
}

/** Remove every lock and temporary file this process holds (signal handlers; synchronous on purpose). */
export function removeHeldFilesSync(): void {
  for (const path of held) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  held.clear();
}

/** What an errno code means, in words a user can act on. */
export function plainReason(e: unknown, folder: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    case 'EDQUOT':
      return 'your disk quota is used up (EDQUOT)';
    case 'EFBIG':
      return 'the file would be larger than this system allows (EFBIG: a file size limit, e.g. ulimit -f)';
    case 'EACCES':
    case 'EPERM':
      return `you do not have permission to write in the folder ${folder} (${code})`;
    case 'EROFS':
      return `the folder ${folder} is on a read-only disk (EROFS)`;
    case 'EISDIR':
      return 'that name is a folder, not a file (EISDIR)';
    case 'ENOENT':
      return `the folder ${folder} does not exist (ENOENT)`;
    case 'ENOTDIR':
      return `part of the path ${folder} is a file, not a folder (ENOTDIR)`;
    case 'ENAMETOOLONG':
      return 'the file name is too long (ENAMETOOLONG)';
    case 'EMFILE':
    case 'ENFILE':
      return `too many files are open (${code})`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `the file is in use by another program (${code})`;
    case 'EIO':
      return 'the disk reported an input/output error (EIO)';
    default:
      return code ? `it could not be written (${code}: ${(e as Error).message})` : `it could not be written (${String((e as Error)?.message ?? e)})`;
  }
}

// Duck-typed: errors from Node's own modules may come from another realm (jest), failing instanceof Error.
const isErrno = (e: unknown): e is NodeJS.ErrnoException => typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string';

/** The identity of a file as it was read: a rename (Excel's save), a rewrite or a touch all change it. */
type FileState = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs' | 'nlink'> | null;

async function fileState(path: string): Promise<FileState> {
  try {
    const s = await stat(path, { bigint: true });
    return { dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs, nlink: s.nlink };
  } catch (e) {
    if (isErrno(e) && e.code === 'ENOENT') return null;
    throw e;
  }
}

const sameState = (a: FileState, b: FileState): boolean =>
  a === null || b === null ? a === b : a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

/** Whether two paths name the same file (symlinks followed; hard links are the same inode). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
    if (ra === rb) return true;
    const [sa, sb] = await Promise.all([stat(ra, { bigint: true }), stat(rb, { bigint: true })]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // one of them does not exist: not the same file
  }
}

/** What an existing file is, from its zip directory alone (no decompression): only a workbook may be replaced. */
export async function fileKind(path: string): Promise<'workbook' | 'zip' | 'notZip' | 'empty'> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size === 0) return 'empty';
    const read = async (at: number, length: number) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
      await fh.read(buf, 0, buf.length, at);
      return buf;
    };
    const head = await read(0, 4);
    if (size < 22 || head.readUInt32LE(0) !== 0x04034b50) return 'notZip';
    // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
    const tailStart = Math.max(0, size - 22 - 0xffff);
    const tail = await read(tailStart, size - tailStart);
    for (let eocd = tail.length - 22; eocd >= 0; eocd--) {
      if (tail.readUInt32LE(eocd) !== 0x06054b50) continue;
      const count = tail.readUInt16LE(eocd + 10);
      const directory = await read(tail.readUInt32LE(eocd + 16), tail.readUInt32LE(eocd + 12));
      const names: string[] = [];
      for (let i = 0, at = 0; i < count; i++) {
        if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return 'notZip';
        const nameLength = directory.readUInt16LE(at + 28);
        names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
        at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
      }
      return names.some((n) => /^xl\/workbook\.xml$/i.test(n)) ? 'workbook' : 'zip';
    }
    return 'notZip'; // no directory: truncated
  } finally {
    await fh.close();
  }
}

/** Excel's (and LibreOffice's) "this file is open" markers beside a workbook. */
export async function openInSpreadsheet(path: string): Promise<string | undefined> {
  const folder = dirname(path);
  const name = basename(path);
  // Excel prefixes "~$", or overwrites the first two characters of a long name with it.
  const candidates = [`~$${name}`, ...(name.length > 2 ? [`~$${name.slice(2)}`] : []), `.~lock.${name}#`];
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return undefined;
  }
  return candidates.find((c) => entries.includes(c));
}

interface LockOwner {
  pid: number;
  host: string;
  since: number;
  token: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return isErrno(e) && e.code === 'EPERM'; // exists, but someone else's
  }
}

async function readOwner(lockPath: string): Promise<{ owner: LockOwner | null; raw: string; mtimeMs: number } | null> {
  try {
    const [raw, s] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    let owner: LockOwner | null = null;
    try {
      const parsed = JSON.parse(raw) as Partial<LockOwner>;
      if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.since === 'number') owner = parsed as LockOwner;
    } catch {
      // still being written, or garbage: judged by age
    }
    return { owner, raw, mtimeMs: s.mtimeMs };
  } catch (e) {
    if (isErrno(e) && e.code === 'ENOENT') return null;
    throw e;
  }
}

function stale(found: { owner: LockOwner | null; mtimeMs: number }, now: number): boolean {
  const { owner } = found;
  if (!owner) return now - found.mtimeMs > UNREADABLE_LOCK_MS;
  if (now - owner.since > STALE_LOCK_MS) return true;
  // A dead process on this machine left it behind (kill -9, power cut); another machine's pid means nothing here.
  return owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid);
}

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lockWaitMs(): number {
  const env = Number(process.env.VQ_MATRIX_LOCK_WAIT_MS);
  return Number.isFinite(env) && env >= 0 ? env : DEFAULT_LOCK_WAIT_MS;
}

/**
 * Create the lock file whole, or not at all: the owner is written to a temporary file that is then
 * hard-linked to the lock's name (link() fails if the name exists, atomically, like O_EXCL). A run
 * killed while writing its owner leaves no lock, only a temporary file the next run removes, so a
 * lock always names its owner and a dead owner's lock is broken at once, not after a minute.
 * Returns false if the lock exists.
 */
async function createLock(lockPath: string, owner: LockOwner): Promise<boolean> {
  const temp = join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  held.add(temp);
  try {
    const fh = await open(temp, 'wx');
    try {
      await fh.writeFile(JSON.stringify(owner));
    } finally {
      await fh.close();
    }
    try {
      await link(temp, lockPath);
    } catch (e) {
      if (isErrno(e) && e.code === 'EEXIST') return false;
      // No hard links here (FAT, exFAT, some network shares): O_EXCL, whose empty file a kill may leave (judged by age).
      if (isErrno(e) && ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(e.code ?? '')) return createLockExclusive(lockPath, owner);
      throw e;
    }
    held.add(lockPath);
    return true;
  } finally {
    held.delete(temp);
    await unlink(temp).catch(() => undefined);
  }
}

async function createLockExclusive(lockPath: string, owner: LockOwner): Promise<boolean> {
  let fh: FileHandle;
  try {
    fh = await open(lockPath, 'wx');
  } catch (e) {
    if (isErrno(e) && e.code === 'EEXIST') return false;
    throw e;
  }
  held.add(lockPath);
  try {
    await fh.writeFile(JSON.stringify(owner));
  } finally {
    await fh.close();
  }
  return true;
}

/** Take `<file>.vq-lock`, breaking a stale one; waits a bounded time for a live one, then says who has it. */
async function takeLock(lockPath: string, shown: string, notChanged: (e: unknown) => CliError): Promise<string> {
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + lockWaitMs();
  for (;;) {
    try {
      if (await createLock(lockPath, { pid: process.pid, host: hostname(), since: Date.now(), token })) return token;
    } catch (e) {
      if (held.has(lockPath)) await releaseLock(lockPath, token);
      // Our temporary owner file was removed under us (another run clearing a killed run's leftovers): try again.
      if (isErrno(e) && e.code === 'ENOENT' && e.syscall === 'link') continue;
      throw notChanged(e);
    }
    const found = await readOwner(lockPath);
    if (found === null) continue; // released just now
    if (stale(found, Date.now())) {
      // Remove it only if it is still the same stale lock (another run may have broken it and taken its own).
      const again = await readOwner(lockPath);
      if (again && again.raw === found.raw) await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) {
      const o = found.owner;
      const who = o ? `pid ${o.pid}${o.host !== hostname() ? ` on ${o.host}` : ''} since ${clock(o.since)}` : `since ${clock(found.mtimeMs)}`;
      throw new CliError(`${shown} is being changed by another vq-matrix run (${who}); try again when it has finished. Nothing was written.`);
    }
    await sleep(50 + Math.floor(Math.random() * 100));
  }
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  held.delete(lockPath);
  const found = await readOwner(lockPath).catch(() => null);
  // Never remove a lock that is no longer ours (broken as stale and taken by another run).
  if (found && (found.owner === null || found.owner.token === token)) await unlink(lockPath).catch(() => undefined);
}

export interface TargetOptions {
  /** -o without --force: an existing file is refused (a plan or summary edited by hand is not replaced). */
  mustNotExist?: boolean;
  /** The target need not be a workbook (a centre's standards .json): only --force is asked of it. */
  anyFile?: boolean;
}

/** A write may take only part of the bytes: the rest follow. */
async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; ) at += (await fh.write(bytes, at, bytes.length - at)).bytesWritten;
}

/**
 * A workbook file this run will write, locked for this run. Open it BEFORE reading the workbook
 * (the lock and the file's identity are taken then), render the new workbook to a buffer, then
 * `replaceWith(buffer)`. The lock is released by `release()`, or by run() when the command ends.
 */
export class WriteTarget {
  private released = false;
  private onRelease: () => void = () => undefined;

  private constructor(
    private readonly io: CliIo,
    /** The name the user gave (for messages). */
    readonly shown: string,
    /** The file written: symlinks resolved, so a link to the workbook stays a link. */
    readonly path: string,
    private readonly lockPath: string,
    private readonly token: string,
    /** The file as it was when locked (null: it did not exist). */
    private readonly before: FileState,
  ) {}

  get exists(): boolean {
    return this.before !== null;
  }

  static async open(io: CliIo, shown: string, options: TargetOptions = {}): Promise<WriteTarget> {
    const given = resolve(io.cwd, shown);
    const link = await lstat(given).catch(() => null);
    const path = link?.isSymbolicLink() ? await realpath(given).catch(() => given) : given;
    const folder = dirname(path);
    const notWritten = (e: unknown) => new CliError(`${shown} was not written: ${plainReason(e, folder)}`);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) throw new CliError(`${shown} is a folder, not a workbook file; nothing was written`);
    if (info && !info.isFile()) throw new CliError(`${shown} is not a regular file; nothing was written`);
    const folderInfo = await stat(folder).catch((e: unknown) => {
      throw notWritten(e);
    });
    if (!folderInfo.isDirectory()) throw notWritten(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }));

    const lockPath = `${path}.vq-lock`;
    const token = await takeLock(lockPath, shown, (e) => new CliError(`${shown} was not ${info ? 'changed' : 'written'}: ${plainReason(e, folder)}`));
    try {
      // Taken under the lock, before the run reads the workbook: this is the file it will read.
      const before = await fileState(path);
      if (before) await WriteTarget.mayReplace(shown, path, options);
      const target = new WriteTarget(io, shown, path, lockPath, token, before);
      if (!openTargets.has(io)) openTargets.set(io, new Set());
      openTargets.get(io)!.add(target);
      target.onRelease = () => openTargets.get(io)?.delete(target);
      await target.removeLeftovers();
      return target;
    } catch (e) {
      await releaseLock(lockPath, token);
      throw e;
    }
  }

  /** An existing target: a workbook, not open in Excel, writable, and (for -o) only with --force. */
  private static async mayReplace(shown: string, path: string, options: TargetOptions): Promise<void> {
    if (options.anyFile) {
      if (options.mustNotExist) throw new CliError(`${shown} already exists; nothing was written (--force replaces it)`);
      return;
    }
    let kind;
    try {
      kind = await fileKind(path);
    } catch (e) {
      throw new CliError(`${shown} cannot be read to check it is a workbook (${isErrno(e) ? e.code : String(e)}); nothing was written`);
    }
    if (kind === 'empty') throw new CliError(`${shown} is an empty file, not an Excel workbook; nothing was written (delete it, or choose another name)`);
    if (kind !== 'workbook') {
      // The reader names what the file is (an OpenDocument spreadsheet, a Word document...) and what to do.
      const named = await readWorkbookBytes(path, shown, 'whole').then(
        () => undefined,
        (e: unknown) => (e instanceof WorkbookFileError ? e.message : undefined),
      );
      throw new CliError(`${named ?? `${shown} is not an Excel workbook${kind === 'zip' ? ' (a zip file with no workbook in it, e.g. a Word document)' : ''}`}; nothing was written`);
    }
    if (options.mustNotExist) throw new CliError(`${shown} already exists; nothing was written (--force replaces it)`);
    const marker = await openInSpreadsheet(path);
    if (marker) {
      throw new CliError(`${shown} is open in Excel or another spreadsheet program (${marker} is beside it); close it there and run again. Nothing was written. (If no one has it open, delete ${marker}.)`);
    }
    try {
      await access(path, constants.W_OK);
    } catch {
      throw new CliError(`${shown} is read-only; nothing was written (make it writable, or choose another name)`);
    }
  }

  /** Temporary files of earlier runs on this target that were killed: garbage, since we hold the lock. */
  private async removeLeftovers(): Promise<void> {
    const folder = dirname(this.path);
    const prefix = `.${basename(this.path)}.`;
    const entries = await readdir(folder).catch(() => [] as string[]);
    for (const f of entries) if (f.startsWith(prefix) && /\.\d+\.[0-9a-f]+\.tmp$/.test(f)) await unlink(join(folder, f)).catch(() => undefined);
  }

  /**
   * Replace the target with these bytes, atomically: a temporary file in the same folder, flushed,
   * then renamed over the target. Refuses if the target changed since it was locked (someone saved it).
   */
  async replaceWith(bytes: Buffer): Promise<void> {
    await this.replaceBy((fh) => fh.writeFile(bytes));
  }

  /**
   * As replaceWith, but `write` streams the new file into the temporary file (and ends the stream):
   * a large workbook is never held whole in memory. If `write` fails, the target is left as it was.
   */
  async replaceWithStream(write: (out: Writable) => Promise<unknown>): Promise<void> {
    await this.replaceBy(async (fh) => {
      // Not fh.createWriteStream: with autoClose off its handle never closes; this one leaves it to be flushed and closed.
      const out = new Writable({
        write: (chunk: Buffer, _encoding, done) => void writeAll(fh, chunk).then(() => done(), done),
        writev: (chunks, done) => void writeAll(fh, Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => done(), done),
      });
      const finished = new Promise<void>((resolve, reject) => {
        out.on('finish', resolve);
        out.on('error', reject);
      });
      finished.catch(() => undefined);
      try {
        await write(out);
      } catch (e) {
        out.destroy();
        throw e;
      }
      await finished;
    });
  }

  private async replaceBy(write: (fh: FileHandle) => Promise<void>): Promise<void> {
    if (this.released) throw new Error('WriteTarget used after release');
    const folder = dirname(this.path);
    const fail = (reason: string) => new CliError(`${this.shown} was not ${this.exists ? 'changed' : 'written'}: ${reason}`);
    const temp = join(folder, `.${basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    held.add(temp);
    try {
      const mode = this.before ? (await stat(this.path)).mode & 0o7777 : 0o666;
      const fh = await open(temp, 'wx', mode);
      try {
        await write(fh);
        await fh.sync();
      } finally {
        await fh.close();
      }
      // open() applied the umask; the replacement keeps the permissions the workbook had.
      if (this.before) await chmod(temp, mode);
      const now = await fileState(this.path);
      if (!sameState(this.before, now)) {
        throw fail(
          this.before === null
            ? 'a file of that name was created by another program while vq-matrix was working; run the command again'
            : now === null
              ? 'it was moved or deleted by another program while vq-matrix was working; run the command again'
              : 'another program saved it while vq-matrix was working (is it open in Excel?); close it there and run the command again to include those changes',
        );
      }
      await rename(temp, this.path);
      held.delete(temp);
      // A rename gives the name a new file: another name for the old one (a hard link) keeps the old workbook.
      if (this.before && this.before.nlink > 1n) this.io.err(`vq-matrix: note: ${this.shown} had another name (a hard link); the other name still holds the workbook as it was before this run`);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      held.delete(temp);
      if (e instanceof CliError) throw e;
      if (isErrno(e)) throw fail(plainReason(e, folder));
      throw e;
    }
    // The rename itself is made durable by flushing the folder (not possible on every platform).
    try {
      const dir = await open(folder, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // e.g. Windows cannot open a folder; the rename is still atomic.
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.onRelease();
    await releaseLock(this.lockPath, this.token);
  }
}
