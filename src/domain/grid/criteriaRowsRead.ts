import { assembleCoverage, type CoverageOptions, type ItemCoverage, type ItemState, type UnitCoverage } from '../coverage/coverage';
import { fail, ok, problems, type Result } from '../problems';
import { unitItems } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import type { RawCell, SheetValues } from '../workbook/sheetValues';
import type { Rows } from './gridTypes';
import { CRITERIA_ROWS_TITLE, EVIDENCE_SYNONYMS, HEADER, SIGN_OFF, normaliseLabel } from './layout';
import { isTick, parseDecision, readDecision, readMark, type Decision } from './vocabulary';
import { cellText, readHeaderBlock, type GridHeaderBlock } from './readGrid';
import { defaultOccasionsOf, isFollowDefaultFormula, ownOccasionsOf } from './headerBlock';
import {
  codeKey,
  CRITERIA_LABELS,
  criteriaRowHasEntries,
  emptyCriteriaContent,
  filled,
  refLabel,
  REMOVED_KIND,
  REMOVED_SECTION,
  trimTrailingBlanks,
  type CriteriaRowContent,
  type CriteriaRowsContent,
} from './criteriaRowsContent';

/*
 * Reading a criteria-rows sheet (ours, or an assessor's own recording form laid out like it) and
 * its coverage, in the same shape as the evidence-rows grid's.
 */

// ---------------------------------------------------------------------------------------------
// Reading.

const EMPTY_ROW: readonly RawCell[] = [];
const rowAt = (values: Rows, r: number): readonly RawCell[] => values[r] ?? EMPTY_ROW;
const HEADER_SCAN_ROWS = 60;

/** A sheet this product built in the criteria-rows layout (its title in A1). */
export function isCriteriaRowsSheet(values: Rows): boolean {
  return normaliseLabel(rowAt(values, 0)[0] ?? null) === normaliseLabel(CRITERIA_ROWS_TITLE);
}

type FixedField = 'kind' | 'group' | 'code' | 'text' | 'needed' | 'date' | 'decision';
const FIXED_SYNONYMS: Record<FixedField, string[]> = {
  kind: ['kind', 'type of item'],
  group: ['group', 'element / group', 'element', 'learning outcome'],
  code: ['code', 'item code', 'item', 'criterion code'],
  text: ['standard', 'standards', 'criterion', 'item text', 'text'],
  needed: ['occasions needed', 'needed', 'occasions'],
  date: [...EVIDENCE_SYNONYMS.date, ...EVIDENCE_SYNONYMS.decisionDate],
  // Not 'accepted': that is the formula column.
  decision: EVIDENCE_SYNONYMS.decision.filter((s) => s !== 'accepted'),
};
/** Columns holding formulas this product wrote: recognised, never read as user columns. */
const FORMULA_HEADERS = ['accepted', 'claimed', 'still needed', 'accepted evidence', 'claimed, not yet judged'];
const REF_HEADER = /^(evidence ref|evidence ref no|evidence no|evidence number|ref no|ref|reference|location ref|location|index no)( ?\d+)?$/;

export interface CriteriaColumns {
  headerRow: number;
  fields: Map<FixedField, number>;
  /** Evidence ref columns, in sheet order. */
  refs: number[];
  /** The user's own columns. */
  extras: { header: string; col: number }[];
}

export interface CriteriaItemEntry {
  code: string;
  /** Zero-based sheet row of the item's (first) row. */
  row: number;
  /** Ref cells that are marks (layout.isMark), across every row of the item outside the removed section. */
  refs: RawCell[];
  decision: Decision;
  decisionCell: RawCell;
  needed: number | null;
  date: RawCell;
  text: string;
}

export interface ParsedCriteriaRows {
  header: GridHeaderBlock;
  columns: CriteriaColumns;
  /** Everything on the sheet a rebuild carries over. */
  content: CriteriaRowsContent;
  /** Per item code of the unit found on the sheet. */
  items: Map<string, CriteriaItemEntry>;
  /** Items of the unit with no row. */
  missingItems: string[];
  /** Codes in the Code column that are not items of the unit (outside the removed section). */
  unknownCodes: string[];
  /** Items with more than one row (refs of every row are read). */
  duplicateCodes: string[];
  /** Codes kept in the "no longer in the standard" section. */
  removedSectionCodes: string[];
  hasDecisionColumn: boolean;
  /** Ref and decision cells of the unit's item rows that the vocabulary does not know (never counted). */
  unrecognised: { row: number; col: number; value: RawCell }[];
}

