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

  it("gives a candidate's assessor: the tracker's, else their grids' assessors", () => {
    expect(directory.assessorOf('Amy Ng', 'cg-4430-02')).toBe('P. Jones');
    expect(directory.assessorOf('Ben Ode', 'cg-4430-02')).toBe('');
    const grid = (name: string, assessor: string) => ({ name, values: [['Unit grid'], ['Candidate', 'Cy', '', 'Assessor', assessor], ['Qualification id', 'cg-4430-02', '', 'Unit', name]] });
    const cy = new SheetDirectory([grid('4430-101', 'K. Lee'), grid('4430-201', 'A. Smith'), grid('4430-203', 'K. Lee')]);
    expect(cy.ofCandidate('Cy').map((e) => e.role)).toEqual(['grid', 'grid', 'grid']);
    expect(cy.assessorOf('Cy', 'cg-4430-02')).toBe('K. Lee; A. Smith');
    expect(cy.assessorOf('Cy', 'other')).toBe('');
  });

  it('finds a candidate by name ignoring case and spacing (as candidate identity compares them); unknown names find nothing', () => {
    expect(directory.ofCandidate('Nobody')).toEqual([]);
    expect(directory.ofCandidate('AMY  NG ')).toEqual(directory.ofCandidate('Amy Ng'));
    expect(directory.ofCandidate('Amy Ng').length).toBeGreaterThan(0);
    expect(directory.get('Nope')).toBeUndefined();
    expect(directory.sheets).toHaveLength(built.sheets.length + 1);
  });
});
