import type { StructuralEdit } from '../../../src/domain/workbook/plan';
import { applyEditsToGrid, editsFromSlots, mapIndex, mapSpan, shiftFormula } from '../../../src/domain/workbook/structuralEdits';

const cols = (op: 'insert' | 'delete', at: number, count = 1): StructuralEdit => ({ axis: 'columns', op, at, count });
const rows = (op: 'insert' | 'delete', at: number, count = 1): StructuralEdit => ({ axis: 'rows', op, at, count });

describe('structural edits', () => {
  it('turn an old layout into the new one, from the right, in old positions', () => {
    // old A B C D E: C goes, two new after B, one new at the end.
    const edits = editsFromSlots('columns', 5, [0, 1, null, null, 3, 4, null]);
    expect(edits).toEqual([cols('insert', 5), cols('insert', 3, 2), cols('delete', 2)]);
    expect(applyEditsToGrid([['A', 'B', 'C', 'D', 'E']], edits, '')).toEqual([['A', 'B', '', '', 'D', 'E']]);
    expect([0, 1, 2, 3, 4].map((i) => mapIndex(i, 'columns', edits))).toEqual([0, 1, null, 4, 5]);
  });

  it('refuse a layout that reorders old columns', () => {
    expect(() => editsFromSlots('columns', 3, [1, 0, 2])).toThrow('old order');
  });

  it('grow a span when rows are inserted inside it and shrink it when some are deleted', () => {
    expect(mapSpan(2, 5, 'rows', [rows('insert', 4, 2)])).toEqual([2, 7]);
    expect(mapSpan(2, 5, 'rows', [rows('insert', 2, 2)])).toEqual([4, 7]);
    expect(mapSpan(2, 5, 'rows', [rows('delete', 1, 2)])).toEqual([1, 3]);
    expect(mapSpan(2, 5, 'rows', [rows('delete', 2, 4)])).toBeNull();
  });
});

describe('shiftFormula moves references as Excel does', () => {
  const ins = [cols('insert', 2)]; // a column inserted before C
  it('on the sheet itself: plain, absolute, ranges, whole columns', () => {
    expect(shiftFormula('=C5*2+B5', 'S', true, ins)).toBe('=D5*2+B5');
    expect(shiftFormula('=SUM($B$1:$C$9)', 'S', true, ins)).toBe('=SUM($B$1:$D$9)');
    expect(shiftFormula('=COUNTA(C:C)', 'S', true, ins)).toBe('=COUNTA(D:D)');
    expect(shiftFormula('=SUM(3:3)', 'S', true, ins)).toBe('=SUM(3:3)');
  });
  it('leaves text, functions and names alone', () => {
    expect(shiftFormula('=LOG10(C1)&"C1"&Evidence_C1', 'S', true, ins)).toBe('=LOG10(D1)&"C1"&Evidence_C1');
    expect(shiftFormula('=Table1[C1]', 'S', true, ins)).toBe('=Table1[C1]');
  });
  it('from another sheet: only references naming the sheet, quoted or not', () => {
    expect(shiftFormula("='Jane Smith 203'!C5+C5", 'Jane Smith 203', false, ins)).toBe("='Jane Smith 203'!D5+C5");
    expect(shiftFormula('=Grid!$C$5+Other!C5', 'grid', false, ins)).toBe('=Grid!$D$5+Other!C5');
    expect(shiftFormula("='O''Neil'!C5", "O'Neil", false, ins)).toBe("='O''Neil'!D5");
  });
  it('a reference into a deleted column becomes #REF!', () => {
    expect(shiftFormula('=C5+D5', 'S', true, [cols('delete', 2)])).toBe('=#REF!+C5');
    expect(shiftFormula("='S'!C5", 'S', false, [cols('delete', 2)])).toBe("='S'!#REF!");
  });
});
