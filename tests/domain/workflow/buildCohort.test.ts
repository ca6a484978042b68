import { buildCandidateWorkbook, sheetsReplacedBy } from '../../../src/domain/grid/candidateWorkbook';
import type * as CandidateWorkbook from '../../../src/domain/grid/candidateWorkbook';
import { CohortBuild, describeChanges } from '../../../src/domain/workflow/buildCohort';
import type { ExistingNames } from '../../../src/domain/workbook/preflight';
import { CG, cohortWorkbook, type BuiltCohortWorkbook } from '../sampling/cohortFixtures';

/** The names a workbook of these sheets holds, as an adapter reads them. */
function namesOf(book: BuiltCohortWorkbook): ExistingNames {
  return {
    sheets: book.sheets.map((s) => s.name),
    tables: book.plans.flatMap((p) => p.tables.map((t) => ({ name: t.name, sheet: p.name }))),
    names: book.names.map((n) => ({ name: n.name, sheet: n.sheet })),
  };
}

type CandidateWorkbookModule = typeof CandidateWorkbook;

// The builder, passed through, so a test can count the builds.
jest.mock('../../../src/domain/grid/candidateWorkbook', () => {
  const actual = jest.requireActual<CandidateWorkbookModule>('../../../src/domain/grid/candidateWorkbook');
  return { ...actual, buildCandidateWorkbook: jest.fn(actual.buildCandidateWorkbook) };
});

describe('building a cohort (one workflow for the CLI, the task pane and the fixtures)', () => {
  const jane = cohortWorkbook([{ name: 'Jane Smith', assessor: 'P. Jones', units: ['203', '204'], evidence: { '203': [{ ref: 'E1', marks: ['1.1'] }] } }]);

  it('knows from the request which existing sheets a build replaces: the pathway grids (mandatory units too), tracker and index, not other grids', () => {
    const replaced = sheetsReplacedBy({ qualification: CG, candidate: 'jane  smith', units: ['203'] }, jane.sheets);
    expect(replaced.ok && [...replaced.value].sort()).toEqual(['jane smith 4430-101', 'jane smith 4430-201', 'jane smith 4430-203', 'jane smith evidence', 'jane smith tracker']);
    expect(sheetsReplacedBy({ qualification: CG, candidate: 'Omar Khan', units: ['203'] }, jane.sheets)).toEqual({ ok: true, value: new Set() });
    const unknown = sheetsReplacedBy({ qualification: CG, candidate: 'Jane Smith', units: ['999'] }, jane.sheets);
    expect(unknown.ok ? '' : unknown.problem.kind).toBe('unknownUnit');
  });

  it('builds each candidate in one pass: a rebuild reuses its own table and defined names, a new look-alike gets its own', () => {
    const spy = jest.mocked(buildCandidateWorkbook);
    spy.mockClear();
    const before = namesOf(jane);
    const cohort = new CohortBuild({ qualification: CG, units: ['203', '204', '212'] }, before, 'jane.xlsx');
    const again = cohort.candidate({ name: 'jane smith', assessor: 'P. Jones' }, jane.sheets);
    const hyphen = cohort.candidate({ name: 'Jane-Smith' }, jane.sheets);
    // One build per candidate: no trial ("probe") build to learn which sheets are replaced.
    expect(spy).toHaveBeenCalledTimes(2);
    if (!again.ok || !hyphen.ok) throw new Error('not built');
    const tablesOf = (p: typeof again.value) => p.plan.sheets.flatMap((s) => s.tables.map((t) => t.name)).sort();
    expect(tablesOf(again.value)).toEqual(before.tables.map((t) => t.name).sort());
    expect(again.value.plan.names.map((n) => n.name)).toEqual(expect.arrayContaining(before.names.map((n) => n.name)));
    expect(again.value.clashes).toEqual([]);
    expect(tablesOf(hyphen.value)).toEqual(['Evidence_Jane_Smith_2', 'Progress_Jane_Smith_2']);
    expect(hyphen.value.clashes).toEqual([]);
    // What each did, as both shells say it.
    expect(again.value.rebuilt).toBe(true);
    expect(again.value.newGrids).toEqual(['Jane Smith 4430-212']);
    expect(again.value.report).toEqual([
      '"jane smith" is "Jane Smith" already in jane.xlsx (case and spacing ignored): updated those sheets, name kept as written there.',
      'Jane Smith 4430-101: unit 4430-101',
      'Jane Smith 4430-201: unit 4430-201',
      'Jane Smith 4430-203: unit 4430-203; kept 1 evidence row and 1 mark',
      'Jane Smith 4430-204: unit 4430-204',
      'Jane Smith 4430-212: unit 4430-212',
    ]);
    expect(hyphen.value.rebuilt).toBe(false);
    expect(hyphen.value.newSheets).toEqual(hyphen.value.sheets);
    // The workbook's names count both plans as applied.
    expect(cohort.workbook.sheets).toEqual(expect.arrayContaining([...hyphen.value.sheets, 'Jane Smith 4430-212']));
  });

  it('refuses a unit it does not know, and warns (still building) when the pathway cannot meet the rules', () => {
    const cohort = new CohortBuild({ qualification: CG, units: ['999'] }, { sheets: [], tables: [], names: [] });
    const r = cohort.candidate({ name: 'Omar Khan' }, []);
    expect(r.ok ? '' : r.problem.message).toMatch(/^Unknown unit "999"/);
    expect(cohort.pathwayWarning()).toBeNull();
    expect(new CohortBuild({ qualification: CG, units: ['203'] }, { sheets: [], tables: [], names: [] }).pathwayWarning()).toMatch(/^This pathway cannot meet the rules of combination/);
  });

  it('counts evidence rows and marks in words: one row, two marks', () => {
    const changes = { evidenceRowsKept: 1, marksKept: 2, added: ['1.4'], removed: [], reworded: [], marksMovedToRemoved: [] };
    expect(describeChanges({ sheet: 'Jane Smith 203', unit: '4430-203', layout: 'evidenceRows', changes: changes as never })).toBe('Jane Smith 203: unit 4430-203; kept 1 evidence row and 2 marks; added 1.4');
  });
});
