import { officeWorkbookAdapter } from '../../src/adapters/officejs/officeWorkbook';
import type { GridLayoutName } from '../../src/domain/grid/candidateWorkbook';
import { CRITERIA_ROWS } from '../../src/domain/grid/criteriaRowsGrid';
import { EVIDENCE_INDEX_ROWS } from '../../src/domain/grid/evidenceIndexSheet';
import { TRACKER_ROWS } from '../../src/domain/grid/trackerSheet';
import { REMOVED_PREFIX } from '../../src/domain/grid/layout';
import { GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { QualificationIndex } from '../../src/domain/standards/catalog';
import type { Qualification } from '../../src/domain/standards/schema';
import type { RawCell } from '../../src/domain/workbook/sheetValues';
import { buildGrids, failureReport, type BuildResult } from '../../src/taskpane/logic/buildGrids';
import { createFakeExcel, type FakeExcel } from '../fakes/fakeExcel';

/*
 * Excel does not roll back a failed batch: what ran before the failing action stays. A rebuild is
 * ordered so that, whichever write fails, every candidate's grids keep every evidence row and mark,
 * and the pane says what was and was not done; the entries on the tracker and the index of evidence
 * (rebuilt in place too, with a row inserted) stay as well. The failure is injected at every action
 * of the rebuild's writes in turn, for both layouts.
 */

jest.setTimeout(300_000);

const imi = (() => {
  const q = bundledCatalog().findQualification('601/3456/2');
  if (!q.ok) throw new Error(q.problem.message);
  return q.value.qualification;
})();

/** A small qualification (one unit, no rules) so that every action can be failed in turn. */
function small(change: boolean): QualificationIndex {
  const q: Qualification = structuredClone(imi);
  q.units = q.units.filter((u) => u.code === 'CS 5');
  q.groups = [];
  q.rules = [];
  if (change) {
    // 1.2 (nothing entered) and 1.4 (marked) leave the standard; 1.7 joins.
    const e1 = q.units.find((u) => u.code === 'CS 5')!.elements[0]!;
    e1.criteria = e1.criteria.filter((c) => c.code !== '1.2' && c.code !== '1.4');
    e1.criteria.push({ code: '1.7', text: 'A new criterion' });
  }
  return new QualificationIndex(q);
}

const CANDIDATES = [
  { name: 'Jane Smith', assessor: '' },
  { name: 'Amy Ng', assessor: '' },
];

/** Every entry on a candidate's CS 5 grid: "row key|column heading|value" (headings of dropped items read as the item). */
function entries(excel: FakeExcel, candidate: string, layout: GridLayoutName): string[] {
  const sheet = excel.sheet(`${candidate} CS 5`);
  const header = layout === 'evidenceRows' ? GRID_ROWS.header : CRITERIA_ROWS.header;
  const rows = excel.values(sheet.name, `A1:AD80`);
  const heading = (c: number) => String(rows[header]![c] ?? '').replace(REMOVED_PREFIX, '');
  const out: string[] = [];
  rows.forEach((line, r) => {
    if (r <= header) return;
    const key = layout === 'evidenceRows' ? String(line[0] ?? '') : String(line[2] ?? '');
    if (key === '') return;
    line.forEach((v: RawCell, c) => {
      if (v === '' || v === null) return;
      // Evidence rows: fields and marks. Criteria rows: refs, date, decision (not the generated columns).
      if (layout === 'criteriaRows' && (c < 5 || c > 14)) return;
      out.push(`${key}|${heading(c)}|${String(v)}`);
    });
  });
  return out.sort();
}

async function typeEvidence(excel: FakeExcel, candidate: string, layout: GridLayoutName): Promise<void> {
  const grid = `${candidate} CS 5`;
  if (layout === 'evidenceRows') {
    const r = GRID_ROWS.firstEvidence + 1;
    excel.seed(grid, `A${r}`, [['E1', null, 'Observation', 'Complaint', 'p3', 'Accepted', null, '✓', null, '✓', 'x']]);
    excel.seed(grid, `A${r + 1}`, [['E2', null, 'Questioning', 'Q&A', 'p4', null, null, null, null, null, null, 'Y']]);
  } else {
    // Rows of 1.1, 1.3 and 1.4: refs, then the decision.
    for (const [offset, refs] of [
      [0, ['E1', 'E2']],
      [2, ['E1']],
      [3, ['E3']],
    ] as const) {
      const r = CRITERIA_ROWS.firstItem + offset + 1;
      excel.seed(grid, `F${r}`, [[...refs]]);
      excel.seed(grid, `O${r}`, [['Accepted']]);
    }
  }
}

/** The user's entries on the candidate's tracker (by unit) and index of evidence (by ref): "sheet|key|column|value". */
function listEntries(excel: FakeExcel, candidate: string): string[] {
  const out: string[] = [];
  const collect = (sheet: string, header: number, userCols: number[]) => {
    const rows = excel.values(sheet, 'A1:P60');
    rows.forEach((line, r) => {
      if (r <= header || String(line[0] ?? '') === '') return;
      for (const c of userCols) if (line[c] !== '' && line[c] !== null) out.push(`${sheet}|${String(line[0])}|${c}|${String(line[c])}`);
    });
  };
  collect(`${candidate} Tracker`, TRACKER_ROWS.header, [9, 10, 11, 12]);
  collect(`${candidate} Evidence`, EVIDENCE_INDEX_ROWS.header, [3, 4, 7, 8]);
  return out.sort();
}

/** Entries typed on the tracker and the index (after a build listed the evidence), and a new piece of evidence so the rebuild inserts an index row. */
function typeListEntries(excel: FakeExcel, candidate: string, layout: GridLayoutName): void {
  excel.seed(`${candidate} Tracker`, `J${TRACKER_ROWS.first + 1}`, [['A. Assessor', 'I. Verifier']]);
  const index = excel.values(`${candidate} Evidence`, 'A1:A30').findIndex((r) => r[0] === 'E1') + 1;
  excel.seed(`${candidate} Evidence`, `H${index}`, [['KL']]);
  if (layout === 'evidenceRows') excel.seed(`${candidate} CS 5`, `A${GRID_ROWS.firstEvidence + 3}`, [['E0', null, null, null, null, null, null, '✓']]);
  else excel.seed(`${candidate} CS 5`, `G${CRITERIA_ROWS.firstItem + 3}`, [['E0']]); // beside E1 on 1.3
}

async function run(excel: FakeExcel, index: QualificationIndex, layout: GridLayoutName): Promise<BuildResult> {
  return buildGrids(officeWorkbookAdapter(excel.run), { qualification: index, candidates: CANDIDATES, units: ['CS 5'], layout });
}

describe.each<GridLayoutName>(['evidenceRows', 'criteriaRows'])('a rebuild (%s) that fails at any write', (layout) => {
  it('keeps every evidence row and mark of every candidate, and says what was and was not done', async () => {
    const base = createFakeExcel();
    expect((await run(base, small(false), layout)).failed).toBeUndefined();
    for (const c of CANDIDATES) await typeEvidence(base, c.name, layout);
    // A build lists the evidence on the index; then the user's entries there and on the tracker.
    expect((await run(base, small(false), layout)).failed).toBeUndefined();
    for (const c of CANDIDATES) typeListEntries(base, c.name, layout);
    const before = Object.fromEntries(CANDIDATES.map((c) => [c.name, entries(base, c.name, layout)]));
    const beforeLists = Object.fromEntries(CANDIDATES.map((c) => [c.name, listEntries(base, c.name)]));
    expect(beforeLists['Jane Smith']).toContain('Jane Smith Evidence|E1|7|KL');
    expect(beforeLists['Jane Smith']).toContain('Jane Smith Tracker|CS 5|9|A. Assessor');
    expect(before['Jane Smith']!.length).toBeGreaterThan(4);

    // Every action of a whole rebuild (reads included), traced; then failures injected in turn at
    // every action that changes a sheet's structure or identity (protection, clearing, row/column
    // inserts and deletes, sheet renames, adds and deletes, names) and the action after it, and at
    // every 50th action besides (value and format writes: a fake action costs about a millisecond,
    // 1,500 actions each rerun whole would take minutes).
    const probe = base.clone();
    const trace = probe.traceActions();
    expect((await run(probe, small(true), layout)).failed).toBeUndefined();
    for (const c of CANDIDATES) expect(entries(probe, c.name, layout)).toEqual(before[c.name]);
    for (const c of CANDIDATES) expect(listEntries(probe, c.name)).toEqual(beforeLists[c.name]);
    // The rebuild inserted E0's row on the index (in place), above E1.
    expect(probe.values('Jane Smith Evidence', 'A7:A8')).toEqual([['E0'], ['E1']]);
    const structural = /\.(unprotect|protect|unmerge|clear|clearAll|remove|unfreeze|insert|delete|resize|name|add|position)$/;
    const points = new Set<number>();
    trace.forEach((action, i) => {
      if (structural.test(action)) points.add(i + 1).add(i + 2);
      if (i % 50 === 0) points.add(i + 1);
    });
    for (const p of points) if (p > trace.length) points.delete(p);
    if (process.env.VQ_REPORT_POINTS) console.log(`failure points (${layout}): ${points.size} of ${trace.length} actions`);
    expect(points.size).toBeGreaterThan(30);
    const reports = new Set<string>();
    for (const n of [...points].sort((a, b) => a - b)) {
      const excel = base.clone();
      excel.failAtAction(n);
      // A failure reading the sheet names (before any candidate) rejects: nothing was written.
      const result = await run(excel, small(true), layout).catch(() => null);
      for (const c of CANDIDATES) {
        const names = excel.workbook.sheets.map((s) => s.name);
        expect(names).toContain(`${c.name} CS 5`);
        expect(entries(excel, c.name, layout)).toEqual(before[c.name]);
        expect(listEntries(excel, c.name)).toEqual(beforeLists[c.name]);
      }
      if (!result) continue;
      expect(result.failed).toBeDefined();
      const report = failureReport(result);
      const f = result.failed!;
      // Built candidates are named as built; the failed one as not finished (with its sheets) or untouched; the rest as not built.
      expect(report).toContain(f.candidate);
      if (result.outcomes.length > 0) expect(report).toContain(`Built: ${result.outcomes.map((o) => o.candidate).join(', ')}.`);
      if (f.sheets.length > 0) expect(report).toContain(`${f.candidate}: not finished; ${f.sheets.join(', ')} may be only partly updated.`);
      else expect(report).toContain(`${f.candidate}: nothing was written.`);
      if (f.candidate === 'Jane Smith') expect(report).toContain('Not built: Amy Ng.');
      reports.add(report.replace(/;.*$/, ''));
    }
    // Failures landed before writing, during Jane's writes and during Amy's.
    expect([...reports].some((r) => r.startsWith('Jane Smith: not finished'))).toBe(true);
    expect([...reports].some((r) => r.startsWith('Built: Jane Smith. Amy Ng: not finished'))).toBe(true);
  });
});
