import { parseGrid, cellText, type ParsedGrid } from '../grid/readGrid';
import { entryText, readDecision, readMark, VOCABULARY_TEXT, type Decision } from '../grid/vocabulary';
import { ok, type Result } from '../problems';
import { ITEM_KINDS, unitItems, type ItemKind, type RequiredItem } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import { address } from '../workbook/plan';
import type { RawCell, SheetValues } from '../workbook/sheetValues';

/*
 * Coverage: for each required item, which evidence rows mark it. A row counts once the assessor
 * has accepted it; a row marked but not yet judged is "claimed" (two states, visible apart). A
 * sheet with no assessor-decision column is the assessor's own tracker: its marks are accepted.
 */

export type ItemState = 'covered' | 'claimed' | 'uncovered' | 'missingColumn';

export interface ItemCoverage {
  item: RequiredItem;
  /** Zero-based sheet column, or null when the grid has no column for it. */
  column: number | null;
  /** Evidence refs (or "row N") of accepted rows marking it. */
  accepted: string[];
  /** Marked rows not yet judged. */
  claimed: string[];
  referred: string[];
  needed: number;
  state: ItemState;
}

/** A mark or decision cell holding something the vocabulary does not know: never counted. */
export interface UnrecognisedEntry {
  /** A1 address on the sheet (relative to the values read, which start at A1 for a whole sheet). */
  cell: string;
  /** What the cell holds, as typed. */
  value: string;
}

export interface KindCoverage {
  covered: number;
  total: number;
  /** covered / total; 1 when the unit has no items of the kind. */
  fraction: number;
}

export interface UnitCoverage {
  unit: string;
  complete: boolean;
  /** Fraction of required items covered, 0..1. */
  coverage: number;
  byKind: Record<ItemKind, KindCoverage>;
  items: ItemCoverage[];
  /** Uncovered item codes in standard order (including those with no column). */
  missing: string[];
  /** Required items the grid has no column for: reported, never assumed covered. */
  missingColumns: string[];
  /** Header codes the standard does not know. */
  unknownCodes: string[];
  duplicateCodes: string[];
  /** Items with claimed marks waiting for the assessor. */
  awaitingDecision: string[];
  evidenceRows: number;
  /** Latest evidence date as an Excel serial, if any row has one. */
  lastEvidenceDate: number | null;
  hasDecisionColumn: boolean;
  /** Entries read as neither mark nor no-mark, and decisions neither accepted nor referred, in sheet order. */
  unrecognised: UnrecognisedEntry[];
  /** Plain-words warnings about the sheet (unknown codes, missing columns). */
  warnings: string[];
}

export interface CoverageOptions {
  occasions?: { default: number; perItem?: Readonly<Record<string, number>> };
}

/**
 * A grid built by this product sets its own occasions needed (the default cell B6 and each item's
 * cell), and its formulas use them: occasions asked for when reading (check --occasions) apply
 * only to sheets without them, and are said not to apply, so the report never differs from the sheet.
 */
export function occasionsNotApplied(options: CoverageOptions, sheetDefault: number | undefined): string[] {
  const asked = options.occasions?.default;
  if (asked === undefined || sheetDefault === undefined || asked === sheetDefault) return [];
  return [
    `Occasions needed ${asked} (--occasions) not applied: this grid sets its own (${sheetDefault} in "Occasions needed (default)", cell B6, and any number on an item's own occasions-needed cell); change them on the grid.`,
  ];
}

function rowLabel(ref: RawCell | undefined, sheetRow: number): string {
  const text = ref === undefined ? '' : cellText(ref);
  return text !== '' ? text : `row ${sheetRow + 1}`;
}

const LISTED = 10;

/** Unrecognised cells in sheet order (rows, then columns), as reported. */
export function unrecognisedEntries(found: { row: number; col: number; value: RawCell }[]): UnrecognisedEntry[] {
  return found.sort((a, b) => a.row - b.row || a.col - b.col).map((f) => ({ cell: address({ row: f.row, col: f.col }), value: entryText(f.value) }));
}

