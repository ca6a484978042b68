/*
 * Pure preparation for the office-js adapter: every plan value becomes what office-js is sent
 * (2-D values/formulas and the number formats that keep text as text), split to the request budget.
 */
import { isDate, isFormula, type CellRange, type PlanValue, type SheetPlan, type WorkbookPlan } from '../../domain/workbook/plan';
import { isoDateToSerial } from '../../domain/workbook/sheetValues';
import { ACTION_OVERHEAD_BYTES, jsonBytes } from './payload';

type Input = string | number | boolean | null;

/**
 * True for strings Excel would not keep verbatim when written through `values`: formula prefixes,
 * a leading apostrophe (eaten as a prefix), error literals, booleans, and anything with a digit
 * (numbers, dates, times, fractions, percentages, currency; which ones depends on the user's
 * locale, so every digit counts).
 */
export function needsTextFormat(s: string): boolean {
  if (s === '') return false;
  return /^[=+\-@']/.test(s) || /\d/.test(s) || /^\s*(true|false)\s*$/i.test(s) || /^\s*#/.test(s) || /^\s+[=+\-@]/.test(s);
}

/** Excel column width in characters -> office-js points (Calibri 11: 7 px per digit + 5 px padding, 96 dpi). */
export function columnWidthPoints(chars: number): number {
  if (chars <= 0) return 0;
  const px = chars < 1 ? Math.round(chars * 12) : Math.round(chars * 7 + 5);
  return px * 0.75;
}



/** A rectangular write of one 2-D property (numberFormat, values or formulas). */
export interface MatrixWrite {
  row: number;
  col: number;
  prop: 'numberFormat' | 'values' | 'formulas';
  data: Input[][];
}

export interface PreparedSheet {
  plan: SheetPlan;
  /** In the order they must be applied: each block's formats, then its values. */
  writes: MatrixWrite[];
}

export function rangeEnd(r: CellRange): { endRow: number; endCol: number } {
  return { endRow: r.endRow ?? r.row, endCol: r.endCol ?? r.col };
}

/**
 * The number formats a block needs ("@" for risky text, the date format for dates) as the cheaper
 * of: rectangles of equal formats (runs per row, merged down), or one matrix with nulls elsewhere.
 */
function formatWrites(row0: number, col0: number, formats: (string | null)[][]): MatrixWrite[] {
  const rects: { r0: number; r1: number; c0: number; c1: number; fmt: string }[] = [];
  let open: typeof rects = [];
  formats.forEach((row, i) => {
    const runsHere: typeof rects = [];
    for (let j = 0; j < row.length; j++) {
      const f = row[j];
      if (f === null || f === undefined) continue;
      const last = runsHere[runsHere.length - 1];
      if (last && last.c1 === j - 1 && last.fmt === f) last.c1 = j;
      else runsHere.push({ r0: i, r1: i, c0: j, c1: j, fmt: f });
    }
    const next: typeof rects = [];
    for (const run of runsHere) {
      const above = open.find((o) => o.c0 === run.c0 && o.c1 === run.c1 && o.fmt === run.fmt && o.r1 === i - 1);
      if (above) {
        above.r1 = i;
        next.push(above);
      } else {
        rects.push(run);
        next.push(run);
      }
    }
    open = next;
  });
  if (rects.length === 0) return [];
  const rectBytes = rects.reduce((n, r) => n + ACTION_OVERHEAD_BYTES + (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1) * (jsonBytes(r.fmt) + 1), 0);
  const matrixBytes = ACTION_OVERHEAD_BYTES + jsonBytes(formats);
  if (matrixBytes <= rectBytes) return [{ row: row0, col: col0, prop: 'numberFormat', data: formats }];
  return rects.map((r) => ({
    row: row0 + r.r0,
    col: col0 + r.c0,
    prop: 'numberFormat' as const,
    data: Array.from({ length: r.r1 - r.r0 + 1 }, () => Array.from({ length: r.c1 - r.c0 + 1 }, () => r.fmt)),
  }));
}

function prepareBlock(block: SheetPlan['blocks'][number], dateFormat: string): MatrixWrite[] {
  const width = Math.max(0, ...block.values.map((r) => r.length));
  let hasFormula = false;
  const inputs: Input[][] = [];
  const formats: (string | null)[][] = [];
  block.values.forEach((row) => {
    const inRow: Input[] = [];
    const fmtRow: (string | null)[] = [];
    for (let j = 0; j < width; j++) {
      if (j >= row.length) {
        // Ragged rows: null leaves the cell as it is.
        inRow.push(null);
        fmtRow.push(null);
        continue;
      }
      const v: PlanValue = row[j] ?? null;
      let input: Input;
      let fmt: string | null = null;
      if (v === null) input = '';
      else if (isFormula(v)) {
        input = v.formula.startsWith('=') ? v.formula : `=${v.formula}`;
        hasFormula = true;
      } else if (isDate(v)) {
        input = isoDateToSerial(v.date);
        fmt = dateFormat;
      } else if (typeof v === 'number') {
        input = v;
      } else if (typeof v === 'string') {
        input = v;
        if (needsTextFormat(v)) fmt = '@';
      } else input = v;
      inRow.push(input);
      fmtRow.push(fmt);
    }
    inputs.push(inRow);
    formats.push(fmtRow);
  });
  // The "@" must be in place before the text arrives, or Excel parses it.
  return [...formatWrites(block.row, block.col, formats), { row: block.row, col: block.col, prop: hasFormula ? 'formulas' : 'values', data: inputs }];
}

/** What office-js is sent for each sheet; the plan was checked against Excel's limits first (limits.ts). */
export function preparePlan(plan: WorkbookPlan): PreparedSheet[] {
  return plan.sheets.map((sheet) => ({ plan: sheet, writes: sheet.blocks.flatMap((b) => prepareBlock(b, plan.dateFormat)) }));
}

/**
 * Splits a matrix write into pieces of at most `budget` estimated bytes: whole rows where they
 * fit, a row too wide for one request by columns. A single cell larger than the budget stays one
 * (oversized) piece.
 */
export function splitMatrixWrite(write: MatrixWrite, budget: number): { write: MatrixWrite; bytes: number }[] {
  const rowCount = write.data.length;
  const width = write.data[0]?.length ?? 0;
  const rowSizes = write.data.map((r) => jsonBytes(r) + 1);
  const base = ACTION_OVERHEAD_BYTES + 2;
  const whole = base + rowSizes.reduce((a, b) => a + b, 0);
  if (whole <= budget || rowCount === 0) return [{ write, bytes: whole }];

  const slice = (r0: number, r1: number, c0: number, c1: number): MatrixWrite => ({
    row: write.row + r0,
    col: write.col + c0,
    prop: write.prop,
    data: write.data.slice(r0, r1).map((r) => r.slice(c0, c1)),
  });
  const out: { write: MatrixWrite; bytes: number }[] = [];
  let start = 0;
  let acc = base;
  const flush = (end: number): void => {
    if (end > start) out.push({ write: slice(start, end, 0, width), bytes: acc });
    start = end;
    acc = base;
  };
  for (let i = 0; i < rowCount; i++) {
    const size = rowSizes[i] ?? 0;
    if (base + 2 + size > budget) {
      // One row alone is too big: send it in column pieces.
      flush(i);
      const row = write.data[i] ?? [];
      let c0 = 0;
      let cAcc = base + 2;
      for (let j = 0; j < width; j++) {
        const cb = jsonBytes(row[j] ?? null) + 1;
        if (j > c0 && cAcc + cb > budget) {
          out.push({ write: slice(i, i + 1, c0, j), bytes: cAcc });
          c0 = j;
          cAcc = base + 2;
        }
        cAcc += cb;
      }
      out.push({ write: slice(i, i + 1, c0, width), bytes: cAcc });
      start = i + 1;
      continue;
    }
    if (i > start && acc + size > budget) flush(i);
    acc += size;
  }
  flush(rowCount);
  return out;
}
