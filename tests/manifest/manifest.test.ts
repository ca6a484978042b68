import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/*
 * manifest.xml, checked as far as can be done offline (office-addin-manifest's `validate` sends the
 * manifest to a remote service). xmllint and office-addin-manifest run in child processes: the
 * latter's ESM-only dependencies do not load under Jest's CommonJS transform.
 */

const MANIFEST = 'manifest.xml';

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Values of the attributes an XPath selects (xmllint prints them as ` name="value"`). */
function attributes(xpath: string): string[] {
  const r = run('xmllint', ['--xpath', xpath, MANIFEST]);
  if (r.status !== 0) return []; // xmllint exits 10 when nothing matches
  return [...r.stdout.matchAll(/\s[\w:.-]+="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Text of the nodes an XPath selects, one per node. */
function texts(xpath: string): string[] {
  const count = Number(run('xmllint', ['--xpath', `count(${xpath})`, MANIFEST]).stdout.trim());
  return Array.from({ length: count }, (_, i) => run('xmllint', ['--xpath', `string((${xpath})[${i + 1}])`, MANIFEST]).stdout.trim());
}

/** Elements by local name, so the default namespaces need no prefixes. */
const el = (name: string) => `*[local-name()='${name}']`;

describe('manifest.xml', () => {
  it('is well-formed XML (xmllint)', () => {
    const r = run('xmllint', ['--noout', MANIFEST]);
    expect([r.status, r.stderr]).toEqual([0, '']);
  });

  it('is read by office-addin-manifest info: a task pane add-in for Excel asking for ReadWriteDocument', () => {
    const cli = run(process.execPath, ['node_modules/office-addin-manifest/cli.js', 'info', MANIFEST]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^\s*Permissions: ReadWriteDocument$/m);
    expect(cli.stdout).toMatch(/^\s*Hosts: Workbook$/m);
    const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(${JSON.stringify(MANIFEST)}).then((i) => process.stdout.write(JSON.stringify(i)), (e) => { console.error(e); process.exit(1); })`;
    const api = run(process.execPath, ['-e', script]);
    expect(api.status).toBe(0);
    const info = JSON.parse(api.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ officeAppType: 'TaskPaneApp', permissions: 'ReadWriteDocument', hosts: ['Workbook'], displayName: 'VQ Matrix' });
    expect(String(info.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('asks for ReadWriteDocument and nothing more', () => {
    expect(texts(`//${el('Permissions')}`)).toEqual(['ReadWriteDocument']);
  });

  it('defines every resid it uses, each at most 32 characters, each id once', () => {
    const used = new Set(attributes('//@resid'));
    const defined = attributes(`//${el('Resources')}//*[@id]/@id`);
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((id) => !defined.includes(id))).toEqual([]);
    expect(new Set(defined).size).toBe(defined.length);
    for (const id of [...used, ...defined]) expect([id, id.length <= 32]).toEqual([id, true]);
  });

  it('uses https for every URL', () => {
    const values = [...attributes('//@*'), ...texts('//text()[normalize-space()]')];
    const urls = values.filter((v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v));
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('points only at pages, scripts and images the build produces (each has its source in the repository)', () => {
    const values = [...attributes('//@*'), ...texts('//text()[normalize-space()]')];
    const paths = [...new Set(values.filter((v) => v.startsWith('https://localhost:3000/')).map((v) => v.slice('https://localhost:3000/'.length)))];
    // Where each served file comes from (webpack.config.js: entries, HtmlWebpackPlugin, CopyWebpackPlugin).
    const source: Record<string, string> = {
      'taskpane.html': 'src/taskpane/taskpane.html',
      'functions.js': 'src/functions/functions.ts',
      'functions.json': 'src/functions/functions.ts',
      'help.html': 'assets/help.html',
    };
    const missing = paths.filter((p) => !existsSync(source[p] ?? p));
    expect(paths).toEqual(expect.arrayContaining(['taskpane.html', 'functions.js', 'functions.json', 'help.html', 'assets/icon-32.png']));
    expect(missing).toEqual([]);
  });

  describe('custom functions', () => {
    const point = `//${el('ExtensionPoint')}[@*[local-name()='type']='CustomFunctions']`;
    const url = (id: string) => attributes(`//${el('Urls')}/${el('Url')}[@id='${id}']/@DefaultValue`);
    const shortString = (id: string) => attributes(`//${el('ShortStrings')}/${el('String')}[@id='${id}']/@DefaultValue`);

    it('declares the script, page and metadata, at the files webpack builds', () => {
      const [script] = attributes(`${point}/${el('Script')}/${el('SourceLocation')}/@resid`);
      const [page] = attributes(`${point}/${el('Page')}/${el('SourceLocation')}/@resid`);
      const [metadata] = attributes(`${point}/${el('Metadata')}/${el('SourceLocation')}/@resid`);
      expect(url(script!)).toEqual([expect.stringMatching(/^https:\/\/.+\/functions\.js$/)]);
      expect(url(page!)).toEqual([expect.stringMatching(/^https:\/\/.+\/taskpane\.html$/)]);
      expect(url(metadata!)).toEqual([expect.stringMatching(/^https:\/\/.+\/functions\.json$/)]);
      const webpack = readFileSync('webpack.config.js', 'utf8');
      expect(webpack).toMatch(/functions: '\.\/src\/functions\/functions\.ts'/);
      expect(webpack).toMatch(/new CustomFunctionsMetadataPlugin\(\{ output: 'functions\.json'/);
    });

    it('in the namespace VQ', () => {
      const [namespace] = attributes(`${point}/${el('Namespace')}/@resid`);
      expect(shortString(namespace!)).toEqual(['VQ']);
    });

    it('require CustomFunctionsRuntime 1.2 (CustomFunctions.Error with a message) and the ExcelApi the adapter calls', () => {
      expect(attributes(`//${el('Set')}[@Name='CustomFunctionsRuntime']/@MinVersion`)).toEqual(['1.2']);
      expect(attributes(`//${el('Set')}[@Name='ExcelApi']/@MinVersion`)).toEqual(['1.13']);
    });

    it('share the task pane runtime (one long-lived runtime, the functions page is the task pane page)', () => {
      expect(attributes(`//${el('Set')}[@Name='SharedRuntime']/@MinVersion`)).toEqual(['1.1']);
      const runtimes = attributes(`//${el('Runtime')}/@resid`);
      expect(runtimes).toHaveLength(1);
      expect(attributes(`//${el('Runtime')}/@lifetime`)).toEqual(['long']);
      expect(attributes(`${point}/${el('Page')}/${el('SourceLocation')}/@resid`)).toEqual(runtimes);
      expect(attributes(`//${el('Action')}/${el('SourceLocation')}/@resid`)).toEqual(runtimes);
    });
  });
});
