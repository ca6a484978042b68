import type { CoverageOptions, UnitCoverage } from '../coverage/coverage';
import type { Result } from '../problems';
import type { RequiredItem } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import { address, type CellRange, type SheetPlan } from '../workbook/plan';
import type { SheetValues } from '../workbook/sheetValues';
import type { GridEvidenceSource } from './evidenceIndexSheet';
import type { GridChanges } from './gridContent';
import type { GridSettings, GridSubject, Rows } from './gridTypes';
import { normaliseLabel, SIGN_OFF, type Decision } from './layout';
import { cellText, type GridHeaderBlock } from './readGrid';

/*
 * A grid layout: how one unit's grid is laid out on a sheet, and everything that depends on it.
 * There are two (evidenceRowsLayout.ts: evidence down, items across; criteriaRowsLayout.ts: items
 * down, evidence refs across). Every reader and builder goes through this interface, so no caller
 * branches on the layout: it asks gridLayouts.ts which layout a sheet is in, then uses that one.
 *
 * `P` is what `read` returns; only the same layout's methods take it.
 */

/** The layouts by name (the CLI's --layout and the pane's choice). */
export type GridLayoutName = 'evidenceRows' | 'criteriaRows';

export interface GridReadOptions {
  /** The sheet's formulas, where known: an item's occasions cell that follows the default is known as such. */
  formulas?: SheetValues['formulas'];
  /** false: only what coverage needs (evidence rows: columns and row numbers, no row contents). */
  content?: boolean;
}

/** One piece of evidence on a grid (an evidence row, or a ref on a criteria-rows sheet), as a cohort and sampling see it. */
export interface GridEvidence {
  /** The evidence ref, or "row N" for a row without one. */
  ref: string;
  /** Excel serial date, where the row has one. */
  date: number | null;
  /** As typed; '' when not recorded (the criteria-rows layout has no method column). */
  method: string;
  /** The evidence row's Location: where it was assessed (the assessment site); '' when not recorded. */
  site: string;
  decision: Decision;
  /** Zero-based sheet row. */
  row: number;
}

/** Where an item is on the sheet: the range to select to reach it, and in words. */
export interface ItemPlace {
  target: CellRange;
  /** "column J" / "row 14", for people reading the sheet themselves. */
  where: string;
}

/** Which item (if any) a cell of a grid belongs to. */
export type CellPlace =
  /** The item's code in the header row (evidence rows). */
  | { kind: 'heading'; code: string }
  /** A mark of an evidence row (evidence rows): `ref` is the row's ref, or "row N". */
  | { kind: 'mark'; code: string; ref: string }
  /** In the item's column, not on an evidence row (evidence rows). */
  | { kind: 'column'; code: string }
  /** On the item's (first) row (criteria rows). */
  | { kind: 'row'; code: string }
  /** On a further row the assessor added, with `code` typed in its Code column (criteria rows; the code may not be one of the unit's). */
  | { kind: 'anotherRow'; code: string }
  /** In one of the evidence columns (evidence rows): its label. */
  | { kind: 'field'; label: string }
  | { kind: 'none' };

/** Where things are on a read grid. The cell functions take the values rather than keep them (a remembered reading must not hold a second copy). */
export interface GridLocator {
  /** The item whose coverage `column` (ItemCoverage.column: a column, or a row on criteria rows) is given. */
  item(values: Rows, at: number): ItemPlace;
  /** Which item a cell belongs to. */
  cell(values: Rows, row: number, col: number): CellPlace;
  /** A mark or decision cell described for a message about it ("a mark for item 1.1 (evidence E3)"); undefined for any other cell. */
  markCell(values: Rows, row: number, col: number): string | undefined;
}

export interface BuiltLayoutGrid {
  sheet: SheetPlan;
  items: RequiredItem[];
  changes: GridChanges;
  /** The header row and evidence rows (zero-based, inclusive), where the layout has an evidence area to name. */
  evidence?: { headerRow: number; firstRow: number; lastRow: number; lastCol: number };
}

export interface GridLayout<P = unknown> {
  readonly name: GridLayoutName;
  /** A sheet this product built in this layout (its title in A1). */
  detect(values: Rows): boolean;
  /** Read a sheet (ours, or one laid out like it) against a unit's items. */
  read(values: Rows, unit: Unit, options?: GridReadOptions): Result<P>;
  /** The header block read from the sheet. */
  header(parsed: P): GridHeaderBlock;
  coverage(parsed: P, unit: Unit, options?: CoverageOptions): UnitCoverage;
  /** The grid's pieces of evidence, and its evidence date column as an absolute range ("$B$15:$B$54") for live formulas. */
  evidence(parsed: P, values: Rows): { evidence: GridEvidence[]; dateRange: string | null };
  locate(parsed: P): GridLocator;
  /** The grid's evidence as the evidence index reads it. */
  evidenceSource(sheet: string, unit: string, parsed: P): GridEvidenceSource;
  /** A new grid; or, given the old sheet and what was read from it, the grid rebuilt in place keeping every entry. */
  build(subject: GridSubject, sheetName: string, settings?: GridSettings, previous?: { values: Rows; parsed: P }): BuiltLayoutGrid;
}

/** Zero-based row of the sign-off heading (a row's first non-blank cell) at or below `from`, or -1. */
export function signOffRow(values: Rows, from: number): number {
  for (let r = from; r < values.length; r++) {
    const first = (values[r] ?? []).find((v) => cellText(v ?? null) !== '');
    if (first !== undefined && normaliseLabel(first) === normaliseLabel(SIGN_OFF.heading)) return r;
  }
  return -1;
}

/** A column's cells from below the header row to above the sign-off block, absolute ("$B$15:$B$54"); null without the column. */
export function columnBelowHeader(col: number | undefined, headerRow: number, values: Rows): string | null {
  if (col === undefined) return null;
  const end = signOffRow(values, headerRow + 1);
  const last = Math.max(headerRow + 1, end > 0 ? end - 1 : values.length - 1);
  return address({ row: headerRow + 1, col, endRow: last }, true);
}
