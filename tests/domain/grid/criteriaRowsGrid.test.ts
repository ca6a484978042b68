import {
  buildCriteriaRowsGrid,
  criteriaRowsCoverage,
  isCriteriaRowsSheet,
  readCriteriaRows,
  REMOVED_SECTION,
  type ParsedCriteriaRows,
} from '../../../src/domain/grid/criteriaRowsGrid';
import { readHeaderBlock } from '../../../src/domain/grid/readGrid';
import { acceptedFormula, markCountFormula, markFormula, pendingFormula, unrecognisedDecisionFormula, unrecognisedMarkFormula } from '../../../src/domain/grid/vocabulary';
import type { GridSubject } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { unitItems } from '../../../src/domain/standards/itemCodes';
import type { Unit } from '../../../src/domain/standards/schema';
import type { RawCell } from '../../../src/domain/workbook/sheetValues';
import { a1, allTexts, at, find, formulaAt, parseA1, planValues, put, styleAt, unlocked, validationAt } from './planCells';

function subject(q: string, u: string): GridSubject {
  const found = bundledCatalog().findUnit(q, u);
  if (!found.ok) throw new Error(found.problem.message);
  return { qualification: found.value.index.qualification, unit: found.value.unit, candidate: 'Jane Smith', assessor: 'A. Assessor' };
}

function read(values: RawCell[][], unit: Unit): ParsedCriteriaRows {
  const parsed = readCriteriaRows(values, unit);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.value;
}

/** Zero-based sheet row holding an item code in the Code column (C). */
function rowOf(values: RawCell[][], code: string): number {
  const r = values.findIndex((line, i) => i > 7 && line[2] === code);
  if (r < 0) throw new Error(`no row for ${code}`);
  return r;
}

/** Put refs (F, G, ...), a date (N) and a decision (O) on an item's row of a fresh 8-ref sheet. */
function fill(values: RawCell[][], code: string, refs: RawCell[], decision: RawCell = null, date: RawCell = null): void {
  const r = rowOf(values, code);
  refs.forEach((v, i) => put(values, a1(r, 5 + i), v));
  put(values, a1(r, 13), date);
  put(values, a1(r, 14), decision);
}

