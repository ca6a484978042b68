/*
 * The differential test of the mark and decision vocabulary: random fills of both grid layouts
 * (marks and decisions drawn from the whole vocabulary plus junk, stray spaces and case, per-item
 * occasions, every item kind) are written to one .xlsx, recalculated by LibreOffice in one run, and
 * must give exactly what the reader (check, cohort, the custom functions) gives: per item the
 * accepted, claimed and still-needed counts, and the unit's status and coverage. A Vocabulary sheet
 * checks the formulas behind the conditional formats on every entry drawn. LibreOffice must be
 * installed (CI installs libreoffice-calc-nogui): without it this test fails, it never skips.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { checkGrid } from '../../../src/domain/checks/sheetChecks';
import { buildCohortSummary, cohortReport, readCohort, type BuiltCohortSummary, type Cohort } from '../../../src/domain/cohort/cohortSummary';
import { unitStatusOf } from '../../../src/domain/coverage/unitStatus';
import { unitCoverage, type UnitCoverage } from '../../../src/domain/coverage/coverage';
import { checkWorkbook } from '../../../src/domain/coverage/workbookCheck';
import { buildCriteriaRowsGrid, criteriaColumns, criteriaRowsCoverage, CRITERIA_ROWS, DEFAULT_REF_COLUMNS } from '../../../src/domain/grid/criteriaRowsGrid';
import { EVIDENCE_FIELDS } from '../../../src/domain/grid/layout';
import { buildUnitGrid, FIRST_ITEM_COL, GRID_ROWS, type GridSubject } from '../../../src/domain/grid/unitGrid';
import {
  acceptedFormula,
  markFormula,
  pendingFormula,
  readDecision,
  readMark,
  referredFormula,
  unrecognisedDecisionFormula,
  unrecognisedMarkFormula,
} from '../../../src/domain/grid/vocabulary';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { unitItems } from '../../../src/domain/standards/itemCodes';
import { emptySheet, type PlanValue, type SheetPlan } from '../../../src/domain/workbook/plan';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { convertWithLibreOffice, parseCsv } from '../../support/libreoffice';
import { planValues } from '../../support/planValues';

const catalog = bundledCatalog();
// Between them every item kind: criteria, range, knowledge, evidence requirements; one unit of 113 items.
const UNITS = [
  ['cca010-02', 'U13202'],
  ['cg-nsvq2-recording-forms', '203'],
  ['4430-02', '4430-201'],
  ['cca010-02', 'U00306'],
].map(([q, u]) => {
  const found = catalog.findUnit(q!, u!);
  if (!found.ok) throw new Error(found.problem.message);
  return { qualification: found.value.index.qualification, unit: found.value.unit, items: unitItems(found.value.unit) };
});

const GRIDS = 36;
const EVIDENCE_ROWS = 10;
const SEED = 20261201;

// Every word of the vocabulary, in several cases, and junk.
const MARKS: RawCell[] = ['✓', '✔', '√', '☑', 'x', 'X', 'y', 'Y', 'yes', 'Yes', 'YES', 'TRUE', 'true', 'tick', 'Tick', true, 1, '1', 'E4', 'e12', 'p3', '1/3', 'WT-03', 45000, 45123.5, -2, '00'];
const NO_MARKS: RawCell[] = [null, '', '  ', '0', 0, 'n', 'N', 'no', 'No', 'NO', 'FALSE', 'false', 'False', false];
const JUNK: RawCell[] = ['N/A', 'n/a', '-', '?', '*', '~', 'not yet', 'R', 'r', 'pending', '✗', 'x|y', '|', '\u00a0✓', 'a*', '?*', 'ye s', 'yes please', 'Accepted', '\t✓', 'x\n'];
const DECISIONS: RawCell[] = [
  'Accepted', 'accepted', 'ACCEPTED', 'Accept', 'A', 'a', 'Yes', 'y', '✓', '✔', 'Competent', 'C', 'Met', 'Pass', 'Passed', true, 'TRUE', 1, '1',
  'Referred', 'referred', 'Refer', 'R', 'No', 'n', 'NYC', 'Not yet competent', 'not  yet   competent', 'Not met', 'Rejected', 'Fail', 'FALSE', false, 0, '0',
  null, '', '   ',
];
const DECISION_JUNK: RawCell[] = ['Maybe', '?', '-', 'N/A', 'Accepted?', 'Acc', 'pending', '2', 2, 'Referred|Accepted', 'x', '\u00a0Accepted'];

/** A value with stray spaces around it (text only: numbers and booleans are typed as such). */
const spaced = (values: RawCell[]) =>
  fc.tuple(fc.constantFrom(...values), fc.constantFrom('', '', ' ', '  '), fc.constantFrom('', '', ' ', '   ')).map(([v, before, after]) => (typeof v === 'string' ? `${before}${v}${after}` : v));

