import fc from 'fast-check';
import { describeClashes, nameTargetSheet, planClashes, WorkbookNames, type ExistingNames, type NameClash } from '../../../src/domain/workbook/preflight';
import { emptySheet, type WorkbookPlan } from '../../../src/domain/workbook/plan';

const existing: ExistingNames = {
  sheets: ['Jane Smith 101', 'Jane Smith Tracker', 'Notes'],
  tables: [
    { name: 'Progress_Jane_Smith', sheet: 'Jane Smith Tracker' },
    { name: 'MyList', sheet: 'Notes' },
  ],
  names: [
    { name: 'Evidence_Jane_Smith_101', sheet: 'Jane Smith 101' },
    { name: 'Old_Name', sheet: null, broken: true },
    { name: 'Rate', sheet: null },
  ],
};

function plan(sheet: string, table: string, name: string, nameSheet = sheet): WorkbookPlan {
  const s = emptySheet(sheet, 'tracker');
  s.tables.push({ name: table, range: { row: 0, col: 0, endRow: 1, endCol: 0 } });
  return { sheets: [s], names: [{ name, sheet: nameSheet, range: { row: 0, col: 0 } }], dateFormat: 'dd/mm/yyyy' };
}

describe('pre-flight over a plan and the workbook it is applied to', () => {
  it('a rebuild reuses the tables and names on the sheets it replaces', () => {
    const p = plan('Jane Smith Tracker', 'Progress_Jane_Smith', 'Evidence_Jane_Smith_101');
    p.sheets.push(emptySheet('Jane Smith 101', 'unitGrid'));
    expect(planClashes(p, existing)).toEqual([]);
  });

  it("another sheet's table or name is a clash, said in plain words; ignoring case as Excel does", () => {
    const clashes = planClashes(plan('Jane-Smith Tracker', 'progress_jane_smith', 'EVIDENCE_JANE_SMITH_101'), existing);
    expect(clashes.map((c) => [c.name, c.existing, c.existingSheet])).toEqual([
      ['progress_jane_smith', 'table', 'Jane Smith Tracker'],
      ['EVIDENCE_JANE_SMITH_101', 'name', 'Jane Smith 101'],
    ]);
    expect(describeClashes(clashes)).toMatch(/^The workbook already has a table called "progress_jane_smith" on sheet "Jane Smith Tracker".*Nothing was changed.*1 more name: "EVIDENCE_JANE_SMITH_101" \(on sheet "Jane Smith 101"\)/);
  });

  it("a table may not take a user's defined name, a name may not take a table; a broken name may be replaced", () => {
    expect(planClashes(plan('New', 'Rate', 'X1_'), existing).map((c) => c.name)).toEqual(['Rate']);
    expect(planClashes(plan('New', 'T_new', 'MyList'), existing).map((c) => c.name)).toEqual(['MyList']);
    expect(planClashes(plan('New', 'T_new', 'Old_Name'), existing)).toEqual([]);
  });

  it('taken names leave out what the replaced sheets free; apply tracks a run of builds', () => {
    const all = ['evidence_jane_smith_101', 'mylist', 'progress_jane_smith', 'rate', 'old_name', 't_new'];
    const names = new WorkbookNames(existing);
    expect(all.filter((n) => names.taken().has(n))).toEqual(['evidence_jane_smith_101', 'mylist', 'progress_jane_smith', 'rate']);
    const freed = names.taken(new Set(['jane smith tracker', 'jane smith 101']));
    expect(all.filter((n) => freed.has(n))).toEqual(['mylist', 'rate']);
    // What a builder adds is taken for it, and not for the workbook.
    freed.add('t_new');
    expect(freed.has('t_new')).toBe(true);
    expect(names.taken().has('t_new')).toBe(false);
    names.apply(plan('Jane-Smith Tracker', 'Progress_Jane_Smith_2', 'Evidence_Jane_Smith_101_2'));
    const next = names.snapshot();
    expect(next.sheets).toEqual(['Jane Smith 101', 'Jane Smith Tracker', 'Notes', 'Jane-Smith Tracker']);
    expect(next.tables).toContainEqual({ name: 'Progress_Jane_Smith_2', sheet: 'Jane-Smith Tracker' });
    expect(next.tables).toContainEqual({ name: 'Progress_Jane_Smith', sheet: 'Jane Smith Tracker' });
    expect(names.hasSheet('JANE-SMITH TRACKER')).toBe(true);
    // A rebuild of a sheet frees its tables: the old one goes, the new one is there.
    names.apply(plan('Jane Smith Tracker', 'Progress_JS', 'Rate'));
    expect(names.snapshot().tables.map((t) => t.name).sort()).toEqual(['MyList', 'Progress_JS', 'Progress_Jane_Smith_2']);
    expect(names.snapshot().names).toContainEqual({ name: 'Rate', sheet: 'Jane Smith Tracker' });
    expect(names.snapshot().names.filter((n) => n.name === 'Rate')).toHaveLength(1);
  });

  it('the index answers as the lists do, after any run of plans (against a plain reading of the rules)', () => {
    // The rules read straight off the lists, as the pre-flight was first written: the index must agree.
    const lower = (s: string) => s.toLowerCase();
    const listClashes = (p: WorkbookPlan, e: ExistingNames): [string, string, string | null][] => {
      const replaced = new Set(e.sheets.map(lower).filter((s) => p.sheets.some((x) => lower(x.name) === s)));
      const kept = e.tables.filter((t) => !replaced.has(lower(t.sheet)));
      const table = (n: string) => [...kept].reverse().find((t) => lower(t.name) === lower(n));
      const planned = new Set(p.names.map((n) => lower(n.name)));
      const out: [string, string, string | null][] = [];
      for (const s of p.sheets)
        for (const t of s.tables) {
          const hit = table(t.name);
          const name = hit ? undefined : e.names.find((n) => lower(n.name) === lower(t.name) && !planned.has(lower(n.name)));
          if (hit) out.push([t.name, 'table', hit.sheet]);
          else if (name) out.push([t.name, 'name', name.sheet]);
        }
      for (const n of p.names) {
        const hit = table(n.name);
        const other = hit ? undefined : e.names.find((x) => lower(x.name) === lower(n.name) && !x.broken && !(x.sheet !== null && replaced.has(lower(x.sheet))));
        if (hit) out.push([n.name, 'table', hit.sheet]);
        else if (other) out.push([n.name, 'name', other.sheet]);
      }
      return out;
    };
    const listApply = (e: ExistingNames, p: WorkbookPlan): ExistingNames => {
      const replaced = new Set(e.sheets.map(lower).filter((s) => p.sheets.some((x) => lower(x.name) === s)));
      const planned = new Set(p.names.map((n) => lower(n.name)));
      return {
        sheets: [...e.sheets, ...p.sheets.map((s) => s.name).filter((s) => !e.sheets.some((x) => lower(x) === lower(s)))],
        tables: [...e.tables.filter((t) => !replaced.has(lower(t.sheet))), ...p.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, sheet: s.name })))],
        names: [...e.names.filter((n) => !planned.has(lower(n.name))), ...p.names.map((n) => ({ name: n.name, sheet: n.sheet }))],
      };
    };
    const CANDIDATE_NAMES = ['t_a', 't_b', 't_c', 't_notes', 'n_a', 'n_b', 'n_c', 'n_notes', 'mylist', 'rate', 'old_name', 'progress_jane_smith', 'evidence_jane_smith_101'];
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const word = fc.constantFrom('A', 'a', 'B', 'C', 'Notes');
    const step = fc.tuple(word, word, word, fc.boolean());
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        let lists: ExistingNames = existing;
        const index = new WorkbookNames(existing);
        for (const [sheet, table, name, elsewhere] of steps) {
          const p = plan(`S ${sheet}`, `T_${table}`, `N_${name}`, elsewhere ? `S ${table}` : `S ${sheet}`);
          const shown = (c: NameClash[]) => c.map((x) => [x.name, x.existing, x.existingSheet]);
          expect(shown(index.clashes(p))).toEqual(listClashes(p, lists));
          const replaced = index.replacedBy(p);
          const listTaken = new Set([
            ...lists.tables.filter((t) => !replaced.has(lower(t.sheet))).map((t) => lower(t.name)),
            ...lists.names.filter((n) => !n.broken && !(n.sheet !== null && replaced.has(lower(n.sheet)))).map((n) => lower(n.name)),
          ]);
          expect(all(index, p)).toEqual(CANDIDATE_NAMES.filter((n) => listTaken.has(n)));
          lists = listApply(lists, p);
          index.apply(p);
          const snap = index.snapshot();
          expect(snap.sheets).toEqual(lists.sheets);
          expect([...snap.tables].sort(byName)).toEqual([...lists.tables].sort(byName));
          expect([...snap.names].sort(byName)).toEqual([...lists.names].sort(byName));
        }
      }),
    );
    function all(names: WorkbookNames, p: WorkbookPlan): string[] {
      const taken = names.taken(names.replacedBy(p));
      return CANDIDATE_NAMES.filter((n) => taken.has(n));
    }
  });

  it("reads a name's sheet from its formula", () => {
    expect(nameTargetSheet("='Jane Smith 101'!$A$5:$K$40")).toEqual({ sheet: 'Jane Smith 101', broken: false });
    expect(nameTargetSheet("='O''Neil 101'!$A$5")).toEqual({ sheet: "O'Neil 101", broken: false });
    expect(nameTargetSheet('=Tracker!$B$2')).toEqual({ sheet: 'Tracker', broken: false });
    expect(nameTargetSheet('=#REF!$A$1')).toEqual({ sheet: null, broken: true });
    expect(nameTargetSheet('=0.175')).toEqual({ sheet: null, broken: false });
  });
});
