import { occasionsNotApplied, summariseItems, unrecognisedEntries, unrecognisedWarning, type CoverageOptions, type ItemCoverage, type ItemState, type UnitCoverage } from '../coverage/coverage';
import { fail, ok, problems, type Result } from '../problems';
import { ITEM_KIND_LABELS, unitItems, type ItemKind, type RequiredItem } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import { address, columnLetter, emptySheet, type CellRange, type CellStyle, type PlanValue, type SheetPlan, type ValueBlock } from '../workbook/plan';
import { criteriaGridInPlace, setCellBlocks, type CriteriaGridInPlace } from './inPlaceLayout';
import type { RawCell, SheetValues } from '../workbook/sheetValues';
import type { GridChanges } from './gridContent';
import {
  CRITERIA_ROWS_TITLE,
  EVIDENCE_SYNONYMS,
  decisionValidation,
  sampledValidation,
  HEADER,
  SIGN_OFF,
  SUMMARY_ROWS,
  normaliseLabel,
} from './layout';
import { acceptedFormula, isTick, markCountFormula, parseDecision, pendingFormula, readDecision, readMark, type Decision } from './vocabulary';
import { cellText, readHeaderBlock, type GridHeaderBlock } from './readGrid';
import { coverageFormula, keptHeaderCells, NOT_DETAILED_NOTE, defaultOccasionsOf, followDefaultOccasions, headerBlockCells, isFollowDefaultFormula, markFormats, ownOccasionsOf, PALETTE, statusFormats, stillNeededFormula, unitStatusFormula, candidateIdStyles } from './headerBlock';
import { DEFAULT_SETTINGS, type GridSettings, type GridSubject } from './gridTypes';

/*
 * The criteria-rows grid ("unit recording form"): every markable item of the unit down the sheet,
 * the evidence that covers it across, as on the City & Guilds recording forms (Standards | refs |
 * Location ref, assessor and internal-verifier sign-off) and the IMI record.
 *
 *   row 0      title
 *   rows 1-5   header block (label in A/D, value in B/E): the same labels and cells as the
 *              evidence-rows grid, so readHeaderBlock and `'<sheet>'!$E$5` / `$E$6` work on both
 *   row 6      how to fill it in
 *   row 7      header: Kind | Group | Code | Standard | Occasions needed | Evidence ref 1..8 |
 *              Date | Assessor decision | Accepted | Claimed | Still needed | (the user's own columns)
 *   rows 8..   one row per item (unitItems order), then, on a rebuild, the rows of items the standard
 *              no longer has that still carry refs, under a labelled section; then the sign-off block
 */

export const CRITERIA_ROWS = { title: 0, note: 6, header: 7, firstItem: 8 } as const;
export const CRITERIA_COLS = { kind: 0, group: 1, code: 2, text: 3, needed: 4, firstRef: 5 } as const;
/** Evidence ref columns on a new sheet; a rebuild adds more when an item carries more refs. */
export const DEFAULT_REF_COLUMNS = 8;

export const CRITERIA_LABELS = {
  kind: SUMMARY_ROWS.kind,
  group: 'Group',
  code: 'Code',
  text: SUMMARY_ROWS.text,
  needed: SUMMARY_ROWS.needed,
  date: 'Date',
  decision: 'Assessor decision',
  accepted: 'Accepted',
  claimed: 'Claimed',
  stillNeeded: 'Still needed',
} as const;
export const refLabel = (n: number): string => `Evidence ref ${n}`;

/** Heading of the section that keeps the rows (and refs) of items the standard no longer has. */
export const REMOVED_SECTION = 'No longer in the standard (refs kept)';
const REMOVED_KIND = 'No longer in the standard';

const NOTE =
  'Enter the location / ref no. of each piece of evidence against every standard it covers (one per Evidence ref cell), ' +
  'then the assessor records the decision and date. Refs count once the decision is Accepted; until then they are claimed.';

