import { criteriaRowsLayout, evidenceRowsLayout, GRID_LAYOUTS, gridCoverage, gridLayoutOf, type GridLayout } from '../../../src/domain/grid/gridLayouts';
import type { ParsedCriteriaRows } from '../../../src/domain/grid/criteriaRowsRead';
import type { GridSubject } from '../../../src/domain/grid/gridTypes';
import type { ParsedGrid } from '../../../src/domain/grid/readGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { unitItems } from '../../../src/domain/standards/itemCodes';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { planValues } from './planCells';

/*
 * The GridLayout contract: the same tests over both layouts (detect, read, coverage, evidence,
 * locate, build and a rebuild from what was read). Only how a user types an entry differs, and
 * that is what a person does on the sheet, not part of the contract.
 */

function subject(): GridSubject {
  const found = bundledCatalog().findUnit('cg-4430-02', '203');
  if (!found.ok) throw new Error(found.problem.message);
  return { qualification: found.value.index.qualification, unit: found.value.unit, candidate: 'Jane Smith', assessor: 'A. Assessor' };
}

function set(values: RawCell[][], row: number, col: number, value: RawCell): void {
  while (values.length <= row) values.push([]);
  const line = values[row]!;
  while (line.length <= col) line.push(null);
  line[col] = value;
}

interface Entry {
  code: string;
  ref: string;
  decision: string | null;
  date: number;
}

/** How an assessor records evidence on each layout: a row per piece of evidence, or refs on the item's row. */
const enter: Record<GridLayout['name'], (values: RawCell[][], parsed: unknown, entries: Entry[]) => void> = {
  evidenceRows(values, parsed, entries) {
    const { columns } = parsed as ParsedGrid;
    entries.forEach((e, k) => {
      const row = columns.headerRow + 1 + k;
      set(values, row, columns.fields.get('ref')!, e.ref);
      set(values, row, columns.fields.get('date')!, e.date);
      set(values, row, columns.fields.get('decision')!, e.decision);
      set(values, row, columns.items.get(e.code)!, 'x');
    });
  },
  criteriaRows(values, parsed, entries) {
    const p = parsed as ParsedCriteriaRows;
    for (const e of entries) {
      const row = p.items.get(e.code)!.row;
      set(values, row, p.columns.refs[0]!, e.ref);
      set(values, row, p.columns.fields.get('date')!, e.date);
      set(values, row, p.columns.fields.get('decision')!, e.decision);
    }
  },
};

function readOk(layout: GridLayout, values: RawCell[][]) {
  const parsed = layout.read(values, subject().unit);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.value;
}

