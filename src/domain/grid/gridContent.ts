import type { RawCell } from '../workbook/sheetValues';
import type { EvidenceField } from './layout';

/**
 * What a user has put on a grid: everything a rebuild must carry over. Read from a sheet by
 * readGridContent, written back by the builders. Nothing here is ever dropped.
 */
export interface EvidenceRowContent {
  fields: Partial<Record<EvidenceField, RawCell>>;
  /** Item code (as in the header row) -> mark cell value. */
  marks: Map<string, RawCell>;
  /** User-added column header -> value. */
  extras: Map<string, RawCell>;
}

export interface GridContent {
  candidate?: RawCell;
  assessor?: RawCell;
  defaultOccasions?: number;
  rows: EvidenceRowContent[];
  /** Per-item "occasions needed" as the sheet has them. */
  needed: Map<string, number>;
  /** Item text as the sheet shows it, to report re-worded items. */
  texts: Map<string, string>;
  /** Headers of columns the user added (or earlier removed-item columns), in sheet order. */
  extraHeaders: string[];
  /** Sign-off label -> value. */
  signOff: Map<string, RawCell>;
}

export function emptyContent(): GridContent {
  return { rows: [], needed: new Map(), texts: new Map(), extraHeaders: [], signOff: new Map() };
}

/** A row with nothing in it is not evidence. */
export function rowHasContent(row: EvidenceRowContent): boolean {
  const filled = (v: RawCell | undefined) => v !== null && v !== undefined && String(v).trim() !== '';
  return Object.values(row.fields).some(filled) || [...row.marks.values()].some(filled) || [...row.extras.values()].some(filled);
}

export interface GridChanges {
  added: string[];
  removed: string[];
  reworded: string[];
  /** Item codes whose marks now sit in "no longer in standard" columns. */
  marksMovedToRemoved: string[];
  evidenceRowsKept: number;
  marksKept: number;
}
