import { readCohort } from '../../../src/domain/cohort/cohortSummary';
import { INDEX_LABELS } from '../../../src/domain/grid/evidenceIndexSheet';
import { SIGN_OFF } from '../../../src/domain/grid/layout';
import { TRACKER_LABELS } from '../../../src/domain/grid/trackerSheet';
import { rebuildRecorded, recordSamples, TRACKER_IV_DATE, type RecordedSample } from '../../../src/domain/sampling/samplingPlan';
import { isDate } from '../../../src/domain/workbook/plan';
import { isoDateToSerial, type RawCell, type SheetValues } from '../../../src/domain/workbook/sheetValues';
import { planValues } from '../grid/planCells';
import { catalog, cohortWorkbook, setCell } from './cohortFixtures';

const D = (iso: string) => isoDateToSerial(iso);

function fresh() {
  return cohortWorkbook([
    {
      name: 'Amy Ng',
      assessor: 'P. Jones',
      units: ['203', '212'],
      evidence: {
        '203': [
          { ref: 'E1', date: D('2025-02-01'), method: 'Observation', location: 'Head office' },
          { ref: 'E2', date: D('2025-02-03'), method: 'Questioning', location: 'Shop floor' },
        ],
        '212': [{ ref: 'F1', date: D('2025-02-05'), method: 'Product', location: 'Head office' }],
      },
    },
    { name: 'Ben Ode', assessor: 'K. Lee', units: ['203'], evidence: { '203': [{ ref: 'B1', date: D('2025-02-02'), method: 'Observation', location: 'Shop floor' }] } },
  ]).sheets;
}

const sheet = (sheets: SheetValues[], name: string) => sheets.find((s) => s.name === name)!;

/** Zero-based (row, col) of the first cell equal to `label`. */
function locate(values: RawCell[][], label: string): { row: number; col: number } {
  for (let row = 0; row < values.length; row++) {
    const col = (values[row] ?? []).indexOf(label);
    if (col >= 0) return { row, col };
  }
  throw new Error(`no ${label}`);
}

/** The cell of a tracker/index column (by header label) on the row whose first cell is `key`. */
function cellOf(values: RawCell[][], header: string, key: string): { row: number; col: number } {
  const h = locate(values, header);
  const row = values.findIndex((line, r) => r > h.row && String(line[0] ?? '').trim() === key);
  if (row < 0) throw new Error(`no row ${key}`);
  return { row, col: h.col };
}

function signOffCell(values: RawCell[][], label: string): { row: number; col: number } {
  return { row: locate(values, label).row, col: 3 };
}

const get = (values: RawCell[][], at: { row: number; col: number }) => values[at.row]?.[at.col] ?? null;

/** Every non-blank cell of `before` is unchanged in `after`. */
function unchangedCells(before: RawCell[][], after: RawCell[][]): string[] {
  const changed: string[] = [];
  before.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === null || String(v).trim() === '') return;
      const now = after[r]?.[c] ?? null;
      if (now !== v) changed.push(`(${r},${c}) ${String(v)} -> ${String(now)}`);
    }),
  );
  return changed;
}

