/*
 * Reading through office-js: the workbook's existing names for the pre-flight, and used ranges
 * read in pieces whose responses stay under Excel on the web's 5 MB limit.
 */
import { nameTargetSheet, type ExistingNames } from '../../domain/workbook/preflight';
import type { RawCell } from '../../domain/workbook/sheetValues';
import { jsonBytes } from './payload';

/**
 * Every sheet, table and workbook-scoped name, for the pre-flight (domain/workbook/preflight.ts).
 * Two requests whatever the workbook holds: sheets and names, then each sheet's tables (a table's
 * sheet is not a property of the workbook's table collection).
 */
export async function readExistingNames(context: Excel.RequestContext): Promise<{ existing: ExistingNames; syncs: number }> {
  const sheets = context.workbook.worksheets.load('items/name');
  const names = context.workbook.names.load('items/name,items/formula');
  await context.sync();
  const tables = sheets.items.map((s) => s.tables.load('items/name'));
  await context.sync();
  return {
    existing: {
      sheets: sheets.items.map((s) => s.name),
      tables: sheets.items.flatMap((s, i) => (tables[i] as Excel.TableCollection).items.map((t) => ({ name: t.name, sheet: s.name }))),
      names: names.items.map((n) => ({ name: n.name, ...nameTargetSheet(typeof n.formula === 'string' ? n.formula : '') })),
    },
    syncs: 2,
  };
}

