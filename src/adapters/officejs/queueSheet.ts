/*
 * Queuing a sheet plan's contents through office-js: values, styles, sizes, merges, tables,
 * validations, conditional formats, charts, filter, freeze and print settings.
 */
import { address, columnLetter, type CellRange, type CellStyle, type ChartPlan, type SheetPlan } from '../../domain/workbook/plan';
import { fitAlertText } from '../../domain/workbook/limits';
import { ACTION_OVERHEAD_BYTES, jsonBytes } from './payload';
import { columnWidthPoints, rangeEnd, splitMatrixWrite, type MatrixWrite, type PreparedSheet } from './preparePlan';
import type { RequestQueue } from './requestQueue';

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

export const colRef = (from: number, to: number): string => `${columnLetter(from)}:${columnLetter(to)}`;

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
export async function queueSheetContent(q: RequestQueue, ws: Excel.Worksheet, prepared: PreparedSheet, keptTables: ReadonlyMap<string, string> = new Map()): Promise<void> {
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
    // Cut to Excel's limits as the .xlsx adapter cuts them (limits.ts).
    const { title, message } = fitAlertText(v.errorTitle, v.errorMessage);
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


const CHART_TYPES: Record<ChartPlan['type'], 'BarClustered' | 'ColumnClustered'> = { barClustered: 'BarClustered', columnClustered: 'ColumnClustered' };
