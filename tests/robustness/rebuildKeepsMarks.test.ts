import fc from 'fast-check';
import { parseGrid } from '../../src/domain/grid/readGrid';
import { buildCriteriaRowsGrid, readCriteriaRows } from '../../src/domain/grid/criteriaRowsGrid';
import { buildUnitGrid, GRID_ROWS } from '../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { unitItems } from '../../src/domain/standards/itemCodes';
import type { Unit } from '../../src/domain/standards/schema';
import type { RawCell } from '../../src/domain/workbook/sheetValues';
import { planValues } from '../support/planValues';


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
});