describe('criteria-rows grid: City & Guilds 4430-02 unit 203', () => {
  const s = subject('cg-4430-02', '203');
  const { sheet, items } = buildCriteriaRowsGrid(s, 'Jane Smith 4430-203');
  const n = items.length;
  const last = 8 + n; // Excel row of the last item

  it('is a criteria-rows sheet with the evidence-rows grid header block, so readHeaderBlock works', () => {
    expect(sheet.role).toBe('criteriaRows');
    expect(at(sheet, 'A1')).toBe('Unit recording form');
    expect(['A2', 'A3', 'A4', 'A5', 'A6'].map((x) => at(sheet, x))).toEqual(['Candidate', 'Assessor', 'Unit', 'Level / credit', 'Occasions needed (default)']);
    expect(['D2', 'D3', 'D4', 'D5', 'D6'].map((x) => at(sheet, x))).toEqual(['Qualification', 'Qualification id', 'Unit title', 'Unit status', 'Coverage']);
    expect(at(sheet, 'B2')).toBe('Jane Smith');
    expect(at(sheet, 'B3')).toBe('A. Assessor');
    expect(at(sheet, 'B4')).toBe('4430-203');
    expect(at(sheet, 'B5')).toBe('Level 2, 5 credits, 33 GLH');
    expect(at(sheet, 'B6')).toBe(1);
    expect(at(sheet, 'E2')).toBe('Level 2 NVQ Certificate in Customer Service');
    expect(at(sheet, 'E3')).toBe('cg-4430-02');
    expect(at(sheet, 'E4')).toBe('Give customers a positive impression of yourself and your organisation');
    const header = readHeaderBlock(planValues(sheet));
    expect(header).toMatchObject({ candidate: 'Jane Smith', assessor: 'A. Assessor', qualification: 'Level 2 NVQ Certificate in Customer Service', qualificationId: 'cg-4430-02', unit: '4430-203' });
    expect(isCriteriaRowsSheet(planValues(sheet))).toBe(true);
  });

  it('has status and coverage formulas in E5 and E6 over the item rows', () => {
    expect(n).toBe(31);
    expect(formulaAt(sheet, 'E5')).toBe(`=IF(COUNTIF($R$9:$R$${last},">0")=0,"Complete",IF(SUM($P$9:$Q$${last})=0,"Not started","In progress"))`);
    expect(formulaAt(sheet, 'E6')).toBe(`=COUNTIF($R$9:$R$${last},0)/31`);
    expect(styleAt(sheet, 'E6').numberFormat).toBe('0%');
    expect(sheet.conditionalFormats.some((c) => c.range.row === 4 && c.range.col === 4 && c.formula === '=$E$5="Complete"')).toBe(true);
  });

  it('has the header row: Kind | Group | Code | Standard | Occasions needed | Evidence ref 1..8 | Date | decision | counts', () => {
    const row8 = Array.from({ length: 18 }, (_, c) => at(sheet, a1(7, c)));
    expect(row8).toEqual([
      'Kind',
      'Group',
      'Code',
      'Standard',
      'Occasions needed',
      'Evidence ref 1',
      'Evidence ref 2',
      'Evidence ref 3',
      'Evidence ref 4',
      'Evidence ref 5',
      'Evidence ref 6',
      'Evidence ref 7',
      'Evidence ref 8',
      'Date',
      'Assessor decision',
      'Accepted',
      'Claimed',
      'Still needed',
    ]);
  });

  it('puts one row per item in unitItems order with kind, group, code, wrapped text and occasions needed', () => {
    expect(items.map((i) => i.code)).toEqual(unitItems(s.unit).map((i) => i.code));
    expect(at(sheet, 'A9')).toBe('Performance / assessment criteria');
    expect(at(sheet, 'B9')).toBe('1 Establish rapport with customers');
    expect(at(sheet, 'C9')).toBe('1.1');
    expect(at(sheet, 'D9')).toBe("meet their organisation's standards of appearance and behaviour");
    expect(formulaAt(sheet, 'E9')).toBe('=IF(ISNUMBER($B$6),$B$6,1)'); // follows the default cell B6
    expect(at(sheet, 'B6')).toBe(1);
    expect(styleAt(sheet, 'D9').wrap).toBe(true);
    expect(styleAt(sheet, 'C9').numberFormat).toBe('@');
    expect(at(sheet, `C${last}`)).toBe('6b');
    expect(at(sheet, `A${last}`)).toBe('Evidence requirements');
    expect(at(sheet, `B${last}`)).toBe('6 You must provide evidence that you communicate with customers effectively by:');
  });

  it('counts refs with native formulas that use the vocabulary, and shows what is still needed', () => {
    const marks = markCountFormula('$F9:$M9');
    expect(formulaAt(sheet, 'P9')).toBe(`=${marks}*${acceptedFormula('$O9')}`);
    expect(formulaAt(sheet, 'Q9')).toBe(`=${marks}*${pendingFormula('$O9')}`);
    expect(formulaAt(sheet, 'R9')).toBe('=MAX(0,IF(ISNUMBER($E9),$E9,IF(ISNUMBER($B$6),$B$6,1))-$P9)');
    expect(formulaAt(sheet, `R${last}`)).toBe(`=MAX(0,IF(ISNUMBER($E${last}),$E${last},IF(ISNUMBER($B$6),$B$6,1))-$P${last})`);
  });

  it('colours still needed red, covered green, claimed amber', () => {
    const onR = sheet.conditionalFormats.filter((c) => c.range.col === 17 && c.range.row === 8);
    expect(onR.map((c) => [c.formula, c.style.fill])).toEqual([
      ['=$R9=0', '#C6EFCE'],
      ['=$Q9>0', '#FFEB9C'],
      ['=$R9>0', '#FFC7CE'],
    ]);
    expect(onR[0]!.range.endRow).toBe(last - 1);
    expect(sheet.conditionalFormats.some((c) => c.range.col === 2 && c.formula === '=$R9=0')).toBe(true);
    expect(sheet.conditionalFormats.some((c) => c.range.col === 5 && c.range.endCol === 12 && c.formula === `=${markFormula('F9')}*${acceptedFormula('$O9')}>0`)).toBe(true);
    // Unrecognised refs and decisions stand out (first, so nothing else colours them).
    const onRefs = sheet.conditionalFormats.filter((c) => c.range.col === 5 && c.range.endCol === 12);
    expect(onRefs[0]).toMatchObject({ formula: `=${unrecognisedMarkFormula('F9')}`, stopIfTrue: true, style: { fill: '#E4C1F9' } });
    expect(sheet.conditionalFormats.some((c) => c.range.col === 14 && c.range.row === 8 && c.formula === `=${unrecognisedDecisionFormula('O9')}`)).toBe(true);
  });

  it('validates the decision and the IV sampling, and leaves only the user cells unlocked', () => {
    const decision = validationAt(sheet, 'O9')!;
    expect(decision.list).toEqual(['Accepted', 'Referred']);
    expect(decision.allowBlank).toBe(true);
    expect(validationAt(sheet, `O${last}`)).toBe(decision);
    for (const x of ['F9', 'M9', `F${last}`, `M${last}`, 'N9', 'O9', 'E9', 'B2', 'B3', 'B6']) expect([x, unlocked(sheet, x)]).toEqual([x, true]);
    for (const x of ['A9', 'C9', 'D9', 'P9', 'Q9', 'R9', 'E5', 'E6', 'A8']) expect([x, unlocked(sheet, x)]).toEqual([x, false]);
    expect(styleAt(sheet, 'F9').numberFormat).toBe('@');
    expect(styleAt(sheet, 'N9').numberFormat).toBe('dd/mm/yyyy');
    expect(sheet.protection).toEqual({ allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: true });
  });

  it('has the sign-off block below, as on the recording forms', () => {
    const heading = find(sheet, 'Sign-off')!;
    expect(parseA1(heading)).toEqual({ row: last + 1, col: 0 });
    const labels = Array.from({ length: 7 }, (_, i) => at(sheet, `A${last + 3 + i}`));
    expect(labels).toEqual([
      'Assessor signature',
      'Date completed',
      'Candidate signature',
      'Candidate date',
      'Sampled by internal verifier (Yes/No)',
      'Internal verifier signature',
      'Date verified',
    ]);
    expect(unlocked(sheet, `D${last + 3}`)).toBe(true);
    expect(validationAt(sheet, `D${last + 7}`)!.list).toEqual(['Yes', 'No']);
  });

  it('prints landscape, fit to width, repeating the header row; freezes above the items', () => {
    expect(sheet.print).toEqual({ landscape: true, fitToWidth: true, repeatRows: { from: 7, to: 7 } });
    expect(sheet.freeze).toEqual({ rows: 8, cols: 3 });
    expect(sheet.autoFilter).toEqual({ row: 7, col: 0, endRow: last - 1, endCol: 17 });
  });
});

