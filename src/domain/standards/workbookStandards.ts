import type { RawCell } from '../workbook/sheetValues';
import type { Catalog } from './catalog';
import { catalogWith, CENTRE_STANDARDS_SHEET, readCentreStandards } from './centreStandards';

/*
 * For the custom functions: the bundled catalog plus the centre qualifications a workbook carries,
 * from the values of its centre standards sheet. Loaded with the standards (a lazy chunk), so the
 * functions' own script stays free of the schema validator.
 */

/** The catalog with the workbook's centre qualifications added; an unreadable store adds none. */
export function catalogWithCarried(base: Catalog, values: RawCell[][], isBundled: (id: string) => boolean): Catalog {
  const carried = readCentreStandards([{ name: CENTRE_STANDARDS_SHEET, values }]);
  return carried.ok ? catalogWith(base, carried.value, isBundled).catalog : base;
}
