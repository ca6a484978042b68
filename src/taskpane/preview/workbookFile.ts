/*
 * Opening a file in preview mode: only an Excel workbook (.xlsx) can be updated in place. exceljs
 * "opens" an .ods (also a zip) as a workbook with no sheets, and the download then fails, losing
 * the work; so anything else is refused, by name and by content, before anything is built.
 */

/** Thrown when the chosen file is not an .xlsx: the pane shows it as "save it as .xlsx first". */
export class NotXlsxError extends Error {
  override readonly name = 'NotXlsxError';
}

const BY_EXTENSION: [RegExp, string][] = [
  [/\.(ods|fods|ots)$/i, 'an OpenDocument spreadsheet (LibreOffice, OpenOffice)'],
  [/\.(xls|xlt)$/i, 'an Excel 97-2003 workbook (.xls)'],
  [/\.xlsb$/i, 'an Excel binary workbook (.xlsb)'],
  [/\.(csv|tsv|txt)$/i, 'a text file (CSV), not a workbook'],
  [/\.numbers$/i, 'an Apple Numbers spreadsheet'],
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Why the file cannot be opened as an .xlsx (from its name, then its first bytes), or null. */
export function notXlsxReason(name: string, head: Uint8Array): string | null {
  const what =
    BY_EXTENSION.find(([ext]) => ext.test(name))?.[1] ??
    (startsWith(head, OLE)
      ? 'an Excel 97-2003 workbook (.xls)'
      : !startsWith(head, ZIP)
        ? 'not an Excel workbook (perhaps a CSV or text file)'
        : // An OpenDocument zip names its type in its first entry ("mimetype").
          String.fromCharCode(...head).includes('opendocument')
          ? 'an OpenDocument spreadsheet (LibreOffice, OpenOffice)'
          : null);
  return what === null ? null : notXlsxMessage(name, what);
}

export function notXlsxMessage(name: string, what: string): string {
  return `${name} is ${what}. Save it as .xlsx first (File > Save As > Excel Workbook (.xlsx)), then open that file. The workbook in the pane is unchanged.`;
}

/** A file's bytes (Blob.arrayBuffer where the browser has it, else FileReader). */
export function readBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}
