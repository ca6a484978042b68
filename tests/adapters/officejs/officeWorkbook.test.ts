import {
  ACTION_OVERHEAD_BYTES,
  columnWidthPoints,
  fitToWidthScale,
  needsTextFormat,
  OfficePlanError,
  officeWorkbookAdapter,
} from '../../../src/adapters/officejs/officeWorkbook';
import { emptySheet, type PlanValue, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { isoDateToSerial } from '../../../src/domain/workbook/sheetValues';
import { createFakeExcel, FakeOfficeError, type FakeExcel } from '../../fakes/fakeExcel';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return e instanceof FakeOfficeError ? e.code : `other: ${String(e)}`;
  }
  return 'no error';
};

// ---------------------------------------------------------------------------------------------
// The fake must behave like Excel where our code could go wrong, or it proves nothing.

describe('fakeExcel behaves like Excel', () => {
  let fake: FakeExcel;
  beforeEach(() => {
    fake = createFakeExcel();
  });

  it('throws PropertyNotLoaded for a property read before load + sync', async () => {
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      expect(() => ws.name).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      ws.load('name');
      expect(() => ws.name).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(ws.name).toBe('Sheet1');
      // Writing does not make a property readable either.
      const r = ws.getRange('A1');
      r.values = [[1]];
      await ctx.sync();
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('sets isNullObject only after sync', async () => {
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const there = ctx.workbook.worksheets.getItemOrNullObject('sheet1');
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      expect(() => missing.name).toThrow();
    });
  });

  it('parses strings like typed input unless the cell is formatted as text', async () => {
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:F1').values = [['=1+2', '1.10', '-note', 'TRUE', "'quoted", '2024-01-31']];
      ws.getRange('A2:F2').numberFormat = [['@', '@', '@', '@', '@', '@']];
      ws.getRange('A2:F2').values = [['=1+2', '1.10', '-note', 'TRUE', "'quoted", '2024-01-31']];
      await ctx.sync();
    });
    expect(fake.cell('Sheet1', 'A1').formula).toBe('=1+2');
    expect(fake.cell('Sheet1', 'C1').formula).toBe('=-note');
    expect(fake.values('Sheet1', 'B1:F1')).toEqual([[1.1, 0, true, 'quoted', isoDateToSerial('2024-01-31')]]);
    expect(fake.values('Sheet1', 'A2:F2')).toEqual([['=1+2', '1.10', '-note', 'TRUE', "'quoted", '2024-01-31']]);
    expect(fake.cell('Sheet1', 'A2').formula).toBeNull();
  });

  it('rejects a 2-D array whose shape differs from the range, keeping earlier actions and dropping later ones', async () => {
    const code = await codeOf(
      fake.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Sheet1');
        ws.getRange('A1').values = [['before']];
        ws.getRange('A2:B2').values = [['only one']];
        ws.getRange('A3').values = [['after']];
        await ctx.sync();
      }),
    );
    expect(code).toBe('InvalidArgument');
    expect(fake.values('Sheet1', 'A1:A3')).toEqual([['before'], [''], ['']]);
  });

  it('leaves cells alone where a 2-D array holds null', async () => {
    fake.seed('Sheet1', 'A1', [['keep', 'x']]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [[null, 'y']];
      await ctx.sync();
    });
    expect(fake.values('Sheet1', 'A1:B1')).toEqual([['keep', 'y']]);
  });

  it('enforces sheet-name rules and uniqueness', async () => {
    const add = (name: string): Promise<string> =>
      codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.add(name);
          await ctx.sync();
        }),
      );
    expect(await add('x'.repeat(32))).toBe('InvalidArgument');
    expect(await add('a/b')).toBe('InvalidArgument');
    expect(await add('Q[1]')).toBe('InvalidArgument');
    expect(await add('SHEET1')).toBe('ItemAlreadyExists');
    expect(await add('x'.repeat(31))).toBe('no error');
  });

  it('refuses to delete the last sheet', async () => {
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Sheet1').delete();
          await ctx.sync();
        }),
      ),
    ).toBe('InvalidOperation');
  });

  it('requires valid table names unique across tables and names, and unique text headers', async () => {
    fake.seed('Sheet1', 'A1', [['Code', '', 'code'], [1, 2, 3]]);
    fake.seed('Sheet1', 'E1', [['H'], [1]]);
    let second = '';
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      const t = ws.tables.add('A1:C2', true);
      t.name = 'Units';
      ctx.workbook.names.add('Marks', '=Sheet1!$A$1');
      const other = ws.tables.add('E1:E2', true).load('name');
      await ctx.sync();
      second = other.name;
    });
    expect(second).toBe('Table1'); // the default name is the first free one
    expect(fake.values('Sheet1', 'A1:C1')).toEqual([['Code', 'Column2', 'code2']]);
    const rename = (name: string): Promise<string> =>
      codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.tables.getItem(second).name = name;
          await ctx.sync();
        }),
      );
    expect(await rename('units')).toBe('ItemAlreadyExists');
    expect(await rename('MARKS')).toBe('ItemAlreadyExists');
    expect(await rename('Has space')).toBe('InvalidArgument');
    expect(await rename('A1')).toBe('InvalidArgument');
    expect(await rename('Evidence_2025')).toBe('no error');
  });

  it('keeps only the top-left value of a merge and refuses a table over merged cells', async () => {
    fake.seed('Sheet1', 'A1', [['a', 'b'], ['c', 'd']]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').merge(false);
      await ctx.sync();
    });
    expect(fake.values('Sheet1', 'A1:B2')).toEqual([['a', ''], ['', '']]);
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Sheet1').tables.add('A1:C3', true);
          await ctx.sync();
        }),
      ),
    ).toBe('InvalidOperation');
  });

  it('protects: locked cells refuse edits, unlocked cells accept them, and a sheet cannot be protected twice', async () => {
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B1').format.protection.locked = false;
      ws.protection.protect({ allowSort: true });
      await ctx.sync();
    });
    const write = (a1: string): Promise<string> =>
      codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Sheet1').getRange(a1).values = [['x']];
          await ctx.sync();
        }),
      );
    expect(await write('A1')).toBe('AccessDenied');
    expect(await write('B1')).toBe('no error');
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').format.fill.color = '#FF0000';
          await ctx.sync();
        }),
      ),
    ).toBe('AccessDenied');
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Sheet1').protection.protect();
          await ctx.sync();
        }),
      ),
    ).toBe('InvalidOperation');
  });

  it('counts syncs and measures each request, syncs leftovers at the end of run, and discards a failed batch', async () => {
    let escaped: Excel.Range | undefined;
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      r.values = [['abc', 'def']];
      await ctx.sync();
      r.format.font.bold = true; // left for Excel.run's own final sync
      escaped = r;
    });
    expect(fake.stats.syncs).toBe(2);
    expect(fake.stats.log[1]?.implicit).toBe(true);
    expect(fake.stats.log[0]?.bytes).toBeGreaterThan(JSON.stringify([['abc', 'def']]).length);
    expect(fake.cell('Sheet1', 'A1').font.bold).toBe(true);
    expect(() => ((escaped as Excel.Range).values = [['z', 'z']])).toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }));

    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('C1').values = [['never']];
        throw new Error('batch failed');
      }),
    ).rejects.toThrow('batch failed');
    expect(fake.cell('Sheet1', 'C1').value).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// The adapter

