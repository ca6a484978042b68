import { ITEM_KIND_LABELS, unitItems, type RequiredItem } from '../standards/itemCodes';
import { address, columnLetter, emptySheet, type CellRange, type CellStyle, type PlanValue, type SheetPlan } from '../workbook/plan';
import { criteriaGridInPlace, type CriteriaGridInPlace } from './inPlaceLayout';
import type { RawCell } from '../workbook/sheetValues';
import type { GridChanges } from './gridContent';
import { CRITERIA_ROWS_TITLE, KIND_COLOURS, decisionValidation, sampledValidation } from './layout';
import { acceptedFormula, markCountFormula, pendingFormula } from './vocabulary';
import { cellText } from './readGrid';
import { coverageFormula, keptHeaderCells, NOT_DETAILED_NOTE, followDefaultOccasions, headerBlockCells, markFormats, PALETTE, statusFormats, stillNeededFormula, styleHeaderBlock, unitStatusFormula, writeSignOff } from './headerBlock';
import { DEFAULT_SETTINGS, type GridSettings, type GridSubject } from './gridTypes';
import { SparseCells } from './sheetCells';
import {
  codeKey,
  CRITERIA_LABELS,
  CRITERIA_ROWS,
  criteriaColumns,
  criteriaRowHasEntries,
  DEFAULT_REF_COLUMNS,
  emptyCriteriaContent,
  filled,
  refLabel,
  REMOVED_KIND,
  REMOVED_SECTION,
  type CriteriaRowContent,
  type CriteriaRowsContent,
} from './criteriaRowsContent';

/*
 * Building the criteria-rows grid ("unit recording form"). Its layout and what a user puts on it:
 * criteriaRowsContent.ts; reading it back and its coverage: criteriaRowsRead.ts; the layout as a
 * whole (what callers use): criteriaRowsLayout.ts.
 */

// Re-exported so this module stays the one place to import the criteria-rows grid from.
export * from './criteriaRowsContent';
export * from './criteriaRowsRead';
// The cell container every sheet builder shares (the tracker and evidence index import it from here).
export { SparseCells };

const NOTE =
  'Enter the location / ref no. of each piece of evidence against every standard it covers (one per Evidence ref cell), ' +
  'then the assessor records the decision and date. Refs count once the decision is Accepted; until then they are claimed.';

const DATE_FORMAT = 'dd/mm/yyyy';
const { green: GREEN, greenText: GREEN_TEXT, red: RED, redText: RED_TEXT, amber: AMBER, amberText: AMBER_TEXT, grey: GREY } = PALETTE;

/** A value read from a sheet, written back as it was. */
function carried(v: RawCell | undefined): PlanValue {
  return v === undefined ? null : v;
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
  const lastRow = writeSignOff(cells, sheet, signOffRow, existing.signOff);
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
  styleHeaderBlock(sheet, Math.max(col.needed + 3, 7));
  if (items.length > 0) style(5, 4, 5, 4, { numberFormat: '0%' });
  sheet.merges.push({ row: CRITERIA_ROWS.note, col: 0, endCol: Math.min(width - 1, col.decision) });
  style(CRITERIA_ROWS.note, 0, CRITERIA_ROWS.note, 0, { italic: true, wrap: true, vertical: 'top' });
  style(h, 0, h, width - 1, { bold: true, fill: '#F2F2F2', border: 'thin', wrap: true, vertical: 'bottom' });
  style(first, 0, lastEntryRow, width - 1, { border: 'thin', vertical: 'top' });
  items.forEach((item) => style(rowOfItem.get(item.code)!, col.kind, rowOfItem.get(item.code)!, col.kind, { fill: KIND_COLOURS[item.kind] }));
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

  // [column, width] left to right: item, refs, date and decision, counts, the user's own columns.
  const widths: [number, number][] = [[col.kind, 16], [col.group, 22], [col.code, 9], [col.text, 58], [col.needed, 10]];
  for (let c = col.firstRef; c <= col.lastRef; c++) widths.push([c, 9]);
  widths.push([col.date, 11], [col.decision, 12], [col.accepted, 9], [col.claimed, 9], [col.stillNeeded, 9]);
  for (let c = col.firstExtra; c < width; c++) widths.push([c, 16]);
  sheet.columnWidths.push(...widths.map(([c, w]) => ({ col: c, width: w })));
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
