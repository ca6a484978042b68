/*
 * Runs LibreOffice headless on a workbook so tests can see what a spreadsheet program other than
 * Excel computes and opens. Each call uses its own scratch HOME and profile, so calls may run in
 * parallel and nothing touches the real home.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** UTF-8, comma, double quotes, raw (not as shown) values, every sheet to its own file (-1). */
export const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

const INSTALL_HINT = 'Install it with: apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui';
const DEFAULT_TIMEOUT_MS = 60_000;

/*
 * LibreOffice keeps the cached value of an .xlsx formula unless told to always recalculate
 * (OOXMLRecalcMode 0); the test profile says so, so a stale cached value can never pass a test.
 */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export interface ConvertedFile {
  path: string;
  /** For a csv export of every sheet: the sheet the file holds; else null. */
  sheet: string | null;
  data: Buffer;
  /** `data` as UTF-8. */
  text: string;
}

export interface Conversion {
  outputs: ConvertedFile[];
  /** Wall time of the soffice run. */
  ms: number;
  /** soffice's own output, for failure messages. */
  log: string;
  /** Removes the output folder. */
  cleanup(): void;
}

let probed: { cmd: string; version: string } | undefined;

/** The soffice command ($SOFFICE or soffice on the PATH) and its version. Throws with an install hint if missing. */
export function soffice(): { cmd: string; version: string } {
  if (probed) return probed;
  const cmd = process.env.SOFFICE ?? 'soffice';
  const home = mkdtempSync(join(tmpdir(), 'vqm-lo-probe-'));
  try {
    const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, HOME: home } });
    if (probe.error || probe.status !== 0) {
      throw new Error(`LibreOffice (${cmd}) is not available${probe.error ? `: ${probe.error.message}` : ''}. ${INSTALL_HINT}`);
    }
    probed = { cmd, version: probe.stdout.trim() };
    return probed;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Converts a workbook with LibreOffice. `format` is what --convert-to takes ("pdf", "xlsx",
 * "ods", a full filter string) or "csv", which means CSV_ALL_SHEETS.
 */
export async function convertWithLibreOffice(inputPath: string, format: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Conversion> {
  const { cmd } = soffice();
  const work = mkdtempSync(join(tmpdir(), 'vqm-lo-'));
  const home = join(work, 'home');
  const profile = join(work, 'profile');
  const outDir = join(work, 'out');
  mkdirSync(home);
  mkdirSync(join(profile, 'user'), { recursive: true });
  mkdirSync(outDir);
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);

  const filter = format === 'csv' ? CSV_ALL_SHEETS : format;
  const args = ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=file://${profile}`, '--convert-to', filter, '--outdir', outDir, inputPath];
  const started = Date.now();
  let log: string;
  try {
    log = await run(cmd, args, { ...process.env, HOME: home }, timeoutMs);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  const ms = Date.now() - started;
  rmSync(profile, { recursive: true, force: true });

  const stem = basename(inputPath, extname(inputPath));
  const outputs = readdirSync(outDir)
    .sort()
    .map((file): ConvertedFile => {
      const path = join(outDir, file);
      const data = readFileSync(path);
      const fileStem = basename(file, extname(file));
      const sheet = format === 'csv' && fileStem.startsWith(`${stem}-`) ? fileStem.slice(stem.length + 1) : null;
      return { path, sheet, data, text: data.toString('utf8') };
    });
  if (outputs.length === 0) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`LibreOffice wrote nothing converting ${inputPath} to ${filter}:\n${log}`);
  }
  return { outputs, ms, log, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

/** Runs soffice in its own process group so a timeout kills soffice.bin as well as the wrapper. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      reject(new Error(`LibreOffice timed out after ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`LibreOffice could not start: ${e.message}. ${INSTALL_HINT}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(log);
      else reject(new Error(`LibreOffice exited with ${code}:\n${log}`));
    });
  });
}

/** RFC 4180 CSV (as LibreOffice writes it) -> rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const body = text.replace(/^\uFEFF/, '');
  while (i < body.length) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The entries of a zip archive (.xlsx, .ods) as text, to look at the XML a program wrote. */
export function readZip(buf: Buffer): Map<string, string> {
  const entries = new Map<string, string>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('Not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    entries.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