describe.each([
  ['evidence rows', evidenceRowsLayout as GridLayout, criteriaRowsLayout as GridLayout],
  ['criteria rows', criteriaRowsLayout as GridLayout, evidenceRowsLayout as GridLayout],
])('GridLayout contract: %s', (_name, layout, other) => {
  const s = subject();
  const codes = unitItems(s.unit).map((i) => i.code);
  const newValues = () => planValues(layout.build(s, 'Jane Smith 203').sheet);
  const entries: Entry[] = [
    { code: codes[0]!, ref: 'E1', decision: 'Accepted', date: 46000 },
    { code: codes[1]!, ref: 'E2', decision: null, date: 46001 },
  ];
  /** A grid with E1 accepted against the first item and E2 claimed against the second. */
  const filledValues = () => {
    const values = newValues();
    enter[layout.name](values, readOk(layout, values), entries);
    return values;
  };

  it('detect: knows the sheets it builds, and only those; gridLayoutOf picks it', () => {
    const values = newValues();
    expect(layout.detect(values)).toBe(true);
    expect(other.detect(values)).toBe(false);
    expect(gridLayoutOf(values)).toBe(layout);
    expect(GRID_LAYOUTS[layout.name]).toBe(layout);
    expect(layout.detect([])).toBe(false);
  });

  it('read: the header block names the candidate and unit; a blank range is not a grid', () => {
    expect(layout.header(readOk(layout, newValues()))).toMatchObject({ candidate: 'Jane Smith', assessor: 'A. Assessor', unit: '4430-203', qualificationId: 'cg-4430-02' });
    const blank = layout.read([], s.unit);
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.problem.kind).toBe('notAGrid');
  });

  it('coverage and evidence of a new grid: nothing covered, every item missing, no evidence', () => {
    const values = newValues();
    const parsed = readOk(layout, values);
    const cov = layout.coverage(parsed, s.unit);
    expect(cov).toMatchObject({ unit: '4430-203', complete: false, coverage: 0, missing: codes, missingColumns: [], evidenceRows: 0, lastEvidenceDate: null, awaitingDecision: [] });
    const { evidence, dateRange } = layout.evidence(parsed, values);
    expect(evidence).toEqual([]);
    expect(dateRange).toMatch(/^\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
  });

  it('coverage counts accepted evidence and keeps claimed apart; evidence lists each piece with its decision and date', () => {
    const values = filledValues();
    const parsed = readOk(layout, values);
    const cov = layout.coverage(parsed, s.unit);
    expect(cov.items.find((i) => i.item.code === codes[0])).toMatchObject({ state: 'covered', accepted: ['E1'] });
    expect(cov.items.find((i) => i.item.code === codes[1])).toMatchObject({ state: 'claimed', claimed: ['E2'] });
    expect(cov).toMatchObject({ coverage: 1 / codes.length, missing: codes.slice(1), awaitingDecision: [codes[1]], evidenceRows: 2, lastEvidenceDate: 46001 });
    // The same through gridCoverage, which reads only what coverage needs.
    const quick = gridCoverage(values, s.unit);
    expect(quick.ok && quick.value).toEqual(cov);
    const { evidence } = layout.evidence(parsed, values);
    expect(evidence.map((e) => [e.ref, e.decision, e.date])).toEqual([
      ['E1', 'accepted', 46000],
      ['E2', 'pending', 46001],
    ]);
  });

  it('locate: every item is where locate.cell finds it, and its mark cell is described as its own', () => {
    const values = filledValues();
    const parsed = readOk(layout, values);
    const locate = layout.locate(parsed);
    for (const item of layout.coverage(parsed, s.unit).items) {
      expect(item.column).not.toBeNull();
      const place = locate.item(values, item.column!);
      expect(place.where).toMatch(/^(column [A-Z]+|row \d+)$/);
      const cell = locate.cell(values, place.target.row, place.target.col);
      expect(cell).toMatchObject({ code: item.item.code });
      expect(['heading', 'row']).toContain(cell.kind);
    }
    // The cell holding E1's mark (the item's column on E1's row; the ref itself on criteria rows).
    const e1 = values.flatMap((line, row) => line.map((v, col) => ({ v, row, col }))).find((c) => c.v === (layout.name === 'evidenceRows' ? 'x' : 'E1'))!;
    expect(locate.markCell(values, e1.row, e1.col)).toContain(`item ${codes[0]}`);
    expect(locate.markCell(values, 0, 0)).toBeUndefined();
  });

  it('build, read, rebuild in place from what was read: every entry kept, the same coverage and evidence', () => {
    const values = filledValues();
    const parsed = readOk(layout, values);
    expect(layout.evidenceSource('Jane Smith 203', '4430-203', parsed)).toMatchObject({ layout: layout.name, sheet: 'Jane Smith 203', unit: '4430-203' });
    const rebuilt = layout.build(s, 'Jane Smith 203', undefined, { values, parsed });
    expect(rebuilt.sheet.rebuild).toBeDefined();
    expect(rebuilt.changes).toMatchObject({ added: [], removed: [], marksKept: 2, evidenceRowsKept: 2 });
    const after = planValues(rebuilt.sheet, () => null, values);
    expect(gridLayoutOf(after)).toBe(layout);
    const again = readOk(layout, after);
    const before = layout.coverage(parsed, s.unit);
    expect(layout.coverage(again, s.unit).items.map((i) => [i.item.code, i.state, i.accepted, i.claimed])).toEqual(before.items.map((i) => [i.item.code, i.state, i.accepted, i.claimed]));
    expect(layout.evidence(again, after).evidence).toEqual(layout.evidence(parsed, values).evidence);
  });
});
