import { buildCriteriaRowsGrid, readCriteriaRows } from '../../../src/domain/grid/criteriaRowsGrid';
import {
  buildEvidenceIndex,
  criteriaRowsSource,
  evidenceRowsSource,
  NOT_ON_A_GRID,
  readEvidenceIndex,
  type EvidenceIndexContent,
  type GridEvidenceSource,
} from '../../../src/domain/grid/evidenceIndexSheet';
import { parseGrid } from '../../../src/domain/grid/readGrid';
import { buildUnitGrid, GRID_ROWS, type GridSubject } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { a1, at, planValues, put, styleAt, unlocked } from './planCells';

function subject(q: string, u: string): GridSubject {
  const found = bundledCatalog().findUnit(q, u);
  if (!found.ok) throw new Error(found.problem.message);
  return { qualification: found.value.index.qualification, unit: found.value.unit, candidate: 'Jane Smith', assessor: 'A. Assessor' };
}

const s203 = subject('cg-4430-02', '203');
const s202 = subject('cg-4430-02', '202');
const SHEET_203 = 'Jane Smith 4430-203';
const SHEET_202 = 'Jane Smith 4430-202';

/** An evidence-rows grid for 203 with rows: [ref, date, method, description, location, decision] + marked codes. */
function evidenceRowsGrid(rows: [RawCell[], string[]][]): GridEvidenceSource {
  const { sheet } = buildUnitGrid(s203, SHEET_203);
  const values = planValues(sheet, () => 0);
  const header = values[GRID_ROWS.header]!;
  rows.forEach(([fields, codes], i) => {
    const r = GRID_ROWS.firstEvidence + i;
    fields.forEach((v, c) => put(values, a1(r, c), v));
    for (const code of codes) put(values, a1(r, header.indexOf(code)), 'x');
  });
  const parsed = parseGrid(values, s203.unit);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return evidenceRowsSource(SHEET_203, '4430-203', parsed.value);
}

/** A criteria-rows grid for 202 with refs per item code. */
function criteriaGrid(refs: Record<string, RawCell[]>): { source: GridEvidenceSource; rowOf: (code: string) => number } {
  const { sheet } = buildCriteriaRowsGrid(s202, SHEET_202);
  const values = planValues(sheet, () => 0);
  const rowOf = (code: string) => values.findIndex((line, i) => i > 7 && line[2] === code);
  for (const [code, list] of Object.entries(refs)) list.forEach((v, i) => put(values, a1(rowOf(code), 5 + i), v));
  const parsed = readCriteriaRows(values, s202.unit);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return { source: criteriaRowsSource(SHEET_202, '4430-202', parsed.value), rowOf };
}

/** Rows of the index table (after the header row), as [ref, date, method, description, location, units, items, sampled, IV date]. */
function tableRows(values: RawCell[][]): RawCell[][] {
  return values.slice(6).filter((line) => line.some((v) => v !== null));
}

