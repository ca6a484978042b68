/*
 * Filtering to the sampled rows with Excel's own table filter: the criteria come from the domain;
 * the office-js adapter applies them (tested against tests/fakes/fakeTableFilter.ts, a stub of
 * the table-filter API: tests/fakes/fakeExcel.ts has tables but no column filters).
 */
import fc from 'fast-check';
import { filterSampled } from '../../../src/adapters/officejs/filterSampled';
import { buildCohortSummary, readCohort } from '../../../src/domain/cohort/cohortSummary';
import { DEFAULT_RATES, makeSamplingPlan, parseRates, sampledCandidatesFilter, sampledEvidenceFilters, visibleRows, type TableFilter } from '../../../src/domain/sampling/samplingPlan';
import type { SheetPlan } from '../../../src/domain/workbook/plan';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { createFakeTableFilterExcel, type StubTable } from '../../fakes/fakeTableFilter';
import { planValues } from '../grid/planCells';
import { catalog, cohortArb, cohortWorkbook } from './cohortFixtures';

/** A planned table as Excel holds it: header texts and data rows (formulas blank). */
function tableOf(sheet: SheetPlan, name: string): StubTable {
  const t = sheet.tables.find((x) => x.name === name)!;
  const values = planValues(sheet);
  const { row, col } = t.range;
  const endRow = t.range.endRow!;
  const endCol = t.range.endCol!;
  const slice = (r: number) => Array.from({ length: endCol - col + 1 }, (_, c) => values[r]?.[col + c] ?? null);
  return { name, header: slice(row).map((v) => String(v)), rows: Array.from({ length: endRow - row }, (_, i) => slice(row + 1 + i)) };
}

describe('filtering the cohort summary to the sampled candidates', () => {
  it('shows exactly the sampled candidates, in three syncs, for generated cohorts', async () => {
    await fc.assert(
      fc.asyncProperty(cohortArb({ maxCandidates: 25 }), fc.nat(), async (g, seed) => {
        const rates = parseRates({ assessors: g.risks });
        if (!rates.ok) throw new Error(rates.problem.message);
        const plan = makeSamplingPlan(g.cohort, rates.value, seed);
        const summary = buildCohortSummary(g.cohort, { mode: 'values' });
        const filter = sampledCandidatesFilter(plan.rows, { sheet: summary.sheet.name, table: summary.tableName });
        const table = tableOf(summary.sheet, summary.tableName);
        const sampled = new Set(plan.rows.map((r) => r.candidate));
        const expected = table.rows.map((row, i) => ({ name: String(row[0]), i })).filter((x) => sampled.has(x.name)).map((x) => x.i);

        // The pure evaluation of the criteria...
        expect(visibleRows(table.header, table.rows, [filter])).toEqual(expected);
        // ...and Excel's filter as the adapter applies it.
        const excel = createFakeTableFilterExcel([table]);
        const outcome = await filterSampled(excel.run, [filter]);
        if (plan.rows.length === 0) {
          expect(outcome.skipped).toEqual([{ filter, reason: 'nothing sampled to show' }]);
          return;
        }
        expect(outcome.applied).toEqual([filter]);
        expect(excel.visibleRows(summary.tableName)).toEqual(expected);
        expect(excel.stats.syncs).toBe(3);
      }),
      { numRuns: 40 },
    );
  });
});

describe('filtering each candidate\'s index of evidence to the sampled evidence', () => {
  const built = cohortWorkbook([
    {
      name: 'Amy Ng',
      assessor: 'P. Jones',
      units: ['203'],
      evidence: {
        '203': [
          { ref: 'E1', method: 'Observation', location: 'Head office' },
          { ref: 'E2', method: 'Observation', location: 'Head office' },
          { ref: 'E3', method: 'Questioning', location: 'Shop floor', decision: '' },
        ],
      },
    },
    { name: 'Ben Ode', assessor: 'K. Lee', units: ['203'], evidence: { '203': [{ ref: 'B1', method: 'Product', location: 'Shop floor' }] } },
  ]);
  const cohort = readCohort(built.sheets, catalog);
  const plan = makeSamplingPlan(cohort, DEFAULT_RATES, 5);

  it('names the index table and its Evidence no. column, with the sampled refs only', () => {
    const filters = sampledEvidenceFilters(plan.rows, cohort);
    const indexTables = built.plans.filter((p) => p.role === 'evidenceIndex').map((p) => ({ sheet: p.name, table: p.tables[0]!.name }));
    expect(filters).toEqual([
      { sheet: 'Amy Ng Evidence', table: indexTables[0]!.table, column: 'Evidence no.', values: ['E1', 'E2'] },
      { sheet: 'Ben Ode Evidence', table: indexTables[1]!.table, column: 'Evidence no.', values: ['B1'] },
    ]);
  });

  it("leaves visible exactly the sampled evidence rows, and says which filters it could not apply", async () => {
    const filters = sampledEvidenceFilters(plan.rows, cohort);
    const tables = built.plans.filter((p) => p.role === 'evidenceIndex').map((p) => tableOf(p, p.tables[0]!.name));
    const excel = createFakeTableFilterExcel(tables);
    const missing: TableFilter = { sheet: 'Cy Evidence', table: 'Evidence_Cy', column: 'Evidence no.', values: ['C1'] };
    const badColumn: TableFilter = { ...filters[1]!, column: 'Colour' };
    const outcome = await filterSampled(excel.run, [...filters, missing, badColumn]);
    expect(outcome.applied).toEqual(filters);
    expect(outcome.skipped).toEqual([
      { filter: missing, reason: 'no table named Evidence_Cy' },
      { filter: badColumn, reason: `table ${filters[1]!.table} has no column "Colour"` },
    ]);
    expect(outcome.syncs).toBe(3);
    const refs = (t: StubTable, rows: number[]) => rows.map((i) => t.rows[i]![0] as RawCell);
    expect(refs(tables[0]!, excel.visibleRows(tables[0]!.name))).toEqual(['E1', 'E2']);
    expect(refs(tables[1]!, excel.visibleRows(tables[1]!.name))).toEqual(['B1']);
    // Each table's old filters were cleared first, then one values filter per column.
    expect(excel.stats.actions.filter((a) => a.startsWith('clearFilters'))).toHaveLength(2);
    expect(excel.filters(tables[0]!.name)).toEqual({ 'Evidence no.': ['e1', 'e2'] });
  });
});
