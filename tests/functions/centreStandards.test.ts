import { officeWorkbookAdapter } from '../../src/adapters/officejs/officeWorkbook';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { centreStandardsSheet } from '../../src/domain/standards/centreStandards';
import { unitItems } from '../../src/domain/standards/itemCodes';
import type { Qualification } from '../../src/domain/standards/schema';
import { createFakeExcel } from '../fakes/fakeExcel';

/*
 * The custom functions know the centre qualifications a workbook carries (its very hidden
 * "VQ centre standards" sheet), read once through Excel when the standards load.
 */

class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: FakeError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } };

function centreQualification(): Qualification {
  const cvq = structuredClone(bundledCatalog().list().find((q) => q.id === 'cvq-cca010-02')!);
  return { ...cvq, id: 'centre-retail-l2', title: 'Centre Retail Skills Level 2', version: 'v1', identifiers: [{ scheme: 'other', value: 'CRS-L2' }] };
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

it('a workbook carrying a centre qualification: the functions know it without being told the file', async () => {
  const excel = createFakeExcel();
  await officeWorkbookAdapter(excel.run).apply({ sheets: [centreStandardsSheet([centreQualification()])], names: [], dateFormat: 'dd/mm/yyyy' });
  (globalThis as { Excel?: unknown }).Excel = { run: excel.run };
  await jest.isolateModulesAsync(async () => {
    const VQ = await import('../../src/functions/functions');
    expect(await VQ.unitInfo('1', 'CRS-L2', 'title')).toBe(centreQualification().units[0]!.title);
    const items = await VQ.items('1', 'CRS-L2');
    expect(items.flat()).toEqual(unitItems(centreQualification().units[0]!).map((i) => i.code));
  });
});

it('a workbook without one: the centre qualification is unknown, the bundled ones work', async () => {
  const excel = createFakeExcel();
  (globalThis as { Excel?: unknown }).Excel = { run: excel.run };
  await jest.isolateModulesAsync(async () => {
    const VQ = await import('../../src/functions/functions');
    const unknown = await VQ.unitInfo('1', 'CRS-L2', 'title');
    expect(unknown).toBeInstanceOf(FakeError);
    expect((unknown as FakeError).code).toBe('#N/A');
    expect(await VQ.unitInfo('203', '4430-02', 'credit')).toBe(5);
  });
});
