import { unitCoverage } from '../../../src/domain/coverage/coverage';
import { parseGrid, readHeaderBlock } from '../../../src/domain/grid/readGrid';
import { acceptedFormula, markFormula, pendingFormula, unrecognisedMarkFormula } from '../../../src/domain/grid/vocabulary';
import { buildUnitGrid, FIRST_ITEM_COL, GRID_ROWS, type GridSubject } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { Unit } from '../../../src/domain/standards/schema';
import { isFormula, type SheetPlan } from '../../../src/domain/workbook/plan';
import { isoDateToSerial, type RawCell } from '../../../src/domain/workbook/sheetValues';
import { planValues } from '../../support/planValues';

function subject(q: string, u: string): GridSubject {
  const found = bundledCatalog().findUnit(q, u);
  if (!found.ok) throw new Error(found.problem.message);
  return { qualification: found.value.index.qualification, unit: found.value.unit, candidate: 'Jane Smith', assessor: 'A. Assessor' };
}

/** What a spreadsheet would hand back after the plan is written: formulas read as blank here. */

function cell(sheet: SheetPlan, row: number, col: number) {
  const b = sheet.blocks.find((x) => row >= x.row && row < x.row + x.values.length);
  return b?.values[row - b.row]?.[col - b.col];
}

/** Put an evidence row on the grid: fields by column A..G, marks by item code. */
function fill(values: RawCell[][], index: number, fields: RawCell[], marks: Record<string, RawCell>): void {
  const header = values[GRID_ROWS.header]!;
  const row = (values[GRID_ROWS.firstEvidence + index] ??= []);
  fields.forEach((v, c) => (row[c] = v));
  for (const [code, v] of Object.entries(marks)) row[header.indexOf(code)] = v;
}

