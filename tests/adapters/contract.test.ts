/*
 * The adapter contract: the same apply-then-read tests over the .xlsx adapter (in memory, read back
 * from the bytes it would save) and the office-js adapter on the recording fake of Excel. A plan
 * means the same workbook through either, and either refuses the same plans with the same words.
 */
import ExcelJS from 'exceljs';
import { officeWorkbookAdapter } from '../../src/adapters/officejs/officeWorkbook';
import type { ReadOptions, WorkbookAdapter } from '../../src/adapters/workbookAdapter';
import { XlsxWorkbook } from '../../src/adapters/xlsx/xlsxWorkbook';
import { address, parseCell } from '../../src/domain/workbook/a1';
import { InvalidPlanError } from '../../src/domain/workbook/limits';
import { emptySheet, type PlanValue, type SheetPlan, type WorkbookPlan } from '../../src/domain/workbook/plan';
import type { SheetValues } from '../../src/domain/workbook/sheetValues';
import { createFakeExcel, type FakeExcel } from '../fakes/fakeExcel';

/** What a test can see of a cell's format, the same way whichever adapter wrote it. */
interface SeenStyle {
  bold: boolean;
  italic: boolean;
  fill: string | null;
  numberFormat: string;
  horizontal: string | null;
  wrap: boolean;
}

/** One workbook driven through one adapter, with read-backs of what the adapter does not read itself. */
interface Subject {
  apply(plan: WorkbookPlan): Promise<unknown>;
  read(sheet: string, options?: ReadOptions): Promise<SheetValues>;
  sheetNames(): Promise<string[]>;
  style(sheet: string, a1: string): Promise<SeenStyle>;
  validation(sheet: string, a1: string): Promise<{ list: string[]; title: string; message: string } | null>;
  tables(): Promise<{ name: string; sheet: string; range: string }[]>;
  names(): Promise<{ name: string; reference: string }[]>;
  /** Which sheet object a name is (changes when a sheet is deleted and re-created). */
  identity(sheet: string): object;
  /** What a user types into a cell (a formula with "="). */
  type(sheet: string, a1: string, text: string): Promise<void>;
  /** A table the user makes over cells they typed (Insert > Table, "My table has headers"). */
  addTable(sheet: string, name: string, a1: string): Promise<void>;
}

class XlsxSubject implements Subject {
  private book = XlsxWorkbook.create();
  /** The saved file as Excel would open it. */
  private async saved(): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await this.book.toBuffer()) as unknown as ExcelJS.Buffer);
    return wb;
  }
  private async reopened(): Promise<XlsxWorkbook> {
    return XlsxWorkbook.fromBuffer(await this.book.toBuffer(), 'contract.xlsx');
  }
  async apply(plan: WorkbookPlan): Promise<unknown> {
    return this.book.apply(plan);
  }
  async read(sheet: string, options?: ReadOptions): Promise<SheetValues> {
    const [values] = await (await this.reopened()).readSheets([sheet], options);
    return values as SheetValues;
  }
  async sheetNames(): Promise<string[]> {
    return this.book.sheetNames();
  }
  async style(sheet: string, a1: string): Promise<SeenStyle> {
    const cell = (await this.saved()).getWorksheet(sheet)!.getCell(a1);
    const fill = cell.fill as ExcelJS.FillPattern | undefined;
    const argb = fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
    return {
      bold: cell.font?.bold === true,
      italic: cell.font?.italic === true,
      fill: argb ? `#${argb.slice(2).toUpperCase()}` : null,
      numberFormat: cell.numFmt ?? 'General',
      horizontal: cell.alignment?.horizontal ?? null,
      wrap: cell.alignment?.wrapText === true,
    };
  }
  async validation(sheet: string, a1: string): Promise<{ list: string[]; title: string; message: string } | null> {
    const ws = (await this.saved()).getWorksheet(sheet)!;
    const v = (ws as unknown as { dataValidations: { find(address: string): ExcelJS.DataValidation | undefined } }).dataValidations.find(a1);
    if (!v) return null;
    const formula = String(v.formulae?.[0] ?? '');
    const list = formula.slice(1, -1).replace(/""/g, '"').split(',');
    return { list, title: v.errorTitle ?? '', message: v.error ?? '' };
  }
  async tables(): Promise<{ name: string; sheet: string; range: string }[]> {
    const wb = await this.saved();
    return wb.worksheets.flatMap((ws) =>
      Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string } }> }).tables).map((t) => ({ name: t.table.name, sheet: ws.name, range: t.table.tableRef })),
    );
  }
  async names(): Promise<{ name: string; reference: string }[]> {
    return (await this.saved()).definedNames.model.map((n) => ({ name: n.name, reference: n.ranges[0] ?? '' }));
  }
  identity(sheet: string): object {
    // The worksheet object: exceljs reuses a deleted sheet's id for the next sheet added.
    return this.book.workbook.getWorksheet(sheet)!;
  }
  async type(sheet: string, a1: string, text: string): Promise<void> {
    const cell = this.book.workbook.getWorksheet(sheet)!.getCell(a1);
    cell.value = text.startsWith('=') ? ({ formula: text.slice(1) } as ExcelJS.CellFormulaValue) : text;
  }
  async addTable(sheet: string, name: string, a1: string): Promise<void> {
    const ws = this.book.workbook.getWorksheet(sheet)!;
    const [from, to] = a1.split(':').map((a) => parseA1(a));
    const row = (r: number) => Array.from({ length: to!.col - from!.col + 1 }, (_, j) => ws.getCell(r + 1, from!.col + j + 1).value);
    const rows = Array.from({ length: to!.row - from!.row }, (_, i) => row(from!.row + 1 + i));
    ws.addTable({ name, ref: a1.split(':')[0]!, headerRow: true, columns: row(from!.row).map((v) => ({ name: String(v) })), rows });
  }
}

