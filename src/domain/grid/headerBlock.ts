import type { Unit } from '../standards/schema';
import { columnLetter, type CellRange, type ConditionalFormatPlan, type PlanValue, type StyledRange } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { HEADER } from './layout';
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

/** D1 bold like the other labels; E1 editable on the protected sheet, formatted as text. */
export function candidateIdStyles(): StyledRange[] {
  return [
    { range: { row: 0, col: 3 }, style: { bold: true } },
    { range: { row: 0, col: 4 }, style: { locked: false, border: 'thin', numberFormat: '@' } },
  ];
}

/** The block's cells as [row, col, value], rows 1-5 (and the candidate id in row 0 when known). */
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
 * Mark cells coloured by their row's decision: green accepted, amber claimed (not yet judged), grey
 * referred. `marks` is the mark area; `decisionCol` the column holding each row's decision.
 */
export function markFormats(marks: CellRange, decisionCol: number): ConditionalFormatPlan[] {
  const mark = `${columnLetter(marks.col)}${marks.row + 1}`;
  const decision = `$${columnLetter(decisionCol)}${marks.row + 1}`;
  return [
    { range: marks, formula: `=AND(${mark}<>"",${decision}="Accepted")`, style: { fill: PALETTE.green, fontColor: PALETTE.greenText } },
    { range: marks, formula: `=AND(${mark}<>"",${decision}="")`, style: { fill: PALETTE.amber, fontColor: PALETTE.amberText } },
    { range: marks, formula: `=AND(${mark}<>"",${decision}="Referred")`, style: { fill: PALETTE.grey } },
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
