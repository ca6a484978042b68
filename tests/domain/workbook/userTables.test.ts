import { emptySheet, type PlanValue, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { moveUserTable, planOwnedTables, userTableProblems, type UserTable } from '../../../src/domain/workbook/userTables';

/** The user's "Visits", D2:F5 (header row 2), on a sheet rebuilt in place. */
const visits: UserTable = { name: 'Visits', range: { row: 1, col: 3, endRow: 4, endCol: 5 }, headerRow: true };

describe('planOwnedTables: which tables on a sheet rebuilt in place are the plan\'s', () => {
  const sheet = (...names: string[]) => ({ tables: names.map((name) => ({ name, range: { row: 0, col: 0 } })) });
  it('is the table of the same name, ignoring case; every other table is the user\'s', () => {
    expect([...planOwnedTables(sheet('Progress_Jane'), ['Visits', 'PROGRESS_JANE']).entries()]).toEqual([['progress_jane', 'PROGRESS_JANE']]);
  });
  it('is the sheet\'s only table when the plan has one table under another name', () => {
    expect([...planOwnedTables(sheet('Progress_Jane_Smith'), ['Progress_Jane']).values()]).toEqual(['Progress_Jane']);
    expect([...planOwnedTables(sheet('Progress_Jane_Smith'), ['Progress_Jane', 'Visits']).values()]).toEqual([]);
    expect([...planOwnedTables(sheet('A', 'B'), ['C']).values()]).toEqual([]);
  });
});

describe('moveUserTable: a user\'s table moves as Excel moves it', () => {
  it('shifts with rows and columns inserted before it; rows and columns after it leave it be', () => {
    const moved = moveUserTable(visits, [
      { axis: 'rows', op: 'insert', at: 5, count: 3 },
      { axis: 'rows', op: 'insert', at: 1, count: 2 },
      { axis: 'columns', op: 'insert', at: 6, count: 1 },
      { axis: 'columns', op: 'insert', at: 0, count: 1 },
    ]);
    expect(moved).toEqual({ name: 'Visits', range: { row: 3, col: 4, endRow: 6, endCol: 6 }, columns: [0, 1, 2] });
  });
  it('widens over a column inserted inside it (a new table column) and narrows when one inside it is deleted', () => {
    expect(moveUserTable(visits, [{ axis: 'columns', op: 'insert', at: 5, count: 2 }])?.columns).toEqual([0, 1, null, null, 2]);
    expect(moveUserTable(visits, [{ axis: 'columns', op: 'delete', at: 4, count: 1 }])).toEqual({ name: 'Visits', range: { row: 1, col: 3, endRow: 4, endCol: 4 }, columns: [0, 2] });
  });
  it('is gone when its header row or all its rows are deleted', () => {
    expect(moveUserTable(visits, [{ axis: 'rows', op: 'delete', at: 1, count: 1 }])).toBeNull();
    expect(moveUserTable(visits, [{ axis: 'rows', op: 'delete', at: 0, count: 6 }])).toBeNull();
    // A data row deleted: it shrinks.
    expect(moveUserTable(visits, [{ axis: 'rows', op: 'delete', at: 2, count: 1 }])?.range).toEqual({ row: 1, col: 3, endRow: 3, endCol: 5 });
  });
});

describe('userTableProblems', () => {
  it('says which table, on which sheet, at which cells, when the rebuild deletes its header row', () => {
    const sheet = { ...emptySheet('Jane Smith Tracker', 'tracker') };
    const plan: WorkbookPlan = { sheets: [sheet], names: [], dateFormat: 'dd/mm/yyyy' };
    const problems = userTableProblems(plan, sheet, [visits], [null]);
    expect(problems).toEqual([
      {
        sheet: 'Jane Smith Tracker',
        cell: 'D2:F5',
        message: 'Rebuilding sheet "Jane Smith Tracker" would delete the header row, or every column, of the table Visits on sheet "Jane Smith Tracker" (D2:F5). Move the table clear of the sheet\'s own rows and columns (or to another sheet), then build again.',
      },
    ]);
  });
  it('finds nothing when the plan writes around the table', () => {
    // Rows of a block may differ in length: only the cells a row has are written.
    const values: PlanValue[][] = [['a', 'b', 'c'], ['d', 'e', 'f'], [], ['g'], ['h', 'i', 'j', 'k', 'l', 'm', 'n']];
    const sheet: SheetPlan = { ...emptySheet('Grid', 'unitGrid'), blocks: [{ row: 1, col: 0, values }] };
    const plan: WorkbookPlan = { sheets: [sheet], names: [{ name: 'Other', sheet: 'Grid', range: { row: 0, col: 0 } }], dateFormat: 'dd/mm/yyyy' };
    expect(userTableProblems(plan, sheet, [visits], [moveUserTable(visits, [])])).toEqual([]);
    // One row longer, by a blank that would still be written: refused.
    values[1]!.push(null);
    expect(userTableProblems(plan, sheet, [visits], [moveUserTable(visits, [])]).map((p) => p.message)).toEqual([
      'Rebuilding sheet "Grid" would write cell D3 over the table Visits on sheet "Grid" (D2:F5). Move the table clear of the sheet\'s own cells (or to another sheet), then build again.',
    ]);
  });
});
