import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fromFileFormula, readWorkbookFile, toFileFormula, XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { emptySheet, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { isoDateToSerial } from '../../../src/domain/workbook/sheetValues';
import { readZip } from '../../support/libreoffice';

/** Worksheet members exceljs has at runtime but leaves out of its typings. */
interface LoadedSheet {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  sheetProtection: Partial<ExcelJS.WorksheetProtection> & { sheet?: boolean; hashValue?: string } | null;
}
const loaded = (w: ExcelJS.Worksheet): LoadedSheet => w as unknown as LoadedSheet;

/** The <c> element of one cell in a sheet's XML. */
function cellXml(sheetXml: string, ref: string): string {
  const m = new RegExp(`<c r="${ref}"(?:/>|[^>]*/>|[^>]*>.*?</c>)`).exec(sheetXml);
  if (!m) throw new Error(`no cell ${ref}`);
  return m[0];
}

/** Path of the worksheet part for a sheet name, via workbook.xml and its relationships. */
function sheetPart(zip: Map<string, string>, name: string): string {
  const wbXml = zip.get('xl/workbook.xml')!;
  const esc = name.replace(/&/g, '&amp;').replace(/'/g, '&apos;');
  const rid = new RegExp(`<sheet [^>]*name="${esc}"[^>]*r:id="([^"]+)"`).exec(wbXml)?.[1];
  const rels = zip.get('xl/_rels/workbook.xml.rels')!;
  const target = new RegExp(`<Relationship Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for ${name}`);
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

function tablePart(zip: Map<string, string>): string {
  const parts = [...zip.keys()].filter((k) => /^xl\/tables\/table\d+\.xml$/.test(k));
  if (parts.length !== 1) throw new Error(`expected one table part, found ${parts.join(', ')}`);
  return zip.get(parts[0]!)!;
}

const FORMULA_LOOKING = ['=HYPERLINK("http://evil.example","click")', '+44 123', '-5 apples', '@home', '=1+1'];

function gridSheet(): SheetPlan {
  const s = emptySheet('Unit 1 Grid', 'unitGrid');
  s.blocks.push(
    { row: 0, col: 0, values: [['Unit 201: Health and safety', null, null, null, null, null]] },
    {
      row: 1,
      col: 0,
      values: [
        ['Code', 'Criterion', 'Assessed', 'Status', 'Score', 'Key'],
        ['1.1', FORMULA_LOOKING[0]!, { date: '2024-03-05' }, 'Accepted', 3, 'u201|1.1'],
        ['1.2', FORMULA_LOOKING[1]!, { date: '1999-12-31' }, 'Referred', 0, 'u201|1.2'],
        ['1.3', FORMULA_LOOKING[2]!, null, null, 7.5, 'u201|1.3'],
      ],
    },
    {
      row: 6,
      col: 0,
      values: [
        [FORMULA_LOOKING[3]!, FORMULA_LOOKING[4]!, true, { formula: '=COUNTIF(D3:D5,"Accepted")' }, { formula: '=SUM(E3:E5)' }, { formula: '=IFS(E3>1,"big",TRUE,"small")' }],
      ],
    },
  );
  s.styles.push(
    { range: { row: 0, col: 0, endCol: 5 }, style: { bold: true, fontSize: 14, fill: '#1F4E78', fontColor: '#FFFFFF', vertical: 'middle' } },
    { range: { row: 1, col: 0, endCol: 5 }, style: { bold: true, italic: true, wrap: true, horizontal: 'center', border: 'thin' } },
    { range: { row: 1, col: 0 }, style: { rotation: 90 } },
    { range: { row: 2, col: 4, endRow: 4 }, style: { numberFormat: '0.00', border: 'medium' } },
    { range: { row: 2, col: 3, endRow: 4 }, style: { locked: false, horizontal: 'left' } },
  );
  s.merges.push({ row: 0, col: 0, endCol: 5 });
  s.columnWidths.push({ col: 1, width: 42 }, { col: 3, width: 12.5 });
  s.rowHeights.push({ row: 0, height: 30 });
  s.tables.push({ name: 'Unit201Items', range: { row: 1, col: 0, endRow: 4, endCol: 5 }, style: 'TableStyleLight9', showFilter: true });
  s.validations.push({ range: { row: 2, col: 3, endRow: 4 }, list: ['Accepted', 'Referred', 'Not yet'], allowBlank: true, errorTitle: 'Unknown status', errorMessage: 'Choose Accepted, Referred or Not yet.' });
  s.conditionalFormats.push(
    { range: { row: 2, col: 3, endRow: 4 }, formula: '=$D3="Accepted"', style: { fill: '#C6EFCE', fontColor: '#006100', bold: true }, stopIfTrue: true },
    { range: { row: 2, col: 3, endRow: 4 }, formula: '=$D3="Referred"', style: { fill: '#FFC7CE' } },
  );
  s.dataBars.push({ range: { row: 2, col: 4, endRow: 4 }, color: '#638EC6' });
  s.freeze = { rows: 2, cols: 1 };
  s.print = { landscape: true, fitToWidth: true, repeatRows: { from: 0, to: 1 } };
  s.protection = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: false };
  s.hiddenColumns.push(5);
  s.tabColor = '#00B050';
  return s;
}

function aboutSheet(): SheetPlan {
  const s = emptySheet('About', 'about');
  s.blocks.push({ row: 0, col: 0, values: [['Field', 'Value'], ['Generated', { date: '2026-11-23' }], ['Version', 1]] });
  s.autoFilter = { row: 0, col: 0, endRow: 2, endCol: 1 };
  s.freeze = { rows: 1, cols: 0 };
  s.print = { landscape: false, fitToWidth: false };
  return s;
}

function fullPlan(): WorkbookPlan {
  return {
    sheets: [gridSheet(), aboutSheet()],
    names: [{ name: 'Unit201Status', sheet: 'Unit 1 Grid', range: { row: 2, col: 3, endRow: 4, endCol: 3 }, comment: 'Status column' }],
    dateFormat: 'dd/mm/yyyy',
  };
}

async function written(plan: WorkbookPlan, base?: XlsxWorkbook): Promise<{ buf: Buffer; wb: ExcelJS.Workbook; zip: Map<string, string> }> {
  const book = base ?? XlsxWorkbook.create();
  await book.apply(plan);
  const buf = await book.toBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return { buf, wb, zip: readZip(buf) };
}

describe('XlsxWorkbook.apply writes every planned feature', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let zip: Map<string, string>;
  let sheetXml: string;

  beforeAll(async () => {
    ({ wb, zip } = await written(fullPlan()));
    ws = wb.getWorksheet('Unit 1 Grid')!;
    sheetXml = zip.get(sheetPart(zip, 'Unit 1 Grid'))!;
  });

  test('sheets in plan order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Unit 1 Grid', 'About']);
  });

  test('values: text, numbers, booleans', () => {
    expect(ws.getCell('A3').value).toBe('1.1');
    expect(ws.getCell('E3').value).toBe(3);
    expect(ws.getCell('E4').value).toBe(0);
    expect(ws.getCell('E5').value).toBe(7.5);
    expect(ws.getCell('C7').value).toBe(true);
    expect(ws.getCell('D5').value).toBeNull();
  });

  test('text that looks like a formula stays text, in the saved XML too', () => {
    const cells = { B3: FORMULA_LOOKING[0], B4: FORMULA_LOOKING[1], B5: FORMULA_LOOKING[2], A7: FORMULA_LOOKING[3], B7: FORMULA_LOOKING[4] };
    for (const [ref, text] of Object.entries(cells)) {
      expect(ws.getCell(ref).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(ref).value).toBe(text);
      const xml = cellXml(sheetXml, ref);
      expect(xml).toMatch(/t="(s|str|inlineStr)"/);
      expect(xml).not.toContain('<f>');
    }
  });

  test('formulas without a leading "=" and with no cached result', () => {
    expect(ws.getCell('D7').formula).toBe('COUNTIF(D3:D5,"Accepted")');
    expect(ws.getCell('E7').formula).toBe('SUM(E3:E5)');
    expect(ws.getCell('D7').result).toBeUndefined();
    for (const ref of ['D7', 'E7', 'F7']) {
      const xml = cellXml(sheetXml, ref);
      expect(xml).toContain('<f>');
      expect(xml).not.toContain('<v>');
    }
    expect(zip.get('xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test('functions newer than Excel 2007 get their _xlfn. prefix', () => {
    expect(ws.getCell('F7').formula).toBe('_xlfn.IFS(E3>1,"big",TRUE,"small")');
  });

  test('dates are real dates with the plan date format', () => {
    expect(ws.getCell('C3').value).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(ws.getCell('C3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('C4').value).toEqual(new Date(Date.UTC(1999, 11, 31)));
    expect(cellXml(sheetXml, 'C3')).toContain(`<v>${isoDateToSerial('2024-03-05')}</v>`);
    expect(wb.getWorksheet('About')!.getCell('B2').numFmt).toBe('dd/mm/yyyy');
  });

  test('styles: font, fill, alignment, rotation, borders, number format, protection', () => {
    const title = ws.getCell('A1');
    expect(title.font).toMatchObject({ bold: true, size: 14, color: { argb: 'FFFFFFFF' } });
    expect(title.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } });
    expect(title.alignment).toMatchObject({ vertical: 'middle' });
    const header = ws.getCell('B2');
    expect(header.font).toMatchObject({ bold: true, italic: true });
    expect(header.alignment).toMatchObject({ wrapText: true, horizontal: 'center' });
    expect(header.border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getCell('A2').alignment).toMatchObject({ textRotation: 90, horizontal: 'center' });
    expect(ws.getCell('E3').numFmt).toBe('0.00');
    expect(ws.getCell('E3').border).toMatchObject({ top: { style: 'medium' } });
    expect(ws.getCell('D3').protection).toMatchObject({ locked: false });
    expect(ws.getCell('D3').alignment).toMatchObject({ horizontal: 'left' });
    expect(ws.getCell('C3').protection?.locked).not.toBe(false);
  });

  test('merges', () => {
    expect(ws.getCell('F1').isMerged).toBe(true);
    expect(ws.getCell('F1').master.address).toBe('A1');
    expect(sheetXml).toContain('<mergeCell ref="A1:F1"/>');
  });

  test('column widths, row heights, hidden columns, tab colour', () => {
    expect(ws.getColumn(2).width).toBe(42);
    expect(ws.getColumn(4).width).toBe(12.5);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.getColumn(6).hidden).toBe(true);
    expect(ws.getColumn(5).hidden).toBe(false);
    expect(ws.properties.tabColor).toEqual({ argb: 'FF00B050' });
  });

  test('table built from the block, header cells matching its columns', () => {
    const table = (ws as unknown as { tables: Record<string, { table: Record<string, unknown> }> }).tables.Unit201Items!.table;
    expect(table).toMatchObject({ name: 'Unit201Items', tableRef: 'A2:F5', headerRow: true, totalsRow: false, style: { theme: 'TableStyleLight9' } });
    expect((table.columns as { name: string }[]).map((c) => c.name)).toEqual(['Code', 'Criterion', 'Assessed', 'Status', 'Score', 'Key']);
    const tableXml = tablePart(zip);
    expect(tableXml).toContain('ref="A2:F5"');
    expect(tableXml).toContain('<autoFilter ref="A2:F5">');
    expect(tableXml).toContain('<tableColumns count="6">');
    // The table keeps the block's cells: values, dates and formula-looking text.
    expect(ws.getCell('B3').value).toBe(FORMULA_LOOKING[0]);
    expect(ws.getCell('C3').value).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(ws.getCell('B2').value).toBe('Criterion');
  });

  test('data validation list with its error message', () => {
    for (const ref of ['D3', 'D4', 'D5']) {
      expect(ws.getCell(ref).dataValidation).toMatchObject({
        type: 'list',
        allowBlank: true,
        formulae: ['"Accepted,Referred,Not yet"'],
        showErrorMessage: true,
        errorTitle: 'Unknown status',
        error: 'Choose Accepted, Referred or Not yet.',
      });
    }
    expect(ws.getCell('D6').dataValidation).toBeUndefined();
    expect(sheetXml).toMatch(/<dataValidation [^>]*sqref="D3:D5"/);
  });

  test('conditional formats (expression, stopIfTrue) then data bars, in priority order', () => {
    const cfs = loaded(ws).conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(['D3:D5', 'D3:D5', 'E3:E5']);
    expect(cfs[0]!.rules[0]).toMatchObject({
      type: 'expression',
      priority: 1,
      formulae: ['$D3="Accepted"'],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } }, font: { bold: true, color: { argb: 'FF006100' } } },
    });
    expect(cfs[1]!.rules[0]).toMatchObject({ type: 'expression', priority: 2, formulae: ['$D3="Referred"'] });
    expect(cfs[2]!.rules[0]).toMatchObject({ type: 'dataBar', priority: 3, color: { argb: 'FF638EC6' } });
    expect(sheetXml).toMatch(/<cfRule type="expression" dxfId="\d+" priority="1" stopIfTrue="1">/);
    expect(sheetXml).toMatch(/<cfRule type="expression" dxfId="\d+" priority="2">/);
  });

  test('workbook-scoped defined names', () => {
    expect(wb.definedNames.model).toContainEqual({ name: 'Unit201Status', ranges: ["'Unit 1 Grid'!$D$3:$D$5"] });
    expect(zip.get('xl/workbook.xml')).toMatch(/<definedName name="Unit201Status">&apos;Unit 1 Grid&apos;!\$D\$3:\$D\$5<\/definedName>/);
  });

  test('freeze panes', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2, topLeftCell: 'B3' });
    expect(wb.getWorksheet('About')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('print setup', () => {
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
    expect(wb.getWorksheet('About')!.pageSetup).toMatchObject({ orientation: 'portrait' });
    expect(wb.getWorksheet('About')!.pageSetup.fitToPage).toBeFalsy();
  });

  test('sheet protection without a password, unlocked cells editable', () => {
    expect(loaded(ws).sheetProtection).toMatchObject({ sheet: true, formatColumns: true, sort: true, autoFilter: true });
    expect(loaded(ws).sheetProtection!.insertRows).toBeFalsy();
    expect(loaded(ws).sheetProtection!.hashValue).toBeUndefined();
    expect(sheetXml).toMatch(/<sheetProtection sheet="1" formatColumns="0" sort="0" autoFilter="0"\/>/);
    expect(loaded(wb.getWorksheet('About')!).sheetProtection).toBeFalsy();
  });

  test('auto filter', () => {
    expect(wb.getWorksheet('About')!.autoFilter).toBe('A1:B3');
  });
});

