/*
 * Reads an uploaded .xlsx (a filled standards template) into sheet values, in either host. Loaded
 * lazily with exceljs, so Excel users only download it when they import a template file.
 */
import { XlsxWorkbook } from '../../adapters/xlsx/xlsxWorkbook';
import type { SheetValues } from '../../domain/workbook/sheetValues';

export async function readXlsxFile(file: File): Promise<SheetValues[]> {
  const book = XlsxWorkbook.create();
  try {
    await book.workbook.xlsx.load((await file.arrayBuffer()) as never);
  } catch (e) {
    throw new Error(`${file.name} could not be opened as an Excel workbook (.xlsx): ${(e as Error).message}. Nothing was imported.`);
  }
  return book.readSheets(await book.sheetNames());
}
