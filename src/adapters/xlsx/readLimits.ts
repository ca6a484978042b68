/*
 * What the CLI reads from a workbook file, and the error that says why a file was not read. Kept
 * apart from zipCheck.ts (Node only) so the adapter, which the task pane's preview also bundles,
 * can use them.
 */
import { EXCEL_LIMITS } from '../../domain/workbook/limits';

const MiB = 1024 * 1024;

/**
 * What the CLI reads from one workbook. A 1,000-candidate cohort workbook built by `vq-matrix build`
 * (4430-02, 8 units each) is about 52 MB on disk and unpacks to about 370 MB in about 12,100 parts,
 * its largest part (styles) about 6 MB, with about 11 million cells on sheets of at most 63 rows
 * (measured on 200 candidates and scaled). Each limit leaves room for that and more, and stops a
 * hostile or damaged file before it can exhaust memory.
 */
export const READ_LIMITS = {
  /** The file itself. */
  fileBytes: 256 * MiB,
  /** All parts unpacked together. */
  unzippedBytes: 1024 * MiB,
  /** One part unpacked. */
  partBytes: 128 * MiB,
  /** Parts (sheets, their relationships, tables, ...). */
  parts: 40_000,
  /** Unpacked-to-packed ratio allowed for a part bigger than `ratioFromBytes` (zip bombs reach 1,000:1). */
  ratio: 200,
  ratioFromBytes: 16 * MiB,
  /** Rows on one sheet (a grid has well under 1,000; a cohort summary one per candidate). */
  rowsPerSheet: 100_000,
  /** Columns on one sheet: Excel's own limit (XFD). */
  columnsPerSheet: EXCEL_LIMITS.columns,
  /** Cells in the whole workbook, read sheet by sheet (`check`). */
  cells: 40_000_000,
  /**
   * Cells in a workbook read whole into memory (cohort, sample, build in place): about 540 bytes of
   * heap each (measured: `cohort` on 2.2 million cells peaks at 1.2 GB), so this stays inside Node's
   * default 4 GB heap. About 550 candidates of an 8-unit pathway.
   */
  cellsInMemory: 6_000_000,
  /** Characters in one cell: Excel's own limit. */
  cellText: EXCEL_LIMITS.cellText,
};
export type ReadLimits = typeof READ_LIMITS;

/** How a workbook will be read: sheet by sheet (streamed) or whole, into memory. */
export type ReadMode = 'stream' | 'whole';

export type WorkbookFileProblem =
  | 'unreadable'
  | 'empty'
  | 'notWorkbook'
  | 'otherFormat'
  | 'encrypted'
  | 'truncated'
  | 'damaged'
  | 'tooLarge';

/** A file that cannot be read, with a message for the user: what the file is and what to do. */
export class WorkbookFileError extends Error {
  override name = 'WorkbookFileError';
  constructor(
    readonly kind: WorkbookFileProblem,
    message: string,
  ) {
    super(message);
  }
}

/** "128 MB" (binary megabytes, as file managers show them). */
export function megabytes(n: number): string {
  if (n >= 1024 * MiB) return `${Number((n / (1024 * MiB)).toFixed(1))} GB`;
  if (n >= MiB) return `${Number((n / MiB).toFixed(1))} MB`;
  return `${Math.ceil(n / 1024)} KB`;
}
