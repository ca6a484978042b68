import type { Qualification, Unit } from '../standards/schema';
import type { RawCell } from '../workbook/sheetValues';

/*
 * Types every grid layout shares (what a grid is for, how it is built), in their own module so the
 * layouts, the header block they share and their readers depend on these and not on each other.
 */

/** A sheet's values as read: rows of cells, header included. */
export type Rows = readonly (readonly RawCell[])[];

export interface GridSubject {
  qualification: Qualification;
  unit: Unit;
  candidate: string;
  /** ULN, SCN or registration number, when known. */
  candidateId?: string;
  assessor?: string;
}

export interface GridSettings {
  /** Blank evidence rows offered on a new grid (a rebuild keeps every used row and adds room). */
  evidenceRows: number;
  /**
   * Occasions of accepted evidence each item needs; default 1, per item where the centre says so.
   * `replaceDefault`: this build sets the default (--occasions), replacing a grid's own on a rebuild.
   */
  occasions: { default: number; perItem?: Readonly<Record<string, number>>; replaceDefault?: boolean };
}

export const DEFAULT_SETTINGS: GridSettings = { evidenceRows: 40, occasions: { default: 1 } };