class OfficeSubject implements Subject {
  readonly fake: FakeExcel = createFakeExcel();
  private adapter: WorkbookAdapter = officeWorkbookAdapter(this.fake.run);
  async apply(plan: WorkbookPlan): Promise<unknown> {
    return this.adapter.apply(plan);
  }
  async read(sheet: string, options?: ReadOptions): Promise<SheetValues> {
    const [values] = await this.adapter.readSheets([sheet], options);
    return values as SheetValues;
  }
  async sheetNames(): Promise<string[]> {
    return this.adapter.sheetNames();
  }
  async style(sheet: string, a1: string): Promise<SeenStyle> {
    const cell = this.fake.cell(sheet, a1);
    return {
      bold: cell.font.bold === true,
      italic: cell.font.italic === true,
      fill: cell.fill ? cell.fill.toUpperCase() : null,
      numberFormat: cell.numberFormat,
      horizontal: cell.horizontalAlignment && cell.horizontalAlignment !== 'General' ? cell.horizontalAlignment.toLowerCase() : null,
      wrap: cell.wrapText === true,
    };
  }
  async validation(sheet: string, a1: string): Promise<{ list: string[]; title: string; message: string } | null> {
    const at = this.fake.sheet(sheet);
    const { row, col } = parseA1(a1);
    const v = at.validations.find((x) => row >= x.rect.row && row <= x.rect.endRow && col >= x.rect.col && col <= x.rect.endCol);
    if (!v) return null;
    const source = String((v.rule.list as { source: string }).source);
    return { list: source.split(','), title: v.errorAlert.title, message: v.errorAlert.message };
  }
  async tables(): Promise<{ name: string; sheet: string; range: string }[]> {
    return this.fake.workbook.tables.map((t) => {
      const sheet = this.fake.workbook.sheets.find((s) => s.id === t.sheetId)!;
      return { name: t.name, sheet: sheet.name, range: address(t.rect) };
    });
  }
  async names(): Promise<{ name: string; reference: string }[]> {
    return this.fake.workbook.names.map((n) => ({ name: n.name, reference: (this.fake.nameFormula(n.name) ?? '').replace(/^=/, '') }));
  }
  identity(sheet: string): object {
    return this.fake.sheet(sheet);
  }
  async type(sheet: string, a1: string, text: string): Promise<void> {
    this.fake.seed(sheet, a1, [[text]]);
  }
  async addTable(sheet: string, name: string, a1: string): Promise<void> {
    await this.fake.run(async (context) => {
      context.workbook.worksheets.getItem(sheet).tables.add(a1, true).name = name;
      await context.sync();
    });
  }
}

