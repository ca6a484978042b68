import { ITEM_KIND_LABELS, type RequiredItem } from '../standards/itemCodes';
import type { CellRange, StructuralEdit } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { editsFromSlots, mapIndex, type Slot } from '../workbook/structuralEdits';
import { EVIDENCE_FIELDS, EVIDENCE_LABELS, GRID_TITLE, REMOVED_PREFIX, SIGN_OFF, SUMMARY_ROWS, normaliseLabel } from './layout';

/*
 * A rebuild updates a grid in place: the old sheet's rows and columns keep their order, new items get
 * columns inserted where the standard puts them, an item the standard dropped keeps its column (and
 * marks) under a "No longer in standard" heading, or loses it when nothing was entered under it.
 * Everything the user typed stays in its cell, so formulas, notes, links and fills stay with it.
 */

type Rows = readonly (readonly RawCell[])[];
const rowAt = (values: Rows, r: number): readonly RawCell[] => values[r] ?? [];
const text = (v: RawCell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const codeKey = (v: RawCell | undefined): string => text(v).toLowerCase().replace(/\s+/g, '');
const filled = (v: RawCell | undefined): boolean => text(v) !== '';

/** Fixed rows of the evidence-rows grid (see unitGrid.ts). */
const ROWS = { kind: 6, stillNeeded: 12, header: 13, firstEvidence: 14 } as const;
const FIRST_ITEM_COL = EVIDENCE_FIELDS.length;
const ITEM_KINDS = new Set(Object.values(ITEM_KIND_LABELS).map((l) => normaliseLabel(l)));

/** One column of the new grid. */
export type GridColumn =
  | { kind: 'field'; old: number }
  | { kind: 'item'; code: string; old: number | null; wasItem: boolean }
  /** `moved`: it was an item column until this rebuild. */
  | { kind: 'removed'; code: string; old: number; moved: boolean }
  | { kind: 'user'; old: number };

export interface EvidenceGridInPlace {
  /** The new sheet's columns, left to right. */
  columns: GridColumn[];
  /** Evidence rows the old sheet had (between the header row and the sign-off), and how many the new one has. */
  oldEvidenceRows: number;
  evidenceRows: number;
  edits: StructuralEdit[];
  /** Items the standard no longer has whose (empty) columns are deleted. */
  dropped: string[];
}

/**
 * How an evidence-rows grid this product built becomes the grid of `items` in place, or null when
 * the sheet is not laid out as ours (then it is rebuilt from its values).
 */
export function evidenceGridInPlace(values: Rows, items: readonly RequiredItem[], contentRows: readonly number[]): EvidenceGridInPlace | null {
  if (normaliseLabel(rowAt(values, 0)[0] ?? null) !== normaliseLabel(GRID_TITLE)) return null;
  if (normaliseLabel(rowAt(values, ROWS.stillNeeded)[0] ?? null) !== normaliseLabel(SUMMARY_ROWS.stillNeeded)) return null;
  const header = rowAt(values, ROWS.header);
  const fieldsInPlace = EVIDENCE_FIELDS.every((f, c) => normaliseLabel(header[c] ?? null) === normaliseLabel(EVIDENCE_LABELS[f]));
  if (!fieldsInPlace) return null;
  let signOff = -1;
  for (let r = ROWS.firstEvidence; r < values.length; r++) {
    if (normaliseLabel(rowAt(values, r)[0] ?? null) === normaliseLabel(SIGN_OFF.heading)) {
      signOff = r;
      break;
    }
  }
  if (signOff < 0) return null;
  const oldEvidenceRows = Math.max(0, signOff - 1 - ROWS.firstEvidence);

  let oldWidth = header.length;
  while (oldWidth > FIRST_ITEM_COL && !filled(header[oldWidth - 1])) oldWidth--;
  const byKey = new Map(items.map((i) => [codeKey(i.code), i]));
  const kinds = rowAt(values, ROWS.kind);
  const hasEntries = (col: number) => {
    for (let r = ROWS.firstEvidence; r < signOff; r++) if (filled(rowAt(values, r)[col])) return true;
    return false;
  };

  const columns: GridColumn[] = [];
  const dropped: string[] = [];
  const placed = new Set<string>();
  for (let c = 0; c < oldWidth; c++) {
    if (c < FIRST_ITEM_COL) {
      columns.push({ kind: 'field', old: c });
      continue;
    }
    const h = text(header[c]);
    const removedHeading = h.startsWith(REMOVED_PREFIX);
    const code = removedHeading ? h.slice(REMOVED_PREFIX.length).trim() : h;
    const ours = removedHeading || ITEM_KINDS.has(normaliseLabel(kinds[c] ?? null));
    const item = byKey.get(codeKey(code));
    if (item && !placed.has(item.code) && (ours || h !== '')) {
      placed.add(item.code);
      columns.push({ kind: 'item', code: item.code, old: c, wasItem: ours && !removedHeading });
    } else if (ours && h !== '' && !item) {
      // An item the standard no longer has: its marks stay in their column; an empty column goes.
      if (removedHeading || hasEntries(c)) columns.push({ kind: 'removed', code, old: c, moved: !removedHeading });
      else dropped.push(code);
    } else columns.push({ kind: 'user', old: c });
  }
  // New items go after the nearest earlier item of the standard that has a column.
  items.forEach((item, k) => {
    if (placed.has(item.code)) return;
    let at = -1;
    for (let j = k - 1; j >= 0 && at < 0; j--) at = columns.findIndex((col) => col.kind === 'item' && col.code === items[j]!.code);
    if (at < 0) {
      const firstItem = columns.findIndex((col) => col.kind === 'item' || col.kind === 'removed');
      at = (firstItem < 0 ? FIRST_ITEM_COL : firstItem) - 1;
    }
    columns.splice(at + 1, 0, { kind: 'item', code: item.code, old: null, wasItem: false });
    placed.add(item.code);
  });

  const lastUsed = Math.max(-1, ...contentRows.map((r) => r - ROWS.firstEvidence));
  // Never fewer rows than before (a blank row may still carry a note or a fill); room for ten more entries.
  const evidenceRows = Math.max(oldEvidenceRows, lastUsed + 1 + 10);
  const colSlots: Slot[] = columns.map((c) => c.old);
  const edits = [
    ...(evidenceRows > oldEvidenceRows ? [{ axis: 'rows', op: 'insert', at: ROWS.firstEvidence + oldEvidenceRows, count: evidenceRows - oldEvidenceRows } as StructuralEdit] : []),
    ...editsFromSlots('columns', oldWidth, colSlots),
  ];
  return { columns, oldEvidenceRows, evidenceRows, edits, dropped };
}

/** Where an old cell is after the edits (null when its row or column was deleted). */
export function movedCell(row: number, col: number, edits: readonly StructuralEdit[]): CellRange | null {
  const r = mapIndex(row, 'rows', edits);
  const c = mapIndex(col, 'columns', edits);
  return r === null || c === null ? null : { row: r, col: c };
}
