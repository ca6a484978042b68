import { candidateStem } from '../../src/taskpane/logic/buildGrids';
import { mergeCandidates, parsePastedCandidates, readCandidatesTable } from '../../src/taskpane/logic/candidates';
import { formatSerialDate, formatUkDate } from '../../src/taskpane/logic/dates';
import { describeError, ProblemError } from '../../src/taskpane/logic/errors';
import { searchStandards } from '../../src/taskpane/logic/searchStandards';
import { createOfficeHost, isDarkColour, officeThemeSource, parseAddress } from '../../src/taskpane/office/officeHost';
import { parseCellAddress } from '../../src/taskpane/components/CellLookup';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { uniqueSheetName } from '../../src/domain/workbook/names';

describe('task pane logic', () => {
  it('reads a typed or pasted candidate list: one per line, assessor after a tab or comma, header skipped', () => {
    expect(parsePastedCandidates('Candidate\tAssessor\nJane Smith\tAlex Assessor\n\n  Omar Khan , Bea  \n"Priya Patel"')).toEqual({
      ok: true,
      candidates: [
        { name: 'Jane Smith', assessor: 'Alex Assessor' },
        { name: 'Omar Khan', assessor: 'Bea' },
        { name: 'Priya Patel', assessor: '' },
      ],
    });
    // Read as the command line reads a candidates file: a column it does not know is named, not taken for the assessor.
    expect(parsePastedCandidates('Name\tNotes\tAssessor\nJane Smith\tpart time\tAlex')).toEqual({
      ok: false,
      message: 'The pasted list: line 1: column 2 is headed "Notes"; a list of candidates has the columns Candidate (or Name), Assessor and Candidate id (or ULN, SCN, Registration number)',
    });
    const merged = mergeCandidates([{ name: 'Jane Smith', assessor: '' }], [{ name: 'jane  smith', assessor: 'x' }, { name: 'Omar', assessor: '' }]);
    expect(merged.list.map((c) => c.name)).toEqual(['Jane Smith', 'Omar']);
    expect(merged.duplicates).toEqual(['jane  smith']);
  });

  it('finds the Candidate/Name and Assessor columns of a Candidates table, or says what is missing', () => {
    expect(readCandidatesTable([['Learner name', 'Notes', 'Assessor'], ['Jane', '', 'Alex'], [null, 'x', 'y'], ['Omar']], 'The Candidates sheet')).toEqual({
      ok: true,
      candidates: [
        { name: 'Jane', assessor: 'Alex' },
        { name: 'Omar', assessor: '' },
      ],
    });
    expect(readCandidatesTable([['Who', 'When']], 'The Candidates sheet')).toEqual({ ok: false, message: 'The Candidates sheet has no column headed Candidate or Name in its first 10 rows.' });
    expect(readCandidatesTable([['Name']], 'The Candidates sheet')).toEqual({ ok: false, message: 'The Candidates sheet has a Name column but no names under it.' });
  });

  it("finds a candidate's sheets by a stem every sheet name the domain gives them starts with", () => {
    for (const name of ['Jane Smith', 'Bartholomew Fitzgerald-Smythe', 'Zoë O’Brien [Y2]', 'A']) {
      for (const suffix of ['4430-203', 'FE2V 04', 'Tracker', 'Evidence', 'A-506-2130']) {
        const taken = new Set<string>(['x']);
        const first = uniqueSheetName(name, taken, suffix);
        const second = uniqueSheetName(name, taken, suffix);
        const stem = candidateStem(name, 10);
        expect(first.toLowerCase().startsWith(stem)).toBe(true);
        expect(second.toLowerCase().startsWith(stem)).toBe(true);
      }
    }
  });

  it('writes dates as dd/mm/yyyy', () => {
    expect(formatUkDate(new Date(2026, 0, 5))).toBe('05/01/2026');
    expect(formatSerialDate(46025)).toBe('03/01/2026');
  });

  it('titles errors by their office-js code, and domain problems by their kind', () => {
    expect(describeError(Object.assign(new Error('Busy'), { code: 'EditModeCellEditing' }))).toEqual({
      title: 'Excel is busy editing a cell',
      message: 'Busy Finish editing the cell (press Enter or Esc), then try again. (Excel error code: EditModeCellEditing)',
    });
    expect(describeError(new ProblemError({ kind: 'unknownUnit', message: 'Unknown unit "999"' })).title).toBe('Unknown unit');
    expect(describeError('boom')).toEqual({ title: 'Something went wrong', message: 'boom' });
  });

  it('searches a qualification by any unit code, item code or words', () => {
    const q = bundledCatalog().findQualification('4430-02');
    if (!q.ok) throw new Error(q.problem.message);
    const byNdaq = searchStandards(q.value.qualification, 'l/601/0933');
    expect(byNdaq[0]).toMatchObject({ kind: 'unit', unit: { code: '4430-203' } });
    const words = searchStandards(q.value.qualification, 'Customer FEEDBACK');
    expect(words.length).toBeGreaterThan(3);
    expect(words.every((h) => (h.kind === 'unit' ? `${h.unit.title}` : `${h.item.text} ${h.item.groupTitle}`).toLowerCase().includes('feedback'))).toBe(true);
    expect(searchStandards(q.value.qualification, '   ')).toEqual([]);
  });

  it('reads Excel addresses and themes', () => {
    expect(parseAddress("'Jane O''Brien 203'!$H$15:J20")).toEqual({ sheet: "Jane O'Brien 203", row: 14, col: 7 });
    expect(parseAddress('Sheet1!AA3')).toEqual({ sheet: 'Sheet1', row: 2, col: 26 });
    expect(parseCellAddress(' h15 ')).toEqual({ row: 14, col: 7 });
    expect(parseCellAddress('15H')).toBeNull();
    expect(isDarkColour('#262626')).toBe(true);
    expect(isDarkColour('#FFFFFF')).toBe(false);
    expect(officeThemeSource({ isSetSupported: () => true, officeTheme: { bodyBackgroundColor: '#1f1f1f' } }).current()).toBe('dark');
    expect(officeThemeSource({ isSetSupported: () => true, officeTheme: { isDarkTheme: false, bodyBackgroundColor: '#000000' } }).current()).toBe('light');
    expect(officeThemeSource({ isSetSupported: () => true }).current()).toBe('light');
  });

  it('goes to a range in Excel in one sync: activate the sheet, select the range', async () => {
    const calls: string[] = [];
    let syncs = 0;
    const context = {
      workbook: {
        worksheets: {
          getItem: (name: string) => ({
            activate: () => calls.push(`activate ${name}`),
            getRange: (a: string) => ({ select: () => calls.push(`select ${a}`) }),
          }),
        },
      },
      sync: async () => {
        syncs++;
      },
    };
    const host = createOfficeHost((batch) => batch(context as unknown as Excel.RequestContext), { isSetSupported: () => true });
    await host.goTo!('Jane Smith 4430-201', { row: 13, col: 8, endRow: 54, endCol: 8 });
    expect(calls).toEqual(['activate Jane Smith 4430-201', 'select I14:I55']);
    expect(syncs).toBe(1);
  });
});
