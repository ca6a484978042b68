/*
 * The floor for `build` (issue #13): exceljs's streaming writer alone writing the cells `build`
 * writes for the same cohort: the same values, formulas (as stored in the file), styles, merges and
 * column widths, with one style object per distinct style, rows committed as they are written.
 * The cells are worked out first from the same plan and not timed; only the writing is.
 * Usage: tsx bench/streamFloor.ts <candidates.csv> <unit> <out.xlsx>; prints {ms, cpuMs, planMs, planCpuMs, maxRssMB, cells}.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { applyStyle, norm } from '../src/adapters/xlsx/styles';
import { toCellValue } from '../src/adapters/xlsx/writeContents';
import { toFileFormula } from '../src/adapters/xlsx/formulas';
import { buildCandidateWorkbook, workbookPlan } from '../src/domain/grid/candidateWorkbook';
import { bundledCatalog } from '../src/domain/standards/bundled';
import { isDate, isFormula, type SheetPlan } from '../src/domain/workbook/plan';

interface FloorSheet {
  name: string;
  rows: { n: number; values: ExcelJS.CellValue[]; styles: Partial<ExcelJS.Style>[] }[];
  merges: [number, number, number, number][];
  widths: { col: number; width: number }[];
}

const [csv, unit, out] = process.argv.slice(2) as [string, string, string];
const q = bundledCatalog().findQualification('4430-02');
if (!q.ok) throw new Error(q.problem.message);
// Building the plans (once per candidate) is timed apart: information on what `build` does besides writing.
const planCpu0 = process.cpuUsage();
const planStart = process.hrtime.bigint();
const taken = new Set<string>();
const plans: SheetPlan[] = [];
for (const line of readFileSync(csv, 'utf8').split('\n').filter(Boolean)) {
  const [candidate, assessor] = line.split(',');
  const built = buildCandidateWorkbook({ qualification: q.value, candidate: candidate!, assessor, units: [unit], layout: 'evidenceRows' }, [], taken, new Set());
  if (!built.ok) throw new Error(built.problem.message);
  plans.push(...built.value.sheets);
}
const plan = workbookPlan(plans, []);
const planMs = Number(process.hrtime.bigint() - planStart) / 1e6;
const planCpu = process.cpuUsage(planCpu0);

// Each cell's final style, shared between cells with the same one (as a careful exceljs user would).
const styles = new Map<string, Partial<ExcelJS.Style>>();
function sheetCells(sheet: SheetPlan): FloorSheet {
  const cells = new Map<number, Map<number, { value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> }>>();
  const at = (r: number, c: number) => {
    let row = cells.get(r);
    if (!row) cells.set(r, (row = new Map()));
    let cell = row.get(c);
    if (!cell) row.set(c, (cell = { value: null, style: {} }));
    return cell;
  };
  for (const b of sheet.blocks)
    b.values.forEach((vals, i) =>
      vals.forEach((v, j) => {
        const cell = at(b.row + i, b.col + j);
        cell.value = isFormula(v) ? ({ formula: toFileFormula(v.formula) } as ExcelJS.CellFormulaValue) : toCellValue(v);
        if (isDate(v)) cell.style = { numFmt: plan.dateFormat };
      }),
    );
  for (const { range, style } of sheet.styles) {
    const r = norm(range);
    for (let row = r.row; row <= r.endRow; row++)
      for (let col = r.col; col <= r.endCol; col++) {
        const cell = at(row, col);
        const probe = { style: cell.style } as unknown as ExcelJS.Cell;
        applyStyle(probe, style);
        cell.style = probe.style;
      }
  }
  const rows: FloorSheet['rows'] = [...cells.keys()]
    .sort((a, b) => a - b)
    .map((r) => {
      const row = cells.get(r)!;
      const width = Math.max(...row.keys()) + 1;
      const values: ExcelJS.CellValue[] = new Array(width).fill(null);
      const rowStyles: Partial<ExcelJS.Style>[] = new Array(width).fill(undefined);
      for (const [c, cell] of row) {
        values[c] = cell.value;
        const key = JSON.stringify(cell.style);
        if (!styles.has(key)) styles.set(key, cell.style);
        rowStyles[c] = styles.get(key)!;
      }
      return { n: r + 1, values, styles: rowStyles };
    });
  const merges = sheet.merges.map(norm).map((m) => [m.row + 1, m.col + 1, m.endRow + 1, m.endCol + 1] as [number, number, number, number]);
  return { name: sheet.name, rows, merges, widths: sheet.columnWidths };
}
const sheets = plan.sheets.map(sheetCells);
plans.length = 0;
(global as { gc?: () => void }).gc?.();

async function write(): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: true });
  let count = 0;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const { col, width } of s.widths) ws.getColumn(col + 1).width = width;
    for (const [r, c, er, ec] of s.merges) ws.mergeCells(r, c, er, ec);
    for (const { n, values, styles: rowStyles } of s.rows) {
      const row = ws.getRow(n);
      for (let c = 0; c < values.length; c++) {
        const style = rowStyles[c];
        if (values[c] === null && !style) continue;
        const cell = row.getCell(c + 1);
        if (values[c] !== null) cell.value = values[c]!;
        if (style) cell.style = style;
        count++;
      }
      // exceljs's writer drops a row with no value, and with it its styled empty cells; a height keeps it.
      if (!row.hasValues) row.height = 15;
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
  return count;
}

const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
write()
  .then((cells) => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, planMs, planCpuMs: (planCpu.user + planCpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, cells, sheets: sheets.length }));
  })
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
