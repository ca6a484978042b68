/** @jest-environment jsdom */
import cvq from '../../src/domain/standards/data/cvq-cca010-02.json';
import { GRID_ROWS } from '../../src/domain/grid/unitGrid';
import type { CellRef, TaskpaneHost } from '../../src/taskpane/host';
import { createFakeExcel } from '../fakes/fakeExcel';
import { act, addCandidates, build, buildPanel, chooseQualification, fireEvent, officeHost, renderPane, screen, waitFor, within } from './support';

jest.setTimeout(60_000);

const panel = (id: string) => document.getElementById(`panel-${id}`)!;
/** Switches screen and lets what the screen loads on showing (the sheet list) land inside act. */
const openTab = (name: string) =>
  act(async () => {
    fireEvent.click(screen.getByRole('tab', { name }));
    await new Promise((r) => setTimeout(r, 50));
  });

function upload(input: HTMLElement, name: string, text: string) {
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

/** Builds Jane Smith's pathway, then records accepted evidence E1 against 1.1 of unit 4430-201, as if typed. */
async function janeWithOneMark(excel: ReturnType<typeof createFakeExcel>) {
  chooseQualification('cg-4430-02');
  addCandidates(['Jane Smith, Alex Assessor']);
  await build();
  const grid = 'Jane Smith 4430-201';
  const header = excel.values(grid, `A${GRID_ROWS.header + 1}:AZ${GRID_ROWS.header + 1}`)[0]!;
  const col = header.indexOf('1.1');
  const row = GRID_ROWS.firstEvidence + 1;
  excel.seed(grid, `A${row}`, [['E1', '2026-03-04']]);
  excel.seed(grid, `F${row}`, [['Accepted']]);
  excel.seed(grid, `${String.fromCharCode(65 + col)}${row}`, [['✓']]);
  return { grid, col, header };
}

describe('task pane: standards, candidates from the workbook, progress and cell look-up', () => {
  it('imports a centre standards file only when it is valid, saying where and what is wrong otherwise', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    const select = within(buildPanel()).getByLabelText('Qualification') as HTMLSelectElement;
    const optionsBefore = select.options.length;
    const input = within(buildPanel()).getByLabelText('Centre standards file');

    upload(input, 'centre.json', '{ "id": "x", ');
    expect(await within(buildPanel()).findByText(/centre\.json was not imported/)).toBeTruthy();
    expect(buildPanel().textContent).toMatch(/centre\.json: not valid JSON \(.+\)\. Nothing was imported\./);

    const broken = structuredClone(cvq) as unknown as { id: string; units: Record<string, unknown>[] };
    broken.id = 'centre-cs';
    broken.units[0]!.credit = 'five';
    upload(input, 'centre.json', JSON.stringify(broken));
    await waitFor(() => expect(buildPanel().textContent).toMatch(/centre\.json: at units\[0\]\.credit: .+Nothing was imported\./));
    expect(select.options.length).toBe(optionsBefore);

    const clash = structuredClone(cvq);
    upload(input, 'clash.json', JSON.stringify(clash));
    await waitFor(() => expect(buildPanel().textContent).toMatch(/clash\.json: at id: "cvq-cca010-02" is already the id of the bundled/));
    expect(select.options.length).toBe(optionsBefore);

    const good = structuredClone(cvq) as unknown as { id: string; title: string; identifiers: { scheme: string; value: string }[] };
    good.id = 'centre-cs';
    good.title = 'Centre Customer Service';
    good.identifiers = [{ scheme: 'other', value: 'CENTRE-CS' }]; // its own: the bundled CVQ is CCA010-02
    upload(input, 'centre.json', JSON.stringify(good));
    expect(await within(buildPanel()).findByText('Imported Centre Customer Service')).toBeTruthy();
    expect(select.options.length).toBe(optionsBefore + 1);
    expect(select.value).toBe('centre-cs');

    // And grids build from it.
    addCandidates(['Jane Smith']);
    tickFirstOptional();
    await build();
    expect(excel.workbook.sheets.some((s) => s.name === 'Jane Smith Tracker')).toBe(true);
  });

  it('takes candidates and their assessors from a Candidates sheet, or a Candidates table anywhere, through the adapter', async () => {
    const excel = createFakeExcel({ sheets: ['Sheet1', 'Candidates', 'Learners'] });
    excel.seed('Candidates', 'A1', [['Cohort: March 2026', ''], ['', ''], ['Candidate name', 'Assessor'], ['Jane Smith', 'Alex Assessor'], ['Omar Khan', ''], ['jane smith', 'alex assessor']]);
    excel.seed('Learners', 'C4', [['Name', 'Assessor'], ['Priya Patel', 'Bea Assessor']]);
    let table: Awaited<ReturnType<NonNullable<TaskpaneHost['locateTable']>>> = null;
    await renderPane(officeHost(excel, { locateTable: async () => table }));

    fireEvent.click(within(buildPanel()).getByRole('button', { name: 'Use the Candidates table' }));
    expect(await within(buildPanel()).findByText('Added 2 candidate(s) from the workbook')).toBeTruthy();
    expect(buildPanel().textContent).toMatch(/Already listed, so not added again: jane smith/);
    expect((within(buildPanel()).getByLabelText('Candidate 1') as HTMLInputElement).value).toBe('Jane Smith');
    expect((within(buildPanel()).getByLabelText('Assessor for candidate 1') as HTMLInputElement).value).toBe('Alex Assessor');
    expect((within(buildPanel()).getByLabelText('Candidate 2') as HTMLInputElement).value).toBe('Omar Khan');

    // An Excel table named Candidates on another sheet wins.
    table = { sheet: 'Learners', range: { row: 3, col: 2, endRow: 4, endCol: 3 } };
    fireEvent.click(within(buildPanel()).getByRole('button', { name: 'Use the Candidates table' }));
    expect(await within(buildPanel()).findByText('Added 1 candidate(s) from the workbook')).toBeTruthy();
    expect((within(buildPanel()).getByLabelText('Assessor for candidate 3') as HTMLInputElement).value).toBe('Bea Assessor');

    // The assessor can be changed per candidate, and a candidate removed.
    fireEvent.change(within(buildPanel()).getByLabelText('Assessor for candidate 2'), { target: { value: 'Chris Assessor' } });
    fireEvent.click(within(buildPanel()).getByRole('button', { name: 'Remove Jane Smith' }));
    expect((within(buildPanel()).getByLabelText('Candidate 1') as HTMLInputElement).value).toBe('Omar Khan');
    expect((within(buildPanel()).getByLabelText('Assessor for candidate 1') as HTMLInputElement).value).toBe('Chris Assessor');
  });

  it('says so when the workbook has no Candidates table', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    fireEvent.click(within(buildPanel()).getByRole('button', { name: 'Use the Candidates table' }));
    expect(await within(buildPanel()).findByText('No Candidates table in this workbook')).toBeTruthy();
  });

  it('shows where each candidate stands and jumps to a grid\'s missing item through the injected callback', async () => {
    const excel = createFakeExcel();
    const goTo = jest.fn(async () => undefined);
    await renderPane(officeHost(excel, { goTo }), () => new Date(2026, 2, 5, 9, 30));
    const { grid, col } = await janeWithOneMark(excel);

    await openTab('Progress');
    fireEvent.click(within(panel('progress')).getByRole('button', { name: 'Check the workbook' }));
    const card = await within(panel('progress')).findByRole('region', { name: /^Jane Smith, / }, { timeout: 10_000 });
    // Units are collapsed until asked for.
    expect(within(card).queryByRole('list', { name: 'Units of Jane Smith' })).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Show the 2 units' }));
    expect(panel('progress').textContent).toMatch(/Checked at 09:30 on 05\/03\/2026\./);
    expect(card.textContent).toMatch(/Not yet achieved/);
    expect(card.textContent).toMatch(/0 of 2 units complete; 0 credits achieved/);
    expect(card.textContent).toMatch(/Sheet Jane Smith 4430-201; last evidence 04\/03\/2026/);

    const units = within(card).getByRole('list', { name: 'Units of Jane Smith' });
    const unitRow = within(units).getAllByRole('listitem').find((li) => li.textContent?.startsWith('4430-201'))!;
    // The status words the grids' own status cells show.
    expect(unitRow.textContent).toMatch(/In progress, \d+% covered/);
    const untouched = within(units).getAllByRole('listitem').find((li) => !li.textContent?.startsWith('4430-201'))!;
    expect(untouched.textContent).toMatch(/Not started, 0% covered/);
    fireEvent.click(within(unitRow).getByRole('button', { name: /^Show the \d+ missing items$/ }));
    const missing = within(unitRow).getByRole('list', { name: 'Missing items of 4430-201 for Jane Smith' });
    expect(within(missing).queryByRole('button', { name: `Go to 1.1 on ${grid}` })).toBeNull();
    fireEvent.click(within(missing).getByRole('button', { name: `Go to 1.2 on ${grid}` }));
    await waitFor(() => expect(goTo).toHaveBeenCalled());
    const [sheet, range] = goTo.mock.calls[0] as unknown as [string, { row: number; col: number; endCol: number; endRow: number }];
    expect(sheet).toBe(grid);
    // The item's column, from its code in the header row down the evidence rows.
    expect(range).toMatchObject({ row: GRID_ROWS.header, col: col + 1, endCol: col + 1 });
    expect(range.endRow).toBeGreaterThan(GRID_ROWS.firstEvidence);
    expect(excel.values(grid, `A${GRID_ROWS.header + 1}:AZ${GRID_ROWS.header + 1}`)[0]![range.col]).toBe('1.2');
  });

  it('searches units and items by code or words and shows an item\'s full text', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    await openTab('Standards');
    const p = panel('standards');
    fireEvent.change(within(p).getByLabelText('Qualification'), { target: { value: 'cg-4430-02' } });
    fireEvent.change(within(p).getByRole('searchbox', { name: 'Search units and items' }), { target: { value: 'feedback' } });
    const results = within(p).getByRole('list', { name: 'Search results' });
    const hits = within(results).getAllByRole('button');
    expect(hits.length).toBeGreaterThan(1);
    expect(p.textContent).toMatch(/\d+ matches\./);
    const itemHit = hits.find((b) => /·/.test(b.textContent ?? ''))!;
    fireEvent.click(itemHit);
    const detail = within(p).getByRole('region', { name: /^4430-/ });
    const current = detail.querySelector('[aria-current="true"]')!;
    expect(current.textContent?.toLowerCase()).toContain('feedback');

    fireEvent.change(within(p).getByRole('searchbox', { name: 'Search units and items' }), { target: { value: 'L/601/0933' } });
    const exact = within(within(p).getByRole('list', { name: 'Search results' })).getAllByRole('button')[0]!;
    expect(exact.textContent).toMatch(/^4430-203/);
  });

  it('says which criterion the selected grid cell is, following the selection in Excel', async () => {
    const excel = createFakeExcel();
    let selected: CellRef | null = null;
    let listener: ((cell: CellRef) => void) | null = null;
    const stop = jest.fn(async () => undefined);
    await renderPane(
      officeHost(excel, {
        getSelectedCell: async () => selected,
        onSelectionChanged: async (l) => {
          listener = l;
          return stop;
        },
      }),
    );
    const { grid, col } = await janeWithOneMark(excel);
    await openTab('Standards');
    const p = panel('standards');
    await waitFor(() => expect(listener).not.toBeNull());

    selected = { sheet: grid, row: GRID_ROWS.header, col };
    fireEvent.click(within(p).getByRole('button', { name: 'Look up the selected cell' }));
    expect(await within(p).findByText('Criterion 1.1 of unit 4430-201')).toBeTruthy();
    expect(p.textContent).toMatch(/cell [A-Z]+14 is the heading of criterion 1\.1/);

    // Selecting the mark of E1 in Excel updates the pane without a click.
    await act(async () => listener!({ sheet: grid, row: GRID_ROWS.firstEvidence, col }));
    await waitFor(() => expect(p.textContent).toMatch(/is the mark of evidence E1 against criterion 1\.1/));

    await act(async () => listener!({ sheet: grid, row: GRID_ROWS.firstEvidence, col: 0 }));
    await waitFor(() => expect(p.textContent).toMatch(/is in the Ref no\. column, not under an item/));

    // Leaving the screen stops following the selection.
    await openTab('Build grids');
    await waitFor(() => expect(stop).toHaveBeenCalled());
  });
});

function tickFirstOptional() {
  const box = within(buildPanel())
    .getAllByRole('checkbox')
    .find((c) => !(c as HTMLInputElement).checked && !(c as HTMLInputElement).disabled);
  if (box) fireEvent.click(box);
}