/** The warning that names unrecognised entries (the first few), and what would be read. */
export function unrecognisedWarning(entries: readonly UnrecognisedEntry[]): string[] {
  if (entries.length === 0) return [];
  const listed = entries
    .slice(0, LISTED)
    .map((e) => `${e.cell} "${e.value}"`)
    .join(', ');
  const more = entries.length > LISTED ? ` and ${entries.length - LISTED} more` : '';
  return [
    `${entries.length} entr${entries.length === 1 ? 'y is' : 'ies are'} not recognised, so not counted: ${listed}${more} (${VOCABULARY_TEXT}; a decision is Accepted or Referred, blank until judged).`,
  ];
}

/** Per-kind counts, items covered and items with no column: shared by both grid layouts' coverage. */
export function summariseItems(result: readonly ItemCoverage[]): { byKind: Record<ItemKind, KindCoverage>; covered: number; missingColumns: string[] } {
  const byKind = Object.fromEntries(
    ITEM_KINDS.map((kind) => {
      const ofKind = result.filter((r) => r.item.kind === kind);
      const covered = ofKind.filter((r) => r.state === 'covered').length;
      return [kind, { covered, total: ofKind.length, fraction: ofKind.length === 0 ? 1 : covered / ofKind.length }];
    }),
  ) as Record<ItemKind, KindCoverage>;
  return {
    byKind,
    covered: result.filter((r) => r.state === 'covered').length,
    missingColumns: result.filter((r) => r.state === 'missingColumn').map((r) => r.item.code),
  };
}

export function coverageOfParsed(parsed: ParsedGrid, unit: Unit, options: CoverageOptions = {}): UnitCoverage {
  const items = unitItems(unit);
  const { columns, content } = parsed;
  const defaultNeeded = content.defaultOccasions ?? options.occasions?.default ?? 1;
  // Marks are read straight from the values: one decision per row, one pass per item column.
  const rows = parsed.rowNumbers.map((r) => parsed.values[r] ?? []);
  const decisionCol = columns.fields.get('decision');
  const refCol = columns.fields.get('ref');
  const found: { row: number; col: number; value: RawCell }[] = [];
  const decisions = rows.map((row, i): Decision => {
    if (!parsed.hasDecisionColumn || decisionCol === undefined) return 'accepted';
    const reading = readDecision(row[decisionCol] ?? null);
    if (reading !== 'unrecognised') return reading;
    found.push({ row: parsed.rowNumbers[i]!, col: decisionCol, value: row[decisionCol] ?? null });
    return 'pending'; // not a judgement: the row's marks stay claimed
  });
  const labels = rows.map((row, i) => rowLabel(refCol === undefined ? undefined : (row[refCol] ?? null), parsed.rowNumbers[i]!));
  const result: ItemCoverage[] = items.map((item) => {
    const column = columns.items.get(item.code) ?? null;
    const needed = content.needed.get(item.code) ?? options.occasions?.perItem?.[item.code] ?? defaultNeeded;
    const accepted: string[] = [];
    const claimed: string[] = [];
    const referred: string[] = [];
    if (column !== null) {
      const extraCols = columns.itemExtraCols.get(item.code);
      // Plain loops, no allocation per cell: this runs for every item of every grid a custom function is given.
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        let reading = readMark(row[column] ?? null);
        if (reading === 'unrecognised') found.push({ row: parsed.rowNumbers[i]!, col: column, value: row[column] ?? null });
        if (extraCols !== undefined) {
          for (const c of extraCols) {
            const also = readMark(row[c] ?? null);
            if (also === 'unrecognised') found.push({ row: parsed.rowNumbers[i]!, col: c, value: row[c] ?? null });
            if (also === 'mark') reading = 'mark';
          }
        }
        if (reading !== 'mark') continue;
        const decision = decisions[i]!;
        (decision === 'accepted' ? accepted : decision === 'referred' ? referred : claimed).push(labels[i]!);
      }
    }
    const state: ItemState =
      column === null ? 'missingColumn' : accepted.length >= needed ? 'covered' : claimed.length > 0 ? 'claimed' : 'uncovered';
    return { item, column, accepted, claimed, referred, needed, state };
  });
  const unknownCodes = columns.unknownCodes.map((u) => u.code);
  const dateCol = columns.fields.get('date');
  return assembleCoverage(unit, result, options, {
    sheetDefaultOccasions: content.defaultOccasions,
    unknownCodes,
    duplicateCodes: columns.duplicateCodes,
    evidenceRows: rows.length,
    dates: dateCol === undefined ? [] : rows.map((r) => r[dateCol]).filter((d): d is number => typeof d === 'number' && d > 0),
    hasDecisionColumn: parsed.hasDecisionColumn,
    found,
    warnings: (missingColumns) => [
      ...(missingColumns.length > 0 ? [`No column for ${missingColumns.length} required item(s) of unit ${unit.code}: ${missingColumns.join(', ')}; counted as not covered.`] : []),
      ...(unknownCodes.length > 0 ? [`Column(s) headed ${unknownCodes.map((c) => `"${c}"`).join(', ')} are not items of unit ${unit.code}; their marks are not counted.`] : []),
      ...(columns.duplicateCodes.length > 0 ? [`Item(s) ${columns.duplicateCodes.join(', ')} have more than one column; marks in any of them count.`] : []),
    ],
  });
}