const parseA1 = (a1: string): { row: number; col: number } => parseCell(a1)!;

const SUBJECTS: [string, () => Subject][] = [
  ['the .xlsx adapter', () => new XlsxSubject()],
  ['the office-js adapter on the fake', () => new OfficeSubject()],
];

const plan = (sheets: SheetPlan[], names: WorkbookPlan['names'] = []): WorkbookPlan => ({ sheets, names, dateFormat: 'dd/mm/yyyy' });
const sheet = (name: string, edit: (s: SheetPlan) => void): SheetPlan => {
  const s = emptySheet(name, 'unitGrid');
  edit(s);
  return s;
};
/** A cell of what an adapter read: value and formula. */
const at = (v: SheetValues, a1: string): { value: unknown; formula: string | null } => {
  const { row, col } = parseA1(a1);
  return { value: v.values[row]?.[col] ?? null, formula: v.formulas?.[row]?.[col] ?? null };
};

/** Strings Excel would turn into something else if typed: the plan's text must stay this text. */
const LOOKS_LIKE_MORE = ['=SUM(A1:A2)', '+44 7700 900123', '-5', '@home', '1.10', 'TRUE', "'quoted", '#N/A', '2024-01-31', '50%', '1/2', ' =x'];

describe.each(SUBJECTS)('adapter contract: %s', (_label, make) => {
  it('values: text, numbers, booleans and blanks read back as written', async () => {
    const s = make();
    await s.apply(plan([sheet('Grid', (g) => g.blocks.push({ row: 0, col: 0, values: [['Unit 203', 42, 0.5, true, false], ['Ünïcödé ✓ 😀', -1e-7, 1e15, null, 'end']] }))]));
    const v = await s.read('Grid');
    expect([at(v, 'A1'), at(v, 'B1'), at(v, 'C1'), at(v, 'D1'), at(v, 'E1')].map((c) => c.value)).toEqual(['Unit 203', 42, 0.5, true, false]);
    expect([at(v, 'A2'), at(v, 'B2'), at(v, 'C2'), at(v, 'E2')].map((c) => c.value)).toEqual(['Ünïcödé ✓ 😀', -1e-7, 1e15, 'end']);
    expect(at(v, 'D2').value === null || at(v, 'D2').value === '').toBe(true);
    expect((v.formulas ?? []).flat().every((f) => f === null)).toBe(true);
  });

  it('reads only the top-left rows and columns asked for (every sheet\'s header block), formulas included', async () => {
    const s = make();
    const rows = Array.from({ length: 30 }, (_, r) => Array.from({ length: 12 }, (_, c) => (r === 1 && c === 1 ? { formula: '=1+1' } : `r${r}c${c}`)));
    await s.apply(plan([sheet('Grid', (g) => g.blocks.push({ row: 1, col: 1, values: rows })), sheet('Far', (g) => g.blocks.push({ row: 20, col: 20, values: [['x']] }))]));
    const v = await s.read('Grid', { within: { rows: 3, cols: 4 } });
    const blank = (x: unknown) => (x === '' || x === undefined ? null : x);
    const seen = ['A', 'B', 'C', 'D'].map((c) => [1, 2, 3].map((r) => (c === 'C' && r === 3 ? 'formula' : blank(at(v, `${c}${r}`).value))));
    expect(seen).toEqual([
      [null, null, null],
      [null, 'r0c0', 'r1c0'],
      [null, 'r0c1', 'formula'],
      [null, 'r0c2', 'r1c2'],
    ]);
    // Nothing beyond: three rows, four columns.
    expect(v.values.length).toBeLessThanOrEqual(3);
    expect(Math.max(...v.values.map((r) => r.length))).toBeLessThanOrEqual(4);
    expect(at(v, 'C3').formula).toBe('=1+1');
    const far = await s.read('Far', { within: { rows: 3, cols: 4 } });
    expect(far.values.flat().filter((x) => blank(x) !== null)).toEqual([]);
  });

  it('formulas are formulas, with English names and comma separators, as written', async () => {
    const s = make();
    await s.apply(plan([sheet('Grid', (g) => g.blocks.push({ row: 0, col: 0, values: [[1, 2, { formula: '=SUM(A1:B1)' }, { formula: 'IF(A1>0,"yes","no")' }, { formula: '=IFS(A1=1,"one",TRUE,"other")' }]] }))]));
    const v = await s.read('Grid');
    expect([at(v, 'C1').formula, at(v, 'D1').formula, at(v, 'E1').formula]).toEqual(['=SUM(A1:B1)', '=IF(A1>0,"yes","no")', '=IFS(A1=1,"one",TRUE,"other")']);
  });

  it('text that looks like a formula, number, date or error stays that text', async () => {
    const s = make();
    await s.apply(plan([sheet('Grid', (g) => g.blocks.push({ row: 0, col: 0, values: LOOKS_LIKE_MORE.map((t) => [t]) }))]));
    const v = await s.read('Grid');
    LOOKS_LIKE_MORE.forEach((t, i) => expect(at(v, `A${i + 1}`)).toEqual({ value: t, formula: null }));
  });

  it('dates are real dates (serial numbers) in the plan date format', async () => {
    const s = make();
    await s.apply(plan([sheet('Grid', (g) => g.blocks.push({ row: 0, col: 0, values: [[{ date: '2024-02-29' }, { date: '1900-03-01' }]] }))]));
    const v = await s.read('Grid');
    expect([at(v, 'A1').value, at(v, 'B1').value]).toEqual([45351, 61]);
    expect((await s.style('Grid', 'A1')).numberFormat).toBe('dd/mm/yyyy');
  });

  it('styles read back: bold, italic, fill, number format, alignment, wrap', async () => {
    const s = make();
    await s.apply(
      plan([
        sheet('Grid', (g) => {
          g.blocks.push({ row: 0, col: 0, values: [['Head', 0.25], ['plain', 3]] });
          g.styles.push({ range: { row: 0, col: 0 }, style: { bold: true, fill: '#FFEEDD', horizontal: 'center', wrap: true } });
          g.styles.push({ range: { row: 0, col: 1 }, style: { italic: true, numberFormat: '0%' } });
        }),
      ]),
    );
    expect(await s.style('Grid', 'A1')).toEqual({ bold: true, italic: false, fill: '#FFEEDD', numberFormat: 'General', horizontal: 'center', wrap: true });
    expect(await s.style('Grid', 'B1')).toEqual({ bold: false, italic: true, fill: null, numberFormat: '0%', horizontal: null, wrap: false });
    expect(await s.style('Grid', 'A2')).toEqual({ bold: false, italic: false, fill: null, numberFormat: 'General', horizontal: null, wrap: false });
  });

  it('drop-down lists, with the error alert cut to the same 32/224 characters', async () => {
    const s = make();
    const message = `Choose one of the listed outcomes. ${'Long help. '.repeat(30)}`;
    await s.apply(
      plan([
        sheet('Grid', (g) => {
          g.validations.push({ range: { row: 1, col: 2, endRow: 9 }, list: ['Accepted', 'Referred', 'Say "yes"'], allowBlank: true, errorTitle: 'Assessor decision: choose from the list', errorMessage: message });
        }),
      ]),
    );
    const v = await s.validation('Grid', 'C5');
    expect(v).toEqual({ list: ['Accepted', 'Referred', 'Say "yes"'], title: `${'Assessor decision: choose from '.slice(0, 31)}…`, message: `${message.slice(0, 223)}…` });
    expect(await s.validation('Grid', 'D5')).toBeNull();
  });

  it('tables and defined names where the plan puts them', async () => {
    const s = make();
    await s.apply(
      plan(
        [
          sheet('Jane Smith 203', (g) => {
            g.blocks.push({ row: 1, col: 0, values: [['Criterion', 'Evidence'], ['1.1', 'E1'], ['1.2', '']] });
            g.tables.push({ name: 'Unit203Items', range: { row: 1, col: 0, endRow: 3, endCol: 1 } });
          }),
        ],
        [{ name: 'Unit203Evidence', sheet: 'Jane Smith 203', range: { row: 2, col: 1, endRow: 3 } }],
      ),
    );
    expect(await s.tables()).toEqual([{ name: 'Unit203Items', sheet: 'Jane Smith 203', range: 'A2:B4' }]);
    expect(await s.names()).toEqual([{ name: 'Unit203Evidence', reference: "'Jane Smith 203'!$B$3:$B$4" }]);
    const v = await s.read('Jane Smith 203');
    expect([at(v, 'A2').value, at(v, 'B3').value]).toEqual(['Criterion', 'E1']);
  });

  it("a rebuild in place moves the user's cell with its row and keeps their formula", async () => {
    const s = make();
    const grid = (rows: PlanValue[][], rebuild?: SheetPlan['rebuild']): SheetPlan =>
      sheet('Grid', (g) => {
        g.blocks.push({ row: 0, col: 0, values: rows });
        if (rebuild) g.rebuild = rebuild;
      });
    await s.apply(plan([grid([['Item'], ['1.1'], ['1.2']])]));
    await s.type('Grid', 'D3', '=B3&"!"');
    await s.type('Grid', 'E3', 'my note to self');
    const tabs = await s.sheetNames();
    const identity = s.identity('Grid');
    // A new item 1.0 goes above 1.1: one row inserted at row 2; the user's cells move to row 4.
    await s.apply(plan([grid([['Item'], ['1.0'], ['1.1'], ['1.2']], { edits: [{ axis: 'rows', op: 'insert', at: 1, count: 1 }], keep: [{ row: 3, col: 3, endCol: 4 }] })]));
    const v = await s.read('Grid');
    expect([at(v, 'A2').value, at(v, 'A3').value, at(v, 'A4').value]).toEqual(['1.0', '1.1', '1.2']);
    expect(at(v, 'D4').formula).toBe('=B4&"!"');
    expect(at(v, 'E4').value).toBe('my note to self');
    // The same sheet, not a new one in its place.
    expect(await s.sheetNames()).toEqual(tabs);
    expect(s.identity('Grid')).toBe(identity);
  });
});

