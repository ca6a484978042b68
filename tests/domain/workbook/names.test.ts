import { SHEET_NAME_MAX, truncateUtf16, uniqueSheetName } from '../../../src/domain/workbook/names';

/** True when a string holds a high surrogate without its low half (or the reverse). */
const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('sheet names as Excel counts them (UTF-16 code units)', () => {
  it('cuts at most 31 UTF-16 units and never splits a surrogate pair', () => {
    expect(truncateUtf16('😀😀😀', 5)).toBe('😀😀');
    expect(truncateUtf16('a😀', 2)).toBe('a');
    expect(truncateUtf16('abc', 3)).toBe('abc');
  });

  it('gives emoji and astral names distinct valid names for every unit, each at most 31 UTF-16 units', () => {
    for (const name of ['😀'.repeat(20), '𝒜𝓂𝓎 𝒩𝑔 '.repeat(4), 'Zoë 👩🏽‍🔧 O’Brien-Fitzgerald', '𠜎𠜱𠝹𠱓'.repeat(5), `a${'😀'.repeat(15)}`]) {
      const taken = new Set<string>();
      const names = ['4430-203', '4430-204', '4430-212', 'Tracker', 'Evidence', '4430-203'].map((s) => uniqueSheetName(name, taken, s));
      for (const n of names) {
        expect(n.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
        expect(hasLoneSurrogate(n)).toBe(false);
      }
      // Distinct as exceljs and Excel compare them: the first 31 units, ignoring case.
      expect(new Set(names.map((n) => n.slice(0, 31).toLowerCase())).size).toBe(names.length);
      expect(names[0]!.endsWith(' 4430-203')).toBe(true);
      expect(names[5]!.endsWith(' 4430-203 (2)')).toBe(true);
    }
  });

  it('keeps a very long suffix from crowding out the " (n)" that makes names unique', () => {
    const taken = new Set<string>();
    const long = 'A-unit-code-much-longer-than-any-sheet-name-allows';
    const a = uniqueSheetName('Jane Smith', taken, long);
    const b = uniqueSheetName('Jane Smith', taken, long);
    expect(a).not.toBe(b);
    expect(b.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
  });
});
