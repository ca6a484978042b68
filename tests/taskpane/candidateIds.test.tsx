/** @jest-environment jsdom */
import { candidatesConflict, mergeCandidates, parsePastedCandidates, readCandidatesTable } from '../../src/taskpane/logic/candidates';
import { createFakeExcel } from '../fakes/fakeExcel';
import { addCandidates, build, buildPanel, chooseQualification, fireEvent, officeHost, renderPane, waitFor, within } from './support';

jest.setTimeout(60_000);

describe('task pane: candidate ids and names typed differently', () => {
  it('reads an optional candidate id from a pasted list and from a Candidates table', () => {
    expect(parsePastedCandidates('Name\tAssessor\tULN\nAmy Ng\tP. Jones\t1234567890\nBen Ode, K. Lee')).toEqual({
      ok: true,
      candidates: [
        { name: 'Amy Ng', assessor: 'P. Jones', id: '1234567890' },
        { name: 'Ben Ode', assessor: 'K. Lee' },
      ],
    });
    const table = readCandidatesTable(
      [
        ['SCN', 'Learner', 'Assessor'],
        ['123456789', 'Amy Ng', 'P. Jones'],
        [null, 'Ben Ode', 'K. Lee'],
      ],
      'The Candidates sheet',
    );
    expect(table).toEqual({ ok: true, candidates: [{ name: 'Amy Ng', assessor: 'P. Jones', id: '123456789' }, { name: 'Ben Ode', assessor: 'K. Lee' }] });
  });

  it('adds a same-named candidate with another id, not one re-typed in another case; refuses a pair it cannot tell apart', () => {
    const start = [{ name: 'Amy Ng', assessor: 'P. Jones', id: '1' }];
    expect(mergeCandidates(start, [{ name: 'AMY NG', assessor: 'K. Lee', id: '2' }]).list).toHaveLength(2);
    expect(mergeCandidates(start, [{ name: 'amy  ng', assessor: 'P. Jones' }])).toEqual({ list: start, duplicates: ['amy  ng'] });
    // Another assessor, no ids: may be another person, so listed (and the build refuses until ids tell them apart).
    expect(mergeCandidates([{ name: 'Amy Ng', assessor: 'P. Jones' }], [{ name: 'AMY NG', assessor: 'K. Lee' }]).list).toHaveLength(2);
    expect(candidatesConflict([{ name: 'Amy Ng', assessor: 'P. Jones' }, { name: 'AMY NG', assessor: 'K. Lee' }])).toMatch(/"Amy Ng" \(assessor P\. Jones\) and "AMY NG" \(assessor K\. Lee\) differ only in case or spacing/);
    expect(candidatesConflict([{ name: 'Amy Ng', assessor: 'P. Jones', id: '1' }, { name: 'AMY NG', assessor: 'K. Lee', id: '2' }])).toBeNull();
  });

  it('writes each candidate\'s id on their sheets; two of the same name with different ids get sheets of their own', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cg-4430-02');
    addCandidates(['Amy Ng, P. Jones, 1234567890', 'AMY NG, K. Lee, 0987654321']);
    const panel = buildPanel();
    expect(within(panel).getAllByLabelText(/Candidate id/)).toHaveLength(2);
    expect((within(panel).getByLabelText(/Candidate id.*for candidate 2/) as HTMLInputElement).value).toBe('0987654321');
    const outcome = await build();
    expect(outcome.textContent).toMatch(/for 2 of 2 candidates/);
    expect(excel.values('Amy Ng Tracker', 'D1:E1')[0]).toEqual(['Candidate id', '1234567890']);
    expect(excel.values('AMY NG Tracker (2)', 'D1:E1')[0]).toEqual(['Candidate id', '0987654321']);
    expect(excel.values('AMY NG 4430-101 (2)', 'D1:E1')[0]).toEqual(['Candidate id', '0987654321']);
  });

  it("finds a candidate's sheets by whose they are: tabs renamed by hand, and a name changed under the same id, update the same sheets", async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith, P. Jones, 1234567890']);
    await build();
    // The user renames two tabs by hand.
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Jane Smith 4430-101').name = 'Unit 101 (JS)';
      context.workbook.worksheets.getItem('Jane Smith Tracker').name = 'Progress JS';
      await context.sync();
    });
    const before = excel.workbook.sheets.map((s) => s.name);
    const again = await build();
    expect(again.textContent).toMatch(/for 1 of 1 candidate/);
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(before);
    // Her name changes; her id does not: still her sheets, her name kept as written on them.
    fireEvent.change(within(buildPanel()).getByLabelText('Candidate 1'), { target: { value: 'Jane Jones' } });
    const renamed = await build();
    expect(renamed.textContent).toMatch(/for 1 of 1 candidate/);
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(before);
    expect(excel.values('Progress JS', 'D1:E1')[0]).toEqual(['Candidate id', '1234567890']);
  });

  it('updates the same sheets when a name is re-typed in another case, and refuses two people it cannot tell apart', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cg-4430-02');
    addCandidates(['Jane Smith']);
    await build();
    const before = excel.workbook.sheets.map((s) => s.name);
    const panel = buildPanel();
    fireEvent.change(within(panel).getByLabelText('Candidate 1'), { target: { value: 'JANE  smith' } });
    const again = await build();
    expect(again.textContent).toMatch(/for 1 of 1 candidate/);
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(before);

    addCandidates(['Amy Ng, P. Jones', 'AMY NG, K. Lee']);
    expect(panel.textContent).toMatch(/Added 2 candidate\(s\).*differ only in case or spacing/);
    fireEvent.click(within(panel).getByRole('button', { name: 'Build grids' }));
    await waitFor(() => expect(panel.textContent).toMatch(/differ only in case or spacing but have different assessors/), { timeout: 15_000 });
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(before);
  });
});
