import { afterApply, describeClashes, nameTargetSheet, planClashes, takenNames, type ExistingNames } from '../../../src/domain/workbook/preflight';
import { emptySheet, type WorkbookPlan } from '../../../src/domain/workbook/plan';

const existing: ExistingNames = {
  sheets: ['Jane Smith 101', 'Jane Smith Tracker', 'Notes'],
  tables: [
    { name: 'Progress_Jane_Smith', sheet: 'Jane Smith Tracker' },
    { name: 'MyList', sheet: 'Notes' },
  ],
  names: [
    { name: 'Evidence_Jane_Smith_101', sheet: 'Jane Smith 101' },
    { name: 'Old_Name', sheet: null, broken: true },
    { name: 'Rate', sheet: null },
  ],
};

function plan(sheet: string, table: string, name: string, nameSheet = sheet): WorkbookPlan {
  const s = emptySheet(sheet, 'tracker');
  s.tables.push({ name: table, range: { row: 0, col: 0, endRow: 1, endCol: 0 } });
  return { sheets: [s], names: [{ name, sheet: nameSheet, range: { row: 0, col: 0 } }], dateFormat: 'dd/mm/yyyy' };
}

describe('pre-flight over a plan and the workbook it is applied to', () => {
  it('a rebuild reuses the tables and names on the sheets it replaces', () => {
    const p = plan('Jane Smith Tracker', 'Progress_Jane_Smith', 'Evidence_Jane_Smith_101');
    p.sheets.push(emptySheet('Jane Smith 101', 'unitGrid'));
    expect(planClashes(p, existing)).toEqual([]);
  });

  it("another sheet's table or name is a clash, said in plain words; ignoring case as Excel does", () => {
    const clashes = planClashes(plan('Jane-Smith Tracker', 'progress_jane_smith', 'EVIDENCE_JANE_SMITH_101'), existing);
    expect(clashes.map((c) => [c.name, c.existing, c.existingSheet])).toEqual([
      ['progress_jane_smith', 'table', 'Jane Smith Tracker'],
      ['EVIDENCE_JANE_SMITH_101', 'name', 'Jane Smith 101'],
    ]);
    expect(describeClashes(clashes)).toMatch(/^The workbook already has a table called "progress_jane_smith" on sheet "Jane Smith Tracker".*Nothing was changed.*1 more name: "EVIDENCE_JANE_SMITH_101" \(on sheet "Jane Smith 101"\)/);
  });

  it("a table may not take a user's defined name, a name may not take a table; a broken name may be replaced", () => {
    expect(planClashes(plan('New', 'Rate', 'X1_'), existing).map((c) => c.name)).toEqual(['Rate']);
    expect(planClashes(plan('New', 'T_new', 'MyList'), existing).map((c) => c.name)).toEqual(['MyList']);
    expect(planClashes(plan('New', 'T_new', 'Old_Name'), existing)).toEqual([]);
  });

  it('taken names leave out what the replaced sheets free; afterApply tracks a run of builds', () => {
    expect([...takenNames(existing)].sort()).toEqual(['evidence_jane_smith_101', 'mylist', 'progress_jane_smith', 'rate']);
    expect([...takenNames(existing, new Set(['jane smith tracker', 'jane smith 101']))].sort()).toEqual(['mylist', 'rate']);
    const next = afterApply(existing, plan('Jane-Smith Tracker', 'Progress_Jane_Smith_2', 'Evidence_Jane_Smith_101_2'));
    expect(next.sheets).toContain('Jane-Smith Tracker');
    expect(next.tables).toContainEqual({ name: 'Progress_Jane_Smith_2', sheet: 'Jane-Smith Tracker' });
    expect(next.tables).toContainEqual({ name: 'Progress_Jane_Smith', sheet: 'Jane Smith Tracker' });
  });

  it("reads a name's sheet from its formula", () => {
    expect(nameTargetSheet("='Jane Smith 101'!$A$5:$K$40")).toEqual({ sheet: 'Jane Smith 101', broken: false });
    expect(nameTargetSheet("='O''Neil 101'!$A$5")).toEqual({ sheet: "O'Neil 101", broken: false });
    expect(nameTargetSheet('=Tracker!$B$2')).toEqual({ sheet: 'Tracker', broken: false });
    expect(nameTargetSheet('=#REF!$A$1')).toEqual({ sheet: null, broken: true });
    expect(nameTargetSheet('=0.175')).toEqual({ sheet: null, broken: false });
  });
});