/** A grid sheet of one column of items in a table of the plan's ("Items"), rebuilt in place when `rebuild` is given. */
const itemsGrid = (rows: PlanValue[][], rebuild?: SheetPlan['rebuild']): SheetPlan =>
  sheet('Grid', (g) => {
    g.blocks.push({ row: 0, col: 0, values: rows });
    g.tables.push({ name: 'Items', range: { row: 0, col: 0, endRow: rows.length - 1 } });
    if (rebuild) g.rebuild = rebuild;
  });

describe.each(SUBJECTS)('adapter contract, the user\'s own tables: %s', (_label, make) => {
  it('a rebuild in place keeps a table the user added, growing it with a row inserted inside it, as Excel does', async () => {
    const s = make();
    await s.apply(plan([itemsGrid([['Item'], ['1.1'], ['1.2']])]));
    for (const [a1, text] of [['D1', 'Visit'], ['E1', 'By'], ['D2', 'March'], ['E2', 'Ann'], ['D3', 'May'], ['E3', 'Bob']]) await s.type('Grid', a1!, text!);
    await s.addTable('Grid', 'Visits', 'D1:E3');
    // A new item 1.0 above 1.1: a row inserted at row 2, inside the user's table.
    await s.apply(plan([itemsGrid([['Item'], ['1.0'], ['1.1'], ['1.2']], { edits: [{ axis: 'rows', op: 'insert', at: 1, count: 1 }], keep: [] })]));
    const tables = (await s.tables()).sort((a, b) => a.name.localeCompare(b.name));
    expect(tables).toEqual([
      { name: 'Items', sheet: 'Grid', range: 'A1:A4' },
      { name: 'Visits', sheet: 'Grid', range: 'D1:E4' },
    ]);
    const v = await s.read('Grid');
    expect(['D1', 'E1', 'D3', 'E3', 'D4', 'E4'].map((a) => at(v, a).value)).toEqual(['Visit', 'By', 'March', 'Ann', 'May', 'Bob']);
  });
});