const DATE_FORMAT = 'dd/mm/yyyy';
const COLOURS: Record<ItemKind, string> = {
  criterion: '#DDEBF7',
  range: '#E4DFEC',
  knowledge: '#FCE4D6',
  evidence: '#E2EFDA',
};
const { green: GREEN, greenText: GREEN_TEXT, red: RED, redText: RED_TEXT, amber: AMBER, amberText: AMBER_TEXT, grey: GREY } = PALETTE;

/** Column positions for a sheet with `refCount` evidence ref columns and `extraCount` user columns. */
export function criteriaColumns(refCount: number = DEFAULT_REF_COLUMNS, extraCount = 0) {
  const date = CRITERIA_COLS.firstRef + refCount;
  return {
    ...CRITERIA_COLS,
    lastRef: date - 1,
    date,
    decision: date + 1,
    accepted: date + 2,
    claimed: date + 3,
    stillNeeded: date + 4,
    firstExtra: date + 5,
    width: date + 5 + extraCount,
  };
}

/** A sparse set of cells emitted as one rectangular block from A1 (adapters send it as one 2-D array). */
export class SparseCells {
  private readonly rows: PlanValue[][] = [];
  set(row: number, col: number, value: PlanValue): void {
    const r = (this.rows[row] ??= []);
    r[col] = value;
  }
  get rowCount(): number {
    return this.rows.length;
  }
  toBlock(width: number): ValueBlock {
    const values = Array.from({ length: this.rows.length }, (_, r) => Array.from({ length: width }, (_, c) => this.rows[r]?.[c] ?? null));
    return { row: 0, col: 0, values };
  }
  /** Only the cells set (explicit blanks included), outside `keep`: one block per run of a row. */
  toBlocks(keep: readonly CellRange[]): ValueBlock[] {
    return setCellBlocks(this.rows, keep);
  }
}

/** A value read from a sheet, written back as it was. */
function carried(v: RawCell | undefined): PlanValue {
  return v === undefined ? null : v;
}

const filled = (v: RawCell | undefined): boolean => v !== null && v !== undefined && cellText(v) !== '';