describe('the evidence-rows unit grid', () => {
  const s = subject('4430-02', '203');
  const { sheet, items } = buildUnitGrid(s, 'Jane Smith 4430-203');

  it('has the header block: candidate, qualification, unit, assessor, status', () => {
    expect(cell(sheet, 1, 0)).toBe('Candidate');
    expect(cell(sheet, 1, 1)).toBe('Jane Smith');
    expect(cell(sheet, 2, 1)).toBe('A. Assessor');
    expect(cell(sheet, 3, 1)).toBe('4430-203');
    expect(cell(sheet, 4, 1)).toBe('Level 2, 5 credits, 33 GLH');
    expect(cell(sheet, 1, 4)).toBe('Level 2 NVQ Certificate in Customer Service');
    expect(cell(sheet, 3, 4)).toBe('Give customers a positive impression of yourself and your organisation');
    expect(cell(sheet, 4, 3)).toBe('Unit status');
    expect(isFormula(cell(sheet, 4, 4)!)).toBe(true);
  });

  it('puts every item across the top with its kind, group, code and text', () => {
    const unit = s.unit;
    expect(items.length).toBe(unit.elements.reduce((n, e) => n + e.criteria.length, 0) + items.filter((i) => i.kind === 'evidence').length);
    expect(cell(sheet, GRID_ROWS.header, 0)).toBe('Ref no.');
    expect(cell(sheet, GRID_ROWS.header, 5)).toBe('Assessor decision');
    expect(cell(sheet, GRID_ROWS.header, FIRST_ITEM_COL)).toBe('1.1');
    expect(cell(sheet, GRID_ROWS.kind, FIRST_ITEM_COL)).toBe('Performance / assessment criteria');
    expect(cell(sheet, GRID_ROWS.group, FIRST_ITEM_COL)).toBe('1 Establish rapport with customers');
    expect(cell(sheet, GRID_ROWS.text, FIRST_ITEM_COL)).toBe("meet their organisation's standards of appearance and behaviour");
    const last = FIRST_ITEM_COL + items.length - 1;
    expect(cell(sheet, GRID_ROWS.kind, last)).toBe('Evidence requirements');
  });

  it('counts accepted and claimed evidence with native formulas, and shows what is still needed', () => {
    const f = cell(sheet, GRID_ROWS.accepted, FIRST_ITEM_COL) as { formula: string };
    expect(f.formula).toBe(`=SUMPRODUCT(${markFormula('H$15:H$54')}*${acceptedFormula('$F$15:$F$54')})`);
    expect((cell(sheet, GRID_ROWS.claimed, FIRST_ITEM_COL) as { formula: string }).formula).toBe(`=SUMPRODUCT(${markFormula('H$15:H$54')}*${pendingFormula('$F$15:$F$54')})`);
    expect((cell(sheet, GRID_ROWS.stillNeeded, FIRST_ITEM_COL) as { formula: string }).formula).toBe('=MAX(0,IF(ISNUMBER(H10),H10,IF(ISNUMBER($B$6),$B$6,1))-H11)');
    // Each item follows the "Occasions needed (default)" cell B6 until a number is typed on it.
    expect(cell(sheet, GRID_ROWS.needed, FIRST_ITEM_COL)).toEqual({ formula: '=IF(ISNUMBER($B$6),$B$6,1)' });
    expect(cell(sheet, 5, 0)).toBe('Occasions needed (default)');
    expect(cell(sheet, 5, 1)).toBe(1);
    expect(sheet.conditionalFormats.some((c) => c.formula === '=H13>0' && c.style.fill)).toBe(true);
    expect(sheet.conditionalFormats.some((c) => c.formula === `=${markFormula('H15')}*${pendingFormula('$F15')}>0`)).toBe(true);
    expect(sheet.conditionalFormats.some((c) => c.formula === `=${unrecognisedMarkFormula('H15')}` && c.stopIfTrue)).toBe(true);
  });

  it('validates the method (no simulation where the unit does not allow it) and the decision', () => {
    const method = sheet.validations.find((v) => v.range.col === 2)!;
    expect(method.list).toEqual(['Observation', 'Witness testimony', 'Professional discussion', 'Questioning', 'Product', 'Personal statement', 'Recognition of prior learning']);
    const simulationUnit = buildUnitGrid(subject('4430-02', '4430-105'), 'x').sheet;
    expect(simulationUnit.validations.find((v) => v.range.col === 2)!.list).toContain('Simulation');
    expect(sheet.validations.find((v) => v.range.col === 5)!.list).toEqual(['Accepted', 'Referred']);
  });

  it('protects the structure but leaves evidence and marks editable; prints landscape with repeated headers', () => {
    expect(sheet.protection).toBeDefined();
    const unlocked = sheet.styles.filter((x) => x.style.locked === false).map((x) => x.range);
    expect(unlocked).toContainEqual({ row: GRID_ROWS.firstEvidence, col: 0, endRow: GRID_ROWS.firstEvidence + 39, endCol: FIRST_ITEM_COL + items.length - 1 });
    expect(sheet.print).toEqual({ landscape: true, fitToWidth: true, repeatRows: { from: GRID_ROWS.kind, to: GRID_ROWS.header } });
    expect(sheet.freeze).toEqual({ rows: GRID_ROWS.firstEvidence, cols: FIRST_ITEM_COL });
  });

  it('has the sign-off block of the recording forms, with its dates formatted as dates', () => {
    const values = planValues(sheet);
    const labels = values.map((r) => r[0]);
    const row = labels.indexOf('Date verified');
    expect(sheet.styles.some((x) => x.range.row === row && x.range.col === 3 && x.style.numberFormat === 'dd/mm/yyyy')).toBe(true);
    expect(labels).toEqual(expect.arrayContaining(['Sign-off', 'Assessor signature', 'Date completed', 'Sampled by internal verifier (Yes/No)', 'Internal verifier signature', 'Date verified']));
  });

  it('a blank assessor reads back as blank, never as the next label', () => {
    const blank = buildUnitGrid({ ...s, assessor: undefined }, 'g').sheet;
    const values = planValues(blank);
    values[2]![2] = values[2]![1] ?? null; // exceljs repeats a merge's value; here the blank
    expect(readHeaderBlock(values)).toMatchObject({ candidate: 'Jane Smith', unit: '4430-203', qualificationId: 'cg-4430-02' });
    expect(readHeaderBlock(values).assessor).toBeUndefined();
    // Nor from a table's column headings further down and to the right.
    values.push([], ['Unit code', 'Title', 'Group', 'Mandatory', 'Level', 'Credit', 'GLH', 'Status', 'Coverage', 'Assessor', 'Internal verifier']);
    expect(readHeaderBlock(values, 40).assessor).toBeUndefined();
  });

  it('shows range items grouped by category (CVQ)', () => {
    const cvq = buildUnitGrid(subject('CCA010-02', 'U09602'), 'cvq');
    const header = planValues(cvq.sheet)[GRID_ROWS.header]!;
    const col = header.indexOf('1/A/ii');
    expect(col).toBeGreaterThan(0);
    expect(cell(cvq.sheet, GRID_ROWS.kind, col)).toBe('Range');
    expect(cell(cvq.sheet, GRID_ROWS.text, col)).toBe('appear angry');
  });
});

