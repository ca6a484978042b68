import { unitCoverage, type UnitCoverage } from '../../domain/coverage/coverage';
import { CRITERIA_COLS, criteriaRowsCoverage, isCriteriaRowsSheet, readCriteriaRows } from '../../domain/grid/criteriaRowsGrid';
import { EVIDENCE_LABELS, normaliseLabel, SIGN_OFF } from '../../domain/grid/layout';
import { cellText, parseGrid, readHeaderBlock } from '../../domain/grid/readGrid';
import type { Catalog } from '../../domain/standards/catalog';
import { unitItems, type ItemKind, type RequiredItem } from '../../domain/standards/itemCodes';
import type { Qualification, Unit } from '../../domain/standards/schema';
import { address, type CellRange } from '../../domain/workbook/plan';
import type { SheetValues } from '../../domain/workbook/sheetValues';

/*
 * Where things are on a grid sheet, in either layout: the cells of a unit's missing items (to jump
 * to them), and which item a selected cell belongs to.
 */

/** One item of each kind, in words. */
export const KIND_SINGULAR: Record<ItemKind, string> = {
  criterion: 'criterion',
  range: 'range item',
  knowledge: 'knowledge item',
  evidence: 'evidence requirement',
};

export interface MissingItem {
  item: RequiredItem;
  /** The item's column (evidence rows) or row (criteria rows) on the sheet; absent if it has none. */
  target?: CellRange;
  /** "column J" / "row 14", for people reading the sheet themselves. */
  where?: string;
}

function coverageOf(sheet: SheetValues, unit: Unit): { coverage: UnitCoverage; criteriaRows: boolean; headerRow: number } | null {
  if (isCriteriaRowsSheet(sheet.values)) {
    const cov = criteriaRowsCoverage(sheet.values, unit, {}, sheet.formulas);
    return cov.ok ? { coverage: cov.value, criteriaRows: true, headerRow: -1 } : null;
  }
  const parsed = parseGrid(sheet.values, unit);
  if (!parsed.ok) return null;
  const cov = unitCoverage(sheet.values, unit, {}, sheet.formulas);
  return cov.ok ? { coverage: cov.value, criteriaRows: false, headerRow: parsed.value.columns.headerRow } : null;
}

export interface GridStatus {
  /** The unit's items not yet covered on this sheet, each with the range to select to reach it. */
  missing: MissingItem[];
  /** Excel serial date of the latest evidence, if any. */
  lastEvidenceDate: number | null;
  awaitingDecision: string[];
}

/** A grid's missing items with where they are, and its latest evidence date; null if the sheet cannot be read. */
export function gridStatus(sheet: SheetValues, unit: Unit): GridStatus | null {
  const found = coverageOf(sheet, unit);
  if (!found) return null;
  // The evidence area ends above the sign-off block.
  const signOff = sheet.values.findIndex((r, i) => i > found.headerRow && normaliseLabel(r[0] ?? null) === normaliseLabel(SIGN_OFF.heading));
  const lastRow = signOff > 0 ? signOff - 1 : Math.max(sheet.values.length - 1, 0);
  const missing = found.coverage.items
    .filter((i) => i.state !== 'covered')
    .map((i): MissingItem => {
      if (i.column === null) return { item: i.item };
      if (found.criteriaRows) {
        // The item's row, from its code across its evidence refs.
        const width = Math.max((sheet.values[i.column]?.length ?? 1) - 1, CRITERIA_COLS.firstRef);
        return { item: i.item, target: { row: i.column, col: CRITERIA_COLS.code, endRow: i.column, endCol: width }, where: `row ${i.column + 1}` };
      }
      // The item's column, from its code in the header row down the evidence rows.
      const letter = address({ row: 0, col: i.column }).replace(/\d+$/, '');
      return { item: i.item, target: { row: found.headerRow, col: i.column, endRow: Math.max(found.headerRow, lastRow), endCol: i.column }, where: `column ${letter}` };
    });
  return { missing, lastEvidenceDate: found.coverage.lastEvidenceDate, awaitingDecision: found.coverage.awaitingDecision };
}

export type CellIdentity =
  | { kind: 'item'; qualification: Qualification; unit: Unit; item: RequiredItem; detail: string }
  | { kind: 'other'; message: string };

/** Which criterion (or other item) of which unit a cell of a grid belongs to. */
export function identifyCell(sheet: SheetValues, row: number, col: number, catalog: Catalog): CellIdentity {
  const at = `${sheet.name}, cell ${address({ row, col })}`;
  const header = readHeaderBlock(sheet.values);
  const qualificationCode = header.qualificationId ?? header.qualification;
  if (!qualificationCode || !header.unit) return { kind: 'other', message: `${at}: this sheet is not a grid (it has no Qualification and Unit in a header block).` };
  const found = catalog.findUnit(qualificationCode, header.unit);
  if (!found.ok) return { kind: 'other', message: `${at}: ${found.problem.message}` };
  const { unit, index } = found.value;
  const items = new Map(unitItems(unit).map((i) => [i.code, i]));
  const result = (code: string, detail: string): CellIdentity => {
    const item = items.get(code);
    return item ? { kind: 'item', qualification: index.qualification, unit, item, detail } : { kind: 'other', message: `${at}: ${code} is not an item of unit ${unit.code}.` };
  };
  if (isCriteriaRowsSheet(sheet.values)) {
    const parsed = readCriteriaRows(sheet.values, unit);
    if (!parsed.ok) return { kind: 'other', message: `${at}: ${parsed.problem.message}` };
    for (const entry of parsed.value.items.values()) {
      if (entry.row === row) return result(entry.code, `${at} is on the row of ${KIND_SINGULAR[items.get(entry.code)?.kind ?? 'criterion']} ${entry.code}.`);
    }
    // A second row of an item (added by the assessor) carries its code in the Code column.
    const code = cellText(sheet.values[row]?.[parsed.value.columns.fields.get('code') ?? CRITERIA_COLS.code] ?? null);
    if (code !== '' && items.has(code)) return result(code, `${at} is on a row of ${code}.`);
    return { kind: 'other', message: `${at} is not on an item's row of the ${unit.code} recording form.` };
  }
  const parsed = parseGrid(sheet.values, unit);
  if (!parsed.ok) return { kind: 'other', message: `${at}: ${parsed.problem.message}` };
  const { columns, rowNumbers, content } = parsed.value;
  let code: string | undefined;
  for (const [c, column] of columns.items) if (column === col) code = c;
  for (const [c, extra] of columns.itemExtraCols) if (extra.includes(col)) code = c;
  if (code === undefined) {
    for (const [field, column] of columns.fields) {
      if (column === col) return { kind: 'other', message: `${at} is in the ${EVIDENCE_LABELS[field]} column, not under an item.` };
    }
    return { kind: 'other', message: `${at} is not under an item of unit ${unit.code}.` };
  }
  const evidence = rowNumbers.indexOf(row);
  const ref = evidence >= 0 ? cellText(content.rows[evidence]?.fields.ref ?? null) : '';
  const kindLabel = KIND_SINGULAR[items.get(code)?.kind ?? 'criterion'];
  const detail =
    row === columns.headerRow
      ? `${at} is the heading of ${kindLabel} ${code}.`
      : evidence >= 0
        ? `${at} is the mark of evidence ${ref !== '' ? ref : `row ${row + 1}`} against ${kindLabel} ${code}.`
        : `${at} is in the column of ${kindLabel} ${code}.`;
  return result(code, detail);
}
