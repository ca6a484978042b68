/*
 * LibreOffice opens what the xlsx adapter writes and computes its formulas itself. LibreOffice must
 * be installed (CI installs libreoffice-calc-nogui): without it these tests fail, they never skip.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../../src/adapters/xlsx/xlsxWorkbook';
import { emptySheet, type PlanValue, type WorkbookPlan } from '../../../src/domain/workbook/plan';
import { isoDateToSerial } from '../../../src/domain/workbook/sheetValues';
import { convertWithLibreOffice, parseCsv, readZip, soffice, type Conversion } from '../../support/libreoffice';

const TIMEOUT = 90_000;

// 25 learners' rows (Excel rows 16-40): status in G, mark in H, score in I.
const STATUS = ['Accepted', 'Referred', null, 'Accepted', 'Accepted'];
const MARK = ['x', '', 'Observed', null, 'Q&A'];
const rows = Array.from({ length: 25 }, (_, i) => ({
  status: STATUS[i % 5]!,
  mark: MARK[(i * 3) % 5]!,
  score: (i * 7) % 11,
}));
const expected = {
  acceptedWithMark: rows.filter((r) => r.status === 'Accepted' && r.mark !== null && r.mark !== '').length,
  acceptedScore: rows.filter((r) => r.status === 'Accepted').reduce((s, r) => s + r.score, 0),
  maxScore: Math.max(...rows.map((r) => r.score)),
  maxReferred: Math.max(...rows.filter((r) => r.status === 'Referred').map((r) => r.score)),
  marks: rows.filter((r) => r.mark !== null && r.mark !== '').length,
  total: rows.reduce((s, r) => s + r.score, 0),
};

function plan(): WorkbookPlan {
  const grid = emptySheet('Unit 1 Grid', 'unitGrid');
  const f = (formula: string): PlanValue => ({ formula });
  grid.blocks.push(
    {
      row: 0,
      col: 0,
      values: [
        ['Measure', 'Value'],
        ['Accepted with a mark', f('=COUNTIFS(H16:H40,"<>",$G$16:$G$40,"Accepted")')],
        ['Accepted score', f('=SUMPRODUCT(($G$16:$G$40="Accepted")*I16:I40)')],
        ['Complete?', f('=IF(B2>=5,"Complete","Incomplete")')],
        ['Best score', f('=MAX(I16:I40)')],
        ['Best referred', f('=MAXIFS(I16:I40,G16:G40,"Referred")')],
        ['Marks (named range)', f('=COUNTA(UnitMarks)')],
        ['Due', f('=C9+30')],
        ['Assessed', null, { date: '2024-03-05' }],
        ['Twice best', f('=B5*2')],
        ['Date parts', f('=YEAR(C9)*10000+MONTH(C9)*100+DAY(C9)')],
        ['Text, not a formula', '=1+1'],
        ['Also text', '+44 123'],
      ],
    },
    { row: 14, col: 6, values: [['Status', 'Mark', 'Score'], ...rows.map((r): PlanValue[] => [r.status, r.mark, r.score])] },
  );
  // A formula over a date shows as a date; a number format keeps the CSV to the serial.
  grid.styles.push({ range: { row: 7, col: 1 }, style: { numberFormat: '0' } });
  grid.tables.push({ name: 'Learners', range: { row: 14, col: 6, endRow: 39, endCol: 8 }, style: 'TableStyleLight9' });
  grid.validations.push({ range: { row: 15, col: 6, endRow: 39 }, list: ['Accepted', 'Referred'], allowBlank: true, errorTitle: 'Status', errorMessage: 'Accepted or Referred' });
  grid.conditionalFormats.push({ range: { row: 15, col: 6, endRow: 39 }, formula: '=$G16="Accepted"', style: { fill: '#C6EFCE' }, stopIfTrue: true });
  grid.dataBars.push({ range: { row: 15, col: 8, endRow: 39 }, color: '#638EC6' });
  grid.styles.push({ range: { row: 15, col: 7, endRow: 39 }, style: { locked: false } });
  grid.protection = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: false };
  grid.freeze = { rows: 15, cols: 1 };

  const cohort = emptySheet('Cohort', 'cohort');
  cohort.blocks.push({ row: 0, col: 0, values: [[f("='Unit 1 Grid'!B2*10"), f("=SUM('Unit 1 Grid'!I16:I40)")]] });

  return {
    sheets: [grid, cohort],
    names: [{ name: 'UnitMarks', sheet: 'Unit 1 Grid', range: { row: 15, col: 7, endRow: 39, endCol: 7 } }],
    dateFormat: 'dd/mm/yyyy',
  };
}

describe('LibreOffice opens and recalculates what the xlsx adapter writes', () => {
  let dir: string;
  let file: string;
  const conversions: Conversion[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vqm-lo-test-'));
    file = join(dir, 'grid.xlsx');
    const book = XlsxWorkbook.create();
    await book.apply(plan());
    await book.toFile(file);
  });

  afterAll(() => {
    for (const c of conversions) c.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('LibreOffice is installed', () => {
    expect(soffice().version).toMatch(/LibreOffice/);
  });

  test('the written file carries no cached formula results', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let formulas = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          formulas++;
          expect(cell.result).toBeUndefined();
        }),
      );
    }
    expect(formulas).toBe(11);
  });

  test(
    'every sheet exported to CSV holds the computed answers',
    async () => {
      const conversion = await convertWithLibreOffice(file, 'csv');
      conversions.push(conversion);
      expect(conversion.outputs.map((o) => o.sheet)).toEqual(['Cohort', 'Unit 1 Grid']);
      const grid = parseCsv(conversion.outputs.find((o) => o.sheet === 'Unit 1 Grid')!.text);
      const value = (label: string): string => grid.find((r) => r[0] === label)![1]!;
      expect(Number(value('Accepted with a mark'))).toBe(expected.acceptedWithMark);
      expect(Number(value('Accepted score'))).toBe(expected.acceptedScore);
      expect(value('Complete?')).toBe(expected.acceptedWithMark >= 5 ? 'Complete' : 'Incomplete');
      expect(Number(value('Best score'))).toBe(expected.maxScore);
      expect(Number(value('Best referred'))).toBe(expected.maxReferred);
      expect(Number(value('Marks (named range)'))).toBe(expected.marks);
      expect(Number(value('Due'))).toBe(isoDateToSerial('2024-04-04'));
      expect(Number(value('Twice best'))).toBe(expected.maxScore * 2);
      expect(Number(value('Date parts'))).toBe(20240305);
      expect(value('Text, not a formula')).toBe('=1+1');
      expect(value('Also text')).toBe('+44 123');
      // The table's cells are intact, including text LibreOffice might have taken for a formula.
      expect(grid[14]!.slice(6)).toEqual(['Status', 'Mark', 'Score']);
      expect(grid[15]!.slice(6)).toEqual([rows[0]!.status, rows[0]!.mark, String(rows[0]!.score)]);

      const cohort = parseCsv(conversion.outputs.find((o) => o.sheet === 'Cohort')!.text);
      expect(cohort[0]!.map(Number)).toEqual([expected.acceptedWithMark * 10, expected.total]);
    },
    TIMEOUT,
  );

  test(
    'tables, validation, conditional formats, data bars, names and protection survive the import',
    async () => {
      const conversion = await convertWithLibreOffice(file, 'ods');
      conversions.push(conversion);
      const content = readZip(conversion.outputs[0]!.data).get('content.xml')!;
      expect(content).toMatch(/<table:database-range table:name="Learners" table:target-range-address="&apos;Unit 1 Grid&apos;\.G15:&apos;Unit 1 Grid&apos;\.I40"/);
      expect(content).toContain('of:cell-content-is-in-list(&quot;Accepted&quot;;&quot;Referred&quot;)');
      expect(content).toMatch(/<table:error-message table:message-type="stop" table:title="Status" table:display="true"><text:p>Accepted or Referred<\/text:p>/);
      expect(content).toContain('calcext:value="formula-is([.$G16]=&quot;Accepted&quot;)"');
      expect(content).toContain('calcext:positive-color="#638ec6"');
      expect(content).toMatch(/<table:named-range table:name="UnitMarks"[^>]*table:cell-range-address="\$&apos;Unit 1 Grid&apos;\.\$H\$16:\.\$H\$40"/);
      expect(content).toMatch(/<table:table table:name="Unit 1 Grid"[^>]*table:protected="true"/);
    },
    TIMEOUT,
  );

  test(
    'the test profile makes LibreOffice ignore a stale cached result',
    async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Stale');
      ws.getCell('A1').value = 2;
      ws.getCell('A2').value = 3;
      ws.getCell('B1').value = { formula: 'SUM(A1:A2)', result: 999 };
      const stale = join(dir, 'stale.xlsx');
      writeFileSync(stale, Buffer.from(await wb.xlsx.writeBuffer()));
      const conversion = await convertWithLibreOffice(stale, 'csv');
      conversions.push(conversion);
      expect(parseCsv(conversion.outputs[0]!.text)[0]).toEqual(['2', '5']);
    },
    TIMEOUT,
  );
});
