import { readCohort } from '../../../src/domain/cohort/cohortSummary';
import { checkWorkbook } from '../../../src/domain/coverage/workbookCheck';
import {
  buildSamplingSheet,
  checkSamplingPlan,
  DEFAULT_RATES,
  makeSamplingPlan,
  NOT_RECORDED,
  readSamplingPlan,
  SAMPLING_LABELS,
  SAMPLING_ROWS,
} from '../../../src/domain/sampling/samplingPlan';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { at, planValues, validationAt } from '../grid/planCells';
import { catalog, cohortWorkbook, qualification } from './cohortFixtures';

describe('the sampling plan sheet', () => {
  const built = cohortWorkbook([
    { name: 'Amy Ng', assessor: 'P. Jones', units: ['203'], evidence: { '203': [{ ref: 'E1', method: 'Observation', location: 'Head office' }, { ref: 'E2', method: 'Questioning', location: 'Shop floor' }] } },
    { name: 'Ben Ode', assessor: 'K. Lee', units: ['212'], evidence: { '212': [{ ref: 'B1', method: 'Product', location: 'Shop floor', marks: 'all' }] } },
  ]);
  const cohort = readCohort(built.sheets, catalog);
  const plan = makeSamplingPlan(cohort, DEFAULT_RATES, 11);
  const { sheet, tableName, columns } = buildSamplingSheet(plan, { asOf: '2025-03-01' });

  it('is a sheet of role sampling: who and what to sample and why, in an Excel table with AutoFilter', () => {
    expect(sheet.role).toBe('sampling');
    expect(at(sheet, 'A1')).toBe('Internal verification sampling plan (CAMERA)');
    expect(at(sheet, 'B2')).toBe(11); // the seed, to make it again
    const header = planValues(sheet)[SAMPLING_ROWS.header]!;
    expect(header).toEqual(Object.values(SAMPLING_LABELS));
    expect(sheet.tables).toEqual([
      { name: tableName, range: { row: SAMPLING_ROWS.header, col: 0, endRow: SAMPLING_ROWS.first + plan.rows.length - 1, endCol: header.length - 1 }, style: 'TableStyleMedium4', showFilter: true },
    ]);
    const rows = planValues(sheet).slice(SAMPLING_ROWS.first, SAMPLING_ROWS.first + plan.rows.length);
    expect(rows.map((r) => [r[columns.candidate], r[columns.unit], r[columns.method], r[columns.site], r[columns.kind], r[columns.evidence]])).toEqual([
      ['Ben Ode', '4430-212', 'Product', 'Shop floor', 'Summative', 'B1'],
      ['Amy Ng', '4430-203', 'Observation', 'Head office', 'Interim', 'E1'],
      ['Amy Ng', '4430-203', 'Questioning', 'Shop floor', 'Interim', 'E2'],
    ]);
    // Recording columns are empty, with lists where a list helps.
    expect(rows.every((r) => r[columns.ivInitials] === null && r[columns.dateSampled] === null)).toBe(true);
    expect(validationAt(sheet, `P${SAMPLING_ROWS.first + 1}`)?.list).toEqual(['Agreed', 'Agreed with actions', 'Not agreed']);
    expect(validationAt(sheet, `I${SAMPLING_ROWS.first + 1}`)?.list).toEqual(['Interim', 'Summative']);
    expect(planValues(sheet).flat()).toContain('None: the plan meets its coverage rules and rates.');
  });

  it('is never taken for a grid by the readers', () => {
    const checked = checkWorkbook([{ name: sheet.name, values: planValues(sheet) }], catalog);
    expect(checked.problems).toEqual([]);
    expect(checked.candidates).toEqual([]);
  });

  it('reads back row for row, and a row deleted by hand opens the gaps it covered', () => {
    const values = planValues(sheet);
    const read = readSamplingPlan(values);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.value.map((r) => [r.candidate, r.unit, r.method, r.site, r.evidence])).toEqual(plan.rows.map((r) => [r.candidate, r.unit, r.method, r.site, r.evidence]));
    expect(checkSamplingPlan(read.value, cohort).gaps).toEqual([]);

    // The IV deletes Amy's Questioning row (Excel's "delete table row": the rows below move up).
    const edited: RawCell[][] = values.filter((_, r) => r !== SAMPLING_ROWS.first + 2);
    const again = readSamplingPlan(edited);
    if (!again.ok) throw new Error(again.problem.message);
    expect(checkSamplingPlan(again.value, cohort).gaps).toEqual(['assessor P. Jones x method Questioning not yet covered', 'assessor P. Jones x site Shop floor not yet covered']);
  });

  it('reads a plan typed by hand with its own headings, and "(not recorded)" for a method a grid does not record', () => {
    const typed: RawCell[][] = [
      ['IV sampling 2025'],
      [],
      ['Learner', 'Unit', 'Assessment method', 'Location', 'IV', 'Date'],
      ['Amy Ng', '203', 'observation', 'head office', 'JB', 45700],
      ['Amy Ng', '4430-203', NOT_RECORDED, '', '', null],
    ];
    const read = readSamplingPlan(typed);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.value).toEqual([
      { candidate: 'Amy Ng', unit: '203', method: 'observation', site: 'head office', evidence: [], ivInitials: 'JB', dateSampled: 45700, outcome: '', actions: '', row: 3 },
      { candidate: 'Amy Ng', unit: '4430-203', method: NOT_RECORDED, evidence: [], ivInitials: '', dateSampled: null, outcome: '', actions: '', row: 4 },
    ]);
    const check = checkSamplingPlan(read.value, cohort);
    expect(check.unmatched).toEqual(['row 5: candidate Amy Ng x unit 4430-203 x method (not recorded) matches no judged evidence in the cohort']);
    expect(readSamplingPlan([['Candidate', 'Assessor']]).ok).toBe(false);
  });

  it('samples criteria-rows grids, whose evidence has no method or site, as "(not recorded)"', () => {
    const forms = qualification('cg-nsvq2-recording-forms');
    const { sheets } = cohortWorkbook([{ name: 'Cy', units: ['101'], layout: 'criteriaRows' }], forms);
    // Refs typed against the first item, accepted.
    const grid = sheets.find((s) => s.name === 'Cy 101')!;
    const header = grid.values.findIndex((r) => r.includes('Evidence ref 1'));
    const refCol = grid.values[header]!.indexOf('Evidence ref 1');
    const decisionCol = grid.values[header]!.indexOf('Assessor decision');
    grid.values[header + 1]![refCol] = 'R1';
    grid.values[header + 1]![decisionCol] = 'Accepted';
    const c = readCohort(sheets, catalog);
    const p = makeSamplingPlan(c, DEFAULT_RATES, 1);
    expect(p.rows.map((r) => [r.candidate, r.unit, r.method, r.site, r.evidence])).toEqual([['Cy', c.candidates[0]!.units[0]!.unit, NOT_RECORDED, NOT_RECORDED, ['R1']]]);
    expect(checkSamplingPlan([{ candidate: 'Cy', unit: '101', method: NOT_RECORDED, site: NOT_RECORDED }], c).gaps).toEqual([]);
  });
});
