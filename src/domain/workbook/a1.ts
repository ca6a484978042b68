/*
 * A1 addresses: the one parser and formatter of cell references ("A1", "$A$1", "A1:B2",
 * "'Jane O''Brien 203'!$H$15:J20") and of column letters. Everything that reads or writes an
 * address (adapters, task pane, formula shifting, pre-flight) goes through here.
 *
 * Coordinates are zero-based (row 0 = Excel row 1, col 0 = column A), as in the workbook plan.
 */

/**
 * A sheet has 1,048,576 rows and 16,384 columns (A to XFD): "Excel specifications and limits",
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
 */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, inclusive; the end defaults to the start (one cell). */
export interface CellRange {
  row: number;
  col: number;
  /** Inclusive end; defaults to the start (one cell). */
  endRow?: number;
  endCol?: number;
}

/** Zero-based column index -> "A", "Z", "AA" ... */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" -> 0, "xfd" -> 16,383; null for anything that is not 1-3 letters within Excel's columns. */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= MAX_COLUMNS ? n - 1 : null;
}

/**
 * One end of a reference: a cell ("$B7"), a whole column ("B", "$B") or a whole row ("7", "$7").
 * `col`/`row` are null where the part leaves them out.
 */
export interface ReferencePart {
  col: number | null;
  colAbsolute: boolean;
  row: number | null;
  rowAbsolute: boolean;
}

/** "$B$7", "B", "$7" ... -> its part; null when it is not one, or lies outside the sheet. */
export function parseReferencePart(text: string): ReferencePart | null {
  const m = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?$/.exec(text);
  if (!m || (m[2] === undefined && m[4] === undefined)) return null;
  // "$" before nothing: "B$" is not a reference.
  if (m[3] === '$' && m[4] === undefined) return null;
  if (m[2] === undefined && m[3] === '$') return null;
  const col = m[2] === undefined ? null : columnIndex(m[2]);
  if (m[2] !== undefined && col === null) return null;
  const rowNumber = m[4] === undefined ? null : Number(m[4]);
  if (rowNumber !== null && (rowNumber < 1 || rowNumber > MAX_ROWS)) return null;
  return {
    col,
    colAbsolute: m[2] !== undefined && m[1] === '$',
    row: rowNumber === null ? null : rowNumber - 1,
    rowAbsolute: rowNumber !== null && (m[2] !== undefined ? m[3] === '$' : m[1] === '$'),
  };
}

export function formatReferencePart(p: ReferencePart): string {
  const col = p.col !== null ? `${p.colAbsolute ? '$' : ''}${columnLetter(p.col)}` : '';
  const row = p.row !== null ? `${p.rowAbsolute ? '$' : ''}${p.row + 1}` : '';
  return `${col}${row}`;
}

/** "H15" or "$H$15" -> the cell; null for anything else (a range, a whole row, out of the sheet). */
export function parseCell(text: string): { row: number; col: number } | null {
  const p = parseReferencePart(text);
  return p && p.row !== null && p.col !== null ? { row: p.row, col: p.col } : null;
}

/** "A1" or "$A$1:C3" -> the range as written (top-left first when written so); null for anything else. */
export function parseRange(text: string): CellRange | null {
  const parts = text.split(':');
  if (parts.length > 2) return null;
  const start = parseCell(parts[0] as string);
  if (!start) return null;
  if (parts.length === 1) return start;
  const end = parseCell(parts[1] as string);
  if (!end) return null;
  return { row: Math.min(start.row, end.row), col: Math.min(start.col, end.col), endRow: Math.max(start.row, end.row), endCol: Math.max(start.col, end.col) };
}

/** "A1" or "A1:C3" address of a range (no sheet); `absolute` puts "$" before every part. */
export function address(range: CellRange, absolute = false): string {
  const d = absolute ? '$' : '';
  const a = `${d}${columnLetter(range.col)}${d}${range.row + 1}`;
  const endRow = range.endRow ?? range.row;
  const endCol = range.endCol ?? range.col;
  if (endRow === range.row && endCol === range.col) return a;
  return `${a}:${d}${columnLetter(endCol)}${d}${endRow + 1}`;
}

/** A sheet name quoted for use in a formula or a name's reference. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'O''Neil 101'" -> "O'Neil 101"; an unquoted name as it is. */
export function unquoteSheet(text: string): string {
  return text.length >= 2 && text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
}

/** A sheet-qualified reference: "'Jane Smith 203'!$A$1:$B$9". */
export function sheetReference(sheet: string, range: CellRange, absolute = false): string {
  return `${quoteSheet(sheet)}!${address(range, absolute)}`;
}

/**
 * "Sheet1!A1", "'Jane O''Brien 203'!$H$15:J20" or "A1:B2" -> the sheet (null when not named) and
 * the range; null when it is not a cell or range reference (a formula, #REF!, a whole column).
 */
export function parseSheetReference(text: string): { sheet: string | null; range: CellRange } | null {
  const bang = text.lastIndexOf('!');
  if (bang < 0) {
    const range = parseRange(text);
    return range ? { sheet: null, range } : null;
  }
  const prefix = text.slice(0, bang);
  const range = parseRange(text.slice(bang + 1));
  if (!range || prefix === '') return null;
  if (prefix.startsWith("'")) {
    // Quoted: any characters, an apostrophe doubled.
    if (!/^'(?:[^']|'')+'$/.test(prefix)) return null;
    return { sheet: unquoteSheet(prefix), range };
  }
  // Unquoted: no character a formula would read as an operator or a quote.
  if (!/^[^'!()=,"+\-*/&^<>\s][^'!()=,"+\-*/&^<>]*$/.test(prefix)) return null;
  return { sheet: prefix, range };
}