/** What a layout's reader found on a sheet besides each item's coverage. */
export interface CoverageReading {
  /** The sheet's own default occasions needed, if it has one. */
  sheetDefaultOccasions: number | undefined;
  unknownCodes: string[];
  duplicateCodes: string[];
  evidenceRows: number;
  /** Evidence dates on the sheet (Excel serials). */
  dates: readonly number[];
  hasDecisionColumn: boolean;
  /** Mark and decision cells the vocabulary does not know, in any order (sorted here). */
  found: { row: number; col: number; value: RawCell }[];
  /** The layout's own warnings about the sheet, given the required items it has no column (or row) for. */
  warnings: (missingColumns: string[]) => string[];
}

/** A unit's coverage from each item's: the totals, lists and warnings both grid layouts report alike. */
export function assembleCoverage(unit: Unit, result: ItemCoverage[], options: CoverageOptions, reading: CoverageReading): UnitCoverage {
  const { byKind, covered, missingColumns } = summariseItems(result);
  const unrecognised = unrecognisedEntries(reading.found);
  const warnings = [...occasionsNotApplied(options, reading.sheetDefaultOccasions), ...reading.warnings(missingColumns), ...unrecognisedWarning(unrecognised)];
  const total = result.length;
  return {
    unit: unit.code,
    complete: total > 0 && covered === total,
    coverage: total === 0 ? 0 : covered / total,
    byKind,
    items: result,
    missing: result.filter((r) => r.state !== 'covered').map((r) => r.item.code),
    missingColumns,
    unknownCodes: reading.unknownCodes,
    duplicateCodes: reading.duplicateCodes,
    awaitingDecision: result.filter((r) => r.claimed.length > 0).map((r) => r.item.code),
    evidenceRows: reading.evidenceRows,
    lastEvidenceDate: reading.dates.length > 0 ? Math.max(...reading.dates) : null,
    hasDecisionColumn: reading.hasDecisionColumn,
    unrecognised,
    warnings,
  };
}

/**
 * Parse a filled grid (2-D values, header included) and compute its coverage. With the sheet's
 * formulas, an item's occasions cell that follows the default is known as such, whatever its value.
 */
export function unitCoverage(values: readonly (readonly RawCell[])[], unit: Unit, options: CoverageOptions = {}, formulas?: SheetValues['formulas']): Result<UnitCoverage> {
  const parsed = parseGrid(values, unit, { content: false, formulas });
  return parsed.ok ? ok(coverageOfParsed(parsed.value, unit, options)) : parsed;
}