function plan(sheets: SheetPlan[], names: WorkbookPlan['names'] = []): WorkbookPlan {
  return { sheets, names, dateFormat: 'dd/mm/yyyy' };
}

function richSheet(name = 'Unit 301'): SheetPlan {
  const s = emptySheet(name, 'unitGrid');
  s.blocks.push(
    {
      row: 0,
      col: 0,
      values: [
        ['Unit 301 grid', null, null, null],
        ['Criterion', 'Evidence', 'Date', 'Decision'],
        ['1.1', 'Observation', { date: '2025-03-14' }, 'Accepted'],
        ['1.2', '=not a formula', null, null],
      ],
    },
    { row: 5, col: 0, values: [['Total', { formula: '=COUNTA(B3:B4)' }, { formula: 'SUM(1,2)' }]] },
  );
  s.styles.push(
    { range: { row: 1, col: 0, endRow: 1, endCol: 3 }, style: { bold: true, fill: '#DDEBF7', border: 'thin', horizontal: 'center', vertical: 'middle', wrap: true } },
    { range: { row: 1, col: 1 }, style: { rotation: 90, fontColor: '#1F4E79', fontSize: 9, italic: true } },
    { range: { row: 2, col: 1, endRow: 3, endCol: 3 }, style: { locked: false } },
    { range: { row: 5, col: 1 }, style: { numberFormat: '0.0', border: 'medium' } },
  );
  s.merges.push({ row: 0, col: 0, endRow: 0, endCol: 3 });
  s.columnWidths.push({ col: 0, width: 8.43 }, { col: 1, width: 20 }, { col: 2, width: 20 });
  s.rowHeights.push({ row: 1, height: 30 });
  s.tables.push({ name: 'Unit301Evidence', range: { row: 1, col: 0, endRow: 3, endCol: 3 }, style: 'TableStyleLight9', showFilter: false });
  s.validations.push({ range: { row: 2, col: 3, endRow: 3, endCol: 3 }, list: ['Accepted', 'Referred'], allowBlank: true, errorTitle: 'Decision', errorMessage: 'Choose Accepted or Referred.' });
  s.conditionalFormats.push({ range: { row: 2, col: 0, endRow: 3, endCol: 3 }, formula: '=$D3="Referred"', style: { fill: '#FFC7CE', fontColor: '#9C0006', bold: true }, stopIfTrue: true });
  s.dataBars.push({ range: { row: 5, col: 1 }, color: '#638EC6' });
  s.freeze = { rows: 2, cols: 1 };
  s.print = { landscape: true, fitToWidth: true, repeatRows: { from: 0, to: 1 } };
  s.protection = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: false };
  s.hiddenColumns.push(5, 6);
  s.tabColor = '#70AD47';
  return s;
}

