/*
 * End-to-end test of the task pane in preview mode (npm run test:e2e; part of npm test):
 * builds the production bundle (loading office.js from the local @microsoft/office-js copy rather
 * than Microsoft's CDN, which is unreachable here), serves it on localhost, and drives it in
 * headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM_PATH) with playwright-core.
 * Fails on a build warning, a page error, any axe violation of serious or critical impact, or a
 * failed check. Screenshots and downloads go to $VQ_E2E_DIR (default: <tmp>/vq-matrix-e2e).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import webpack, { type Configuration } from 'webpack';
import { previewFlow } from '../tests/e2e/previewFlow';
import { serveStatic } from '../tests/e2e/server';

const ROOT = resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = resolve(process.env.VQ_E2E_DIR ?? join(tmpdir(), 'vq-matrix-e2e'));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const BLOCKING_IMPACTS = ['serious', 'critical'];

function fail(message: string): never {
  console.error(`\ne2e: FAILED: ${message}\n`);
  process.exit(1);
}

async function buildBundle(outDir: string): Promise<{ warnings: string[]; ms: number }> {
  const started = Date.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the webpack config is CommonJS
  const makeConfig = require(join(ROOT, 'webpack.config.js')) as (env: Record<string, string>, argv: Record<string, string>) => Configuration;
  const config = makeConfig({ outDir, officeJs: '/office-js/office.js' }, { mode: 'production' });
  const stats = await new Promise<webpack.Stats>((ok, ko) => webpack(config, (err, s) => (err || !s ? ko(err ?? new Error('no stats')) : ok(s))));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  if (stats.hasErrors()) fail(`webpack errors:\n${(info.errors ?? []).map((e) => e.message).join('\n')}`);
  return { warnings: (info.warnings ?? []).map((w) => w.message), ms: Date.now() - started };
}

function sizes(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => {
      const data = readFileSync(join(dir, f));
      return `  ${f.padEnd(26)} ${(statSync(join(dir, f)).size / 1024).toFixed(0).padStart(5)} KB raw ${(gzipSync(data, { level: 9 }).length / 1024).toFixed(0).padStart(5)} KB gzip`;
    });
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!existsSync(CHROMIUM)) {
    fail(`Chromium not found at ${CHROMIUM}. Install it (apt-get update && apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.`);
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'home'), { recursive: true });
  const web = join(OUT, 'web');

  const built = await buildBundle(web);
  if (built.warnings.length > 0) fail(`the production build has warnings:\n${built.warnings.join('\n')}`);
  console.log(`e2e: production bundle built in ${(built.ms / 1000).toFixed(1)} s, no warnings:\n${sizes(web).join('\n')}`);

  const { url, server } = await serveStatic({ '/office-js': join(ROOT, 'node_modules/@microsoft/office-js/dist'), '/': web });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, env: { ...process.env, HOME: join(OUT, 'home') } as Record<string, string> });
  try {
    const result = await previewFlow(browser, url, OUT);
    for (const s of result.steps) console.log(`e2e: ${(s.ms / 1000).toFixed(1).padStart(5)} s  ${s.step}`);
    const blocking = result.axe.flatMap((a) => a.violations
        .filter((v) => BLOCKING_IMPACTS.includes(v.impact ?? ''))
        .map((v) => `${a.screen}: ${v.id} (${v.impact}, ${v.nodes} node(s)): ${v.help}${v.where.map((w) => `\n    ${w}`).join('')}`));
    for (const a of result.axe) {
      const found = a.violations.length === 0 ? 'no violations' : a.violations.map((v) => `${v.id} (${v.impact})`).join(', ');
      console.log(`e2e: axe on ${a.screen}: ${found} (${a.sentinels} Tabster focus sentinels left out)`);
    }
    if (blocking.length > 0) fail(`axe found serious or critical accessibility violations:\n${blocking.join('\n')}`);
    console.log(`e2e: screenshots:\n${result.screenshots.map((s) => `  ${s}`).join('\n')}`);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`e2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e)));
