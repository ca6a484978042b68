import type { SheetValues } from '../workbook/sheetValues';
import { EVIDENCE_INDEX_TITLE } from './evidenceIndexSheet';
import { candidateIdKey, candidateNameKey, sameCandidate } from './candidateIdentity';
import { cellText, readHeaderBlock, type GridHeaderBlock } from './readGrid';
import { TRACKER_TITLE } from './trackerSheet';

/*
 * A workbook's sheets, each header block read once: what the sheet is (grid, tracker, evidence
 * index, other) and whose. Finding a candidate's tracker or grids is then a look-up, not a scan
 * of every sheet's header per candidate (which made a 1,000-candidate cohort quadratic).
 */

export type SheetKind = 'grid' | 'tracker' | 'evidenceIndex' | 'other';

export interface SheetEntry {
  sheet: SheetValues;
  header: GridHeaderBlock;
  role: SheetKind;
  /** The header block's Candidate, exactly as written. */
  candidate?: string;
  /** The header block's Qualification id, else its Qualification. */
  qualification?: string;
  unit?: string;
}

function roleOf(sheet: SheetValues, header: GridHeaderBlock): SheetKind {
  // The tracker and evidence index are known by their title (A1), as their readers know them.
  const title = cellText(sheet.values[0]?.[0] ?? null);
  if (title === TRACKER_TITLE) return 'tracker';
  if (title === EVIDENCE_INDEX_TITLE) return 'evidenceIndex';
  // A grid is any sheet whose header block names a qualification and a unit (as `check` finds them).
  return (header.qualificationId ?? header.qualification) !== undefined && header.unit !== undefined ? 'grid' : 'other';
}

export class SheetDirectory {
  readonly entries: readonly SheetEntry[];
  private readonly byName = new Map<string, SheetEntry>();
  /** By candidate name compared as everywhere (candidateIdentity: case and spacing ignored), and by id. */
  private readonly byCandidate = new Map<string, SheetEntry[]>();
  private readonly byId = new Map<string, SheetEntry[]>();
  /** Each entry's place in the workbook. */
  private readonly position = new Map<SheetEntry, number>();

  constructor(sheets: readonly SheetValues[]) {
    this.entries = sheets.map((sheet) => {
      const header = readHeaderBlock(sheet.values);
      const qualification = header.qualificationId ?? header.qualification;
      return {
        sheet,
        header,
        role: roleOf(sheet, header),
        ...(header.candidate !== undefined ? { candidate: header.candidate } : {}),
        ...(qualification !== undefined ? { qualification } : {}),
        ...(header.unit !== undefined ? { unit: header.unit } : {}),
      };
    });
    this.entries.forEach((e, i) => this.position.set(e, i));
    for (const e of this.entries) {
      if (!this.byName.has(e.sheet.name)) this.byName.set(e.sheet.name, e);
      if (e.candidate === undefined) continue;
      const key = candidateNameKey(e.candidate);
      push(this.byCandidate, key, e);
      const id = candidateIdKey(e.header.candidateId);
      if (id !== '') push(this.byId, id, e);
    }
  }

  get sheets(): SheetValues[] {
    return this.entries.map((e) => e.sheet);
  }

  /** The sheet of that name (exactly as listed). */
  get(name: string): SheetEntry | undefined {
    return this.byName.get(name);
  }

  /** The sheets whose header block names this candidate (by id when both have one, else by name ignoring case and spacing), in workbook order. */
  ofCandidate(candidate: string, id?: string): readonly SheetEntry[] {
    const found = new Set([...(this.byCandidate.get(candidateNameKey(candidate)) ?? []), ...(this.byId.get(candidateIdKey(id)) ?? [])]);
    // Only the candidate's few sheets are looked at, in workbook order (filtering every sheet per candidate made a cohort quadratic).
    return [...found].filter((e) => sameCandidate({ name: e.candidate!, id: e.header.candidateId }, { name: candidate, id })).sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }

  /**
   * The candidate's assessor for a qualification, as the cohort summary names it: their tracker's
   * Assessor, else the assessors their grids name, joined with "; " ('' when none is named).
   */
  assessorOf(candidate: string, qualificationId: string): string {
    const mine = this.ofCandidate(candidate);
    const tracker = mine.find((e) => e.role === 'tracker' && (e.header.qualificationId === undefined || e.header.qualificationId === qualificationId));
    if (tracker?.header.assessor !== undefined) return tracker.header.assessor;
    const grids = mine.filter((e) => e.role === 'grid' && (e.header.qualificationId === undefined || e.header.qualificationId === qualificationId));
    return [...new Set(grids.map((e) => e.header.assessor ?? '').filter((a) => a !== ''))].join('; ');
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A directory of `sheets`, or the one given. */
export function sheetDirectory(sheets: readonly SheetValues[] | SheetDirectory): SheetDirectory {
  return sheets instanceof SheetDirectory ? sheets : new SheetDirectory(sheets);
}