function gridSheet(name: string, rows: number, cols: number): SheetPlan {
  const s = emptySheet(name, 'unitGrid');
  const values: PlanValue[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: PlanValue[] = [];
    for (let c = 0; c < cols; c++) row.push(c === 0 ? `Criterion ${r}.${c}` : (r * c) % 7 === 0 ? 'x' : r * cols + c);
    values.push(row);
  }
  s.blocks.push({ row: 1, col: 0, values });
  s.styles.push({ range: { row: 1, col: 1, endRow: rows, endCol: cols - 1 }, style: { locked: false, border: 'thin', numberFormat: '0' } });
  s.freeze = { rows: 1, cols: 1 };
  s.protection = { allowFormatColumns: true, allowSort: false, allowAutoFilter: false, allowInsertRows: false };
  return s;
}

describe('officeWorkbookAdapter.apply', () => {
  it('writes a small plan with every feature', async () => {
    const fake = createFakeExcel();
    const adapter = officeWorkbookAdapter(fake.run);
    const stats = await adapter.apply(plan([richSheet()], [{ name: 'Unit301Decisions', sheet: 'Unit 301', range: { row: 2, col: 3, endRow: 3, endCol: 3 }, comment: 'Assessor decisions' }]));

    const ws = fake.sheet('Unit 301');
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Unit 301']);
    // Values, text that looks like numbers or formulas, dates, formulas.
    expect(fake.values('Unit 301', 'A2:D4')).toEqual([
      ['Criterion', 'Evidence', 'Date', 'Decision'],
      ['1.1', 'Observation', isoDateToSerial('2025-03-14'), 'Accepted'],
      ['1.2', '=not a formula', '', ''],
    ]);
    expect(fake.cell('Unit 301', 'A3').numberFormat).toBe('@');
    expect(fake.cell('Unit 301', 'B3').numberFormat).toBe('General');
    expect(fake.cell('Unit 301', 'C3').numberFormat).toBe('dd/mm/yyyy');
    expect(fake.cell('Unit 301', 'B4').formula).toBeNull();
    expect(fake.cell('Unit 301', 'B6').formula).toBe('=COUNTA(B3:B4)');
    expect(fake.cell('Unit 301', 'C6').formula).toBe('=SUM(1,2)');
    // Styles.
    const header = fake.cell('Unit 301', 'C2');
    expect(header.font.bold).toBe(true);
    expect(header.fill).toBe('#DDEBF7');
    expect(header.horizontalAlignment).toBe('Center');
    expect(header.verticalAlignment).toBe('Center');
    expect(header.wrapText).toBe(true);
    expect(header.borders.top).toEqual({ style: 'Continuous', weight: 'Thin' });
    expect(header.borders.left).toEqual({ style: 'Continuous', weight: 'Thin' });
    expect(fake.cell('Unit 301', 'B2')).toMatchObject({ textOrientation: 90, font: { bold: true, italic: true, size: 9, color: '#1F4E79' } });
    expect(fake.cell('Unit 301', 'B6')).toMatchObject({ numberFormat: '0.0', borders: { bottom: { style: 'Continuous', weight: 'Medium' } } });
    expect(fake.cell('Unit 301', 'D4').locked).toBe(false);
    expect(fake.cell('Unit 301', 'A3').locked).toBe(true);
    // Layout.
    expect(ws.merges).toEqual([{ row: 0, col: 0, endRow: 0, endCol: 3 }]);
    expect(ws.columnWidths.get(0)).toBe(48);
    expect(ws.columnWidths.get(1)).toBe(columnWidthPoints(20));
    expect(ws.rowHeights.get(1)).toBe(30);
    expect([...ws.hiddenColumns].sort()).toEqual([5, 6]);
    expect(ws.tabColor).toBe('#70AD47');
    expect(ws.freeze).toEqual({ rows: 2, cols: 1 });
    // Fit to width: the fake, like Excel in office-js#1860, ignores the fit-to-pages zoom, so the
    // scale set first stays (these four columns fit at 100 %).
    expect(ws.pageLayout).toEqual({ orientation: 'Landscape', zoom: { scale: 100 }, printTitleRows: '$1:$2' });
    // Table, validation, conditional formats, names.
    expect(fake.workbook.tables).toEqual([expect.objectContaining({ name: 'Unit301Evidence', sheetId: ws.id, rect: { row: 1, col: 0, endRow: 3, endCol: 3 }, style: 'TableStyleLight9', showFilterButton: false })]);
    expect(ws.validations).toEqual([
      {
        rect: { row: 2, col: 3, endRow: 3, endCol: 3 },
        rule: { list: { inCellDropDown: true, source: 'Accepted,Referred' } },
        ignoreBlanks: true,
        errorAlert: { showAlert: true, style: 'Stop', title: 'Decision', message: 'Choose Accepted or Referred.' },
      },
    ]);
    expect(ws.conditionalFormats).toEqual([
      expect.objectContaining({ type: 'Custom', rect: { row: 2, col: 0, endRow: 3, endCol: 3 }, formula: '=$D3="Referred"', stopIfTrue: true, format: { fill: '#FFC7CE', fontColor: '#9C0006', bold: true } }),
      expect.objectContaining({ type: 'DataBar', rect: { row: 5, col: 1, endRow: 5, endCol: 1 }, dataBar: { fillColor: '#638EC6' } }),
    ]);
    expect(fake.nameFormula('Unit301Decisions')).toBe("='Unit 301'!$D$3:$D$4");
    expect(fake.workbook.names[0]?.comment).toBe('Assessor decisions');
    // Protection last, with the plan's allowances.
    expect(ws.protection).toEqual({ protected: true, options: { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: false } });

    // 2 for the pre-flight (sheets and names, then each sheet's tables), 1 for what exists, 1 write.
    expect(stats.syncs).toBe(4);
    expect(stats.syncs).toBe(fake.stats.syncs);
    expect(fake.stats.log.every((l) => !l.implicit)).toBe(true);
    expect(fake.stats.log[3]?.calculationSuspended).toBe(true);
    // The adapter's payload estimate never undershoots what was sent.
    expect(stats.maxRequestBytes).toBeGreaterThanOrEqual(fake.stats.maxSyncBytes);
    expect(stats.totalBytes).toBeGreaterThanOrEqual(fake.stats.totalBytes);
    expect(stats.oversizedRequests).toBe(0);
  });

  it('keeps user text that looks like a formula, number, date or boolean as text; only PlanFormula is a formula', async () => {
    const tricky = ['=SUM(A1:A3)', '+44 7700 900123', '-', '- see notes', '@home', '1.10', '007', '2024-01-31', '31/01/2024', '3/4', '10:30', '50%', 'TRUE', 'false', '#N/A', "'quoted", ' =1', '1e5'];
    const s = emptySheet('Text', 'about');
    s.blocks.push({ row: 0, col: 0, values: [tricky, [{ formula: '=1+1' }, 'plain words', '', 12, true, null]] });
    const fake = createFakeExcel();
    await officeWorkbookAdapter(fake.run).apply(plan([s]));
    expect(fake.values('Text', `A1:${String.fromCharCode(64 + tricky.length)}1`)).toEqual([tricky]);
    tricky.forEach((_, i) => expect(fake.cell('Text', `${String.fromCharCode(65 + i)}1`).formula).toBeNull());
    expect(fake.cell('Text', 'A2').formula).toBe('=1+1');
    expect(fake.values('Text', 'B2:E2')).toEqual([['plain words', '', 12, true]]);
    expect(fake.cell('Text', 'B2').numberFormat).toBe('General');
  });

  it('replaces an existing sheet in its tab position and leaves other sheets alone', async () => {
    const fake = createFakeExcel({ sheets: ['Cover', 'Unit 301', 'Notes'] });
    fake.seed('Unit 301', 'A1', [['old'], ['stale']]);
    fake.seed('Notes', 'A1', [['my notes']]);
    const adapter = officeWorkbookAdapter(fake.run);
    await adapter.apply(plan([richSheet()], [{ name: 'Unit301Decisions', sheet: 'Unit 301', range: { row: 2, col: 3 } }]));
    // Applying again reuses the same table and defined names (the old ones go with the old sheet).
    await adapter.apply(plan([richSheet(), gridSheet('Unit 302', 3, 3)], [{ name: 'Unit301Decisions', sheet: 'Unit 301', range: { row: 2, col: 3, endRow: 3, endCol: 3 } }]));

    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['Cover', 'Unit 301', 'Notes', 'Unit 302']);
    expect(fake.values('Unit 301', 'A2:A3')).toEqual([['Criterion'], ['1.1']]);
    expect(fake.values('Notes', 'A1')).toEqual([['my notes']]);
    expect(fake.workbook.tables.map((t) => t.name)).toEqual(['Unit301Evidence']);
    expect(fake.workbook.names.map((n) => n.name)).toEqual(['Unit301Decisions']);
    expect(fake.nameFormula('Unit301Decisions')).toBe("='Unit 301'!$D$3:$D$4");
    expect(fake.workbook.sheets.some((s) => s.name.startsWith('vq-replaced'))).toBe(false);
  });

  it('replaces the only sheet of a workbook (Excel refuses to delete the last sheet)', async () => {
    const fake = createFakeExcel({ sheets: ['Unit 301'] });
    fake.seed('Unit 301', 'Z99', [['old']]);
    await officeWorkbookAdapter(fake.run).apply(plan([richSheet()]));
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['Unit 301']);
    expect(fake.cell('Unit 301', 'Z99').value).toBe('');
  });

  it('rejects a plan office-js cannot express before touching the workbook', async () => {
    const fake = createFakeExcel();
    const adapter = officeWorkbookAdapter(fake.run);
    await expect(adapter.apply(plan([emptySheet('Unit 301: Customer service and more', 'unitGrid')]))).rejects.toThrow(OfficePlanError);
    const withComma = richSheet();
    withComma.validations[0]?.list.push('Yes, with help');
    await expect(adapter.apply(plan([withComma]))).rejects.toThrow(/commas/);
    await expect(adapter.apply(plan([richSheet('A'), richSheet('a')]))).rejects.toThrow(/two sheets/);
    expect(fake.stats.runs).toBe(0);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('uses the same four syncs (pre-flight 2, what exists 1, writes 1) for 1 sheet and for 30 sheets x 200 rows x 60 columns', async () => {
    const one = createFakeExcel();
    const small = await officeWorkbookAdapter(one.run).apply(plan([gridSheet('G1', 5, 5)]));

    const big = createFakeExcel();
    const sheets = Array.from({ length: 30 }, (_, i) => gridSheet(`Unit ${i + 1}`, 200, 60));
    const large = await officeWorkbookAdapter(big.run).apply(plan(sheets));

    expect(small.syncs).toBe(4);
    expect(large.syncs).toBe(4);
    expect(one.stats.syncs).toBe(4);
    expect(big.stats.syncs).toBe(4);
    expect(big.stats.maxSyncBytes).toBeLessThanOrEqual(4_500_000);
    expect(large.maxRequestBytes).toBeGreaterThanOrEqual(big.stats.maxSyncBytes);
    expect(fake30Check(big)).toBe(true);
  }, 60_000);

  it('with a small request budget, syncs grow with the payload but no request passes the budget', async () => {
    const limit = 40_000;
    const fake = createFakeExcel();
    const sheets = Array.from({ length: 3 }, (_, i) => gridSheet(`Unit ${i + 1}`, 200, 60));
    const stats = await officeWorkbookAdapter(fake.run, { maxRequestBytes: limit }).apply(plan(sheets));

    expect(stats.syncs).toBeGreaterThan(4);
    expect(stats.syncs).toBe(fake.stats.syncs);
    expect(stats.oversizedRequests).toBe(0);
    for (const entry of fake.stats.log) expect(entry.bytes).toBeLessThanOrEqual(limit);
    // Every write request (after the 3 reads) suspends calculation again (it only lasts until the next sync).
    expect(fake.stats.log.slice(3).every((l) => l.calculationSuspended)).toBe(true);
    // Split blocks still land where they belong.
    expect(fake.values('Unit 3', 'A201:C201')).toEqual([['Criterion 199.0', 199 * 60 + 1, 199 * 60 + 2]]);
    expect(fake.cell('Unit 3', 'BH201')).toMatchObject({ value: 199 * 60 + 59, numberFormat: '0', locked: false });
    expect(fake.sheet('Unit 3').protection.protected).toBe(true);
  });

  it('splits one block that is wider than a request by columns and reports a single cell that cannot fit', async () => {
    const limit = 2_000;
    const s = emptySheet('Wide', 'about');
    const wide: PlanValue[] = Array.from({ length: 200 }, (_, i) => `item ${i}`);
    s.blocks.push({ row: 0, col: 0, values: [wide] }, { row: 2, col: 0, values: [['y'.repeat(5_000)]] });
    const fake = createFakeExcel();
    const stats = await officeWorkbookAdapter(fake.run, { maxRequestBytes: limit }).apply(plan([s]));

    expect(fake.values('Wide', 'A1:GR1')).toEqual([wide]);
    expect(fake.cell('Wide', 'A3').value).toBe('y'.repeat(5_000));
    expect(stats.oversizedRequests).toBe(1);
    const over = fake.stats.log.filter((l) => l.bytes > limit);
    expect(over).toHaveLength(1);
    // The oversized request carries just the indivisible write (and the calculation switch).
    expect(over[0]?.actions).toBeLessThanOrEqual(3);
  });
});

