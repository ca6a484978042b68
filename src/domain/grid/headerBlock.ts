import { UNIT_STATUS, unitStatusFormulaText } from '../coverage/unitStatus';
import type { Unit } from '../standards/schema';
import { columnLetter, type CellRange, type CellStyle, type ConditionalFormatPlan, type PlanValue, type SheetPlan, type StyledRange } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { HEADER, SIGN_OFF } from './layout';
import type { SparseCells } from './sheetCells';
import { acceptedFormula, markFormula, pendingFormula, referredFormula, unrecognisedDecisionFormula, unrecognisedMarkFormula } from './vocabulary';
import type { GridSettings, GridSubject } from './gridTypes';

/*
 * The header block both grid layouts share (rows 1-5: labels in A and D, values in B and E). It is
 * a contract: readHeaderBlock, `check`, the cohort summary and the tracker find grids by it.
 */

/** The status and coverage cells (E5, E6) the tracker and cohort summary refer to. */
export const STATUS_CELL = { row: 4, col: 4 } as const;
export const COVERAGE_CELL = { row: 5, col: 4 } as const;

/**
 * The "Occasions needed (default)" cell (B6) both layouts share. Each item's own occasions-needed
 * cell follows it (a formula) until someone types a number there; a blank or non-number item cell
 * also means "the default", and a blank or non-number default means 1. The reader does the same.
 */
export const DEFAULT_OCCASIONS_CELL = { row: 5, col: 1 } as const;
const DEFAULT_OCCASIONS_A1 = '$B$6';
const DEFAULT_OCCASIONS = `IF(ISNUMBER(${DEFAULT_OCCASIONS_A1}),${DEFAULT_OCCASIONS_A1},1)`;

/** An item's occasions-needed cell that follows the default cell. */
export function followDefaultOccasions(): PlanValue {
  return { formula: `=${DEFAULT_OCCASIONS}` };
}

/** True for the formula followDefaultOccasions writes (as either adapter reads it back). */
export function isFollowDefaultFormula(formula: string | null | undefined): boolean {
  const squash = (f: string) => f.replace(/^=/, '').replace(/[\s$]/g, '').toUpperCase();
  return typeof formula === 'string' && squash(formula) === squash(DEFAULT_OCCASIONS);
}

/** Still needed for an item: its own occasions (a number) or the default, less its accepted evidence. */
export function stillNeededFormula(needed: string, accepted: string): PlanValue {
  return { formula: `=MAX(0,IF(ISNUMBER(${needed}),${needed},${DEFAULT_OCCASIONS})-${accepted})` };
}

/** The default as the sheet's formulas take it: a number in the cell, else 1. */
export function defaultOccasionsOf(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 1;
}

/** An item's own occasions as the sheet's formulas take it: a number, else (blank, text) the default. */
export function ownOccasionsOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** What a grid of a unit the standard does not detail says where its criteria would be. */
export const NOT_DETAILED_NOTE =
  'This unit is not detailed in the standard: it has no criteria to mark. Record its achievement on the unit progress record (tracker): Assessor and Date completed on its row. This grid\'s status follows it.';

/** Fills shared by the grids and the summaries: green covered/complete, amber claimed/in progress, red needed. */
export const PALETTE = {
  green: '#C6EFCE',
  greenText: '#006100',
  amber: '#FFEB9C',
  amberText: '#9C5700',
  red: '#FFC7CE',
  redText: '#9C0006',
  grey: '#D9D9D9',
  /** An entry the vocabulary does not know (a mark or decision): not counted, so it must stand out. */
  unrecognised: '#E4C1F9',
  unrecognisedText: '#5B2C83',
} as const;

/** "Level 2, 5 credits, 33 GLH": what the standard states, nothing guessed. */
export function levelCreditText(unit: Unit): string {
  return (
    [
      unit.level !== null ? `Level ${unit.level}` : null,
      unit.scqfLevel !== null ? `SCQF level ${unit.scqfLevel}` : null,
      unit.credit !== null ? `${unit.credit} credits` : null,
      unit.glh !== null ? `${unit.glh} GLH` : null,
    ]
      .filter(Boolean)
      .join(', ') || 'not stated in the standard'
  );
}