describe('criteria-rows grid: other qualifications', () => {
  it('IMI CS 7: learning-outcome criteria as rows', () => {
    const s = subject('imi-l2-diploma-customer-service', 'CS 7');
    const { sheet, items } = buildCriteriaRowsGrid(s, 'Jane Smith CS 7');
    expect(items.length).toBe(20);
    expect(at(sheet, 'B4')).toBe('CS 7');
    expect(at(sheet, 'E3')).toBe('imi-l2-diploma-customer-service');
    expect(at(sheet, 'C9')).toBe('1.1');
    expect(at(sheet, 'B9')).toBe('1 Understand customer service delivery');
    expect(at(sheet, 'C28')).toBe('5.2');
    expect(formulaAt(sheet, 'E6')).toBe('=COUNTIF($R$9:$R$28,0)/20');
    expect(at(sheet, 'C29')).toBeNull();
    expect(find(sheet, 'Sign-off')).toBe('A30');
  });

  it('CVQ U09602: range, knowledge and evidence items as rows, with their groups', () => {
    const s = subject('cvq-cca010-02', 'U09602');
    const { sheet, items } = buildCriteriaRowsGrid(s, 'Jane Smith U09602', { evidenceRows: 40, occasions: { default: 1, perItem: { '1/A/ii': 2 } } });
    const range = find(sheet, '1/A/ii')!;
    const { row } = parseA1(range);
    expect(at(sheet, a1(row, 0))).toBe('Range');
    expect(at(sheet, a1(row, 1))).toBe('1/A Types of customers:');
    expect(at(sheet, a1(row, 3))).toBe('appear angry');
    expect(at(sheet, a1(row, 4))).toBe(2);
    const k = parseA1(find(sheet, '2a')!).row;
    expect(at(sheet, a1(k, 0))).toBe('Knowledge and understanding');
    expect(at(sheet, a1(k, 1))).toBe('2 Legislation and regulations');
    expect(at(sheet, 'B5')).toBe('not stated in the standard');
    expect(items.filter((i) => i.kind === 'range').length).toBe(14);
    expect(at(sheet, a1(8 + items.length - 1, 2))).toBe(items[items.length - 1]!.code);
  });
});

