/*
 * The streamed new workbook (streamingWriter.ts) is the file XlsxWorkbook.apply writes for the same
 * plan: read back by exceljs, every sheet's cells (values, formulas, styles), merges, columns, rows,
 * validations, conditional formats, data bars, tables, AutoFilter, views, print setup, protection,
 * tab colour and visibility match, as do the tab order, the workbook's names and recalculation.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { storedFormula, tabOrder, writeAsPlanned, writeNewWorkbook } from '../../../src/adapters/xlsx/streamingWriter';
import { readWorkbookFile, toFileFormula, XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { buildCohortSummary, readCohort } from '../../../src/domain/cohort/cohortSummary';
import { buildCandidateWorkbook, workbookPlan } from '../../../src/domain/grid/candidateWorkbook';
import { buildSamplingSheet, DEFAULT_RATES, makeSamplingPlan } from '../../../src/domain/sampling/samplingPlan';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { centreStandardsSheet } from '../../../src/domain/standards/centreStandards';
import type { Qualification } from '../../../src/domain/standards/schema';
import { emptySheet, type SheetPlan, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { cohortWorkbook } from '../../domain/sampling/cohortFixtures';
import { convertWithLibreOffice, readZip } from '../../support/libreoffice';

const catalog = bundledCatalog();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vq-stream-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function qualification(id: string) {
  const q = catalog.findQualification(id);
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
}

function centreQualification(): Qualification {
  const cvq = structuredClone(catalog.list().find((q) => q.id === 'cvq-cca010-02')!);
  return { ...cvq, id: 'centre-retail-l2', title: 'Centre Retail Skills Level 2', version: 'v1', identifiers: [{ scheme: 'other', value: 'CRS-L2' }] };
}

/** Two candidates (one per layout) with tracker and index of evidence, the centre standards sheet, a cohort summary and sampling plan. */
function everyKindOfSheet(): WorkbookPlan {
  const q = qualification('4430-02');
  const taken = new Set<string>();
  const sheets: SheetPlan[] = [];
  const names: WorkbookPlan['names'] = [];
  for (const [candidate, layout] of [
    ['Ann Evidence-Rows', 'evidenceRows'],
    ['Bob Criteria-Rows', 'criteriaRows'],
  ] as const) {
    const built = buildCandidateWorkbook({ qualification: q, candidate, assessor: 'Dee', units: ['203', '212'], layout }, [], taken, new Set());
    if (!built.ok) throw new Error(built.problem.message);
    sheets.push(...built.value.sheets);
    names.push(...built.value.names);
  }
  const cohort = readCohort(
    cohortWorkbook([{ name: 'Cat', assessor: 'Dee', units: ['203'], evidence: { '203': [{ ref: 'E1', method: 'Observation', marks: 'all' }] } }], q, { rebuild: false }).sheets,
    catalog,
  );
  sheets.push(buildCohortSummary(cohort, { mode: 'live' }).sheet, buildSamplingSheet(makeSamplingPlan(cohort, DEFAULT_RATES, 1)).sheet);
  sheets.push(centreStandardsSheet([centreQualification()]));
  // A date cell, a sheet placed first and a hidden one: parts the grids above may not have.
  const notes = emptySheet('Notes', 'about');
  notes.blocks.push({ row: 0, col: 0, values: [['Reviewed', { date: '2026-03-01' }, 3.5, true, null, { formula: '=IFS(C1>3,"big",TRUE,"small")' }]] });
  notes.styles.push({ range: { row: 0, col: 0, endCol: 5 }, style: { bold: true, fill: '#FFEEAA', numberFormat: '0.0' } });
  notes.position = 'first';
  notes.tabColor = '#336699';
  sheets.push(notes);
  const hidden = emptySheet('Hidden workings', 'about');
  hidden.blocks.push({ row: 2, col: 1, values: [['x']] });
  hidden.visibility = 'hidden';
  sheets.push(hidden);
  return workbookPlan(sheets, names);
}

async function writeBoth(plan: WorkbookPlan, name: string): Promise<{ inMemory: string; streamed: string }> {
  const inMemory = join(dir, `${name}-memory.xlsx`);
  const streamed = join(dir, `${name}-streamed.xlsx`);
  const book = XlsxWorkbook.create();
  await book.apply(plan);
  await book.toFile(inMemory);
  const out = createWriteStream(streamed);
  await writeNewWorkbook(plan, out);
  await finished(out);
  return { inMemory, streamed };
}

