/** @jest-environment jsdom */
import ExcelJS from 'exceljs';
import { createPreviewHost } from '../../src/taskpane/preview/previewHost';
import { notXlsxReason } from '../../src/taskpane/preview/workbookFile';
import { createFakeExcel } from '../fakes/fakeExcel';
import { addCandidates, build, buildPanel, chooseQualification, fireEvent, officeHost, renderPane, screen, waitFor, within } from './support';

jest.setTimeout(60_000);

const bytes = (text: string, prefix: number[] = []) => new Uint8Array([...prefix, ...Array.from(text, (c) => c.charCodeAt(0))]);
/** An .ods starts as a zip whose first entry is "mimetype", holding its type. */
const ODS = bytes('\u0000'.repeat(26) + 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet', [0x50, 0x4b, 0x03, 0x04]);
const XLS = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);

function choose(file: File) {
  fireEvent.change(screen.getByTestId('workbook-file'), { target: { files: [file] } });
}

describe('preview mode refuses a file that is not an .xlsx before anything is built', () => {
  it.each([
    ['jane.ods', ODS, /jane\.ods is an OpenDocument spreadsheet/],
    ['jane.xls', XLS, /jane\.xls is an Excel 97-2003 workbook/],
    ['jane.csv', bytes('Candidate,Assessor\nJane Smith,A. Assessor\n'), /jane\.csv is a text file \(CSV\)/],
    // Renamed: found by its content.
    ['renamed.xlsx', ODS, /renamed\.xlsx is an OpenDocument spreadsheet/],
    ['notes.xlsx', bytes('just some text'), /notes\.xlsx is not an Excel workbook/],
  ])('%s: "save it as .xlsx first", no "Opened", the pane\'s workbook unchanged', async (name, content, what) => {
    const host = createPreviewHost();
    await renderPane(host);
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith']);
    await build();
    const before = await host.adapter.sheetNames();

    choose(new File([content], name));
    expect(await screen.findByText('Save it as .xlsx first')).toBeTruthy();
    expect(document.body.textContent).toMatch(what);
    expect(document.body.textContent).toMatch(/Save it as \.xlsx first \(File > Save As > Excel Workbook \(\.xlsx\)\)/);
    expect(document.body.textContent).not.toMatch(/Opened /);
    expect(await host.adapter.sheetNames()).toEqual(before);
    expect(host.preview!.fileName()).toBe('vq-matrix.xlsx');
  });

  it('opens a real .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Learners').getCell('A1').value = 'Jane Smith';
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(notXlsxReason('jane.xlsx', data.slice(0, 128))).toBeNull();
    const host = createPreviewHost();
    await renderPane(host);
    choose(new File([data], 'jane.xlsx'));
    expect(await screen.findByText('Opened jane.xlsx')).toBeTruthy();
    expect(await host.adapter.sheetNames()).toEqual(['Learners']);
  });
});

describe('the pane says before building when the pathway cannot meet the rules of combination', () => {
  it('lists what the pathway lacks next to Build, and still builds', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('imi-l2-diploma-customer-service');
    addCandidates(['Jane Smith']);
    const lacks = () => within(buildPanel()).queryByRole('list', { name: 'What the pathway lacks' });
    await waitFor(() => expect(lacks()).not.toBeNull());
    expect(buildPanel().textContent).toMatch(/This pathway cannot meet the rules of combination/);
    expect(lacks()!.textContent).toMatch(/credits short of the minimum 45/);
    const outcome = await build();
    expect(outcome.textContent).toMatch(/^Built \d+ sheets for 1 of 1 candidate/);
  });

  it('says nothing once the pathway can meet them', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cvq-cca010-02');
    const lacks = () => within(buildPanel()).queryByRole('list', { name: 'What the pathway lacks' });
    await waitFor(() => expect(lacks()).not.toBeNull());
    expect(lacks()!.textContent).toMatch(/needs 1 more unit/);
    const optional = within(buildPanel())
      .getAllByRole('checkbox')
      .find((c) => !(c as HTMLInputElement).disabled && !(c as HTMLInputElement).checked)!;
    fireEvent.click(optional);
    await waitFor(() => expect(lacks()).toBeNull());
    expect(buildPanel().textContent).not.toMatch(/This pathway cannot meet the rules of combination/);
  });
});