describe('adapter contract, the user\'s own tables: a rebuild that would write over one is refused by both, in the same words, touching nothing', () => {
  it('refuses before the first write', async () => {
    const refusals: string[] = [];
    for (const [, make] of SUBJECTS) {
      const s = make();
      await s.apply(plan([itemsGrid([['Item'], ['1.1']])]));
      for (const [a1, text] of [['C1', 'Visit'], ['C2', 'March']]) await s.type('Grid', a1!, text!);
      await s.addTable('Grid', 'Visits', 'C1:C2');
      const tables = await s.tables();
      // The rebuilt grid grows two columns to the right: over the user's table.
      const error = await s.apply(plan([itemsGrid([['Item', 'Code', 'Title'], ['1.1', 'x', 'y']], { edits: [], keep: [] })])).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidPlanError);
      refusals.push((error as Error).message);
      expect(await s.tables()).toEqual(tables);
      const v = await s.read('Grid');
      expect(['A1', 'A2', 'C1', 'C2'].map((a) => at(v, a).value)).toEqual(['Item', '1.1', 'Visit', 'March']);
    }
    expect(refusals[0]).toMatch(/^The workbook cannot be written as planned, so nothing was changed\. .*the table Visits on sheet "Grid" \(C1:C2\)/);
    expect(refusals[1]).toBe(refusals[0]);
  });
});