function fake30Check(fake: FakeExcel): boolean {
  const s = fake.sheet('Unit 30');
  return (
    s.cells.get(200 * 16_384 + 59)?.value === 199 * 60 + 59 &&
    fake.cell('Unit 30', 'A2').value === 'Criterion 0.0' &&
    fake.cell('Unit 30', 'A2').numberFormat === '@' &&
    s.protection.protected &&
    s.freeze.rows === 1
  );
}

describe('officeWorkbookAdapter.readSheets and sheetNames', () => {
  it('returns what apply wrote, anchored at A1, with formulas alongside', async () => {
    const fake = createFakeExcel({ evaluate: (f) => (f === '=SUM(1,2)' ? 3 : 0) });
    const adapter = officeWorkbookAdapter(fake.run);
    await adapter.apply(plan([richSheet()]));
    fake.resetStats();
    const [sheet] = await adapter.readSheets(['unit 301']);
    expect(sheet?.name).toBe('Unit 301');
    expect(sheet?.values.slice(0, 4)).toEqual([
      ['Unit 301 grid', '', '', ''],
      ['Criterion', 'Evidence', 'Date', 'Decision'],
      ['1.1', 'Observation', isoDateToSerial('2025-03-14'), 'Accepted'],
      ['1.2', '=not a formula', '', ''],
    ]);
    expect(sheet?.values[5]).toEqual(['Total', 0, 3, '']);
    expect(sheet?.formulas?.[5]).toEqual([null, '=COUNTA(B3:B4)', '=SUM(1,2)', null]);
    expect(sheet?.formulas?.[3]).toEqual([null, null, null, null]);
    expect(fake.stats.syncs).toBeLessThanOrEqual(3);
  });

  it('pads a used range that starts after A1, skips missing sheets and returns an empty sheet empty', async () => {
    const fake = createFakeExcel({ sheets: ['Data', 'Empty'] });
    fake.seed('Data', 'C3', [['a', 1], [true, '=2']]);
    const result = await officeWorkbookAdapter(fake.run).readSheets(['Data', 'Missing', 'Empty']);
    expect(result).toEqual([
      {
        name: 'Data',
        values: [[], [], ['', '', 'a', 1], ['', '', true, 2]],
        formulas: [[], [], [null, null, null, null], [null, null, null, '=2']],
      },
      { name: 'Empty', values: [], formulas: [] },
    ]);
  });

  it('reads many small sheets in three syncs (sheets, used-range shapes, values), and lists sheet names in one', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `S${i}`);
    const fake = createFakeExcel({ sheets: names });
    names.forEach((n, i) => fake.seed(n, 'A1', [[n, i]]));
    const adapter = officeWorkbookAdapter(fake.run);
    const read = await adapter.readSheets(names);
    expect(read.map((r) => r.values[0])).toEqual(names.map((n, i) => [n, i]));
    expect(fake.stats.syncs).toBe(3);
    fake.resetStats();
    expect(await adapter.sheetNames()).toEqual(names);
    expect(fake.stats.syncs).toBe(1);
  });
});

