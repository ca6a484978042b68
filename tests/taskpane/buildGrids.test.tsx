/** @jest-environment jsdom */
import { GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { createFakeExcel } from '../fakes/fakeExcel';
import { addCandidates, build, fireEvent, buildPanel, chooseQualification, officeHost, renderPane, screen, tickUnit, waitFor, within } from './support';

jest.setTimeout(60_000);

describe('task pane: building grids in Excel (office-js adapter over the recording fake)', () => {
  it('builds a tracker, an evidence index and one grid per unit per candidate, in a bounded number of syncs per candidate', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith, Alex Assessor', 'Omar Khan\tBea Assessor']);
    tickUnit('4430-212');
    tickUnit('4430-219');
    excel.resetStats();
    const outcome = await build();

    expect(outcome.textContent).toMatch(/Built 12 sheets for 2 of 2 candidates/);
    const names = excel.workbook.sheets.map((s) => s.name);
    for (const who of ['Jane Smith', 'Omar Khan']) {
      for (const unit of ['4430-101', '4430-201', '4430-212', '4430-219']) expect(names).toContain(`${who} ${unit}`);
      expect(names).toContain(`${who} Tracker`);
      expect(names).toContain(`${who} Evidence`);
    }
    // The header block names the candidate and their own assessor.
    expect(excel.cell('Omar Khan 4430-212', 'B2').value).toBe('Omar Khan');
    expect(excel.values('Omar Khan 4430-212', 'A1:B12').flat()).toContain('Bea Assessor');
    // 2 syncs for the workbook's sheets, tables and names, then per candidate at most 3 to read
    // their sheets and 4 to write (2 of them the adapter's own pre-flight).
    const perCandidate = (excel.stats.syncs - 2) / 2;
    expect(excel.stats.syncs).toBeLessThanOrEqual(2 + 2 * 7);
    expect(perCandidate).toBeLessThanOrEqual(7);
    expect(excel.stats.maxSyncBytes).toBeLessThan(5 * 1024 * 1024);
    console.log(`build of 2 candidates x 6 sheets: ${excel.stats.syncs} syncs, largest request ${excel.stats.maxSyncBytes} bytes`);
  });

  it('building again updates the sheets in place and keeps the assessor\'s marks', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith']);
    await build();
    const grid = 'Jane Smith 4430-201';
    const header = excel.values(grid, `A${GRID_ROWS.header + 1}:AZ${GRID_ROWS.header + 1}`)[0]!;
    const col = header.indexOf('1.1');
    expect(col).toBeGreaterThan(6);
    // The assessor records accepted evidence E1 against 1.1, as if typed into the grid.
    const row = GRID_ROWS.firstEvidence + 1;
    const letter = String.fromCharCode(65 + col);
    excel.seed(grid, `A${row}`, [['E1']]);
    excel.seed(grid, `F${row}`, [['Accepted']]);
    excel.seed(grid, `${letter}${row}`, [['✓']]);
    const sheetsBefore = excel.workbook.sheets.length;

    excel.resetStats();
    const outcome = await build();
    expect(outcome.textContent).toMatch(/Built 4 sheets for 1 of 1 candidate/);
    expect(buildPanel().textContent).toMatch(/Jane Smith: updated in place/);
    expect(buildPanel().textContent).toMatch(/Jane Smith 4430-201: unit 4430-201; kept 1 evidence row and 1 mark/);
    expect(excel.workbook.sheets.length).toBe(sheetsBefore);
    expect(excel.cell(grid, `A${row}`).value).toBe('E1');
    expect(excel.cell(grid, `${letter}${row}`).value).toBe('✓');
    // A rebuild: the workbook's names (2), every sheet's header block (2), the candidate's sheets (3), the write with its pre-flight (4).
    expect(excel.stats.syncs).toBeLessThanOrEqual(11);
    console.log(`rebuild of 1 candidate in place: ${excel.stats.syncs} syncs`);
  });

  it('shows rules-of-combination feedback live: credits so far, what is still needed, and what is not allowed and why', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('imi-l2-diploma-customer-service');
    const feedback = within(buildPanel()).getByTestId('pathway-feedback');
    // Mandatory group A is pre-selected and cannot be unticked.
    const mandatoryBoxes = within(buildPanel()).getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked);
    expect(mandatoryBoxes.length).toBe(5);
    expect(mandatoryBoxes.every((c) => (c as HTMLInputElement).disabled)).toBe(true);
    expect(feedback.textContent).toMatch(/5 units chosen; credits so far: 19/);
    expect(feedback.textContent).toMatch(/Still needed/);
    expect(feedback.textContent).toMatch(/credits short of the minimum 16 from Optional Group C/);

    // Group D allows at most 7 credits: after two of its units, a third that would pass 7 is refused, with the reason.
    const groupD = within(buildPanel()).getByRole('group', { name: 'Optional Group D' });
    const boxes = within(groupD).getAllByRole('checkbox') as HTMLInputElement[];
    let i = 0;
    while (within(groupD).queryAllByText(/^Not allowed: would break: at most 7 credits from Optional Group D/).length === 0 && i < boxes.length) {
      if (!boxes[i]!.disabled) fireEvent.click(boxes[i]!);
      i++;
    }
    expect(within(groupD).getAllByText(/^Not allowed: would break: at most 7 credits from Optional Group D/).length).toBeGreaterThan(0);
    const refused = boxes.filter((b) => b.disabled && !b.checked);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.getAttribute('aria-describedby')).toBeTruthy();
    expect(feedback.textContent).toMatch(/credits so far: (2[0-9]|[3-9][0-9])/);
  });

  it('stops between candidates when Cancel is pressed: finished candidates are complete, the rest untouched', async () => {
    const excel = createFakeExcel();
    const host = officeHost(excel);
    let applies = 0;
    const adapter = {
      ...host.adapter,
      async apply(plan: Parameters<typeof host.adapter.apply>[0]) {
        const stats = await host.adapter.apply(plan);
        applies++;
        // Press Cancel while the first candidate is being written.
        if (applies === 1) fireEvent.click(within(buildPanel()).getByRole('button', { name: 'Cancel' }));
        return stats;
      },
    };
    await renderPane({ ...host, adapter });
    chooseQualification('cg-4430-02');
    addCandidates(['Ann One', 'Ben Two', 'Cat Three']);
    const outcome = await build();
    expect(outcome.textContent).toMatch(/Cancelled: built 4 sheets for 1 of 3 candidates/);
    const names = excel.workbook.sheets.map((s) => s.name);
    expect(names).toContain('Ann One Tracker');
    expect(names.some((n) => n.startsWith('Ben Two') || n.startsWith('Cat Three'))).toBe(false);
    expect(within(buildPanel()).queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows a failure from Excel in a MessageBar, titled by its error code', async () => {
    const excel = createFakeExcel();
    const host = officeHost(excel);
    const adapter = {
      ...host.adapter,
      async apply() {
        throw Object.assign(new Error('The sheet is protected.'), { code: 'AccessDenied' });
      },
    };
    await renderPane({ ...host, adapter });
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith']);
    const panel = buildPanel();
    fireEvent.click(within(panel).getByRole('button', { name: 'Build grids' }));
    await screen.findByText(/Excel refused the change \(building Jane Smith\)/, undefined, { timeout: 10_000 });
    expect(panel.textContent).toMatch(/The sheet is protected\. If the workbook or a sheet is protected/);
    expect(panel.textContent).toMatch(/Excel error code: AccessDenied/);
  });

  it('the Excel host shows no "too old" message: manifest.xml requires the API sets, so such an Excel never loads the pane', async () => {
    const excel = createFakeExcel();
    expect(officeHost(excel, {}, false).unsupported).toBeUndefined();
    // A host that does say why building cannot work here still disables Build and explains.
    await renderPane(officeHost(excel, { unsupported: 'Building needs Excel.' }));
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith']);
    expect(within(buildPanel()).getByText(/Building needs Excel\./)).toBeTruthy();
    expect((within(buildPanel()).getByRole('button', { name: 'Build grids' }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(excel.stats.syncs).toBe(0));
  });
});
