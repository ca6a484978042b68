import { problems } from '../../src/domain/problems';

// One catalogue: a problem the command line and the task pane both meet reads the same in each, laid out for each.
describe('the message catalogue', () => {
  it('says a standards template was not imported alike in both shells: a list on a terminal, one message in the pane', () => {
    const found = ['Units, row 4, column F (Level): expected a number or blank, found "two"', 'Items, row 6, column A (Unit): unit "999" is not on the Units sheet'];
    expect(problems.templateNotImported('bad.xlsx', found, 'lines').message).toBe(
      'bad.xlsx: 2 problems in the standards template; nothing was imported:\n  - Units, row 4, column F (Level): expected a number or blank, found "two"\n  - Items, row 6, column A (Unit): unit "999" is not on the Units sheet',
    );
    expect(problems.templateNotImported('bad.xlsx', found.slice(0, 1), 'sentence').message).toBe(
      'bad.xlsx: 1 problem in the standards template: Units, row 4, column F (Level): expected a number or blank, found "two". Nothing was imported.',
    );
    const many = Array.from({ length: 12 }, (_, i) => `problem ${i + 1}`);
    expect(problems.templateNotImported('bad.xlsx', many, 'sentence').message).toMatch(/: problem 1; .*; problem 10; and 2 more\. Nothing was imported\.$/);
    expect(problems.templateNotImported('bad.xlsx', found, 'sentence').kind).toBe('invalidStandards');
  });

  it('names the template sheet of a clashing id in both shells', () => {
    const clash = [{ path: 'id', message: '"cg-4430-02" is already the id of a bundled qualification' }];
    expect(problems.templateNamesClash('mine.xlsx', clash, 'sentence').message).toBe('mine.xlsx: Qualification/Identifiers sheet, id: "cg-4430-02" is already the id of a bundled qualification. Nothing was imported.');
    expect(problems.templateNamesClash('mine.xlsx', clash, 'lines').message).toBe('mine.xlsx: 1 problem; nothing was imported:\n  - Qualification/Identifiers sheet, id: "cg-4430-02" is already the id of a bundled qualification');
  });

  it('names the way out in both shells when a build needs more than it was given', () => {
    expect(problems.whichCandidate('Amy Ng', '"Amy Ng" (id 1)', '"Amy Ng" (id 2)').message).toMatch(/--candidate-id, or an id column in the candidates file; in the add-in, the Candidate id column/);
    expect(problems.unitTooWide('101', 20000, 16177).message).toMatch(/--layout criteria-rows; in the add-in, Criteria rows/);
  });
});
