/** @jest-environment jsdom */
import { createFakeExcel } from '../fakes/fakeExcel';
import { act, addCandidates, build, chooseQualification, fireEvent, officeHost, renderPane, screen, tickUnit, within } from './support';

jest.setTimeout(60_000);

const panel = (id: string) => document.getElementById(`panel-${id}`)!;
const openTab = (name: string) =>
  act(async () => {
    fireEvent.click(screen.getByRole('tab', { name }));
    await new Promise((r) => setTimeout(r, 50));
  });

// The pane's Progress screen: the status words of the sheets, and a not-detailed unit recorded on the tracker.
describe('task pane progress: statuses and not-detailed units', () => {
  it('shows a not-detailed unit as Not started until the tracker records it, then Complete with who and when', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith']);
    tickUnit('4430-102');
    await build();

    await openTab('Progress');
    // Each candidate's units are folded until asked for.
    const unfold = (card: HTMLElement) => {
      const show = within(card).queryByRole('button', { name: /^Show the \d+ units$/ });
      if (show) fireEvent.click(show);
    };
    const check = async () => {
      fireEvent.click(within(panel('progress')).getByRole('button', { name: /^Check (the workbook|again)$/ }));
      const card = await within(panel('progress')).findByRole('region', { name: /^Jane Smith, / }, { timeout: 10_000 });
      unfold(card);
      return within(within(card).getByRole('list', { name: 'Units of Jane Smith' }))
        .getAllByRole('listitem')
        .find((li) => li.textContent?.startsWith('4430-102'))!;
    };
    const before = await check();
    expect(before.textContent).toMatch(/^4430-102 .*Not started/);
    expect(before.textContent).not.toMatch(/covered/);
    expect(before.textContent).toMatch(/record its achievement \(Assessor and Date completed\) on the candidate's unit progress record/);

    // The assessor records it on the tracker's row for 4430-102 (Assessor in J, Date completed in M).
    const tracker = 'Jane Smith Tracker';
    const codes = excel.values(tracker, 'A9:A12').map((r) => r[0]);
    const row = 9 + codes.indexOf('4430-102');
    excel.seed(tracker, `J${row}`, [['A. Assessor']]);
    excel.seed(tracker, `M${row}`, [['2025-03-03']]);
    fireEvent.click(within(panel('progress')).getByRole('button', { name: 'Check again' }));
    unfold(await within(panel('progress')).findByRole('region', { name: /^Jane Smith, / }, { timeout: 10_000 }));
    await within(panel('progress')).findByText(/achievement recorded by A\. Assessor on 03\/03\/2025/, undefined, { timeout: 10_000 });
    const after = within(within(panel('progress')).getByRole('list', { name: 'Units of Jane Smith' }))
      .getAllByRole('listitem')
      .find((li) => li.textContent?.startsWith('4430-102'))!;
    expect(after.textContent).toMatch(/^4430-102 .*Complete/);
    expect(after.textContent).not.toMatch(/covered/);
  });
});
