import type { Unit } from '../standards/schema';
import { columnLetter, type CellRange, type ConditionalFormatPlan, type PlanValue } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { HEADER } from './layout';
import { acceptedFormula, markFormula, pendingFormula, referredFormula, unrecognisedDecisionFormula, unrecognisedMarkFormula } from './vocabulary';
import type { GridSettings, GridSubject } from './unitGrid';

/*
 * The header block both grid layouts share (rows 1-5: labels in A and D, values in B and E). It is
 * a contract: readHeaderBlock, `check`, the cohort summary and the tracker find grids by it.
 */

/** The status and coverage cells (E5, E6) the tracker and cohort summary refer to. */
export const STATUS_CELL = { row: 4, col: 4 } as const;
export const COVERAGE_CELL = { row: 5, col: 4 } as const;

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

/** Unit status from the still-needed and the accepted/claimed counts (absolute A1 ranges). */
export function unitStatusFormula(stillNeeded: string, counts: string, itemCount: number): PlanValue {
  return itemCount === 0 ? 'Not detailed in the standard' : { formula: `=IF(COUNTIF(${stillNeeded},">0")=0,"Complete",IF(SUM(${counts})=0,"Not started","In progress"))` };
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

/** The block's cells as [row, col, value], rows 1-5. */
export function headerBlockCells(subject: GridSubject, settings: GridSettings, values: HeaderBlockValues): [number, number, PlanValue][] {
  const { qualification, unit } = subject;
  const left: [string, PlanValue][] = [
    [HEADER.candidate, values.candidate ?? subject.candidate],
    [HEADER.assessor, values.assessor ?? subject.assessor ?? ''],
    [HEADER.unit, unit.code],
    [HEADER.levelCredit, levelCreditText(unit)],
    [HEADER.occasions, values.defaultOccasions ?? settings.occasions.default],
  ];
  const right: [string, PlanValue][] = [
    [HEADER.qualification, qualification.title],
    [HEADER.qualificationId, qualification.id],
    [HEADER.unitTitle, unit.title],
    [HEADER.status, values.status],
    [HEADER.coverage, values.coverage],
  ];
  return [
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
    { range: { ...STATUS_CELL }, formula: `=${cell}="Complete"`, style: { fill: PALETTE.green, fontColor: PALETTE.greenText, bold: true } },
    { range: { ...STATUS_CELL }, formula: `=${cell}="In progress"`, style: { fill: PALETTE.amber, fontColor: PALETTE.amberText } },
  ];
}
