import ExcelJS from 'exceljs';
import { UserContentWouldBeLost, XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { InvalidPlanError } from '../../../src/domain/workbook/limits';
import { emptySheet, type SheetPlan, type StructuralEdit, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { readZip, writeZip } from '../../support/zipFile';

/*
 * The .xlsx adapter on a sheet rebuilt in place: the plan's tables are rebuilt, the user's stay and
 * move as Excel moves them (a column inserted inside one is a new table column), and the file it
 * writes loads again with them.
 */

interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  headerRow: boolean;
  columns: { name: string }[];
}

const tablesOf = (ws: ExcelJS.Worksheet): TableModel[] => Object.values((ws as unknown as { tables: Record<string, { model: TableModel }> }).tables).map((t) => t.model);

/** A sheet "Grid" with the product's table "Plan" (A1:B3) and the user's "Mine" (D1:F3), saved and loaded. */
async function workbook(transform: (xml: string) => string = (x) => x): Promise<XlsxWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Grid');
  ws.addTable({ name: 'Plan', ref: 'A1', headerRow: true, columns: [{ name: 'Code' }, { name: 'Status' }], rows: [['1', 'Done'], ['2', 'Open']] });
  ws.addTable({ name: 'Mine', ref: 'D1', headerRow: true, columns: [{ name: 'Who' }, { name: 'When' }, { name: 'Why' }], rows: [['Ann', 'May', 'visit'], ['Bob', 'June', 'check']] });
  const parts = readZip(Buffer.from(await wb.xlsx.writeBuffer())).map((p) => (p.name.startsWith('xl/tables/') ? { ...p, data: transform(p.data.toString('utf8')) } : p));
  return XlsxWorkbook.fromBuffer(writeZip(parts));
}

function plan(edits: StructuralEdit[], extra: Partial<SheetPlan> = {}): WorkbookPlan {
  const sheet: SheetPlan = {
    ...emptySheet('Grid', 'unitGrid'),
    blocks: [{ row: 0, col: 0, values: [['Code', 'Status'], ['1', 'Done'], ['2', 'Open'], ['3', 'New']] }],
    tables: [{ name: 'Plan', range: { row: 0, col: 0, endRow: 3, endCol: 1 } }],
    rebuild: { edits, keep: [] },
    ...extra,
  };
  return { sheets: [sheet], names: [], dateFormat: 'dd/mm/yyyy' };
}

async function reloaded(book: XlsxWorkbook): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
  return wb.getWorksheet('Grid')!;
}

describe('the .xlsx adapter keeps the user\'s tables on a sheet rebuilt in place', () => {
  it('rebuilds the plan\'s table and moves the user\'s with its cells: a row inserted inside widens it, a column inserted inside is a new table column', async () => {
    const book = await workbook();
    // A row before the last data row (row 3), and a column between D and E (at E).
    await book.apply(plan([{ axis: 'rows', op: 'insert', at: 2, count: 1 }, { axis: 'columns', op: 'insert', at: 4, count: 1 }]));
    const ws = await reloaded(book);
    const byName = new Map(tablesOf(ws).map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(['Mine', 'Plan']);
    expect(byName.get('Plan')?.tableRef).toBe('A1:B4');
    const mine = byName.get('Mine')!;
    expect(mine.tableRef).toBe('D1:G4');
    expect(mine.autoFilterRef).toBe('D1:G4');
    expect(mine.headerRow).toBe(true);
    expect(mine.columns.map((c) => c.name)).toEqual(['Who', 'Column1', 'When', 'Why']);
    const rows = [1, 2, 3, 4].map((r) => [4, 5, 6, 7].map((c) => ws.getCell(r, c).value));
    expect(rows).toEqual([['Who', 'Column1', 'When', 'Why'], ['Ann', null, 'May', 'visit'], [null, null, null, null], ['Bob', null, 'June', 'check']]);
  });

  it('reads a table saved without headerRowCount (as Excel saves one) as having its header row, and writes it back so', async () => {
    const book = await workbook((xml) => xml.replace(/ headerRowCount="1"/g, ''));
    await book.apply(plan([]));
    const mine = tablesOf(await reloaded(book)).find((t) => t.name === 'Mine')!;
    expect(mine.headerRow).toBe(true);
    expect(mine.tableRef).toBe('D1:F3');
    expect(mine.columns.map((c) => c.name)).toEqual(['Who', 'When', 'Why']);
  });

  it('takes the sheet\'s only table for the plan\'s when the plan has one table under another name (as office-js does)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Grid').addTable({ name: 'Old_Name', ref: 'A1', headerRow: true, columns: [{ name: 'Code' }, { name: 'Status' }], rows: [['1', 'Done']] });
    const book = await XlsxWorkbook.fromBuffer(Buffer.from(await wb.xlsx.writeBuffer()));
    await book.apply(plan([]));
    expect(tablesOf(await reloaded(book)).map((t) => `${t.name} ${t.tableRef}`)).toEqual(['Plan A1:B4']);
  });

  it.each([
    ['a table of the plan', { tables: [{ name: 'Plan', range: { row: 0, col: 0, endRow: 3, endCol: 1 } }, { name: 'Other', range: { row: 2, col: 4, endRow: 3, endCol: 4 } }] }, 'its table Other (E3:E4)'],
    ['a merge of the plan', { merges: [{ row: 0, col: 3, endCol: 4 }] }, 'merged cells D1:E1'],
    ['a value of the plan', { blocks: [{ row: 0, col: 0, values: [['Code', 'Status', null, null, null, 'x']] }] }, 'cells D1:F1'],
  ])('refuses, before writing anything, a plan that writes over a user\'s table: %s', async (_, extra, what) => {
    const book = await workbook();
    const apply = book.apply(plan([{ axis: 'rows', op: 'insert', at: 4, count: 1 }], extra));
    await expect(apply).rejects.toThrow(InvalidPlanError);
    await expect(apply).rejects.toThrow(`would write ${what} over the table Mine on sheet "Grid" (D1:F3)`);
    // Nothing was touched: both tables are where they were.
    expect(tablesOf(await reloaded(book)).map((t) => `${t.name} ${t.tableRef}`).sort()).toEqual(['Mine D1:F3', 'Plan A1:B3']);
  });

  it('refuses a plan that gives a new table the name of a user\'s table it keeps', async () => {
    const book = await workbook();
    const p = plan([]);
    p.sheets.push({ ...emptySheet('Other', 'tracker'), blocks: [{ row: 0, col: 0, values: [['A'], ['1']] }], tables: [{ name: 'MINE', range: { row: 0, col: 0, endRow: 1, endCol: 0 } }] });
    await expect(book.apply(p)).rejects.toThrow('The build needs the name "MINE" for sheet "Other", but the table Mine on sheet "Grid" (D1:F3) is called that');
  });

  it('names a user\'s table on a sheet the plan replaces whole as what would be lost, and writes nothing unless told to lose it', async () => {
    const book = await workbook();
    const whole = plan([]);
    delete whole.sheets[0]!.rebuild;
    const refused = book.apply(whole);
    await expect(refused).rejects.toThrow(UserContentWouldBeLost);
    await expect(refused).rejects.toThrow('sheet "Grid": table Mine in D1:F3. Nothing was written');
    expect(tablesOf(await reloaded(book)).map((t) => `${t.name} ${t.tableRef}`).sort()).toEqual(['Mine D1:F3', 'Plan A1:B3']);
    await book.apply(whole, { allowLosing: true });
    expect(tablesOf(await reloaded(book)).map((t) => `${t.name} ${t.tableRef}`)).toEqual(['Plan A1:B4']);
  });
});