/** What a spreadsheet sees of a workbook, as exceljs reads it; ids exceljs makes up on writing left out. */
async function seen(file: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = wb.worksheets.map((ws) => {
    const model = ws.model as unknown as Record<string, unknown>;
    const rows = (model.rows as { number: number; height?: number; hidden?: boolean; cells: Record<string, unknown>[] }[]).map((row) => ({
      number: row.number,
      height: row.height,
      hidden: row.hidden,
      // Style ids differ with the order styles are met; the styles themselves must not.
      cells: row.cells.map(({ styleId: _id, ...cell }) => cell),
    }));
    const conditionalFormattings = JSON.parse(JSON.stringify(model.conditionalFormattings), (key, value: unknown) => (key === 'x14Id' ? undefined : value));
    const tables = (model.tables as Record<string, unknown>[]).map(({ id: _id, target: _target, rId: _rId, ...t }) => t);
    return {
      name: ws.name,
      state: ws.state,
      rows,
      cols: model.cols,
      // A set: the in-memory writer lists them by their first cell.
      merges: [...(model.merges as string[])].sort(),
      dataValidations: model.dataValidations,
      conditionalFormattings,
      tables,
      autoFilter: model.autoFilter,
      views: model.views,
      pageSetup: model.pageSetup,
      sheetProtection: model.sheetProtection,
      properties: model.properties,
    };
  });
  const names = [...wb.definedNames.model].sort((a, b) => a.name.localeCompare(b.name));
  return { sheets, names };
}

