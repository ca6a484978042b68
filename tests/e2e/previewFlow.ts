/*
 * The task pane end to end in headless Chromium, in preview mode (a plain browser, no Office):
 * pick a qualification, enter a candidate, build, download the workbook and check its sheets with
 * exceljs; open it again with a mark added, build again and check the mark survived; check
 * progress; search the standards; run axe on every screen; save screenshots (light and dark).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { run as runCli } from '../../src/cli/main';

export interface FlowResult {
  screenshots: string[];
  axe: { screen: string; sentinels: number; violations: { id: string; impact: string | null; help: string; nodes: number; where: string[] }[] }[];
  steps: { step: string; ms: number }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

class FlowError extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new FlowError(message);
}

/**
 * axe over the whole page, once transitions have finished (a button caught mid-fade from disabled
 * to enabled fails contrast). Left out: Fluent's Tabster focus sentinels (<i data-tabster-dummy
 * aria-hidden tabindex=0>, put around every TabList to manage Tab), which axe reports as
 * aria-hidden-focus though focus never rests on them; they are counted, so a change shows.
 */
async function runAxe(page: Page, screen: string): Promise<FlowResult['axe'][number]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const sentinels = await page.locator('[data-tabster-dummy]').count();
  const violations = await page.evaluate(async () => {
    type AxeNode = { html: string; failureSummary?: string };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: AxeNode[] }[] }> } }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] } as unknown as Document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      where: v.nodes.slice(0, 3).map((n) => `${n.html.slice(0, 160)}${n.failureSummary ? ` -> ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`),
    }));
  });
  return { screen, violations, sentinels };
}

async function sheetNames(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Row and column (1-based) of the first cell in a sheet's rows 1..30 holding exactly `text`. */
function find(ws: ExcelJS.Worksheet, text: string): { row: number; col: number } | null {
  for (let r = 1; r <= 30; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) if (String(row.getCell(c).value ?? '') === text) return { row: r, col: c };
  }
  return null;
}

export async function previewFlow(browser: Browser, baseUrl: string, outDir: string): Promise<FlowResult> {
  const result: FlowResult = { screenshots: [], axe: [], steps: [] };
  const started = Date.now();
  const step = (name: string) => result.steps.push({ step: name, ms: Date.now() - started });
  const context = await browser.newContext({ viewport: { width: 380, height: 900 }, acceptDownloads: true, colorScheme: 'light', locale: 'en-GB', reducedMotion: 'reduce' });
  // Nothing may leave localhost (office.js must come from the local copy).
  const offsite: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  try {
    await page.goto(`${baseUrl}/taskpane.html`);
    await page.getByText('Preview: not connected to Excel').waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Build grids' }).waitFor({ timeout: 20_000 });
    step('pane shown in preview mode');
    const build = page.locator('#panel-build');

    // Keyboard: the screens are tabs; arrow keys move between them.
    await page.getByRole('tab', { name: 'Build grids' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect((await page.getByRole('tab', { name: 'Standards' }).getAttribute('aria-selected')) === 'true', 'ArrowRight + Enter on the tabs should select Standards');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    expect((await page.getByRole('tab', { name: 'Build grids' }).getAttribute('aria-selected')) === 'true', 'ArrowLeft + Enter should go back to Build grids');

    await build.getByLabel('Qualification', { exact: true }).selectOption('cg-4430-02');
    await build.getByLabel('Type or paste a list').fill('Jane Smith, Alex Assessor');
    await build.getByRole('button', { name: 'Add these candidates' }).click();
    expect((await build.getByLabel('Assessor for candidate 1').inputValue()) === 'Alex Assessor', 'the pasted assessor should be filled in');
    const feedback = build.getByTestId('pathway-feedback');
    expect((await feedback.textContent())?.includes('credits so far: 8'), 'the mandatory units (8 credits) should be pre-selected');
    await build.getByRole('checkbox', { name: /4430-203/ }).check();
    await build.getByRole('checkbox', { name: /4430-212/ }).check();
    expect((await feedback.textContent())?.includes('credits so far: 18'), `two 5-credit units added: ${await feedback.textContent()}`);
    result.axe.push(await runAxe(page, 'build (before building)'));

    await build.getByRole('button', { name: 'Build grids' }).click();
    await build.getByText(/^Built 6 sheets for 1 of 1 candidate$/).waitFor({ timeout: 30_000 });
    step('grids built in the browser');
    result.axe.push(await runAxe(page, 'build (after building)'));
    // The top of the pane as the user first sees it, the pathway, the build result, and the whole page.
    for (const [name, target] of [
      ['taskpane-top.png', null],
      ['taskpane-pathway.png', build.getByRole('region', { name: '3. Pathway' })],
      ['taskpane-built.png', build.getByRole('region', { name: '4. Layout and build' })],
    ] as const) {
      const path = join(outDir, name);
      if (target) await target.screenshot({ path });
      else {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path });
      }
      result.screenshots.push(path);
    }
    const full = join(outDir, 'taskpane-build-full.png');
    await page.screenshot({ path: full, fullPage: true });
    result.screenshots.push(full);

    // Download and check the workbook's sheets with exceljs.
    const first = join(outDir, 'download-1.xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workbook' }).click()]);
    expect(download.suggestedFilename() === 'vq-matrix.xlsx', `download named ${download.suggestedFilename()}`);
    await download.saveAs(first);
    const wb = await sheetNames(first);
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ['Jane Smith 4430-101', 'Jane Smith 4430-201', 'Jane Smith 4430-203', 'Jane Smith 4430-212', 'Jane Smith Tracker', 'Jane Smith Evidence']) {
      expect(names.includes(n), `downloaded workbook lacks sheet "${n}" (has ${names.join(', ')})`);
    }
    const grid = wb.getWorksheet('Jane Smith 4430-201')!;
    expect(grid.getCell('B2').value === 'Jane Smith', `B2 of the grid is ${JSON.stringify(grid.getCell('B2').value)}`);
    const code = find(grid, '1.1');
    expect(code, 'the grid has a column headed 1.1');
    step('downloaded workbook checked with exceljs');

    // The assessor records accepted evidence in Excel; the workbook comes back and is built again.
    const row = grid.getRow(code.row + 1);
    row.getCell(1).value = 'E1';
    row.getCell(6).value = 'Accepted';
    row.getCell(code.col).value = '✓';
    const edited = join(outDir, 'jane-with-evidence.xlsx');
    await wb.xlsx.writeFile(edited);
    await page.getByTestId('workbook-file').setInputFiles(edited);
    await page.getByText('Opened jane-with-evidence.xlsx').waitFor({ timeout: 20_000 });
    // A second candidate, in the criteria-rows layout (Jane's grids keep theirs).
    await build.getByLabel('Type or paste a list').fill('Omar Khan\tBea Assessor');
    await build.getByRole('button', { name: 'Add these candidates' }).click();
    await build.getByRole('radio', { name: /^Criteria rows/ }).check();
    await build.getByRole('button', { name: 'Build grids' }).click();
    await build.getByText(/^Built 12 sheets for 2 of 2 candidates$/).waitFor({ timeout: 30_000 });
    await build.getByText(/Jane Smith: updated in place/).waitFor({ timeout: 30_000 });
    expect(await build.getByText(/Jane Smith 4430-201: unit 4430-201; kept 1 evidence row and 1 mark/).count(), 'the rebuild should report the kept mark');
    const second = join(outDir, 'download-2.xlsx');
    const [download2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workbook' }).click()]);
    expect(download2.suggestedFilename() === 'jane-with-evidence.xlsx', `second download named ${download2.suggestedFilename()}`);
    await download2.saveAs(second);
    const wb2 = await sheetNames(second);
    const grid2 = wb2.getWorksheet('Jane Smith 4430-201')!;
    const code2 = find(grid2, '1.1')!;
    expect(grid2.getRow(code2.row + 1).getCell(code2.col).value === '✓', 'the mark under 1.1 should survive the rebuild');
    expect(grid2.getRow(code2.row + 1).getCell(1).value === 'E1', 'evidence row E1 should survive the rebuild');
    expect(wb2.worksheets.filter((w) => w.name.startsWith('Jane Smith')).length === wb.worksheets.length, 'a rebuild updates in place: no extra sheets for Jane');
    expect(grid2.getCell('A1').value === 'Unit coverage grid', "Jane's grid keeps the evidence-rows layout");
    const omar = wb2.getWorksheet('Omar Khan 4430-201');
    expect(omar?.getCell('A1').value === 'Unit recording form', `Omar's grid should be in the criteria-rows layout, A1 is ${JSON.stringify(omar?.getCell('A1').value)}`);
    step('rebuilt in place, mark kept');

    // Where each candidate stands.
    await page.getByRole('tab', { name: 'Progress' }).click();
    const progress = page.locator('#panel-progress');
    await progress.getByRole('button', { name: 'Check the workbook' }).click();
    const card = progress.getByRole('region', { name: /^Jane Smith, / });
    await card.waitFor({ timeout: 20_000 });
    expect(/Not yet achieved/.test((await card.textContent()) ?? ''), 'Jane has not achieved the qualification yet');
    expect(/Checked at \d\d:\d\d on \d\d\/\d\d\/\d{4}\./.test((await progress.textContent()) ?? ''), 'dates are dd/mm/yyyy');
    // Each candidate's units are folded until asked for.
    await card.getByRole('button', { name: /^Show the \d+ units$/ }).click();
    await card.getByRole('button', { name: /^Show the \d+ missing items$/ }).first().click();
    result.axe.push(await runAxe(page, 'progress'));
    const shotProgress = join(outDir, 'taskpane-progress.png');
    await page.screenshot({ path: shotProgress, fullPage: true });
    result.screenshots.push(shotProgress);
    step('progress checked');

    // Browse the standards; look a cell up.
    await page.getByRole('tab', { name: 'Standards' }).click();
    const standards = page.locator('#panel-standards');
    await standards.getByRole('searchbox', { name: 'Search units and items' }).fill('feedback');
    await standards.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await standards.getByRole('region', { name: /^4430-/ }).waitFor();
    await standards.getByLabel('Sheet', { exact: true }).selectOption('Jane Smith 4430-201');
    await standards.getByLabel('Cell', { exact: true }).fill(`${String.fromCharCode(64 + code.col)}${code.row}`);
    await standards.getByRole('button', { name: 'Look up', exact: true }).click();
    await standards.getByText('Criterion 1.1 of unit 4430-201').waitFor({ timeout: 10_000 });
    result.axe.push(await runAxe(page, 'standards'));
    const shotStandards = join(outDir, 'taskpane-standards.png');
    await page.screenshot({ path: shotStandards, fullPage: true });
    result.screenshots.push(shotStandards);
    step('standards searched, cell looked up');

    // A centre's own qualification from a sheet: insert the template, fill it in (in Excel), check it, build from it.
    await page.getByRole('tab', { name: 'Build grids' }).click();
    await build.getByLabel('Qualification', { exact: true }).selectOption('cvq-cca010-02');
    await build.getByRole('button', { name: 'Insert CCA010-02 as a template' }).click();
    await build.getByText('Template inserted').waitFor({ timeout: 20_000 });
    const withTemplate = join(outDir, 'with-template.xlsx');
    const [download3] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workbook' }).click()]);
    await download3.saveAs(withTemplate);
    const wb3 = await sheetNames(withTemplate);
    const qualification = wb3.getWorksheet('Qualification')!;
    qualification.getCell('B4').value = 'centre-cs';
    qualification.getCell('B5').value = 'Centre Customer Service';
    wb3.getWorksheet('Identifiers')!.getCell('B4').value = 'CCS-2';
    wb3.getWorksheet('Identifiers')!.getCell('B5').value = 'Centre Customer Service';
    const filledIn = join(outDir, 'template-filled.xlsx');
    await wb3.xlsx.writeFile(filledIn);
    await page.getByTestId('workbook-file').setInputFiles(filledIn);
    await page.getByText('Opened template-filled.xlsx').waitFor({ timeout: 20_000 });
    await build.getByRole('button', { name: 'Check the template and use it' }).click();
    await build.getByText('Centre Customer Service is ready to use').waitFor({ timeout: 20_000 });
    expect((await build.getByLabel('Qualification', { exact: true }).inputValue()) === 'centre-cs', 'the checked qualification is chosen');
    result.axe.push(await runAxe(page, 'build (centre qualification)'));
    await build.getByLabel('Type or paste a list').fill('Priya Patel');
    await build.getByRole('button', { name: 'Add these candidates' }).click();
    await build.getByRole('radio', { name: /^Evidence rows/ }).check();
    await build.getByRole('button', { name: 'Build grids' }).click();
    await build.getByText(/^Built \d+ sheets for 3 of 3 candidates$/).waitFor({ timeout: 30_000 });
    const centreBuilt = join(outDir, 'centre-built.xlsx');
    const [download4] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workbook' }).click()]);
    await download4.saveAs(centreBuilt);
    const wb4 = await sheetNames(centreBuilt);
    expect(wb4.getWorksheet('VQ centre standards')?.state === 'veryHidden', 'the centre qualification is stored in a very hidden sheet');
    // The vq-matrix tool reads the downloaded workbook without being told the centre's file.
    let out = '';
    let err = '';
    const exit = await runCli(['check', centreBuilt, '--json'], { out: (t) => (out += t), err: (t) => (err += t), cwd: outDir });
    const checked = JSON.parse(out) as { files: { candidates: { candidate: string; qualification: string }[] }[] };
    expect(exit === 0 && checked.files[0]!.candidates.some((c) => c.candidate === 'Priya Patel' && c.qualification === 'centre-cs'), `vq-matrix check of the download: exit ${exit}, ${err}`);
    // Opened again later: the pane knows the qualification from the workbook.
    await page.reload();
    await page.getByRole('tab', { name: 'Build grids' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('workbook-file').setInputFiles(centreBuilt);
    await page.getByText('Opened centre-built.xlsx').waitFor({ timeout: 20_000 });
    await build.getByRole('option', { name: 'Centre Customer Service (CCS-2) — stored in this workbook' }).waitFor({ state: 'attached', timeout: 20_000 });
    step('centre qualification from a sheet: checked, built, stored, read back by the CLI');

    // Dark theme follows the system (Office's theme in Excel).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: 'Build grids' }).click();
    const background = await page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = (background.match(/\d+/g) ?? ['255', '255', '255']).map(Number) as [number, number, number];
    expect(r + g + b < 200, `dark theme background should be dark, is ${background}`);
    result.axe.push(await runAxe(page, 'build (dark theme)'));
    const shotDark = join(outDir, 'taskpane-dark.png');
    await page.screenshot({ path: shotDark, fullPage: false });
    result.screenshots.push(shotDark);
    step('dark theme');

    expect(pageErrors.length === 0, `errors in the page: ${pageErrors.join(' | ')}`);
    // office.js itself tries to load Microsoft's telemetry frame; blocked, and not ours.
    const ours = offsite.filter((u) => !/^https:\/\/[^/]*\.(oaspapps\.com|office\.net|office\.com|microsoft\.com)\//.test(u));
    expect(ours.length === 0, `requests left localhost: ${ours.join(', ')}`);
    if (offsite.length > ours.length) console.log(`e2e: blocked office.js's own requests to Microsoft: ${offsite.length - ours.length}`);
    if (consoleErrors.length > 0) console.warn(`e2e: console errors in the page (not failures): ${consoleErrors.join(' | ')}`);
    return result;
  } catch (e) {
    const shot = join(outDir, 'failure.png');
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    if (pageErrors.length) console.error(`e2e: page errors: ${pageErrors.join(' | ')}`);
    if (consoleErrors.length) console.error(`e2e: console errors: ${consoleErrors.join(' | ')}`);
    console.error(`e2e: screenshot of the failure: ${shot}`);
    throw e;
  } finally {
    await context.close();
  }
}
