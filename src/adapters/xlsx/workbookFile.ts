/*
 * Reading workbook files sheet by sheet (Node only: the CLI's `check`). The file is read and checked
 * whole first (zipCheck.ts), then exactly those bytes are streamed to exceljs, so what is read is
 * what was checked, and the reader cannot be left waiting on a damaged part.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type RawCell, type SheetValues } from '../../domain/workbook/sheetValues';
import { READ_LIMITS, WorkbookFileError } from './readLimits';
import { SheetLimits, toRaw, unreadableContent } from './xlsxWorkbook';
import { readWorkbookBytes } from './zipCheck';

/**
 * Stream a file's sheets one at a time (exceljs's streaming reader): memory stays flat however
 * many candidates a cohort workbook holds, so `check` can read 500 candidates' grids in ~150 MB
 * (plus the file itself, held while it is read). Values only (formula results, not formula text);
 * merged cells read as the file stores them. `name` is the file as the user typed it, for messages.
 * Throws WorkbookFileError for a file that cannot be read completely; onSheet may have been called
 * for some sheets by then, so a caller reports the file as unreadable, not its partial result.
 */
export async function streamWorkbookFile(path: string, onSheet: (sheet: SheetValues) => void, name = path): Promise<number> {
  const { bytes } = await readWorkbookBytes(path, name, 'stream');
  const input = Readable.from([bytes]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  const maxText = READ_LIMITS.cellText;
  let count = 0;
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
      const limit = new SheetLimits(name, ws.name);
      const values: RawCell[][] = [];
      for await (const row of ws) {
        // Hot loop (every cell of a cohort workbook): plain values are taken as they are.
        const cells = row.values as unknown[];
        limit.row(row.number, cells.length - 1);
        const out = new Array<RawCell>(Math.max(cells.length - 1, 0));
        for (let c = 1; c < cells.length; c++) {
          const v = cells[c];
          const value = v === undefined || v === null ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : toRaw(v);
          if (typeof value === 'string' && value.length > maxText) limit.text(value, row.number, c);
          out[c - 1] = value;
        }
        values[row.number - 1] = out;
      }
      try {
        onSheet({ name: ws.name, values: Array.from(values, (r) => r ?? []) });
      } catch (e) {
        // The caller's own failure, not the file's: passed on as it is.
        throw new CallerError(e);
      }
      count++;
    }
  } catch (e) {
    if (e instanceof CallerError) throw e.cause;
    if (e instanceof WorkbookFileError) throw e;
    throw unreadableContent(name, e);
  } finally {
    input.destroy();
  }
  return count;
}

class CallerError {
  constructor(readonly cause: unknown) {}
}
