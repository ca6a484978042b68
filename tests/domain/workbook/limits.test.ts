import { definedName } from '../../../src/domain/workbook/names';
import { emptySheet, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { definedNameProblem, describePlanProblems, EXCEL_LIMITS, fitAlertText, listFormula, sheetNameProblem, validatePlan } from '../../../src/domain/workbook/limits';

const plan = (sheets: SheetPlan[], names: WorkbookPlan['names'] = []): WorkbookPlan => ({ sheets, names, dateFormat: 'dd/mm/yyyy' });
const sheet = (name = 'Jane Smith 203', edit: (s: SheetPlan) => void = () => {}): SheetPlan => {
  const s = emptySheet(name, 'unitGrid');
  edit(s);
  return s;
};
const messages = (p: WorkbookPlan): string[] => validatePlan(p).map((x) => x.message);

describe('validatePlan: a plan within Excel limits has no problems', () => {
  it('a sheet with values, a table, a list, a name', () => {
    const s = sheet('Jane Smith 203', (s) => {
      s.blocks.push({ row: 0, col: 0, values: [['Criterion', 'Evidence'], ['1.1', { formula: '=A2' }], [{ date: '2024-02-29' }, 'x'.repeat(EXCEL_LIMITS.cellText)]] });
      s.tables.push({ name: 'Unit203', range: { row: 0, col: 0, endRow: 2, endCol: 1 } });
      s.validations.push({ range: { row: 1, col: 1, endRow: 2 }, list: ['Accepted', 'Referred'], allowBlank: true, errorTitle: 't', errorMessage: 'm' });
    });
    expect(validatePlan(plan([s], [{ name: 'Unit203Decisions', sheet: 'jane smith 203', range: { row: 1, col: 1 } }]))).toEqual([]);
  });
});

describe('validatePlan: every limit, said with the sheet and cell', () => {
  it('sheet names: 31 UTF-16 units (an emoji counts 2), forbidden characters, apostrophes, History, twice', () => {
    expect(sheetNameProblem('x'.repeat(31))).toBeNull();
    expect(sheetNameProblem(`${'x'.repeat(30)}😀`)).toMatch(/at most 31 characters \(this one has 32\)/);
    expect(sheetNameProblem('Unit 301: Customer')).toMatch(/cannot contain :/);
    expect(sheetNameProblem("'quoted")).toMatch(/apostrophe/);
    expect(sheetNameProblem('history')).toMatch(/History/);
    expect(sheetNameProblem('  ')).toMatch(/blank/);
    expect(messages(plan([sheet('A'), sheet('a')]))).toEqual(['The plan has two sheets named "a" (Excel ignores case in sheet names).']);
  });

  it('table and defined names: the rules of both, and unique across both ignoring case', () => {
    for (const bad of ['', 'My Table', '1st', 'A1', 'xfd1048576', 'R', 'c', 'R1C1', 'r2c', 'TRUE', 'x'.repeat(256)]) expect(definedNameProblem(bad)).not.toBeNull();
    for (const good of ['_A1', 'Unit203', 'a.b', '\\x', 'x'.repeat(255)]) expect(definedNameProblem(good)).toBeNull();
    // What the builders make of awkward candidate names passes the same rules.
    for (const raw of ['True', 'R1C1', 'c', 'AB12', '12 Smith', "O'Neil"]) expect(definedNameProblem(definedName(raw))).toBeNull();
    const s = sheet('S', (s) => {
      s.blocks.push({ row: 0, col: 0, values: [['h']] });
      s.tables.push({ name: 'Progress', range: { row: 0, col: 0, endRow: 1 } });
    });
    expect(messages(plan([s], [{ name: 'PROGRESS', sheet: 'S', range: { row: 0, col: 0 } }]))).toEqual([
      'The name "PROGRESS" is also used for a table on sheet "S" (table and range names are unique in a workbook, ignoring case).',
    ]);
    expect(messages(plan([sheet('S', (s) => s.tables.push({ name: 'My Table', range: { row: 0, col: 0, endRow: 1 } }))]))[0]).toMatch(/^Sheet "S": "My Table" cannot be a table name: .*no spaces/);
  });

  it('a cell holds at most 32,767 characters; numbers are finite; dates are real', () => {
    const s = sheet('Jane Smith 203', (s) => s.blocks.push({ row: 6, col: 1, values: [['x'.repeat(40_000), Number.NaN, { date: '2024-02-30' }, Infinity]] }));
    expect(messages(plan([s]))).toEqual([
      'Sheet "Jane Smith 203", cell B7: the text is 40,000 characters long; a cell holds at most 32,767.',
      'Sheet "Jane Smith 203", cell C7: NaN is not a number a cell can hold.',
      'Sheet "Jane Smith 203", cell D7: "2024-02-30" is not a date written yyyy-mm-dd between 1900 and 9999.',
      'Sheet "Jane Smith 203", cell E7: Infinity is not a number a cell can hold.',
    ]);
  });

  it('drop-down lists: 255 characters counted as the file stores them (quotes included, doubled), no commas, no blank items', () => {
    const at = { row: 2, col: 3, endRow: 9 };
    // 253 characters of items: 255 with the quotes, the most Excel takes.
    const fits = ['x'.repeat(126), 'y'.repeat(126)];
    expect(listFormula(fits)).toHaveLength(255);
    expect(validatePlan(plan([sheet('S', (s) => s.validations.push({ range: at, list: fits, allowBlank: true, errorTitle: '', errorMessage: '' }))]))).toEqual([]);
    // 254 characters joined: the office-js adapter took it before; as stored it is 256.
    const over = ['x'.repeat(127), 'y'.repeat(126)];
    const withQuote = ['say "yes"', 'x'.repeat(243)];
    const problems = (list: string[]) => messages(plan([sheet('S', (s) => s.validations.push({ range: at, list, allowBlank: true, errorTitle: '', errorMessage: '' }))]));
    expect(problems(over)).toEqual(['Sheet "S", cells D3:D10: the drop-down list is 256 characters long as Excel stores it; Excel allows 255.']);
    expect(problems(withQuote)).toEqual(['Sheet "S", cells D3:D10: the drop-down list is 257 characters long as Excel stores it; Excel allows 255.']);
    expect(problems(['Yes', 'Yes, with help'])).toEqual(['Sheet "S", cells D3:D10: the drop-down item "Yes, with help" contains a comma; drop-down items cannot hold commas.']);
    // The .xlsx adapter took a blank item before.
    expect(problems(['Yes', ' '])).toEqual(['Sheet "S", cells D3:D10: a drop-down list cannot have a blank item.']);
  });

  it("error alerts are cut to Office's 32-character title and 224-character message, with an ellipsis", () => {
    const fitted = fitAlertText('t'.repeat(40), 'm'.repeat(300));
    expect(fitted.title).toHaveLength(32);
    expect(fitted.title.endsWith('…')).toBe(true);
    expect(fitted.message).toHaveLength(224);
    expect(fitAlertText('Outcome', 'One of: Met, Not met.')).toEqual({ title: 'Outcome', message: 'One of: Met, Not met.' });
    // An emoji is never cut in half.
    expect(fitAlertText(`${'t'.repeat(30)}😀t`, '').title).toBe(`${'t'.repeat(30)}…`);
  });

  it('ranges inside the sheet, top-left first; widths, heights, rotation and colours within bounds', () => {
    const s = sheet('S', (s) => {
      s.merges.push({ row: 0, col: 0, endRow: 1_048_576 });
      s.styles.push({ range: { row: 3, col: 2, endRow: 1 }, style: { bold: true } });
      s.styles.push({ range: { row: 0, col: 0 }, style: { rotation: 180, fill: 'red' } });
      s.columnWidths.push({ col: 16_384, width: 5 }, { col: 2, width: 300 });
      s.rowHeights.push({ row: 4, height: 410 });
      s.blocks.push({ row: 0, col: 16_383, values: [['a', 'b']] });
    });
    expect(messages(plan([s]))).toEqual([
      'Sheet "S": the block of values goes beyond column XFD, the last column of a sheet.',
      'Sheet "S": the formatted range ends before it starts ({"row":3,"col":2,"endRow":1}).',
      'Sheet "S", cell A1: text can be turned from -90 to 90 degrees, not 180.',
      'Sheet "S", cell A1: the fill "red" is not a colour written #RRGGBB.',
      'Sheet "S": the merged range goes beyond row 1,048,576, the last row of a sheet.',
      'Sheet "S": the column goes beyond column XFD, the last column of a sheet.',
      'Sheet "S": column C cannot be 300 characters wide (0 to 255).',
      'Sheet "S": row 5 cannot be 410 points high (0 to 409).',
    ]);
  });

  it('tables: no overlap with another table or merged cells, header cells hold distinct text', () => {
    const s = sheet('S', (s) => {
      s.blocks.push({ row: 0, col: 0, values: [['Unit', 'unit', '']] });
      s.tables.push({ name: 'Marks', range: { row: 0, col: 0, endRow: 3, endCol: 2 } });
      s.tables.push({ name: 'Evidence', range: { row: 2, col: 2, endRow: 4, endCol: 4 } });
      s.merges.push({ row: 4, col: 4, endCol: 5 });
    });
    expect(messages(plan([s]))).toEqual([
      'Sheet "S", cell B1: table Marks has a duplicate column name "unit" (a table\'s column names differ, ignoring case).',
      'Sheet "S", cell C1: the header of table Marks must hold text.',
      'Sheet "S", cells C3:E5: table Evidence overlaps another table.',
      'Sheet "S", cells C3:E5: table Evidence overlaps merged cells, which a table cannot hold.',
    ]);
  });

  it('names refer to a sheet the plan writes, inside it', () => {
    expect(messages(plan([sheet('S')], [{ name: 'Marks', sheet: 'Elsewhere', range: { row: 2, col: 0, endRow: 0 } }]))).toEqual([
      'The name "Marks" refers to sheet "Elsewhere", which the plan does not write.',
      'The name "Marks" ends before it starts ({"row":2,"col":0,"endRow":0}).',
    ]);
  });

  it('one message for many problems: the first three in full, then how many more', () => {
    const s = sheet('S', (s) => s.blocks.push({ row: 0, col: 0, values: [[NaN, NaN, NaN, NaN, NaN]] }));
    expect(describePlanProblems(validatePlan(plan([s])))).toBe(
      'The workbook cannot be written as planned, so nothing was changed. Sheet "S", cell A1: NaN is not a number a cell can hold. Sheet "S", cell B1: NaN is not a number a cell can hold. Sheet "S", cell C1: NaN is not a number a cell can hold. And 2 more.',
    );
    expect(describePlanProblems([])).toBeNull();
  });
});