describe('XlsxWorkbook.apply over an existing workbook', () => {
  async function existing(): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('First').getCell('A1').value = 'first kept';
    const old = wb.addWorksheet('unit 1 grid');
    old.getCell('Z50').value = 'OLD';
    old.addTable({ name: 'Unit201Items', ref: 'A1', columns: [{ name: 'Old' }], rows: [['x']] });
    const last = wb.addWorksheet('Last');
    last.getCell('B2').value = 42;
    last.getCell('B3').value = { formula: 'B2*2', result: 84 };
    wb.definedNames.add("'unit 1 grid'!$Z$50", 'Unit201Status');
    wb.definedNames.add('Last!$B$2', 'Answer');
    return XlsxWorkbook.fromBuffer(Buffer.from(await wb.xlsx.writeBuffer()));
  }

  test('replaces only the planned sheets, in their old place, and keeps the others', async () => {
    const plan = fullPlan();
    plan.sheets = [gridSheet()];
    const { wb } = await written(plan, await existing());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['First', 'Unit 1 Grid', 'Last']);
    expect(wb.getWorksheet('First')!.getCell('A1').value).toBe('first kept');
    expect(wb.getWorksheet('Last')!.getCell('B2').value).toBe(42);
    expect(wb.getWorksheet('Last')!.getCell('B3').formula).toBe('B2*2');
    const grid = wb.getWorksheet('Unit 1 Grid')!;
    expect(grid.getCell('Z50').value).toBeNull();
    expect(grid.getCell('A2').value).toBe('Code');
    expect(Object.keys((grid as unknown as { tables: object }).tables)).toEqual(['Unit201Items']);
  });

  test('a planned name replaces the old one instead of adding to it; other names stay', async () => {
    const plan = fullPlan();
    plan.sheets = [gridSheet()];
    const { wb } = await written(plan, await existing());
    const names = wb.definedNames.model;
    expect(names.filter((n) => n.name === 'Unit201Status')).toEqual([{ name: 'Unit201Status', ranges: ["'Unit 1 Grid'!$D$3:$D$5"] }]);
    expect(names).toContainEqual({ name: 'Answer', ranges: ['Last!$B$2'] });
  });

  test('applying the same plan twice to one workbook gives one copy of everything', async () => {
    const book = XlsxWorkbook.create();
    await book.apply(fullPlan());
    const { wb, zip } = await written(fullPlan(), book);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Unit 1 Grid', 'About']);
    expect(loaded(wb.getWorksheet('Unit 1 Grid')!).conditionalFormattings).toHaveLength(3);
    expect([...zip.keys()].filter((k) => /^xl\/tables\/table\d+\.xml$/.test(k))).toHaveLength(1);
    expect(wb.definedNames.model.filter((n) => n.name === 'Unit201Status')).toEqual([{ name: 'Unit201Status', ranges: ["'Unit 1 Grid'!$D$3:$D$5"] }]);
  });

  test('a table name used on a sheet that stays is refused', async () => {
    const book = await existing();
    const plan = fullPlan();
    const other = emptySheet('Elsewhere', 'tracker');
    other.blocks.push({ row: 0, col: 0, values: [['Old'], ['x']] });
    other.tables.push({ name: 'unit201items', range: { row: 0, col: 0, endRow: 1 } });
    plan.sheets = [other];
    // The plan's names belong to the sheet it no longer writes (a name into a sheet the plan does not write is refused: limits.ts).
    plan.names = [];
    await expect(book.apply(plan)).rejects.toThrow(/already has a table called "unit201items" on sheet "unit 1 grid".*Nothing was changed/);
  });
});

