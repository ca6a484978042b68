import type { WorkbookAdapter } from '../../adapters/workbookAdapter';
import { checkWorkbook, type WorkbookCheck } from '../../domain/coverage/workbookCheck';
import type { Catalog } from '../../domain/standards/catalog';
import type { SheetValues } from '../../domain/workbook/sheetValues';

/** Sheets read per request: keeps each response well under Excel on the web's 5 MB limit. */
export const SHEETS_PER_READ = 20;

/** Every sheet's values, read a few sheets at a time. */
export async function readAllSheets(adapter: WorkbookAdapter, perRead = SHEETS_PER_READ): Promise<SheetValues[]> {
  const names = await adapter.sheetNames();
  const out: SheetValues[] = [];
  for (let i = 0; i < names.length; i += perRead) out.push(...(await adapter.readSheets(names.slice(i, i + perRead))));
  return out;
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
