/** @jest-environment jsdom */
import { COHORT_CHARTS, COHORT_ROWS } from '../../src/domain/cohort/cohortSummary';
import { GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { readSamplingPlan } from '../../src/domain/sampling/samplingPlan';
import type { RawCell } from '../../src/domain/workbook/sheetValues';
import type { TaskpaneHost } from '../../src/taskpane/host';
import { loadCohortTools } from '../../src/taskpane/logic/loadCohortTools';
import { createOfficeHost } from '../../src/taskpane/office/officeHost';
import { createPreviewHost } from '../../src/taskpane/preview/previewHost';
import { createFakeExcel, refOf, type FakeExcel } from '../fakes/fakeExcel';
import { createFakeTableFilterExcel, type FakeTableFilterExcel, type StubTable } from '../fakes/fakeTableFilter';
import { act, addCandidates, build, chooseQualification, fireEvent, officeHost, renderPane, screen, waitFor, within } from './support';

jest.setTimeout(90_000);

const CANDIDATES = ['Amy Ng', 'Ben Cole', 'Cara Dunn', 'Dev Patel', 'Eve Stone'];
const panel = () => document.getElementById('panel-cohort')!;
const openCohort = () =>
  act(async () => {
    fireEvent.click(screen.getByRole('tab', { name: 'Cohort' }));
    await new Promise((r) => setTimeout(r, 20));
  });
const press = (name: string) => fireEvent.click(within(panel()).getByRole('button', { name }));

/** The fake's tables as the table-filter stub sees them: header and data rows as Excel shows them. */
function tablesOf(excel: FakeExcel): StubTable[] {
  return excel.workbook.tables.map((t) => {
    const sheet = excel.workbook.sheets.find((s) => s.id === t.sheetId)!.name;
    const values = excel.values(sheet, refOf(t.rect));
    return { name: t.name, header: (values[0] ?? []).map((v) => String(v ?? '')), rows: values.slice(1) as RawCell[][] };
  });
}

/**
 * The Office host over the recording fake; filtering goes through the host's own office-js calls
 * (filterSampled, clearFilters), run against a table-filter stub holding the fake's tables as they
 * are when the button is pressed.
 */
function hostWithFilters(excel: FakeExcel): { host: TaskpaneHost; stub: () => FakeTableFilterExcel } {
  let stub: FakeTableFilterExcel | undefined;
  const filterHost = () => {
    stub ??= createFakeTableFilterExcel(tablesOf(excel));
    return createOfficeHost(stub.run, { isSetSupported: () => true });
  };
  const host = officeHost(excel, {
    filterTables: (filters) => filterHost().filterTables!(filters),
    clearTableFilters: (tables) => filterHost().clearTableFilters!(tables),
  });
  return { host, stub: () => stub! };
}

/** Builds the cohort's grids, then records one accepted, dated piece of evidence on each candidate's 4430-201 grid. */
async function buildCohort(excel: FakeExcel) {
  chooseQualification('cg-4430-02');
  addCandidates(CANDIDATES.map((c) => `${c}, Alex Assessor`));
  await build();
  CANDIDATES.forEach((c, i) => {
    const grid = `${c} 4430-201`;
    const header = excel.values(grid, `A${GRID_ROWS.header + 1}:AZ${GRID_ROWS.header + 1}`)[0]!;
    const col = header.indexOf('1.1');
    const row = GRID_ROWS.firstEvidence + 1;
    excel.seed(grid, `A${row}`, [[`E${i + 1}`, `2026-03-0${i + 1}`, 'Observation', 'Served a customer', 'Shop floor', 'Accepted']]);
    excel.seed(grid, `${String.fromCharCode(65 + col)}${row}`, [['✓']]);
  });
  // Building again keeps the marks and lists the evidence on each candidate's index of evidence.
  await build();
}

describe('task pane: the Cohort screen (summary, sampling plan, show only sampled)', () => {
  it('builds the live summary with its charts, makes a seeded sampling plan, and filters the summary to exactly the sampled candidates', async () => {
    const excel = createFakeExcel();
    const { host, stub } = hostWithFilters(excel);
    await renderPane(host, () => new Date(2026, 2, 4, 10, 30));
    await buildCohort(excel);
    await openCohort();

    // 1. The cohort summary: one sheet, live formulas, its tables and both charts.
    press('Build cohort summary');
    await within(panel()).findByText('Built the “Cohort summary” sheet', undefined, { timeout: 20_000 });
    expect(panel().textContent).toMatch(/5 candidates and \d+ units, with 2 completion charts\./);
    expect(panel().textContent).not.toMatch(/drawn only when/);
    const summary = excel.sheet('Cohort summary');
    // First among the tabs, before every candidate's grids.
    expect(excel.workbook.sheets[0]!.name).toBe('Cohort summary');
    expect(excel.values('Cohort summary', `A${COHORT_ROWS.first + 1}:A${COHORT_ROWS.first + 5}`).map((r) => r[0])).toEqual(CANDIDATES);
    expect(excel.cell('Cohort summary', `D${COHORT_ROWS.first + 1}`).formula).toMatch(/^='Amy Ng 4430-\d+'!\$E\$5$/);
    expect(excel.workbook.tables.filter((t) => t.sheetId === summary.id).map((t) => t.name)).toEqual(['CohortSummary', 'CohortUnits', 'CohortAssessors']);
    expect(summary.charts.map((c) => [c.name, c.type, c.title])).toEqual([
      [COHORT_CHARTS.byUnit, 'BarClustered', 'Completion by unit'],
      [COHORT_CHARTS.byAssessor, 'ColumnClustered', 'Completion by assessor'],
    ]);

    // 2. The sampling plan: the seed defaults to today as a number; the same seed gives the same plan.
    const seed = within(panel()).getByLabelText('Seed') as HTMLInputElement;
    expect(seed.value).toBe('20260304');
    fireEvent.change(seed, { target: { value: '7' } });
    press('Make sampling plan');
    await within(panel()).findByText('Made the “Sampling plan” sheet', undefined, { timeout: 20_000 });
    expect(panel().textContent).toMatch(/\(seed 7\)/);
    const planRows = readSamplingPlan(excel.values('Sampling plan', 'A1:T40'));
    if (!planRows.ok) throw new Error(planRows.problem.message);
    const sampled = new Set(planRows.value.map((r) => r.candidate));
    expect(sampled.size).toBeGreaterThan(0);
    expect(sampled.size).toBeLessThan(CANDIDATES.length); // an experienced assessor: not everyone
    expect(excel.values('Sampling plan', 'B2:B2')[0]![0]).toBe(7);

    // 3. One click: the summary shows exactly the sampled candidates, with Excel's own table filter.
    press('Show only sampled');
    await within(panel()).findByText('Showing only what was sampled', undefined, { timeout: 20_000 });
    const expected = CANDIDATES.map((c, i) => ({ c, i })).filter(({ c }) => sampled.has(c)).map(({ i }) => i);
    expect(stub().visibleRows('CohortSummary')).toEqual(expected);
    expect(stub().filters('CohortSummary')).toEqual({ Candidate: [...sampled].map((c) => c.toLowerCase()) });
    expect(within(panel()).getByText(/Cohort summary: \d+ candidates?/)).toBeTruthy();
    // ... and each sampled candidate's index of evidence, its sampled evidence.
    const sheetOf = (t: { sheetId: string }) => excel.workbook.sheets.find((s) => s.id === t.sheetId)!.name;
    for (const c of sampled) {
      const index = excel.workbook.tables.find((t) => sheetOf(t) === `${c} Evidence`)!;
      expect(stub().filters(index.name)).toEqual({ 'Evidence no.': [`e${CANDIDATES.indexOf(c) + 1}`] });
      expect(stub().visibleRows(index.name)).toEqual([0]);
    }

    // "Show all" clears the filters.
    press('Show all');
    await within(panel()).findByText('Showing all rows');
    expect(stub().visibleRows('CohortSummary')).toEqual([0, 1, 2, 3, 4]);
    expect(stub().filters('CohortSummary')).toEqual({});
  });

  it('asks before replacing a sampling plan (recorded samples would be lost), and filters by the plan in the workbook', async () => {
    const excel = createFakeExcel();
    const { host, stub } = hostWithFilters(excel);
    await renderPane(host, () => new Date(2026, 2, 4));
    await buildCohort(excel);
    await openCohort();
    press('Build cohort summary');
    await within(panel()).findByText('Built the “Cohort summary” sheet', undefined, { timeout: 20_000 });
    press('Make sampling plan');
    await within(panel()).findByText('Made the “Sampling plan” sheet', undefined, { timeout: 20_000 });
    excel.seed('Sampling plan', 'A1', [['Internal verification sampling plan (CAMERA) – recorded by hand']]);

    press('Make sampling plan');
    await within(panel()).findByText('There is a “Sampling plan” sheet already');
    press('Keep it');
    await waitFor(() => expect(within(panel()).queryByText('There is a “Sampling plan” sheet already')).toBeNull());
    expect(excel.cell('Sampling plan', 'A1').value).toMatch(/recorded by hand/);
    press('Make sampling plan');
    await press2('Replace the sampling plan');
    await within(panel()).findByText('Made the “Sampling plan” sheet', undefined, { timeout: 20_000 });
    expect(excel.cell('Sampling plan', 'A1').value).not.toMatch(/recorded by hand/);

    // With no plan made in this session (the pane reopened), the candidates come from the sheet.
    const planRows = readSamplingPlan(excel.values('Sampling plan', 'A1:T40'));
    if (!planRows.ok) throw new Error(planRows.problem.message);
    const tools = await loadCohortTools();
    const filters = await tools.sampledFilters(host.adapter, { sheet: 'Cohort summary', table: 'CohortSummary' });
    expect(filters).toEqual([{ sheet: 'Cohort summary', table: 'CohortSummary', column: 'Candidate', values: [...new Set(planRows.value.map((r) => r.candidate))] }]);
    const outcome = await host.filterTables!(filters);
    expect(outcome.applied).toHaveLength(1);
    expect(stub().visibleRows('CohortSummary').map((i) => CANDIDATES[i])).toEqual(CANDIDATES.filter((c) => filters[0]!.values.includes(c)));
  });

  it('in preview mode (the .xlsx workbook in the browser) builds the summary, says its charts need Excel, and does not offer filtering', async () => {
    const host = createPreviewHost();
    await renderPane(host);
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith, Alex Assessor']);
    await build();
    await openCohort();
    press('Build cohort summary');
    await within(panel()).findByText('Built the “Cohort summary” sheet', undefined, { timeout: 20_000 });
    expect(panel().textContent).toMatch(/1 candidate and 2 units\. Completion charts are drawn only when the summary is built in Excel; this workbook has the completion tables with data bars\./);
    expect(await host.adapter.sheetNames()).toContain('Cohort summary');
    // No evidence recorded yet: the plan sheet is written, and the pane says there is nothing to sample.
    press('Make sampling plan');
    await within(panel()).findByText('Made the “Sampling plan” sheet, with nothing to sample yet', undefined, { timeout: 20_000 });
    expect(await host.adapter.sheetNames()).toContain('Sampling plan');
    expect(within(panel()).queryByRole('button', { name: 'Show only sampled' })).toBeNull();
    expect(panel().textContent).toMatch(/Filtering to the sampled rows needs Excel/);
  });

  it('says filtering needs Excel in preview mode, and that there are no grids in an empty workbook', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel, { mode: 'preview', filterTables: undefined, clearTableFilters: undefined }));
    await openCohort();
    expect(within(panel()).queryByRole('button', { name: 'Show only sampled' })).toBeNull();
    expect(panel().textContent).toMatch(/Filtering to the sampled rows needs Excel/);
    press('Build cohort summary');
    await within(panel()).findByText(/has no grids to summarise yet/);
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });
});

/** Presses a button that appears once the previous press has been handled. */
function press2(name: string) {
  return waitFor(() => fireEvent.click(within(panel()).getByRole('button', { name }))).then(() => undefined);
}
