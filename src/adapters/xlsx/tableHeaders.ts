/*
 * Reading a table's header row as Excel means it. Node only: loaded by XlsxWorkbook.load when called
 * (as zipCheck.ts), so the task pane's bundle, whose exceljs is its prebuilt browser build, never
 * reaches this exceljs internal.
 */

interface TableModelLike {
  name: string;
  headerRow?: boolean;
}
interface TableXformLike {
  model: TableModelLike | null;
  parseOpen(node: { name: string; attributes: Record<string, string | undefined> }): boolean;
}
let headerRowPatched = false;

/*
 * exceljs 4.4 reads a table with no headerRowCount attribute as having no header row, and would
 * write it back with headerRowCount="0" (its header turned into data); the attribute defaults to 1
 * (ECMA-376 CT_Table) and Excel leaves it out (fslaborg/FsSpreadsheet#69 found the same line). Its
 * parser is wrapped to read the default.
 */
export function readTableHeadersAsExcelMeansThem(): void {
  if (headerRowPatched) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const TableXform = require('exceljs/lib/xlsx/xform/table/table-xform.js') as { prototype: TableXformLike };
  const parseOpen = TableXform?.prototype?.parseOpen;
  if (typeof parseOpen !== 'function') throw new Error('This exceljs version cannot read a table\'s header row as Excel writes it');
  TableXform.prototype.parseOpen = function (this: TableXformLike, node) {
    const handled = parseOpen.call(this, node);
    if (node.name === 'table' && node.attributes.headerRowCount === undefined && this.model && this.model.name === node.attributes.name) this.model.headerRow = true;
    return handled;
  };
  headerRowPatched = true;
}
