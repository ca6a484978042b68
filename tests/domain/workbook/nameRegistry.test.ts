import fc from 'fast-check';
import { uniqueTableName } from '../../../src/domain/grid/trackerSheet';
import { NameRegistry } from '../../../src/domain/workbook/nameRegistry';
import { uniqueSheetName } from '../../../src/domain/workbook/names';

describe('NameRegistry', () => {
  it('compares names ignoring case, as Excel does', () => {
    const names = new NameRegistry(['Jane Smith 4430-203']);
    expect(names.has('JANE SMITH 4430-203')).toBe(true);
    expect(names.has('Jane Smith 4430-204')).toBe(false);
    names.add('Progress_Jane');
    expect(names.has('progress_jane')).toBe(true);
    expect(names.size).toBe(2);
  });

  it('gives the sheet names uniqueSheetName gives, registering each', () => {
    const names = new NameRegistry(['jane smith 4430-203', 'Jane Smith 4430-203 (2)']);
    expect(names.sheetName('Jane Smith', '4430-203')).toBe('Jane Smith 4430-203 (3)');
    expect(names.has('jane smith 4430-203 (3)')).toBe(true);
    expect(names.sheetName('Jane Smith', '4430-203')).toBe('Jane Smith 4430-203 (4)');
    expect(names.sheetName('A very long candidate name indeed', 'Tracker')).toBe(uniqueSheetName('A very long candidate name indeed', new Set(), 'Tracker'));
  });

  it('agrees with uniqueSheetName and uniqueTableName over any names taken', () => {
    const piece = fc.constantFrom('Jane', 'jane', 'JANE', 'Smith', 'O\'Brien', '😀', 'x'.repeat(30), '[a]', 'Tracker', '(2)', '4430-203');
    const name = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(' '));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), name, fc.constantFrom('', '4430-203', 'Tracker'), (taken, base, keep) => {
        const set = new Set(taken);
        const registry = new NameRegistry(taken);
        // Grow both a few times: each answer is taken before the next.
        for (let i = 0; i < 4; i++) expect(registry.sheetName(base, keep)).toBe(uniqueSheetName(base, set, keep));
        const tables = new NameRegistry(taken);
        const list = [...taken];
        for (let i = 0; i < 4; i++) {
          const expected = uniqueTableName(base, list);
          expect(tables.tableName(base)).toBe(expected);
          tables.add(expected);
          list.push(expected);
        }
      }),
    );
  });

  it('over() keeps a caller\'s Set up to date', () => {
    const set = new Set(['Jane Tracker']);
    const names = NameRegistry.over(set);
    expect(names.sheetName('jane', 'Tracker')).toBe('jane Tracker (2)');
    expect([...set]).toEqual(['Jane Tracker', 'jane Tracker (2)']);
  });
});
