import { unitComplete, coverage, missing, credits, glh, rules, qualComplete, unitInfo, itemText, items } from '../src/domain/checks/sheetChecks';
import { buildUnitGrid, GRID_ROWS, FIRST_ITEM_COL } from '../src/domain/grid/unitGrid';
import { bundledCatalog } from '../src/domain/standards/bundled';
import { buildCohortSummary, readCohort } from '../src/domain/cohort/cohortSummary';
import { buildSamplingSheet, DEFAULT_RATES, makeSamplingPlan } from '../src/domain/sampling/samplingPlan';
import { isDate, isFormula, type SheetPlan, type WorkbookPlan } from '../src/domain/workbook/plan';
import { cohortWorkbook, type CandidateSpec } from '../tests/domain/sampling/cohortFixtures';
import { isoDateToSerial, type RawCell } from '../src/domain/workbook/sheetValues';

/**
 * The cohort summary (live formulas over the grids) and the sampling plan for n candidates, each
 * with 3 units and evidence by several methods at several sites: what a coordinator writes to Excel.
 */
export function cohortPlans(n: number): WorkbookPlan {
  const methods = ['Observation', 'Witness testimony', 'Professional discussion', 'Product'];
  const sites = ['Head office', 'Branch', 'Call centre'];
  const candidates: CandidateSpec[] = Array.from({ length: n }, (_, i) => ({
    name: `Candidate ${String(i).padStart(4, '0')}`,
    assessor: `Assessor ${i % 9}`,
    units: ['203'],
    evidence: {
      '203': Array.from({ length: 3 }, (_, e) => ({ ref: `E${e + 1}`, method: methods[(i + e) % methods.length], location: sites[(i + e) % sites.length], decision: 'Accepted' as const, marks: 'all' as const })),
    },
  }));
  const q = bundledCatalog().findQualification('4430-02');
  if (!q.ok) throw new Error(q.problem.message);
  const workbook = cohortWorkbook(candidates, q.value, { rebuild: false });
  const cohort = readCohort(workbook.sheets, bundledCatalog());
  const summary = buildCohortSummary(cohort, { mode: 'live' });
  const sampling = buildSamplingSheet(makeSamplingPlan(cohort, DEFAULT_RATES, 1));
  return { sheets: [summary.sheet, sampling.sheet], names: [], dateFormat: 'dd/mm/yyyy' };
}

/** What Excel hands a custom function for a grid: values, "" for empty cells, numbers for dates. */
function excelValues(sheet: SheetPlan): RawCell[][] {
  const out: RawCell[][] = [];
  for (const b of sheet.blocks)
    b.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const line = (out[b.row + r] ??= []);
        line[b.col + c] = isFormula(v) ? 0 : isDate(v) ? isoDateToSerial(v.date) : v;
      }),
    );
  const width = Math.max(...out.map((r) => r.length));
  return out.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median microseconds per call of each function over distinct realistic grids (no cache hits). */
