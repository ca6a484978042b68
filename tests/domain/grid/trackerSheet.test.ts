import { readHeaderBlock } from '../../../src/domain/grid/readGrid';
import { buildTracker, NO_LONGER_IN_PATHWAY, readTracker, type TrackerContent } from '../../../src/domain/grid/trackerSheet';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { QualificationIndex } from '../../../src/domain/standards/catalog';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { a1, at, find, formulaAt, parseA1, planValues, put, styleAt, unlocked, validationAt } from './planCells';

function qualification(id: string): QualificationIndex {
  const q = bundledCatalog().findQualification(id);
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
}

function readBack(values: RawCell[][]): TrackerContent {
  const r = readTracker(values);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

/** Zero-based row of a unit code in column A. */
function rowOf(values: RawCell[][], code: string): number {
  const r = values.findIndex((line) => line[0] === code);
  if (r < 0) throw new Error(`no row for ${code}`);
  return r;
}

const HEADERS = [
  'Unit code',
  'Title',
  'Group',
  'Mandatory',
  'Level',
  'Credit',
  'GLH',
  'Status',
  'Coverage',
  'Assessor',
  'Internal verifier',
  'IV sampled',
  'Date completed',
  'Grid sheet',
];

describe('unit progress record: City & Guilds 4430-02', () => {
  const index = qualification('cg-4430-02');
  const pathway = ['4430-101', '4430-201', '203', '4430-104', '4430-105', '4430-221'];
  const built = buildTracker({
    sheetName: 'Jane Smith progress',
    index,
    candidate: 'Jane Smith',
    assessor: 'P. Jones',
    pathway,
    gridSheets: { '203': 'Jane Smith 4430-203', '4430-101': 'Grid101' },
    takenNames: ['Other_Table'],
  });
  const { sheet } = built;

  it('has the header block: candidate, qualification, assessor (and no Unit label, so it is not taken for a grid)', () => {
    expect(sheet.role).toBe('tracker');
    expect(at(sheet, 'A1')).toBe('Unit progress record');
    expect(['A2', 'B2', 'A3', 'B3', 'A4', 'B4', 'A5', 'B5'].map((x) => at(sheet, x))).toEqual([
      'Candidate',
      'Jane Smith',
      'Qualification',
      'Level 2 NVQ Certificate in Customer Service',
      'Qualification id',
      'cg-4430-02',
      'Assessor',
      'P. Jones',
    ]);
    const header = readHeaderBlock(planValues(sheet));
    expect(header.candidate).toBe('Jane Smith');
    expect(header.unit).toBeUndefined();
  });

  it('lists one row per pathway unit in an Excel table with a valid unique name', () => {
    expect(HEADERS.map((_, c) => at(sheet, a1(7, c)))).toEqual(HEADERS);
    expect(['A9', 'A10', 'A11', 'A12', 'A13', 'A14'].map((x) => at(sheet, x))).toEqual(['4430-101', '4430-201', '4430-203', '4430-104', '4430-105', '4430-221']);
    expect(sheet.tables).toEqual([
      { name: 'Progress_Jane_Smith', range: { row: 7, col: 0, endRow: 13, endCol: 13 }, style: 'TableStyleMedium2', showFilter: true },
    ]);
    expect(built.tableName).toBe('Progress_Jane_Smith');
    const again = buildTracker({ sheetName: 'x', index, candidate: 'Jane Smith', pathway, takenNames: ['PROGRESS_jane_smith'] });
    expect(again.tableName).toBe('Progress_Jane_Smith_2');
    const odd = buildTracker({ sheetName: 'x', index, candidate: "1 O'Brien", pathway });
    expect(odd.tableName).toBe('Progress_1_O_Brien');
  });

  it('gives each unit its facts from the standard', () => {
    expect(['A11', 'B11', 'C11', 'D11', 'E11', 'F11', 'G11'].map((x) => at(sheet, x))).toEqual([
      '4430-203',
      'Give customers a positive impression of yourself and your organisation',
      'Impression and Image',
      'No',
      2,
      5,
      33,
    ]);
    expect(at(sheet, 'D9')).toBe('Yes');
    expect(at(sheet, 'N11')).toBe('Jane Smith 4430-203');
  });

  it("reads status and coverage from the unit's grid sheet, quoted as a formula needs", () => {
    expect(formulaAt(sheet, 'H11')).toBe("='Jane Smith 4430-203'!$E$5");
    expect(formulaAt(sheet, 'I11')).toBe("='Jane Smith 4430-203'!$E$6");
    expect(formulaAt(sheet, 'H9')).toBe('=Grid101!$E$5');
    expect(styleAt(sheet, 'I11').numberFormat).toBe('0%');
    expect(at(sheet, 'H10')).toBe('No grid sheet yet');
  });

  it('totals credits achieved (SUMIFS on Complete) and planned, and states the rules of combination at build time', () => {
    const achieved = parseA1(find(sheet, 'Credits achieved')!);
    expect(formulaAt(sheet, a1(achieved.row, 2))).toBe('=SUMIFS($F$9:$F$14,$H$9:$H$14,"Complete")');
    const planned = parseA1(find(sheet, 'Credits planned')!);
    expect(formulaAt(sheet, a1(planned.row, 2))).toBe(`=SUMIFS($F$9:$F$14,$H$9:$H$14,"<>${NO_LONGER_IN_PATHWAY}")`);
    expect(formulaAt(sheet, a1(parseA1(find(sheet, 'Units complete')!).row, 2))).toBe('=COUNTIF($H$9:$H$14,"Complete")');
    expect(at(sheet, a1(parseA1(find(sheet, 'Minimum credits for the qualification')!).row, 2))).toBe(28);
    // 101, 201, 203, 104, 105, 221: 29 credits, 15 at level 2, one unit from each optional group.
    const rules = parseA1(find(sheet, 'Rules of combination (at last build)')!);
    expect(built.rules.met).toBe(true);
    expect(at(sheet, a1(rules.row, 2))).toBe('Met');
    const short = buildTracker({ sheetName: 'x', index, candidate: 'J', pathway: ['4430-101', '4430-201', '4430-203'] });
    const at2 = parseA1(find(short.sheet, 'Rules of combination (at last build)')!);
    const lines: string[] = [];
    for (let r = at2.row; at(short.sheet, a1(r, 2)) !== null; r++) lines.push(at(short.sheet, a1(r, 2)) as string);
    expect(lines.length).toBe(short.rules.unmet.length + short.rules.cannotCheck.length);
    expect(lines.every((l) => l.startsWith('Not met: '))).toBe(true);
    expect(lines).toContain('Not met: 15 credits short of the minimum 28');
    expect(short.rules.met).toBe(false);
  });

  it('leaves assessor, internal verifier, IV sampled and date completed editable; IV sampled is Yes/No', () => {
    for (const x of ['J9', 'K9', 'L9', 'M9', 'M14', 'B2', 'B5']) expect([x, unlocked(sheet, x)]).toEqual([x, true]);
    for (const x of ['A9', 'B9', 'F9', 'H9', 'I9', 'N9']) expect([x, unlocked(sheet, x)]).toEqual([x, false]);
    expect(validationAt(sheet, 'L12')!.list).toEqual(['Yes', 'No']);
    expect(styleAt(sheet, 'M9').numberFormat).toBe('dd/mm/yyyy');
    expect(sheet.protection?.allowAutoFilter).toBe(true);
    expect(sheet.print).toEqual({ landscape: true, fitToWidth: true, repeatRows: { from: 7, to: 7 } });
  });

  it('carries user entries over by unit code on a rebuild, and keeps a dropped unit marked', () => {
    const values = planValues(sheet, () => null);
    const r203 = rowOf(values, '4430-203');
    put(values, a1(r203, 9), 'P. Jones');
    put(values, a1(r203, 10), 'I. Verifier');
    put(values, a1(r203, 11), 'Yes');
    put(values, a1(r203, 12), 45500);
    put(values, a1(r203, 0), '203'); // typed by its short code: still the same unit
    const r221 = rowOf(values, '4430-221');
    put(values, a1(r221, 9), 'A. Other');
    put(values, a1(r221, 12), 45000);
    put(values, 'O8', 'Notes'); // a column of the user's own
    put(values, a1(r221, 14), 'changed pathway in June');
    put(values, 'B2', 'Jane Smith-Jones');

    const existing = readBack(values);
    expect(existing.rows.map((r) => r.unitCode)).toEqual(['4430-101', '4430-201', '203', '4430-104', '4430-105', '4430-221']);
    const rebuilt = buildTracker({
      sheetName: 'Jane Smith progress',
      index,
      candidate: 'Jane Smith',
      pathway: ['4430-101', '4430-201', '4430-203', '4430-104', '4430-105', '4430-222'],
      gridSheets: { '4430-203': 'Jane Smith 4430-203' },
      existing,
    });
    const after = planValues(rebuilt.sheet, () => null);
    const a203 = after[rowOf(after, '4430-203')]!;
    expect(a203.slice(9, 13)).toEqual(['P. Jones', 'I. Verifier', 'Yes', 45500]);
    expect(rowOf(after, '4430-222')).toBe(rowOf(after, '4430-105') + 1);
    const dropped = after[rowOf(after, '4430-221')]!;
    expect(rowOf(after, '4430-221')).toBe(rowOf(after, '4430-222') + 1);
    expect(dropped[7]).toBe(NO_LONGER_IN_PATHWAY);
    expect(dropped[9]).toBe('A. Other');
    expect(dropped[12]).toBe(45000);
    expect(dropped[14]).toBe('changed pathway in June');
    expect(at(rebuilt.sheet, 'O8')).toBe('Notes');
    expect(after[1]![1]).toBe('Jane Smith-Jones');
    expect(rebuilt.sheet.tables[0]!.range).toEqual({ row: 7, col: 0, endRow: 14, endCol: 14 });
    expect(rebuilt.changes).toEqual({ carried: ['4430-203', '4430-221'], noLongerInPathway: ['4430-221'], added: ['4430-222'], unknownUnits: [] });
    // Planned credits leave the dropped unit out.
    expect(formulaAt(rebuilt.sheet, a1(parseA1(find(rebuilt.sheet, 'Credits planned')!).row, 2))).toBe(
      `=SUMIFS($F$9:$F$15,$H$9:$H$15,"<>${NO_LONGER_IN_PATHWAY}")`,
    );
    // And on the next rebuild it is still there.
    const third = buildTracker({ sheetName: 'x', index, candidate: 'J', pathway: ['4430-101'], existing: readBack(after) });
    const v3 = planValues(third.sheet, () => null);
    expect(v3[rowOf(v3, '4430-221')]![9]).toBe('A. Other');
    expect(v3[rowOf(v3, '4430-203')]![10]).toBe('I. Verifier');
  });
});

describe('unit progress record: other qualifications', () => {
  it('CVQ: a pathway meeting the rules says "Met"; unknown credits are named', () => {
    const index = qualification('cvq-cca010-02');
    const built = buildTracker({
      sheetName: 'Progress',
      index,
      candidate: 'Kim Lee',
      pathway: ['U09602', 'U12902', 'U13002', 'U13102', 'U00306', 'U13202'],
      gridSheets: { U09602: 'Kim Lee U09602' },
    });
    const { sheet } = built;
    expect(built.rules.met).toBe(true);
    const rules = parseA1(find(sheet, 'Rules of combination (at last build)')!);
    expect(at(sheet, a1(rules.row, 2))).toBe('Met');
    expect(at(sheet, a1(rules.row + 1, 2))).toBeNull();
    expect(at(sheet, a1(parseA1(find(sheet, 'Credit not stated in the standard for')!).row, 2))).toBe('U09602, U12902, U13002, U13102, U00306, U13202');
    expect(formulaAt(sheet, 'H9')).toBe("='Kim Lee U09602'!$E$5");
    expect(at(sheet, 'F9')).toBeNull();
  });

  it('IMI: mandatory group units, and an unknown code reported by the rules', () => {
    const index = qualification('imi-l2-diploma-customer-service');
    const built = buildTracker({ sheetName: 'Progress', index, candidate: 'Jane Smith', pathway: ['CS 7', 'cs8', 'CS 99'], gridSheets: { 'cs 7': 'Jane Smith CS 7' } });
    const { sheet } = built;
    expect(at(sheet, 'A9')).toBe('CS 7');
    expect(at(sheet, 'A10')).toBe('CS 8');
    expect(at(sheet, 'A11')).toBeNull();
    expect(at(sheet, 'D9')).toBe('Yes');
    expect(formulaAt(sheet, 'I9')).toBe("='Jane Smith CS 7'!$E$6");
    expect(built.changes.unknownUnits).toEqual(['CS 99']);
    const rules = parseA1(find(sheet, 'Rules of combination (at last build)')!);
    expect(at(sheet, a1(rules.row, 2))).toBe('Not met: unit CS 99 is not part of IMI Level 2 Diploma in Customer Service');
    const cannot: string[] = [];
    for (let r = rules.row; at(sheet, a1(r, 2)) !== null; r++) if (String(at(sheet, a1(r, 2))).startsWith('Cannot be checked')) cannot.push(String(at(sheet, a1(r, 2))));
    expect(cannot.length).toBe(built.rules.cannotCheck.length);
  });

  it('readTracker refuses a sheet without a Unit code header', () => {
    const r = readTracker([['Candidate', 'X'], ['Something', 'else']]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toContain('Unit code');
  });
});

describe('readTracker: a record typed by hand', () => {
  it('finds the header by any name of the unit code with another heading of ours (one rule with the index of evidence)', () => {
    // "Unit number" with "Title" was not a header before the labelled tables were one reader.
    const typed: RawCell[][] = [['Unit progress record'], ['Candidate', 'Amy Ng'], ['Unit number', 'Notes', ' title ', 'IV'], ['203', 'mine', 'Retail', 'JB'], ['Units complete', null, 1]];
    const content = readBack(typed);
    expect(content.candidate).toBe('Amy Ng');
    expect(content.extraHeaders).toEqual(['Notes']);
    expect(content.rows.map((r) => [r.unitCode, r.values.get('title'), r.values.get('internalVerifier'), r.extras.get('Notes')])).toEqual([['203', 'Retail', 'JB', 'mine']]);
    // A lone "Unit" label is not a header row.
    expect(readTracker([['Unit', '203'], ['Something', 'else']]).ok).toBe(false);
  });
});