describe('pure helpers', () => {
  it('converts column widths from characters to points (Calibri 11: 7 px a character + 5 px)', () => {
    expect(columnWidthPoints(8.43)).toBe(48);
    expect(columnWidthPoints(20)).toBe(108.75);
    expect(columnWidthPoints(0)).toBe(0);
  });

  it('flags only strings Excel would not keep verbatim', () => {
    for (const s of ['=A1', '+1', '-x', '@x', "'x", '1.1', 'Jan 5', 'TRUE', '#REF!']) expect(needsTextFormat(s)).toBe(true);
    for (const s of ['', 'Observation', 'Accepted', 'N/A', 'Yes', '✓']) expect(needsTextFormat(s)).toBe(false);
  });

  it('reserves a fixed allowance per action', () => {
    expect(ACTION_OVERHEAD_BYTES).toBeGreaterThanOrEqual(200);
  });
});

describe('reads within Excel on the web\'s 5 MB response limit (#10.5)', () => {
  // 24 grids of 100 evidence rows: every cell text of 40 characters, as a described piece of evidence.
  function bigWorkbook(): { fake: ReturnType<typeof createFakeExcel>; names: string[] } {
    const names = Array.from({ length: 24 }, (_, i) => `Grid ${i + 1}`);
    const fake = createFakeExcel({ sheets: names });
    const row = (r: number) => Array.from({ length: 60 }, (_, c) => `Evidence ${String(r).padStart(3, '0')} column ${String(c).padStart(2, '0')} notes..`);
    for (const n of names) fake.seed(n, 'A1', Array.from({ length: 105 }, (_, r) => row(r)));
    return { fake, names };
  }

  it('the fake refuses a response over 5 MB, as Excel on the web does', async () => {
    const { fake, names } = bigWorkbook();
    const error = await fake
      .run(async (ctx) => {
        const ranges = names.slice(0, 20).map((n) => ctx.workbook.worksheets.getItem(n).getUsedRange(true).load('values,formulas'));
        await ctx.sync();
        return ranges[0]!.values;
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('reads a workbook of 100-row grids in responses under the limit, in a bounded number of syncs', async () => {
    const { fake, names } = bigWorkbook();
    const adapter = officeWorkbookAdapter(fake.run);
    const read = await adapter.readSheets(names);
    expect(read).toHaveLength(24);
    expect(read[23]?.values).toHaveLength(105);
    expect(read[23]?.values[104]?.[59]).toBe('Evidence 104 column 59 notes..');
    expect(read[0]?.formulas?.[0]?.[0]).toBeNull();
    const total = fake.stats.log.reduce((n, l) => n + l.responseBytes, 0);
    for (const l of fake.stats.log) expect(l.responseBytes).toBeLessThanOrEqual(5_000_000);
    // Sheets and shapes (2), then about one request per 4 MB of values and formulas, with at most
    // a retry or two while the estimate learns how dense these cells are.
    expect(total).toBeGreaterThan(9_000_000);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2 + Math.ceil(total / 4_000_000) + 3);
    console.log(`read of 24 grids x 105 rows x 60 columns: ${fake.stats.syncs} syncs, ${total} bytes returned, largest response ${fake.stats.maxResponseBytes}`);
  });

  it('when Excel still refuses a response (the estimate too low), reads it again in halves', async () => {
    const names = ['Dense 1', 'Dense 2'];
    const fake = createFakeExcel({ sheets: names, responseLimitBytes: 60_000 });
    for (const n of names) fake.seed(n, 'B2', Array.from({ length: 50 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${'x'.repeat(40)} ${r}/${c}`)));
    const read = await officeWorkbookAdapter(fake.run, { maxResponseBytes: 1_000_000 }).readSheets(names);
    expect(read.map((r) => r.values.length)).toEqual([51, 51]);
    expect(read[1]?.values[50]).toEqual(['', ...Array.from({ length: 10 }, (_, c) => `${'x'.repeat(40)} 49/${c}`)]);
    expect(read[0]?.values[0]).toEqual([]);
    const refused = fake.stats.log.filter((l) => l.responseBytes > 60_000).length;
    expect(refused).toBeGreaterThan(0);
    expect(fake.stats.log.filter((l) => l.responseBytes <= 60_000).length).toBeGreaterThan(2);
  });
});

describe('print: fit to one page wide (#10.7)', () => {
  function wide(): SheetPlan {
    const s = gridSheet('Wide grid', 10, 40);
    s.columnWidths.push({ col: 0, width: 30 });
    s.hiddenColumns.push(39);
    s.print = { landscape: true, fitToWidth: true };
    return s;
  }

  it('the fake refuses 0 pages (no documented value) and, as in office-js#1860, may ignore a fit-to-pages zoom', async () => {
    const fake = createFakeExcel();
    const set = (zoom: Excel.PageLayoutZoomOptions) =>
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').pageLayout.zoom = zoom;
        await ctx.sync();
      });
    await expect(set({ horizontalFitToPages: 1, verticalFitToPages: 0 })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await set({ horizontalFitToPages: 1 });
    expect(fake.sheet('Sheet1').pageLayout.zoom).toEqual({ scale: 100 });
    await set({ scale: 55 });
    expect(fake.sheet('Sheet1').pageLayout.zoom).toEqual({ scale: 55 });
  });

  it('a wide grid prints one page wide whether or not Excel applies fit-to-pages', async () => {
    // 38 visible columns of 48 pt and one of 30 characters: 1,776 + 217.5 pt on a 691 pt landscape page.
    expect(fitToWidthScale(wide())).toBe(Math.floor((691.2 / (38 * 48 + columnWidthPoints(30))) * 100));
    const ignoring = createFakeExcel();
    await officeWorkbookAdapter(ignoring.run).apply(plan([wide()]));
    expect(ignoring.sheet('Wide grid').pageLayout.zoom).toEqual({ scale: fitToWidthScale(wide()) });

    const applying = createFakeExcel({ fitToPagesApplies: true });
    await officeWorkbookAdapter(applying.run).apply(plan([wide()]));
    expect(applying.sheet('Wide grid').pageLayout.zoom).toEqual({ horizontalFitToPages: 1 });
  });
});
