import { fail, ok, problems, type Result } from '../problems';
import { emptySheet, type SheetPlan } from '../workbook/plan';
import type { RawCell, SheetValues } from '../workbook/sheetValues';
import { parseQualification } from './parseQualification';
import type { Qualification } from './schema';
import { CENTRE_STANDARDS_SHEET } from './centreSheetName';
import { isCentreStandardsSheet, MARKER } from './centreStandardsCore';

export { CENTRE_STANDARDS_SHEET };
export * from './centreStandardsCore';

/*
 * A centre's own qualifications travel inside the workbook built from them, so reopening it, the
 * custom functions, the CLI without --standards and another assessor's copy all know them.
 *
 * Where: a very hidden sheet (not a custom XML part: the CLI's .xlsx library drops parts it does not
 * know on every rewrite, and LibreOffice drops them on save; a sheet survives both). Column A holds
 * a marker, a format number, then the qualifications as JSON cut into pieces under Excel's 32,767
 * characters a cell. The sheet is protected so nobody edits it by accident.
 */

const FORMAT = 1;
/** Under Excel's cell limit of 32,767 characters, with room to spare. */
const PIECE = 30_000;

export function centreStandardsSheet(qualifications: readonly Qualification[]): SheetPlan {
  const sheet = emptySheet(CENTRE_STANDARDS_SHEET, 'centreStandards');
  const json = JSON.stringify(qualifications);
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += PIECE) pieces.push(json.slice(i, i + PIECE));
  sheet.blocks.push({ row: 0, col: 0, values: [[MARKER], [FORMAT], ...pieces.map((p) => [p])] });
  sheet.visibility = 'veryHidden';
  sheet.protection = { allowFormatColumns: false, allowSort: false, allowAutoFilter: false, allowInsertRows: false };
  return sheet;
}

/** The centre qualifications a workbook carries (none if it has no such sheet). */
export function readCentreStandards(sheets: readonly SheetValues[]): Result<Qualification[]> {
  const sheet = sheets.find(isCentreStandardsSheet);
  if (!sheet) return ok([]);
  const where = `the workbook's "${sheet.name}" sheet`;
  const format = sheet.values[1]?.[0];
  if (format !== FORMAT) return fail(problems.invalidStandards(where, 'A2', `format ${String(format)} is not one this version reads (${FORMAT}); update VQ Matrix`));
  const json = sheet.values
    .slice(2)
    .map((r) => r[0] as RawCell)
    .filter((v) => v !== null && v !== undefined)
    .join('');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail(problems.invalidStandards(where, 'A3', 'the stored standards are damaged (not complete JSON); rebuild the workbook with the centre standards file (--standards)'));
  }
  if (!Array.isArray(raw)) return fail(problems.invalidStandards(where, 'A3', 'expected a list of qualifications'));
  const out: Qualification[] = [];
  for (const [i, q] of raw.entries()) {
    const parsed = parseQualification(q, `${where}, qualification ${i + 1}`);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return ok(out);
}

