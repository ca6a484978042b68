/*
 * The office-js workbook adapter: applies a WorkbookPlan to the open workbook and reads sheets back.
 *
 * Batching (STYLE.md, Microsoft's guidance): everything is queued and sent in as few requests as
 * the payload allows. apply = one sync to learn which planned sheets and names already exist
 * (all at once) + one sync that writes everything, whatever the number of sheets or cells. Only
 * when the queued payload would pass `maxRequestBytes` (default 4.5 MB, under Excel on the web's
 * 5 MB request limit) is the request sent early; a value block bigger than a whole request is
 * split by rows (and a row too wide by columns). sheetNames = 1 sync. readSheets = 2 syncs (which
 * sheets exist, their used-range shapes) + as many as the values and formulas need to keep each
 * response under `maxResponseBytes` (Excel on the web refuses responses over 5 MB).
 *
 * Payload is estimated as the UTF-8 size of each action's JSON argument plus a fixed allowance for
 * the action and its object path (ACTION_OVERHEAD_BYTES); the real request is JSON of the same
 * arguments, so the estimate tracks it closely and errs high.
 *
 * User text is always text: a string Excel would not store verbatim (formula-like "=x", "+x",
 * "-x", "@x", anything with a digit that could parse as a number/date/time, TRUE/FALSE, "#N/A",
 * a leading apostrophe) gets number format "@" in the same request, before its value is written.
 * PlanFormula cells are the only formulas.
 */
import {
  address,
  isDate,
  isFormula,
  quoteSheet,
  type CellRange,
  type CellStyle,
  type ChartPlan,
  type PlanValue,
  type SheetPlan,
  type SheetRebuild,
  type WorkbookPlan,
} from '../../domain/workbook/plan';
import { describeClashes, nameTargetSheet, planClashes, type ExistingNames } from '../../domain/workbook/preflight';
import { isoDateToSerial, type RawCell } from '../../domain/workbook/sheetValues';
import type { ApplyStats, WorkbookAdapter } from '../workbookAdapter';

/** Excel.run, injected so tests can pass a fake. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Largest request payload to send in one sync. Default 4.5 MB. */
  maxRequestBytes?: number;
  /** Largest estimated response to ask for in one sync when reading. Default 4 MB. */
  maxResponseBytes?: number;
}

/**
 * ApplyStats as this adapter counts them: `syncs` round trips; `requests` actions queued (property
 * writes, method calls, loads; estimated); `maxRequestBytes`/`totalBytes` estimated payload.
 * `oversizedRequests` counts syncs that exceeded the budget because one action (a single cell)
 * could not be split further.
 */
export interface OfficeApplyStats extends ApplyStats {
  oversizedRequests: number;
}

