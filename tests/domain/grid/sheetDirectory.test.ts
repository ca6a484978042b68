import { SheetDirectory } from '../../../src/domain/grid/sheetDirectory';
import { cohortWorkbook } from '../sampling/cohortFixtures';

describe('SheetDirectory', () => {
  const built = cohortWorkbook([
    { name: 'Amy Ng', assessor: 'P. Jones', units: ['203'] },
    { name: 'Ben Ode', units: ['203'], layout: 'criteriaRows' },
  ]);
  const other = { name: 'Notes', values: [['My notes'], ['Candidate', 'Amy Ng']] };
  const directory = new SheetDirectory([...built.sheets, other]);

  it("knows each sheet's role and whose it is, from one read of its header block", () => {
    const amy = directory.ofCandidate('Amy Ng');
    expect(amy.map((e) => [e.sheet.name, e.role])).toEqual([
      [built.grids['Amy Ng']!['4430-101'], 'grid'],
      [built.grids['Amy Ng']!['4430-201'], 'grid'],
      [built.grids['Amy Ng']!['4430-203'], 'grid'],
      ['Amy Ng Tracker', 'tracker'],
      ['Amy Ng Evidence', 'evidenceIndex'],
      ['Notes', 'other'],
    ]);
    const grid = directory.get(built.grids['Ben Ode']!['4430-203']!)!;
    expect(grid).toMatchObject({ role: 'grid', candidate: 'Ben Ode', qualification: 'cg-4430-02', unit: '4430-203' });
    expect(grid.header.at?.unit).toBeDefined();
    expect(directory.get('Amy Ng Tracker')!.header.assessor).toBe('P. Jones');
  });

  it('finds a candidate by the name exactly as written; unknown names find nothing', () => {
    expect(directory.ofCandidate('Nobody')).toEqual([]);
    expect(directory.ofCandidate('amy ng')).toEqual([]);
    expect(directory.get('Nope')).toBeUndefined();
    expect(directory.sheets).toHaveLength(built.sheets.length + 1);
  });
});
