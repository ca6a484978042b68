import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUIRED_EXCEL_API } from '../../src/adapters/officejs/officeWorkbook';

/*
 * The deployable add-in (#10.6): `npm run build -- --env publicUrl=<https base>` writes manifest.xml
 * into the build output with every URL under that base. One production build serves every check
 * (it takes minutes on a shared 2-core machine); set VQ_BUILT_DIR to a folder built that way with
 * PUBLIC_URL below to reuse it. All checks are offline (office-addin-manifest's `validate` would
 * send the manifest to a remote service).
 */

const PUBLIC_URL = 'https://centre.example/vq/';

function run(command: string, args: string[], timeout = 60_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let manifest = '';

beforeAll(() => {
  const reuse = process.env.VQ_BUILT_DIR;
  if (reuse && existsSync(join(reuse, 'manifest.xml'))) {
    dir = reuse;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'vq-build-'));
    const built = run(process.execPath, ['node_modules/webpack-cli/bin/cli.js', '--mode', 'production', '--env', `publicUrl=${PUBLIC_URL}`, '--env', `outDir=${dir}`], 900_000);
    if (built.status !== 0) throw new Error(`webpack failed:\n${built.stdout.slice(-4000)}\n${built.stderr.slice(-4000)}`);
  }
  manifest = join(dir, 'manifest.xml');
}, 900_000);

/** Every URL in the manifest (attribute values and text). */
function urls(): string[] {
  const xml = readFileSync(manifest, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  return [...new Set([...xml.matchAll(/(?:"|>)\s*(https?:\/\/[^"<\s]+)/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))];
}

describe('the production build with --env publicUrl', () => {
  it('writes a well-formed manifest.xml into the build output (xmllint)', () => {
    expect(existsSync(manifest)).toBe(true);
    const r = run('xmllint', ['--noout', manifest]);
    expect([r.status, r.stderr]).toEqual([0, '']);
  });

  it('is read by office-addin-manifest info, with the repository manifest\'s id and version', () => {
    const cli = run(process.execPath, ['node_modules/office-addin-manifest/cli.js', 'info', manifest]);
    expect(cli.status).toBe(0);
    const source = readFileSync('manifest.xml', 'utf8');
    const id = /<Id>([^<]+)<\/Id>/.exec(source)![1]!;
    const version = /<Version>([^<]+)<\/Version>/.exec(source)![1]!;
    expect(cli.stdout).toContain(id);
    expect(cli.stdout).toContain(version);
    expect(cli.stdout).toMatch(/^\s*Hosts: Workbook$/m);
  });

  it('names no localhost; every URL is under the public base (the AppDomain is its origin)', () => {
    const xml = readFileSync(manifest, 'utf8');
    expect(xml).not.toMatch(/localhost/i);
    const all = urls().filter((u) => !u.startsWith('http://schemas.') && !u.startsWith('http://www.w3.org/'));
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((u) => u !== 'https://centre.example' && !u.startsWith(PUBLIC_URL))).toEqual([]);
    expect(xml).toContain('<AppDomain>https://centre.example</AppDomain>');
  });

  it('every URL under the base is a file in the build output: pages, scripts, metadata, icons, SupportUrl', () => {
    const files = urls()
      .filter((u) => u.startsWith(PUBLIC_URL))
      .map((u) => u.slice(PUBLIC_URL.length));
    expect(files).toEqual(expect.arrayContaining(['taskpane.html', 'functions.js', 'functions.json', 'help.html', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']));
    expect(files.filter((f) => !existsSync(join(dir, f)))).toEqual([]);
    expect(readFileSync(manifest, 'utf8')).toMatch(/<SupportUrl DefaultValue="https:\/\/centre\.example\/vq\/help\.html"\/>/);
  });

  it('declares the requirement sets the code needs', () => {
    const xml = readFileSync(manifest, 'utf8');
    expect(xml).toMatch(new RegExp(`<Set Name="ExcelApi" MinVersion="${REQUIRED_EXCEL_API.replace('.', '\\.')}"/>`));
    expect(xml).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.2"\/>/);
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
  });
});

describe('publicUrl is checked before building', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the webpack config is CommonJS
  const { manifestFor } = require('../../webpack.config.js') as { manifestFor: (url: string, xml: string) => string };
  const xml = readFileSync('manifest.xml', 'utf8');

  it('refuses http, and anything not a URL, in words that say what to give', () => {
    expect(() => manifestFor('http://centre.example/vq/', xml)).toThrow(/must be served over https/);
    expect(() => manifestFor('centre.example/vq', xml)).toThrow(/not a URL.*https:\/\/centre\.example\/vq\//);
  });

  it('any https base works, with or without a trailing slash or a path', () => {
    expect(manifestFor('https://addins.college.ac.uk', xml)).toContain('DefaultValue="https://addins.college.ac.uk/taskpane.html"');
    expect(manifestFor('https://college.ac.uk/it/vq', xml)).toContain('DefaultValue="https://college.ac.uk/it/vq/functions.json"');
  });
});
