import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/** What a command may touch: injected so tests run commands in-process and read what they printed. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** A failure the user caused (bad file, unknown code): printed without a stack, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Spreadsheets of other formats a folder may hold beside its workbooks: named when skipped, with what to do. */
const OTHER_SPREADSHEETS: Record<string, string> = {
  '.ods': 'an OpenDocument spreadsheet',
  '.fods': 'an OpenDocument spreadsheet',
  '.xls': 'an Excel 97-2003 workbook',
  '.xlsm': 'a macro-enabled workbook',
  '.xlsb': 'an Excel Binary Workbook',
  '.xltx': 'an Excel template',
  '.xltm': 'an Excel template',
  '.csv': 'a CSV text file',
  '.tsv': 'a tab-separated text file',
  '.numbers': 'an Apple Numbers spreadsheet',
};

/** "an OpenDocument spreadsheet" for jane.ods: a file name of another spreadsheet format than .xlsx. */
export function otherSpreadsheetFormat(file: string): string | undefined {
  return OTHER_SPREADSHEETS[extname(file).toLowerCase()];
}

/**
 * Files named, and the .xlsx files of folders named (sorted; Excel's ~$ lock files skipped). A
 * spreadsheet of another format in a folder is skipped with a note saying so, never silently; a file
 * named on the command line is passed on, its contents checked when it is read.
 */
export async function expandWorkbooks(io: CliIo, inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const path = resolve(io.cwd, input);
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new CliError(`${input}: no such file or folder`);
    }
    if (info.isDirectory()) {
      for (const f of (await readdir(path)).sort()) {
        if (f.startsWith('~$')) continue;
        const lower = f.toLowerCase();
        if (lower.endsWith('.xlsx')) files.push(join(input, f));
        else {
          const other = otherSpreadsheetFormat(lower);
          if (other) io.err(`vq-matrix: note: ${join(input, f)} skipped: it is ${other}, and only Excel Workbooks (.xlsx) are read; save it as Excel Workbook (.xlsx) to include it`);
        }
      }
    } else files.push(input);
  }
  if (files.length === 0) throw new CliError('no .xlsx files to read');
  return files;
}
