import type { WorkbookAdapter } from '../../adapters/workbookAdapter';
import { checkWorkbook, type CandidateCheck, type WorkbookCheck } from '../../domain/coverage/workbookCheck';
import { SheetDirectory } from '../../domain/grid/sheetDirectory';
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
  /** Each candidate's assessor (see progressKey), for the filter by assessor. */
  assessors: Map<string, string>;
  checkedAt: Date;
}

/** A candidate of the check, as a key (a candidate may take two qualifications). */
export const progressKey = (c: Pick<CandidateCheck, 'candidate' | 'qualification'>): string => `${c.candidate}\u0000${c.qualification}`;

/** Where each candidate stands: the same coverage engine as `vq-matrix check`. */
export async function checkProgress(adapter: WorkbookAdapter, catalog: Catalog, now: () => Date = () => new Date()): Promise<ProgressReport> {
  const sheets = await readAllSheets(adapter);
  const check = checkWorkbook(sheets, catalog);
  const directory = new SheetDirectory(sheets);
  const assessors = new Map(check.candidates.map((c) => [progressKey(c), directory.assessorOf(c.candidate, c.qualification)]));
  return { check, sheets: new Map(sheets.map((s) => [s.name, s])), assessors, checkedAt: now() };
}
