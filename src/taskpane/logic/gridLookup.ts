import { gridLayoutOf } from '../../domain/grid/gridLayouts';
import { readHeaderBlock } from '../../domain/grid/readGrid';
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

export interface GridStatus {
  /** The unit's items not yet covered on this sheet, each with the range to select to reach it. */
  missing: MissingItem[];
  /** Excel serial date of the latest evidence, if any. */
  lastEvidenceDate: number | null;
  awaitingDecision: string[];
}

/** A grid's missing items with where they are, and its latest evidence date; null if the sheet cannot be read. */
export function gridStatus(sheet: SheetValues, unit: Unit): GridStatus | null {
  const layout = gridLayoutOf(sheet.values);
  const parsed = layout.read(sheet.values, unit, { content: false, formulas: sheet.formulas });
  if (!parsed.ok) return null;
  const coverage = layout.coverage(parsed.value, unit);
  const locate = layout.locate(parsed.value);
  const missing = coverage.items
    .filter((i) => i.state !== 'covered')
    .map((i): MissingItem => (i.column === null ? { item: i.item } : { item: i.item, ...locate.item(sheet.values, i.column) }));
  return { missing, lastEvidenceDate: coverage.lastEvidenceDate, awaitingDecision: coverage.awaitingDecision };
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
  const layout = gridLayoutOf(sheet.values);
  const parsed = layout.read(sheet.values, unit);
  if (!parsed.ok) return { kind: 'other', message: `${at}: ${parsed.problem.message}` };
  const place = layout.locate(parsed.value).cell(sheet.values, row, col);
  const kindOf = (code: string) => KIND_SINGULAR[items.get(code)?.kind ?? 'criterion'];
  switch (place.kind) {
    case 'row':
      return result(place.code, `${at} is on the row of ${kindOf(place.code)} ${place.code}.`);
    case 'anotherRow':
      if (items.has(place.code)) return result(place.code, `${at} is on a row of ${place.code}.`);
      return { kind: 'other', message: `${at} is not on an item's row of the ${unit.code} recording form.` };
    case 'heading':
      return result(place.code, `${at} is the heading of ${kindOf(place.code)} ${place.code}.`);
    case 'mark':
      return result(place.code, `${at} is the mark of evidence ${place.ref} against ${kindOf(place.code)} ${place.code}.`);
    case 'column':
      return result(place.code, `${at} is in the column of ${kindOf(place.code)} ${place.code}.`);
    case 'field':
      return { kind: 'other', message: `${at} is in the ${place.label} column, not under an item.` };
    case 'none':
      return {
        kind: 'other',
        message: layout.name === 'criteriaRows' ? `${at} is not on an item's row of the ${unit.code} recording form.` : `${at} is not under an item of unit ${unit.code}.`,
      };
  }
}