export function functionFigures(qualification: string, unitCode: string): Record<string, number> {
  const found = bundledCatalog().findUnit(qualification, unitCode);
  if (!found.ok) throw new Error(found.problem.message);
  const { unit, index } = found.value;
  const catalog = bundledCatalog();
  // 40 candidates' grids of the largest unit (200 evidence rows each, and 20), about a third of cells marked.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const gridsOf = (rowsPerGrid: number) => Array.from({ length: 40 }, (_, g) => {
    const values = excelValues(buildUnitGrid({ qualification: index.qualification, unit, candidate: `Candidate ${g}` }, 'g', { evidenceRows: rowsPerGrid, occasions: { default: 1 } }).sheet);
    for (let r = GRID_ROWS.firstEvidence; r < GRID_ROWS.firstEvidence + rowsPerGrid; r++) {
      const row = values[r]!;
      row[0] = `E${r}`;
      row[5] = random() < 0.8 ? 'Accepted' : '';
      for (let c = FIRST_ITEM_COL; c < row.length && values[GRID_ROWS.header]![c] !== ''; c++) if (random() < 0.33) row[c] = '✓';
    }
    return values;
  });
  const grids = gridsOf(200);
  const smallGrids = gridsOf(20);
  const time = (fn: (grid: RawCell[][]) => unknown, rounds = 5, over = grids): number => {
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++)
      for (const grid of over) {
        const t = process.hrtime.bigint();
        fn(grid);
        samples.push(Number(process.hrtime.bigint() - t) / 1000);
      }
    return median(samples);
  };
  // Warm up (JIT) on every function first, so the first one timed is not the one that pays for it.
  for (let i = 0; i < 2; i++) {
    time((g) => unitComplete(g, '', '', catalog), 1);
    time((g) => coverage(g, '', '', '', catalog), 1);
    time((g) => missing(g, '', '', catalog), 1);
  }
  const cohortUnits = [['Unit', 'Status'], ...index.qualification.units.slice(0, 8).map((u) => [u.code, 'Complete'])];
  const unitsTimes: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = process.hrtime.bigint();
    credits(cohortUnits, qualification, 'complete', catalog);
    rules(cohortUnits, qualification, '', catalog);
    unitsTimes.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return {
    unitCompleteMicros20Rows: time((g) => unitComplete(g, '', '', catalog), 9, smallGrids),
    unitCompleteMicros: time((g) => unitComplete(g, '', '', catalog), 9),
    coverageMicros: time((g) => coverage(g, '', '', '', catalog)),
    missingMicros: time((g) => missing(g, '', '', catalog)),
    creditsAndRulesMicros: median(unitsTimes),
    gridRows: 200,
    gridItems: grids[0]![GRID_ROWS.header]!.filter((v, c) => c >= FIRST_ITEM_COL && v !== '').length,
  };
}

/**
 * Issue #14: milliseconds per call on ranges of text that are not unit codes or grids (fresh text
 * every round, so nothing is remembered between calls): VQ.CREDITS with no qualification over a
 * column of 100,000 cells and over 200 cells of 32,000 characters, and the slowest of every
 * function over the same ranges. Each figure is the median of 5 rounds.
 */
export function junkFunctionFigures(): Record<string, number> {
  const catalog = bundledCatalog();
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const column = () => Array.from({ length: 100_000 }, (_, i) => [`note ${Math.floor(random() * 1e9).toString(36)} ${i}`]);
  const long = () => Array.from({ length: 200 }, (_, i) => [`${'lorem ipsum '.repeat(2666)}${i} ${random()}`]);
  const wide = () => Array.from({ length: 1000 }, (_, r) => Array.from({ length: 100 }, (_, c) => `junk ${r} ${c} ${random()}`));
  const ms = (fn: () => unknown): number => {
    (globalThis as { gc?: () => void }).gc?.(); // building the next range is not the function's time
    const t = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const all = (range: RawCell[][]): number[] => [
    ms(() => credits(range, '', '', catalog)),
    ms(() => glh(range, '', 'complete', catalog)),
    ms(() => credits(range, '4430-02', '', catalog)),
    ms(() => rules(range, '4430-02', '', catalog)),
    ms(() => qualComplete(range, '4430-02', 'complete', catalog)),
    ms(() => unitComplete(range, '', '', catalog)),
    ms(() => coverage(range, '203', '4430-02', '', catalog)),
    ms(() => missing(range, '203', '4430-02', catalog)),
    ms(() => unitInfo(String(range[0]![0]), '4430-02', '', catalog)),
    ms(() => itemText(String(range[0]![0]), '203', '4430-02', catalog)),
    ms(() => items(String(range[0]![0]), String(range[1]![0]), '', catalog)),
  ];
  const credits100k: number[] = [];
  const credits32k: number[] = [];
  const worst: number[] = [];
  for (let round = 0; round < 5; round++) {
    const c = column();
    const l = long();
    credits100k.push(ms(() => credits(c, '', '', catalog)));
    credits32k.push(ms(() => credits(l, '', '', catalog)));
    worst.push(Math.max(...all(column()), ...all(long()), ...all(wide())));
  }
  return { junkCreditsMs100k: median(credits100k), junkCreditsMs200x32k: median(credits32k), junkWorstFunctionMs: median(worst) };
}
