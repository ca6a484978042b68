import { fieldOf, headingProblems, labelledTable, readLabelledTable, tableRows, fieldColumns } from '../../../src/domain/tables/labelledTable';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';

// A small table like the ones users keep: a log of visits, with a title and notes above the header.
const VISITS = labelledTable({
  name: 'visit log',
  fields: [
    { key: 'candidate', label: 'Candidate', synonyms: ['learner', 'name'], kind: 'text' },
    { key: 'unit', label: 'Unit code', synonyms: ['unit'], kind: 'text' },
    { key: 'refs', label: 'Evidence', synonyms: ['refs'], kind: 'list' },
    { key: 'date', label: 'Date', kind: 'cell' },
  ],
  required: ['candidate', 'unit'],
  endLabels: ['Totals'],
});

function read(values: RawCell[][], range?: Parameters<typeof readLabelledTable>[2]) {
  const r = readLabelledTable(VISITS, values, range);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

describe('labelled table', () => {
  it('writes the header and rows in the spec order, and reads them back', () => {
    const rows = tableRows(VISITS, [{ candidate: 'Amy Ng', unit: '203', refs: 'E1, E2', date: 45700 }, { candidate: 'Ben Ode', unit: '204' }]);
    expect(rows).toEqual([
      ['Candidate', 'Unit code', 'Evidence', 'Date'],
      ['Amy Ng', '203', 'E1, E2', 45700],
      ['Ben Ode', '204', null, null],
    ]);
    expect(fieldColumns(VISITS)).toEqual({ candidate: 0, unit: 1, refs: 2, date: 3 });
    const back = read([['Visits 2025'], [], ...(rows as RawCell[][])]);
    expect(back.headerRow).toBe(2);
    expect(back.rows.map((r) => [r.row, r.values])).toEqual([
      [3, { candidate: 'Amy Ng', unit: '203', refs: ['E1', 'E2'], date: 45700 }],
      [4, { candidate: 'Ben Ode', unit: '204', refs: [], date: null }],
    ]);
    expect(back.missing).toEqual([]);
    expect(back.duplicates).toEqual([]);
  });

  it('reads headings typed with stray spaces, another case, punctuation and other names', () => {
    const back = read([['  CANDIDATE ', 'unit   code', 'Refs:', 'date.'], ['Amy Ng', 203, 'E1;E2', 'today']]);
    expect(back.columns).toEqual(new Map([['candidate', 0], ['unit', 1], ['refs', 2], ['date', 3]]));
    expect(back.rows[0]!.values).toEqual({ candidate: 'Amy Ng', unit: '203', refs: ['E1', 'E2'], date: 'today' });
    expect(fieldOf(VISITS, 'Learner')).toBe('candidate');
    expect(fieldOf(VISITS, 'Learner id')).toBeUndefined();
  });

  it("keeps a column the user inserted as theirs, and finds moved columns by heading", () => {
    const back = read([
      ['Date', 'Notes', 'Unit', 'Learner'],
      [45700, 'came late', '203', 'Amy Ng'],
    ]);
    expect(back.columns).toEqual(new Map([['date', 0], ['unit', 2], ['candidate', 3]]));
    expect(back.extras).toEqual([{ heading: 'Notes', col: 1 }]);
    expect(back.rows[0]!.extras).toEqual(new Map([['Notes', 'came late']]));
    expect(back.rows[0]!.cells).toEqual(new Map<string, RawCell>([['candidate', 'Amy Ng'], ['unit', '203'], ['date', 45700]]));
    // A field without a column reads as blank and is named, with the header row.
    expect(back.rows[0]!.values.refs).toEqual([]);
    expect(back.missing).toEqual(['refs']);
    expect(headingProblems(VISITS, back)).toEqual(['no "Evidence" heading in row 1']);
  });

  it('reads the first of a duplicated heading and keeps the second as a column of its own, naming its cell', () => {
    const back = read([[], ['Candidate', 'Unit code', 'Learner', 'Evidence'], ['Amy Ng', '203', 'Amy N.', 'E1']]);
    expect(back.columns.get('candidate')).toBe(0);
    expect(back.duplicates).toEqual([{ field: 'candidate', heading: 'Learner', address: 'C2', first: 'A2' }]);
    expect(back.rows[0]!.values.candidate).toBe('Amy Ng');
    expect(back.rows[0]!.extras).toEqual(new Map([['Learner', 'Amy N.']]));
    expect(headingProblems(VISITS, back)).toEqual(['no "Date" heading in row 2', 'C2: "Learner" heads Candidate again (read from A2); kept as a column of its own']);
  });

  it('refuses a sheet missing a required heading, saying which and where it looked', () => {
    const r = readLabelledTable(VISITS, [['Candidate', 'Evidence'], ['Amy Ng', 'E1']]);
    expect(!r.ok && r.problem).toEqual({ kind: 'notAGrid', message: 'No header row with "Candidate" and "Unit code" in the first 40 rows: not a visit log.' });
    const inRange = readLabelledTable(VISITS, [['Candidate', 'Notes', 'Unit']], { row: 0, col: 0, endRow: 0, endCol: 1 });
    expect(!inRange.ok && inRange.problem.message).toBe('No header row with "Candidate" and "Unit code" in its header row (A1:B1): not a visit log.');
  });

  it('looks for the header only in the scan rows, or only in the first row of a range', () => {
    const deep: RawCell[][] = [...Array.from({ length: 40 }, () => ['note']), ['Candidate', 'Unit'], ['Amy Ng', '203']];
    expect(readLabelledTable(VISITS, deep).ok).toBe(false);
    expect(readLabelledTable({ ...VISITS, scanRows: 41 }, deep).ok).toBe(true);
    const values: RawCell[][] = [['Candidate', 'Unit'], ['x', 'y'], ['Name', 'Unit code', 'Other'], ['Amy Ng', '203', 'z'], ['Ben Ode', '204', 'w']];
    const ranged = read(values, { row: 2, col: 0, endRow: 3, endCol: 1 });
    expect(ranged.rows.map((r) => r.values.candidate)).toEqual(['Amy Ng']);
    expect(ranged.extras).toEqual([]);
  });

  it('skips blank rows, or ends at one when the table says so, and ends at its end labels', () => {
    const values: RawCell[][] = [['Candidate', 'Unit'], ['Amy Ng', '203'], [null, '  '], ['Ben Ode', '204'], ['totals'], ['Cy', '205']];
    expect(read(values).rows.map((r) => r.values.candidate)).toEqual(['Amy Ng', 'Ben Ode']);
    const r = readLabelledTable({ ...VISITS, endsAtBlankRow: true }, values);
    expect(r.ok && r.value.rows.map((x) => x.values.candidate)).toEqual(['Amy Ng']);
  });

  it('needs minHeadings of its fields for a header row, so a lone label is not taken for one', () => {
    const one = labelledTable({ name: 'list', fields: [{ key: 'unit', label: 'Unit', kind: 'text' }, { key: 'title', label: 'Title', kind: 'text' }], required: ['unit'], minHeadings: 2 });
    const r = readLabelledTable(one, [['Unit', '203'], ['Unit', 'Title'], ['203', 'Retail']]);
    expect(r.ok && r.value.headerRow).toBe(1);
    expect(r.ok && r.value.rows.map((x) => x.values)).toEqual([{ unit: '203', title: 'Retail' }]);
    const none = readLabelledTable(one, [['Unit', '203']]);
    expect(!none.ok && none.problem.message).toBe('No header row with "Unit" and another of its headings in the first 40 rows: not a list.');
  });
});
