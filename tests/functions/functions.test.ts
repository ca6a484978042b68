import fc from 'fast-check';
import { buildCriteriaRowsGrid, CRITERIA_ROWS, criteriaColumns } from '../../src/domain/grid/criteriaRowsGrid';
import { EVIDENCE_FIELDS } from '../../src/domain/grid/layout';
import { buildUnitGrid, FIRST_ITEM_COL, GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { QualificationIndex } from '../../src/domain/standards/catalog';
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
  it('reads a grid this product built, unit and qualification from its header block', async () => {
    expect(await VQ.unitComplete(evidenceGrid('4430-02', '203', []))).toBe(false);
    const all = evidenceGrid('4430-02', '203', [
      { ref: 'E1', decision: 'Accepted', codes: C203.slice(0, 10) },
      { ref: 'E2', decision: 'Accepted', codes: C203.slice(10) },
    ]);
    expect(await VQ.unitComplete(all)).toBe(true);
    // The same with the unit and qualification given, in other forms the standard prints.
    expect(await VQ.unitComplete(all, 'A4', '500/9341/1')).toBe(true);
    expect(await VQ.unitComplete(all, 'L/601/0933', 'cg-4430-02')).toBe(true);
  });

  it('counts a mark once the assessor has accepted the row: claimed or referred rows do not complete a unit', async () => {
    const claimed = evidenceGrid('4430-02', '203', [
      { ref: 'E1', decision: 'Accepted', codes: C203.slice(1) },
      { ref: 'E2', decision: '', codes: [C203[0]!] },
    ]);
    expect(await VQ.unitComplete(claimed)).toBe(false);
    const referred = evidenceGrid('4430-02', '203', [
      { ref: 'E1', decision: 'Accepted', codes: C203.slice(1) },
      { ref: 'E2', decision: 'Referred', codes: [C203[0]!] },
    ]);
    expect(await VQ.unitComplete(referred)).toBe(false);
  });

  it('reads a unit recording form (criteria down the sheet)', async () => {
    const codes = codesOf('SVQ 3 in Customer Service at SCQF level 6', 'F3');
    const q = 'sqa-svq3-customer-service';
    expect(await VQ.unitComplete(criteriaGrid(q, 'F3', [{ codes, ref: 'P12', decision: 'Accepted' }]))).toBe(true);
    expect(await VQ.unitComplete(criteriaGrid(q, 'F3', [{ codes: codes.slice(1), ref: 'P12', decision: 'Accepted' }]))).toBe(false);
    expect(await VQ.unitComplete(criteriaGrid(q, 'F3', [{ codes, ref: 'P12', decision: '' }]))).toBe(false);
  });

  it("reads an assessor's own tracker (a row of codes over marks) when unit and qualification are given", async () => {
    const everything = ownTracker(C203, [C203.map(() => 'x')]);
    expect(await VQ.unitComplete(everything, '203', '4430-02')).toBe(true);
    const oneShort = ownTracker(C203, [C203.map((_, i) => (i === 3 ? '' : 'x'))]);
    expect(await VQ.unitComplete(oneShort, '203', '4430-02')).toBe(false);
    // Codes typed as numbers (1.1 rather than "1.1") read the same.
    const numeric = C203.map((c) => (/^\d+\.\d$/.test(c) ? Number(c) : c));
    expect(await VQ.unitComplete(ownTracker(numeric, [C203.map(() => 'Y')]), '4430-203', '4430-02')).toBe(true);
  });

  it('#VALUE! with what was expected when the range is not a grid', async () => {
    expect(excelError(await VQ.unitComplete([['']]))).toEqual({
      code: '#VALUE!',
      message:
        'No unit given and no header block naming one: expected "Unit" and "Qualification id" labels above the grid (as on a grid VQ Matrix built), or give the unit and qualification.',
    });
    expect(excelError(await VQ.unitComplete([]))).toEqual(excelError(await VQ.unitComplete([['']])));
    expect(excelError(await VQ.unitComplete([['', ''], ['', '']], '203', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: 'The range is blank: expected a header row of item codes for unit 4430-203 (such as 1.1, 1.2, 1.3) over rows of evidence marks.',
    });
    expect(excelError(await VQ.unitComplete([['Notes']], '203', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit 4430-203 found in the first 60 rows: expected a row holding codes such as 1.1, 1.2, 1.3.',
    });
    const numbers = [
      [45200, 3, 7.5],
      [1, 2, 3],
    ];
    expect(excelError(await VQ.unitComplete(numbers, 'F3', 'sqa-svq3-customer-service'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit F3 found in the first 60 rows: expected a row holding codes such as F3.1.1, F3.1.2, F3.1.3.',
    });
  });

  it("#VALUE! for another unit's grid", async () => {
    // Codes of a different unit (SVQ F4's tracker checked as F3): no header row of F3's codes.
    const f4 = codesOf('sqa-svq3-customer-service', 'F4');
    expect(excelError(await VQ.unitComplete(ownTracker(f4, [f4.map(() => 'x')]), 'F3', 'sqa-svq3-customer-service'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit F3 found in the first 60 rows: expected a row holding codes such as F3.1.1, F3.1.2, F3.1.3.',
    });
    // City & Guilds units share codes (1.1, 1.2 ...): the grid's own header block tells them apart.
    expect(excelError(await VQ.unitComplete(evidenceGrid('4430-02', '203', []), '204', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: `This grid's header block says unit 4430-203 of ${TITLE_4430}, not unit 4430-204 of ${TITLE_4430}: point the formula at the grid of unit 4430-204, or leave the unit and qualification out to use the header block.`,
    });
  });

  it('#N/A naming an unknown qualification or unit, with the closest known codes', async () => {
    const grid = evidenceGrid('4430-02', '203', []);
    expect(excelError(await VQ.unitComplete(grid, '203', '4430-2'))).toEqual({
      code: '#N/A',
      message: 'Unknown qualification "4430-2". Closest known: cg-4430-02, cvq-cca010-02, imi-l2-diploma-customer-service, cg-nsvq2-recording-forms, sqa-svq3-customer-service.',
    });
    expect(excelError(await VQ.unitComplete(grid, '230', '4430-02'))).toEqual({
      code: '#N/A',
      message: `Unknown unit "230" in ${TITLE_4430}. Closest known: 4430-210, 4430-220, 4430-201, 4430-202, 4430-203.`,
    });
    // An unknown unit named by the grid's own header block says where it came from.
    const edited = grid.map((r) => [...r]);
    edited[3]![1] = '4430-299';
    const fromHeader = excelError(await VQ.unitComplete(edited));
    expect(fromHeader.code).toBe('#N/A');
    expect(fromHeader.message).toMatch(/^Unknown unit "4430-299" in Level 2 NVQ Certificate in Customer Service\. Closest known: .*4430-209.*\. \(from the grid's header block\)$/);
  });

  it('#N/A for a unit the standard lists without detail', async () => {
    expect(excelError(await VQ.unitComplete(ownTracker(['1.1', '1.2'], [['x', 'x']]), '102', '4430-02'))).toEqual({
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

  it('overall and per kind, by any usual name for the kind', async () => {
    expect(await VQ.coverage(grid)).toBeCloseTo((criteria.length + 7) / total, 10);
    for (const kind of ['criteria', 'PC', 'pcs', 'Performance criteria', 'AC']) expect(await VQ.coverage(grid, undefined, undefined, kind)).toBe(1);
    for (const kind of ['range', 'Range']) expect(await VQ.coverage(grid, '', '', kind)).toBeCloseTo(7 / range.length, 10);
    for (const kind of ['knowledge', 'k&u', 'K & U', 'K/U', 'Knowledge and understanding']) expect(await VQ.coverage(grid, '', '', kind)).toBe(0); // only claimed
    for (const kind of ['evidence', 'ER', 'evidence requirements']) expect(await VQ.coverage(grid, '', '', kind)).toBe(0);
    for (const kind of ['', 'all', 'overall']) expect(await VQ.coverage(grid, 'U09602', 'CCA010-02', kind)).toBe(await VQ.coverage(grid));
  });

  it('#VALUE! for an unknown kind; #N/A for a kind the unit does not have', async () => {
    expect(excelError(await VQ.coverage(grid, '', '', 'skills'))).toEqual({
      code: '#VALUE!',
      message: 'Unknown kind "skills": use criteria (or pc), range, knowledge (or k&u), evidence (or er), or leave it out for overall coverage.',
    });
    expect(excelError(await VQ.coverage(evidenceGrid('4430-02', '203', []), '', '', 'range'))).toEqual({
      code: '#N/A',
      message: 'Unit 4430-203 has no range items in the standard.',
    });
  });

  it('#VALUE! for a range that is not a grid, #N/A for an unknown unit', async () => {
    expect(excelError(await VQ.coverage([['Name', 'Score'], ['Ann', 3]], 'U09602', q))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit U09602 found in the first 60 rows: expected a row holding codes such as 1.1, 1.2, 1.3.',
    });
    expect(excelError(await VQ.coverage(grid, 'U0960', q)).code).toBe('#N/A');
  });
});

describe('VQ.MISSING', () => {
  it('spills the uncovered codes down a column, in the standard order', async () => {
    const grid = evidenceGrid('4430-02', '203', [{ ref: 'E1', decision: 'Accepted', codes: C203.slice(2) }]);
    expect(await VQ.missing(grid)).toEqual([[C203[0]], [C203[1]]]);
    expect(await VQ.missing(evidenceGrid('4430-02', '203', []))).toEqual(C203.map((c) => [c]));
  });

  it('one blank cell when nothing is missing', async () => {
    expect(await VQ.missing(ownTracker(C203, [C203.map(() => 'x')]), '203', '4430-02')).toEqual([['']]);
  });

  it('lists items the tracker has no column for', async () => {
    const tracker = ownTracker(C203.slice(1), [C203.slice(1).map(() => 'x')]);
    expect(await VQ.missing(tracker, '203', '4430-02')).toEqual([[C203[0]]]);
  });

  it('a spilled error when the range is not a grid or the unit unknown', async () => {
    expect(spilledError(await VQ.missing([['x']], '203', '4430-02'))).toEqual({
      code: '#VALUE!',
      message: 'No header row of item codes for unit 4430-203 found in the first 60 rows: expected a row holding codes such as 1.1, 1.2, 1.3.',
    });
    expect(spilledError(await VQ.missing([['x']], '203', 'nvq')).code).toBe('#N/A');
  });
});

describe('VQ.CREDITS and VQ.GLH', () => {
  const pathway = ['4430-101', '4430-201', '203', '212', '219', '221'];
  // 4 + 4 + 5 + 5 + 6 + 6 credits; 30 + 30 + 33 + 33 + 40 + 40 GLH

  it('total the listed units: a column, a row, codes in any form, each unit once', async () => {
    expect(await VQ.credits(pathway.map((u) => [u]), '4430-02')).toBe(30);
    expect(await VQ.glh(pathway.map((u) => [u]), '4430-02')).toBe(206);
    expect(await VQ.credits([pathway], '4430-02')).toBe(30);
    expect(await VQ.credits([['F1', 'L/601/1614', 'Unit 203', '203', '']], '4430-02')).toBe(13);
    expect(await VQ.credits([['Unit code'], ['203'], [''], ['212']], '4430-02')).toBe(10);
  });

  it('without a qualification, the one all the units belong to', async () => {
    expect(await VQ.credits([['4430-203'], ['219']])).toBe(11);
    expect(await VQ.glh([['CS 7'], ['CS 8']])).toBe(44);
    expect(excelError(await VQ.credits([['203'], ['212']]))).toEqual({
      code: '#N/A',
      message: 'Units 203, 212 are in more than one qualification (cg-4430-02, cg-nsvq2-recording-forms): give the qualification.',
    });
    expect(await VQ.credits([['']])).toBe(0);
  });

  it('count only complete units: code in the first column, status in the last', async () => {
    const progress: RawCell[][] = [
      ['Unit code', 'Title', 'Status'],
      ['4430-101', 'Communicate using customer service language', 'Complete'],
      ['4430-201', 'Follow the rules to deliver customer service', 'In progress'],
      ['203', 'Give customers a positive impression', true],
      ['212', '', 'achieved'],
      ['219', '', 'Not started'],
      ['221', '', '(no longer in pathway)'],
    ];
    expect(await VQ.credits(progress, '4430-02', 'complete')).toBe(14);
    expect(await VQ.credits(progress, '4430-02', 'Achieved')).toBe(14);
    expect(await VQ.glh(progress, '4430-02', 'complete')).toBe(96);
    expect(await VQ.credits(progress, '4430-02', 'in progress')).toBe(4);
    expect(await VQ.credits(progress, '4430-02')).toBe(24); // every unit still in the pathway
    expect(await VQ.credits([['203', 'yes']], '4430-02', 'complete')).toBe(5);
    expect(await VQ.credits([['203', 'no']], '4430-02', 'complete')).toBe(0);
  });

  it('#VALUE! when a status is asked of a list without statuses', async () => {
    expect(excelError(await VQ.credits([['203'], ['212']], '4430-02', 'complete'))).toEqual({
      code: '#VALUE!',
      message: 'Status "complete" needs each unit\'s status: give a range with unit codes in its first column and their status in its last column.',
    });
  });

  it('#N/A for an unknown unit (with the closest codes) or qualification, and for credits the standard does not state', async () => {
    expect(excelError(await VQ.credits([['203'], ['2l2']], '4430-02'))).toEqual({
      code: '#N/A',
      message: `Unknown unit "2l2" in ${TITLE_4430}. Closest known: 4430-202, 4430-212, 4430-222, 4430-102, 4430-103.`,
    });
    expect(excelError(await VQ.credits([['203']], 'City and Guilds'))).toMatchObject({ code: '#N/A' });
    expect(excelError(await VQ.credits([['203']], 'City and Guilds')).message).toMatch(/^Unknown qualification "City and Guilds"\. Closest known: /);
    expect(excelError(await VQ.credits([['U09602'], ['U12902']], 'CCA010-02'))).toEqual({
      code: '#N/A',
      message: 'The standard does not state the credit value of units U09602, U12902, so no total can be given.',
    });
    expect(excelError(await VQ.glh([['F3']], 'sqa-svq3-customer-service'))).toEqual({
      code: '#N/A',
      message: 'The standard does not state the GLH of unit F3, so no total can be given.',
    });
  });
});

describe('VQ.RULES and VQ.QUALCOMPLETE', () => {
  const met = [['4430-101'], ['4430-201'], ['203'], ['212'], ['219'], ['221']];

  it('"Met" for a pathway that meets every rule', async () => {
    expect(await VQ.rules(met, '4430-02')).toEqual([['Met']]);
    expect(await VQ.qualComplete(met, '4430-02')).toBe(true);
  });

  it('every unmet rule, in plain words, spilled down a column', async () => {
    const lines = await VQ.rules([['203'], ['212']], '4430-02');
    expect(lines).toEqual([
      ['Not met: needs mandatory units 4430-101 Communicate using customer service language; 4430-201 Follow the rules to deliver customer service'],
      ['Not met: 8 credits short of the minimum 8 from mandatory group Customer Service Foundations'],
      ['Not met: 18 credits short of the minimum 28'],
      ['Not met: 5 credits short of the minimum 15 at level 2'],
      ['Not met: 10 credits short of the minimum 20 from optional groups Impression and Image, Delivery, Handling Problems, Development and Improvement'],
      ['Not met: needs 1 more unit from optional group Handling Problems; needs 1 more unit from optional group Development and Improvement'],
    ]);
    expect(await VQ.qualComplete([['203'], ['212']], '4430-02')).toBe(false);
  });

  it('only the complete units when a status is asked for', async () => {
    const progress = met.map(([u]) => [u!, u === '221' ? 'In progress' : 'Complete']);
    expect(await VQ.rules(progress, '4430-02')).toEqual([['Met']]);
    expect(await VQ.rules(progress, '4430-02', 'complete')).toEqual([
      ['Not met: 4 credits short of the minimum 28'],
      ['Not met: 4 credits short of the minimum 20 from optional groups Impression and Image, Delivery, Handling Problems, Development and Improvement'],
      ['Not met: needs 1 more unit from optional group Development and Improvement'],
    ]);
    expect(await VQ.qualComplete(progress, '4430-02', 'complete')).toBe(false);
  });

  it('never "Met" when a rule cannot be checked: RULES says why, QUALCOMPLETE is #N/A', async () => {
    // The SVQ's "at most one optional unit at SCQF level 7 or 8": no unit's SCQF level is printed.
    const svq = [['F3'], ['F4'], ['A13'], ['B9'], ['C5'], ['D8'], ['D9']];
    const lines = (await VQ.rules(svq, 'SVQ 3 in Customer Service at SCQF level 6')) as string[][];
    expect(lines).toHaveLength(1);
    expect(lines[0]![0]).toMatch(/^Cannot be checked: the standard does not state the SCQF level of A13, B9, C5, D8, D9$/);
    const answer = excelError(await VQ.qualComplete(svq, 'SVQ 3 in Customer Service at SCQF level 6'));
    expect(answer).toEqual({ code: '#N/A', message: lines[0]![0] });
    // No rules at all in the recording forms' standard.
    expect(await VQ.rules([['101']], 'Level 2 N/SVQ in Customer Service')).toEqual([['Cannot be checked: the standard gives no rules of combination']]);
    expect(excelError(await VQ.qualComplete([['101']], 'Level 2 N/SVQ in Customer Service'))).toEqual({
      code: '#N/A',
      message: 'Cannot be checked: the standard gives no rules of combination',
    });
  });

  it('errors: unknown unit or qualification #N/A, no qualification #VALUE!', async () => {
    expect(spilledError(await VQ.rules([['203'], ['999']], '4430-02')).code).toBe('#N/A');
    expect(spilledError(await VQ.rules([['203'], ['999']], '4430-02')).message).toMatch(/^Unknown unit "999" in Level 2 NVQ Certificate in Customer Service\. Closest known: /);
    expect(excelError(await VQ.qualComplete(met, 'nvq 2')).code).toBe('#N/A');
    expect(spilledError(await VQ.rules(met, ''))).toEqual({ code: '#VALUE!', message: 'No qualification given: expected a qualification such as 4430-02.' });
    expect(excelError(await VQ.qualComplete(met, null as unknown as string))).toEqual({
      code: '#VALUE!',
      message: 'No qualification given: expected a qualification such as 4430-02.',
    });
  });
});

describe('VQ.UNITINFO', () => {
  it('title by default; level, credit, GLH and the other fields', async () => {
    expect(await VQ.unitInfo('203', '4430-02')).toBe('Give customers a positive impression of yourself and your organisation');
    expect(await VQ.unitInfo('A4', '4430-02', 'credit')).toBe(5);
    expect(await VQ.unitInfo('A4', '4430-02', 'Credits')).toBe(5);
    expect(await VQ.unitInfo('203', '4430-02', 'glh')).toBe(33);
    expect(await VQ.unitInfo('203', '4430-02', 'level')).toBe(2);
    expect(await VQ.unitInfo('203', '4430-02', 'code')).toBe('4430-203');
    expect(await VQ.unitInfo('203', '4430-02', 'codes')).toBe('4430-203, 203, A4, L/601/0933');
    expect(await VQ.unitInfo('203', '4430-02', 'detailed')).toBe(true);
    expect(await VQ.unitInfo('102', '4430-02', 'detailed')).toBe(false);
    expect(await VQ.unitInfo('203', '4430-02', 'items')).toBe(C203.length);
    expect(await VQ.unitInfo('203', '4430-02', 'group')).toBe('Impression and Image');
    expect(await VQ.unitInfo('203', '4430-02', 'mandatory')).toBe(false);
    expect(await VQ.unitInfo('101', '4430-02', 'mandatory')).toBe(true);
    expect(await VQ.unitInfo('203', '4430-02', 'simulation')).toMatch(/^(allowed|not allowed|not stated)$/);
  });

  it('#N/A for what the standard does not state, or an unknown unit; #VALUE! for an unknown field', async () => {
    expect(excelError(await VQ.unitInfo('F3', 'sqa-svq3-customer-service', 'level'))).toEqual({ code: '#N/A', message: 'The standard does not state the level of unit F3.' });
    expect(excelError(await VQ.unitInfo('203', '4430-02', 'SCQF level'))).toEqual({ code: '#N/A', message: 'The standard does not state the SCQF level of unit 4430-203.' });
    expect(excelError(await VQ.unitInfo('U09602', 'CCA010-02', 'credit'))).toEqual({ code: '#N/A', message: 'The standard does not state the credit value of unit U09602.' });
    expect(excelError(await VQ.unitInfo('2033', '4430-02')).code).toBe('#N/A');
    expect(excelError(await VQ.unitInfo('2033', '4430-02')).message).toMatch(/^Unknown unit "2033" in Level 2 NVQ Certificate in Customer Service\. Closest known: .*203/);
    expect(excelError(await VQ.unitInfo('203', '4430-02', 'colour'))).toEqual({
      code: '#VALUE!',
      message: 'Unknown field "colour": use title, code, codes, level, scqf, credit, glh, detailed, items, group, mandatory, simulation.',
    });
    expect(excelError(await VQ.unitInfo('', '4430-02'))).toEqual({ code: '#VALUE!', message: 'No unit given: expected a unit code such as 203.' });
  });
});

describe('VQ.ITEMTEXT and VQ.ITEMS', () => {
  it('the text of a criterion, range item, knowledge item or evidence requirement', async () => {
    const items = unitItems(standard('CCA010-02', 'U09602').unit);
    for (const kind of ['criterion', 'range', 'knowledge', 'evidence']) {
      const item = items.find((i) => i.kind === kind && i.text !== '')!;
      expect(await VQ.itemText(item.code, 'U09602', 'CCA010-02')).toBe(item.text);
    }
    expect(await VQ.itemText('1.1', '203', '4430-02')).toBe("meet their organisation's standards of appearance and behaviour");
  });

  it('#N/A for an unknown item (closest codes) or one printed without text', async () => {
    expect(excelError(await VQ.itemText('9.9', '203', '4430-02'))).toEqual({
      code: '#N/A',
      message: 'Unknown item "9.9" in unit 4430-203. Closest known: 1.1, 1.2, 1.3, 1.4, 1.5.',
    });
    expect(excelError(await VQ.itemText('a', '101', 'Level 2 N/SVQ in Customer Service'))).toEqual({
      code: '#N/A',
      message: 'The standard prints item a of unit 101 without its text.',
    });
    expect(excelError(await VQ.itemText('', '203', '4430-02'))).toEqual({ code: '#VALUE!', message: 'No item code given: expected an item code such as 1.1.' });
  });

  it('ITEMS spills the codes across a row: a header row for a tracker', async () => {
    expect(await VQ.items('203', '4430-02')).toEqual([C203]);
    expect(await VQ.items('U09602', 'CCA010-02', 'k&u')).toEqual([codesOf('CCA010-02', 'U09602', 'knowledge')]);
    expect(spilledError(await VQ.items('203', '4430-02', 'range'))).toEqual({ code: '#N/A', message: 'Unit 4430-203 has no range items in the standard.' });
    expect(spilledError(await VQ.items('102', '4430-02'))).toEqual({ code: '#N/A', message: 'Unit 4430-102 is not detailed in the standard: it has no items to check.' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('no function throws', () => {
  it('an unexpected failure is #VALUE! saying so, not an exception', async () => {
    const hostile = new Proxy([] as unknown[][], {
      get() {
        throw new Error('boom');
      },
    });
    expect(excelError(await VQ.unitComplete(hostile))).toEqual({ code: '#VALUE!', message: 'VQ.UNITCOMPLETE failed unexpectedly (boom). Please report this.' });
    expect(spilledError(await VQ.missing(hostile))).toEqual({ code: '#VALUE!', message: 'VQ.MISSING failed unexpectedly (boom). Please report this.' });
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

  it('random and hostile ranges and arguments: a typed value or a typed error with a message, never a throw', async () => {
    const grid = (x: unknown) => x as unknown[][];
    const s = (x: unknown) => x as string;
    await fc.assert(
      fc.asyncProperty(rangeArb, argArb, argArb, argArb, async (range, a, b, c) => {
        const answers = [
          VQ.unitComplete(grid(range), s(a), s(b)),
          VQ.coverage(grid(range), s(a), s(b), s(c)),
          VQ.credits(grid(range), s(b), s(c)),
          VQ.glh(grid(range), s(b), s(c)),
          VQ.qualComplete(grid(range), s(b), s(c)),
          VQ.unitInfo(s(a), s(b), s(c)),
          VQ.itemText(s(c), s(a), s(b)),
        ];
        const spills = [VQ.missing(grid(range), s(a), s(b)), VQ.rules(grid(range), s(b), s(c)), VQ.items(s(a), s(b), s(c))];
        // Every call answers with a promise (no synchronous throw) that resolves (never rejects).
        for (const p of [...answers, ...spills]) expect(p).toBeInstanceOf(Promise);
        for (const answer of await Promise.all(answers)) expect(isCellAnswer(answer)).toBe(true);
        for (const spill of await Promise.all(spills)) expect(isSpill(spill)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a real grid with random edits: still a value or a typed error', async () => {
    const base = evidenceGrid('4430-02', '203', [{ ref: 'E1', decision: 'Accepted', codes: C203.slice(0, 5) }]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: base.length + 2 }), fc.nat({ max: base[0]!.length + 2 }), cellArb), { maxLength: 30 }), fc.boolean(), async (edits, given) => {
        const g = base.map((r) => [...r] as unknown[]);
        for (const [r, c, v] of edits) (g[r] ??= [])[c] = v;
        const args = given ? ['203', '4430-02'] : [undefined, undefined];
        expect(isCellAnswer(await VQ.unitComplete(g as unknown[][], args[0], args[1]))).toBe(true);
        expect(isCellAnswer(await VQ.coverage(g as unknown[][], args[0], args[1], 'criteria'))).toBe(true);
        expect(isSpill(await VQ.missing(g as unknown[][], args[0], args[1]))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the standards, loaded on first use', () => {
  const BUNDLED = '../../src/domain/standards/bundled';
  const TITLE_203 = 'Give customers a positive impression of yourself and your organisation';

  /** A fresh copy of the functions whose import of the standards runs `load` on each attempt. */
  async function withStandards(load: (attempt: number) => unknown, run: (fresh: typeof VQ) => Promise<void>): Promise<void> {
    let attempt = 0;
    try {
      await jest.isolateModulesAsync(async () => {
        jest.doMock(BUNDLED, () => load(++attempt));
        await run(await import('../../src/functions/functions'));
      });
    } finally {
      jest.dontMock(BUNDLED);
    }
  }

  it('a chunk that fails to load is #VALUE! saying so, from every function waiting on it; the next call tries again', async () => {
    let attempts = 0;
    let indexed = 0;
    await withStandards(
      (attempt) => {
        attempts = attempt;
        if (attempt === 1) throw new Error('Loading chunk 795 failed.\n(error: https://localhost:3000/standards.add8364a.js)');
        const actual = jest.requireActual<{ bundledCatalog: typeof bundledCatalog }>(BUNDLED);
        return {
          bundledCatalog: () => {
            indexed++;
            return actual.bundledCatalog();
          },
        };
      },
      async (fresh) => {
        const [info, spill, total] = await Promise.all([fresh.unitInfo('203', '4430-02'), fresh.items('203', '4430-02'), fresh.credits([['203']], '4430-02')]);
        const because = (name: string) => ({
          code: '#VALUE!',
          message: `VQ.${name} could not load the standards (Loading chunk 795 failed. (error: https://localhost:3000/standards.add8364a.js)). Re-enter the formula, or recalculate the whole workbook, to try again; if it persists, please report this.`,
        });
        expect(excelError(info)).toEqual(because('UNITINFO'));
        expect(spilledError(spill)).toEqual(because('ITEMS'));
        expect(excelError(total)).toEqual(because('CREDITS'));
        expect(attempts).toBe(1);
        // Recalculated: loaded this time, and kept for every call after it.
        expect(await fresh.unitInfo('203', '4430-02')).toBe(TITLE_203);
        expect(await Promise.all([fresh.items('203', '4430-02'), fresh.credits([['203']], '4430-02')])).toEqual([[C203], 5]);
        expect(await fresh.unitInfo('203', '4430-02', 'glh')).toBe(33);
        expect([attempts, indexed]).toEqual([2, 1]);
      },
    );
  });

  it('corrupt bundled standards are #VALUE! saying so, not a rejected promise', async () => {
    await withStandards(
      () => ({
        bundledCatalog: () => {
          throw new Error('cg-4430-02.json: units.0.code: expected string');
        },
      }),
      async (fresh) => {
        expect(excelError(await fresh.unitComplete([['1.1']], '203', '4430-02'))).toEqual({
          code: '#VALUE!',
          message: 'VQ.UNITCOMPLETE could not load the standards (cg-4430-02.json: units.0.code: expected string). Re-enter the formula, or recalculate the whole workbook, to try again; if it persists, please report this.',
        });
        expect(spilledError(await fresh.missing([['1.1']], '203', '4430-02')).code).toBe('#VALUE!');
      },
    );
  });
});

describe('ranges that are not unit codes: bounded work, a clear answer (issue #14)', () => {
  let fresh = 0;
  /** Text no qualification knows, never seen before (so nothing is remembered from an earlier call). */
  const junk = (n: number) => Array.from({ length: n }, () => [`meeting notes ${++fresh}`]);
  const long = (n: number) => Array.from({ length: n }, () => [`${'lorem ipsum '.repeat(2700)}${++fresh}`]);

  it('a column of text with no qualification: #N/A "Not unit codes", naming the first few values', async () => {
    const column = junk(5000);
    expect(excelError(await VQ.credits(column))).toEqual({
      code: '#N/A',
      message: `Not unit codes: none of the first 17 values listed ("${column[0]![0]}", "${column[1]![0]}", "${column[2]![0]}", ...) is a unit code of any qualification. List unit codes such as 203 or 4430-203 (a row or column, or a unit per row with its status last), or give the qualification.`,
    });
    expect(excelError(await VQ.glh([['Unit'], ['lunch'], ['break']]))).toEqual({
      code: '#N/A',
      message: 'Not unit codes: none of the 2 values listed ("lunch", "break") is a unit code of any qualification. List unit codes such as 203 or 4430-203 (a row or column, or a unit per row with its status last), or give the qualification.',
    });
  });

  it('cells of 32,000 characters are shown by their start, with no closest codes', async () => {
    const cells = long(200);
    const answer = excelError(await VQ.credits(cells));
    expect(answer.code).toBe('#N/A');
    expect(answer.message).toMatch(/^Not unit codes: none of the first 17 values listed \("lorem ipsum lorem ipsum lorem ipsum lore… \(32,\d{3} characters\)", /);
    expect(answer.message!.length).toBeLessThan(500);
    const given = excelError(await VQ.credits(cells, '4430-02'));
    expect(given).toEqual({ code: '#N/A', message: `Unknown unit "lorem ipsum lorem ipsum lorem ipsum lore… (32,${String(cells[0]![0]).length - 32000} characters)" in ${TITLE_4430}.` });
    expect(excelError(await VQ.itemText(String(cells[0]![0]), '203', '4430-02')).message).toMatch(/^Unknown item "lorem ipsum .*… \(32,\d{3} characters\)" in unit 4430-203\.$/);
  });

  it('one code no qualification knows: closest codes of every qualification', async () => {
    const answer = excelError(await VQ.credits([['4430-2033']]));
    expect(answer.code).toBe('#N/A');
    expect(answer.message).toMatch(/^"4430-2033" is not a unit code of any qualification\. Closest known: 4430-203, /);
  });

  it('unit codes, then text: the first text named in the qualification the codes belong to, with its closest codes', async () => {
    expect(excelError(await VQ.credits([['4430-203'], ['4430-212'], ...junk(3000)]))).toEqual({
      code: '#N/A',
      message: expect.stringMatching(new RegExp(`^Unknown unit "meeting notes \\d+" in ${TITLE_4430.replace(/[()]/g, '\\$&')}\\. Closest known: `)) as unknown as string,
    });
  });

  it('closest codes are looked for once per call, not once per cell (nor per qualification)', async () => {
    const findUnit = jest.spyOn(QualificationIndex.prototype, 'findUnit');
    try {
      for (const [range, qualification] of [
        [junk(20_000), undefined],
        [junk(20_000), '4430-02'],
        [[['4430-203'], ...junk(20_000)], undefined],
        [long(200), undefined],
      ] as const) {
        findUnit.mockClear();
        expect(excelError(await VQ.credits(range as RawCell[][], qualification)).code).toBe('#N/A');
        expect(findUnit.mock.calls.length).toBeLessThanOrEqual(1);
      }
    } finally {
      findUnit.mockRestore();
    }
  });

  it('a status column of text: no unit counts, read without error', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`203`, `${'status text '.repeat(50)}${i}`]);
    expect(await VQ.credits(rows, '4430-02', 'complete')).toBe(0);
  });
});

describe('error values inside a range (issue #10.4)', () => {
  // functions.json sets allowErrorForDataTypeAny (metadata.test.ts), so Excel calls the functions with
  // error cells in their ranges. Both shapes an error may arrive in are handled.
  const errorShapes: [string, (code: string) => unknown][] = [
    ['CustomFunctions.Error', (code) => new FakeError(code)],
    ['error cell value', (code) => ({ type: 'Error', basicType: 'Error', basicValue: code, errorType: 'Div0' })],
  ];
  const withCell = (grid: RawCell[][], row: number, col: number, v: unknown) => {
    const copy = grid.map((r) => [...r]) as unknown[][];
    copy[row]![col] = v;
    return copy as unknown as unknown[][];
  };
  const accepted = () => evidenceGrid('4430-02', '203', [{ ref: 'E1', decision: 'Accepted', codes: C203 }]);
  const col = (code: string) => FIRST_ITEM_COL + C203.indexOf(code);

  it.each(errorShapes)('%s outside the marks (a formula row, the header block) is ignored', async (_, error) => {
    let grid = withCell(accepted(), GRID_ROWS.stillNeeded, col('1.3'), error('#VALUE!'));
    grid = withCell(grid as RawCell[][], GRID_ROWS.needed, col('1.1'), error('#VALUE!'));
    grid = withCell(grid as RawCell[][], 2, 10, error('#REF!'));
    expect(await VQ.unitComplete(grid)).toBe(true);
    expect(await VQ.coverage(grid)).toBe(1);
    expect(await VQ.missing(grid)).toEqual([['']]);
  });

  it.each(errorShapes)('%s where a mark belongs is #VALUE! naming the cell, never read as blank', async (_, error) => {
    const row = GRID_ROWS.firstEvidence;
    const grid = withCell(accepted(), row, col('1.3'), error('#DIV/0!'));
    const expected = {
      code: '#VALUE!',
      message: `Cell ${String.fromCharCode(65 + col('1.3'))}${row + 1} of the range (counting its first cell as A1) holds #DIV/0! where a mark for item 1.3 (evidence E1) belongs: correct or clear that cell.`,
    };
    expect(excelError(await VQ.unitComplete(grid))).toEqual(expected);
    expect(excelError(await VQ.coverage(grid, '203', '4430-02'))).toEqual(expected);
    expect(spilledError(await VQ.missing(grid))).toEqual(expected);
  });

  it('an error in the assessor decision, or in a criteria-rows grid\'s evidence refs, is named too', async () => {
    const decision = withCell(accepted(), GRID_ROWS.firstEvidence, F.decision, new FakeError('#N/A'));
    expect(excelError(await VQ.unitComplete(decision)).message).toBe(
      `Cell F${GRID_ROWS.firstEvidence + 1} of the range (counting its first cell as A1) holds #N/A where the assessor decision (evidence E1) belongs: correct or clear that cell.`,
    );
    const q = 'sqa-svq3-customer-service';
    const codes = codesOf(q, 'F3');
    const form = criteriaGrid(q, 'F3', [{ codes, ref: 'P12', decision: 'Accepted' }]);
    const c = criteriaColumns();
    const r = form.findIndex((row, i) => i > CRITERIA_ROWS.header && row[c.code] === codes[2]);
    const broken = withCell(form, r, c.firstRef, new FakeError('#REF!'));
    expect(excelError(await VQ.unitComplete(broken)).message).toBe(
      `Cell ${String.fromCharCode(65 + c.firstRef)}${r + 1} of the range (counting its first cell as A1) holds #REF! where an evidence ref for item ${codes[2]} belongs: correct or clear that cell.`,
    );
  });

  it('lists of units: an error where a code or the asked-for status belongs is named; in a title column it is ignored', async () => {
    const progress: unknown[][] = [
      ['Unit code', 'Title', 'Status'],
      ['203', new FakeError('#N/A'), 'Complete'],
      ['212', '', 'Complete'],
    ];
    expect(await VQ.credits(progress, '4430-02', 'complete')).toBe(10);
    progress[2]![2] = new FakeError('#VALUE!');
    expect(excelError(await VQ.credits(progress, '4430-02', 'complete'))).toEqual({
      code: '#VALUE!',
      message: "Cell C3 of the range (counting its first cell as A1) holds #VALUE! where a unit's status belongs (2 cells of the range hold errors): correct or clear that cell.",
    });
    expect(await VQ.credits(progress, '4430-02')).toBe(10); // every unit: the status is not read
    expect(excelError(await VQ.glh([['203'], [new FakeError('#REF!')]], '4430-02')).message).toBe(
      'Cell A2 of the range (counting its first cell as A1) holds #REF! where a unit code belongs: correct or clear that cell.',
    );
    expect(spilledError(await VQ.rules([['203', new FakeError('#N/A')]] as unknown[][], '4430-02'))).toMatchObject({ code: '#VALUE!' });
  });
});
