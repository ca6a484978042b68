import { candidateKey, candidateNameKey, groupCandidates, indistinguishable, sameCandidate } from '../../../src/domain/grid/candidateIdentity';
import { buildCandidateWorkbook, type CandidateBuild, type CandidateRequest } from '../../../src/domain/grid/candidateWorkbook';
import { readHeaderBlock } from '../../../src/domain/grid/readGrid';
import { checkWorkbook } from '../../../src/domain/coverage/workbookCheck';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { SheetValues } from '../../../src/domain/workbook/sheetValues';
import { planValues } from './planCells';

const catalog = bundledCatalog();
const q = (() => {
  const found = catalog.findQualification('4430-02');
  if (!found.ok) throw new Error(found.problem.message);
  return found.value;
})();

/** A workbook as sheets: the build applied over the existing ones (same-named sheets replaced). */
function apply(sheets: SheetValues[], built: CandidateBuild): SheetValues[] {
  const next = sheets.filter((s) => !built.sheets.some((p) => p.name.toLowerCase() === s.name.toLowerCase()));
  // A sheet rebuilt in place starts from the old one: the plan writes only the generated cells.
  return [...next, ...built.sheets.map((p) => ({ name: p.name, values: planValues(p, () => null, sheets.find((s) => s.name === p.name)?.values) }))];
}

function build(sheets: SheetValues[], request: Omit<CandidateRequest, 'qualification' | 'units'> & { units?: string[] }) {
  const built = buildCandidateWorkbook({ qualification: q, units: ['203'], ...request }, sheets, new Set(sheets.map((s) => s.name)));
  return built;
}

function built(sheets: SheetValues[], request: Parameters<typeof build>[1]): { sheets: SheetValues[]; build: CandidateBuild } {
  const b = build(sheets, request);
  if (!b.ok) throw new Error(b.problem.message);
  return { sheets: apply(sheets, b.value), build: b.value };
}

describe('candidate identity: one comparison for every command', () => {
  it('ignores case, surrounding and inner spacing and Unicode composition in names', () => {
    const key = candidateNameKey('Jane Smith');
    for (const typed of ['jane smith', 'Jane Smith ', 'JANE  SMITH', '\tjane\u00a0smith']) expect(candidateNameKey(typed)).toBe(key);
    expect(candidateNameKey('Zoe\u0308 Ng')).toBe(candidateNameKey('Zoë NG'));
    expect(candidateNameKey('Jane Smith')).not.toBe(candidateNameKey('Jane Smyth'));
  });

  it('decides by id when both records have one, else by name', () => {
    expect(sameCandidate({ name: 'Jane Smith', id: '1234567890' }, { name: 'Jane Smyth', id: '12345 67890' })).toBe(true);
    expect(sameCandidate({ name: 'Jane Smith', id: '1234567890' }, { name: 'Jane Smith', id: '999999999' })).toBe(false);
    expect(sameCandidate({ name: 'Jane Smith', id: '1234567890' }, { name: 'jane smith' })).toBe(true);
    expect(candidateKey({ name: 'Jane Smith', id: ' ' })).toBe(candidateKey({ name: 'JANE SMITH' }));
  });

  it('finds pairs that cannot be told apart: case or spacing apart, different assessors, no ids', () => {
    const amy = { name: 'Amy Ng', assessor: 'P. Jones' };
    const AMY = { name: 'AMY NG', assessor: 'K. Lee' };
    expect(indistinguishable([amy, AMY])).toEqual([[amy, AMY]]);
    expect(indistinguishable([amy, { ...AMY, assessor: 'p. jones' }])).toEqual([]);
    expect(indistinguishable([{ ...amy, id: '1' }, { ...AMY, id: '2' }])).toEqual([]);
    expect(indistinguishable([amy, { ...amy, assessor: 'K. Lee' }])).toEqual([]); // one spelling on sheets: units may have different assessors
    expect(indistinguishable([amy, { ...amy, assessor: 'K. Lee' }], { sameSpellingToo: true })).toHaveLength(1);
  });

  it('groups sheets without an id with the one id their name carries, and reports a name two ids share', () => {
    const one = groupCandidates([{ name: 'Jane Smith', id: '1' }, { name: 'jane smith' }]);
    expect(one.keys[0]).toBe(one.keys[1]);
    expect(one.problems).toEqual([]);
    const two = groupCandidates([{ name: 'Jane Smith', id: '1' }, { name: 'Jane Smith', id: '2' }, { name: 'Jane Smith', where: 'on sheet "X"' }]);
    expect(new Set(two.keys).size).toBe(3);
    expect(two.problems[0]!.message).toMatch(/"Jane Smith" on sheet "X" has no candidate id, and 2 candidates of that name have one/);
  });
});

