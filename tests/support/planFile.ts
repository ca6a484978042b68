import ExcelJS from 'exceljs';

/** Rows of a sampling plan file's table: the sheet, its header row and each column by header. */
export async function planRows(file: string): Promise<{ ws: ExcelJS.Worksheet; wb: ExcelJS.Workbook; header: number; cols: Map<string, number>; rows: number[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Sampling plan')!;
  let header = 0;
  ws.eachRow((row, n) => {
    if (header === 0 && row.getCell(1).value === 'Candidate') header = n;
  });
  const cols = new Map<string, number>();
  ws.getRow(header).eachCell((c, n) => cols.set(String(c.value), n));
  const rows: number[] = [];
  for (let r = header + 1; ws.getRow(r).getCell(1).value; r++) rows.push(r);
  return { ws, wb, header, cols, rows };
}

/** An IV records samples by hand: initials and a date on the plan's rows of these candidates (as shown). Returns the rows filled. */
export async function recordInPlan(file: string, candidates: readonly string[], out = file): Promise<number> {
  const { wb, ws, cols, rows } = await planRows(file);
  let count = 0;
  for (const r of rows) {
    if (!candidates.includes(String(ws.getRow(r).getCell(1).value))) continue;
    ws.getRow(r).getCell(cols.get('IV initials')!).value = 'JB';
    ws.getRow(r).getCell(cols.get('Date sampled')!).value = new Date(Date.UTC(2025, 2, 10));
    count++;
  }
  await wb.xlsx.writeFile(out);
  return count;
}
