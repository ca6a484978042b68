/** @jest-environment jsdom */
import { GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { createFakeExcel } from '../fakes/fakeExcel';
import { act, addCandidates, build, chooseQualification, fireEvent, officeHost, renderPane, screen, waitFor, within } from './support';

jest.setTimeout(60_000);

const panel = (id: string) => document.getElementById(`panel-${id}`)!;

describe('task pane Progress: entries the vocabulary does not know', () => {
  it('lists each unrecognised mark and decision with its cell, and goes to it', async () => {
    const excel = createFakeExcel();
    const goTo = jest.fn(async () => undefined);
    await renderPane(officeHost(excel, { goTo }));
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith, Alex Assessor']);
    await build();
    const grid = 'Jane Smith 4430-201';
    const header = excel.values(grid, `A${GRID_ROWS.header + 1}:AZ${GRID_ROWS.header + 1}`)[0]!;
    const letter = (c: number) => String.fromCharCode(65 + c);
    const row = GRID_ROWS.firstEvidence + 1;
    // "N/A" under 1.1 and a tick under 1.2 on a row whose decision was pasted as "Maybe".
    excel.seed(grid, `A${row}`, [['E1']]);
    excel.seed(grid, `F${row}`, [['Maybe']]);
    excel.seed(grid, `${letter(header.indexOf('1.1'))}${row}`, [['N/A']]);
    excel.seed(grid, `${letter(header.indexOf('1.2'))}${row}`, [['✓']]);

    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Progress' }));
      await new Promise((r) => setTimeout(r, 50));
    });
    fireEvent.click(within(panel('progress')).getByRole('button', { name: 'Check the workbook' }));
    const card = await within(panel('progress')).findByRole('region', { name: /^Jane Smith, / }, { timeout: 10_000 });
    const unitRow = within(within(card).getByRole('list', { name: 'Units of Jane Smith' }))
      .getAllByRole('listitem')
      .find((li) => li.textContent?.startsWith('4430-201'))!;
    expect(unitRow.textContent).toContain('2 entries not recognised, so not counted');
    const list = within(unitRow).getByRole('list', { name: `Unrecognised entries on ${grid}` });
    const cells = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(cells).toEqual([`F${row} “Maybe”`, `${letter(header.indexOf('1.1'))}${row} “N/A”`]);
    // One account of them: the list, not the warning line as well.
    expect(unitRow.textContent).not.toContain('entries are not recognised');

    fireEvent.click(within(list).getByRole('button', { name: `Go to ${letter(header.indexOf('1.1'))}${row} on ${grid}` }));
    await waitFor(() => expect(goTo).toHaveBeenCalledWith(grid, { row: row - 1, col: header.indexOf('1.1') }));
  });
});