const markCell = fc.oneof(
  { weight: 8, arbitrary: fc.constant<RawCell>(null) },
  { weight: 4, arbitrary: spaced(MARKS) },
  { weight: 2, arbitrary: spaced(NO_MARKS) },
  { weight: 2, arbitrary: spaced(JUNK) },
);
const decisionCell = fc.oneof({ weight: 6, arbitrary: spaced(DECISIONS) }, { weight: 1, arbitrary: spaced(DECISION_JUNK) });
const occasions = fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }) });

type Fill =
  | { layout: 'evidenceRows'; unit: number; needed: number[]; rows: { ref: string | null; decision: RawCell; marks: RawCell[] }[] }
  | { layout: 'criteriaRows'; unit: number; needed: number[]; rows: { decision: RawCell; refs: RawCell[] }[] };

const ACCEPTED_DECISIONS = DECISIONS.slice(0, DECISIONS.indexOf('Referred'));

/** A fill; `full` marks every item on accepted rows (with the vocabulary's spellings), so units complete too. */
function fillOf(full: boolean): fc.Arbitrary<Fill> {
  const mark = full ? spaced(MARKS) : markCell;
  const decision = full ? spaced(ACCEPTED_DECISIONS) : decisionCell;
  return fc.tuple(fc.integer({ min: 0, max: UNITS.length - 1 }), fc.constantFrom<'evidenceRows' | 'criteriaRows'>('evidenceRows', 'criteriaRows')).chain(([unit, layout]): fc.Arbitrary<Fill> => {
    const n = UNITS[unit]!.items.length;
    const needed = fc.array(full ? fc.integer({ min: 0, max: 1 }) : occasions, { minLength: n, maxLength: n });
    if (layout === 'evidenceRows') {
      const row = fc.record({ ref: fc.option(fc.integer({ min: 1, max: 99 }).map((i) => `E${i}`)), decision, marks: fc.array(mark, { minLength: n, maxLength: n }) });
      return fc.record({ layout: fc.constant(layout), unit: fc.constant(unit), needed, rows: fc.array(row, { minLength: full ? 1 : 0, maxLength: EVIDENCE_ROWS }) });
    }
    const row = fc.record({ decision, refs: fc.array(mark, { minLength: full ? 1 : 0, maxLength: DEFAULT_REF_COLUMNS }) });
    return fc.record({ layout: fc.constant(layout), unit: fc.constant(unit), needed, rows: fc.array(row, { minLength: n, maxLength: n }) });
  });
}
const fillArb = fc.oneof({ weight: 5, arbitrary: fillOf(false) }, { weight: 1, arbitrary: fillOf(true) });

/** Where a layout's counts are, per item: [row, col] of accepted, claimed, still needed. */
interface Built {
  sheet: SheetPlan;
  fill: Fill;
  cells: (item: number) => { accepted: [number, number]; claimed: [number, number]; stillNeeded: [number, number] };
}

function build(fill: Fill, name: string): Built {
  const { qualification, unit } = UNITS[fill.unit]!;
  // One candidate per grid, so the live cohort summary has a cell for each.
  const subject: GridSubject = { qualification, unit, candidate: `Candidate ${name}` };
  const settings = { evidenceRows: EVIDENCE_ROWS, occasions: { default: 1 } };
  if (fill.layout === 'evidenceRows') {
    const { sheet } = buildUnitGrid(subject, name, settings);
    const block = sheet.blocks[0]!;
    const set = (row: number, col: number, v: PlanValue) => (block.values[row]![col] = v);
    const decisionCol = EVIDENCE_FIELDS.indexOf('decision');
    fill.needed.forEach((n, i) => set(GRID_ROWS.needed, FIRST_ITEM_COL + i, n));
    fill.rows.forEach((r, k) => {
      const at = GRID_ROWS.firstEvidence + k;
      set(at, 0, r.ref);
      set(at, decisionCol, r.decision);
      r.marks.forEach((m, i) => set(at, FIRST_ITEM_COL + i, m));
    });
    return {
      sheet,
      fill,
      cells: (i) => ({ accepted: [GRID_ROWS.accepted, FIRST_ITEM_COL + i], claimed: [GRID_ROWS.claimed, FIRST_ITEM_COL + i], stillNeeded: [GRID_ROWS.stillNeeded, FIRST_ITEM_COL + i] }),
    };
  }
  const { sheet } = buildCriteriaRowsGrid(subject, name, settings);
  const block = sheet.blocks[0]!;
  const col = criteriaColumns();
  const set = (row: number, c: number, v: PlanValue) => (block.values[row]![c] = v);
  fill.rows.forEach((r, i) => {
    const at = CRITERIA_ROWS.firstItem + i;
    set(at, col.needed, fill.needed[i]!);
    set(at, col.decision, r.decision);
    r.refs.forEach((v, k) => set(at, col.firstRef + k, v));
  });
  return {
    sheet,
    fill,
    cells: (i) => {
      const at = CRITERIA_ROWS.firstItem + i;
      return { accepted: [at, col.accepted], claimed: [at, col.claimed], stillNeeded: [at, col.stillNeeded] };
    },
  };
}