/**
 * Unit status from the still-needed and the accepted/claimed counts (absolute A1 ranges). A unit
 * the standard does not detail has nothing to count: Not started until its achievement is
 * recorded on the tracker (the workbook build points this cell at the tracker's status).
 */
export function unitStatusFormula(stillNeeded: string, counts: string, itemCount: number): PlanValue {
  return itemCount === 0 ? UNIT_STATUS.notStarted : { formula: unitStatusFormulaText(stillNeeded, counts) };
}

/** Fraction of items with nothing still needed. */
export function coverageFormula(stillNeeded: string, itemCount: number): PlanValue {
  return itemCount === 0 ? null : { formula: `=COUNTIF(${stillNeeded},0)/${itemCount}` };
}

export interface HeaderBlockValues {
  /** What the sheet had, on a rebuild (kept over the request's). */
  candidate?: RawCell;
  assessor?: RawCell;
  defaultOccasions?: number;
  status: PlanValue;
  coverage: PlanValue;
}

/**
 * The candidate id line beside the title (D1 label, E1 the id as text, so leading zeros stay). Always
 * written, blank when not known, so a centre can type the ULN in later; sheets built before ids lack it.
 */
export function candidateIdCells(id: string | undefined): [number, number, PlanValue][] {
  const text = (id ?? '').trim();
  return [
    [0, 3, HEADER.candidateId],
    [0, 4, text === '' ? null : text],
  ];
}

/**
 * The header block's editable values a rebuild in place keeps as the user left them (candidate,
 * assessor, default occasions, candidate id), unless this build sets one (--occasions, an id given).
 */
export function keptHeaderCells(old: readonly (readonly unknown[] | undefined)[], settings: { occasions: { replaceDefault?: boolean } }, candidateId: string | undefined): { row: number; col: number }[] {
  const cells: [number, number][] = [[1, 1], [2, 1]];
  if (!settings.occasions.replaceDefault) cells.push([5, 1]);
  if ((candidateId ?? '').trim() === '') cells.push([0, 4]);
  return cells.filter(([r, c]) => String(old[r]?.[c] ?? '').trim() !== '').map(([row, col]) => ({ row, col }));
}

/** D1 bold like the other labels; E1 editable on the protected sheet, formatted as text. */
export function candidateIdStyles(): StyledRange[] {
  return [
    { range: { row: 0, col: 3 }, style: { bold: true } },
    { range: { row: 0, col: 4 }, style: { locked: false, border: 'thin', numberFormat: '@' } },
  ];
}

/**
 * The block's look, the same on both layouts: the title, bold labels, the editable candidate,
 * assessor and default-occasions cells boxed, and each value merged across to `valueEndCol`.
 */
export function styleHeaderBlock(sheet: Pick<SheetPlan, 'styles' | 'merges'>, valueEndCol: number): void {
  const style = (row: number, col: number, endRow: number, endCol: number, s: CellStyle) => sheet.styles.push({ range: { row, col, endRow, endCol }, style: s });
  style(0, 0, 0, 0, { bold: true, fontSize: 14 });
  sheet.styles.push(...candidateIdStyles());
  style(1, 0, 5, 0, { bold: true });
  style(1, 3, 5, 3, { bold: true });
  style(1, 1, 2, 1, { locked: false, fill: '#FFFFFF', border: 'thin' });
  style(5, 1, 5, 1, { locked: false, border: 'thin' });
  for (let i = 1; i <= 5; i++) {
    sheet.merges.push({ row: i, col: 1, endCol: 2 });
    sheet.merges.push({ row: i, col: 4, endCol: valueEndCol });
  }
}

/** The sign-off block's labels, in order under its heading (both layouts). */
export const SIGN_OFF_LABELS = [SIGN_OFF.assessor, SIGN_OFF.assessorDate, SIGN_OFF.candidate, SIGN_OFF.candidateDate, SIGN_OFF.sampled, SIGN_OFF.verifier, SIGN_OFF.verifierDate];

/**
 * The sign-off block from `at` (its heading): a label per row in A (merged A:C), its value in D as
 * the sheet had it, merged across D:`valueEndCol` when given. Returns the block's last row.
 */
