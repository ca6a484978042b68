import { officeWorkbookAdapter } from '../../../src/adapters/officejs/officeWorkbook';
import { emptySheet, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { createFakeExcel } from '../../fakes/fakeExcel';

const plan = (...sheets: SheetPlan[]): WorkbookPlan => ({ sheets, names: [], dateFormat: 'dd/mm/yyyy' });
const sheet = (name: string, position?: 'first'): SheetPlan => ({ ...emptySheet(name, 'unitGrid'), blocks: [{ row: 0, col: 0, values: [[name]] }], ...(position ? { position } : {}) });

describe('office-js adapter: a sheet planned first', () => {
  it('a new sheet planned first goes before every tab; one not planned first goes last', async () => {
    const excel = createFakeExcel({ sheets: ['Grid 1', 'Grid 2', 'Grid 3'] });
    await officeWorkbookAdapter(excel.run).apply(plan(sheet('Summary', 'first'), sheet('Notes')));
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(['Summary', 'Grid 1', 'Grid 2', 'Grid 3', 'Notes']);
  });

  it('a sheet replaced and planned first moves first, with its new content', async () => {
    const excel = createFakeExcel({ sheets: ['Grid 1', 'Summary', 'Grid 2'] });
    await officeWorkbookAdapter(excel.run).apply(plan({ ...sheet('Summary', 'first'), blocks: [{ row: 0, col: 0, values: [['new']] }] }));
    expect(excel.workbook.sheets.map((s) => s.name)).toEqual(['Summary', 'Grid 1', 'Grid 2']);
    expect(excel.values('Summary', 'A1')).toEqual([['new']]);
  });
});
