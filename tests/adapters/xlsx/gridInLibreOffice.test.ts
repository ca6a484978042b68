import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { buildUnitGrid, FIRST_ITEM_COL, GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { PlanValue } from '../../../src/domain/workbook/plan';
import { convertWithLibreOffice, parseCsv } from '../../support/libreoffice';

// A grid must stay useful without the add-in: LibreOffice recalculates its native coverage formulas.
describe('a unit grid opened in LibreOffice', () => {
  it('computes accepted, claimed and still-needed counts, unit status and coverage from the marks', async () => {
    const found = bundledCatalog().findUnit('4430-02', '4430-201');
    if (!found.ok) throw new Error(found.problem.message);
    const { unit, index } = found.value;
    const { sheet, items } = buildUnitGrid({ qualification: index.qualification, unit, candidate: 'Jane Smith' }, 'Grid');
    const block = sheet.blocks[0]!;
    const set = (row: number, col: number, v: PlanValue) => (block.values[row]![col] = v);
    const col = (code: string) => FIRST_ITEM_COL + items.findIndex((i) => i.code === code);
    const ev = GRID_ROWS.firstEvidence;
    // E1 accepted: marks 1.1 (tick) and 1.2 ("no": not a mark). E2 not yet judged: claims 1.1 and 1.3. E3 referred: 1.4.
    set(ev, 0, 'E1');
    set(ev, 5, 'Accepted');
    set(ev, col('1.1'), '✓');
    set(ev, col('1.2'), 'no');
    set(ev + 1, 0, 'E2');
    set(ev + 1, col('1.1'), 'x');
    set(ev + 1, col('1.3'), 1);
    set(ev + 2, 0, 'E3');
    set(ev + 2, 5, 'Referred');
    set(ev + 2, col('1.4'), 'Y');
    set(GRID_ROWS.needed, col('1.3'), 2);
    const wb = XlsxWorkbook.create();
    await wb.apply({ sheets: [sheet], names: [], dateFormat: 'dd/mm/yyyy' });
    const file = join(mkdtempSync(join(tmpdir(), 'vq-lo-')), 'grid.xlsx');
    await wb.toFile(file);

    const converted = await convertWithLibreOffice(file, 'csv');
    try {
      const rows = parseCsv(converted.outputs[0]!.text);
      const at = (row: number, code: string) => rows[row]![col(code)];
      expect([at(GRID_ROWS.accepted, '1.1'), at(GRID_ROWS.claimed, '1.1'), at(GRID_ROWS.stillNeeded, '1.1')]).toEqual(['1', '1', '0']);
      expect([at(GRID_ROWS.accepted, '1.2'), at(GRID_ROWS.claimed, '1.2'), at(GRID_ROWS.stillNeeded, '1.2')]).toEqual(['0', '0', '1']);
      expect([at(GRID_ROWS.accepted, '1.3'), at(GRID_ROWS.claimed, '1.3'), at(GRID_ROWS.stillNeeded, '1.3')]).toEqual(['0', '1', '2']);
      expect([at(GRID_ROWS.accepted, '1.4'), at(GRID_ROWS.claimed, '1.4'), at(GRID_ROWS.stillNeeded, '1.4')]).toEqual(['0', '0', '1']);
      expect(rows[4]![4]).toBe('In progress');
      expect(parseFloat(rows[5]![4]!) / 100).toBeCloseTo(1 / items.length, 8); // a percentage
    } finally {
      converted.cleanup();
    }
  }, 90_000);
});
