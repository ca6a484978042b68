import {
  buildCohortSummary,
  cohortCsv,
  cohortReport,
  COHORT_CHARTS,
  COHORT_ROWS,
  csvField,
  mergeCohorts,
  NO_MINIMUM,
  readCohort,
} from '../../../src/domain/cohort/cohortSummary';
import { checkWorkbook } from '../../../src/domain/coverage/workbookCheck';
import { EVIDENCE_FIELDS, SIGN_OFF } from '../../../src/domain/grid/layout';
import { GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { address, isFormula, type ChartPlan, type SheetPlan } from '../../../src/domain/workbook/plan';
import { isoDateToSerial } from '../../../src/domain/workbook/sheetValues';
import { a1, at, formulaAt, parseA1, planValues } from '../grid/planCells';
import { catalog, cohortWorkbook, qualification } from '../sampling/cohortFixtures';

const D = (iso: string) => isoDateToSerial(iso);

const built = cohortWorkbook([
  {
    name: 'Amy Ng',
    assessor: 'P. Jones',
    units: ['203', '212'],
    evidence: {
      '101': [{ ref: 'A1', date: D('2025-01-10'), method: 'Observation', location: 'Head office', marks: 'all' }],
      '203': [{ ref: 'E1', date: D('2025-02-01'), method: 'Observation', location: 'Head office' }],
    },
  },
  { name: "Zoë O'Neil", assessor: 'K. Lee', units: ['219'], evidence: { '219': [{ ref: 'Z1', date: D('2025-03-05'), decision: '' }] } },
]);
const cohort = readCohort(built.sheets, catalog);
const live = buildCohortSummary(cohort, { mode: 'live', asOf: '2025-03-31' });
const s = live.sheet;
const gridPlan = (name: string): SheetPlan => built.plans.find((p) => p.name === name)!;

describe('reading a cohort from its workbook', () => {
  it('finds every candidate with units in qualification order, status, coverage, assessor, tracker and index', () => {
    expect(cohort.problems).toEqual([]);
    expect(cohort.candidates.map((c) => [c.candidate, c.assessor, c.tracker, c.evidenceIndex])).toEqual([
      ['Amy Ng', 'P. Jones', 'Amy Ng Tracker', 'Amy Ng Evidence'],
      ["Zoë O'Neil", 'K. Lee', "Zoë O'Neil Tracker", "Zoë O'Neil Evidence"],
    ]);
    const amy = cohort.candidates[0]!;
    expect(amy.units.map((u) => [u.unit, u.status])).toEqual([
      ['4430-101', 'Complete'],
      ['4430-201', 'Not started'],
      ['4430-203', 'In progress'],
      ['4430-212', 'Not started'],
    ]);
    expect(amy.credits).toBe(4); // 101 is complete: its 4 credits, as `check` reports
    expect(amy.units[0]!.lastEvidenceDate).toBe(D('2025-01-10'));
    // Claimed (not yet judged) marks start a unit too, as the grid's own status formula says.
    expect(cohort.candidates[1]!.units.find((u) => u.unit === '4430-219')!.status).toBe('In progress');
  });

  it('labels candidates with their file when many workbooks are merged', () => {
    const two = mergeCohorts([readCohort(built.sheets, catalog, { file: 'a.xlsx' }), readCohort(built.sheets, catalog, { file: 'b.xlsx' })]);
    expect(two.candidates.map((c) => c.file)).toEqual(['a.xlsx', 'a.xlsx', 'b.xlsx', 'b.xlsx']);
  });
});

describe('the live cohort summary sheet', () => {
  const header = planValues(s)[COHORT_ROWS.header]!;
  const colOf = (label: string) => header.indexOf(label);
  const rowOf = (candidate: string) => live.candidateRows[cohort.candidates.findIndex((c) => c.candidate === candidate)]!;

  it('has candidates down and units across (status and coverage), in qualification order', () => {
    expect(s.role).toBe('cohort');
    expect(s.name).toBe('Cohort summary');
    expect(header).toEqual([
      'Candidate',
      'Assessor',
      'Qualification code',
      '4430-101 status',
      '4430-101 coverage',
      '4430-201 status',
      '4430-201 coverage',
      '4430-203 status',
      '4430-203 coverage',
      '4430-212 status',
      '4430-212 coverage',
      '4430-219 status',
      '4430-219 coverage',
      'Units planned',
      'Units complete',
      'Credits achieved',
      'Credits still needed',
      'Rules of combination (at last build)',
      'Last evidence date',
    ]);
    expect(s.tables[0]).toEqual({ name: 'CohortSummary', range: { row: COHORT_ROWS.header, col: 0, endRow: COHORT_ROWS.first + 1, endCol: header.length - 1 }, style: 'TableStyleMedium2', showFilter: true });
  });

  it("reads each unit's status and coverage from the grid's own E5 and E6, quoting sheet names", () => {
    for (const c of cohort.candidates) {
      for (const u of c.units) {
        const r = rowOf(c.candidate);
        const quoted = `'${u.sheet.replace(/'/g, "''")}'`;
        expect(formulaAt(s, a1(r, colOf(`${u.unit} status`)))).toBe(`=${quoted}!$E$5`);
        expect(formulaAt(s, a1(r, colOf(`${u.unit} coverage`)))).toBe(`=${quoted}!$E$6`);
        // ...which are the grid's status and coverage formulas.
        const grid = gridPlan(u.sheet);
        expect(at(grid, 'D5')).toBe('Unit status');
        expect(formulaAt(grid, 'E5')).toMatch(/"Complete".*"Not started".*"In progress"/);
        expect(at(grid, 'D6')).toBe('Coverage');
        expect(formulaAt(grid, 'E6')).toMatch(/^=COUNTIF\(/);
      }
    }
    // A unit outside a candidate's pathway stays blank.
    expect(at(s, a1(rowOf("Zoë O'Neil"), colOf('4430-203 status')))).toBeNull();
    expect(formulaAt(s, a1(rowOf("Zoë O'Neil"), colOf('4430-219 status')))).toBe("='Zoë O''Neil 4430-219'!$E$5");
  });

  it('takes the last evidence date over every grid\'s Date column, evidence rows only', () => {
    const amy = cohort.candidates[0]!;
    const f = formulaAt(s, a1(rowOf('Amy Ng'), colOf('Last evidence date')));
    // From the first evidence row to the row before the sign-off (the blank row above it reads as evidence too, as parseGrid reads it).
    const ranges = amy.units.map((u) => `'${u.sheet}'!$B$${GRID_ROWS.firstEvidence + 1}:$B$${GRID_ROWS.firstEvidence + 41}`);
    expect(f).toBe(`=IF(MAX(${ranges.join(',')})=0,"",MAX(${ranges.join(',')}))`);
    const grid = gridPlan(amy.units[0]!.sheet);
    expect(at(grid, address({ row: GRID_ROWS.header, col: EVIDENCE_FIELDS.indexOf('date') }))).toBe('Date');
    expect(at(grid, address({ row: GRID_ROWS.firstEvidence + 41, col: 0 }))).toBe(SIGN_OFF.heading); // the row after the range (zero-based)
  });

  it('counts units complete and credits from its own cells, to the minimum the qualification states', () => {
    const r = rowOf('Amy Ng');
    const units = `${a1(r, 3)}:${a1(r, header.length - 7)}`;
    expect(at(s, a1(r, colOf('Units planned')))).toBe(4);
    expect(formulaAt(s, a1(r, colOf('Units complete')))).toBe(`=COUNTIF(${units},"Complete")`);
    expect(formulaAt(s, a1(r, colOf('Credits achieved')))).toBe(`=SUMIFS($D$5:$${address({ row: 0, col: header.length - 7 }).replace(/\d+$/, '')}$5,${units},"Complete")`);
    expect(formulaAt(s, a1(r, colOf('Credits still needed')))).toBe(`=MAX(0,28-${a1(r, colOf('Credits achieved'))})`);
    // Each unit's credit sits above its status column.
    expect(live.unitColumns.map((u) => [u.unit, at(s, a1(COHORT_ROWS.credits, u.col))])).toEqual([
      ['4430-101', 4],
      ['4430-201', 4],
      ['4430-203', 5],
      ['4430-212', 5],
      ['4430-219', 6],
    ]);
    expect(at(s, a1(r, colOf('Rules of combination (at last build)')))).toMatch(/^Not met: /);
    expect(at(s, 'A3')).toBe('Rules of combination are judged on the complete units when this sheet was built on 31/03/2025; rebuild it to refresh them.');
  });

  it('shows progress at a glance: complete green, in progress amber, not started red; coverage bars', () => {
    const block = { row: COHORT_ROWS.first, col: 3, endRow: COHORT_ROWS.first + 1, endCol: header.length - 7 };
    expect(s.conditionalFormats.map((c) => [c.range, c.formula, c.style.fill])).toEqual([
      [block, '=D7="Complete"', '#C6EFCE'],
      [block, '=D7="In progress"', '#FFEB9C'],
      [block, '=D7="Not started"', '#FFC7CE'],
    ]);
    expect(s.dataBars[0]).toEqual({ range: block, color: '#63BE7B' });
  });

  it('has completion tables per unit and per assessor with data bars', () => {
    const values = planValues(s);
    const u = live.unitsTable;
    expect(values[u.headerRow]!.slice(0, 8)).toEqual(['Unit code', 'Unit title', 'Candidates', 'Complete', 'In progress', 'Not started', 'Completion', 'Average coverage']);
    const status203 = live.unitColumns.find((x) => x.unit === '4430-203')!.col;
    const row203 = u.firstRow + live.unitColumns.findIndex((x) => x.unit === '4430-203');
    const range = `${address({ row: COHORT_ROWS.first, col: status203 }, true)}:${address({ row: COHORT_ROWS.first + 1, col: status203 }, true)}`;
    expect(formulaAt(s, a1(row203, 3))).toBe(`=COUNTIF(${range},"Complete")`);
    const a = live.assessorsTable;
    expect(values.slice(a.firstRow, a.lastRow + 1).map((r) => r[0])).toEqual(['K. Lee', 'P. Jones']);
    expect(formulaAt(s, a1(a.firstRow, 1))).toBe(`=SUMPRODUCT(($B$7:$B$8=${a1(a.firstRow, 0)})*1)`);
    expect(s.dataBars.map((b) => b.range)).toContainEqual({ row: u.firstRow, col: 6, endRow: u.lastRow, endCol: 7 });
    expect(s.dataBars.map((b) => b.range)).toContainEqual({ row: a.firstRow, col: 4, endRow: a.lastRow });
    expect(s.tables.map((t) => t.name)).toEqual(['CohortSummary', 'CohortUnits', 'CohortAssessors']);
  });

  it('charts completion per unit and per assessor over the completion tables, beside them and clear of every table', () => {
    const u = live.unitsTable;
    const a = live.assessorsTable;
    expect(s.charts).toHaveLength(2);
    const [byUnit, byAssessor] = s.charts! as [ChartPlan, ChartPlan];
    expect(byUnit).toMatchObject({
      name: COHORT_CHARTS.byUnit,
      type: 'barClustered',
      title: 'Completion by unit',
      categories: { row: u.firstRow, col: 0, endRow: u.lastRow },
      series: [
        { name: 'Completion', values: { row: u.firstRow, col: 6, endRow: u.lastRow } },
        { name: 'Average coverage', values: { row: u.firstRow, col: 7, endRow: u.lastRow } },
      ],
    });
    // The series' header cells name them as the table does.
    const values = planValues(s);
    expect(values[u.headerRow]![6]).toBe('Completion');
    expect(values[u.headerRow]![7]).toBe('Average coverage');
    expect(values[a.headerRow]![4]).toBe('Completion');
    // Categories are the unit codes (one per unit column) and the assessors' names.
    expect(values.slice(u.firstRow, u.lastRow + 1).map((r) => r[0])).toEqual(live.unitColumns.map((c) => c.unit));
    expect(byAssessor).toMatchObject({
      name: COHORT_CHARTS.byAssessor,
      type: 'columnClustered',
      title: 'Completion by assessor',
      categories: { row: a.firstRow, col: 0, endRow: a.lastRow },
      series: [{ name: 'Completion', values: { row: a.firstRow, col: 4, endRow: a.lastRow } }],
    });
    // Placed below the candidates, right of the tables, not over each other.
    const tableRight = Math.max(...s.tables.slice(1).map((t) => t.range.endCol ?? t.range.col));
    for (const c of s.charts!) {
      expect(c.position.row).toBeGreaterThan(COHORT_ROWS.first + 1);
      expect(c.position.col).toBeGreaterThan(tableRight);
      expect(c.position.endRow! - c.position.row).toBeGreaterThanOrEqual(15);
    }
    expect(byAssessor.position.col).toBeGreaterThan(byUnit.position.endCol!);
  });

  it('is never taken for a grid by the readers, and avoids table names already taken', () => {
    expect(checkWorkbook([{ name: s.name, values: planValues(s) }], catalog)).toMatchObject({ candidates: [], problems: [] });
    const again = buildCohortSummary(cohort, { mode: 'live', takenTableNames: ['cohortsummary'] });
    expect(again.tableName).toBe('CohortSummary_2');
  });
});

describe('the values summary (other files) and the --json / --csv contracts', () => {
  const files = mergeCohorts([readCohort(built.sheets, catalog, { file: 'cohort-a.xlsx' })]);
  const values = buildCohortSummary(files, { mode: 'values', asOf: '2025-03-31' });

  it('writes the figures as read, with a note saying so, and the file each came from', () => {
    const v = planValues(values.sheet);
    const header = v[COHORT_ROWS.header]!;
    expect(header.at(-1)).toBe('File');
    const amy = v[values.candidateRows[0]!]!;
    expect(amy[header.indexOf('4430-101 status')]).toBe('Complete');
    expect(amy[header.indexOf('4430-101 coverage')]).toBe(1);
    expect(amy[header.indexOf('Last evidence date')]).toBe(D('2025-02-01'));
    expect(amy[header.indexOf('File')]).toBe('cohort-a.xlsx');
    expect(String(at(values.sheet, 'A2'))).toMatch(/^Values as read on 31\/03\/2025 from 1 workbook\(s\)/);
    expect(values.sheet.blocks.flatMap((b) => b.values.flat()).filter(isFormula).every((f) => !f.formula.includes('!'))).toBe(true); // no references to other sheets
  });

  it('gives the JSON contract', () => {
    const report = cohortReport(files);
    expect(report.candidates[0]).toEqual({
      candidate: 'Amy Ng',
      assessor: 'P. Jones',
      qualification: 'cg-4430-02',
      file: 'cohort-a.xlsx',
      units: [
        { unit: '4430-101', status: 'complete', coverage: 1, sheet: expect.any(String), unrecognised: [] },
        { unit: '4430-201', status: 'not started', coverage: 0, sheet: expect.any(String), unrecognised: [] },
        { unit: '4430-203', status: 'in progress', coverage: expect.any(Number), sheet: expect.any(String), unrecognised: [] },
        { unit: '4430-212', status: 'not started', coverage: 0, sheet: expect.any(String), unrecognised: [] },
      ],
      credits: 4,
      creditsStillNeeded: 24,
      rules: { met: false, unmet: expect.arrayContaining(['24 credits short of the minimum 28']), cannotCheck: [] },
      lastEvidenceDate: '2025-02-01',
    });
  });

  it('gives one CSV row per candidate x unit, with formula-like text defused', () => {
    const lines = cohortCsv(files).trimEnd().split('\r\n');
    expect(lines[0]).toBe('file,candidate,assessor,qualification,unit,title,unit assessor,status,coverage,credits,credits still needed,rules met,last evidence date');
    expect(lines).toHaveLength(1 + 4 + 3);
    expect(lines[1]).toBe('cohort-a.xlsx,Amy Ng,P. Jones,cg-4430-02,4430-101,Communicate using customer service language,P. Jones,complete,1,4,24,false,2025-02-01');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a, b')).toBe('"a, b"');
  });

  it('shows "no minimum stated" where the standard gives none', () => {
    const svq = cohortWorkbook([{ name: 'Dee', units: [] }], qualification('sqa-svq3-customer-service'));
    const c = readCohort(svq.sheets, catalog);
    const sum = buildCohortSummary(c, { mode: 'values' });
    const header = planValues(sum.sheet)[COHORT_ROWS.header]!;
    const q = qualification('sqa-svq3-customer-service').qualification;
    const expected = q.minimumCredits === null ? NO_MINIMUM : { formula: expect.stringMatching(/^=MAX\(0,/) };
    expect(at(sum.sheet, a1(sum.candidateRows[0]!, header.indexOf('Credits still needed')))).toEqual(expected);
  });

  it('handles an empty cohort', () => {
    const empty = buildCohortSummary({ candidates: [], problems: [] }, { mode: 'values' });
    expect(empty.sheet.tables).toHaveLength(3);
    expect(empty.unitColumns).toEqual([]);
    expect(empty.sheet.charts).toBeUndefined();
    expect(parseA1('A1')).toEqual({ row: 0, col: 0 });
  });
});