describe('XlsxWorkbook.apply keeps to what Excel accepts in tables and lists', () => {
  test('a list item with a comma', async () => {
    const s = emptySheet('S', 'tracker');
    s.validations.push({ range: { row: 0, col: 0 }, list: ['a,b'], allowBlank: true, errorTitle: 't', errorMessage: 'm' });
    await expect(XlsxWorkbook.create().apply({ sheets: [s], names: [], dateFormat: 'dd/mm/yyyy' })).rejects.toThrow(/comma/);
  });

  test('a list longer than 255 characters', async () => {
    const s = emptySheet('S', 'tracker');
    s.validations.push({ range: { row: 0, col: 0 }, list: Array.from({ length: 60 }, (_, i) => `Item ${i}`), allowBlank: true, errorTitle: 't', errorMessage: 'm' });
    await expect(XlsxWorkbook.create().apply({ sheets: [s], names: [], dateFormat: 'dd/mm/yyyy' })).rejects.toThrow(/255/);
  });

  test('a table whose header repeats a name', async () => {
    const s = emptySheet('S', 'tracker');
    s.blocks.push({ row: 0, col: 0, values: [['A', 'a'], [1, 2]] });
    s.tables.push({ name: 'T', range: { row: 0, col: 0, endRow: 1, endCol: 1 } });
    await expect(XlsxWorkbook.create().apply({ sheets: [s], names: [], dateFormat: 'dd/mm/yyyy' })).rejects.toThrow(/duplicate column name "a"/);
  });

  test('a header with a line break keeps it in the cell and escapes it in the table column', async () => {
    const s = emptySheet('S', 'tracker');
    s.blocks.push({ row: 0, col: 0, values: [['Date\nassessed', 'Mark'], [{ date: '2024-01-02' }, 'x']] });
    s.tables.push({ name: 'Marks', range: { row: 0, col: 0, endRow: 1, endCol: 1 } });
    const { wb, zip } = await written({ sheets: [s], names: [], dateFormat: 'dd/mm/yyyy' });
    expect(wb.getWorksheet('S')!.getCell('A1').value).toBe('Date\nassessed');
    expect(tablePart(zip)).toContain('<tableColumn id="1" name="Date_x000a_assessed"');
  });

  test('an empty table gets one blank data row', async () => {
    const s = emptySheet('S', 'evidenceIndex');
    s.blocks.push({ row: 0, col: 0, values: [['Ref', 'Title']] });
    s.tables.push({ name: 'Evidence', range: { row: 0, col: 0, endRow: 0, endCol: 1 } });
    const { zip } = await written({ sheets: [s], names: [], dateFormat: 'dd/mm/yyyy' });
    const tableXml = tablePart(zip);
    expect(tableXml).toContain('ref="A1:B2"');
  });
});

