/** @jest-environment jsdom */
import { XlsxWorkbook } from '../../src/adapters/xlsx/xlsxWorkbook';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { CENTRE_STANDARDS_SHEET, readCentreStandards } from '../../src/domain/standards/centreStandards';
import { templatePlan } from '../../src/domain/standards/template/templatePlan';
import { createFakeExcel } from '../fakes/fakeExcel';
import { act, addCandidates, build, buildPanel, chooseQualification, fireEvent, officeHost, renderPane, waitFor, within } from './support';

jest.setTimeout(60_000);

const click = (name: string | RegExp) =>
  act(async () => {
    fireEvent.click(within(buildPanel()).getByRole('button', { name }));
    await new Promise((r) => setTimeout(r, 20));
  });

describe('task pane: new qualification from a sheet', () => {
  it('inserts the template, lists every problem with a jump to its cell, then stores the qualification in the workbook for good', async () => {
    const excel = createFakeExcel();
    const host = officeHost(excel);
    const { unmount } = await renderPane(host);
    chooseQualification('cvq-cca010-02');

    await click('Insert CCA010-02 as a template');
    await waitFor(() => expect(buildPanel().textContent).toContain('Template inserted'));
    for (const name of ['Qualification', 'Identifiers', 'Groups', 'Units', 'Items', 'Rules']) expect(excel.workbook.sheets.some((s) => s.name === name)).toBe(true);

    // Inserting again would overwrite a template being filled: refused.
    await click('Insert a blank template');
    await waitFor(() => expect(buildPanel().textContent).toMatch(/already has sheet\(s\) named "How to fill this in", "Qualification"/));

    // As inserted it still has the bundled id: refused, nothing stored.
    await click('Check the template and use it');
    await waitFor(() => expect(buildPanel().textContent).toContain('Give the qualification an id, title and identifiers of its own'));
    expect(buildPanel().textContent).toContain('id: "cvq-cca010-02" is already the id of the bundled');
    expect(excel.workbook.sheets.some((s) => s.name === CENTRE_STANDARDS_SHEET)).toBe(false);

    // The coordinator gives it an id, an identifier and a title, and types a bad level.
    excel.seed('Qualification', 'B4', [['centre-cs']]);
    excel.seed('Qualification', 'B5', [['Centre Customer Service']]);
    excel.seed('Identifiers', 'B4:B5', [['CCS-2'], ['Centre Customer Service']]);
    excel.seed('Units', 'F4', [['two']]);
    await click('Check the template and use it');
    await waitFor(() => expect(buildPanel().textContent).toContain('1 problem in the template'));
    const problems = within(buildPanel()).getByRole('list', { name: 'Problems in the template' });
    expect(problems.textContent).toContain('Units, row 4, column F (Level): expected a number or blank, found "two"');
    fireEvent.click(within(problems).getByRole('button', { name: 'Go to' }));
    expect(host.goTo).toHaveBeenCalledWith('Units', { row: 3, col: 5 });

    excel.seed('Units', 'F4', [[2]]);
    await click('Check the template and use it');
    await waitFor(() => expect(buildPanel().textContent).toContain('Centre Customer Service is ready to use'));
    const stored = excel.workbook.sheets.find((s) => s.name === CENTRE_STANDARDS_SHEET)!;
    expect(stored.visibility).toBe('VeryHidden');
    const select = within(buildPanel()).getByLabelText('Qualification') as HTMLSelectElement;
    expect(select.value).toBe('centre-cs');

    // Grids build from it.
    addCandidates(['Jane Smith']);
    await act(async () => {
      fireEvent.click(within(buildPanel()).getAllByRole('checkbox').find((c) => !(c as HTMLInputElement).checked && !(c as HTMLInputElement).disabled)!);
    });
    await build();
    expect(excel.workbook.sheets.some((s) => s.name === 'Jane Smith Tracker')).toBe(true);
    unmount();

    // Opened again (another session, another assessor's copy): the qualification is known.
    await renderPane(officeHost(excel));
    await waitFor(() => {
      const again = within(buildPanel()).getByLabelText('Qualification') as HTMLSelectElement;
      expect([...again.options].map((o) => o.textContent)).toContain('Centre Customer Service (CCS-2) — stored in this workbook');
    });
  });
});

describe('task pane: importing a centre standards file stores it in the workbook', () => {
  it('a filled template (.xlsx) is checked in full, then stored; a .json file is stored too', async () => {
    const excel = createFakeExcel();
    const q = structuredClone(bundledCatalog().list().find((x) => x.id === 'sqa-svq3-customer-service')!);
    const mine = { ...q, id: 'centre-svq', title: 'Centre SVQ', identifiers: [{ scheme: 'other' as const, value: 'C-SVQ' }] };
    const template = XlsxWorkbook.create();
    await template.apply(templatePlan(mine));
    const sheets = await template.readSheets(await template.sheetNames());
    // The host reads the uploaded file (exceljs in the browser); here the values of the template as written.
    const host = officeHost(excel, { readWorkbookFile: jest.fn(async () => sheets) });
    await renderPane(host);
    const input = within(buildPanel()).getByLabelText('Centre standards file');
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['(xlsx)'], 'centre-svq.xlsx')] } });
      await new Promise((r) => setTimeout(r, 50));
    });
    await waitFor(() => expect(buildPanel().textContent).toContain('Imported Centre SVQ'));
    expect(buildPanel().textContent).toContain('Stored in this workbook');
    const stored = readCentreStandards([{ name: CENTRE_STANDARDS_SHEET, values: excel.values(CENTRE_STANDARDS_SHEET, 'A1:A40') }]);
    expect(stored.ok && stored.value.map((x) => x.id)).toEqual(['centre-svq']);

    // A template with a problem: every problem named, nothing imported or stored.
    const broken = sheets.map((s) => (s.name === 'Units' ? { ...s, values: s.values.map((r, i) => (i === 3 ? r.map((v, c) => (c === 5 ? 'two' : v)) : r)) } : s));
    (host.readWorkbookFile as jest.Mock).mockResolvedValueOnce(broken);
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['(xlsx)'], 'broken.xlsx')] } });
      await new Promise((r) => setTimeout(r, 50));
    });
    await waitFor(() => expect(buildPanel().textContent).toContain('broken.xlsx was not imported'));
    expect(buildPanel().textContent).toContain('Units, row 4, column F (Level): expected a number or blank, found "two"');

    // A .json file joins it in the store.
    const json = { ...structuredClone(bundledCatalog().list().find((x) => x.id === 'cvq-cca010-02')!), id: 'centre-cvq', title: 'Centre CVQ', identifiers: [{ scheme: 'other', value: 'C-CVQ' }] };
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File([JSON.stringify(json)], 'centre-cvq.json', { type: 'application/json' })] } });
      await new Promise((r) => setTimeout(r, 50));
    });
    await waitFor(() => expect(buildPanel().textContent).toContain('Imported Centre CVQ'));
    const both = readCentreStandards([{ name: CENTRE_STANDARDS_SHEET, values: excel.values(CENTRE_STANDARDS_SHEET, 'A1:A80') }]);
    expect(both.ok && both.value.map((x) => x.id)).toEqual(['centre-svq', 'centre-cvq']);
  });
});
