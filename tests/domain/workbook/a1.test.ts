import fc from 'fast-check';
import {
  address,
  columnIndex,
  columnLetter,
  formatReferencePart,
  MAX_COLUMNS,
  MAX_ROWS,
  parseCell,
  parseRange,
  parseReferencePart,
  parseSheetReference,
  quoteSheet,
  sheetReference,
} from '../../../src/domain/workbook/a1';

const col = fc.integer({ min: 0, max: MAX_COLUMNS - 1 });
const row = fc.integer({ min: 0, max: MAX_ROWS - 1 });
// Sheet names as Excel allows them: 1-31 characters, none of []:*?/\, no apostrophe at either end.
const sheetName = fc
  .string({ minLength: 1, maxLength: 31, unit: fc.constantFrom('a', 'Z', '1', ' ', "'", '-', '.', '_', '(', ')', 'é', '!', ',', '&') })
  .filter((s) => s.trim() !== '' && !s.startsWith("'") && !s.endsWith("'"));

describe('column letters', () => {
  it('A, Z, AA, XFD and back', () => {
    expect([0, 25, 26, 701, 702, MAX_COLUMNS - 1].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(columnIndex('xfd')).toBe(MAX_COLUMNS - 1);
    expect(columnIndex('XFE')).toBeNull();
    expect(columnIndex('AAAA')).toBeNull();
    expect(columnIndex('A1')).toBeNull();
  });

  it('round-trips every column', () => {
    fc.assert(fc.property(col, (c) => columnIndex(columnLetter(c)) === c));
  });
});

describe('cells and ranges', () => {
  it('reads A1, $A$1, mixed anchors and ranges written either way round', () => {
    expect(parseCell('A1')).toEqual({ row: 0, col: 0 });
    expect(parseCell('$H$15')).toEqual({ row: 14, col: 7 });
    expect(parseCell('h$15')).toEqual({ row: 14, col: 7 });
    expect(parseRange('C3:A1')).toEqual({ row: 0, col: 0, endRow: 2, endCol: 2 });
    expect(parseRange('$A$1:$B$2')).toEqual({ row: 0, col: 0, endRow: 1, endCol: 1 });
  });

  it('refuses what is not a cell inside the sheet', () => {
    for (const bad of ['', 'A0', 'A1048577', 'XFE1', '1A', 'A', '7', 'A1:B2:C3', ' A1', 'A1 ', '$$A1', 'A1:']) {
      expect(parseRange(bad)).toBeNull();
    }
    expect(parseCell('A1:B2')).toBeNull();
  });

  it('round-trips every cell and range, relative and absolute', () => {
    fc.assert(
      fc.property(row, col, row, col, fc.boolean(), (r1, c1, r2, c2, absolute) => {
        const range = { row: Math.min(r1, r2), col: Math.min(c1, c2), endRow: Math.max(r1, r2), endCol: Math.max(c1, c2) };
        const parsed = parseRange(address(range, absolute));
        const single = range.row === range.endRow && range.col === range.endCol;
        return JSON.stringify(parsed) === JSON.stringify(single ? { row: range.row, col: range.col } : range);
      }),
    );
  });

  it('whole rows and columns as parts of a reference, anchors kept', () => {
    expect(parseReferencePart('$B')).toEqual({ col: 1, colAbsolute: true, row: null, rowAbsolute: false });
    expect(parseReferencePart('$7')).toEqual({ col: null, colAbsolute: false, row: 6, rowAbsolute: true });
    expect(parseReferencePart('B$')).toBeNull();
    fc.assert(
      fc.property(fc.option(col), fc.boolean(), fc.option(row), fc.boolean(), (c, ca, r, ra) => {
        if (c === null && r === null) return true;
        const part = { col: c, colAbsolute: c !== null && ca, row: r, rowAbsolute: r !== null && ra };
        return JSON.stringify(parseReferencePart(formatReferencePart(part))) === JSON.stringify(part);
      }),
    );
  });
});

describe('sheet-qualified references', () => {
  it('quoted names with doubled apostrophes, plain names, none', () => {
    expect(parseSheetReference("'Jane O''Brien 203'!$H$15:J20")).toEqual({ sheet: "Jane O'Brien 203", range: { row: 14, col: 7, endRow: 19, endCol: 9 } });
    expect(parseSheetReference('Tracker!B2')).toEqual({ sheet: 'Tracker', range: { row: 1, col: 1 } });
    expect(parseSheetReference('B2')).toEqual({ sheet: null, range: { row: 1, col: 1 } });
    expect(parseSheetReference('#REF!')).toBeNull();
    expect(parseSheetReference("'Broken!A1")).toBeNull();
    expect(parseSheetReference('SUM(A1)!B2')).toBeNull();
  });

  it('round-trips any sheet name Excel allows', () => {
    fc.assert(
      fc.property(sheetName, row, col, fc.boolean(), (sheet, r, c, absolute) => {
        const parsed = parseSheetReference(sheetReference(sheet, { row: r, col: c }, absolute));
        return parsed !== null && parsed.sheet === sheet && parsed.range.row === r && parsed.range.col === c;
      }),
    );
  });

  it('quotes a name that looks like a cell or has spaces', () => {
    expect(quoteSheet('Tracker')).toBe('Tracker');
    expect(quoteSheet('AB12')).toBe("'AB12'");
    expect(quoteSheet("O'Neil 101")).toBe("'O''Neil 101'");
  });
});