/** "sheets.3.rows.12.cells.4.style.font.bold: true vs undefined", or null when equal (as toEqual: undefined members ignored). */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(top)'}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (x === undefined && y === undefined) continue;
    const found = firstDifference(x, y, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

describe('a new workbook streamed sheet by sheet', () => {
  it('is what the in-memory writer writes for the same plan: grids of both layouts, tracker, index of evidence, cohort summary, sampling plan, centre standards', async () => {
    const plan = everyKindOfSheet();
    expect(plan.sheets.map((s) => s.role)).toEqual(expect.arrayContaining(['unitGrid', 'criteriaRows', 'tracker', 'evidenceIndex', 'cohort', 'sampling', 'centreStandards']));
    expect(plan.sheets.some((s) => s.tables.length > 0 && s.dataBars.length === 0)).toBe(true);
    expect(plan.sheets.some((s) => s.dataBars.length > 0)).toBe(true);
    expect(plan.sheets.some((s) => s.protection)).toBe(true);
    expect(plan.sheets.some((s) => s.validations.length > 0 && s.conditionalFormats.length > 0)).toBe(true);
    expect(plan.sheets.some((s) => s.print?.repeatRows)).toBe(true);
    expect(plan.names.length).toBeGreaterThan(0);
    const { inMemory, streamed } = await writeBoth(plan, 'all');

    const expected = (await seen(inMemory)) as { sheets: { name: string; state: string }[] };
    const actual = await seen(streamed);
    // The first difference by its path (a diff of the whole workbooks would be unreadable).
    expect(firstDifference(actual, expected)).toBeNull();
    // The comparison saw what matters: the tab order, a very hidden sheet, recalculation on open.
    expect(expected.sheets[0]!.name).toBe('Notes');
    expect(expected.sheets.find((s) => s.state === 'veryHidden')).toBeDefined();
    // exceljs does not read the calculation properties back: the parts themselves say so.
    for (const file of [inMemory, streamed]) expect(readZip(readFileSync(file)).get('xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    // And the adapter's own reader reads the same sheets, values and formulas.
    expect(await readWorkbookFile(streamed)).toEqual(await readWorkbookFile(inMemory));
  });

  it('refuses what the in-memory writer refuses, before writing', async () => {
    const sheet = emptySheet('Grid', 'about');
    sheet.validations.push({ range: { row: 0, col: 0 }, list: ['a,b'], allowBlank: true, errorTitle: 't', errorMessage: 'm' });
    const out = new PassThrough();
    let written = 0;
    out.on('data', (chunk: Buffer) => (written += chunk.length));
    await expect(writeNewWorkbook(workbookPlan([sheet], []), out)).rejects.toThrow(/contains a comma/);
    expect(written).toBe(0);
  });

  it('written as planned: each sheet is written before the next is asked for, checked as it comes, and the source may stop the write', async () => {
    const first = emptySheet('First', 'about');
    first.blocks.push({ row: 0, col: 0, values: [['one']] });
    let releasedBeforeNext: boolean | undefined;
    function* source(): Generator<SheetPlan> {
      yield first;
      // Asked for the next sheet only once the first is written (and, with releaseWritten, emptied).
      releasedBeforeNext = first.blocks.length === 0;
      throw new Error('candidate 2 cannot be built');
    }
    await expect(writeAsPlanned({ sheets: source(), names: () => [], dateFormat: 'dd/mm/yyyy' }, new PassThrough(), { releaseWritten: true })).rejects.toThrow('candidate 2 cannot be built');
    expect(releasedBeforeNext).toBe(true);
    // A sheet Excel would refuse stops the write with the same message as a whole plan's check.
    const bad = emptySheet('Bad', 'about');
    bad.validations.push({ range: { row: 0, col: 0 }, list: ['a,b'], allowBlank: true, errorTitle: 't', errorMessage: 'm' });
    const asPlanned = writeAsPlanned({ sheets: [first, bad], names: () => [], dateFormat: 'dd/mm/yyyy' }, new PassThrough());
    await expect(asPlanned).rejects.toThrow(/^The workbook cannot be written as planned, so nothing was changed\. Sheet "Bad".*contains a comma/);
    // And so does a name into a sheet that was never written.
    const named = writeAsPlanned({ sheets: [emptySheet('Only', 'about')], names: () => [{ name: 'Evidence_X', sheet: 'Missing', range: { row: 0, col: 0 } }], dateFormat: 'dd/mm/yyyy' }, new PassThrough());
    await expect(named).rejects.toThrow(/The name "Evidence_X" refers to sheet "Missing", which the plan does not write\./);
  });

  it('puts the tabs in the order apply leaves them: a later sheet placed first goes before an earlier one; a name planned twice keeps its place and its last contents', () => {
    const sheet = (name: string, first = false, role: SheetPlan['role'] = 'about') => ({ ...emptySheet(name, role), ...(first ? { position: 'first' as const } : {}) });
    const order = tabOrder([sheet('A'), sheet('B', true), sheet('C'), sheet('D', true), sheet('a', false, 'tracker')]);
    expect(order.map((s) => [s.name, s.role])).toEqual([
      ['D', 'about'],
      ['B', 'about'],
      ['a', 'tracker'],
      ['C', 'about'],
    ]);
  });

  it('stores formulas as the in-memory writer does, prefixes and all', () => {
    for (const f of ['=SUM(A1:A3)', '=IFS(A1>1,"a",TRUE,"b")', '=ifs(A1>1,1,TRUE,0)', '=XIFS(A1)', '=_xlfn.IFS(A1>1,1,TRUE,0)', '="IFS(" & A1', '=IF(A1,TEXTJOIN(",",TRUE,B1:B3),FILTER(C1:C3,D1:D3))', 'SUM(A1)', "='IFS (2)'!A1+CONCAT(B1)", '=A.IFS(1)']) {
      expect(storedFormula(f)).toBe(toFileFormula(f));
    }
  });

  it('opens in LibreOffice, every sheet with its values', async () => {
    const plan = everyKindOfSheet();
    const { streamed } = await writeBoth(plan, 'lo');
    const conversion = await convertWithLibreOffice(streamed, 'csv');
    try {
      const visible = plan.sheets.filter((s) => s.visibility === undefined).map((s) => s.name);
      expect(conversion.outputs.map((o) => o.sheet)).toEqual(expect.arrayContaining(visible));
      const notes = conversion.outputs.find((o) => o.sheet === 'Notes')!;
      // The formula was computed by LibreOffice: the IFS came through as a function it knows.
      expect(notes.text).toContain('big');
      const grid = conversion.outputs.find((o) => o.sheet === plan.sheets.find((s) => s.role === 'unitGrid')!.name)!;
      expect(grid.text).toContain('Ann Evidence-Rows');
    } finally {
      conversion.cleanup();
    }
  }, 120_000);
});
