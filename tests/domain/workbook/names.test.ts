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

describe('unique sheet names over a growing set', () => {
  it('sees names added to the set between calls (by hand or by another call), in any case', () => {
    const taken = new Set<string>(['Amy Ng 203']);
    expect(uniqueSheetName('Amy Ng', taken, '203')).toBe('Amy Ng 203 (2)');
    taken.add('AMY NG 203 (3)');
    expect(uniqueSheetName('Amy Ng', taken, '203')).toBe('Amy Ng 203 (4)');
    taken.add('amy ng 203 (5)');
    taken.add('Ben Ode 203');
    expect(uniqueSheetName('Amy Ng', taken, '203')).toBe('Amy Ng 203 (6)');
    expect(uniqueSheetName('ben ode', taken, '203')).toBe('ben ode 203 (2)');
    // A different set starts from its own names.
    expect(uniqueSheetName('Amy Ng', new Set(['Amy Ng 203 (2)']), '203')).toBe('Amy Ng 203');
  });

  it('names thousands of sheets into one set, all distinct ignoring case', () => {
    const taken = new Set<string>();
    const names = Array.from({ length: 3000 }, (_, i) => uniqueSheetName(`Candidate ${i % 1000}`, taken, i % 2 ? 'Tracker' : 'Evidence'));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(3000);
  });
});
