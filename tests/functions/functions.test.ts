import fc from 'fast-check';
import { buildCriteriaRowsGrid, CRITERIA_ROWS, criteriaColumns } from '../../src/domain/grid/criteriaRowsGrid';
import { EVIDENCE_FIELDS } from '../../src/domain/grid/layout';
import { buildUnitGrid, FIRST_ITEM_COL, GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { unitItems } from '../../src/domain/standards/itemCodes';
import type { Qualification, Unit } from '../../src/domain/standards/schema';
import type { SheetPlan } from '../../src/domain/workbook/plan';
import { isoDateToSerial, type RawCell } from '../../src/domain/workbook/sheetValues';
import * as VQ from '../../src/functions/functions';
import { planValues } from '../domain/grid/planCells';

// ---------------------------------------------------------------------------------------------
// Excel's CustomFunctions runtime, stubbed: an Error class carrying a code and a message.

const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: FakeError, ErrorCode };

/** The error an Excel cell would show: its code and its message. */
function excelError(v: unknown): { code: string; message: string | undefined } {
  if (!(v instanceof FakeError)) throw new Error(`expected an Excel error, got ${JSON.stringify(v)}`);
  return { code: v.code, message: v.message };
}

/** The single cell of a spilled error. */
function spilledError(v: unknown): { code: string; message: string | undefined } {
  expect(Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1).toBe(true);
  return excelError((v as unknown[][])[0]![0]);
}

// ---------------------------------------------------------------------------------------------
// Realistic sheets: grids this product builds, as Excel hands a range to a function ("" for blanks,
// dates as serial numbers, formulas as their values, every row as wide as the range).

function excelRange(sheet: SheetPlan): RawCell[][] {
  const values = planValues(sheet);
  const width = Math.max(...values.map((r) => r.length));
  return values.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
}

function standard(qualification: string, unit: string): { qualification: Qualification; unit: Unit } {
  const found = bundledCatalog().findUnit(qualification, unit);
  if (!found.ok) throw new Error(found.problem.message);
  return { qualification: found.value.index.qualification, unit: found.value.unit };
}

const F = Object.fromEntries(EVIDENCE_FIELDS.map((f, i) => [f, i])) as Record<(typeof EVIDENCE_FIELDS)[number], number>;

/** An evidence-rows grid for a candidate, with one evidence row per entry: marks under the codes given. */
function evidenceGrid(qualification: string, unitCode: string, rows: { ref: string; decision: RawCell; codes: readonly string[] }[]): RawCell[][] {
  const s = standard(qualification, unitCode);
  const values = excelRange(buildUnitGrid({ ...s, candidate: 'Jane Smith', assessor: 'P. Jones' }, 'Jane Smith').sheet);
  const items = unitItems(s.unit).map((i) => i.code);
  rows.forEach((entry, i) => {
    const row = values[GRID_ROWS.firstEvidence + i]!;
    row[F.ref] = entry.ref;
    row[F.date] = isoDateToSerial('2026-10-01') + i;
    row[F.method] = 'Observation';
    row[F.description] = `Evidence ${entry.ref}`;
    row[F.decision] = entry.decision;
    for (const code of entry.codes) row[FIRST_ITEM_COL + items.indexOf(code)] = '✓';
  });
  return values;
}

/** A criteria-rows grid (unit recording form) with refs against the items given. */
function criteriaGrid(qualification: string, unitCode: string, entries: { codes: readonly string[]; ref: string; decision: RawCell }[]): RawCell[][] {
  const s = standard(qualification, unitCode);
  const values = excelRange(buildCriteriaRowsGrid({ ...s, candidate: 'Jane Smith' }, 'Jane Smith').sheet);
  const col = criteriaColumns();
  for (const entry of entries) {
    for (const code of entry.codes) {
      const r = values.findIndex((row, i) => i > CRITERIA_ROWS.header && row[col.code] === code);
      values[r]![col.firstRef] = entry.ref;
      values[r]![col.decision] = entry.decision;
    }
  }
  return values;
}

