import fc from 'fast-check';
import { officeWorkbookAdapter } from '../../src/adapters/officejs/officeWorkbook';
import type { WorkbookAdapter } from '../../src/adapters/workbookAdapter';
import { XlsxWorkbook } from '../../src/adapters/xlsx/xlsxWorkbook';
import { buildCandidateWorkbook, workbookPlan } from '../../src/domain/grid/candidateWorkbook';
import { QualificationIndex } from '../../src/domain/standards/catalog';
import { address } from '../../src/domain/workbook/plan';
import { createFakeExcel } from '../fakes/fakeExcel';
import { parseGrid } from '../../src/domain/grid/readGrid';
import { buildCriteriaRowsGrid, readCriteriaRows } from '../../src/domain/grid/criteriaRowsGrid';
import { buildUnitGrid, GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { unitItems } from '../../src/domain/standards/itemCodes';
import type { Unit } from '../../src/domain/standards/schema';
import type { RawCell } from '../../src/domain/workbook/sheetValues';
import { planValues, rebuiltValues } from '../support/planValues';
import { movedCell } from '../../src/domain/grid/inPlaceLayout';


const catalog = bundledCatalog();
const detailed = catalog.list().flatMap((q) => q.units.filter((u) => u.detailed).map((u) => ({ q, u })));

/** A mark as users write them (never blank: a blank is "no entry", not something to keep). */
const markArb = fc.oneof(
  fc.constantFrom<RawCell>('✓', 'x', 'X', 'Y', 'yes', true, 1, 'E12', 46000, '0', 'no', 'N', false, 0),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
);
const textArb = fc.oneof(fc.constantFrom('=SUM(A1)', '+44 20', '-5', '@home', 'مرحبا', '👩‍🏫 ok', "O'Neil"), fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''));

/** A changed standard: some items removed, one added, one re-worded. */
function changeUnit(unit: Unit, removeEvery: number): Unit {
  const changed = structuredClone(unit);
  for (const e of changed.elements) e.criteria = e.criteria.filter((_, i) => i % removeEvery !== removeEvery - 1);
  changed.elements[0]?.criteria.push({ code: 'NEW.1', text: 'a new criterion' });
  const first = changed.elements[0]?.criteria[0];
  if (first) first.text = `${first.text ?? ''} (re-worded)`;
  return changed;
}

/** Every non-blank entry of a sheet as [row key, column header, value], for comparing before and after. */
function entries(rows: { key: string; cells: Map<string, RawCell> }[]): string[] {
  return rows.flatMap((r) => [...r.cells].filter(([, v]) => v !== null && String(v).trim() !== '').map(([h, v]) => `${r.key}|${h}|${JSON.stringify(v)}`)).sort();
}