/** Codes compare case-insensitively, ignoring spaces ("f3.1.1" is "F3.1.1"). */
export function codeKey(v: RawCell): string {
  return cellText(v).toLowerCase().replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------
// What a user has put on a criteria-rows sheet: everything a rebuild carries over.

export interface CriteriaRowContent {
  /** The item code: as the standard has it when it is one of the unit's items, else as typed ('' when none). */
  code: string;
  kind: string;
  group: string;
  /** The item text as the sheet shows it, to report re-worded items. */
  text: string;
  needed?: number;
  /** Every non-blank evidence ref cell, in column order: marks, and anything else typed there. */
  refs: RawCell[];
  date: RawCell;
  decision: RawCell;
  /** User-added column header -> value. */
  extras: Map<string, RawCell>;
  /** The row sat in the "no longer in the standard" section. */
  removedSection: boolean;
  /** Zero-based sheet row it was read from; -1 when it did not come from a sheet. */
  sheetRow: number;
}

export interface CriteriaRowsContent {
  candidate?: RawCell;
  assessor?: RawCell;
  defaultOccasions?: number;
  rows: CriteriaRowContent[];
  /** Headers of columns the user added, in sheet order. */
  extraHeaders: string[];
  /** Sign-off label -> value. */
  signOff: Map<string, RawCell>;
}

export function emptyCriteriaContent(): CriteriaRowsContent {
  return { rows: [], extraHeaders: [], signOff: new Map() };
}

/** Refs, a date, a decision or a user column filled: something a rebuild must keep. */
export function criteriaRowHasEntries(row: CriteriaRowContent): boolean {
  return row.refs.some(filled) || filled(row.date) || filled(row.decision) || [...row.extras.values()].some(filled);
}

function trimTrailingBlanks(cells: RawCell[]): RawCell[] {
  let end = cells.length;
  while (end > 0 && !filled(cells[end - 1])) end--;
  return cells.slice(0, end);
}

function copyRow(row: CriteriaRowContent): CriteriaRowContent {
  return { ...row, refs: [...row.refs], extras: new Map(row.extras) };
}

/** Two rows for the same item disagree when both have a different date, decision or user-column value. */
function conflicting(a: CriteriaRowContent, b: CriteriaRowContent): boolean {
  const differ = (x: RawCell | undefined, y: RawCell | undefined) => filled(x) && filled(y) && cellText(x ?? null) !== cellText(y ?? null);
  if (differ(a.date, b.date) || differ(a.decision, b.decision)) return true;
  return [...b.extras].some(([h, v]) => differ(a.extras.get(h), v));
}

/** Fold a second row for the same item into the first: refs appended, blanks filled. */
function mergeInto(into: CriteriaRowContent, row: CriteriaRowContent): void {
  into.refs.push(...row.refs.filter(filled));
  if (!filled(into.date)) into.date = row.date;
  if (!filled(into.decision)) into.decision = row.decision;
  if (into.needed === undefined && row.needed !== undefined) into.needed = row.needed;
  for (const [h, v] of row.extras) if (!filled(into.extras.get(h)) && filled(v)) into.extras.set(h, v);
}

// ---------------------------------------------------------------------------------------------
// Building.

export interface BuiltCriteriaRowsGrid {
  sheet: SheetPlan;
  items: RequiredItem[];
  changes: GridChanges;
}

function groupLabel(item: RequiredItem): string {
  return item.groupTitle && item.groupTitle !== item.group ? `${item.group} ${item.groupTitle}`.trim() : item.group || item.groupTitle;
}

/** Lines a wrapped text needs at a column width (characters), for a row height adapters can apply. */
function lines(text: string, width: number): number {
  return Math.max(1, Math.ceil(text.length / width));
}

export function buildCriteriaRowsGrid(
  subject: GridSubject,
  sheetName: string,
  settings: GridSettings = DEFAULT_SETTINGS,
  existing: CriteriaRowsContent = emptyCriteriaContent(),
  /** The old sheet and its number of evidence ref columns: given, the grid is rebuilt in place. */
  previous?: { values: readonly (readonly RawCell[])[]; refColumns: number },
): BuiltCriteriaRowsGrid {
  const { unit } = subject;
  const items = unitItems(unit);
  const byKey = new Map(items.map((i) => [codeKey(i.code), i]));
  const sheet = emptySheet(sheetName, 'criteriaRows');
  const cells = new SparseCells();

  // Sort what the sheet had: rows of current items (duplicates folded in), and rows to keep at the bottom.
  const itemRows = new Map<string, CriteriaRowContent>();
  const bottom: CriteriaRowContent[] = [];
  const previousCodes = new Set<string>();
  const previousTexts = new Map<string, string>();
  for (const row of existing.rows) {
    const item = byKey.get(codeKey(row.code));
    if (!row.removedSection && row.code !== '') {
      previousCodes.add(item?.code ?? row.code);
      if (item && !previousTexts.has(item.code)) previousTexts.set(item.code, row.text);
    }
    if (!item) {
      if (criteriaRowHasEntries(row)) bottom.push(row);
      continue;
    }
    const first = itemRows.get(item.code);
    if (!first) itemRows.set(item.code, copyRow(row));
    else if (conflicting(first, row)) bottom.push(row);
    else mergeInto(first, row);
  }

  const extraHeaders = [...existing.extraHeaders];
  const first = CRITERIA_ROWS.firstItem;
  // Rebuilt in place, the old rows keep their order (and their entries stay in their cells); new
  // items get rows inserted after the standard's previous item.
  let inPlace: CriteriaGridInPlace | null = null;
  if (previous) {
    const c = criteriaColumns(previous.refColumns, extraHeaders.length);
    const labels: (string | null)[] = [CRITERIA_LABELS.kind, CRITERIA_LABELS.group, CRITERIA_LABELS.code, CRITERIA_LABELS.text, CRITERIA_LABELS.needed];
    for (let i = 0; i < previous.refColumns; i++) labels.push(refLabel(i + 1));
    labels.push(CRITERIA_LABELS.date, CRITERIA_LABELS.decision, CRITERIA_LABELS.accepted, CRITERIA_LABELS.claimed, CRITERIA_LABELS.stillNeeded);
    const entryCols = Array.from({ length: c.width - c.firstRef }, (_, i) => c.firstRef + i).filter((x) => x <= c.decision || x >= c.firstExtra);
    inPlace = criteriaGridInPlace(previous.values, items, {
      title: CRITERIA_ROWS_TITLE,
      headerRow: CRITERIA_ROWS.header,
      firstItem: first,
      labels,
      codeCol: c.code,
      kindCol: c.kind,
      removedKind: REMOVED_KIND,
      removedSection: REMOVED_SECTION,
      entryCols,
    });
  }
  const refCount = inPlace ? previous!.refColumns : Math.max(DEFAULT_REF_COLUMNS, ...[...itemRows.values(), ...bottom].map((r) => r.refs.length));
  const col = criteriaColumns(refCount, extraHeaders.length);
  const { width } = col;
  const rowOfItem = new Map<string, number>();
  if (inPlace) inPlace.rows.forEach((row, k) => row.kind === 'item' && rowOfItem.set(row.code, first + k));
  else items.forEach((item, i) => rowOfItem.set(item.code, first + i));
  const lastItem = Math.max(first, ...rowOfItem.values());
  const sectionRow = bottom.length > 0 && !inPlace ? lastItem + 2 : -1;
  const firstBottom = sectionRow + 1;
  const lastEntryRow = inPlace ? first + Math.max(inPlace.rows.length, 1) - 1 : bottom.length > 0 ? firstBottom + bottom.length - 1 : lastItem;
  const R = (c: number, row: number, abs = false) => `${abs ? '$' : ''}${columnLetter(c)}${abs ? '$' : ''}${row + 1}`;
  const colRange = (c: number) => `${R(c, first, true)}:${R(c, lastItem, true)}`;

  // Header block: the evidence-rows grid's labels in the same cells.
  cells.set(CRITERIA_ROWS.title, 0, CRITERIA_ROWS_TITLE);
  const stillNeeded = colRange(col.stillNeeded);
  for (const [row, c, value] of headerBlockCells(subject, settings, {
    candidate: existing.candidate,
    assessor: existing.assessor,
    defaultOccasions: existing.defaultOccasions,
    status: unitStatusFormula(stillNeeded, `${R(col.accepted, first, true)}:${R(col.claimed, lastItem, true)}`, items.length),
    coverage: coverageFormula(stillNeeded, items.length),
  }))
    cells.set(row, c, value);
  cells.set(CRITERIA_ROWS.note, 0, items.length === 0 ? `${NOTE} ${NOT_DETAILED_NOTE}` : NOTE);

  // Header row.
  const h = CRITERIA_ROWS.header;
  cells.set(h, col.kind, CRITERIA_LABELS.kind);
  cells.set(h, col.group, CRITERIA_LABELS.group);
  cells.set(h, col.code, CRITERIA_LABELS.code);
  cells.set(h, col.text, CRITERIA_LABELS.text);
  cells.set(h, col.needed, CRITERIA_LABELS.needed);
  for (let i = 0; i < refCount; i++) cells.set(h, col.firstRef + i, refLabel(i + 1));
  cells.set(h, col.date, CRITERIA_LABELS.date);
  cells.set(h, col.decision, CRITERIA_LABELS.decision);
  cells.set(h, col.accepted, CRITERIA_LABELS.accepted);
  cells.set(h, col.claimed, CRITERIA_LABELS.claimed);
  cells.set(h, col.stillNeeded, CRITERIA_LABELS.stillNeeded);
  if (!inPlace) extraHeaders.forEach((x, i) => cells.set(h, col.firstExtra + i, x));

  const changes: GridChanges = { added: [], removed: [], reworded: [], marksMovedToRemoved: [], evidenceRowsKept: 0, marksKept: 0 };
  const writeEntries = (at: number, row: CriteriaRowContent | undefined) => {
    if (!row || inPlace) return;
    // Each ref stays in its own slot: a rebuild moves nothing.
    row.refs.forEach((v, i) => {
      if (!filled(v)) return;
      cells.set(at, col.firstRef + i, v);
      changes.marksKept++;
    });
    cells.set(at, col.date, carried(row.date));
    cells.set(at, col.decision, carried(row.decision));
    extraHeaders.forEach((x, i) => cells.set(at, col.firstExtra + i, carried(row.extras.get(x))));
    if (criteriaRowHasEntries(row)) changes.evidenceRowsKept++;
  };

  // One row per item, with native formulas.
  const hadRows = previousCodes.size > 0;
  const oldNeeded = new Set<number>(); // new sheet rows whose occasions-needed cell the user owns
  if (inPlace) {
    inPlace.rows.forEach((r, k) => {
      if (r.kind === 'item' && r.old !== null && filled(previous!.values[r.old]?.[col.needed])) oldNeeded.add(first + k);
    });
  }
  items.forEach((item) => {
    const at = rowOfItem.get(item.code)!;
    const row = itemRows.get(item.code);
    cells.set(at, col.kind, ITEM_KIND_LABELS[item.kind]);
    cells.set(at, col.group, groupLabel(item));
    cells.set(at, col.code, item.code);
    cells.set(at, col.text, item.text || '(text not given in the standard)');
    if (!oldNeeded.has(at)) cells.set(at, col.needed, row?.needed ?? settings.occasions.perItem?.[item.code] ?? followDefaultOccasions());
    writeEntries(at, row);
    // The reader's vocabulary (vocabulary.ts): refs that are marks, on an accepted row or one not (validly) judged.
    const marked = markCountFormula(`$${columnLetter(col.firstRef)}${at + 1}:$${columnLetter(col.lastRef)}${at + 1}`);
    const decision = `$${columnLetter(col.decision)}${at + 1}`;
    cells.set(at, col.accepted, { formula: `=${marked}*${acceptedFormula(decision)}` });
    cells.set(at, col.claimed, { formula: `=${marked}*${pendingFormula(decision)}` });
    cells.set(at, col.stillNeeded, stillNeededFormula(`$${columnLetter(col.needed)}${at + 1}`, `$${columnLetter(col.accepted)}${at + 1}`));
    if (hadRows && !previousCodes.has(item.code)) changes.added.push(item.code);
    const before = previousTexts.get(item.code);
    if (before !== undefined && before.trim() !== '' && item.text && before.trim() !== item.text.trim()) changes.reworded.push(item.code);
  });
  if (!inPlace) for (const code of previousCodes) if (!items.some((i) => i.code === code)) changes.removed.push(code);
  if (inPlace) {
    // The entries are on the sheet already: counted, not written.
    for (const row of existing.rows) {
      changes.marksKept += row.refs.filter(filled).length;
      if (criteriaRowHasEntries(row)) changes.evidenceRowsKept++;
    }
    inPlace.rows.forEach((r, k) => {
      if (r.kind !== 'removed') return;
      // An item the standard dropped keeps its row and refs, labelled; its counts go.
      const at = first + k;
      cells.set(at, col.kind, REMOVED_KIND);
      for (const c of [col.accepted, col.claimed, col.stillNeeded]) cells.set(at, c, null);
      if (r.moved) changes.marksMovedToRemoved.push(r.code);
    });
    changes.removed.push(...changes.marksMovedToRemoved, ...inPlace.dropped);
  }

  // Items the standard no longer has (and rows it never had) that carry refs: kept, labelled.
  if (bottom.length > 0 && !inPlace) {
    cells.set(sectionRow, 0, REMOVED_SECTION);
    bottom.forEach((row, i) => {
      const at = firstBottom + i;
      cells.set(at, col.kind, row.kind || REMOVED_KIND);
      cells.set(at, col.group, row.group);
      cells.set(at, col.code, row.code);
      cells.set(at, col.text, row.text);
      cells.set(at, col.needed, row.needed ?? null);
      writeEntries(at, row);
      if (!row.removedSection && row.code !== '' && !changes.marksMovedToRemoved.includes(row.code)) changes.marksMovedToRemoved.push(row.code);
    });
  }

  // Sign-off block, as on the recording forms.
  const signOffRow = lastEntryRow + 2;
  cells.set(signOffRow, 0, SIGN_OFF.heading);
  const signOffLabels = [SIGN_OFF.assessor, SIGN_OFF.assessorDate, SIGN_OFF.candidate, SIGN_OFF.candidateDate, SIGN_OFF.sampled, SIGN_OFF.verifier, SIGN_OFF.verifierDate];
  signOffLabels.forEach((label, i) => {
    cells.set(signOffRow + 1 + i, 0, label);
    cells.set(signOffRow + 1 + i, 3, carried(existing.signOff.get(label)));
    sheet.merges.push({ row: signOffRow + 1 + i, col: 0, endCol: 2 });
  });
  const lastRow = signOffRow + signOffLabels.length;
  if (inPlace) {
    // The user's cells stay as they are (with formulas, notes, links, fills): entries, own columns,
    // rows the user added, the sign-off entries and the editable header values.
    const keep: CellRange[] = [];
    if (extraHeaders.length > 0) keep.push({ row: h, col: col.firstExtra, endCol: width - 1 });
    const old = previous!.values;
    keep.push(...keptHeaderCells(old, settings, subject.candidateId));
    inPlace.rows.forEach((r, k) => {
      const at = first + k;
      if (r.kind === 'user') keep.push({ row: at, col: 0, endCol: width - 1 });
      else if (r.kind === 'removed') keep.push({ row: at, col: col.group, endCol: col.decision });
      else if (r.old !== null) keep.push({ row: at, col: col.firstRef, endCol: col.decision });
      if (r.kind !== 'user' && extraHeaders.length > 0) keep.push({ row: at, col: col.firstExtra, endCol: width - 1 });
      if (oldNeeded.has(at)) keep.push({ row: at, col: col.needed });
    });
    keep.push({ row: signOffRow + 1, col: 3, endRow: lastRow, endCol: 3 });
    sheet.blocks.push(...cells.toBlocks(keep));
    sheet.rebuild = { edits: inPlace.edits, keep };
  } else sheet.blocks.push(cells.toBlock(width));

  // Look.
  const style = (row: number, c: number, endRow: number, endCol: number, s: CellStyle) => sheet.styles.push({ range: { row, col: c, endRow, endCol }, style: s });
  const headerValueEnd = Math.max(col.needed + 3, 7);
  style(0, 0, 0, 0, { bold: true, fontSize: 14 });
  sheet.styles.push(...candidateIdStyles());
  style(1, 0, 5, 0, { bold: true });
  style(1, 3, 5, 3, { bold: true });
  style(1, 1, 2, 1, { locked: false, fill: '#FFFFFF', border: 'thin' });
  style(5, 1, 5, 1, { locked: false, border: 'thin' });
  for (let i = 1; i <= 5; i++) {
    sheet.merges.push({ row: i, col: 1, endCol: 2 });
    sheet.merges.push({ row: i, col: 4, endCol: headerValueEnd });
  }
  if (items.length > 0) style(5, 4, 5, 4, { numberFormat: '0%' });
  sheet.merges.push({ row: CRITERIA_ROWS.note, col: 0, endCol: Math.min(width - 1, col.decision) });
  style(CRITERIA_ROWS.note, 0, CRITERIA_ROWS.note, 0, { italic: true, wrap: true, vertical: 'top' });
  style(h, 0, h, width - 1, { bold: true, fill: '#F2F2F2', border: 'thin', wrap: true, vertical: 'bottom' });
  style(first, 0, lastEntryRow, width - 1, { border: 'thin', vertical: 'top' });
  items.forEach((item) => style(rowOfItem.get(item.code)!, col.kind, rowOfItem.get(item.code)!, col.kind, { fill: COLOURS[item.kind] }));
  style(first, col.kind, lastEntryRow, col.group, { wrap: true, fontSize: 8 });
  style(first, col.code, lastEntryRow, col.code, { bold: true, numberFormat: '@' });
  style(first, col.text, lastEntryRow, col.text, { wrap: true });
  // What the user fills in: occasions needed, refs (text, so "1/3" never becomes a date), date, decision.
  style(first, col.needed, lastEntryRow, col.needed, { locked: false, horizontal: 'center' });
  style(first, col.firstRef, lastEntryRow, col.lastRef, { locked: false, numberFormat: '@', horizontal: 'center' });
  style(first, col.date, lastEntryRow, col.date, { locked: false, numberFormat: DATE_FORMAT });
  style(first, col.decision, lastEntryRow, col.decision, { locked: false });
  if (extraHeaders.length > 0) style(first, col.firstExtra, lastEntryRow, width - 1, { locked: false });
  style(first, col.accepted, lastItem, col.stillNeeded, { horizontal: 'center' });
  inPlace?.rows.forEach((r, k) => {
    if (r.kind === 'removed') style(first + k, 0, first + k, col.text, { fill: GREY, italic: true });
  });
  if (bottom.length > 0 && !inPlace) {
    style(sectionRow, 0, sectionRow, 0, { bold: true, italic: true });
    sheet.merges.push({ row: sectionRow, col: 0, endCol: col.text });
    style(firstBottom, 0, lastEntryRow, col.text, { fill: GREY, italic: true });
  }
  style(signOffRow, 0, signOffRow, 0, { bold: true });
  style(signOffRow + 1, 0, lastRow, 0, { bold: true });
  style(signOffRow + 1, 3, lastRow, 3, { locked: false, border: 'thin' });
  style(signOffRow + 2, 3, signOffRow + 2, 3, { numberFormat: DATE_FORMAT });
  style(signOffRow + 4, 3, signOffRow + 4, 3, { numberFormat: DATE_FORMAT });
  style(lastRow, 3, lastRow, 3, { numberFormat: DATE_FORMAT });

  sheet.columnWidths.push(
    { col: col.kind, width: 16 },
    { col: col.group, width: 22 },
    { col: col.code, width: 9 },
    { col: col.text, width: 58 },
    { col: col.needed, width: 10 },
  );
  for (let c = col.firstRef; c <= col.lastRef; c++) sheet.columnWidths.push({ col: c, width: 9 });
  sheet.columnWidths.push(
    { col: col.date, width: 11 },
    { col: col.decision, width: 12 },
    { col: col.accepted, width: 9 },
    { col: col.claimed, width: 9 },
    { col: col.stillNeeded, width: 9 },
  );
  for (let c = col.firstExtra; c < width; c++) sheet.columnWidths.push({ col: c, width: 16 });
  sheet.rowHeights.push({ row: CRITERIA_ROWS.note, height: 30 }, { row: h, height: 30 });
  items.forEach((item) => {
    const n = Math.max(lines(item.text, 58), lines(ITEM_KIND_LABELS[item.kind], 20), lines(groupLabel(item), 28));
    if (n > 1) sheet.rowHeights.push({ row: rowOfItem.get(item.code)!, height: Math.min(15 * n, 150) });
  });

  // The decision is a list; so is the verifier's sampling.
  sheet.validations.push(
    decisionValidation({ row: first, col: col.decision, endRow: lastEntryRow }),
    sampledValidation({ row: signOffRow + 5, col: 3 }),
  );

  // Coverage at a glance: green covered, amber claimed (waiting for a decision), red still needed.
  if (items.length > 0) {
    const still = `$${columnLetter(col.stillNeeded)}${first + 1}`;
    const claimed = `$${columnLetter(col.claimed)}${first + 1}`;
    for (const c of [col.code, col.stillNeeded]) {
      const range = { row: first, col: c, endRow: lastItem };
      sheet.conditionalFormats.push(
        { range, formula: `=${still}=0`, style: { fill: GREEN, fontColor: GREEN_TEXT }, stopIfTrue: true },
        { range, formula: `=${claimed}>0`, style: { fill: AMBER, fontColor: AMBER_TEXT }, stopIfTrue: true },
        { range, formula: `=${still}>0`, style: { fill: RED, fontColor: RED_TEXT, bold: true } },
      );
    }
    sheet.conditionalFormats.push(...markFormats({ row: first, col: col.firstRef, endRow: lastItem, endCol: col.lastRef }, col.decision), ...statusFormats());
  }

  sheet.freeze = { rows: h + 1, cols: col.code + 1 };
  sheet.autoFilter = { row: h, col: 0, endRow: lastItem, endCol: width - 1 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: h, to: h } };
  sheet.protection = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: true };
  sheet.tabColor = '#548235';
  return { sheet, items, changes };
}