/** A number LibreOffice wrote to the CSV: a plain number, or a percentage as shown. */
function csvNumber(text: string | undefined): number {
  const t = (text ?? '').trim();
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

describe('the sheet formulas and the reader read marks and decisions alike (LibreOffice)', () => {
  const fills = fc.sample(fillArb, { seed: SEED, numRuns: GRIDS });
  const grids = fills.map((f, i) => build(f, `G${i + 1}`));
  const drawn = fills.flatMap((f) => (f.layout === 'evidenceRows' ? f.rows.flatMap((r) => [r.decision, ...r.marks]) : f.rows.flatMap((r) => [r.decision, ...r.refs])));
  // Every entry of the lists, and every spelling drawn (with its stray spaces), once each.
  const entries = [...new Set([...MARKS, ...NO_MARKS, ...JUNK, ...DECISIONS, ...DECISION_JUNK, ...drawn])].filter((v) => v !== null);
  let rows: Map<string, string[][]>;
  let dir: string;
  // `cohort --json` reads the grids; `cohort --in-place` writes a live summary over them.
  const cohort: Cohort = readCohort(
    grids.map((g) => ({ name: g.sheet.name, values: planValues(g.sheet) })),
    catalog,
  );
  const summary: BuiltCohortSummary = buildCohortSummary(cohort, { mode: 'live' });

  beforeAll(async () => {
    // The Vocabulary sheet: each entry once, with the formula tests the conditional formats use.
    const vocabulary = emptySheet('Vocabulary', 'about');
    vocabulary.blocks.push({
      row: 0,
      col: 0,
      values: entries.map((v, r) => {
        const a = `A${r + 1}`;
        return [
          v,
          { formula: `=SUMPRODUCT(${markFormula(a)})` },
          { formula: `=IF(${unrecognisedMarkFormula(a)},1,0)` },
          { formula: `=SUMPRODUCT(${acceptedFormula(a)})` },
          { formula: `=SUMPRODUCT(${referredFormula(a)})` },
          { formula: `=SUMPRODUCT(${pendingFormula(a)})` },
          { formula: `=IF(${unrecognisedDecisionFormula(a)},1,0)` },
        ];
      }),
    });
    const wb = XlsxWorkbook.create();
    await wb.apply({ sheets: [...grids.map((g) => g.sheet), vocabulary, summary.sheet], names: [], dateFormat: 'dd/mm/yyyy' });
    dir = mkdtempSync(join(tmpdir(), 'vq-vocab-'));
    const file = join(dir, 'grids.xlsx');
    await wb.toFile(file);
    const converted = await convertWithLibreOffice(file, 'csv', 120_000);
    try {
      rows = new Map(converted.outputs.map((o) => [o.sheet ?? '', parseCsv(o.text)]));
    } finally {
      converted.cleanup();
    }
  }, 150_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws fills of both layouts over every item kind, with junk, blanks and stray spaces', () => {
    expect(new Set(fills.map((f) => f.layout))).toEqual(new Set(['evidenceRows', 'criteriaRows']));
    const kinds = new Set(fills.flatMap((f) => UNITS[f.unit]!.items.map((i) => i.kind)));
    expect(kinds).toEqual(new Set(['criterion', 'range', 'knowledge', 'evidence']));
    expect(drawn.some((v) => readMark(v) === 'unrecognised')).toBe(true);
    expect(drawn.some((v) => typeof v === 'string' && v !== v.trim() && readMark(v) === 'mark')).toBe(true);
    expect(drawn.some((v) => readDecision(v) === 'unrecognised')).toBe(true);
  });

  it('classifies every entry of the vocabulary and junk, as drawn, the same way in the formulas as in the reader', () => {
    const sheet = rows.get('Vocabulary')!;
    const differences = entries
      .map((v, r) => {
        const mark = readMark(v);
        const decision = readDecision(v);
        const expected = [mark === 'mark', mark === 'unrecognised', decision === 'accepted', decision === 'referred', decision === 'pending' || decision === 'unrecognised', decision === 'unrecognised'].map(
          (b) => (b ? '1' : '0'),
        );
        const got = sheet[r]!.slice(1, 7);
        return got.join() === expected.join() ? null : { entry: v, sheet: got.join(), reader: expected.join() };
      })
      .filter((d) => d !== null);
    expect(differences).toEqual([]);
  });

  it('gives exactly the reader’s accepted, claimed and still-needed counts per item, status and coverage', () => {
    const differences: string[] = [];
    let compared = 0;
    grids.forEach((g) => {
      const { unit } = UNITS[g.fill.unit]!;
      const values = planValues(g.sheet);
      const read = g.fill.layout === 'evidenceRows' ? unitCoverage(values, unit) : criteriaRowsCoverage(values, unit);
      if (!read.ok) throw new Error(`${g.sheet.name}: ${read.problem.message}`);
      const cov: UnitCoverage = read.value;
      const sheet = rows.get(g.sheet.name)!;
      const at = ([r, c]: [number, number]) => sheet[r]?.[c];
      cov.items.forEach((item, i) => {
        const cells = g.cells(i);
        const reader = [item.accepted.length, item.claimed.length, Math.max(0, item.needed - item.accepted.length)];
        const formulas = [csvNumber(at(cells.accepted)), csvNumber(at(cells.claimed)), csvNumber(at(cells.stillNeeded))];
        compared++;
        if (reader.join() !== formulas.join()) differences.push(`${g.sheet.name} (${g.fill.layout}) item ${item.item.code}: sheet ${formulas.join('/')}, reader ${reader.join('/')}`);
      });
      const status = sheet[4]?.[4];
      if (status !== unitStatusOf(cov)) differences.push(`${g.sheet.name}: status on the sheet "${status}", reader "${unitStatusOf(cov)}"`);
      const coverage = csvNumber(sheet[5]?.[4]);
      if (Math.abs(coverage - cov.coverage) > 0.005) differences.push(`${g.sheet.name}: coverage on the sheet ${coverage}, reader ${cov.coverage}`);
    });
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(GRIDS * 20);
    // Some units complete, some in progress, some not started: the fills reach every status.
    const statuses = new Set(grids.map((g) => rows.get(g.sheet.name)![4]![4]));
    expect(statuses).toEqual(new Set(['Complete', 'In progress', 'Not started']));
  });

  it('gives check and the custom functions the same answer as the reader', () => {
    const sheets = grids.map((g) => ({ name: g.sheet.name, values: planValues(g.sheet) }));
    const checked = checkWorkbook(sheets, catalog);
    const bySheet = new Map(checked.candidates.flatMap((c) => c.units).map((u) => [u.sheet, u]));
    for (const g of grids) {
      const sheet = rows.get(g.sheet.name)!;
      const onSheet = { complete: sheet[4]![4] === 'Complete', coverage: csvNumber(sheet[5]![4]) };
      const u = bySheet.get(g.sheet.name)!;
      expect({ sheet: g.sheet.name, complete: u.complete }).toEqual({ sheet: g.sheet.name, complete: onSheet.complete });
      expect(Math.abs(u.coverage - onSheet.coverage)).toBeLessThanOrEqual(0.005);
      const fn = checkGrid(planValues(g.sheet), '', '', catalog);
      if (!fn.ok) throw new Error(fn.problem.message);
      expect(fn.value.coverage.complete).toBe(u.complete);
      expect(fn.value.coverage.coverage).toBe(u.coverage);
    }
  });

  it('gives the live cohort summary (cohort --in-place) the statuses and coverage of cohort --json', () => {
    const sheet = rows.get(summary.sheet.name)!;
    const report = cohortReport(cohort);
    expect(report.candidates).toHaveLength(GRIDS);
    const differences: string[] = [];
    cohort.candidates.forEach((c, k) => {
      const r = summary.candidateRows[k]!;
      c.units.forEach((u, j) => {
        const col = summary.unitColumns.find((x) => x.qualification === c.qualification && x.unit === u.unit)!.col;
        const json = report.candidates[k]!.units[j]!;
        const live = { status: sheet[r]![col]!.toLowerCase(), coverage: csvNumber(sheet[r]![col + 1]) };
        if (live.status !== json.status || Math.abs(live.coverage - json.coverage) > 0.005) {
          differences.push(`${c.candidate} ${u.unit}: live ${live.status} ${live.coverage}, --json ${json.status} ${json.coverage}`);
        }
      });
    });
    expect(differences).toEqual([]);
  });
});
