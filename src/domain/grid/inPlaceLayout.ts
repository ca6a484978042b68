import { ITEM_KIND_LABELS, type RequiredItem } from '../standards/itemCodes';
import type { CellRange, PlanValue, StructuralEdit, ValueBlock } from '../workbook/plan';
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
  // New rows go right after the last entry: inside the evidence area where it has a blank row left,
  // so that references to the area (the cohort summary's dates, the user's own totals) grow with it.
  const insertAt = ROWS.firstEvidence + Math.min(lastUsed + 1, oldEvidenceRows);
  const edits = [
    ...(evidenceRows > oldEvidenceRows ? [{ axis: 'rows', op: 'insert', at: insertAt, count: evidenceRows - oldEvidenceRows } as StructuralEdit] : []),
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

// ---------------------------------------------------------------------------------------------
// Criteria rows: a row per item, refs across. Columns stay as they are; rows are inserted for new
// items (after the standard's previous item) and deleted for dropped items nobody entered anything against.

/** One row of the new criteria-rows grid, between the header row and the sign-off. */
export type CriteriaRow =
  | { kind: 'item'; code: string; old: number | null }
  | { kind: 'removed'; code: string; old: number; moved: boolean }
  | { kind: 'user'; old: number };

export interface CriteriaGridInPlace {
  rows: CriteriaRow[];
  edits: StructuralEdit[];
  dropped: string[];
}

export interface CriteriaSheetShape {
  title: string;
  headerRow: number;
  firstItem: number;
  /** Expected header labels by column (normalised compare). */
  labels: readonly (string | null)[];
  codeCol: number;
  kindCol: number;
  removedKind: string;
  removedSection: string;
  /** Columns holding what the user enters on an item row (refs, date, decision, own columns). */
  entryCols: readonly number[];
}

/** How a criteria-rows sheet this product built becomes the grid of `items` in place, or null when it is not laid out as ours. */
export function criteriaGridInPlace(values: Rows, items: readonly RequiredItem[], shape: CriteriaSheetShape): CriteriaGridInPlace | null {
  if (normaliseLabel(rowAt(values, 0)[0] ?? null) !== normaliseLabel(shape.title)) return null;
  const header = rowAt(values, shape.headerRow);
  if (!shape.labels.every((l, c) => l === null || normaliseLabel(header[c] ?? null) === normaliseLabel(l))) return null;
  let signOff = -1;
  for (let r = shape.firstItem; r < values.length; r++) {
    if (normaliseLabel(rowAt(values, r)[0] ?? null) === normaliseLabel(SIGN_OFF.heading)) {
      signOff = r;
      break;
    }
  }
  if (signOff < 0) return null;
  const oldCount = Math.max(0, signOff - 1 - shape.firstItem);
  const byKey = new Map(items.map((i) => [codeKey(i.code), i]));
  const removedKind = normaliseLabel(shape.removedKind);
  const rows: CriteriaRow[] = [];
  const dropped: string[] = [];
  const placed = new Set<string>();
  let inRemovedSection = false;
  for (let i = 0; i < oldCount; i++) {
    const r = shape.firstItem + i;
    const row = rowAt(values, r);
    if (normaliseLabel(row[0] ?? null) === normaliseLabel(shape.removedSection)) inRemovedSection = true;
    const code = text(row[shape.codeCol]);
    const kind = normaliseLabel(row[shape.kindCol] ?? null);
    const item = byKey.get(codeKey(code));
    const ours = ITEM_KINDS.has(kind) || kind === removedKind;
    if (inRemovedSection || code === '') rows.push({ kind: 'user', old: r });
    else if (item && !placed.has(item.code)) {
      placed.add(item.code);
      rows.push({ kind: 'item', code: item.code, old: r });
    } else if (ours && !item) {
      if (shape.entryCols.some((c) => filled(row[c]))) rows.push({ kind: 'removed', code, old: r, moved: kind !== removedKind });
      else dropped.push(code);
    } else rows.push({ kind: 'user', old: r });
  }
  items.forEach((item, k) => {
    if (placed.has(item.code)) return;
    let at = -1;
    for (let j = k - 1; j >= 0 && at < 0; j--) at = rows.findIndex((row) => row.kind === 'item' && row.code === items[j]!.code);
    if (at < 0) {
      const firstItem = rows.findIndex((row) => row.kind === 'item' || row.kind === 'removed');
      at = (firstItem < 0 ? rows.length : firstItem) - 1;
    }
    rows.splice(at + 1, 0, { kind: 'item', code: item.code, old: null });
    placed.add(item.code);
  });
  const slots: Slot[] = rows.map((row) => (row.old === null ? null : row.old - shape.firstItem));
  const edits = editsFromSlots('rows', oldCount, slots).map((e) => ({ ...e, at: e.at + shape.firstItem }));
  return { rows, edits, dropped };
}

/** The cells a builder set (explicit blanks included), outside `keep`: one block per run of a row. */
export function setCellBlocks(rows: readonly (readonly PlanValue[] | undefined)[], keep: readonly CellRange[]): ValueBlock[] {
  const kept = (r: number, c: number) => keep.some((k) => r >= k.row && r <= (k.endRow ?? k.row) && c >= k.col && c <= (k.endCol ?? k.col));
  const blocks: ValueBlock[] = [];
  rows.forEach((row, r) => {
    let run: ValueBlock | null = null;
    for (let c = 0; c < (row?.length ?? 0); c++) {
      const v = row?.[c];
      if (v === undefined || kept(r, c)) {
        run = null;
        continue;
      }
      if (!run) blocks.push((run = { row: r, col: c, values: [[]] }));
      run.values[0]!.push(v);
    }
  });
  return blocks;
}
