import type { RawCell } from '../workbook/sheetValues';
import { SUMMARY_ROWS } from './layout';
import { cellText } from './readGrid';

/*
 * The criteria-rows grid ("unit recording form"): every markable item of the unit down the sheet,
 * the evidence that covers it across, as on the City & Guilds recording forms (Standards | refs |
 * Location ref, assessor and internal-verifier sign-off) and the IMI record.
 *
 *   row 0      title
 *   rows 1-5   header block (label in A/D, value in B/E): the same labels and cells as the
 *              evidence-rows grid, so readHeaderBlock and `'<sheet>'!$E$5` / `$E$6` work on both
 *   row 6      how to fill it in
 *   row 7      header: Kind | Group | Code | Standard | Occasions needed | Evidence ref 1..8 |
 *              Date | Assessor decision | Accepted | Claimed | Still needed | (the user's own columns)
 *   rows 8..   one row per item (unitItems order), then, on a rebuild, the rows of items the standard
 *              no longer has that still carry refs, under a labelled section; then the sign-off block
 */

export const CRITERIA_ROWS = { title: 0, note: 6, header: 7, firstItem: 8 } as const;
export const CRITERIA_COLS = { kind: 0, group: 1, code: 2, text: 3, needed: 4, firstRef: 5 } as const;
/** Evidence ref columns on a new sheet; a rebuild adds more when an item carries more refs. */
export const DEFAULT_REF_COLUMNS = 8;

export const CRITERIA_LABELS = {
  kind: SUMMARY_ROWS.kind,
  group: 'Group',
  code: 'Code',
  text: SUMMARY_ROWS.text,
  needed: SUMMARY_ROWS.needed,
  date: 'Date',
  decision: 'Assessor decision',
  accepted: 'Accepted',
  claimed: 'Claimed',
  stillNeeded: 'Still needed',
} as const;
export const refLabel = (n: number): string => `Evidence ref ${n}`;

/** Heading of the section that keeps the rows (and refs) of items the standard no longer has. */
export const REMOVED_SECTION = 'No longer in the standard (refs kept)';
/** The Kind cell of an item's row the standard no longer has (rebuilt in place, the row stays where it was). */
export const REMOVED_KIND = 'No longer in the standard';

/** Column positions for a sheet with `refCount` evidence ref columns and `extraCount` user columns. */
export function criteriaColumns(refCount: number = DEFAULT_REF_COLUMNS, extraCount = 0) {
  const date = CRITERIA_COLS.firstRef + refCount;
  return {
    ...CRITERIA_COLS,
    lastRef: date - 1,
    date,
    decision: date + 1,
    accepted: date + 2,
    claimed: date + 3,
    stillNeeded: date + 4,
    firstExtra: date + 5,
    width: date + 5 + extraCount,
  };
}

/** A cell with something in it. */
export const filled = (v: RawCell | undefined): boolean => v !== null && v !== undefined && cellText(v) !== '';

/** Codes compare case-insensitively, ignoring spaces ("f3.1.1" is "F3.1.1"). */
export function codeKey(v: RawCell): string {
  return cellText(v).toLowerCase().replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------
// What a user has put on a criteria-rows sheet: everything a rebuild carries over.

export interface CriteriaRowContent {
  /** The item code: as the standard has it when it is one of the unit's items, else as typed ('' when none). */
  code: string;
  kind: string;
  group: string;
  /** The item text as the sheet shows it, to report re-worded items. */
  text: string;
  needed?: number;
  /** Every non-blank evidence ref cell, in column order: marks, and anything else typed there. */
  refs: RawCell[];
  date: RawCell;
  decision: RawCell;
  /** User-added column header -> value. */
  extras: Map<string, RawCell>;
  /** The row sat in the "no longer in the standard" section. */
  removedSection: boolean;
  /** Zero-based sheet row it was read from; -1 when it did not come from a sheet. */
  sheetRow: number;
}

export interface CriteriaRowsContent {
  candidate?: RawCell;
  assessor?: RawCell;
  defaultOccasions?: number;
  rows: CriteriaRowContent[];
  /** Headers of columns the user added, in sheet order. */
  extraHeaders: string[];
  /** Sign-off label -> value. */
  signOff: Map<string, RawCell>;
}

export function emptyCriteriaContent(): CriteriaRowsContent {
  return { rows: [], extraHeaders: [], signOff: new Map() };
}

/** Refs, a date, a decision or a user column filled: something a rebuild must keep. */
export function criteriaRowHasEntries(row: CriteriaRowContent): boolean {
  return row.refs.some(filled) || filled(row.date) || filled(row.decision) || [...row.extras.values()].some(filled);
}

export function trimTrailingBlanks(cells: RawCell[]): RawCell[] {
  let end = cells.length;
  while (end > 0 && !filled(cells[end - 1])) end--;
  return cells.slice(0, end);
}