/** Where a criteria-rows sheet's parts are, for readers and formulas elsewhere (the tracker). */
export function criteriaRowsAddresses(itemCount: number, refCount = DEFAULT_REF_COLUMNS) {
  const col = criteriaColumns(refCount);
  const last = CRITERIA_ROWS.firstItem + Math.max(itemCount, 1) - 1;
  return {
    status: address({ row: 4, col: 4 }),
    coverage: address({ row: 5, col: 4 }),
    stillNeeded: address({ row: CRITERIA_ROWS.firstItem, col: col.stillNeeded, endRow: last }),
    items: address({ row: CRITERIA_ROWS.header, col: 0, endRow: last, endCol: col.stillNeeded }),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading.

type Rows = readonly (readonly RawCell[])[];
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
  const { byKind, covered, missingColumns } = summariseItems(result);
  const distinctRefs = new Set<string>();
  for (const entry of parsed.items.values()) for (const v of entry.refs) distinctRefs.add(refText(v, entry.row).toLowerCase());
  const unrecognised = unrecognisedEntries([...parsed.unrecognised]);
  const dates = [...parsed.items.values()].map((e) => e.date).filter((d): d is number => typeof d === 'number' && d > 0);
  const warnings = [
    ...occasionsNotApplied(options, content.defaultOccasions),
    ...(missingColumns.length > 0 ? [`No row for ${missingColumns.length} required item(s) of unit ${unit.code}: ${missingColumns.join(', ')}; counted as not covered.`] : []),
    ...(parsed.unknownCodes.length > 0
      ? [`Row(s) coded ${parsed.unknownCodes.map((c) => `"${c}"`).join(', ')} are not items of unit ${unit.code}; their refs are not counted.`]
      : []),
    ...(parsed.duplicateCodes.length > 0 ? [`Item(s) ${parsed.duplicateCodes.join(', ')} have more than one row; refs in any of them count.`] : []),
    ...(parsed.removedSectionCodes.length > 0
      ? [`Refs are kept for item(s) no longer in the standard: ${parsed.removedSectionCodes.join(', ')}; they are not counted.`]
      : []),
    ...unrecognisedWarning(unrecognised),
  ];
  return {
    unit: unit.code,
    complete: items.length > 0 && covered === items.length,
    coverage: items.length === 0 ? 0 : covered / items.length,
    byKind,
    items: result,
    missing: result.filter((x) => x.state !== 'covered').map((x) => x.item.code),
    missingColumns,
    unknownCodes: parsed.unknownCodes,
    duplicateCodes: parsed.duplicateCodes,
    awaitingDecision: result.filter((x) => x.claimed.length > 0).map((x) => x.item.code),
    evidenceRows: distinctRefs.size,
    lastEvidenceDate: dates.length > 0 ? Math.max(...dates) : null,
    hasDecisionColumn: parsed.hasDecisionColumn,
    unrecognised,
    warnings,
  };
}

/** Parse a filled criteria-rows sheet (2-D values, header included; formulas where known) and compute its coverage. */
export function criteriaRowsCoverage(values: Rows, unit: Unit, options: CoverageOptions = {}, formulas?: SheetValues['formulas']): Result<UnitCoverage> {
  const parsed = readCriteriaRows(values, unit, formulas);
  return parsed.ok ? ok(coverageOfCriteriaRows(parsed.value, unit, options)) : parsed;
}
