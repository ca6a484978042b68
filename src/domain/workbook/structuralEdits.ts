import { formatReferencePart, parseReferencePart, quoteSheet, unquoteSheet, type CellRange, type ReferencePart } from './a1';
import type { StructuralEdit } from './plan';

/*
 * Whole-row and whole-column inserts and deletes, as Excel applies them: cells below/right move,
 * references in formulas and names follow, a reference to a deleted cell becomes #REF!. Pure, so
 * both adapters (and the tests' model of Excel) move cells and rewrite formulas the same way.
 */

/** A slot of the new layout: the old index it comes from, or null for an inserted row/column. */
export type Slot = number | null;

/**
 * The edits that turn `oldCount` rows (or columns) into the `slots` layout. Old indices must appear
 * in increasing order (the layout is monotone); old indices missing from `slots` are deleted.
 * Edits run from the bottom/right up, so each `at` is an old position.
 */
export function editsFromSlots(axis: StructuralEdit['axis'], oldCount: number, slots: readonly Slot[]): StructuralEdit[] {
  const kept = slots.filter((s): s is number => s !== null);
  for (let i = 1; i < kept.length; i++) if (kept[i]! <= kept[i - 1]!) throw new Error('Layout slots must keep the old order');
  const keptSet = new Set(kept);
  const edits: StructuralEdit[] = [];
  // Inserts: each run of new slots goes before the next kept old index (or at the old end).
  let run = 0;
  const inserts: StructuralEdit[] = [];
  for (let i = 0; i <= slots.length; i++) {
    const s = i < slots.length ? slots[i] : undefined;
    if (s === null) {
      run++;
      continue;
    }
    if (run > 0) inserts.push({ axis, op: 'insert', at: s === undefined ? Math.max(oldCount, (kept[kept.length - 1] ?? -1) + 1) : s, count: run });
    run = 0;
  }
  const deletes: StructuralEdit[] = [];
  for (let i = 0; i < oldCount; i++) {
    if (keptSet.has(i)) continue;
    const last = deletes[deletes.length - 1];
    if (last && last.at + last.count === i) last.count++;
    else deletes.push({ axis, op: 'delete', at: i, count: 1 });
  }
  edits.push(...inserts, ...deletes);
  // Bottom/right first; at one position a delete (of cells at and after it) comes before an insert before it.
  edits.sort((a, b) => b.at - a.at || (a.op === b.op ? 0 : a.op === 'delete' ? -1 : 1));
  return edits;
}

/** Where an old row (or column) index ends up after the edits of its axis, or null if deleted. */
export function mapIndex(index: number, axis: StructuralEdit['axis'], edits: readonly StructuralEdit[]): number | null {
  let i = index;
  for (const e of edits) {
    if (e.axis !== axis) continue;
    if (e.op === 'insert') {
      if (i >= e.at) i += e.count;
    } else if (i >= e.at + e.count) i -= e.count;
    else if (i >= e.at) return null;
  }
  return i;
}

/** A span [start, end] after the edits (it grows when rows are inserted inside it), or null when all of it is deleted. */
export function mapSpan(start: number, end: number, axis: StructuralEdit['axis'], edits: readonly StructuralEdit[]): [number, number] | null {
  let a = start;
  let b = end;
  for (const e of edits) {
    if (e.axis !== axis) continue;
    if (e.op === 'insert') {
      if (e.at <= a) {
        a += e.count;
        b += e.count;
      } else if (e.at <= b) b += e.count;
    } else {
      const p = e.at;
      const q = e.at + e.count; // first index after the deleted ones
      const na = a < p ? a : a >= q ? a - e.count : p;
      const nb = b < p ? b : b >= q ? b - e.count : p - 1;
      if (nb < na) return null;
      a = na;
      b = nb;
    }
  }
  return [a, b];
}

/** A range after the edits, or null when it was deleted entirely. */
export function mapRange(range: CellRange, edits: readonly StructuralEdit[]): CellRange | null {
  const rows = mapSpan(range.row, range.endRow ?? range.row, 'rows', edits);
  const cols = mapSpan(range.col, range.endCol ?? range.col, 'columns', edits);
  if (!rows || !cols) return null;
  return { row: rows[0], col: cols[0], endRow: rows[1], endCol: cols[1] };
}