export function writeSignOff(cells: SparseCells, sheet: Pick<SheetPlan, 'merges'>, at: number, kept: ReadonlyMap<string, RawCell>, valueEndCol?: number): number {
  cells.set(at, 0, SIGN_OFF.heading);
  SIGN_OFF_LABELS.forEach((label, i) => {
    cells.set(at + 1 + i, 0, label);
    const v = kept.get(label);
    cells.set(at + 1 + i, 3, v === undefined ? null : v);
    sheet.merges.push({ row: at + 1 + i, col: 0, endCol: 2 });
    if (valueEndCol !== undefined) sheet.merges.push({ row: at + 1 + i, col: 3, endCol: valueEndCol });
  });
  return at + SIGN_OFF_LABELS.length;
}

/** The block's cells as [row, col, value], rows 1-5 (and the candidate id in row 0 when known). */
export function headerBlockCells(subject: GridSubject, settings: GridSettings, values: HeaderBlockValues): [number, number, PlanValue][] {
  const { qualification, unit } = subject;
  const left: [string, PlanValue][] = [
    [HEADER.candidate, values.candidate ?? subject.candidate],
    [HEADER.assessor, values.assessor ?? subject.assessor ?? ''],
    [HEADER.unit, unit.code],
    [HEADER.levelCredit, levelCreditText(unit)],
    // The grid's own default is kept on a rebuild unless this build sets one (--occasions).
    [HEADER.occasions, settings.occasions.replaceDefault ? settings.occasions.default : (values.defaultOccasions ?? settings.occasions.default)],
  ];
  const right: [string, PlanValue][] = [
    [HEADER.qualification, qualification.title],
    [HEADER.qualificationId, qualification.id],
    [HEADER.unitTitle, unit.title],
    [HEADER.status, values.status],
    [HEADER.coverage, values.coverage],
  ];
  return [
    ...candidateIdCells(subject.candidateId),
    ...left.flatMap(([label, value], i): [number, number, PlanValue][] => [
      [1 + i, 0, label],
      [1 + i, 1, value],
    ]),
    ...right.flatMap(([label, value], i): [number, number, PlanValue][] => [
      [1 + i, 3, label],
      [1 + i, 4, value],
    ]),
  ];
}

/**
 * Mark cells coloured by their row's decision, with the reader's vocabulary: green a mark on an
 * accepted row, amber a mark not yet judged, grey a mark on a referred row, purple an entry that is
 * not recognised (never counted). `marks` is the mark area; `decisionCol` the column holding each
 * row's decision, which is itself purple when it holds an unrecognised decision.
 */
export function markFormats(marks: CellRange, decisionCol: number): ConditionalFormatPlan[] {
  const mark = `${columnLetter(marks.col)}${marks.row + 1}`;
  const decision = `$${columnLetter(decisionCol)}${marks.row + 1}`;
  const isMark = markFormula(mark);
  const unrecognised = { fill: PALETTE.unrecognised, fontColor: PALETTE.unrecognisedText, bold: true };
  return [
    { range: marks, formula: `=${unrecognisedMarkFormula(mark)}`, style: unrecognised, stopIfTrue: true },
    { range: marks, formula: `=${isMark}*${acceptedFormula(decision)}>0`, style: { fill: PALETTE.green, fontColor: PALETTE.greenText } },
    { range: marks, formula: `=${isMark}*${pendingFormula(decision)}>0`, style: { fill: PALETTE.amber, fontColor: PALETTE.amberText } },
    { range: marks, formula: `=${isMark}*${referredFormula(decision)}>0`, style: { fill: PALETTE.grey } },
    {
      range: { row: marks.row, col: decisionCol, endRow: marks.endRow ?? marks.row },
      formula: `=${unrecognisedDecisionFormula(`${columnLetter(decisionCol)}${marks.row + 1}`)}`,
      style: unrecognised,
    },
  ];
}

/** The unit status cell: green when complete, amber in progress. */
export function statusFormats(): ConditionalFormatPlan[] {
  const cell = `$${columnLetter(STATUS_CELL.col)}$${STATUS_CELL.row + 1}`;
  return [
    { range: { ...STATUS_CELL }, formula: `=${cell}="${UNIT_STATUS.complete}"`, style: { fill: PALETTE.green, fontColor: PALETTE.greenText, bold: true } },
    { range: { ...STATUS_CELL }, formula: `=${cell}="${UNIT_STATUS.inProgress}"`, style: { fill: PALETTE.amber, fontColor: PALETTE.amberText } },
  ];
}
