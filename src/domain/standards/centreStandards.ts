import { fail, ok, problems, type Result } from '../problems';
import { emptySheet, type SheetPlan } from '../workbook/plan';
import type { RawCell, SheetValues } from '../workbook/sheetValues';
import { Catalog } from './catalog';
import { parseQualification } from './parseQualification';
import type { Qualification } from './schema';
import { CENTRE_STANDARDS_SHEET } from './centreSheetName';

export { CENTRE_STANDARDS_SHEET };

/*
 * A centre's own qualifications travel inside the workbook built from them, so reopening it, the
 * custom functions, the CLI without --standards and another assessor's copy all know them.
 *
 * Where: a very hidden sheet (not a custom XML part: the CLI's .xlsx library drops parts it does not
 * know on every rewrite, and LibreOffice drops them on save; a sheet survives both). Column A holds
 * a marker, a format number, then the qualifications as JSON cut into pieces under Excel's 32,767
 * characters a cell. The sheet is protected so nobody edits it by accident.
 */

const MARKER = 'VQ Matrix centre standards: written by the add-in and the vq-matrix tool. Do not edit.';
const FORMAT = 1;
/** Under Excel's cell limit of 32,767 characters, with room to spare. */
const PIECE = 30_000;

/** A short, stable fingerprint of a qualification's content (FNV-1a, 32 bits). */
function fingerprint(q: Qualification): string {
  const text = JSON.stringify(q);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** What users see as a centre qualification's version: its own label and the content fingerprint. */
export function standardsVersion(q: Qualification): string {
  return q.version ? `${q.version} (#${fingerprint(q)})` : `#${fingerprint(q)}`;
}

/** True when two qualifications of the same id differ in content. */
export function differentVersions(a: Qualification, b: Qualification): boolean {
  return fingerprint(a) !== fingerprint(b);
}

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

export function isCentreStandardsSheet(sheet: SheetValues): boolean {
  return sheet.values[0]?.[0] === MARKER;
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

export interface SkippedStandards {
  qualification: Qualification;
  /** "bundled": its id is a bundled qualification's; "alreadyGiven": a qualification of that id came first. */
  reason: 'bundled' | 'alreadyGiven';
  /** For "alreadyGiven": whether the one that came first differs in content (another version). */
  differs: boolean;
  /** The version in use where it differs. */
  inUse?: Qualification;
}

/**
 * Centre qualifications merged into a catalog. The first qualification of an id wins, so what a
 * user passes explicitly (--standards) wins over what a workbook carries; an id that is a bundled
 * qualification's is never merged (the bundled one would be shadowed silently). Callers say what
 * was skipped: an error for a file given explicitly, a note for a workbook's copy.
 */
export function catalogWith(base: Catalog, centre: readonly Qualification[], isBundled: (id: string) => boolean): { catalog: Catalog; skipped: SkippedStandards[] } {
  const extra: Qualification[] = [];
  const skipped: SkippedStandards[] = [];
  const known = new Map(base.list().map((q) => [q.id.toLowerCase(), q]));
  for (const q of centre) {
    const id = q.id.toLowerCase();
    const first = known.get(id);
    if (isBundled(id)) skipped.push({ qualification: q, reason: 'bundled', differs: true });
    else if (first) {
      const differs = differentVersions(first, q);
      skipped.push({ qualification: q, reason: 'alreadyGiven', differs, ...(differs ? { inUse: first } : {}) });
    } else {
      known.set(id, q);
      extra.push(q);
    }
  }
  return { catalog: extra.length === 0 ? base : new Catalog([...base.list(), ...extra]), skipped };
}

/** A note for a workbook's centre qualification that was not used, in the users' words. */
export function skippedNote(s: SkippedStandards, where: string): string | undefined {
  if (s.reason === 'bundled') return `${where} carries a centre qualification "${s.qualification.id}" with the id of a bundled qualification; the bundled one is used.`;
  if (s.differs && s.inUse)
    return `${where} was built from version ${standardsVersion(s.qualification)} of "${s.qualification.id}"; checked against version ${standardsVersion(s.inUse)} given with --standards.`;
  return undefined;
}

/** Centre qualifications to store in a workbook: those it carried, with `used` replacing any older version of the same id. */
export function standardsToCarry(carried: readonly Qualification[], used: Qualification): Qualification[] {
  return [...carried.filter((q) => q.id.toLowerCase() !== used.id.toLowerCase()), used];
}