describe('property: rebuilding with changed standards or options never loses or moves a mark or an evidence row', () => {
  it('evidence-rows layout', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: detailed.length - 1 }),
        fc.array(fc.tuple(textArb, fc.array(fc.tuple(fc.nat(), markArb), { maxLength: 8 }), fc.constantFrom<RawCell>('Accepted', 'Referred', null)), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        (pick, rows, removeEvery, occasions) => {
          const { q, u } = detailed[pick]!;
          const codes = unitItems(u).map((i) => i.code);
          const values = planValues(buildUnitGrid({ qualification: q, unit: u, candidate: 'C' }, 'g').sheet);
          const header = values[GRID_ROWS.header]!;
          const before: { key: string; cells: Map<string, RawCell> }[] = [];
          rows.forEach(([description, marks, decision], i) => {
            const r = (values[GRID_ROWS.firstEvidence + i] ??= []);
            const ref = `R${i}`;
            r[0] = ref;
            r[3] = description;
            r[5] = decision;
            const cells = new Map<string, RawCell>([['Description', description], ['Assessor decision', decision]]);
            for (const [n, mark] of marks) {
              const code = codes[n % codes.length]!;
              r[header.indexOf(code)] = mark;
              cells.set(code, mark);
            }
            before.push({ key: ref, cells });
          });
          const parsed = parseGrid(values, u);
          if (!parsed.ok) throw new Error(parsed.problem.message);
          const changed = changeUnit(u, removeEvery);
          const rebuilt = buildUnitGrid({ qualification: q, unit: changed, candidate: 'C' }, 'g', { evidenceRows: 5, occasions: { default: occasions } }, parsed.value.content);
          const again = parseGrid(planValues(rebuilt.sheet), changed);
          if (!again.ok) throw new Error(again.problem.message);
          const after = again.value.content.rows.map((row) => {
            const cells = new Map<string, RawCell>([['Description', row.fields.description ?? null], ['Assessor decision', row.fields.decision ?? null]]);
            for (const [code, v] of row.marks) cells.set(code, v);
            // Marks under removed items come back from their labelled columns, under the same code.
            for (const [h, v] of row.extras) cells.set(h.replace('No longer in standard: ', ''), v);
            return { key: String(row.fields.ref), cells };
          });
          expect(entries(after)).toEqual(entries(before));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('evidence-rows layout rebuilt in place: every user cell stays where the plan says, unchanged, outside what the plan writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: detailed.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: 60 }), textArb, fc.array(fc.tuple(fc.nat(), markArb), { maxLength: 8 }), fc.constantFrom<RawCell>('Accepted', 'Referred', null)), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 2, max: 5 }),
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
        (pick, rows, removeEvery, outside) => {
          const { q, u } = detailed[pick]!;
          const codes = unitItems(u).map((i) => i.code);
          const values = planValues(buildUnitGrid({ qualification: q, unit: u, candidate: 'C' }, 'g', { evidenceRows: 60, occasions: { default: 1 } }).sheet);
          const header = values[GRID_ROWS.header]!;
          // Text outside the grid: right of it on an evidence row, and below the sign-off.
          const outsideCol = header.length + 3;
          values[GRID_ROWS.firstEvidence + 2]![outsideCol] = outside;
          (values[values.length + 1] ??= [])[1] = outside;
          const user: { row: number; col: number; v: RawCell }[] = [
            { row: GRID_ROWS.firstEvidence + 2, col: outsideCol, v: outside },
            { row: values.length - 1, col: 1, v: outside },
          ];
          rows.forEach(([at, description, marks, decision]) => {
            const row = GRID_ROWS.firstEvidence + at;
            const r = (values[row] ??= []);
            r[3] = description;
            r[5] = decision;
            user.push({ row, col: 3, v: description }, { row, col: 5, v: decision });
            for (const [n, mark] of marks) {
              const col = header.indexOf(codes[n % codes.length]!);
              r[col] = mark;
              user.push({ row, col, v: mark });
            }
          });
          const old = Array.from(values, (r) => Array.from(r ?? [], (v) => v ?? null));
          const parsed = parseGrid(old, u);
          if (!parsed.ok) throw new Error(parsed.problem.message);
          const changed = changeUnit(u, removeEvery);
          const rebuilt = buildUnitGrid({ qualification: q, unit: changed, candidate: 'C' }, 'g', undefined, parsed.value.content, { values: old, rowNumbers: parsed.value.rowNumbers });
          const plan = rebuilt.sheet;
          expect(plan.rebuild).toBeDefined();
          const after = rebuiltValues(old, plan);
          const inKeep = (row: number, col: number) => plan.rebuild!.keep.some((k) => row >= k.row && row <= (k.endRow ?? k.row) && col >= k.col && col <= (k.endCol ?? k.col));
          const written = new Set(plan.blocks.flatMap((b) => b.values.flatMap((line, r) => line.map((_, c) => `${b.row + r},${b.col + c}`))));
          // The last write to a cell wins: check the final value of each user cell where it moved to.
          const last = new Map(user.map((u2) => [`${u2.row},${u2.col}`, u2]));
          for (const { row, col, v } of last.values()) {
            const moved = movedCell(row, col, plan.rebuild!.edits);
            const hadMark = v !== null && String(v).trim() !== '';
            if (!hadMark) continue;
            expect(moved).not.toBeNull();
            expect(after[moved!.row]?.[moved!.col] ?? null).toEqual(v);
            expect(written.has(`${moved!.row},${moved!.col}`)).toBe(false);
            if (moved!.row >= GRID_ROWS.firstEvidence && moved!.row <= rebuilt.evidence.lastRow && moved!.col <= rebuilt.evidence.lastCol) expect(inKeep(moved!.row, moved!.col)).toBe(true);
          }
          // And the rebuilt sheet reads as the changed unit's grid, with every entry.
          const again = parseGrid(after, changed);
          if (!again.ok) throw new Error(again.problem.message);
          expect(again.value.content.rows.length).toBe(parsed.value.content.rows.length);
          expect(rebuilt.changes.marksKept).toBe(parsed.value.content.rows.reduce((n, r) => n + [...r.marks.values()].filter((v) => v !== null && String(v).trim() !== '').length, 0));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('criteria-rows layout', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: detailed.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 }), markArb), { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 5 }), (pick, refs, removeEvery) => {
        const { q, u } = detailed[pick]!;
        const built = buildCriteriaRowsGrid({ qualification: q, unit: u, candidate: 'C' }, 'g');
        const values = planValues(built.sheet);
        const first = readCriteriaRows(values, u);
        if (!first.ok) throw new Error(first.problem.message);
        const rowOf = new Map([...first.value.items].map(([code, e]) => [code, e.row]));
        const codes = [...rowOf.keys()];
        const before = new Map<string, RawCell>();
        for (const [n, slot, mark] of refs) {
          const code = codes[n % codes.length]!;
          values[rowOf.get(code)!]![5 + slot] = mark;
          before.set(`${code}|${slot}`, mark);
        }
        const parsed = readCriteriaRows(values, u);
        if (!parsed.ok) throw new Error(parsed.problem.message);
        const changed = changeUnit(u, removeEvery);
        const rebuilt = buildCriteriaRowsGrid({ qualification: q, unit: changed, candidate: 'C' }, 'g', undefined, parsed.value.content);
        const afterValues = planValues(rebuilt.sheet);
        // Every mark is still on the sheet, on a row with its item's code, in the same ref slot.
        for (const [key, mark] of before) {
          if (mark === null || String(mark).trim() === '') continue;
          const [code, slot] = key.split('|') as [string, string];
          const row = afterValues.find((r) => r[2] === code);
          expect(row?.[5 + Number(slot)]).toEqual(mark);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('criteria-rows layout rebuilt in place: every ref stays in its cell, on the row of its item, outside what the plan writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: detailed.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 }), markArb), { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 5 }), (pick, refs, removeEvery) => {
        const { q, u } = detailed[pick]!;
        const values = planValues(buildCriteriaRowsGrid({ qualification: q, unit: u, candidate: 'C' }, 'g').sheet);
        const first = readCriteriaRows(values, u);
        if (!first.ok) throw new Error(first.problem.message);
        const rowOf = new Map([...first.value.items].map(([code, e]) => [code, e.row]));
        const codes = [...rowOf.keys()];
        const before = new Map<string, { row: number; col: number; mark: RawCell }>();
        for (const [n, slot, mark] of refs) {
          const code = codes[n % codes.length]!;
          values[rowOf.get(code)!]![5 + slot] = mark;
          before.set(`${code}|${slot}`, { row: rowOf.get(code)!, col: 5 + slot, mark });
        }
        (values[values.length + 1] ??= [])[0] = 'text below the sign-off';
        const old = Array.from(values, (r) => Array.from(r ?? [], (v) => v ?? null));
        const parsed = readCriteriaRows(old, u);
        if (!parsed.ok) throw new Error(parsed.problem.message);
        const changed = changeUnit(u, removeEvery);
        const rebuilt = buildCriteriaRowsGrid({ qualification: q, unit: changed, candidate: 'C' }, 'g', undefined, parsed.value.content, { values: old, refColumns: parsed.value.columns.refs.length });
        const plan = rebuilt.sheet;
        expect(plan.rebuild).toBeDefined();
        const after = rebuiltValues(old, plan);
        const written = new Set(plan.blocks.flatMap((b) => b.values.flatMap((line, r) => line.map((_, c) => `${b.row + r},${b.col + c}`))));
        for (const [key, { row, col, mark }] of before) {
          const code = key.split('|')[0]!;
          const moved = movedCell(row, col, plan.rebuild!.edits);
          expect(moved).not.toBeNull();
          expect(after[moved!.row]![moved!.col]).toEqual(mark);
          expect(after[moved!.row]![2]).toEqual(code);
          expect(written.has(`${moved!.row},${moved!.col}`)).toBe(false);
        }
        expect(after.some((r) => r[0] === 'text below the sign-off')).toBe(true);
        const again = readCriteriaRows(after, changed);
        if (!again.ok) throw new Error(again.problem.message);
        expect(again.value.missingItems).toEqual([]);
        expect(again.value.unknownCodes).toEqual([]);
        expect(rebuilt.changes.marksKept).toBe(parsed.value.content.rows.reduce((n, r) => n + r.refs.filter((v) => v !== null && String(v).trim() !== '').length, 0));
      }),
      { numRuns: 100 },
    );
  });
});

