import { unitCoverage } from '../../../src/domain/coverage/coverage';
import { checkWorkbook } from '../../../src/domain/coverage/workbookCheck';
import { unitComplete } from '../../../src/domain/checks/sheetChecks';
import { buildCriteriaRowsGrid, criteriaColumns, criteriaRowsCoverage, CRITERIA_ROWS } from '../../../src/domain/grid/criteriaRowsGrid';
import { EVIDENCE_FIELDS } from '../../../src/domain/grid/layout';
import { buildUnitGrid, FIRST_ITEM_COL, GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { isMark, parseDecision, readDecision, readMark } from '../../../src/domain/grid/vocabulary';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { unitItems } from '../../../src/domain/standards/itemCodes';
import { address, columnLetter, type PlanValue } from '../../../src/domain/workbook/plan';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { planValues } from '../../support/planValues';

describe('the mark vocabulary', () => {
  it.each<[RawCell, string]>([
    ['✓', 'mark'],
    ['✔', 'mark'],
    [' x ', 'mark'],
    ['X', 'mark'],
    ['Y', 'mark'],
    ['Yes ', 'mark'],
    ['TRUE', 'mark'],
    [true, 'mark'],
    [1, 'mark'],
    ['1', 'mark'],
    ['E4', 'mark'], // an evidence ref: text with a digit
    ['p12', 'mark'],
    ['1/3', 'mark'],
    [45000, 'mark'], // a date
    [null, 'noMark'],
    ['', 'noMark'],
    ['   ', 'noMark'],
    [0, 'noMark'],
    [' 0', 'noMark'],
    ['n', 'noMark'],
    ['No', 'noMark'],
    ['FALSE', 'noMark'],
    [false, 'noMark'],
    ['N/A', 'unrecognised'],
    ['-', 'unrecognised'],
    ['?', 'unrecognised'],
    ['not yet', 'unrecognised'],
    ['R', 'unrecognised'],
    ['x|y', 'unrecognised'],
    ['\u00a0✓', 'unrecognised'], // only spaces are trimmed, as TRIM does
  ])('reads %j as %s', (value, reading) => {
    expect(readMark(value)).toBe(reading);
    expect(isMark(value)).toBe(reading === 'mark');
  });
});

describe('the decision vocabulary', () => {
  it.each<[RawCell, string]>([
    ['Accepted', 'accepted'],
    ['Accepted ', 'accepted'],
    ['yes', 'accepted'],
    ['Y', 'accepted'],
    [true, 'accepted'],
    ['Referred', 'referred'],
    ['not  yet competent', 'referred'], // inner spaces fold, as TRIM does
    ['R', 'referred'],
    [false, 'referred'],
    [null, 'pending'],
    ['  ', 'pending'],
    ['Maybe', 'unrecognised'],
    ['Accepted?', 'unrecognised'],
  ])('reads %j as %s', (value, reading) => {
    expect(readDecision(value)).toBe(reading);
    expect(parseDecision(value)).toBe(reading === 'unrecognised' ? 'pending' : reading);
  });
});

const catalog = bundledCatalog();
const found = catalog.findUnit('4430-02', '4430-201');
if (!found.ok) throw new Error(found.problem.message);
const { unit, index } = found.value;
const items = unitItems(unit);
const subject = { qualification: index.qualification, unit, candidate: 'Jane Smith' };

/** An evidence-rows grid with one row: its decision and one entry under every item. */
function evidenceGrid(decision: RawCell, mark: (i: number) => RawCell): RawCell[][] {
  const { sheet } = buildUnitGrid(subject, 'Jane Smith 4430-201');
  const block = sheet.blocks[0]!;
  const row = block.values[GRID_ROWS.firstEvidence]!;
  row[0] = 'E1';
  row[EVIDENCE_FIELDS.indexOf('decision')] = decision as PlanValue;
  items.forEach((_, i) => (row[FIRST_ITEM_COL + i] = mark(i) as PlanValue));
  return planValues(sheet);
}

describe('coverage with the vocabulary', () => {
  it('never counts a unit marked N/A throughout as complete, and names every such cell', () => {
    const values = evidenceGrid('Accepted', () => 'N/A');
    const cov = unitCoverage(values, unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    expect(cov.value.complete).toBe(false);
    expect(cov.value.coverage).toBe(0);
    const row = GRID_ROWS.firstEvidence;
    expect(cov.value.unrecognised).toHaveLength(items.length);
    expect(cov.value.unrecognised[0]).toEqual({ cell: address({ row, col: FIRST_ITEM_COL }), value: 'N/A' });
    expect(cov.value.warnings.some((w) => w.startsWith(`${items.length} entries are not recognised, so not counted: ${columnLetter(FIRST_ITEM_COL)}${row + 1} "N/A"`))).toBe(true);
    expect(unitComplete(values, '', '', catalog)).toEqual({ ok: true, value: false });
  });

  it('reads "Accepted " and "Yes" as accepted, and reports an unrecognised decision by its cell', () => {
    for (const decision of ['Accepted ', 'Yes', ' accepted']) {
      const cov = unitCoverage(evidenceGrid(decision, () => '✓'), unit);
      expect(cov.ok && cov.value.complete).toBe(true);
    }
    const maybe = unitCoverage(evidenceGrid('Maybe', () => '✓'), unit);
    if (!maybe.ok) throw new Error(maybe.problem.message);
    expect(maybe.value.complete).toBe(false);
    expect(maybe.value.awaitingDecision).toHaveLength(items.length); // not judged: claimed
    expect(maybe.value.unrecognised).toEqual([{ cell: address({ row: GRID_ROWS.firstEvidence, col: EVIDENCE_FIELDS.indexOf('decision') }), value: 'Maybe' }]);
  });

  it('reports unrecognised refs and decisions of the criteria-rows layout by cell, in sheet order', () => {
    const { sheet } = buildCriteriaRowsGrid(subject, 'Jane Smith 4430-201');
    const col = criteriaColumns();
    const block = sheet.blocks[0]!;
    const first = CRITERIA_ROWS.firstItem;
    block.values[first]![col.firstRef] = 'E1';
    block.values[first]![col.firstRef + 1] = '-';
    block.values[first]![col.decision] = 'Accepted';
    block.values[first + 1]![col.firstRef] = 'not yet';
    block.values[first + 1]![col.decision] = 'Pending';
    const cov = criteriaRowsCoverage(planValues(sheet), unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    expect(cov.value.unrecognised).toEqual([
      { cell: address({ row: first, col: col.firstRef + 1 }), value: '-' },
      { cell: address({ row: first + 1, col: col.firstRef }), value: 'not yet' },
      { cell: address({ row: first + 1, col: col.decision }), value: 'Pending' },
    ]);
    expect(cov.value.items[0]!.accepted).toEqual(['E1']);
  });

  it('puts the unrecognised cells in the check report (the check --json contract)', () => {
    const checked = checkWorkbook([{ name: 'Jane Smith 4430-201', values: evidenceGrid('Accepted', (i) => (i === 0 ? '?' : '✓')) }], catalog);
    const u = checked.candidates[0]!.units[0]!;
    expect(u.unrecognised).toEqual([{ cell: address({ row: GRID_ROWS.firstEvidence, col: FIRST_ITEM_COL }), value: '?' }]);
    expect(u.complete).toBe(false);
    expect(u.missing).toEqual([items[0]!.code]);
  });
});
