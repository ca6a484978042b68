/** @jest-environment jsdom */
import { createFakeExcel } from '../fakes/fakeExcel';
import { act, addCandidates, build, chooseQualification, fireEvent, officeHost, renderPane, screen, within } from './support';

jest.setTimeout(60_000);

const progress = () => document.getElementById('panel-progress')!;
/** The candidates' cards shown, by their labels (the screen's own section has none). */
const cards = () => within(progress()).queryAllByRole('region').flatMap((r) => r.getAttribute('aria-label') ?? []);

describe('task pane Progress: a filter by assessor or candidate, units collapsed until asked for', () => {
  it('shows one assessor’s candidates, or those named, with each candidate’s units on demand', async () => {
    const excel = createFakeExcel();
    await renderPane(officeHost(excel));
    chooseQualification('cg-4430-02');
    addCandidates(['Amy Ng, P. Jones', 'Ben Ode, K. Lee', 'Cy Twombly', 'Di Amy, p.  jones']);
    await build();
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Progress' }));
      await new Promise((r) => setTimeout(r, 50));
    });
    fireEvent.click(within(progress()).getByRole('button', { name: 'Check the workbook' }));
    await within(progress()).findByRole('region', { name: /^Amy Ng, / }, { timeout: 10_000 });
    const title = 'Level 2 NVQ Certificate in Customer Service';
    expect(cards()).toEqual([`Amy Ng, ${title}`, `Ben Ode, ${title}`, `Cy Twombly, ${title}`, `Di Amy, ${title}`]);
    expect(progress().textContent).toContain('4 candidates');

    // Collapsed by default: no unit is listed until its candidate is opened.
    expect(within(progress()).queryAllByRole('list', { name: /^Units of / })).toEqual([]);
    const amy = within(progress()).getByRole('region', { name: /^Amy Ng, / });
    expect(amy.textContent).toContain('; assessor P. Jones');
    const show = within(amy).getByRole('button', { name: 'Show the 2 units' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(show);
    expect(show.getAttribute('aria-expanded')).toBe('true');
    const units = within(amy).getByRole('list', { name: 'Units of Amy Ng' });
    expect(show.getAttribute('aria-controls')).toBe(units.id);
    expect(within(units).getAllByRole('listitem').map((li) => li.textContent?.slice(0, 8))).toEqual(['4430-101', '4430-201']);
    expect(within(progress()).queryByRole('list', { name: 'Units of Ben Ode' })).toBeNull();

    // By assessor: the list offers each assessor once (case and spaces ignored), and "No assessor named".
    const assessor = within(progress()).getByLabelText('Assessor') as HTMLSelectElement;
    expect([...assessor.options].map((o) => o.textContent)).toEqual(['All assessors', 'K. Lee', 'P. Jones', 'No assessor named']);
    fireEvent.change(assessor, { target: { value: 'K. Lee' } });
    expect(cards()).toEqual([expect.stringMatching(/^Ben Ode, /)]);
    expect(progress().textContent).toContain('Showing 1 of 4 candidates');
    fireEvent.change(assessor, { target: { value: 'P. Jones' } });
    expect(cards()).toEqual([expect.stringMatching(/^Amy Ng, /), expect.stringMatching(/^Di Amy, /)]);
    // Amy's units stay open as she was left.
    expect(within(progress()).getByRole('list', { name: 'Units of Amy Ng' })).toBeTruthy();
    fireEvent.change(assessor, { target: { value: assessor.options[3]!.value } });
    expect(cards()).toEqual([expect.stringMatching(/^Cy Twombly, /)]);

    // By candidate: any part of the name, case and spaces ignored; with the assessor filter too.
    fireEvent.change(assessor, { target: { value: '' } });
    const who = within(progress()).getByLabelText('Candidate');
    fireEvent.change(who, { target: { value: 'AMY' } });
    expect(cards()).toEqual([expect.stringMatching(/^Amy Ng, /), expect.stringMatching(/^Di Amy, /)]);
    fireEvent.change(who, { target: { value: 'amyn g' } });
    expect(cards()).toEqual([expect.stringMatching(/^Amy Ng, /)]);
    fireEvent.change(who, { target: { value: 'Ben' } });
    fireEvent.change(assessor, { target: { value: 'P. Jones' } });
    expect(cards()).toEqual([]);
    expect(progress().textContent).toContain('Showing 0 of 4 candidates');

    // Hide closes the list again.
    fireEvent.change(who, { target: { value: '' } });
    fireEvent.click(within(within(progress()).getByRole('region', { name: /^Amy Ng, / })).getByRole('button', { name: 'Hide the 2 units' }));
    expect(within(progress()).queryByRole('list', { name: 'Units of Amy Ng' })).toBeNull();
  });
});