export interface OfficeWorkbookAdapter extends WorkbookAdapter {
  apply(plan: WorkbookPlan): Promise<OfficeApplyStats>;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_500_000;
/** Reads aim under Excel on the web's 5 MB response limit with room for the estimate to be low. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4_000_000;
/**
 * The newest API set this adapter calls (Table.resize 1.13, for a table on a sheet rebuilt in place;
 * pageLayout, autoFilter 1.9; dataValidation 1.8; chart series setValues/setXAxisValues 1.7). Every
 * Excel with CustomFunctionsRuntime 1.2 (which the manifest requires too: Microsoft 365, Office 2021
 * and later, the web, Mac) has it (https://learn.microsoft.com/en-us/javascript/api/requirement-sets/excel/excel-api-requirement-sets).
 * manifest.xml requires it (with SharedRuntime 1.1, which
 * every Excel that has it also offers), so Excel only loads the add-in where it is available.
 */
export const REQUIRED_EXCEL_API = '1.13';
/** Allowance per queued action for its type, object path and ids in the request JSON. */
export const ACTION_OVERHEAD_BYTES = 300;

/** A plan office-js cannot apply as written; thrown before anything in the workbook changes. */
export class OfficePlanError extends Error {
  override readonly name = 'OfficePlanError';
}

// ---------------------------------------------------------------------------------------------
// Pure preparation: every plan value becomes what office-js is sent, before any request

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

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const jsonBytes = (v: unknown): number => utf8Length(JSON.stringify(v) ?? 'null');

/** A rectangular write of one 2-D property (numberFormat, values or formulas). */
export interface MatrixWrite {
  row: number;
  col: number;
  prop: 'numberFormat' | 'values' | 'formulas';
  data: Input[][];
}

interface PreparedSheet {
  plan: SheetPlan;
  /** In the order they must be applied: each block's formats, then its values. */
  writes: MatrixWrite[];
}

function rangeEnd(r: CellRange): { endRow: number; endCol: number } {
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

function prepareBlock(block: SheetPlan['blocks'][number], dateFormat: string, where: string): MatrixWrite[] {
  const width = Math.max(0, ...block.values.map((r) => r.length));
  let hasFormula = false;
  const inputs: Input[][] = [];
  const formats: (string | null)[][] = [];
  block.values.forEach((row, i) => {
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
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) throw new OfficePlanError(`${where} row ${block.row + i + 1}: '${v.date}' is not a yyyy-mm-dd date.`);
        input = isoDateToSerial(v.date);
        fmt = dateFormat;
      } else if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new OfficePlanError(`${where} row ${block.row + i + 1}: ${v} cannot be written to a cell.`);
        input = v;
      } else if (typeof v === 'string') {
        if (v.length > 32_767) throw new OfficePlanError(`${where} row ${block.row + i + 1}: a cell holds at most 32,767 characters.`);
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

function validName(name: string): boolean {
  return /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) && name.length <= 255 && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
}

function checkRange(r: CellRange, where: string): void {
  const { endRow, endCol } = rangeEnd(r);
  if (![r.row, r.col, endRow, endCol].every((n) => Number.isInteger(n) && n >= 0) || endRow < r.row || endCol < r.col || endRow >= 1_048_576 || endCol >= 16_384) {
    throw new OfficePlanError(`${where}: invalid range ${JSON.stringify(r)}.`);
  }
}

/** Everything office-js would reject, found before the workbook is touched. */
function preparePlan(plan: WorkbookPlan): PreparedSheet[] {
  const sheetNames = new Set<string>();
  const workbookNames = new Set<string>();
  for (const sheet of plan.sheets) {
    const n = sheet.name;
    if (n.trim() === '' || n.length > 31 || /[[\]:*?/\\]/.test(n) || n.startsWith("'") || n.endsWith("'") || n.toLowerCase() === 'history') {
      throw new OfficePlanError(`'${n}' cannot be an Excel sheet name (at most 31 characters, none of [ ] : * ? / \\).`);
    }
    if (sheetNames.has(n.toLowerCase())) throw new OfficePlanError(`The plan has two sheets named '${n}'.`);
    sheetNames.add(n.toLowerCase());
    for (const t of sheet.tables) {
      if (!validName(t.name)) throw new OfficePlanError(`'${t.name}' cannot be an Excel table name.`);
      if (workbookNames.has(t.name.toLowerCase())) throw new OfficePlanError(`The plan uses the table or range name '${t.name}' twice.`);
      workbookNames.add(t.name.toLowerCase());
      checkRange(t.range, `Table ${t.name}`);
    }
    for (const v of sheet.validations) {
      checkRange(v.range, `Validation on ${n}`);
      const bad = v.list.find((item) => item.includes(',') || item.trim() === '');
      if (bad !== undefined) throw new OfficePlanError(`Validation list on ${n} ${address(v.range)}: '${bad}' cannot be an item of an Excel list (no commas, not blank).`);
      if (v.list.join(',').length > 255) throw new OfficePlanError(`Validation list on ${n} ${address(v.range)} is longer than Excel's 255 characters.`);
    }
    for (const s of sheet.styles) {
      checkRange(s.range, `Style on ${n}`);
      if (s.style.rotation !== undefined && (s.style.rotation < -90 || s.style.rotation > 90)) throw new OfficePlanError(`Text rotation ${s.style.rotation} on ${n} is outside -90..90.`);
    }
    for (const r of [...sheet.merges, ...sheet.conditionalFormats.map((c) => c.range), ...sheet.dataBars.map((d) => d.range)]) checkRange(r, `Range on ${n}`);
    const chartNames = new Set<string>();
    for (const c of sheet.charts ?? []) {
      if (c.name.trim() === '' || c.name.length > 255) throw new OfficePlanError(`Chart on ${n}: '${c.name}' cannot be a chart name.`);
      if (chartNames.has(c.name.toLowerCase())) throw new OfficePlanError(`Sheet ${n} has two charts named '${c.name}'.`);
      chartNames.add(c.name.toLowerCase());
      if (c.series.length === 0) throw new OfficePlanError(`Chart ${c.name} on ${n} has no series.`);
      const length = (r: CellRange) => {
        const e = rangeEnd(r);
        if (e.endRow > r.row && e.endCol > r.col) throw new OfficePlanError(`Chart ${c.name} on ${n}: ${address(r)} is not one row or one column.`);
        return Math.max(e.endRow - r.row, e.endCol - r.col) + 1;
      };
      for (const r of [c.categories, c.position, ...c.series.map((x) => x.values)]) checkRange(r, `Chart ${c.name} on ${n}`);
      const count = length(c.categories);
      for (const x of c.series) {
        if (length(x.values) !== count) throw new OfficePlanError(`Chart ${c.name} on ${n}: series '${x.name}' (${address(x.values)}) and the categories (${address(c.categories)}) differ in length.`);
      }
    }
    for (const b of sheet.blocks) {
      const width = Math.max(1, ...b.values.map((r) => r.length));
      checkRange({ row: b.row, col: b.col, endRow: b.row + Math.max(1, b.values.length) - 1, endCol: b.col + width - 1 }, `Value block on ${n}`);
    }
  }
  for (const name of plan.names) {
    if (!validName(name.name)) throw new OfficePlanError(`'${name.name}' cannot be an Excel name.`);
    if (workbookNames.has(name.name.toLowerCase())) throw new OfficePlanError(`The plan uses the table or range name '${name.name}' twice.`);
    workbookNames.add(name.name.toLowerCase());
    if (!sheetNames.has(name.sheet.toLowerCase())) throw new OfficePlanError(`The name '${name.name}' refers to '${name.sheet}', which is not in the plan.`);
    checkRange(name.range, `Name ${name.name}`);
  }
  return plan.sheets.map((sheet) => ({ plan: sheet, writes: sheet.blocks.flatMap((b) => prepareBlock(b, plan.dateFormat, `Sheet ${sheet.name}`)) }));
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

// ---------------------------------------------------------------------------------------------
// Request accounting: queue actions, sync only when the next one would overflow the budget

class RequestQueue {
  private pendingBytes = 0;
  private pendingActions = 0;
  /** Actions other than the per-request prologue; a request with only a prologue is never sent early. */
  private payloadActions = 0;
  readonly stats: OfficeApplyStats = { syncs: 0, requests: 0, maxRequestBytes: 0, totalBytes: 0, oversizedRequests: 0 };
  /** Queued first in every request that carries writes (suspend calculation until that sync). */
  prologue: { bytes: number; queue: () => void } | null = null;

  constructor(
    private readonly context: Excel.RequestContext,
    readonly limit: number,
  ) {}

  /** Queue actions whose payload is estimated at `bytes`; they always travel in one request. */
  async add(bytes: number, ...queue: (() => void)[]): Promise<void> {
    if (this.payloadActions > 0 && this.pendingBytes + bytes > this.limit) await this.sync();
    if (this.pendingActions === 0 && this.prologue) {
      this.prologue.queue();
      this.pendingBytes += this.prologue.bytes;
      this.pendingActions++;
      this.stats.requests++;
    }
    for (const q of queue) q();
    this.pendingBytes += bytes;
    this.pendingActions += queue.length;
    this.payloadActions += queue.length;
    this.stats.requests += queue.length;
  }

  /** One small action: its JSON argument plus the per-action allowance. */
  async small(arg: unknown, queue: () => void): Promise<void> {
    await this.add(ACTION_OVERHEAD_BYTES + jsonBytes(arg ?? null), queue);
  }

  async sync(): Promise<void> {
    if (this.pendingActions === 0) return;
    await this.context.sync();
    this.stats.syncs++;
    this.stats.totalBytes += this.pendingBytes;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, this.pendingBytes);
    if (this.pendingBytes > this.limit) this.stats.oversizedRequests++;
    this.pendingBytes = 0;
    this.pendingActions = 0;
    this.payloadActions = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Queuing the plan

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

function addr(r: CellRange): string {
  return address(r);
}

/** Contiguous runs of column indexes with the same value: [[from, to, value]]. */
function runs<T>(entries: { index: number; value: T }[]): [number, number, T][] {
  const sorted = [...entries].sort((a, b) => a.index - b.index);
  const out: [number, number, T][] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === e.index - 1 && last[2] === e.value) last[1] = e.index;
    else if (last && last[1] === e.index && last[2] === e.value) continue;
    else out.push([e.index, e.index, e.value]);
  }
  return out;
}

const colRef = (from: number, to: number): string => `${address({ row: 0, col: from }).replace(/\d+$/, '')}:${address({ row: 0, col: to }).replace(/\d+$/, '')}`;

async function queueMatrixWrites(q: RequestQueue, ws: Excel.Worksheet, writes: MatrixWrite[]): Promise<void> {
  // Leave room for the prologue that starts a fresh request.
  const budget = q.limit - (q.prologue?.bytes ?? 0);
  for (const write of writes) {
    for (const piece of splitMatrixWrite(write, budget)) {
      const w = piece.write;
      const rows = w.data.length;
      const cols = w.data[0]?.length ?? 0;
      if (rows === 0 || cols === 0) continue;
      const range = ws.getRangeByIndexes(w.row, w.col, rows, cols);
      await q.add(piece.bytes, () => {
        range[w.prop] = w.data;
      });
    }
  }
}

async function queueStyle(q: RequestQueue, ws: Excel.Worksheet, target: CellRange, style: CellStyle): Promise<void> {
  const a = addr(target);
  const range = ws.getRange(a);
  const set = (arg: unknown, f: () => void): Promise<void> => q.small([a, arg], f);
  if (style.numberFormat !== undefined) {
    const { endRow, endCol } = rangeEnd(target);
    const fmt = style.numberFormat;
    const data = Array.from({ length: endRow - target.row + 1 }, () => Array.from({ length: endCol - target.col + 1 }, () => fmt));
    await queueMatrixWrites(q, ws, [{ row: target.row, col: target.col, prop: 'numberFormat', data }]);
  }
  if (style.bold !== undefined) await set(style.bold, () => (range.format.font.bold = style.bold as boolean));
  if (style.italic !== undefined) await set(style.italic, () => (range.format.font.italic = style.italic as boolean));
  if (style.fontSize !== undefined) await set(style.fontSize, () => (range.format.font.size = style.fontSize as number));
  if (style.fontColor !== undefined) await set(style.fontColor, () => (range.format.font.color = style.fontColor as string));
  if (style.fill !== undefined) await set(style.fill, () => (range.format.fill.color = style.fill as string));
  if (style.wrap !== undefined) await set(style.wrap, () => (range.format.wrapText = style.wrap as boolean));
  if (style.horizontal !== undefined) {
    const h = H_ALIGN[style.horizontal];
    await set(h, () => (range.format.horizontalAlignment = h));
  }
  if (style.vertical !== undefined) {
    const v = V_ALIGN[style.vertical];
    await set(v, () => (range.format.verticalAlignment = v));
  }
  if (style.rotation !== undefined) await set(style.rotation, () => (range.format.textOrientation = style.rotation as number));
  if (style.border !== undefined) {
    const weight = style.border === 'medium' ? 'Medium' : 'Thin';
    const { endRow, endCol } = rangeEnd(target);
    const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal')[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    // Inside edges only where the range has them.
    if (endCol > target.col) edges.push('InsideVertical');
    if (endRow > target.row) edges.push('InsideHorizontal');
    for (const edge of edges) {
      const border = range.format.borders.getItem(edge);
      await q.add(2 * ACTION_OVERHEAD_BYTES + jsonBytes([a, edge, weight]), () => (border.style = 'Continuous'), () => (border.weight = weight));
    }
  }
  if (style.locked !== undefined) await set(style.locked, () => (range.format.protection.locked = style.locked as boolean));
}

/**
 * `keptTables`: plan table name -> the name of the table already on a sheet rebuilt in place. That
 * table stays (so references to it and its columns stay) and is fitted to the plan's range.
 */
async function queueSheetContent(q: RequestQueue, ws: Excel.Worksheet, prepared: PreparedSheet, keptTables: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const sheet = prepared.plan;
  if (sheet.tabColor) await q.small(sheet.tabColor, () => (ws.tabColor = sheet.tabColor as string));
  if (sheet.visibility) await q.small(sheet.visibility, () => (ws.visibility = sheet.visibility === 'veryHidden' ? 'VeryHidden' : 'Hidden'));

  // Values first (tables are added over written data, styles land on written cells).
  await queueMatrixWrites(q, ws, prepared.writes);

  for (const s of sheet.styles) await queueStyle(q, ws, s.range, s.style);

  for (const [from, to, height] of runs(sheet.rowHeights.map((r) => ({ index: r.row, value: r.height })))) {
    const rows = `${from + 1}:${to + 1}`;
    await q.small([rows, height], () => (ws.getRange(rows).format.rowHeight = height));
  }
  for (const [from, to, width] of runs(sheet.columnWidths.map((c) => ({ index: c.col, value: columnWidthPoints(c.width) })))) {
    const cols = colRef(from, to);
    await q.small([cols, width], () => (ws.getRange(cols).format.columnWidth = width));
  }
  for (const [from, to] of runs(sheet.hiddenColumns.map((c) => ({ index: c, value: true })))) {
    const cols = colRef(from, to);
    await q.small(cols, () => (ws.getRange(cols).columnHidden = true));
  }

  for (const m of sheet.merges) {
    const a = addr(m);
    await q.small(a, () => ws.getRange(a).merge(false));
  }

  for (const t of sheet.tables) {
    const a = addr(t.range);
    const showFilter = t.showFilter ?? true;
    const kept = keptTables.get(t.name.toLowerCase());
    if (kept !== undefined) {
      // Rows inserted inside a table grow it, but rows added right under it do not: the table is
      // resized to the plan's range (same header row; Table.resize, ExcelApi 1.13).
      await q.add(4 * ACTION_OVERHEAD_BYTES + jsonBytes([kept, a, t.name, t.style ?? null, showFilter]), () => {
        const table = ws.tables.getItem(kept);
        table.resize(a);
        if (kept !== t.name) table.name = t.name;
        if (t.style) table.style = t.style;
        table.showFilterButton = showFilter;
      });
      continue;
    }
    await q.add(3 * ACTION_OVERHEAD_BYTES + jsonBytes([a, t.name, t.style ?? null, showFilter]), () => {
      const table = ws.tables.add(a, true);
      table.name = t.name;
      if (t.style) table.style = t.style;
      table.showFilterButton = showFilter;
    });
  }

  for (const v of sheet.validations) {
    const a = addr(v.range);
    // Excel's dialog limits: 32-character title, 255-character message.
    const title = v.errorTitle.length > 32 ? `${v.errorTitle.slice(0, 31)}…` : v.errorTitle;
    const message = v.errorMessage.length > 255 ? `${v.errorMessage.slice(0, 254)}…` : v.errorMessage;
    const source = v.list.join(',');
    await q.add(3 * ACTION_OVERHEAD_BYTES + jsonBytes([a, source, title, message]), () => {
      const dv = ws.getRange(a).dataValidation;
      dv.rule = { list: { inCellDropDown: true, source } };
      dv.ignoreBlanks = v.allowBlank;
      dv.errorAlert = { showAlert: true, style: 'Stop', title, message };
    });
  }

  for (const c of sheet.conditionalFormats) {
    const a = addr(c.range);
    const formula = c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
    await q.add(6 * ACTION_OVERHEAD_BYTES + jsonBytes([a, formula, c.style, c.stopIfTrue ?? false]), () => {
      const cf = ws.getRange(a).conditionalFormats.add('Custom');
      cf.custom.rule.formula = formula;
      if (c.style.fill !== undefined) cf.custom.format.fill.color = c.style.fill;
      if (c.style.fontColor !== undefined) cf.custom.format.font.color = c.style.fontColor;
      if (c.style.bold !== undefined) cf.custom.format.font.bold = c.style.bold;
      if (c.stopIfTrue) cf.stopIfTrue = true;
    });
  }

  for (const d of sheet.dataBars) {
    const a = addr(d.range);
    await q.add(2 * ACTION_OVERHEAD_BYTES + jsonBytes([a, d.color]), () => {
      const cf = ws.getRange(a).conditionalFormats.add('DataBar');
      cf.dataBar.positiveFormat.fillColor = d.color;
    });
  }

  // Charts: the first series makes the chart, the others are added to it; categories set on each.
  for (const c of sheet.charts ?? []) {
    const categories = addr(c.categories);
    const start = address({ row: c.position.row, col: c.position.col });
    const endPos = rangeEnd(c.position);
    const end = address({ row: endPos.endRow, col: endPos.endCol });
    const series = c.series.map((x) => ({ name: x.name, values: addr(x.values) }));
    await q.add((5 + 3 * series.length) * ACTION_OVERHEAD_BYTES + jsonBytes([c.name, c.type, c.title, categories, series, start, end]), () => {
      const [head, ...rest] = series as [(typeof series)[number], ...typeof series];
      const chart = ws.charts.add(CHART_TYPES[c.type], ws.getRange(head.values), 'Columns');
      chart.name = c.name;
      chart.title.text = c.title;
      const first = chart.series.getItemAt(0);
      first.name = head.name;
      first.setXAxisValues(ws.getRange(categories));
      for (const x of rest) {
        const added = chart.series.add(x.name);
        added.setValues(ws.getRange(x.values));
        added.setXAxisValues(ws.getRange(categories));
      }
      chart.legend.visible = series.length > 1;
      chart.setPosition(start, end);
    });
  }

  const autoFilter = sheet.autoFilter;
  if (autoFilter) {
    const end = rangeEnd(autoFilter);
    // A table brings its own filter; Excel refuses a sheet AutoFilter over one.
    const overlapsTable = sheet.tables.some((t) => {
      const te = rangeEnd(t.range);
      return t.range.row <= end.endRow && autoFilter.row <= te.endRow && t.range.col <= end.endCol && autoFilter.col <= te.endCol;
    });
    if (!overlapsTable) {
      const a = addr(autoFilter);
      await q.small(a, () => ws.autoFilter.apply(a));
    }
  }

  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    await q.small(freeze, () => {
      if (freeze.rows > 0 && freeze.cols > 0) ws.freezePanes.freezeAt(address({ row: 0, col: 0, endRow: freeze.rows - 1, endCol: freeze.cols - 1 }));
      else if (freeze.rows > 0) ws.freezePanes.freezeRows(freeze.rows);
      else ws.freezePanes.freezeColumns(freeze.cols);
    });
  }

  const print = sheet.print;
  if (print) {
    await q.add(5 * ACTION_OVERHEAD_BYTES + jsonBytes(print), () => {
      ws.pageLayout.orientation = print.landscape ? 'Landscape' : 'Portrait';
      if (print.fitToWidth) {
        // Fit to one page wide: Excel has been seen to ignore a fit-to-pages zoom (office-js#1860)
        // while a percentage scale always applies, and 0 pages tall is no documented value. So the
        // scale that fits the planned columns goes first, then fit-to-width, which wins where it
        // applies (and keeps fitting as columns are widened).
        const scale = fitToWidthScale(sheet);
        ws.pageLayout.zoom = { scale };
        ws.pageLayout.zoom = { horizontalFitToPages: 1 };
      }
      if (print.repeatRows) ws.pageLayout.setPrintTitleRows(`$${print.repeatRows.from + 1}:$${print.repeatRows.to + 1}`);
    });
  }
}

/** Default column width: 8.43 characters of Calibri 11 = 64 px = 48 pt. */
const DEFAULT_COLUMN_POINTS = 48;
/**
 * Printable width in points with Excel's normal margins (0.7 in left and right) on the narrower of
 * A4 and US Letter, so the scale fits on either.
 */
const PRINTABLE_POINTS = { landscape: 792 - 100.8, portrait: 595.3 - 100.8 };

/** The print scale (10-100 %) at which a sheet's planned columns fit one page wide. */
export function fitToWidthScale(sheet: SheetPlan): number {
  let last = 0;
  for (const b of sheet.blocks) last = Math.max(last, b.col + Math.max(0, ...b.values.map((r) => r.length)) - 1);
  for (const t of sheet.tables) last = Math.max(last, rangeEnd(t.range).endCol);
  for (const m of sheet.merges) last = Math.max(last, rangeEnd(m).endCol);
  const widths = new Map(sheet.columnWidths.map((c) => [c.col, columnWidthPoints(c.width)]));
  const hidden = new Set(sheet.hiddenColumns);
  let total = 0;
  for (let c = 0; c <= last; c++) if (!hidden.has(c)) total += widths.get(c) ?? DEFAULT_COLUMN_POINTS;
  const page = sheet.print?.landscape ? PRINTABLE_POINTS.landscape : PRINTABLE_POINTS.portrait;
  return Math.max(10, Math.min(100, Math.floor((page / Math.max(total, 1)) * 100)));
}

/**
 * Make an existing sheet ready for its plan: protection off (the plan protects it again last),
 * the generated merges, validations, conditional formats and filter cleared, then the rows and
 * columns inserted and deleted. All queued: no extra round trip.
 */
async function queueInPlace(q: RequestQueue, ws: Excel.Worksheet, rebuild: SheetRebuild): Promise<void> {
  await q.add(6 * ACTION_OVERHEAD_BYTES, () => {
    ws.protection.unprotect();
    const all = ws.getRange();
    all.unmerge();
    all.dataValidation.clear();
    all.conditionalFormats.clearAll();
    ws.autoFilter.remove();
    ws.freezePanes.unfreeze();
  });
  for (const e of rebuild.edits) {
    const a = e.axis === 'rows' ? `${e.at + 1}:${e.at + e.count}` : colRef(e.at, e.at + e.count - 1);
    const shift = e.op === 'insert' ? (e.axis === 'rows' ? 'Down' : 'Right') : e.axis === 'rows' ? 'Up' : 'Left';
    await q.small([a, e.op, shift], () => {
      const range = ws.getRange(a);
      if (e.op === 'insert') range.insert(shift as Excel.InsertShiftDirection);
      else range.delete(shift as Excel.DeleteShiftDirection);
    });
  }
}

/**
 * The tables of a sheet rebuilt in place that the plan keeps: by name, else the sheet's only table
 * (the plan's table under another name, e.g. after the candidate's name was retyped).
 */
function keptTablesOf(plan: SheetPlan, existing: ExistingNames): Map<string, string> {
  const onSheet = existing.tables.filter((t) => t.sheet.toLowerCase() === plan.name.toLowerCase());
  const kept = new Map<string, string>();
  for (const t of plan.tables) {
    const same = onSheet.find((o) => o.name.toLowerCase() === t.name.toLowerCase()) ?? (plan.tables.length === 1 && onSheet.length === 1 ? onSheet[0] : undefined);
    if (same) kept.set(t.name.toLowerCase(), same.name);
  }
  return kept;
}

const CHART_TYPES: Record<ChartPlan['type'], 'BarClustered' | 'ColumnClustered'> = { barClustered: 'BarClustered', columnClustered: 'ColumnClustered' };

function tempName(taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = `vq-replaced-${i}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Every sheet, table and workbook-scoped name, for the pre-flight (domain/workbook/preflight.ts).
 * Two requests whatever the workbook holds: sheets and names, then each sheet's tables (a table's
 * sheet is not a property of the workbook's table collection).
 */
async function readExistingNames(context: Excel.RequestContext): Promise<{ existing: ExistingNames; syncs: number }> {
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

function toRaw(v: unknown): RawCell {
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
async function readInPieces(
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

// ---------------------------------------------------------------------------------------------

export function officeWorkbookAdapter(run: ExcelRun, options: OfficeWorkbookOptions = {}): OfficeWorkbookAdapter {
  const limit = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const responseBudget = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return {
    async sheetNames() {
      return run(async (context) => {
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        return sheets.items.map((s) => s.name);
      });
    },

    async workbookNames() {
      return run(async (context) => (await readExistingNames(context)).existing);
    },

    async readSheets(names) {
      if (names.length === 0) return [];
      return run(async (context) => {
        // Sync 1: which sheets exist (a used range cannot be chained off a sheet that may not).
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        const byName = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s]));
        const wanted: Excel.Worksheet[] = [];
        for (const n of names) {
          const s = byName.get(n.toLowerCase());
          if (s && !wanted.includes(s)) wanted.push(s);
        }
        if (wanted.length === 0) return [];
        // Sync 2: where each sheet's used cells are (addresses only: a few bytes a sheet).
        const used = wanted.map((s) => s.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'));
        await context.sync();
        const shapes: (UsedShape | null)[] = used.map((r) => (r.isNullObject ? null : { row: r.rowIndex, col: r.columnIndex, rows: r.rowCount, cols: r.columnCount }));
        // Then values and formulas, in requests whose responses stay under the budget.
        const out = wanted.map((sheet) => ({ name: sheet.name, values: [] as RawCell[][], formulas: [] as (string | null)[][] }));
        const store = (piece: ReadPiece, values: unknown[][], formulas: unknown[][]): void => {
          const sheet = out[piece.sheet] as (typeof out)[number];
          values.forEach((r, i) => {
            const fr = formulas[i] ?? [];
            const vRow = (sheet.values[piece.row + i] ??= []);
            const fRow = (sheet.formulas[piece.row + i] ??= []);
            r.forEach((cell, j) => {
              const v = toRaw(cell);
              const f = fr[j];
              vRow[piece.col + j] = v;
              // `formulas` echoes a constant's value; a real formula differs from its result.
              fRow[piece.col + j] = typeof f === 'string' && f.startsWith('=') && f !== v ? f : null;
            });
          });
        };
        await readInPieces(context, shapes, responseBudget, store, (i) => wanted[i] as Excel.Worksheet);
        // Rows and columns above and left of the used range read as blanks, as before.
        for (const [i, sheet] of out.entries()) {
          const shape = shapes[i];
          if (!shape) continue;
          for (let r = 0; r < shape.row + shape.rows; r++) {
            const vRow = (sheet.values[r] ??= []);
            const fRow = (sheet.formulas[r] ??= []);
            if (r < shape.row) continue;
            for (let c = 0; c < shape.col; c++) {
              vRow[c] = '';
              fRow[c] = null;
            }
          }
        }
        return out;
      });
    },

    async apply(plan) {
      const prepared = preparePlan(plan);
      return run(async (context) => {
        const q = new RequestQueue(context, limit);
        const wb = context.workbook;

        // Pre-flight (#10.2): Excel keeps what a failed batch did, so a plan whose tables or names
        // clash with ones it does not replace is refused here, before the first write.
        const preflight = await readExistingNames(context);
        q.stats.syncs += preflight.syncs;
        const clash = describeClashes(planClashes(plan, preflight.existing));
        if (clash) throw new OfficePlanError(clash);

        // Request 1: what exists already, for all planned sheets and names at once.
        const all = wb.worksheets;
        await q.small('items/name', () => all.load('items/name'));
        const existing: Excel.Worksheet[] = [];
        for (const s of prepared) {
          await q.small(s.plan.name, () => {
            existing.push(wb.worksheets.getItemOrNullObject(s.plan.name).load('name,position'));
          });
        }
        const existingNames: Excel.NamedItem[] = [];
        for (const n of plan.names) await q.small(n.name, () => existingNames.push(wb.names.getItemOrNullObject(n.name)));
        // A sheet rebuilt in place keeps its charts: the plan's are drawn again, so the old ones of
        // those names go first (chart names are unique on a sheet).
        const oldCharts = new Map<number, Excel.Chart[]>();
        for (const [i, s] of prepared.entries()) {
          if (!s.plan.rebuild || !s.plan.charts?.length) continue;
          for (const c of s.plan.charts) {
            await q.small([s.plan.name, c.name], () => {
              const ws = wb.worksheets.getItem(s.plan.name);
              oldCharts.set(i, [...(oldCharts.get(i) ?? []), ws.charts.getItemOrNullObject(c.name)]);
            });
          }
        }
        await q.sync();

        // Request 2 (and more only if the payload demands): everything else.
        q.prologue = { bytes: ACTION_OVERHEAD_BYTES, queue: () => context.application.suspendApiCalculationUntilNextSync() };
        const taken = new Set([...all.items.map((s) => s.name.toLowerCase()), ...prepared.map((s) => s.plan.name.toLowerCase())]);
        const sheets: Excel.Worksheet[] = [];
        // Replace sheets first: the old sheet is renamed aside, the new one takes its name and tab
        // position, then the old one goes (the workbook never drops to zero sheets, and its table
        // names are free before new tables are added).
        for (const [i, s] of prepared.entries()) {
          const old = existing[i] as Excel.Worksheet;
          if (old.isNullObject) {
            await q.small(s.plan.name, () => sheets.push(wb.worksheets.add(s.plan.name)));
          } else if (s.plan.rebuild) {
            // In place: the sheet stays, so every reference to it (the cohort summary, names, the
            // user's formulas) keeps pointing at the same cells, and the user's cells keep their
            // formulas, notes, links and fills. Rows and columns move as the plan says (Excel moves
            // formulas and names with them); the generated parts are cleared and written again.
            await queueInPlace(q, old, s.plan.rebuild);
            for (const chart of oldCharts.get(i) ?? []) if (!chart.isNullObject) await q.small(null, () => chart.delete());
            sheets.push(old);
          } else {
            const aside = tempName(taken);
            const position = old.position;
            await q.add(4 * ACTION_OVERHEAD_BYTES + jsonBytes([aside, s.plan.name, position]), () => {
              old.name = aside;
              const ws = wb.worksheets.add(s.plan.name);
              ws.position = position;
              old.delete();
              sheets.push(ws);
            });
          }
        }
        // A sheet planned first goes before every other tab (new or replacing one).
        for (const [i, s] of prepared.entries()) {
          if (s.plan.position === 'first') await q.small(null, () => ((sheets[i] as Excel.Worksheet).position = 0));
        }
        for (const n of existingNames) {
          if (!n.isNullObject) await q.small(null, () => n.delete());
        }

        for (const [i, s] of prepared.entries()) {
          const old = existing[i] as Excel.Worksheet;
          await queueSheetContent(q, sheets[i] as Excel.Worksheet, s, !old.isNullObject && s.plan.rebuild ? keptTablesOf(s.plan, preflight.existing) : undefined);
        }

        for (const n of plan.names) {
          const ref = `=${quoteSheet(n.sheet)}!${address(n.range, true)}`;
          await q.small([n.name, ref, n.comment ?? null], () => {
            if (n.comment) wb.names.add(n.name, ref, n.comment);
            else wb.names.add(n.name, ref);
          });
        }

        // Protection last: everything above edits the sheet.
        for (const [i, s] of prepared.entries()) {
          const p = s.plan.protection;
          if (!p) continue;
          const ws = sheets[i] as Excel.Worksheet;
          const opts: Excel.WorksheetProtectionOptions = {
            allowFormatColumns: p.allowFormatColumns,
            allowSort: p.allowSort,
            allowAutoFilter: p.allowAutoFilter,
            allowInsertRows: p.allowInsertRows,
          };
          await q.small(opts, () => ws.protection.protect(opts));
        }
        await q.sync();
        return q.stats;
      });
    },
  };
}
