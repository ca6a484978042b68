/*
 * What adapters read back from a workbook: the used range of a sheet as plain values, anchored
 * at A1. Dates come back as Excel serial numbers (as office-js gives them); formulas as their
 * computed values, with the formula text alongside where the adapter has it.
 */

export type RawCell = string | number | boolean | null;

export interface SheetValues {
  name: string;
  /** Row 0 is Excel row 1; ragged rows are allowed and mean blank cells. */
  values: RawCell[][];
  /** Formula text ("=SUM(A1:A3)") where a cell holds a formula, else null; absent if not read. */
  formulas?: (string | null)[][];
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Excel serial date (1900 date system) -> "yyyy-mm-dd". */
export function serialToIsoDate(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** "yyyy-mm-dd" -> Excel serial date. */
export function isoDateToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_MS) / DAY_MS);
}

/** "yyyy-mm-dd" -> "dd/mm/yyyy", as UK users read dates; anything else unchanged. */
export function ukDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Excel serial date -> "dd/mm/yyyy". */
export function serialToUkDate(serial: number): string {
  return ukDate(serialToIsoDate(serial));
}
