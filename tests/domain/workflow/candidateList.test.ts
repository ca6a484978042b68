import { candidateColumn, distinctCandidates, parseCandidateList } from '../../../src/domain/workflow/candidateList';

// One reader for the command line's candidates file and the task pane's pasted list: the cases each used to handle.
const parse = (text: string, source = 'cands.csv') => {
  const r = parseCandidateList(text, source);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
};
const problem = (text: string, source = 'cands.csv') => {
  const r = parseCandidateList(text, source);
  if (r.ok) throw new Error('expected a problem');
  return r.problem;
};

describe('a list of candidates', () => {
  it('reads one per line: name, name,assessor or name,assessor,id; blank lines and # comments skipped', () => {
    expect(parse('# cohort A\nJane Smith\n\nOmar Khan, Bea \n  Amy Ng,P. Jones,1234567890  \n')).toEqual([
      { name: 'Jane Smith', where: 'line 2 of cands.csv' },
      { name: 'Omar Khan', assessor: 'Bea', where: 'line 4 of cands.csv' },
      { name: 'Amy Ng', assessor: 'P. Jones', id: '1234567890', where: 'line 5 of cands.csv' },
    ]);
  });

  it('takes CSV quoting: a quoted name may hold commas and "" is a quote; a lone quoted name loses its quotes', () => {
    expect(parse('"Ode, Ben",P. Jones\n"Priya ""Pip"" Patel"\n"Priya Patel"').map((c) => [c.name, c.assessor])).toEqual([
      ['Ode, Ben', 'P. Jones'],
      ['Priya "Pip" Patel', undefined],
      ['Priya Patel', undefined],
    ]);
  });

  it('reads a paste from Excel: tab-separated, so a comma in a name needs no quotes; lines of either kind mix', () => {
    expect(parse('Name\tAssessor\tULN\nAmy Ng\tP. Jones\t1234567890\nBen Ode, K. Lee\nSmith, Jane\tK. Lee', 'The pasted list')).toEqual([
      { name: 'Amy Ng', assessor: 'P. Jones', id: '1234567890', where: 'line 2 of The pasted list' },
      { name: 'Ben Ode', assessor: 'K. Lee', where: 'line 3 of The pasted list' },
      { name: 'Smith, Jane', assessor: 'K. Lee', where: 'line 4 of The pasted list' },
    ]);
  });

  it('reads columns in any order under a header row (a byte-order mark ignored), with every title either shell knew', () => {
    expect(parse('\uFEFFULN,Candidate,Assessor\n1234567890,Amy Ng,P. Jones\n,Ben Ode,').map((c) => [c.name, c.assessor, c.id])).toEqual([
      ['Amy Ng', 'P. Jones', '1234567890'],
      ['Ben Ode', undefined, undefined],
    ]);
    expect(parse('Apprentice\tAssessors\nJane Smith\tAlex Assessor').map((c) => [c.name, c.assessor])).toEqual([['Jane Smith', 'Alex Assessor']]);
    expect(parse('Candidates\nJane Smith').map((c) => c.name)).toEqual(['Jane Smith']);
    expect(['Learner name', 'Registration number', 'SCN', 'Assessor name'].map(candidateColumn)).toEqual(['name', 'id', 'id', 'assessor']);
  });

  it('refuses, naming the line, a column it does not know, more fields than columns, and a line with no name', () => {
    expect(problem('Candidate,Email\nAmy Ng,amy@example.org\n')).toEqual({
      kind: 'badCandidateList',
      message: 'cands.csv: line 1: column 2 is headed "Email"; a list of candidates has the columns Candidate (or Name), Assessor and Candidate id (or ULN, SCN, Registration number)',
    });
    expect(problem('Amy Ng\nSmith, Jane, P. Jones, 12').message).toBe('cands.csv: line 2: 4 fields, expected at most 3 (name, assessor, id); quote a name that holds a comma');
    expect(problem('Name,Assessor\nAmy Ng,P. Jones,1').message).toBe('cands.csv: line 2: 3 fields, expected at most 2 (name, assessor); quote a name that holds a comma');
    expect(problem('Amy Ng\n,P. Jones').message).toBe('cands.csv: line 2: no candidate name');
  });

  it('builds each candidate once and refuses two it cannot tell apart, naming where each was listed', () => {
    const twice = distinctCandidates(parse('Name,Assessor\nAmy Ng,P. Jones\namy  ng,P. Jones\nBen Ode', 'twice.csv'));
    expect(twice.ok && twice.value.candidates.map((c) => c.name)).toEqual(['Amy Ng', 'Ben Ode']);
    expect(twice.ok && twice.value.repeated).toEqual(['candidate "amy  ng" is listed more than once; built once (line 2 of twice.csv as "Amy Ng", and line 3 of twice.csv)']);
    const pair = distinctCandidates(parse('Amy Ng,P. Jones\nAMY NG,K. Lee', 'pair.csv'));
    expect(pair.ok ? '' : pair.problem.message).toBe(
      '"Amy Ng" (assessor P. Jones) (line 1 of pair.csv) and "AMY NG" (assessor K. Lee) (line 2 of pair.csv) differ only in case or spacing but have different assessors: they may be two people. Give each a candidate id (ULN, SCN or registration number) to tell them apart, or spell the name the same way if they are one person.',
    );
    // Ids tell them apart; a later line gives an id the first lacked.
    expect(distinctCandidates(parse('Amy Ng,P. Jones,1\nAMY NG,K. Lee,2')).ok).toBe(true);
    const withId = distinctCandidates([{ name: 'Amy Ng', where: 'a' }, { name: 'Amy Ng', id: '7', where: 'b' }]);
    expect(withId.ok && withId.value.candidates).toEqual([{ name: 'Amy Ng', id: '7', where: 'a' }]);
  });
});