describe('adapter contract: both refuse the same plans with the same words, touching nothing', () => {
  const bad: [string, WorkbookPlan][] = [
    ['a sheet name with a colon', plan([sheet('Unit 301: Customer service', () => {})])],
    ['two sheets differing in case', plan([sheet('Grid', () => {}), sheet('GRID', () => {})])],
    ['a list item with a comma', plan([sheet('Grid', (g) => g.validations.push({ range: { row: 0, col: 0 }, list: ['Yes, with help'], allowBlank: true, errorTitle: '', errorMessage: '' }))])],
    ['a list over 255 characters as stored', plan([sheet('Grid', (g) => g.validations.push({ range: { row: 0, col: 0 }, list: ['x'.repeat(127), 'y'.repeat(126)], allowBlank: true, errorTitle: '', errorMessage: '' }))])],
    ['a table name with a space', plan([sheet('Grid', (g) => g.tables.push({ name: 'My Table', range: { row: 0, col: 0, endRow: 1 } }))])],
    ['a cell of 32,768 characters', plan([sheet('Grid', (g) => g.blocks.push({ row: 4, col: 2, values: [['x'.repeat(32_768)]] }))])],
    ['a number that is not finite', plan([sheet('Grid', (g) => g.blocks.push({ row: 0, col: 0, values: [[Number.POSITIVE_INFINITY]] }))])],
    ['a range past the last column', plan([sheet('Grid', (g) => g.merges.push({ row: 0, col: 16_383, endCol: 16_384 }))])],
    [
      'a table name also used for a range name',
      plan(
        [sheet('Grid', (g) => {
          g.blocks.push({ row: 0, col: 0, values: [['h'], ['v']] });
          g.tables.push({ name: 'Marks', range: { row: 0, col: 0, endRow: 1 } });
        })],
        [{ name: 'marks', sheet: 'Grid', range: { row: 0, col: 0 } }],
      ),
    ],
  ];

  it.each(bad)('%s', async (_what, p) => {
    const refusals: string[] = [];
    for (const [, make] of SUBJECTS) {
      const s = make();
      const before = await s.sheetNames();
      const error = await s.apply(p).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidPlanError);
      refusals.push((error as Error).message);
      expect(await s.sheetNames()).toEqual(before);
    }
    expect(refusals[0]).toMatch(/^The workbook cannot be written as planned, so nothing was changed\. /);
    expect(refusals[1]).toBe(refusals[0]);
  });
});