describe('XlsxWorkbook.readSheets', () => {
  test('reads back what apply wrote: anchored at A1, dates as serials, formulas alongside', async () => {
    const book = XlsxWorkbook.create();
    await book.apply(fullPlan());
    // The same values in memory straight after apply as after a save and a fresh load.
    const inMemory = await book.readSheets(['Unit 1 Grid', 'About']);
    const reread = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    expect(await reread.readSheets(['Unit 1 Grid', 'About'])).toEqual(inMemory);
    expect(await reread.sheetNames()).toEqual(['Unit 1 Grid', 'About']);
    const [grid, missing] = await reread.readSheets(['unit 1 grid', 'Nope']);
    expect(missing).toBeUndefined();
    expect(grid!.name).toBe('Unit 1 Grid');
    expect(grid!.values[0]).toEqual(['Unit 201: Health and safety']); // merged cells: value in the top-left only
    expect(grid!.values[1]).toEqual(['Code', 'Criterion', 'Assessed', 'Status', 'Score', 'Key']);
    expect(grid!.values[2]).toEqual(['1.1', FORMULA_LOOKING[0], isoDateToSerial('2024-03-05'), 'Accepted', 3, 'u201|1.1']);
    expect(grid!.values[3]).toEqual(['1.2', FORMULA_LOOKING[1], isoDateToSerial('1999-12-31'), 'Referred', 0, 'u201|1.2']);
    expect(grid!.values[4]).toEqual(['1.3', FORMULA_LOOKING[2], null, null, 7.5, 'u201|1.3']);
    expect(grid!.values[5]).toEqual([]);
    // No cached results were written, so formula values are null until a spreadsheet computes them.
    expect(grid!.values[6]).toEqual([FORMULA_LOOKING[3], FORMULA_LOOKING[4], true, null, null, null]);
    expect(grid!.formulas![6]).toEqual([null, null, null, '=COUNTIF(D3:D5,"Accepted")', '=SUM(E3:E5)', '=IFS(E3>1,"big",TRUE,"small")']);
    expect(grid!.formulas![2]).toEqual([null, null, null, null, null, null]);
    expect(grid!.values).toHaveLength(7);
  });

  test('cached results, shared formulas, rich text, hyperlinks and errors', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Raw');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('A3').value = 3;
    ws.getCell('B1').value = { formula: 'A1*2', result: 2, shareType: 'shared', ref: 'B1:B3' } as ExcelJS.CellFormulaValue;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('B3').value = { sharedFormula: 'B1', result: 0 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('C1').value = { richText: [{ text: 'Rich ' }, { font: { bold: true }, text: 'text' }] };
    ws.getCell('C2').value = { text: 'Evidence folder', hyperlink: 'https://example.org/e/1' };
    ws.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('D1').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
    ws.getCell('D2').value = { formula: 'A1>0', result: false } as ExcelJS.CellFormulaValue;
    ws.getCell('D3').value = { formula: '_xlfn.MAXIFS(A1:A3,A1:A3,">1")', result: 3 } as ExcelJS.CellFormulaValue;
    ws.getCell('E1').value = new Date(Date.UTC(2025, 0, 31));
    ws.getCell('E1').numFmt = 'dd/mm/yyyy';
    ws.getCell('F5').value = 'far';
    const book = await XlsxWorkbook.fromBuffer(Buffer.from(await wb.xlsx.writeBuffer()));
    const [raw] = await book.readSheets(['Raw']);
    expect(raw!.values).toEqual([
      [1, 2, 'Rich text', '#N/A', isoDateToSerial('2025-01-31')],
      [2, 4, 'Evidence folder', false],
      [3, 0, '#N/A', 3],
      [],
      [null, null, null, null, null, 'far'],
    ]);
    expect(raw!.formulas).toEqual([
      [null, '=A1*2', null, '=NA()', null],
      [null, '=A2*2', null, '=A1>0'],
      [null, '=A3*2', null, '=MAXIFS(A1:A3,A1:A3,">1")'],
      [],
      [null, null, null, null, null, null],
    ]);
  });

  test('readWorkbookFile reads every sheet of a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vqm-xlsx-'));
    try {
      const book = XlsxWorkbook.create();
      await book.apply(fullPlan());
      const path = join(dir, 'grid.xlsx');
      await book.toFile(path);
      const sheets = await readWorkbookFile(path);
      expect(sheets.map((s) => s.name)).toEqual(['Unit 1 Grid', 'About']);
      expect(sheets[1]!.values).toEqual([['Field', 'Value'], ['Generated', isoDateToSerial('2026-11-23')], ['Version', 1]]);
      const again = await XlsxWorkbook.fromFile(path);
      expect(await again.sheetNames()).toEqual(['Unit 1 Grid', 'About']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formula text in the file', () => {
  test('prefixes post-2007 functions outside string and sheet-name literals', () => {
    expect(toFileFormula('=STDEV.S(A1:A3)+MAXIFS(B:B,C:C,"x")')).toBe('_xlfn.STDEV.S(A1:A3)+_xlfn.MAXIFS(B:B,C:C,"x")');
    expect(toFileFormula('=IF(A1="IFS(",1,2)')).toBe('IF(A1="IFS(",1,2)');
    expect(toFileFormula("='IFS(x'!A1&\"\"\"IFS(\"")).toBe("'IFS(x'!A1&\"\"\"IFS(\"");
    expect(toFileFormula('=_xlfn.IFS(TRUE,1)')).toBe('_xlfn.IFS(TRUE,1)');
    expect(toFileFormula('=FILTER(A1:A3,B1:B3)')).toBe('_xlfn._xlws.FILTER(A1:A3,B1:B3)');
    expect(toFileFormula('=COUNTIFS(A:A,"<>")')).toBe('COUNTIFS(A:A,"<>")');
  });

  test('round-trips to the displayed formula', () => {
    for (const f of ['=IFS(A1>1,"IFS(",TRUE,2)', '=SUM(A1:A3)', "='Unit 1'!A1", '=FILTER(A1:A3,B1:B3)']) {
      expect(fromFileFormula(toFileFormula(f))).toBe(f);
    }
  });
});
