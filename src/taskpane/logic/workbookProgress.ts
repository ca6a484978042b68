import type { WorkbookAdapter } from '../../adapters/workbookAdapter';
import { checkWorkbook, type WorkbookCheck } from '../../domain/coverage/workbookCheck';
import type { Catalog } from '../../domain/standards/catalog';
import type { SheetValues } from '../../domain/workbook/sheetValues';

/**
 * Every sheet's values and formulas. One call: the adapter reads only the used cells and splits the
 * reads so each response stays under Excel on the web's 5 MB limit, however many sheets there are.
 */
export async function readAllSheets(adapter: WorkbookAdapter): Promise<SheetValues[]> {
  return adapter.readSheets(await adapter.sheetNames());
}

export interface ProgressReport {
  check: WorkbookCheck;
  sheets: Map<string, SheetValues>;
  checkedAt: Date;
}

/** Where each candidate stands: the same coverage engine as `vq-matrix check`. */
export async function checkProgress(adapter: WorkbookAdapter, catalog: Catalog, now: () => Date = () => new Date()): Promise<ProgressReport> {
  const sheets = await readAllSheets(adapter);
  return { check: checkWorkbook(sheets, catalog), sheets: new Map(sheets.map((s) => [s.name, s])), checkedAt: now() };
}