describe('reading a criteria-rows sheet', () => {
  const s = subject('cg-4430-02', '203');

  /** A hand-written sheet: header row, then rows by code with refs in F.., date N, decision O. */
  function handWritten(rows: [string, RawCell[], RawCell, RawCell?][]): RawCell[][] {
    const header = ['Kind', 'Group', 'Code', 'Standard', 'Occasions needed', ...Array.from({ length: 8 }, (_, i) => `Evidence ref ${i + 1}`), 'Date', 'Assessor decision', 'Accepted', 'Claimed', 'Still needed'];
    const values: RawCell[][] = [
      ['Unit recording form'],
      ['Candidate', 'Sam Jones', null, 'Qualification', 'Level 2 NVQ Certificate in Customer Service'],
      ['Assessor', 'P. Jones', null, 'Qualification id', 'cg-4430-02'],
      ['Unit', '4430-203'],
      [],
      ['Occasions needed (default)', 1],
      [],
      header,
    ];
    for (const [code, refs, decision, date] of rows) {
      const line: RawCell[] = [null, null, code, 'text', null, ...refs];
      while (line.length < 13) line.push(null);
      line.push(date ?? null, decision);
      values.push(line);
    }
    return values;
  }

  it('reads refs as marks tolerantly: tick, x, Y, yes, TRUE, 1, a ref, a date serial count; blank, 0, N, no, FALSE do not', () => {
    const values = handWritten([
      ['1.1', ['✓', 'x', 'Y', 'yes', true, 1, 'E12', 45383], 'Accepted', 45390],
      ['1.2', [null, 0, 'N', 'no', false, 'FALSE', ' ', '0'], 'Accepted'],
      ['1.3', ['e4', null, 'n'], null],
      ['2.1', ['E7'], 'Referred'],
    ]);
    const parsed = read(values, s.unit);
    expect(parsed.header.candidate).toBe('Sam Jones');
    expect(parsed.items.get('1.1')!.refs).toEqual(['✓', 'x', 'Y', 'yes', true, 1, 'E12', 45383]);
    expect(parsed.items.get('1.1')!.decision).toBe('accepted');
    expect(parsed.items.get('1.1')!.date).toBe(45390);
    expect(parsed.items.get('1.2')!.refs).toEqual([]);
    expect(parsed.items.get('1.3')!.refs).toEqual(['e4']);
    expect(parsed.items.get('1.3')!.decision).toBe('pending');
    expect(parsed.items.get('2.1')!.decision).toBe('referred');
    expect(parsed.hasDecisionColumn).toBe(true);
    // Content for a rebuild keeps every non-blank ref cell, marks or not.
    const row12 = parsed.content.rows.find((r) => r.code === '1.2')!;
    expect(row12.refs).toEqual([null, 0, 'N', 'no', false, 'FALSE', ' ', '0']); // every cell in its slot, for a rebuild
  });

  it('computes coverage: covered when accepted and refs reach the occasions needed; claimed while undecided', () => {
    const values = handWritten([
      ['1.1', ['E1'], 'Accepted'],
      ['1.2', ['E1', 'E2'], null],
      ['1.3', ['E3'], 'Referred'],
      ['1.4', ['x'], 'accepted'],
      ['1.5', ['no', 'N'], 'Accepted'],
    ]);
    values[rowOf(values, '1.4')]![4] = 2; // needs two occasions
    const cov = criteriaRowsCoverage(values, s.unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    const state = (code: string) => cov.value.items.find((i) => i.item.code === code)!;
    expect(state('1.1').state).toBe('covered');
    expect(state('1.1').accepted).toEqual(['E1']);
    expect(state('1.2').state).toBe('claimed');
    expect(state('1.2').claimed).toEqual(['E1', 'E2']);
    expect(state('1.3').state).toBe('uncovered');
    expect(state('1.3').referred).toEqual(['E3']);
    expect(state('1.4').state).toBe('uncovered');
    expect(state('1.4').needed).toBe(2);
    expect(state('1.4').accepted).toEqual([`row ${rowOf(values, '1.4') + 1}`]);
    expect(state('1.5').state).toBe('uncovered');
    expect(cov.value.awaitingDecision).toEqual(['1.2']);
    // Items with no row at all are reported, never assumed covered.
    expect(cov.value.missingColumns.length).toBe(31 - 5);
    expect(state('2.1').state).toBe('missingColumn');
    expect(cov.value.coverage).toBeCloseTo(1 / 31);
    expect(cov.value.complete).toBe(false);
    expect(cov.value.evidenceRows).toBe(4); // distinct pieces: E1, E2, E3 and the tick on 1.4's row
  });

  it('reports codes the standard does not know, and duplicate rows (reading refs from both)', () => {
    const values = handWritten([
      ['1.1', ['E1'], 'Accepted'],
      ['9.9', ['E5'], 'Accepted'],
      ['1.1', ['E2'], null],
    ]);
    const parsed = read(values, s.unit);
    expect(parsed.unknownCodes).toEqual(['9.9']);
    expect(parsed.duplicateCodes).toEqual(['1.1']);
    expect(parsed.items.get('1.1')!.refs).toEqual(['E1', 'E2']);
    const cov = criteriaRowsCoverage(values, s.unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    expect(cov.value.unknownCodes).toEqual(['9.9']);
    expect(cov.value.warnings.join(' ')).toContain('"9.9"');
  });

  it('reads a sheet without a decision column as the assessor\'s own record: refs count as accepted', () => {
    const values: RawCell[][] = [['Code', 'Standard', 'Location ref'], ['1.1', 'x', 'P12'], ['1.2', 'y', null]];
    const cov = criteriaRowsCoverage(values, s.unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    expect(cov.value.hasDecisionColumn).toBe(false);
    expect(cov.value.items[0]!.state).toBe('covered');
    expect(cov.value.items[1]!.state).toBe('uncovered');
  });

  it('refuses what is not a criteria-rows sheet, saying what it looked for', () => {
    const r = readCriteriaRows([['Ref no.', '1.1', '1.2'], ['E1', 'x', null]], s.unit);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.kind).toBe('notAGrid');
      expect(r.problem.message).toContain('"Code"');
    }
    expect(readCriteriaRows([], s.unit).ok).toBe(false);
  });

  it('reads a built sheet with its formulas computed as the spreadsheet would', () => {
    const { sheet } = buildCriteriaRowsGrid(s, 'Jane Smith 4430-203');
    const values = planValues(sheet, () => 0);
    fill(values, '1.1', ['E1'], 'Accepted');
    const parsed = read(values, s.unit);
    expect(parsed.missingItems).toEqual([]);
    expect(parsed.items.size).toBe(31);
    expect(parsed.items.get('1.1')!.refs).toEqual(['E1']);
    expect(parsed.content.extraHeaders).toEqual([]);
  });
});

describe('rebuilding a criteria-rows sheet with a changed standard', () => {
  const s = subject('cg-4430-02', '203');

  /** 203 with 1.2 removed, 1.8 added and 1.3 reworded. */
  function changedUnit(unit: Unit): Unit {
    const u = structuredClone(unit);
    const e1 = u.elements[0]!;
    e1.criteria = e1.criteria.filter((c) => c.code !== '1.2');
    e1.criteria.find((c) => c.code === '1.3')!.text = 'communicate with customers so that they feel valued (reworded)';
    e1.criteria.push({ code: '1.8', text: 'a new criterion' });
    return u;
  }

  function filledSheet() {
    const { sheet } = buildCriteriaRowsGrid(s, 'Jane Smith 4430-203');
    const values = planValues(sheet, () => 0);
    fill(values, '1.1', ['E1', 'E2'], 'Accepted', 45400);
    fill(values, '1.2', ['E3', 'x'], 'Accepted', 45401);
    fill(values, '1.3', ['E4'], null);
    fill(values, '6b', ['E1', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10', 'E11'], 'Referred');
    put(values, a1(rowOf(values, '2.1'), 4), 3); // occasions needed changed by the centre
    put(values, 'B2', 'Jane Smith-Jones'); // candidate renamed by hand
    // A column of the user's own.
    put(values, 'S8', 'Notes');
    put(values, a1(rowOf(values, '1.2'), 18), 'seen on site visit');
    // Sign-off.
    const signOff = parseA1(find(sheet, 'Assessor signature')!).row;
    put(values, a1(signOff, 3), 'P. Jones');
    put(values, a1(signOff + 4, 3), 'Yes');
    return values;
  }

  it('keeps every ref and every user entry; removed items keep their refs in a labelled section', () => {
    const before = filledSheet();
    const parsed = read(before, changedUnit(s.unit));
    const changed = { ...s, unit: changedUnit(s.unit) };
    const rebuilt = buildCriteriaRowsGrid(changed, 'Jane Smith 4430-203', undefined, parsed.content);
    const after = planValues(rebuilt.sheet, () => 0);

    // Nothing typed by the user is missing.
    const typed = ['E1', 'E2', 'E3', 'x', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10', 'E11', 'seen on site visit', 'P. Jones', 'Yes', 'Jane Smith-Jones', 'Referred'];
    const texts = allTexts(after);
    for (const t of typed) expect([t, texts.includes(t)]).toEqual([t, true]);
    expect(texts.filter((t) => t === 'E1').length).toBe(2);

    // Current items keep their entries by code.
    const r11 = rowOf(after, '1.1');
    expect(after[r11]!.slice(5, 7)).toEqual(['E1', 'E2']);
    expect(after[r11]![13]).toBe(45400);
    expect(after[r11]![14]).toBe('Accepted');
    expect(after[rowOf(after, '2.1')]![4]).toBe(3);
    expect(after[rowOf(after, '1.3')]![3]).toBe('communicate with customers so that they feel valued (reworded)');
    expect(after[rowOf(after, '1.3')]![5]).toBe('E4');
    expect(after[rowOf(after, '1.8')]![5]).toBeNull();

    // The removed item's row sits under the labelled section, refs, date, decision and note intact.
    const section = after.findIndex((line) => line[0] === REMOVED_SECTION);
    expect(section).toBeGreaterThan(rowOf(after, '6b'));
    const r12 = rowOf(after, '1.2');
    expect(r12).toBe(section + 1);
    expect(after[r12]!.slice(5, 7)).toEqual(['E3', 'x']);
    expect(after[r12]![13]).toBe(45401);
    expect(after[r12]![14]).toBe('Accepted');
    expect(after[r12]![18]).toBe('seen on site visit');
    expect(after[r12]![15]).toBeNull(); // no formulas: it no longer counts
    expect(at(rebuilt.sheet, a1(r12, 15))).toBeNull();
    expect(unlocked(rebuilt.sheet, a1(r12, 5))).toBe(true);

    // Header block, the user's column and sign-off carried.
    expect(after[1]![1]).toBe('Jane Smith-Jones');
    expect(after[7]![18]).toBe('Notes');
    expect(after.some((line) => line[0] === 'Assessor signature' && line[3] === 'P. Jones')).toBe(true);

    expect(rebuilt.changes.added).toEqual(['1.8']);
    expect(rebuilt.changes.removed).toEqual(['1.2']);
    expect(rebuilt.changes.reworded).toEqual(['1.3']);
    expect(rebuilt.changes.marksMovedToRemoved).toEqual(['1.2']);
    expect(rebuilt.changes.marksKept).toBe(2 + 2 + 1 + 8);
  });

  it('is stable: reading and rebuilding again changes nothing, and the section is read back', () => {
    const changed = { ...s, unit: changedUnit(s.unit) };
    const once = buildCriteriaRowsGrid(changed, 'X', undefined, read(filledSheet(), changed.unit).content);
    const v1 = planValues(once.sheet, () => 0);
    const parsed = read(v1, changed.unit);
    expect(parsed.removedSectionCodes).toEqual(['1.2']);
    expect(parsed.unknownCodes).toEqual([]);
    const twice = buildCriteriaRowsGrid(changed, 'X', undefined, parsed.content);
    expect(planValues(twice.sheet, () => 0)).toEqual(v1);
    expect(twice.changes.removed).toEqual([]);
    expect(twice.changes.marksMovedToRemoved).toEqual([]);
    const cov = criteriaRowsCoverage(v1, changed.unit);
    if (!cov.ok) throw new Error(cov.problem.message);
    expect(cov.value.warnings.join(' ')).toContain('no longer in the standard: 1.2');
  });

  it('brings refs back into the item row when the item returns to the standard', () => {
    const changed = { ...s, unit: changedUnit(s.unit) };
    const once = buildCriteriaRowsGrid(changed, 'X', undefined, read(filledSheet(), changed.unit).content);
    const back = buildCriteriaRowsGrid(s, 'X', undefined, read(planValues(once.sheet, () => 0), s.unit).content);
    const v = planValues(back.sheet, () => 0);
    expect(v.some((line) => line[0] === REMOVED_SECTION)).toBe(false);
    expect(v[rowOf(v, '1.2')]!.slice(5, 7)).toEqual(['E3', 'x']);
    expect(back.changes.removed).toEqual(['1.8']);
  });

  it('adds ref columns rather than drop refs when an item has more than eight', () => {
    const values = filledSheet();
    const r = rowOf(values, '1.1');
    // A user inserted a ninth ref column by hand.
    for (const line of values) line.splice(13, 0, null);
    put(values, 'N8', 'Evidence ref 9');
    for (let i = 0; i < 9; i++) put(values, a1(r, 5 + i), `R${i + 1}`);
    const parsed = read(values, s.unit);
    expect(parsed.items.get('1.1')!.refs.length).toBe(9);
    const rebuilt = buildCriteriaRowsGrid(s, 'X', undefined, parsed.content);
    expect(at(rebuilt.sheet, 'N8')).toBe('Evidence ref 9');
    expect(at(rebuilt.sheet, 'O8')).toBe('Date');
    const after = planValues(rebuilt.sheet, () => 0);
    expect(after[rowOf(after, '1.1')]!.slice(5, 14)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']);
    expect(formulaAt(rebuilt.sheet, 'Q9')).toContain('TRIM($F9:$N9)');
  });

  it('keeps a second row for an item whose entries disagree with the first, rather than lose either', () => {
    const values = filledSheet();
    const r = rowOf(values, '1.1');
    values.splice(r + 1, 0, [null, null, '1.1', 'copy', null, 'E20', null, null, null, null, null, null, null, 45500, 'Referred']);
    const rebuilt = buildCriteriaRowsGrid(s, 'X', undefined, read(values, s.unit).content);
    const after = planValues(rebuilt.sheet, () => 0);
    const texts = allTexts(after);
    expect(texts).toContain('E20');
    expect(texts).toContain('Referred');
    const section = after.findIndex((line) => line[0] === REMOVED_SECTION);
    expect(after[section + 1]![2]).toBe('1.1');
  });
});
