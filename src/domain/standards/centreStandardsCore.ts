import { Catalog } from './catalog';
import type { Qualification } from './schema';
import type { SheetValues } from '../workbook/sheetValues';

/*
 * The parts of a workbook's centre standards (centreStandards.ts) that need no schema validator:
 * recognising the sheet, versions, and merging into a catalog. Kept apart so the workbook check the
 * task pane runs does not pull the validator into the pane's first script.
 */

/** A1 of the centre standards sheet: how it is recognised, whatever it is called. */
export const MARKER = 'VQ Matrix centre standards: written by the add-in and the vq-matrix tool. Do not edit.';

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

export function isCentreStandardsSheet(sheet: SheetValues): boolean {
  return sheet.values[0]?.[0] === MARKER;
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
