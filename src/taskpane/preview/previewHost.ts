/*
 * Preview mode: the same task pane in a plain browser (no Office), building into an in-memory
 * .xlsx workbook through the exceljs adapter, offered as a download. Loaded lazily, so Excel users
 * never download exceljs.
 *
 * In the browser, webpack resolves exceljs to its browser build (package.json "browser"). The
 * adapter's Buffer-based helpers (fromBuffer, toBuffer) are Node-only, so this file loads and saves
 * through the exceljs workbook directly.
 */
import { XlsxWorkbook } from '../../adapters/xlsx/xlsxWorkbook';
import type { WorkbookAdapter } from '../../adapters/workbookAdapter';
import type { TaskpaneHost, ThemeMode, ThemeSource } from '../host';
import { readXlsxFile } from './readXlsxFile';
import { NotXlsxError, notXlsxMessage, notXlsxReason, readBytes } from './workbookFile';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** prefers-color-scheme, followed live. */
export function browserThemeSource(win: Window = window): ThemeSource {
  const query = typeof win.matchMedia === 'function' ? win.matchMedia('(prefers-color-scheme: dark)') : null;
  return {
    current: (): ThemeMode => (query?.matches ? 'dark' : 'light'),
    watch(onChange) {
      if (!query) return () => {};
      const listener = (e: MediaQueryListEvent) => onChange(e.matches ? 'dark' : 'light');
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
  };
}

export function createPreviewHost(): TaskpaneHost {
  let book = XlsxWorkbook.create();
  let fileName = 'vq-matrix.xlsx';
  // Delegates to whichever workbook is current, so opening a file swaps it under the pane.
  const adapter: WorkbookAdapter = {
    sheetNames: () => book.sheetNames(),
    workbookNames: () => book.workbookNames(),
    readSheets: (names, options) => book.readSheets(names, options),
    apply: (plan) => book.apply(plan),
  };
  return {
    mode: 'preview',
    adapter,
    theme: browserThemeSource(),
    readWorkbookFile: readXlsxFile,
    preview: {
      async hasSheets() {
        return (await book.sheetNames()).length > 0;
      },
      async download() {
        const data = await book.workbook.xlsx.writeBuffer();
        const url = URL.createObjectURL(new Blob([data as ArrayBuffer], { type: XLSX_TYPE }));
        try {
          const a = document.createElement('a');
          a.href = url;
          a.download = fileName;
          a.style.display = 'none';
          document.body.appendChild(a);
          a.click();
          a.remove();
        } finally {
          // Give the browser a moment to start the download before the URL goes.
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        }
      },
      async open(file: File) {
        const bytes = await readBytes(file);
        const refused = notXlsxReason(file.name, new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 128)));
        if (refused) throw new NotXlsxError(refused);
        const next = XlsxWorkbook.create();
        try {
          await next.workbook.xlsx.load(bytes as never);
        } catch (e) {
          throw new Error(`${file.name} could not be opened as an Excel workbook (.xlsx): ${(e as Error).message}. The workbook in the pane is unchanged.`);
        }
        // A zip that is no workbook loads as one with no sheets; it could not be downloaded again.
        if (next.workbook.worksheets.length === 0) throw new NotXlsxError(notXlsxMessage(file.name, 'not an Excel workbook: it has no sheets Excel could read'));
        book = next;
        fileName = /\.xlsx$/i.test(file.name) ? file.name : `${file.name}.xlsx`;
      },
      fileName: () => fileName,
    },
  };
}