describe('building for a candidate already in the workbook', () => {
  it('updates the same sheets when the name is re-typed in another case or spacing, keeping the name as on the sheets', () => {
    const first = built([], { candidate: 'Jane Smith', assessor: 'A. Assessor' });
    const names = first.sheets.map((s) => s.name);
    for (const typed of ['jane smith', 'Jane Smith ', 'JANE  SMITH']) {
      const again = built(first.sheets, { candidate: typed });
      expect(again.build.sheets.map((s) => s.name).sort()).toEqual([...names].sort());
      expect(again.build.candidate).toBe('Jane Smith');
      expect(again.build.matchedAs).toBe('Jane Smith');
      for (const s of again.sheets) expect(readHeaderBlock(s.values).candidate).toBe('Jane Smith');
    }
  });

  it('writes the candidate id beside the title of every sheet, and reads it back; sheets without the line still read', () => {
    const fresh = built([], { candidate: 'Jane Smith' });
    // The line is there, blank, for an id typed in later (E1 is editable on the protected sheet).
    for (const s of fresh.build.sheets) {
      expect(planValues(s)[0]!.slice(3, 5)).toEqual(['Candidate id', null]);
      expect(s.styles).toContainEqual({ range: { row: 0, col: 4 }, style: { locked: false, border: 'thin', numberFormat: '@' } });
    }
    // A workbook built before ids has no such line: it reads, and rebuilds, all the same.
    const plain = fresh.sheets.map((s) => ({ name: s.name, values: s.values.map((r, i) => (i === 0 ? r.slice(0, 1) : r)) }));
    for (const s of plain) {
      expect(readHeaderBlock(s.values).candidate).toBe('Jane Smith');
      expect(readHeaderBlock(s.values).candidateId).toBeUndefined();
    }
    expect(checkWorkbook(plain, catalog).candidates.map((c) => c.candidate)).toEqual(['Jane Smith']);
    const withId = built(plain, { candidate: 'Jane Smith', candidateId: '0123456789' });
    expect(withId.build.sheets.map((s) => s.name).sort()).toEqual(plain.map((s) => s.name).sort()); // the old sheets adopted the id
    for (const s of withId.sheets) {
      expect(s.values[0]![3]).toBe('Candidate id');
      expect(s.values[0]![4]).toBe('0123456789'); // text: the leading zero stays
      expect(readHeaderBlock(s.values)).toMatchObject({ candidate: 'Jane Smith', candidateId: '0123456789' });
    }
    // The id identifies: a new spelling with the same id is the same candidate; the name stays as on the sheets.
    const renamed = built(withId.sheets, { candidate: 'Jane Smyth', candidateId: '0123456789' });
    expect(renamed.build.sheets.map((s) => s.name).sort()).toEqual(plain.map((s) => s.name).sort());
    // An id typed into E1 by hand is read like one the build wrote.
    const typed = fresh.sheets.map((s) => ({ name: s.name, values: s.values.map((r, i) => (i === 0 ? [r[0]!, null, null, 'Candidate id', 987654321] : r)) }));
    expect(checkWorkbook(typed, catalog).candidates.map((c) => c.candidateId)).toEqual(['987654321']);
    expect(renamed.build.candidate).toBe('Jane Smith');
  });

  it('gives two candidates of the same name with different ids distinct sheets and tables', () => {
    const a = built([], { candidate: 'Jane Smith', candidateId: '1111111111' });
    const b = built(a.sheets, { candidate: 'Jane Smith', candidateId: '2222222222' });
    const aNames = new Set(a.build.sheets.map((s) => s.name.toLowerCase()));
    expect(b.build.sheets.every((s) => !aNames.has(s.name.toLowerCase()))).toBe(true);
    expect(b.build.matchedAs).toBeUndefined();
    // Without an id, which of the two is meant cannot be told.
    const which = build(b.sheets, { candidate: 'Jane Smith' });
    expect(which.ok).toBe(false);
    if (!which.ok) expect(which.problem.message).toMatch(/two candidates named "Jane Smith".*1111111111.*2222222222.*Give the candidate id/);
    // check keeps them apart.
    const checked = checkWorkbook(b.sheets, catalog);
    expect(checked.candidates.map((c) => [c.candidate, c.candidateId])).toEqual([
      ['Jane Smith', '1111111111'],
      ['Jane Smith', '2222222222'],
    ]);
  });

  it('refuses a re-typed name with another assessor (may be another person), naming both', () => {
    const amy = built([], { candidate: 'Amy Ng', assessor: 'P. Jones' });
    const other = build(amy.sheets, { candidate: 'AMY NG', assessor: 'K. Lee' });
    expect(other.ok).toBe(false);
    if (!other.ok) {
      expect(other.problem.kind).toBe('badArgument');
      expect(other.problem.message).toMatch(/^"Amy Ng" \(assessor P\. Jones\) on sheet "Amy Ng 4430-101" and "AMY NG" \(assessor K\. Lee\) in this build differ only in case or spacing but have different assessors/);
    }
    // With ids they are two people, each with their own sheets.
    const amyId = built([], { candidate: 'Amy Ng', assessor: 'P. Jones', candidateId: '1' });
    expect(build(amyId.sheets, { candidate: 'AMY NG', assessor: 'K. Lee', candidateId: '2' }).ok).toBe(true);
  });

  it('reports, in check, a workbook holding two people it cannot tell apart, without merging them', () => {
    const amy = built([], { candidate: 'Amy Ng', assessor: 'P. Jones' });
    // A second person typed by hand into a copy of the grid: same name in capitals, another assessor.
    const copy = amy.sheets.find((s) => s.name === 'Amy Ng 4430-203')!;
    const values = copy.values.map((r) => [...r]);
    values[1]![1] = 'AMY NG';
    values[2]![1] = 'K. Lee';
    const sheets = [...amy.sheets, { name: 'AMY NG 4430-203 (2)', values }];
    const checked = checkWorkbook(sheets, catalog);
    expect(checked.candidates.map((c) => c.candidate)).toEqual(['Amy Ng', 'AMY NG']);
    expect(checked.problems.map((p) => p.message)).toEqual([expect.stringMatching(/"Amy Ng" \(assessor P\. Jones\).*"AMY NG" \(assessor K\. Lee\).*differ only in case or spacing/)]);
    // Same name re-typed on one grid, same assessor: one candidate.
    values[2]![1] = 'P. Jones';
    expect(checkWorkbook(sheets, catalog).candidates.map((c) => c.candidate)).toEqual(['Amy Ng']);
  });

  it('never gives a new table the name of a table on a sheet it does not replace', () => {
    const jane = built([], { candidate: 'Jane Smith' });
    const tables = jane.build.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s.name, name: t.name })));
    const hyphen = buildCandidateWorkbook({ qualification: q, units: ['203'], candidate: 'Jane-Smith' }, jane.sheets, new Set(jane.sheets.map((s) => s.name)), new Set(), tables);
    if (!hyphen.ok) throw new Error(hyphen.problem.message);
    const taken = new Set(tables.map((t) => t.name.toLowerCase()));
    for (const t of hyphen.value.sheets.flatMap((s) => s.tables)) expect(taken.has(t.name.toLowerCase())).toBe(false);
    // Rebuilding Jane herself keeps her tables' names (their sheets are the ones replaced).
    const again = buildCandidateWorkbook({ qualification: q, units: ['203'], candidate: 'Jane Smith' }, jane.sheets, new Set(jane.sheets.map((s) => s.name)), new Set(), tables);
    if (!again.ok) throw new Error(again.problem.message);
    expect(again.value.sheets.flatMap((s) => s.tables.map((t) => t.name)).sort()).toEqual(tables.map((t) => t.name).sort());
  });
});