describe('reading a filled grid into coverage', () => {
  const s = subject('4430-02', '203');
  const unit: Unit = s.unit;
  const allCodes = buildUnitGrid(s, 'g').items.map((i) => i.code);

  it('counts a row only once the assessor accepted it; unjudged marks are claimed', () => {
    const values = planValues(buildUnitGrid(s, 'g').sheet);
    fill(values, 0, ['E1', isoDateToSerial('2026-10-01'), 'Observation', 'Dealt with a complaint', 'Portfolio p3', 'Accepted'], { '1.1': '✓', '1.2': 'x' });
    fill(values, 1, ['E2', null, 'Product', 'Letter', 'p4', null], { '1.3': 'Y' });
    fill(values, 2, ['E3', null, 'Questioning', 'Q&A', 'p5', 'Referred'], { '1.4': 'yes' });
    const cov = unitCoverage(values, unit);
    expect(cov.ok).toBe(true);
    if (!cov.ok) return;
    const state = (code: string) => cov.value.items.find((i) => i.item.code === code)!;
    expect(state('1.1')).toMatchObject({ state: 'covered', accepted: ['E1'] });
    expect(state('1.2').state).toBe('covered');
    expect(state('1.3')).toMatchObject({ state: 'claimed', claimed: ['E2'], accepted: [] });
    expect(state('1.4')).toMatchObject({ state: 'uncovered', referred: ['E3'] });
    expect(cov.value.complete).toBe(false);
    expect(cov.value.missing).toEqual(allCodes.filter((c) => c !== '1.1' && c !== '1.2'));
    expect(cov.value.coverage).toBeCloseTo(2 / allCodes.length);
    expect(cov.value.byKind.criterion.covered).toBe(2);
    expect(cov.value.awaitingDecision).toEqual(['1.3']);
    expect(cov.value.lastEvidenceDate).toBe(isoDateToSerial('2026-10-01'));
  });

  it('is complete when every item has its occasions of accepted evidence', () => {
    const values = planValues(buildUnitGrid(s, 'g').sheet);
    const marks = Object.fromEntries(allCodes.map((c) => [c, 1]));
    fill(values, 0, ['E1', null, 'Observation', 'all', 'p1', 'Accepted'], marks);
    values[GRID_ROWS.needed]![FIRST_ITEM_COL] = 2; // 1.1 needs two occasions
    let cov = unitCoverage(values, unit);
    expect(cov.ok && cov.value.missing).toEqual(['1.1']);
    fill(values, 1, ['E2', null, 'Observation', 'again', 'p2', 'accepted'], { '1.1': 'E2' });
    cov = unitCoverage(values, unit);
    expect(cov.ok && cov.value.complete).toBe(true);
    expect(cov.ok && cov.value.coverage).toBe(1);
  });

  it("reads an assessor's own tracker: reordered, extra and missing columns, marks of every kind", () => {
    const codes = ['2.1', '1.2', '1.1', 'Notes', '1.3', '9.9'];
    const values: RawCell[][] = [
      ['My tracker for Jane'],
      [],
      ['Evidence', ...codes],
      ['W1', true, 'x', '✓', 'seen', 'no', 1],
      [null, null, null, null, null, null, null],
      ['W2', 'FALSE', 'N', 0, 'n/a', 46000, null],
      ['W3', 'yes', null, 'Y', null, 'E7', null],
    ];
    const cov = unitCoverage(values, unit);
    expect(cov.ok).toBe(true);
    if (!cov.ok) return;
    const get = (c: string) => cov.value.items.find((i) => i.item.code === c)!;
    // No decision column: the assessor's own marks count as accepted.
    expect(get('2.1').accepted).toEqual(['W1', 'W3']);
    expect(get('1.2').accepted).toEqual(['W1']);
    expect(get('1.1').accepted).toEqual(['W1', 'W3']);
    expect(get('1.3').accepted).toEqual(['W2', 'W3']); // a date serial and a ref are marks
    expect(cov.value.unknownCodes).toEqual(['9.9']);
    expect(cov.value.missingColumns).toContain('1.4');
    expect(get('1.4').state).toBe('missingColumn');
    expect(cov.value.warnings.join(' ')).toContain('"9.9" are not items of unit 4430-203');
    expect(cov.value.evidenceRows).toBe(3);
  });

  it('reports a range that is not a grid, saying what header was expected', () => {
    const r = unitCoverage([['Name', 'Score'], ['a', 1]], unit);
    expect(!r.ok && r.problem).toEqual({ kind: 'notAGrid', message: 'No header row of item codes for unit 4430-203 found in the first 60 rows: expected a row holding codes such as 1.1, 1.2, 1.3.' });
    expect(!unitCoverage([], unit).ok).toBe(true);
  });
});

