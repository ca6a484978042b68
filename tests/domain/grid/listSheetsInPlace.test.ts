import { buildEvidenceIndex, readEvidenceIndex, type GridEvidenceSource } from '../../../src/domain/grid/evidenceIndexSheet';
import type { EvidenceRowContent } from '../../../src/domain/grid/gridContent';
import { buildTracker, NO_LONGER_IN_PATHWAY, readTracker, TRACKER_ROWS } from '../../../src/domain/grid/trackerSheet';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { inRange, planValues, put } from './planCells';

/*
 * The tracker and the index of evidence rebuilt in place: the old rows keep their order and the
 * user's cells (never written by the plan), rows are inserted for new units and evidence and
 * deleted only for a "(no ref)" row the grids no longer have and nobody worked on.
 */

const index = (() => {
  const q = bundledCatalog().findQualification('cg-4430-02');
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
})();

const rowOf = (values: RawCell[][], text: string) => values.findIndex((line) => line[0] === text);

function tracker(pathway: string[], previous?: RawCell[][]) {
  const content = previous ? readTracker(previous) : undefined;
  if (content && !content.ok) throw new Error(content.problem.message);
  return buildTracker({ sheetName: 'T', index, candidate: 'Jane Smith', pathway, ...(previous ? { previous, existing: content!.value } : {}) });
}

describe('the unit progress record in place', () => {
  it('keeps old rows in order (a dropped unit marked, its entries kept), inserts a new unit after the previous one, and never writes the user cells', () => {
    const first = tracker(['4430-101', '4430-201', '203', '212']);
    const old = planValues(first.sheet);
    put(old, `J${rowOf(old, '4430-203') + 1}`, 'A. Assessor');
    put(old, `O${TRACKER_ROWS.header + 1}`, 'Portfolio page');
    put(old, `O${rowOf(old, '4430-212') + 1}`, 'p12');
    put(old, `A${rowOf(old, '4430-212') + 2}`, ''); // the blank row under the table stays blank

    // 203 leaves the pathway, 202 joins between 201 and 212.
    const again = tracker(['4430-101', '4430-201', '4430-202', '212'], old);
    const plan = again.sheet;
    expect(plan.rebuild).toBeDefined();
    expect(plan.rebuild!.edits.filter((e) => e.op === 'delete')).toEqual([]);
    const now = planValues(plan, () => null, old);
    expect(now.slice(TRACKER_ROWS.first, TRACKER_ROWS.first + 5).map((r) => r[0])).toEqual(['4430-101', '4430-201', '4430-202', '4430-203', '4430-212']);
    const r203 = rowOf(now, '4430-203');
    expect(now[r203]![7]).toBe(NO_LONGER_IN_PATHWAY);
    expect(now[r203]![9]).toBe('A. Assessor');
    expect(now[rowOf(now, '4430-212')]![14]).toBe('p12');
    expect(now[TRACKER_ROWS.header]![14]).toBe('Portfolio page');
    // The user's cells are kept, never in a block.
    const keep = plan.rebuild!.keep;
    expect(keep.some((k) => inRange(k, r203, 9))).toBe(true);
    for (const b of plan.blocks) b.values.forEach((line, i) => line.forEach((_, j) => expect(keep.some((k) => inRange(k, b.row + i, b.col + j))).toBe(false)));
    // The table takes in the user's column; the status cells and totals follow the rows.
    expect(plan.tables[0]!.range).toMatchObject({ row: TRACKER_ROWS.header, endRow: rowOf(now, '4430-212'), endCol: 14 });
    expect(again.statusCells.get('4430-212')).toBe(`$H$${rowOf(now, '4430-212') + 1}`);
    expect(again.changes).toMatchObject({ added: ['4430-202'], noLongerInPathway: ['4430-203'] });
  });

  it('replaces a sheet that is not laid out as ours whole, as before', () => {
    const old = planValues(tracker(['4430-101']).sheet);
    put(old, 'A1', 'My own progress sheet');
    expect(tracker(['4430-101'], old).sheet.rebuild).toBeUndefined();
  });
});

function row(ref: string, marks: [string, string][] = [['1.1', '✓']]): EvidenceRowContent {
  return { fields: { ref }, marks: new Map(marks), extras: new Map() } as unknown as EvidenceRowContent;
}

function evidenceIndex(rows: EvidenceRowContent[], previous?: RawCell[][]) {
  const grids: GridEvidenceSource[] = [{ layout: 'evidenceRows', sheet: 'Jane Smith 4430-203', unit: '4430-203', rows, rowNumbers: rows.map((_, i) => 14 + i) }];
  const content = previous ? readEvidenceIndex(previous) : undefined;
  if (content && !content.ok) throw new Error(content.problem.message);
  return buildEvidenceIndex({ sheetName: 'E', candidate: 'Jane Smith', qualification: 'q', grids, ...(previous ? { previous, existing: content!.value } : {}) });
}

describe('the index of evidence in place', () => {
  it('inserts new refs in order among the old rows, keeps a sampled or duplicate row, and deletes only an untouched "(no ref)" row that is gone', () => {
    const old = planValues(evidenceIndex([row('E2'), row('E5'), row(''), row('')]).sheet);
    const noRef = old.findIndex((l) => String(l[0] ?? '').startsWith('(no ref)'));
    expect(noRef).toBeGreaterThan(0);
    put(old, `H${rowOf(old, 'E5') + 1}`, 'KL');
    put(old, `H${noRef + 2}`, 'KL'); // the second "(no ref)" row was sampled
    put(old, `A${old.length + 1}`, 'E2'); // a copy of E2's row, typed below

    const again = evidenceIndex([row('E1'), row('E2'), row('E5'), row('E7')], old);
    const plan = again.sheet;
    const now = planValues(plan, () => null, old);
    const refs = now.slice(6).map((l) => l[0]);
    expect(refs.filter((r) => r !== null && r !== '')).toEqual(['E1', 'E2', 'E5', 'E7', expect.stringMatching(/^\(no ref\)/), 'E2']);
    expect(now[rowOf(now, 'E5')]![7]).toBe('KL');
    expect(plan.rebuild!.edits.filter((e) => e.op === 'delete')).toEqual([{ axis: 'rows', op: 'delete', at: noRef, count: 1 }]);
    expect(plan.tables[0]!.range.endRow).toBe(now.length - 1);
  });

  it('keeps a "(no ref)" row that is gone when the user has anything on it beside the index (deleting the row would take it)', () => {
    const old = planValues(evidenceIndex([row('E2'), row('')]).sheet);
    const noRef = old.findIndex((l) => String(l[0] ?? '').startsWith('(no ref)'));
    // Past a blank column: not one of the index's columns, but on the same row.
    put(old, `M${noRef + 1}`, 'visit booked');
    const again = evidenceIndex([row('E2')], old);
    expect(again.sheet.rebuild!.edits.filter((e) => e.op === 'delete')).toEqual([]);
    expect(planValues(again.sheet, () => null, old)[noRef]![12]).toBe('visit booked');
  });
});
