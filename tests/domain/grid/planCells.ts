/*
 * Test helpers: a SheetPlan's blocks flattened into a lookup by A1 address, and the plan as the
 * values a spreadsheet would hand back after it was written (what the readers see on a rebuild).
 */
import { applyEditsToGrid } from '../../../src/domain/workbook/structuralEdits';
import { address, isDate, isFormula, type CellRange, type CellStyle, type PlanValue, type SheetPlan } from '../../../src/domain/workbook/plan';
import { isoDateToSerial, type RawCell } from '../../../src/domain/workbook/sheetValues';

/** "B12" -> { row: 11, col: 1 } (zero-based). */
export function parseA1(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1.toUpperCase());
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function a1(row: number, col: number): string {
  return address({ row, col });
}

/** Every non-null cell of every block, by A1 address (later blocks win, as when written in order). */
export function planCells(sheet: SheetPlan): Map<string, PlanValue> {
  const cells = new Map<string, PlanValue>();
  for (const block of sheet.blocks)
    block.values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null) cells.set(a1(block.row + r, block.col + c), v);
      }),
    );
  return cells;
}

/** The value at an address, or null. */
export function at(sheet: SheetPlan, address: string): PlanValue {
  return planCells(sheet).get(address.replace(/\$/g, '')) ?? null;
}

/** The formula text at an address (throws if the cell is not a formula). */
export function formulaAt(sheet: SheetPlan, address: string): string {
  const v = at(sheet, address);
  if (!isFormula(v)) throw new Error(`${address} is not a formula: ${JSON.stringify(v)}`);
  return v.formula;
}

/** Address of the first cell (row by row) equal to `value`. */
export function find(sheet: SheetPlan, value: PlanValue): string | undefined {
  const hits = [...planCells(sheet).entries()].filter(([, v]) => v === value).map(([k]) => ({ k, ...parseA1(k) }));
  hits.sort((x, y) => x.row - y.row || x.col - y.col);
  return hits[0]?.k;
}

export function inRange(range: CellRange, row: number, col: number): boolean {
  return row >= range.row && row <= (range.endRow ?? range.row) && col >= range.col && col <= (range.endCol ?? range.col);
}

/** The style an address ends up with: every styled range over it, applied in order. */
export function styleAt(sheet: SheetPlan, address: string): CellStyle {
  const { row, col } = parseA1(address);
  return sheet.styles.filter((s) => inRange(s.range, row, col)).reduce<CellStyle>((acc, s) => ({ ...acc, ...s.style }), {});
}

/** Editable on the protected sheet. */
export function unlocked(sheet: SheetPlan, address: string): boolean {
  return styleAt(sheet, address).locked === false;
}

/** The list validation over an address, if any. */
export function validationAt(sheet: SheetPlan, address: string) {
  const { row, col } = parseA1(address);
  return sheet.validations.find((v) => inRange(v.range, row, col));
}

/**
 * What a spreadsheet hands back after the plan is written: dates as serials; formulas as the
 * value `computed` gives for their address (blank by default, as they are not evaluated here).
 */
export function planValues(sheet: SheetPlan, computed: (address: string) => RawCell = () => null, old?: readonly (readonly RawCell[])[]): RawCell[][] {
  // A sheet rebuilt in place starts from the old one, moved by the plan's row and column edits.
  const out: RawCell[][] = sheet.rebuild && old ? applyEditsToGrid<RawCell>(old, sheet.rebuild.edits, null) : [];
  for (const block of sheet.blocks)
    block.values.forEach((line, r) =>
      line.forEach((v, c) => {
        const row = (out[block.row + r] ??= []);
        row[block.col + c] = isFormula(v) ? computed(a1(block.row + r, block.col + c)) : isDate(v) ? isoDateToSerial(v.date) : v;
      }),
    );
  return out.map((line) => Array.from(line, (v) => v ?? null));
}

/** Set a cell in a values array, growing it as needed. */
export function put(values: RawCell[][], address: string, value: RawCell): void {
  const { row, col } = parseA1(address);
  while (values.length <= row) values.push([]);
  const line = values[row]!;
  while (line.length <= col) line.push(null);
  line[col] = value;
}

/** Every non-blank value in a values array, as text (for "nothing was lost" checks). */
export function allTexts(values: readonly (readonly RawCell[])[]): string[] {
  return values.flatMap((line) => line.filter((v) => v !== null && String(v).trim() !== '').map((v) => String(v)));
}
