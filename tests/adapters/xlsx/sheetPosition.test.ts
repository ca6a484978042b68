import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { emptySheet, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { readZip } from '../../support/libreoffice';

const plan = (...sheets: SheetPlan[]): WorkbookPlan => ({ sheets, names: [], dateFormat: 'dd/mm/yyyy' });
const sheet = (name: string, position?: 'first'): SheetPlan => ({ ...emptySheet(name, 'unitGrid'), blocks: [{ row: 0, col: 0, values: [[name]] }], ...(position ? { position } : {}) });

/** Tab order as a spreadsheet opening the file sees it. */
async function tabsInFile(book: XlsxWorkbook): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((w) => w.name);
}

describe('xlsx adapter: a sheet planned first', () => {
  it('a new sheet planned first goes before every tab; one not planned first goes last', async () => {
    const book = XlsxWorkbook.create();
    await book.apply(plan(sheet('Grid 1'), sheet('Grid 2'), sheet('Grid 3')));
    await book.apply(plan(sheet('Summary', 'first'), sheet('Notes')));
    expect(await tabsInFile(book)).toEqual(['Summary', 'Grid 1', 'Grid 2', 'Grid 3', 'Notes']);
  });

  it('a sheet replaced and planned first moves first (with its content), as in a file read back', async () => {
    const book = XlsxWorkbook.create();
    await book.apply(plan(sheet('Grid 1'), sheet('Summary'), sheet('Grid 2')));
    const reopened = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    await reopened.apply(plan({ ...sheet('summary', 'first'), blocks: [{ row: 0, col: 0, values: [['new']] }] }));
    expect(await tabsInFile(reopened)).toEqual(['summary', 'Grid 1', 'Grid 2']);
    const [read] = await (await XlsxWorkbook.fromBuffer(await reopened.toBuffer())).readSheets(['summary']);
    expect(read!.values[0]![0]).toBe('new');
  });

  it("keeps a sheet's print titles with it when it moves first (they are stored by tab index)", async () => {
    const book = XlsxWorkbook.create();
    await book.apply(plan({ ...sheet('Grid 1'), print: { landscape: false, fitToWidth: true, repeatRows: { from: 2, to: 3 } } }, sheet('Grid 2')));
    await book.apply(plan({ ...sheet('Summary', 'first'), print: { landscape: true, fitToWidth: true, repeatRows: { from: 4, to: 5 } } }));
    const zip = await readZip(await book.toBuffer());
    const workbookXml = zip.get('xl/workbook.xml')!;
    expect([...workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Summary', 'Grid 1', 'Grid 2']);
    const titles = [...workbookXml.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]]);
    expect(titles).toEqual(expect.arrayContaining([['0', '&apos;Summary&apos;!$5:$6'], ['1', '&apos;Grid 1&apos;!$3:$4']]));
  });
});