describe('rebuilding a grid keeps every evidence row and every mark', () => {
  const s = subject('4430-02', '203');

  it('moves marks under removed items to a labelled area and reports what changed', () => {
    const first = buildUnitGrid(s, 'g');
    const values = planValues(first.sheet);
    fill(values, 0, ['E1', isoDateToSerial('2026-09-30'), 'Observation', '=HYPERLINK("x")', 'p1', 'Accepted', null], { '1.1': '✓', '4.4': 'x' });
    fill(values, 3, ['E4', null, null, 'note', null, null, null], { '2.2': 'Y' });
    values[1]![1] = 'Jane Smith-Jones'; // the assessor corrected the name on the sheet
    const parsed = parseGrid(values, s.unit);
    if (!parsed.ok) throw new Error(parsed.problem.message);

    // The standard changes: 4.4 removed, 1.1 re-worded, a new 4.99 added.
    const unit = structuredClone(s.unit);
    const lo4 = unit.elements.find((e) => e.code === '4')!;
    lo4.criteria = lo4.criteria.filter((c) => c.code !== '4.4');
    lo4.criteria.push({ code: '4.99', text: 'a new criterion' });
    unit.elements[0]!.criteria[0]!.text = 'reworded';
    const rebuilt = buildUnitGrid({ ...s, unit }, 'g', undefined, parsed.value.content);

    expect(rebuilt.changes.added).toEqual(['4.99']);
    expect(rebuilt.changes.removed).toEqual(['4.4']);
    expect(rebuilt.changes.reworded).toEqual(['1.1']);
    expect(rebuilt.changes.evidenceRowsKept).toBe(2);
    expect(rebuilt.changes.marksKept).toBe(3);
    const after = planValues(rebuilt.sheet);
    const header = after[GRID_ROWS.header]!;
    const e1 = after[GRID_ROWS.firstEvidence]!;
    expect(e1.slice(0, 6)).toEqual(['E1', isoDateToSerial('2026-09-30'), 'Observation', '=HYPERLINK("x")', 'p1', 'Accepted']);
    expect(e1[header.indexOf('1.1')]).toBe('✓');
    expect(e1[header.indexOf('No longer in standard: 4.4')]).toBe('x');
    expect(after[GRID_ROWS.firstEvidence + 1]![header.indexOf('2.2')]).toBe('Y');
    expect(after[1]![1]).toBe('Jane Smith-Jones');

    // And reading the rebuilt grid gives back the same marks.
    const again = parseGrid(after, unit);
    expect(again.ok && again.value.content.rows.map((r) => r.fields.ref)).toEqual(['E1', 'E4']);
    expect(again.ok && again.value.columns.unknownCodes).toEqual([]);
  });
});