function findCriteriaHeader(values: Rows): number {
  let fallback = -1;
  for (let r = 0; r < Math.min(values.length, HEADER_SCAN_ROWS); r++) {
    // Labels are short: a long cell (a pasted paragraph) is not one, and is not normalised.
    const labels = rowAt(values, r).map((v) => (typeof v === 'string' && v.length > 80 ? '' : normaliseLabel(v ?? null)));
    if (!labels.some((l) => FIXED_SYNONYMS.code.includes(l))) continue;
    if (labels.some((l) => REF_HEADER.test(l))) return r;
    if (fallback < 0 && labels.some((l) => FIXED_SYNONYMS.text.includes(l))) fallback = r;
  }
  return fallback;
}


/** Read a criteria-rows sheet (ours, or one laid out like it) against a unit's items. */
export function readCriteriaRows(values: Rows, unit: Unit, formulas?: SheetValues['formulas']): Result<ParsedCriteriaRows> {
  if (!Array.isArray(values) || values.length === 0) {
    return fail(problems.notAGrid('The range is empty: expected a header row (Code, Standard, Evidence ref ...) over one row per item.'));
  }
  const headerRow = findCriteriaHeader(values);
  if (headerRow < 0) {
    return fail(
      problems.notAGrid(
        `No header row with a "${CRITERIA_LABELS.code}" column and "${refLabel(1)}" columns found in the first ${HEADER_SCAN_ROWS} rows: not a criteria-rows sheet for unit ${unit.code}.`,
      ),
    );
  }
  const columns: CriteriaColumns = { headerRow, fields: new Map(), refs: [], extras: [] };
  rowAt(values, headerRow).forEach((cell, c) => {
    const text = cellText(cell ?? null);
    if (text === '') return;
    const label = normaliseLabel(cell ?? null);
    const field = (Object.keys(FIXED_SYNONYMS) as FixedField[]).find((f) => FIXED_SYNONYMS[f].includes(label));
    if (field && !columns.fields.has(field)) columns.fields.set(field, c);
    else if (REF_HEADER.test(label)) columns.refs.push(c);
    else if (!FORMULA_HEADERS.includes(label)) columns.extras.push({ header: text, col: c });
  });

  const content = emptyCriteriaContent();
  const header = readHeaderBlock(values.slice(0, headerRow));
  if (header.candidate !== undefined) content.candidate = header.candidate;
  if (header.assessor !== undefined) content.assessor = header.assessor;
  for (let r = 0; r < headerRow; r++) {
    const row = rowAt(values, r);
    row.forEach((cell, c) => {
      if (normaliseLabel(cell ?? null) !== normaliseLabel(HEADER.occasions)) return;
      // A number, else 1, as the sheet's formulas take it.
      content.defaultOccasions = defaultOccasionsOf(row.slice(c + 1, c + 4).find((x) => typeof x === 'number'));
    });
  }
  content.extraHeaders = columns.extras.map((e) => e.header);

  const items = unitItems(unit);
  const byKey = new Map(items.map((i) => [codeKey(i.code), i]));
  const at = (row: readonly RawCell[], field: FixedField): RawCell => {
    const c = columns.fields.get(field);
    return c === undefined ? null : (row[c] ?? null);
  };
  const signOffLabels = new Set(Object.values(SIGN_OFF).map((l) => normaliseLabel(l)));
  const entries = new Map<string, CriteriaItemEntry>();
  const unknownCodes: string[] = [];
  const duplicateCodes: string[] = [];
  const removedSectionCodes: string[] = [];
  const unrecognised: ParsedCriteriaRows['unrecognised'] = [];
  let inRemoved = false;
  let r = headerRow + 1;
  for (; r < values.length; r++) {
    const row = rowAt(values, r);
    const firstCell = row.find((v) => cellText(v ?? null) !== '');
    const firstLabel = firstCell === undefined ? '' : normaliseLabel(firstCell);
    if (firstLabel === normaliseLabel(SIGN_OFF.heading)) break;
    if (firstLabel === normaliseLabel(REMOVED_SECTION)) {
      inRemoved = true;
      continue;
    }
    const typed = cellText(at(row, 'code'));
    const item = byKey.get(codeKey(typed));
    const extras = new Map<string, RawCell>();
    for (const { header: x, col: c } of columns.extras) extras.set(x, row[c] ?? null);
    // An item's own number, unless the cell follows the default cell (our formula; or, where the
    // formulas are not known, the same number as the default): those keep following it on a rebuild.
    const own = ownOccasionsOf(at(row, 'needed'));
    const neededCol = columns.fields.get('needed');
    const follows = formulas ? isFollowDefaultFormula(neededCol === undefined ? null : formulas[r]?.[neededCol]) : content.defaultOccasions !== undefined && own === content.defaultOccasions;
    const needed = follows ? undefined : own;
    const entry: CriteriaRowContent = {
      code: item?.code ?? typed,
      kind: cellText(at(row, 'kind')),
      group: cellText(at(row, 'group')),
      text: cellText(at(row, 'text')),
      ...(needed !== undefined ? { needed } : {}),
      // Positional (blanks kept, trailing ones trimmed) so a rebuild puts each ref back in its slot.
      refs: trimTrailingBlanks(columns.refs.map((c) => row[c] ?? null)),
      date: at(row, 'date'),
      decision: at(row, 'decision'),
      extras,
      // Under the section heading, or (rebuilt in place) labelled where the item's row always was.
      removedSection: inRemoved || normaliseLabel(at(row, 'kind')) === normaliseLabel(REMOVED_KIND),
      sheetRow: r,
    };
    // A row with no code is read only when it holds entries (refs typed on a spare row are kept).
    if (typed === '' && !criteriaRowHasEntries(entry)) continue;
    content.rows.push(entry);
    if (entry.removedSection) {
      if (entry.code !== '' && !removedSectionCodes.includes(entry.code)) removedSectionCodes.push(entry.code);
      continue;
    }
    if (!item) {
      if (typed !== '' && !unknownCodes.includes(typed)) unknownCodes.push(typed);
      continue;
    }
    const marks: RawCell[] = [];
    entry.refs.forEach((v, i) => {
      const reading = readMark(v);
      if (reading === 'mark') marks.push(v);
      else if (reading === 'unrecognised') unrecognised.push({ row: r, col: columns.refs[i]!, value: v });
    });
    const decisionCol = columns.fields.get('decision');
    if (decisionCol !== undefined && readDecision(entry.decision) === 'unrecognised') unrecognised.push({ row: r, col: decisionCol, value: entry.decision });
    const previous = entries.get(item.code);
    if (previous) {
      if (!duplicateCodes.includes(item.code)) duplicateCodes.push(item.code);
      previous.refs.push(...marks);
      if (!filled(previous.decisionCell) && filled(entry.decision)) {
        previous.decisionCell = entry.decision;
        previous.decision = parseDecision(entry.decision);
      }
      if (!filled(previous.date)) previous.date = entry.date;
      if (previous.needed === null && needed !== undefined) previous.needed = needed;
      continue;
    }
    entries.set(item.code, {
      code: item.code,
      row: r,
      refs: marks,
      decision: parseDecision(entry.decision),
      decisionCell: entry.decision,
      needed: needed ?? null,
      date: entry.date,
      text: entry.text,
    });
  }
  // Sign-off values by label.
  for (; r < values.length; r++) {
    const row = rowAt(values, r);
    row.forEach((cell, c) => {
      const label = normaliseLabel(cell ?? null);
      if (!signOffLabels.has(label) || label === normaliseLabel(SIGN_OFF.heading)) return;
      const original = Object.values(SIGN_OFF).find((l) => normaliseLabel(l) === label)!;
      const value = row.slice(c + 1).find((x) => cellText(x ?? null) !== '');
      if (value !== undefined && value !== null) content.signOff.set(original, value);
    });
  }
  return ok({
    header,
    columns,
    content,
    items: entries,
    missingItems: items.filter((i) => !entries.has(i.code)).map((i) => i.code),
    unknownCodes,
    duplicateCodes,
    removedSectionCodes,
    hasDecisionColumn: columns.fields.has('decision'),
    unrecognised,
  });
}