/** An assessor's own tracker: a title, a header row of codes over rows of marks; no decision column. */
function ownTracker(header: readonly RawCell[], marks: readonly (readonly RawCell[])[]): RawCell[][] {
  const width = header.length + 1;
  return [
    ['My tracker for unit 203', ...Array.from({ length: width - 1 }, () => '')],
    Array.from({ length: width }, () => ''),
    ['Evidence', ...header],
    ...marks.map((m, i) => [`E${i + 1}`, ...m]),
  ];
}

const codesOf = (qualification: string, unit: string, kind?: string) =>
  unitItems(standard(qualification, unit).unit)
    .filter((i) => kind === undefined || i.kind === kind)
    .map((i) => i.code);

const C203 = codesOf('4430-02', '203');
const TITLE_4430 = 'Level 2 NVQ Certificate in Customer Service';

// ---------------------------------------------------------------------------------------------

describe('VQ.UNITCOMPLETE', () => {
  it('reads a grid this product built, unit and qualification from its header block', () => {
    expect(VQ.unitComplete(evidenceGrid('4430-02', '203', []))).toBe(false);
    const all = evidenceGrid('4430-02', '203', [
      { ref: 'E1', decision: 'Accepted', codes: C203.slice(0, 10) },
      { ref: 'E2', decision: 'Accepted', codes: C203.slice(10) },
    ]);
    expect(VQ.unitComplete(all)).toBe(true);
    // The same with the unit and qualification given, in other forms the standard prints.
    expect(VQ.unitComplete(all, 'A4', '500/9341/1')).toBe(true);
    expect(VQ.unitComplete(all, 'L/601/0933', 'cg-4430-02')).toBe(true);
  });

  it('counts a mark once the assessor has accepted the row: claimed or referred rows do not complete a unit', () => {
    const claimed = evidenceGrid('4430-02', '203', [
      { ref: 'E1', decision: 'Accepted', codes: C203.slice(1) },
      { ref: 'E2', decision: '', codes: [C203[0]!] },
    ]);
    expect(VQ.unitComplete(claimed)).toBe(false);
    const referred = evidenceGrid('4430-02', '203', [
      { ref: 'E1', decision: 'Accepted', codes: C203.slice(1) },
      { ref: 'E2', decision: 'Referred', codes: [C203[0]!] },
    ]);
    expect(VQ.unitComplete(referred)).toBe(false);
  });

  it('reads a unit recording form (criteria down the sheet)', () => {
    const codes = codesOf('SVQ 3 in Customer Service at SCQF level 6', 'F3');
    const q = 'sqa-svq3-customer-service';
    expect(VQ.unitComplete(criteriaGrid(q, 'F3', [{ codes, ref: 'P12', decision: 'Accepted' }]))).toBe(true);
    expect(VQ.unitComplete(criteriaGrid(q, 'F3', [{ codes: codes.slice(1), ref: 'P12', decision: 'Accepted' }]))).toBe(false);
    expect(VQ.unitComplete(criteriaGrid(q, 'F3', [{ codes, ref: 'P12', decision: '' }]))).toBe(false);
  });

  it("reads an assessor's own tracker (a row of codes over marks) when unit and qualification are given", () => {
    const everything = ownTracker(C203, [C203.map(() => 'x')]);
    expect(VQ.unitComplete(everything, '203', '4430-02')).toBe(true);
    const oneShort = ownTracker(C203, [C203.map((_, i) => (i === 3 ? '' : 'x'))]);
    expect(VQ.unitComplete(oneShort, '203', '4430-02')).toBe(false);
    // Codes typed as numbers (1.1 rather than "1.1") read the same.
    const numeric = C203.map((c) => (/^\d+\.\d$/.test(c) ? Number(c) : c));
    expect(VQ.unitComplete(ownTracker(numeric, [C203.map(() => 'Y')]), '4430-203', '4430-02')).toBe(true);
  });

  it('#VALUE! with what was expected when the range is not a grid', () => {
    expect(excelError(VQ.unitComplete([['']]))).toEqual({
      code: '#VALUE!',
      message:
        'No unit given and no header block naming one: expected "Unit" and "Qualification id" labels above the grid (as on a grid VQ Matrix built), or give the unit and qualification.',
    });
    expect(excelError(VQ.unitComplete([]))).toEqual(excelError(VQ.unitComplete([['']])));
    expect(excelError(VQ.unitComplete([['', ''], ['', '']], '203', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: 'The range is blank: expected a header row of item codes for unit 4430-203 (such as 1.1, 1.2, 1.3) over rows of evidence marks.',
    });
    expect(excelError(VQ.unitComplete([['Notes']], '203', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit 4430-203 found in the first 60 rows: expected a row holding codes such as 1.1, 1.2, 1.3.',
    });
    const numbers = [
      [45200, 3, 7.5],
      [1, 2, 3],
    ];
    expect(excelError(VQ.unitComplete(numbers, 'F3', 'sqa-svq3-customer-service'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit F3 found in the first 60 rows: expected a row holding codes such as F3.1.1, F3.1.2, F3.1.3.',
    });
  });

  it("#VALUE! for another unit's grid", () => {
    // Codes of a different unit (SVQ F4's tracker checked as F3): no header row of F3's codes.
    const f4 = codesOf('sqa-svq3-customer-service', 'F4');
    expect(excelError(VQ.unitComplete(ownTracker(f4, [f4.map(() => 'x')]), 'F3', 'sqa-svq3-customer-service'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit F3 found in the first 60 rows: expected a row holding codes such as F3.1.1, F3.1.2, F3.1.3.',
    });
    // City & Guilds units share codes (1.1, 1.2 ...): the grid's own header block tells them apart.
    expect(excelError(VQ.unitComplete(evidenceGrid('4430-02', '203', []), '204', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: `This grid's header block says unit 4430-203 of ${TITLE_4430}, not unit 4430-204 of ${TITLE_4430}: point the formula at the grid of unit 4430-204, or leave the unit and qualification out to use the header block.`,
    });
  });

  it('#N/A naming an unknown qualification or unit, with the closest known codes', () => {
    const grid = evidenceGrid('4430-02', '203', []);
    expect(excelError(VQ.unitComplete(grid, '203', '4430-2'))).toEqual({
      code: '#N/A',
      message: 'Unknown qualification "4430-2". Closest known: cg-4430-02, cvq-cca010-02, imi-l2-diploma-customer-service, cg-nsvq2-recording-forms, sqa-svq3-customer-service.',
    });
    expect(excelError(VQ.unitComplete(grid, '230', '4430-02'))).toEqual({
      code: '#N/A',
      message: `Unknown unit "230" in ${TITLE_4430}. Closest known: 4430-210, 4430-220, 4430-201, 4430-202, 4430-203.`,
    });
    // An unknown unit named by the grid's own header block says where it came from.
    const edited = grid.map((r) => [...r]);
    edited[3]![1] = '4430-299';
    const fromHeader = excelError(VQ.unitComplete(edited));
    expect(fromHeader.code).toBe('#N/A');
    expect(fromHeader.message).toMatch(/^Unknown unit "4430-299" in Level 2 NVQ Certificate in Customer Service\. Closest known: .*4430-209.*\. \(from the grid's header block\)$/);
  });

  it('#N/A for a unit the standard lists without detail', () => {
    expect(excelError(VQ.unitComplete(ownTracker(['1.1', '1.2'], [['x', 'x']]), '102', '4430-02'))).toEqual({
      code: '#N/A',
      message: 'Unit 4430-102 is not detailed in the standard: it has no items to check.',
    });
  });
});

describe('VQ.COVERAGE', () => {
  // CVQ U09602 has all four kinds: criteria, range (1/A/i), knowledge (1, 2a), evidence requirements (a, b).
  const q = 'CCA010-02';
  const criteria = codesOf(q, 'U09602', 'criterion');
  const range = codesOf(q, 'U09602', 'range');
  const knowledge = codesOf(q, 'U09602', 'knowledge');
  const evidence = codesOf(q, 'U09602', 'evidence');
  const total = criteria.length + range.length + knowledge.length + evidence.length;
  const grid = evidenceGrid(q, 'U09602', [
    { ref: 'E1', decision: 'Accepted', codes: [...criteria, ...range.slice(0, 7)] },
    { ref: 'E2', decision: '', codes: knowledge },
  ]);

  it('overall and per kind, by any usual name for the kind', () => {
    expect(VQ.coverage(grid)).toBeCloseTo((criteria.length + 7) / total, 10);
    for (const kind of ['criteria', 'PC', 'pcs', 'Performance criteria', 'AC']) expect(VQ.coverage(grid, undefined, undefined, kind)).toBe(1);
    for (const kind of ['range', 'Range']) expect(VQ.coverage(grid, '', '', kind)).toBeCloseTo(7 / range.length, 10);
    for (const kind of ['knowledge', 'k&u', 'K & U', 'K/U', 'Knowledge and understanding']) expect(VQ.coverage(grid, '', '', kind)).toBe(0); // only claimed
    for (const kind of ['evidence', 'ER', 'evidence requirements']) expect(VQ.coverage(grid, '', '', kind)).toBe(0);
    for (const kind of ['', 'all', 'overall']) expect(VQ.coverage(grid, 'U09602', 'CCA010-02', kind)).toBe(VQ.coverage(grid));
  });

  it('#VALUE! for an unknown kind; #N/A for a kind the unit does not have', () => {
    expect(excelError(VQ.coverage(grid, '', '', 'skills'))).toEqual({
      code: '#VALUE!',
      message: 'Unknown kind "skills": use criteria (or pc), range, knowledge (or k&u), evidence (or er), or leave it out for overall coverage.',
    });
    expect(excelError(VQ.coverage(evidenceGrid('4430-02', '203', []), '', '', 'range'))).toEqual({
      code: '#N/A',
      message: 'Unit 4430-203 has no range items in the standard.',
    });
  });

  it('#VALUE! for a range that is not a grid, #N/A for an unknown unit', () => {
    expect(excelError(VQ.coverage([['Name', 'Score'], ['Ann', 3]], 'U09602', q))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit U09602 found in the first 60 rows: expected a row holding codes such as 1.1, 1.2, 1.3.',
    });
    expect(excelError(VQ.coverage(grid, 'U0960', q)).code).toBe('#N/A');
  });
});

describe('VQ.MISSING', () => {
  it('spills the uncovered codes down a column, in the standard order', () => {
    const grid = evidenceGrid('4430-02', '203', [{ ref: 'E1', decision: 'Accepted', codes: C203.slice(2) }]);
    expect(VQ.missing(grid)).toEqual([[C203[0]], [C203[1]]]);
    expect(VQ.missing(evidenceGrid('4430-02', '203', []))).toEqual(C203.map((c) => [c]));
  });

  it('one blank cell when nothing is missing', () => {
    expect(VQ.missing(ownTracker(C203, [C203.map(() => 'x')]), '203', '4430-02')).toEqual([['']]);
  });

  it('lists items the tracker has no column for', () => {
    const tracker = ownTracker(C203.slice(1), [C203.slice(1).map(() => 'x')]);
    expect(VQ.missing(tracker, '203', '4430-02')).toEqual([[C203[0]]]);
  });

  it('a spilled error when the range is not a grid or the unit unknown', () => {
    expect(spilledError(VQ.missing([['x']], '203', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit 4430-203 found in the first 60 rows: expected a row holding codes such as 1.1, 1.2, 1.3.',
    });
    expect(spilledError(VQ.missing([['x']], '203', 'nvq')).code).toBe('#N/A');
  });
});

describe('VQ.CREDITS and VQ.GLH', () => {
  const pathway = ['4430-101', '4430-201', '203', '212', '219', '221'];
  // 4 + 4 + 5 + 5 + 6 + 6 credits; 30 + 30 + 33 + 33 + 40 + 40 GLH

  it('total the listed units: a column, a row, codes in any form, each unit once', () => {
    expect(VQ.credits(pathway.map((u) => [u]), '4430-02')).toBe(30);
    expect(VQ.glh(pathway.map((u) => [u]), '4430-02')).toBe(206);
    expect(VQ.credits([pathway], '4430-02')).toBe(30);
    expect(VQ.credits([['F1', 'L/601/1614', 'Unit 203', '203', '']], '4430-02')).toBe(13);
    expect(VQ.credits([['Unit code'], ['203'], [''], ['212']], '4430-02')).toBe(10);
  });

  it('without a qualification, the one all the units belong to', () => {
    expect(VQ.credits([['4430-203'], ['219']])).toBe(11);
    expect(VQ.glh([['CS 7'], ['CS 8']])).toBe(44);
    expect(excelError(VQ.credits([['203'], ['212']]))).toEqual({
      code: '#N/A',
      message: 'Units 203, 212 are in more than one qualification (cg-4430-02, cg-nsvq2-recording-forms): give the qualification.',
    });
    expect(VQ.credits([['']])).toBe(0);
  });

  it('count only complete units: code in the first column, status in the last', () => {
    const progress: RawCell[][] = [
      ['Unit code', 'Title', 'Status'],
      ['4430-101', 'Communicate using customer service language', 'Complete'],
      ['4430-201', 'Follow the rules to deliver customer service', 'In progress'],
      ['203', 'Give customers a positive impression', true],
      ['212', '', 'achieved'],
      ['219', '', 'Not started'],
      ['221', '', '(no longer in pathway)'],
    ];
    expect(VQ.credits(progress, '4430-02', 'complete')).toBe(14);
    expect(VQ.credits(progress, '4430-02', 'Achieved')).toBe(14);
    expect(VQ.glh(progress, '4430-02', 'complete')).toBe(96);
    expect(VQ.credits(progress, '4430-02', 'in progress')).toBe(4);
    expect(VQ.credits(progress, '4430-02')).toBe(24); // every unit still in the pathway
    expect(VQ.credits([['203', 'yes']], '4430-02', 'complete')).toBe(5);
    expect(VQ.credits([['203', 'no']], '4430-02', 'complete')).toBe(0);
  });

  it('#VALUE! when a status is asked of a list without statuses', () => {
    expect(excelError(VQ.credits([['203'], ['212']], '4430-02', 'complete'))).toEqual({
      code: '#VALUE!',
      message: 'Status "complete" needs each unit\'s status: give a range with unit codes in its first column and their status in its last column.',
    });
  });

  it('#N/A for an unknown unit (with the closest codes) or qualification, and for credits the standard does not state', () => {
    expect(excelError(VQ.credits([['203'], ['2l2']], '4430-02'))).toEqual({
      code: '#N/A',
      message: `Unknown unit "2l2" in ${TITLE_4430}. Closest known: 4430-202, 4430-212, 4430-222, 4430-102, 4430-103.`,
    });
    expect(excelError(VQ.credits([['203']], 'City and Guilds'))).toMatchObject({ code: '#N/A' });
    expect(excelError(VQ.credits([['203']], 'City and Guilds')).message).toMatch(/^Unknown qualification "City and Guilds"\. Closest known: /);
    expect(excelError(VQ.credits([['U09602'], ['U12902']], 'CCA010-02'))).toEqual({
      code: '#N/A',
      message: 'The standard does not state the credit value of units U09602, U12902, so no total can be given.',
    });
    expect(excelError(VQ.glh([['F3']], 'sqa-svq3-customer-service'))).toEqual({
      code: '#N/A',
      message: 'The standard does not state the GLH of unit F3, so no total can be given.',
    });
  });
});

describe('VQ.RULES and VQ.QUALCOMPLETE', () => {
  const met = [['4430-101'], ['4430-201'], ['203'], ['212'], ['219'], ['221']];

  it('"Met" for a pathway that meets every rule', () => {
    expect(VQ.rules(met, '4430-02')).toEqual([['Met']]);
    expect(VQ.qualComplete(met, '4430-02')).toBe(true);
  });

  it('every unmet rule, in plain words, spilled down a column', () => {
    const lines = VQ.rules([['203'], ['212']], '4430-02');
    expect(lines).toEqual([
      ['Not met: needs mandatory units 4430-101 Communicate using customer service language; 4430-201 Follow the rules to deliver customer service'],
      ['Not met: 8 credits short of the minimum 8 from mandatory group Customer Service Foundations'],
      ['Not met: 18 credits short of the minimum 28'],
      ['Not met: 5 credits short of the minimum 15 at level 2'],
      ['Not met: 10 credits short of the minimum 20 from optional groups Impression and Image, Delivery, Handling Problems, Development and Improvement'],
      ['Not met: needs 1 more unit from optional group Handling Problems; needs 1 more unit from optional group Development and Improvement'],
    ]);
    expect(VQ.qualComplete([['203'], ['212']], '4430-02')).toBe(false);
  });

  it('only the complete units when a status is asked for', () => {
    const progress = met.map(([u]) => [u!, u === '221' ? 'In progress' : 'Complete']);
    expect(VQ.rules(progress, '4430-02')).toEqual([['Met']]);
    expect(VQ.rules(progress, '4430-02', 'complete')).toEqual([
      ['Not met: 4 credits short of the minimum 28'],
      ['Not met: 4 credits short of the minimum 20 from optional groups Impression and Image, Delivery, Handling Problems, Development and Improvement'],
      ['Not met: needs 1 more unit from optional group Development and Improvement'],
    ]);
    expect(VQ.qualComplete(progress, '4430-02', 'complete')).toBe(false);
  });

  it('never "Met" when a rule cannot be checked: RULES says why, QUALCOMPLETE is #N/A', () => {
    // The SVQ's "at most one optional unit at SCQF level 7 or 8": no unit's SCQF level is printed.
    const svq = [['F3'], ['F4'], ['A13'], ['B9'], ['C5'], ['D8'], ['D9']];
    const lines = VQ.rules(svq, 'SVQ 3 in Customer Service at SCQF level 6') as string[][];
    expect(lines).toHaveLength(1);
    expect(lines[0]![0]).toMatch(/^Cannot be checked: the standard does not state the SCQF level of A13, B9, C5, D8, D9$/);
    const answer = excelError(VQ.qualComplete(svq, 'SVQ 3 in Customer Service at SCQF level 6'));
    expect(answer).toEqual({ code: '#N/A', message: lines[0]![0] });
    // No rules at all in the recording forms' standard.
    expect(VQ.rules([['101']], 'Level 2 N/SVQ in Customer Service')).toEqual([['Cannot be checked: the standard gives no rules of combination']]);
    expect(excelError(VQ.qualComplete([['101']], 'Level 2 N/SVQ in Customer Service'))).toEqual({
      code: '#N/A',
      message: 'Cannot be checked: the standard gives no rules of combination',
    });
  });

  it('errors: unknown unit or qualification #N/A, no qualification #VALUE!', () => {
    expect(spilledError(VQ.rules([['203'], ['999']], '4430-02')).code).toBe('#N/A');
    expect(spilledError(VQ.rules([['203'], ['999']], '4430-02')).message).toMatch(/^Unknown unit "999" in Level 2 NVQ Certificate in Customer Service\. Closest known: /);
    expect(excelError(VQ.qualComplete(met, 'nvq 2')).code).toBe('#N/A');
    expect(spilledError(VQ.rules(met, ''))).toEqual({ code: '#VALUE!', message: 'No qualification given: expected a qualification such as 4430-02.' });
    expect(excelError(VQ.qualComplete(met, null as unknown as string))).toEqual({
      code: '#VALUE!',
      message: 'No qualification given: expected a qualification such as 4430-02.',
    });
  });
});

describe('VQ.UNITINFO', () => {
  it('title by default; level, credit, GLH and the other fields', () => {
    expect(VQ.unitInfo('203', '4430-02')).toBe('Give customers a positive impression of yourself and your organisation');
    expect(VQ.unitInfo('A4', '4430-02', 'credit')).toBe(5);
    expect(VQ.unitInfo('A4', '4430-02', 'Credits')).toBe(5);
    expect(VQ.unitInfo('203', '4430-02', 'glh')).toBe(33);
    expect(VQ.unitInfo('203', '4430-02', 'level')).toBe(2);
    expect(VQ.unitInfo('203', '4430-02', 'code')).toBe('4430-203');
    expect(VQ.unitInfo('203', '4430-02', 'codes')).toBe('4430-203, 203, A4, L/601/0933');
    expect(VQ.unitInfo('203', '4430-02', 'detailed')).toBe(true);
    expect(VQ.unitInfo('102', '4430-02', 'detailed')).toBe(false);
    expect(VQ.unitInfo('203', '4430-02', 'items')).toBe(C203.length);
    expect(VQ.unitInfo('203', '4430-02', 'group')).toBe('Impression and Image');
    expect(VQ.unitInfo('203', '4430-02', 'mandatory')).toBe(false);
    expect(VQ.unitInfo('101', '4430-02', 'mandatory')).toBe(true);
    expect(VQ.unitInfo('203', '4430-02', 'simulation')).toMatch(/^(allowed|not allowed|not stated)$/);
  });

  it('#N/A for what the standard does not state, or an unknown unit; #VALUE! for an unknown field', () => {
    expect(excelError(VQ.unitInfo('F3', 'sqa-svq3-customer-service', 'level'))).toEqual({ code: '#N/A', message: 'The standard does not state the level of unit F3.' });
    expect(excelError(VQ.unitInfo('203', '4430-02', 'SCQF level'))).toEqual({ code: '#N/A', message: 'The standard does not state the SCQF level of unit 4430-203.' });
    expect(excelError(VQ.unitInfo('U09602', 'CCA010-02', 'credit'))).toEqual({ code: '#N/A', message: 'The standard does not state the credit value of unit U09602.' });
    expect(excelError(VQ.unitInfo('2033', '4430-02')).code).toBe('#N/A');
    expect(excelError(VQ.unitInfo('2033', '4430-02')).message).toMatch(/^Unknown unit "2033" in Level 2 NVQ Certificate in Customer Service\. Closest known: .*203/);
    expect(excelError(VQ.unitInfo('203', '4430-02', 'colour'))).toEqual({
      code: '#VALUE!',
      message: 'Unknown field "colour": use title, code, codes, level, scqf, credit, glh, detailed, items, group, mandatory, simulation.',
    });
    expect(excelError(VQ.unitInfo('', '4430-02'))).toEqual({ code: '#VALUE!', message: 'No unit given: expected a unit code such as 203.' });
  });
});

describe('VQ.ITEMTEXT and VQ.ITEMS', () => {
  it('the text of a criterion, range item, knowledge item or evidence requirement', () => {
    const items = unitItems(standard('CCA010-02', 'U09602').unit);
    for (const kind of ['criterion', 'range', 'knowledge', 'evidence']) {
      const item = items.find((i) => i.kind === kind && i.text !== '')!;
      expect(VQ.itemText(item.code, 'U09602', 'CCA010-02')).toBe(item.text);
    }
    expect(VQ.itemText('1.1', '203', '4430-02')).toBe("meet their organisation's standards of appearance and behaviour");
  });

  it('#N/A for an unknown item (closest codes) or one printed without text', () => {
    expect(excelError(VQ.itemText('9.9', '203', '4430-02'))).toEqual({
      code: '#N/A',
      message: 'Unknown item "9.9" in unit 4430-203. Closest known: 1.1, 1.2, 1.3, 1.4, 1.5.',
    });
    expect(excelError(VQ.itemText('a', '101', 'Level 2 N/SVQ in Customer Service'))).toEqual({
      code: '#N/A',
      message: 'The standard prints item a of unit 101 without its text.',
    });
    expect(excelError(VQ.itemText('', '203', '4430-02'))).toEqual({ code: '#VALUE!', message: 'No item code given: expected an item code such as 1.1.' });
  });

  it('ITEMS spills the codes across a row: a header row for a tracker', () => {
    expect(VQ.items('203', '4430-02')).toEqual([C203]);
    expect(VQ.items('U09602', 'CCA010-02', 'k&u')).toEqual([codesOf('CCA010-02', 'U09602', 'knowledge')]);
    expect(spilledError(VQ.items('203', '4430-02', 'range'))).toEqual({ code: '#N/A', message: 'Unit 4430-203 has no range items in the standard.' });
    expect(spilledError(VQ.items('102', '4430-02'))).toEqual({ code: '#N/A', message: 'Unit 4430-102 is not detailed in the standard: it has no items to check.' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('no function throws', () => {
  it('an unexpected failure is #VALUE! saying so, not an exception', () => {
    const hostile = new Proxy([] as unknown[][], {
      get() {
        throw new Error('boom');
      },
    });
    expect(excelError(VQ.unitComplete(hostile))).toEqual({ code: '#VALUE!', message: 'VQ.UNITCOMPLETE failed unexpectedly (boom). Please report this.' });
    expect(spilledError(VQ.missing(hostile))).toEqual({ code: '#VALUE!', message: 'VQ.MISSING failed unexpectedly (boom). Please report this.' });
  });

  const codes = [...C203, ...codesOf('CCA010-02', 'U09602').slice(0, 20), 'F3.1.1', 'A13.1.1', '101.1.1'];
  const labels = ['Unit', 'Qualification id', 'Qualification', 'Candidate', 'Ref no.', 'Assessor decision', 'Accepted', 'Referred', 'Sign-off', 'Total', 'Code', 'Evidence ref 1', 'Unit recording form', 'Unit coverage grid', 'Complete', '(no longer in pathway)'];
  const unitCodes = ['203', '4430-203', 'A4', '101', '4430-101', 'U09602', 'F3', 'CS 7', 'Unit 203', '102', '999', ''];
  const quals = ['4430-02', 'cg-4430-02', 'CCA010-02', 'sqa-svq3-customer-service', '601/3456/2', 'Level 2 N/SVQ in Customer Service', 'nvq', ''];

  const cellArb: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<unknown>(...codes, ...labels, ...unitCodes, ...quals) },
    { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>('', '', '', '✓', 'x', 'Y', 'no', 0, 1, true, false) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -0, {}, [], new FakeError('#N/A', 'upstream')) },
  );
  const rangeArb = fc.oneof(
    fc.array(fc.array(cellArb, { maxLength: 12 }), { maxLength: 20 }),
    fc.array(fc.array(cellArb, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
    cellArb,
  );
  const argArb = fc.oneof(fc.constantFrom<unknown>(...unitCodes, ...quals, undefined, null), fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());

  /** A value Excel can show, or one of the two errors that carry a message. */
  function isCellAnswer(v: unknown): boolean {
    if (v instanceof FakeError) {
      return (v.code === '#VALUE!' || v.code === '#N/A') && typeof v.message === 'string' && v.message.length > 0 && !v.message.includes('failed unexpectedly');
    }
    return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  }
  const isSpill = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.length > 0 && r.every(isCellAnswer));

  it('random and hostile ranges and arguments: a typed value or a typed error with a message, never a throw', () => {
    const grid = (x: unknown) => x as unknown[][];
    const s = (x: unknown) => x as string;
    fc.assert(
      fc.property(rangeArb, argArb, argArb, argArb, (range, a, b, c) => {
        for (const answer of [
          VQ.unitComplete(grid(range), s(a), s(b)),
          VQ.coverage(grid(range), s(a), s(b), s(c)),
          VQ.credits(grid(range), s(b), s(c)),
          VQ.glh(grid(range), s(b), s(c)),
          VQ.qualComplete(grid(range), s(b), s(c)),
          VQ.unitInfo(s(a), s(b), s(c)),
          VQ.itemText(s(c), s(a), s(b)),
        ])
          expect(isCellAnswer(answer)).toBe(true);
        for (const spill of [VQ.missing(grid(range), s(a), s(b)), VQ.rules(grid(range), s(b), s(c)), VQ.items(s(a), s(b), s(c))]) expect(isSpill(spill)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a real grid with random edits: still a value or a typed error', () => {
    const base = evidenceGrid('4430-02', '203', [{ ref: 'E1', decision: 'Accepted', codes: C203.slice(0, 5) }]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: base.length + 2 }), fc.nat({ max: base[0]!.length + 2 }), cellArb), { maxLength: 30 }), fc.boolean(), (edits, given) => {
        const g = base.map((r) => [...r] as unknown[]);
        for (const [r, c, v] of edits) (g[r] ??= [])[c] = v;
        const args = given ? ['203', '4430-02'] : [undefined, undefined];
        expect(isCellAnswer(VQ.unitComplete(g as unknown[][], args[0], args[1]))).toBe(true);
        expect(isCellAnswer(VQ.coverage(g as unknown[][], args[0], args[1], 'criteria'))).toBe(true);
        expect(isSpill(VQ.missing(g as unknown[][], args[0], args[1]))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