function readBack(values: RawCell[][]): EvidenceIndexContent {
  const r = readEvidenceIndex(values);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

describe('index of evidence', () => {
  const grid203 = evidenceRowsGrid([
    [['E1', 45400, 'Observation', 'Observed at the till', 'Portfolio p3', 'Accepted'], ['1.1', '1.2']],
    [[null, 45401, 'Questioning'], ['2.1']],
    [['E2', 45402, 'Product', 'Customer record form'], ['1.3']],
    [['10', 45405, 'Witness testimony'], ['3.1']],
  ]);
  const crit = criteriaGrid({ '1.1': ['E1', '✓'], '1.2': ['e1 ', 'E3'], '2.1': ['N', 'E9'] });
  const built = buildEvidenceIndex({ sheetName: 'Jane Smith evidence', candidate: 'Jane Smith', qualification: 'Level 2 NVQ Certificate in Customer Service', grids: [grid203, crit.source] });
  const { sheet } = built;
  const rows = tableRows(planValues(sheet));

  it('has the header and an Excel table with AutoFilter', () => {
    expect(sheet.role).toBe('evidenceIndex');
    expect(at(sheet, 'A1')).toBe('Index of evidence');
    expect(at(sheet, 'A2')).toBe('Candidate');
    expect(at(sheet, 'B2')).toBe('Jane Smith');
    expect(Array.from({ length: 9 }, (_, c) => at(sheet, a1(5, c)))).toEqual([
      'Evidence no.',
      'Date',
      'Method',
      'Description',
      'Location',
      'Units it maps to',
      'Items it maps to',
      'Sampled by IV (initials)',
      'IV date',
    ]);
    expect(sheet.tables).toEqual([
      { name: 'Evidence_Jane_Smith', range: { row: 5, col: 0, endRow: 5 + rows.length, endCol: 8 }, style: 'TableStyleMedium9', showFilter: true },
    ]);
    expect(buildEvidenceIndex({ sheetName: 'x', candidate: 'Jane Smith', qualification: 'q', grids: [], takenNames: ['evidence_jane_smith'] }).tableName).toBe('Evidence_Jane_Smith_2');
  });

  it('lists an evidence ref used in two units against both, with every item it counts for', () => {
    const e1 = rows.find((r) => r[0] === 'E1')!;
    expect(e1).toEqual([
      'E1',
      45400,
      'Observation',
      'Observed at the till',
      'Portfolio p3',
      '4430-203, 4430-202',
      '4430-203: 1.1, 1.2; 4430-202: 1.1, 1.2',
      null,
      null,
    ]);
    expect(rows.find((r) => r[0] === 'E3')!.slice(5, 7)).toEqual(['4430-202', '4430-202: 1.2']);
    expect(rows.find((r) => r[0] === 'E9')!.slice(5, 7)).toEqual(['4430-202', '4430-202: 2.1']);
  });

  it('sorts refs with numbers in order, and lists rows without a ref as "(no ref) <sheet> row N"', () => {
    expect(rows.map((r) => r[0])).toEqual([
      '10',
      'E1',
      'E2',
      'E3',
      'E9',
      `(no ref) ${SHEET_203} row ${GRID_ROWS.firstEvidence + 2}`,
      `(no ref) ${SHEET_202} row ${crit.rowOf('1.1') + 1}`,
    ]);
    const noRef = rows.find((r) => String(r[0]).startsWith(`(no ref) ${SHEET_203}`))!;
    expect(noRef.slice(1, 7)).toEqual([45401, 'Questioning', null, null, '4430-203', '4430-203: 2.1']);
    expect(rows[6]!.slice(5, 7)).toEqual(['4430-202', '4430-202: 1.1']);
  });

  it('leaves description, location and IV sampling editable; dates formatted', () => {
    for (const x of ['D7', 'E7', 'H7', 'I7']) expect([x, unlocked(sheet, x)]).toEqual([x, true]);
    for (const x of ['A7', 'F7', 'G7']) expect([x, unlocked(sheet, x)]).toEqual([x, false]);
    expect(styleAt(sheet, 'B7').numberFormat).toBe('dd/mm/yyyy');
    expect(styleAt(sheet, 'I7').numberFormat).toBe('dd/mm/yyyy');
    expect(styleAt(sheet, 'A7').numberFormat).toBe('@');
    expect(sheet.print?.repeatRows).toEqual({ from: 5, to: 5 });
  });

  it('keeps the user entries of an existing index on a rebuild, and refs no grid uses any more', () => {
    const values = planValues(sheet);
    const rowOf = (ref: string) => values.findIndex((line) => line[0] === ref);
    put(values, a1(rowOf('E1'), 3), 'Till observation, signed by supervisor');
    put(values, a1(rowOf('E1'), 7), 'IV');
    put(values, a1(rowOf('E1'), 8), 45600);
    put(values, a1(rowOf('E2'), 4), 'Cabinet 2');
    put(values, a1(rowOf('E2'), 7), 'KL');
    put(values, 'J6', 'Feedback'); // a column of the user's own
    put(values, a1(rowOf('E3'), 9), 'good');
    values.push(['E99', null, null, 'Company media storage policy', 'With the General Manager']); // typed by hand
    const existing = readBack(values);

    // E2 is gone from 203's grid (the row was re-referenced as E2a).
    const grid = evidenceRowsGrid([
      [['E1', 45400, 'Observation', 'Observed at the till', 'Portfolio p3', 'Accepted'], ['1.1', '1.2', '1.4']],
      [['E2a', 45402, 'Product', 'Customer record form'], ['1.3']],
    ]);
    const rebuilt = buildEvidenceIndex({ sheetName: 'x', candidate: 'Jane Smith', qualification: 'q', grids: [grid, crit.source], existing });
    const after = tableRows(planValues(rebuilt.sheet));
    const row = (ref: string) => after.find((r) => r[0] === ref)!;
    expect(row('E1')!.slice(3, 9)).toEqual(['Till observation, signed by supervisor', 'Portfolio p3', '4430-203, 4430-202', '4430-203: 1.1, 1.2, 1.4; 4430-202: 1.1, 1.2', 'IV', 45600]);
    expect(row('E2')!.slice(4, 9)).toEqual(['Cabinet 2', NOT_ON_A_GRID, 'previously: 4430-203 | 4430-203: 1.3', 'KL', null]);
    expect(row('E2')![3]).toBe('Customer record form');
    expect(row('E2a')![5]).toBe('4430-203');
    expect(row('E3')![9]).toBe('good');
    expect(row('E99')!.slice(3, 6)).toEqual(['Company media storage policy', 'With the General Manager', NOT_ON_A_GRID]);
    expect(rebuilt.keptWithoutGrid.sort()).toEqual(['10', 'E2', 'E99']);
    expect(at(rebuilt.sheet, 'J6')).toBe('Feedback');
  });

  it('reads an index laid out as in the SVQ portfolio (Example 1), numbers in order', () => {
    const values: RawCell[][] = [
      ['SVQ title and level', 'Using IT at level 3'],
      ['Evidence number', 'Description of evidence', 'Included in portfolio (Yes/No) If no, state location', 'Sampled by the IV (initials and date)'],
      [1, 'Action plan identifying customer requirements', 'Yes', null],
      [2, 'Personal statement', 'Yes', 'KL 3/4'],
      [10, 'Witness testimony', 'Yes', null],
      [8, 'Company media storage policy', 'No. Can be found with General Manager.', null],
    ];
    const existing = readBack(values);
    expect(existing.rows.map((r) => r.ref)).toEqual([1, 2, 10, 8]);
    expect(existing.rows[1]!.values.get('sampledBy')).toBe('KL 3/4');
    const built2 = buildEvidenceIndex({ sheetName: 'x', candidate: 'A', qualification: 'q', grids: [], existing });
    const after = tableRows(planValues(built2.sheet));
    expect(after.map((r) => r[0])).toEqual([1, 2, 8, 10]);
    expect(after[1]![3]).toBe('Personal statement');
    expect(after[1]![7]).toBe('KL 3/4');
    expect(after[1]![5]).toBe(NOT_ON_A_GRID);
  });

  it('readEvidenceIndex refuses a sheet without an evidence number header', () => {
    expect(readEvidenceIndex([['Candidate', 'A'], ['Notes']]).ok).toBe(false);
  });
});