// ---------------------------------------------------------------------------------------------
// Coverage.

/** A ref as a label for coverage lists: the ref itself, or "row N" for a tick. */
function refText(v: RawCell, sheetRow: number): string {
  const t = cellText(v);
  return t !== '' && !isTick(v) ? t : `row ${sheetRow + 1}`;
}

// Ticks (marks that name no evidence) are the vocabulary's; re-exported for the cohort reader.
export { isTick };

/**
 * Coverage of a parsed criteria-rows sheet, in the same shape as the evidence-rows grid's.
 * ItemCoverage.column holds the item's zero-based sheet ROW here (null when the unit's item has no
 * row, reported in missingColumns). An item is covered when its decision is accepted and its refs
 * reach the occasions needed; claimed when it has refs and no decision yet. A sheet without a
 * decision column is the assessor's own record: its refs count as accepted.
 */
export function coverageOfCriteriaRows(parsed: ParsedCriteriaRows, unit: Unit, options: CoverageOptions = {}): UnitCoverage {
  const items = unitItems(unit);
  const { content } = parsed;
  const defaultNeeded = content.defaultOccasions ?? options.occasions?.default ?? 1;
  const result: ItemCoverage[] = items.map((item) => {
    const entry = parsed.items.get(item.code);
    const needed = entry?.needed ?? options.occasions?.perItem?.[item.code] ?? defaultNeeded;
    const refs = entry ? entry.refs.map((v) => refText(v, entry.row)) : [];
    const decision: Decision = parsed.hasDecisionColumn ? (entry?.decision ?? 'pending') : 'accepted';
    const accepted = decision === 'accepted' ? refs : [];
    const claimed = decision === 'pending' ? refs : [];
    const referred = decision === 'referred' ? refs : [];
    const state: ItemState = !entry ? 'missingColumn' : accepted.length >= needed ? 'covered' : claimed.length > 0 ? 'claimed' : 'uncovered';
    return { item, column: entry ? entry.row : null, accepted, claimed, referred, needed, state };
  });
  const distinctRefs = new Set<string>();
  for (const entry of parsed.items.values()) for (const v of entry.refs) distinctRefs.add(refText(v, entry.row).toLowerCase());
  return assembleCoverage(unit, result, options, {
    sheetDefaultOccasions: content.defaultOccasions,
    unknownCodes: parsed.unknownCodes,
    duplicateCodes: parsed.duplicateCodes,
    evidenceRows: distinctRefs.size,
    dates: [...parsed.items.values()].map((e) => e.date).filter((d): d is number => typeof d === 'number' && d > 0),
    hasDecisionColumn: parsed.hasDecisionColumn,
    found: [...parsed.unrecognised],
    warnings: (missingColumns) => [
      ...(missingColumns.length > 0 ? [`No row for ${missingColumns.length} required item(s) of unit ${unit.code}: ${missingColumns.join(', ')}; counted as not covered.`] : []),
      ...(parsed.unknownCodes.length > 0
        ? [`Row(s) coded ${parsed.unknownCodes.map((c) => `"${c}"`).join(', ')} are not items of unit ${unit.code}; their refs are not counted.`]
        : []),
      ...(parsed.duplicateCodes.length > 0 ? [`Item(s) ${parsed.duplicateCodes.join(', ')} have more than one row; refs in any of them count.`] : []),
      ...(parsed.removedSectionCodes.length > 0
        ? [`Refs are kept for item(s) no longer in the standard: ${parsed.removedSectionCodes.join(', ')}; they are not counted.`]
        : []),
    ],
  });
}

/** Parse a filled criteria-rows sheet (2-D values, header included; formulas where known) and compute its coverage. */
export function criteriaRowsCoverage(values: Rows, unit: Unit, options: CoverageOptions = {}, formulas?: SheetValues['formulas']): Result<UnitCoverage> {
  const parsed = readCriteriaRows(values, unit, formulas);
  return parsed.ok ? ok(coverageOfCriteriaRows(parsed.value, unit, options)) : parsed;
}