/** A 2-D array of values after the edits (cells move; inserted cells are blank). For tests and previews. */
export function applyEditsToGrid<T>(values: readonly (readonly T[])[], edits: readonly StructuralEdit[], blank: T): T[][] {
  let rows = Array.from(values, (r) => [...(r ?? [])]);
  for (const e of edits) {
    if (e.axis === 'rows') {
      const copy = [...rows];
      if (e.op === 'insert') copy.splice(Math.min(e.at, copy.length), 0, ...Array.from({ length: e.count }, () => [] as T[]));
      else copy.splice(e.at, e.count);
      rows = copy;
    } else {
      rows = rows.map((r) => {
        const copy = [...r];
        if (e.op === 'insert') {
          if (e.at < copy.length) copy.splice(e.at, 0, ...Array.from({ length: e.count }, () => blank));
        } else copy.splice(e.at, e.count);
        return copy;
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// References in formulas.

const REF = /((?:'(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w(!.])/y;


/** One reference (a cell, a range, whole rows or columns) after the edits, or "#REF!". */
function shiftReference(text: string, edits: readonly StructuralEdit[]): string {
  const [first, second] = text.split(':');
  const a = parseReferencePart(first!);
  const b = second !== undefined ? parseReferencePart(second) : a;
  if (!a || !b) return text;
  const out: ReferencePart[] = [{ ...a }, { ...b }];
  for (const axis of ['rows', 'columns'] as const) {
    const key = axis === 'rows' ? 'row' : 'col';
    const start = a[key];
    const end = b[key];
    if (start === null || end === null) continue;
    if (second === undefined) {
      const moved = mapIndex(start, axis, edits);
      if (moved === null) return '#REF!';
      out[0]![key] = moved;
      out[1]![key] = moved;
    } else {
      const span = mapSpan(Math.min(start, end), Math.max(start, end), axis, edits);
      if (!span) return '#REF!';
      out[0]![key] = span[0];
      out[1]![key] = span[1];
    }
  }
  return second === undefined ? formatReferencePart(out[0]!) : `${formatReferencePart(out[0]!)}:${formatReferencePart(out[1]!)}`;
}

/**
 * A formula (with or without "=") after rows/columns of `sheet` were inserted or deleted:
 * references into that sheet move as Excel moves them. `onSheet` says whether the formula sits on
 * that sheet (then its references without a sheet name point there too). Text in "quotes" and
 * structured references in [brackets] are left alone.
 */
export function shiftFormula(formula: string, sheet: string, onSheet: boolean, edits: readonly StructuralEdit[]): string {
  if (edits.length === 0) return formula;
  const target = sheet.toLowerCase();
  let out = '';
  let i = 0;
  let bracket = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') bracket++;
    if (ch === ']') bracket = Math.max(0, bracket - 1);
    const prev = i > 0 ? formula[i - 1]! : '';
    if (bracket === 0 && !/[\w.$\u00C0-\uFFFF]/.test(prev)) {
      REF.lastIndex = i;
      const m = REF.exec(formula);
      if (m) {
        const prefix = m[1];
        const mine = prefix ? unquoteSheet(prefix.slice(0, -1)).toLowerCase() === target : onSheet;
        out += mine ? `${prefix ?? ''}${shiftReference(m[2]!, edits)}` : m[0];
        i += m[0].length;
        continue;
      }
      // A word that is not a reference (a function or a name): skip it whole, so "LOG10" is not "G10".
      const word = /[\w.\u00C0-\uFFFF]+/y;
      word.lastIndex = i;
      const w = word.exec(formula);
      if (w) {
        out += w[0];
        i += w[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** "'Sheet'!$A$1:$B$2" of a name after the edits of `sheet` (a name elsewhere is unchanged). */
export function shiftNameReference(reference: string, sheet: string, edits: readonly StructuralEdit[]): string {
  return shiftFormula(reference, sheet, false, edits);
}

/** The sheet-qualified absolute reference of a range, as a defined name holds it. */
export function nameReference(sheet: string, a1: string): string {
  return `${quoteSheet(sheet)}!${a1}`;
}
