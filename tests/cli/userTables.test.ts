import ExcelJS from 'exceljs';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../support/libreoffice';
import { runCli } from '../support/runCli';

/*
 * A rebuild in place keeps the tables the user added by hand on the tracker, the index of evidence
 * and the grids: only the product's own tables are rebuilt. A user's table moves with its cells
 * (rows inserted inside it widen it, as in Excel); one the rebuild would write over is refused
 * before anything is written.
 */

const TRACKER = 'Jane Smith Tracker';
const GRID_212 = 'Jane Smith 4430-212';
const BUILD = ['build', '-q', '4430-02', '-c', 'Jane Smith', '-o', 'jane.xlsx'];

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

interface TableModel {
  name: string;
  tableRef: string;
  headerRow: boolean;
  columns: { name: string }[];
}

function tables(ws: ExcelJS.Worksheet): TableModel[] {
  return Object.values((ws as unknown as { tables: Record<string, { model: TableModel }> }).tables).map((t) => t.model);
}

function table(ws: ExcelJS.Worksheet, name: string): TableModel | undefined {
  return tables(ws).find((t) => t.name === name);
}

/** A user's table with a header row and data, as exceljs (or Excel) adds it. */
function addUserTable(ws: ExcelJS.Worksheet, name: string, ref: string, columns: string[], rows: ExcelJS.CellValue[][]): void {
  ws.addTable({ name, displayName: name, ref, headerRow: true, totalsRow: false, style: { theme: 'TableStyleLight9', showRowStripes: true }, columns: columns.map((c) => ({ name: c, filterButton: true })), rows });
}

const values = (ws: ExcelJS.Worksheet, range: string): unknown[][] => {
  const [from, to] = range.split(':').map((a) => ws.getCell(a!));
  const out: unknown[][] = [];
  for (let r = Number(from!.row); r <= Number(to!.row); r++) {
    const row: unknown[] = [];
    for (let c = Number(from!.col); c <= Number(to!.col); c++) row.push(ws.getCell(r, c).value);
    out.push(row);
  }
  return out;
};

/** Jane Smith on unit 212, with tables of the user's own on the tracker and on the 212 grid. */
async function withUserTables(dir: string): Promise<string> {
  const path = join(dir, 'jane.xlsx');
  expect((await runCli([...BUILD, '-u', '212'], dir)).code).toBe(0);
  const wb = await open(path);
  const tracker = wb.getWorksheet(TRACKER)!;
  // The tracker's rows are 9-11 (212 on row 11); right of its columns (A-N), one table across row 11 and one below it.
  expect(table(tracker, 'Progress_Jane_Smith')?.tableRef).toBe('A8:N11');
  addUserTable(tracker, 'Visits', 'P10:Q12', ['Visit', 'Date'], [['First', 'March'], ['Second', 'May']]);
  addUserTable(tracker, 'Targets', 'P15:Q17', ['Target', 'By'], [['Unit 212', 'June'], ['Unit 203', 'July']]);
  addUserTable(wb.getWorksheet(GRID_212)!, 'Checks', 'AH2:AI4', ['Check', 'Who'], [['Sampled', 'IV'], ['Signed', 'Assessor']]);
  await wb.xlsx.writeFile(path);
  return path;
}

/** After unit 203 joins before 212: a row was inserted at tracker row 11. */
function expectUserTablesKept(wb: ExcelJS.Workbook): void {
  const tracker = wb.getWorksheet(TRACKER)!;
  // The product's own table is rebuilt over the new rows.
  expect(table(tracker, 'Progress_Jane_Smith')?.tableRef).toBe('A8:N12');
  // A row inserted inside a table widens it, as in Excel; the one below moves down a row.
  const visits = table(tracker, 'Visits');
  expect(visits?.tableRef).toBe('P10:Q13');
  expect(visits?.columns.map((c) => c.name)).toEqual(['Visit', 'Date']);
  expect(values(tracker, 'P10:Q13')).toEqual([['Visit', 'Date'], [null, null], ['First', 'March'], ['Second', 'May']]);
  const targets = table(tracker, 'Targets');
  expect(targets?.tableRef).toBe('P16:Q18');
  expect(targets?.headerRow).toBe(true);
  expect(targets?.columns.map((c) => c.name)).toEqual(['Target', 'By']);
  expect(values(tracker, 'P16:Q18')).toEqual([['Target', 'By'], ['Unit 212', 'June'], ['Unit 203', 'July']]);
  expect(tables(tracker).map((t) => t.name).sort()).toEqual(['Progress_Jane_Smith', 'Targets', 'Visits']);

  const grid = wb.getWorksheet(GRID_212)!;
  expect(table(grid, 'Checks')?.tableRef).toBe('AH2:AI4');
  expect(values(grid, 'AH2:AI4')).toEqual([['Check', 'Who'], ['Sampled', 'IV'], ['Signed', 'Assessor']]);
}

describe('a rebuild keeps the tables the user added on sheets rebuilt in place', () => {
  it('keeps them with their names, moves them with their cells, and rebuilds only the product\'s own tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-user-tables-'));
    const path = await withUserTables(dir);
    const rebuilt = await runCli([...BUILD, '-u', '203,212'], dir);
    expect(rebuilt.code).toBe(0);
    expectUserTablesKept(await open(path));
    // And again: a rebuild with nothing to move leaves them where they are.
    expect((await runCli([...BUILD, '-u', '203,212'], dir)).code).toBe(0);
    expectUserTablesKept(await open(path));
  });

  it('refuses, before writing anything, a rebuild that would write over a user\'s table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-user-tables-'));
    const path = join(dir, 'jane.xlsx');
    expect((await runCli([...BUILD, '-u', '212'], dir)).code).toBe(0);
    const wb = await open(path);
    // Over the tracker's "Units complete" count (C13), which moves to row 14 and is written again.
    addUserTable(wb.getWorksheet(TRACKER)!, 'Mine', 'C13:D14', ['Note', 'By'], [['x', 'y']]);
    await wb.xlsx.writeFile(path);
    const before = readFileSync(path);

    const refused = await runCli([...BUILD, '-u', '203,212'], dir);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('the table Mine on sheet "Jane Smith Tracker" (C13:D14)');
    expect(refused.err).toContain('at C14:D15 once rows and columns move');
    expect(refused.err).toContain('nothing was changed');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('keeps them in a file last saved by LibreOffice, and LibreOffice opens the rebuilt file with them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-user-tables-lo-'));
    const path = await withUserTables(dir);
    const saved = await convertWithLibreOffice(path, 'xlsx');
    try {
      copyFileSync(saved.outputs[0]!.path, path);
    } finally {
      saved.cleanup();
    }
    expect((await runCli([...BUILD, '-u', '203,212'], dir)).code).toBe(0);
    expectUserTablesKept(await open(path));

    // LibreOffice opens the rebuilt file and saves the tables again (as database ranges it writes back as tables).
    const reopened = await convertWithLibreOffice(path, 'xlsx');
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(reopened.outputs[0]!.data as unknown as ExcelJS.Buffer);
      expectUserTablesKept(wb);
    } finally {
      reopened.cleanup();
    }
  });
});
