import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { unitCoverage } from '../../../src/domain/coverage/coverage';
import { buildCriteriaRowsGrid, criteriaRowsCoverage, CRITERIA_ROWS } from '../../../src/domain/grid/criteriaRowsGrid';
import { buildUnitGrid, FIRST_ITEM_COL, GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { PlanValue, SheetPlan } from '../../../src/domain/workbook/plan';
import { convertWithLibreOffice, parseCsv } from '../../support/libreoffice';

/*
 * The "Occasions needed (default)" cell (B6) takes effect in both layouts: items follow it unless
 * a number is typed on their own cell (blank or text there also means the default), and the sheet's
 * own formulas (recalculated by LibreOffice) and the reader agree on every item.
 */
const found = bundledCatalog().findUnit('4430-02', '4430-201');
if (!found.ok) throw new Error(found.problem.message);
const { unit, index } = found.value;
const subject = { qualification: index.qualification, unit, candidate: 'Jane Smith' };

async function recalculated(sheet: SheetPlan): Promise<{ lo: string[][]; values: (string | number | boolean | null)[][] }> {
  const wb = XlsxWorkbook.create();
  await wb.apply({ sheets: [sheet], names: [], dateFormat: 'dd/mm/yyyy' });
  const file = join(mkdtempSync(join(tmpdir(), 'vq-occ-')), 'grid.xlsx');
  await wb.toFile(file);
  // What check reads: the file as written (formulas without cached results).
  const [read] = await (await XlsxWorkbook.fromFile(file)).readSheets([sheet.name]);
  const converted = await convertWithLibreOffice(file, 'csv');
  try {
    return { lo: parseCsv(converted.outputs[0]!.text), values: read!.values };
  } finally {
    converted.cleanup();
  }
}

describe('occasions needed: the default cell takes effect, in the sheet and in the reader alike', () => {
  it('evidence-rows layout', async () => {
    const { sheet, items } = buildUnitGrid(subject, 'Grid');
    const block = sheet.blocks[0]!;
    const set = (row: number, col: number, v: PlanValue) => (block.values[row]![col] = v);
    const col = (code: string) => FIRST_ITEM_COL + items.findIndex((i) => i.code === code);
    set(5, 1, 2); // the default: 2 occasions
    set(GRID_ROWS.needed, col('1.2'), 1); // the item's own number wins
    set(GRID_ROWS.needed, col('1.3'), null); // blank: the default
    set(GRID_ROWS.needed, col('1.4'), 'abc'); // not a number: the default
    const ev = GRID_ROWS.firstEvidence;
    for (const [r, codes] of [[ev, ['1.1', '1.2', '1.3', '1.4']], [ev + 1, ['1.1']]] as const) {
      set(r, 0, `E${r - ev + 1}`);
      set(r, 5, 'Accepted');
      for (const c of codes) set(r, col(c), '✓');
    }
    const { lo, values } = await recalculated(sheet);
    const cov = unitCoverage(values, unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    for (const item of cov.value.items) {
      const stillNeeded = Math.max(0, item.needed - item.accepted.length);
      expect([item.item.code, lo[GRID_ROWS.stillNeeded]![col(item.item.code)]]).toEqual([item.item.code, String(stillNeeded)]);
    }
    expect(cov.value.items.slice(0, 5).map((i) => [i.item.code, i.needed, i.state])).toEqual([
      ['1.1', 2, 'covered'],
      ['1.2', 1, 'covered'],
      ['1.3', 2, 'uncovered'],
      ['1.4', 2, 'uncovered'],
      [items[4]!.code, 2, 'uncovered'],
    ]);
    expect(lo[GRID_ROWS.needed]![col('1.1')]).toBe('2'); // the item cell shows the default it follows
    expect(lo[4]![4]).toBe('In progress');
  }, 90_000);

  it('criteria-rows layout', async () => {
    const { sheet } = buildCriteriaRowsGrid(subject, 'Form');
    const block = sheet.blocks[0]!;
    const set = (row: number, col: number, v: PlanValue) => (block.values[row]![col] = v);
    const first = CRITERIA_ROWS.firstItem;
    const rowOf = (code: string) => first + block.values.slice(first).findIndex((r) => r[2] === code);
    set(5, 1, 2);
    const NEEDED = 4;
    const REF = 5;
    const DECISION = 14;
    set(rowOf('1.2'), NEEDED, 1);
    set(rowOf('1.3'), NEEDED, null);
    set(rowOf('1.4'), NEEDED, 'abc');
    set(rowOf('1.1'), REF + 1, 'E2');
    for (const code of ['1.1', '1.2', '1.3', '1.4']) {
      set(rowOf(code), REF, 'E1');
      set(rowOf(code), DECISION, 'Accepted');
    }
    const { lo, values } = await recalculated(sheet);
    const cov = criteriaRowsCoverage(values, unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    const STILL = 17;
    for (const item of cov.value.items) expect([item.item.code, lo[rowOf(item.item.code)]![STILL]]).toEqual([item.item.code, String(Math.max(0, item.needed - item.accepted.length))]);
    expect(cov.value.items.slice(0, 4).map((i) => [i.item.code, i.needed, i.state])).toEqual([
      ['1.1', 2, 'covered'],
      ['1.2', 1, 'covered'],
      ['1.3', 2, 'uncovered'],
      ['1.4', 2, 'uncovered'],
    ]);
    expect(lo[4]![4]).toBe('In progress');
  }, 90_000);
});