describe('property: a rebuild through each adapter leaves every user cell where the plan says, unchanged', () => {
  const office = async (): Promise<Adapter> => {
    const excel = createFakeExcel();
    const adapter = officeWorkbookAdapter(excel.run);
    return { adapter, put: (sheet, row, col, v) => excel.seed(sheet, address({ row, col }), [[v]]), get: (sheet, row, col) => excel.values(sheet, address({ row, col }))[0]![0] ?? null };
  };
  const xlsx = async (): Promise<Adapter> => {
    const book = XlsxWorkbook.create();
    return {
      adapter: book,
      put: (sheet, row, col, v) => void (book.workbook.getWorksheet(sheet)!.getCell(row + 1, col + 1).value = v),
      get: (sheet, row, col) => {
        const v = book.workbook.getWorksheet(sheet)!.getCell(row + 1, col + 1).value;
        return v === undefined ? null : (v as RawCell);
      },
    };
  };
  for (const [label, make] of [
    ['office-js (recording fake)', office],
    ['xlsx (exceljs)', xlsx],
  ] as const) {
    it(label, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: detailed.length - 1 }),
          fc.array(fc.tuple(fc.nat({ max: 39 }), fc.nat(), fc.constantFrom<RawCell>('✓', 'x', 'E12', 'yes')), { minLength: 1, maxLength: 12 }),
          fc.integer({ min: 2, max: 5 }),
          async (pick, marks, removeEvery) => {
            const { q, u } = detailed[pick]!;
            const { adapter, put, get } = await make();
            const index = (unit: Unit) => new QualificationIndex({ ...q, units: [unit], groups: [], rules: [] });
            const first = buildCandidateWorkbook({ qualification: index(u), candidate: 'C', units: [u.code] }, [], new Set());
            if (!first.ok) throw new Error(first.problem.message);
            await adapter.apply(workbookPlan(first.value.sheets, first.value.names));
            const grid = first.value.sheets[0]!.name;
            const codes = unitItems(u).map((i) => i.code);
            const user = new Map<string, { row: number; col: number; v: RawCell }>();
            for (const [r, n, v] of marks) {
              const row = GRID_ROWS.firstEvidence + r;
              const col = 7 + (n % codes.length);
              put(grid, row, 0, `R${r}`);
              put(grid, row, col, v);
              user.set(`${row},0`, { row, col: 0, v: `R${r}` });
              user.set(`${row},${col}`, { row, col, v });
            }
            const names = await adapter.sheetNames();
            const existing = await adapter.readSheets(names);
            const changed = changeUnit(u, removeEvery);
            const again = buildCandidateWorkbook({ qualification: index(changed), candidate: 'C', units: [changed.code] }, existing, new Set(names));
            if (!again.ok) throw new Error(again.problem.message);
            const plan = again.value.sheets.find((s) => s.name === grid)!;
            expect(plan.rebuild).toBeDefined();
            await adapter.apply(workbookPlan(again.value.sheets, again.value.names));
            for (const { row, col, v } of user.values()) {
              const at = movedCell(row, col, plan.rebuild!.edits);
              expect(at).not.toBeNull();
              expect(get(grid, at!.row, at!.col)).toEqual(v);
            }
          },
        ),
        { numRuns: 8 },
      );
    });
  }
});

interface Adapter {
  adapter: WorkbookAdapter;
  put(sheet: string, row: number, col: number, v: RawCell): void;
  get(sheet: string, row: number, col: number): RawCell;
}