describe('recording an internal verifier\'s sample', () => {
  const sample: RecordedSample = { candidate: 'Amy Ng', unit: '203', initials: 'JB', verifier: 'J. Bloggs', date: '2025-03-10' };

  it('marks the tracker, the evidence index and the grid sign-off, filling blanks only', () => {
    const sheets = fresh();
    const rec = recordSamples(sheets, [sample], catalog);
    expect(rec.conflicts).toEqual([]);
    expect(rec.notFound).toEqual([]);
    const what = rec.edits.map((e) => `${e.sheet}: ${e.what} = ${String(e.value)}`);
    const date = D('2025-03-10');
    expect(what).toEqual([
      `Amy Ng 4430-203: ${SIGN_OFF.sampled}, unit 4430-203 = Yes`,
      `Amy Ng 4430-203: ${SIGN_OFF.verifier}, unit 4430-203 = J. Bloggs`,
      `Amy Ng 4430-203: ${SIGN_OFF.verifierDate}, unit 4430-203 = ${date}`,
      'Amy Ng Tracker: IV sampled, unit 4430-203 = Yes',
      'Amy Ng Tracker: internal verifier, unit 4430-203 = J. Bloggs',
      `Amy Ng Tracker: IV date, unit 4430-203 = ${date}`,
      'Amy Ng Tracker: tracker column heading = IV date',
      // No refs given: every judged ref of the unit.
      'Amy Ng Evidence: sampled by IV, evidence E1 = JB',
      `Amy Ng Evidence: IV date, evidence E1 = ${date}`,
      'Amy Ng Evidence: sampled by IV, evidence E2 = JB',
      `Amy Ng Evidence: IV date, evidence E2 = ${date}`,
    ]);
    expect(rec.touched).toEqual([{ candidate: 'Amy Ng', qualification: 'cg-4430-02', sheets: ['Amy Ng 4430-203', 'Amy Ng Tracker', 'Amy Ng Evidence'] }]);

    // Rebuilt through the builders: the entries are there, as dates where they are dates, and nothing else moved.
    const rebuilt = rebuildRecorded(rec, catalog);
    if (!rebuilt.ok) throw new Error(rebuilt.problem.message);
    expect(rebuilt.value.sheets.map((s) => s.name)).toEqual(['Amy Ng 4430-203', 'Amy Ng Tracker', 'Amy Ng Evidence']);
    const after = Object.fromEntries(rebuilt.value.sheets.map((s) => [s.name, planValues(s, undefined, sheet(sheets, s.name).values)]));
    for (const name of Object.keys(after)) expect(unchangedCells(sheet(sheets, name).values, after[name]!)).toEqual([]);
    const tracker = after['Amy Ng Tracker']!;
    expect(get(tracker, cellOf(tracker, TRACKER_LABELS.sampled, '4430-203'))).toBe('Yes');
    expect(get(tracker, cellOf(tracker, TRACKER_LABELS.internalVerifier, '4430-203'))).toBe('J. Bloggs');
    expect(get(tracker, cellOf(tracker, TRACKER_IV_DATE, '4430-203'))).toBe(date);
    expect(get(tracker, cellOf(tracker, TRACKER_LABELS.sampled, '4430-212'))).toBeNull();
    const trackerPlan = rebuilt.value.sheets.find((s) => s.name === 'Amy Ng Tracker')!;
    expect(trackerPlan.tables[0]!.range.endCol).toBe(locate(tracker, TRACKER_IV_DATE).col); // the table takes the new column in
    const at = cellOf(tracker, TRACKER_IV_DATE, '4430-203');
    // Rebuilt in place, the tracker's user cells are written only where recorded: the last block to cover the cell holds it.
    const written = trackerPlan.blocks.filter((b) => b.row <= at.row && at.row < b.row + b.values.length && b.col <= at.col && at.col < b.col + (b.values[at.row - b.row]?.length ?? 0)).pop()!;
    expect(isDate(written.values[at.row - written.row]![at.col - written.col]!)).toBe(true);
    const index = after['Amy Ng Evidence']!;
    expect(get(index, cellOf(index, INDEX_LABELS.sampledBy, 'E1'))).toBe('JB');
    expect(get(index, cellOf(index, INDEX_LABELS.ivDate, 'E2'))).toBe(date);
    const grid = after['Amy Ng 4430-203']!;
    expect(get(grid, signOffCell(grid, SIGN_OFF.sampled))).toBe('Yes');
    expect(get(grid, signOffCell(grid, SIGN_OFF.verifierDate))).toBe(date);
    // Names of the rebuilt grid's evidence area go with it.
    expect(rebuilt.value.names.map((n) => n.sheet)).toEqual(['Amy Ng 4430-203']);

    // Recording the same sample again changes nothing.
    const again = recordSamples(Object.entries(after).map(([name, values]) => ({ name, values })).concat(sheets.filter((s) => !(s.name in after))), [sample], catalog);
    expect(again.edits).toEqual([]);
    expect(again.conflicts).toEqual([]);
    expect(again.alreadyRecorded).toBe(10);
  });

  it("never overwrites what an assessor (or another IV) entered: conflicts are named and the record left whole", () => {
    const sheets = fresh();
    const tracker = sheet(sheets, 'Amy Ng Tracker').values;
    const index = sheet(sheets, 'Amy Ng Evidence').values;
    const grid = sheet(sheets, 'Amy Ng 4430-203').values;
    const noAt = cellOf(tracker, TRACKER_LABELS.sampled, '4430-203');
    setCell(tracker, noAt.row, noAt.col, 'No'); // the assessor says: not sampled
    const zz = cellOf(index, INDEX_LABELS.sampledBy, 'E2');
    setCell(index, zz.row, zz.col, 'ZZ'); // another IV sampled E2
    const signed = signOffCell(grid, SIGN_OFF.verifier);
    setCell(grid, signed.row, signed.col, 'Someone Else');
    const before = Object.fromEntries(['Amy Ng Tracker', 'Amy Ng Evidence', 'Amy Ng 4430-203'].map((n) => [n, sheet(sheets, n).values.map((l) => [...l])]));

    const rec = recordSamples(sheets, [sample, { candidate: 'Amy Ng', unit: '4430-212', evidence: ['F1'], initials: 'JB', date: D('2025-03-11') }], catalog);
    expect(rec.conflicts).toEqual([
      `Amy Ng 4430-203!D${signed.row + 1} (${SIGN_OFF.verifier}, unit 4430-203) already holds "Someone Else", not "J. Bloggs"; left as it is`,
      `Amy Ng Tracker!L${noAt.row + 1} (IV sampled, unit 4430-203) already holds "No", not "Yes"; left as it is`,
      `Amy Ng Evidence!H${zz.row + 1} (sampled by IV, evidence E2) already holds "ZZ", not "JB"; left as it is`,
    ]);
    // What could be recorded was: E1 on the index, and unit 212 everywhere.
    expect(rec.edits.map((e) => e.what)).toEqual([
      'sampled by IV, evidence E1',
      'IV date, evidence E1',
      `${SIGN_OFF.sampled}, unit 4430-212`,
      `${SIGN_OFF.verifier}, unit 4430-212`,
      `${SIGN_OFF.verifierDate}, unit 4430-212`,
      'IV sampled, unit 4430-212',
      'internal verifier, unit 4430-212',
      'IV date, unit 4430-212',
      'tracker column heading',
      'sampled by IV, evidence F1',
      'IV date, evidence F1',
    ]);
    const rebuilt = rebuildRecorded(rec, catalog);
    if (!rebuilt.ok) throw new Error(rebuilt.problem.message);
    const after = Object.fromEntries(rebuilt.value.sheets.map((s) => [s.name, planValues(s, undefined, sheet(sheets, s.name).values)]));
    // Every entry that was there is there, unchanged.
    for (const [name, values] of Object.entries(before)) expect(unchangedCells(values, after[name] ?? sheet(sheets, name).values)).toEqual([]);
    const t = after['Amy Ng Tracker']!;
    expect(get(t, cellOf(t, TRACKER_LABELS.sampled, '4430-203'))).toBe('No');
    expect(get(t, cellOf(t, TRACKER_LABELS.internalVerifier, '4430-203'))).toBeNull(); // the row was left whole
    expect(get(t, cellOf(t, TRACKER_LABELS.sampled, '4430-212'))).toBe('Yes');
    expect(get(t, cellOf(t, TRACKER_LABELS.internalVerifier, '4430-212'))).toBe('JB'); // no name given: initials
    const i = after['Amy Ng Evidence']!;
    expect(get(i, cellOf(i, INDEX_LABELS.sampledBy, 'E2'))).toBe('ZZ');
    expect(get(i, cellOf(i, INDEX_LABELS.ivDate, 'E2'))).toBeNull(); // no date beside another IV's initials
    expect(get(i, cellOf(i, INDEX_LABELS.sampledBy, 'E1'))).toBe('JB');
    const g = after['Amy Ng 4430-203'] ?? grid;
    expect(get(g, signOffCell(g, SIGN_OFF.verifier))).toBe('Someone Else');
    expect(get(g, signOffCell(g, SIGN_OFF.sampled))).toBeNull();
  });

  it('treats the same entry typed another way as already recorded, and names what it cannot find', () => {
    const sheets = fresh();
    const tracker = sheet(sheets, 'Amy Ng Tracker').values;
    const yes = cellOf(tracker, TRACKER_LABELS.sampled, '4430-203');
    setCell(tracker, yes.row, yes.col, 'yes');
    const rec = recordSamples(
      sheets,
      [
        { ...sample, date: '10/03/2025' },
        { candidate: 'Amy Ng', unit: '219', initials: 'JB', date: D('2025-03-10') },
        { candidate: 'Amy Ng', unit: '212', evidence: ['F1', 'F9'], initials: 'JB', date: D('2025-03-10') },
      ],
      catalog,
    );
    expect(rec.conflicts).toEqual([]);
    expect(rec.edits.find((e) => e.what === 'IV sampled, unit 4430-203')).toBeUndefined();
    expect(rec.edits.find((e) => e.what === 'IV date, unit 4430-203')!.value).toBe(D('2025-03-10'));
    expect(rec.notFound).toEqual(['Amy Ng unit 219: no grid for this candidate and unit', 'Amy Ng Evidence: no row for evidence F9']);
  });

  it('reads the cohort the same after recording (sampling marks are not evidence)', () => {
    const sheets = fresh();
    const rec = recordSamples(sheets, [sample], catalog);
    const rebuilt = rebuildRecorded(rec, catalog);
    if (!rebuilt.ok) throw new Error(rebuilt.problem.message);
    const after = rec.sheets.map((s) => {
      const plan = rebuilt.value.sheets.find((p) => p.name === s.name);
      return plan ? { name: s.name, values: planValues(plan, undefined, sheet(sheets, s.name).values) } : s;
    });
    const strip = (c: ReturnType<typeof readCohort>) => c.candidates.map((x) => ({ ...x, units: x.units.map((u) => ({ ...u, evidence: u.evidence.map((e) => e.ref) })) }));
    expect(strip(readCohort(after, catalog))).toEqual(strip(readCohort(sheets, catalog)));
  });

  it('names a date already there as dd/mm/yyyy in its conflict', () => {
    const sheets = fresh();
    const index = sheet(sheets, 'Amy Ng Evidence').values;
    const at = cellOf(index, INDEX_LABELS.ivDate, 'E1');
    setCell(index, at.row, at.col, D('2025-02-28')); // another IV's date
    const rec = recordSamples(sheets, [sample], catalog);
    expect(rec.conflicts).toContainEqual(expect.stringContaining('already holds "28/02/2025", not "10/03/2025"; left as it is'));
  });

  it('finds the tracker and index columns as their readers do: headings retyped by hand, columns moved', () => {
    // Before one labelled-table reader, recording looked only for "Unit code" and "Evidence no." as the builders write them.
    const sheets = fresh();
    const tracker = sheet(sheets, 'Amy Ng Tracker').values;
    const t = locate(tracker, TRACKER_LABELS.unitCode);
    setCell(tracker, t.row, t.col, ' unit '); // "Unit", with stray spaces
    const s = locate(tracker, TRACKER_LABELS.sampled);
    setCell(tracker, s.row, s.col, 'Sampled by internal verifier');
    const index = sheet(sheets, 'Amy Ng Evidence').values;
    const r = locate(index, INDEX_LABELS.ref);
    setCell(index, r.row, r.col, 'REF');
    // The IV's column moved in front of the ref: the two columns of the table swapped.
    const by = locate(index, INDEX_LABELS.sampledBy).col;
    for (const line of index.slice(r.row)) [line[r.col], line[by]] = [line[by] ?? null, line[r.col] ?? null];
    const rec = recordSamples(sheets, [sample], catalog);
    expect(rec.notFound).toEqual([]);
    expect(rec.conflicts).toEqual([]);
    expect(get(tracker, cellOf(tracker, 'Sampled by internal verifier', '4430-203'))).toBeNull(); // the input is not edited
    const edited = rec.sheets.find((x) => x.name === 'Amy Ng Tracker')!.values;
    const unitCol = locate(edited, ' unit ').col;
    const row = edited.findIndex((line) => line[unitCol] === '4430-203');
    expect(edited[row]![locate(edited, 'Sampled by internal verifier').col]).toBe('Yes');
    const editedIndex = rec.sheets.find((x) => x.name === 'Amy Ng Evidence')!.values;
    const refCol = locate(editedIndex, 'REF').col;
    const e1 = editedIndex.findIndex((line) => line[refCol] === 'E1');
    expect(editedIndex[e1]![locate(editedIndex, INDEX_LABELS.sampledBy).col]).toBe('JB');
  });
});