export function toRaw(v: unknown): RawCell {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

/** A sheet's used range, zero-based. */
export interface UsedShape {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A rectangle of one sheet read in one load. */
export interface ReadPiece {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * A first guess at what one cell costs in a response of values and formulas (both echo a text
 * cell: 2 x (text + quotes and comma)); replaced by what the responses actually measure.
 */
export const INITIAL_CELL_BYTES = 96;

/**
 * Cuts used ranges into pieces of whole rows (a row too wide by columns) whose estimated response
 * fits `budget`, then groups them into requests that each fit it too.
 */
export function planReads(shapes: readonly (UsedShape | null)[], cellBytes: (sheet: number) => number, budget: number): ReadPiece[][] {
  const pieces: { piece: ReadPiece; bytes: number }[] = [];
  shapes.forEach((shape, sheet) => {
    if (!shape) return;
    const per = Math.max(1, cellBytes(sheet));
    const rowBytes = per * shape.cols;
    if (rowBytes > budget) {
      const colsPer = Math.max(1, Math.floor(budget / per));
      for (let r = 0; r < shape.rows; r++) {
        for (let c = 0; c < shape.cols; c += colsPer) {
          const cols = Math.min(colsPer, shape.cols - c);
          pieces.push({ piece: { sheet, row: shape.row + r, col: shape.col + c, rows: 1, cols }, bytes: per * cols });
        }
      }
      return;
    }
    const rowsPer = Math.max(1, Math.floor(budget / rowBytes));
    for (let r = 0; r < shape.rows; r += rowsPer) {
      const rows = Math.min(rowsPer, shape.rows - r);
      pieces.push({ piece: { sheet, row: shape.row + r, col: shape.col, rows, cols: shape.cols }, bytes: rows * rowBytes });
    }
  });
  const requests: ReadPiece[][] = [];
  let current: ReadPiece[] = [];
  let bytes = 0;
  for (const p of pieces) {
    if (current.length > 0 && bytes + p.bytes > budget) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p.piece);
    bytes += p.bytes;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/** Halves a piece (by rows, a single row by columns); null for a single cell. */
function halve(p: ReadPiece): [ReadPiece, ReadPiece] | null {
  if (p.rows > 1) {
    const top = Math.ceil(p.rows / 2);
    return [
      { ...p, rows: top },
      { ...p, row: p.row + top, rows: p.rows - top },
    ];
  }
  if (p.cols > 1) {
    const left = Math.ceil(p.cols / 2);
    return [
      { ...p, cols: left },
      { ...p, col: p.col + left, cols: p.cols - left },
    ];
  }
  return null;
}

const isResponseTooLarge = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'ResponsePayloadSizeLimitExceeded';

/**
 * Loads values and formulas of every used range in requests whose responses stay under `budget`
 * (Excel on the web refuses a response over 5 MB). Sizes are estimated per cell, then measured on
 * each response (the largest density seen so far is used for sheets not yet read); a response Excel
 * still refuses is retried in halves, so a read never fails for size.
 */
export async function readInPieces(
  context: Excel.RequestContext,
  shapes: readonly (UsedShape | null)[],
  budget: number,
  onPiece: (piece: ReadPiece, values: unknown[][], formulas: unknown[][]) => void,
  sheetOf: (sheet: number) => Excel.Worksheet,
): Promise<void> {
  const measured = new Map<number, number>();
  let densest = INITIAL_CELL_BYTES;
  const density = (sheet: number): number => Math.max(measured.get(sheet) ?? densest, 1);
  const done = new Set<string>();
  const key = (p: ReadPiece): string => `${p.sheet}:${p.row}:${p.col}:${p.rows}:${p.cols}`;
  let queue: ReadPiece[][] = planReads(shapes, density, budget);
  while (queue.length > 0) {
    const request = queue.shift() as ReadPiece[];
    const ranges = request.map((p) => sheetOf(p.sheet).getRangeByIndexes(p.row, p.col, p.rows, p.cols).load('values,formulas'));
    try {
      await context.sync();
    } catch (e) {
      if (!isResponseTooLarge(e)) throw e;
      // Still too big: the same pieces in two requests, or each piece in halves.
      if (request.length > 1) {
        const half = Math.ceil(request.length / 2);
        queue = [request.slice(0, half), request.slice(half), ...queue];
      } else {
        const halves = halve(request[0] as ReadPiece);
        if (!halves) throw e;
        queue = [[halves[0]], [halves[1]], ...queue];
      }
      continue;
    }
    const perSheet = new Map<number, { bytes: number; cells: number }>();
    request.forEach((p, i) => {
      const range = ranges[i] as Excel.Range;
      if (done.has(key(p))) return;
      done.add(key(p));
      onPiece(p, range.values, range.formulas);
      const m = perSheet.get(p.sheet) ?? { bytes: 0, cells: 0 };
      m.bytes += jsonBytes(range.values) + jsonBytes(range.formulas);
      m.cells += p.rows * p.cols;
      perSheet.set(p.sheet, m);
    });
    let grew = false;
    for (const [sheet, m] of perSheet) {
      const d = Math.ceil(m.bytes / Math.max(1, m.cells));
      if (d > (measured.get(sheet) ?? 0)) measured.set(sheet, d);
      if (d > densest) {
        densest = d;
        grew = true;
      }
    }
    // Responses denser than guessed: re-plan what is left with what was measured.
    if (grew && queue.length > 0) {
      const left = queue.flat();
      queue = planReadsOfPieces(left, density, budget);
    }
  }
}

/** planReads over pieces already cut (what is left of a read), re-cut to the current estimates. */
function planReadsOfPieces(pieces: readonly ReadPiece[], cellBytes: (sheet: number) => number, budget: number): ReadPiece[][] {
  const requests: ReadPiece[][] = [];
  for (const p of pieces) {
    const sub = planReads([{ row: p.row, col: p.col, rows: p.rows, cols: p.cols }], () => cellBytes(p.sheet), budget).flat();
    for (const s of sub) requests.push([{ ...s, sheet: p.sheet }]);
  }
  // Regroup the single pieces into requests under the budget.
  const grouped: ReadPiece[][] = [];
  let current: ReadPiece[] = [];
  let bytes = 0;
  for (const [p] of requests as [ReadPiece][]) {
    const b = cellBytes(p.sheet) * p.rows * p.cols;
    if (current.length > 0 && bytes + b > budget) {
      grouped.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += b;
  }
  if (current.length > 0) grouped.push(current);
  return grouped;
}
