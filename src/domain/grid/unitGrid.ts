import { ITEM_KIND_LABELS, unitItems, type RequiredItem } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import { DEFAULT_SETTINGS, type GridSettings, type GridSubject } from './gridTypes';
import { address, columnLetter, emptySheet, type CellRange, type CellStyle, type PlanValue, type SheetPlan } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { evidenceGridInPlace } from './inPlaceLayout';
import { SparseCells } from './sheetCells';
import { emptyContent, rowHasContent, type GridChanges, type GridContent } from './gridContent';
import { coverageFormula, followDefaultOccasions, headerBlockCells, keptHeaderCells, NOT_DETAILED_NOTE, markFormats, PALETTE, statusFormats, stillNeededFormula, styleHeaderBlock, SIGN_OFF_LABELS, unitStatusFormula, writeSignOff } from './headerBlock';
import {
  ASSESSMENT_METHODS,
  EVIDENCE_FIELDS,
  EVIDENCE_LABELS,
  GRID_TITLE,
  KIND_COLOURS,
  REMOVED_PREFIX,
  SIGN_OFF,
  SUMMARY_ROWS,
  decisionValidation,
  sampledValidation,
} from './layout';
import { acceptedFormula, markFormula, pendingFormula } from './vocabulary';

/*
 * The evidence-rows grid: evidence items down, every markable item of the unit across.
 *
 *   rows 0-5   header block (label in A/D, value in B/E)
 *   row 6      kind of each item column          row 10  accepted evidence (formula)
 *   row 7      element / group                   row 11  claimed, not yet judged (formula)
 *   row 8      the item's text (wrapped)         row 12  still needed (formula, red/green)
 *   row 9      occasions needed (editable)       row 13  header: Ref no. ... item codes
 *   rows 14..  evidence rows, then the sign-off block
 */

// The shared grid types live in gridTypes.ts; re-exported for callers that build evidence-rows grids.
export { DEFAULT_SETTINGS, type GridSettings, type GridSubject };

export const GRID_ROWS = {
  title: 0,
  kind: 6,
  group: 7,
  text: 8,
  needed: 9,
  accepted: 10,
  claimed: 11,
  stillNeeded: 12,
  header: 13,
  firstEvidence: 14,
} as const;
export const FIRST_ITEM_COL = EVIDENCE_FIELDS.length; // H

const { green: GREEN, greenText: GREEN_TEXT, red: RED, redText: RED_TEXT, grey: GREY } = PALETTE;

/** Methods offered in the drop-down: simulation only where the unit allows it. */
export function allowedMethods(unit: Unit): string[] {
  return ASSESSMENT_METHODS.filter((m) => m !== 'Simulation' || unit.simulation === 'allowed');
}

/** An item's occasions-needed cell: its own number where the sheet or the centre set one, else the default cell's. */
export function neededFor(item: RequiredItem, settings: GridSettings, content?: GridContent): PlanValue {
  return content?.needed.get(item.code) ?? settings.occasions.perItem?.[item.code] ?? followDefaultOccasions();
}

/** Dates typed into the grid come back as serial numbers: write them back as dates. */
function carried(v: RawCell | undefined): PlanValue {
  return v === undefined ? null : v;
}

export interface BuiltGrid {
  sheet: SheetPlan;
  items: RequiredItem[];
  changes: GridChanges;
  /** The header row and evidence rows (zero-based, inclusive). */
  evidence: { headerRow: number; firstRow: number; lastRow: number; lastCol: number };
}

export function buildUnitGrid(
  subject: GridSubject,
  sheetName: string,
  settings: GridSettings = DEFAULT_SETTINGS,
  existing: GridContent = emptyContent(),
  /** The old sheet (its values and the rows read as evidence): given, the grid is rebuilt in place. */
  previous?: { values: readonly (readonly RawCell[])[]; rowNumbers: readonly number[] },
): BuiltGrid {
  const { unit } = subject;
  const items = unitItems(unit);
  const itemCodes = new Set(items.map((i) => i.code));
  const sheet = emptySheet(sheetName, 'unitGrid');
  const cells = new SparseCells();

  // Columns: fixed evidence fields, items, then marks under removed items, then the user's own columns.
  // Rebuilt in place, the old sheet's columns keep their order and new items are inserted among them.
  const inPlace = previous ? evidenceGridInPlace(previous.values, items, previous.rowNumbers) : null;
  const markedCodes = new Set<string>();
  for (const row of existing.rows) for (const [code, v] of row.marks) if (v !== null && String(v).trim() !== '') markedCodes.add(code);
  const itemColumn = new Map<string, number>();
  let removed: { code: string; col: number }[];
  let extras: { header: string; col: number }[];
  let width: number;
  if (inPlace) {
    inPlace.columns.forEach((c, col) => {
      if (c.kind === 'item') itemColumn.set(c.code, col);
    });
    removed = inPlace.columns.flatMap((c, col) => (c.kind === 'removed' ? [{ code: c.code, col }] : []));
    extras = []; // the user's columns are left as they are
    width = inPlace.columns.length;
  } else {
    const previousCodes = new Set([...existing.texts.keys(), ...existing.needed.keys(), ...markedCodes]);
    const removedCodes = [...previousCodes].filter((c) => !itemCodes.has(c) && markedCodes.has(c));
    const removedHeaders = removedCodes.map((c) => `${REMOVED_PREFIX}${c}`);
    const extraHeaders = existing.extraHeaders.filter((h) => !removedHeaders.includes(h));
    items.forEach((item, i) => itemColumn.set(item.code, FIRST_ITEM_COL + i));
    const afterItems = FIRST_ITEM_COL + Math.max(items.length, 1);
    removed = removedCodes.map((code, i) => ({ code, col: afterItems + i }));
    extras = extraHeaders.map((header, i) => ({ header, col: afterItems + removedCodes.length + i }));
    width = afterItems + removedCodes.length + extraHeaders.length;
  }
  const removedCodes = removed.map((r) => r.code);
  const removedHeaders = removedCodes.map((c) => `${REMOVED_PREFIX}${c}`);
  const extraHeaders = extras.map((e) => e.header);
  const itemCol = (i: number) => itemColumn.get(items[i]!.code)!;
  const lastItemCol = Math.max(FIRST_ITEM_COL, ...itemColumn.values());
  const removedCol = (i: number) => removed[i]!.col;
  const extraCol = (i: number) => extras[i]!.col;

  const keptRows = existing.rows.filter(rowHasContent);
  const evidenceCount = inPlace ? inPlace.evidenceRows : Math.max(settings.evidenceRows, keptRows.length + 10);
  const firstEv = GRID_ROWS.firstEvidence;
  const lastEv = firstEv + evidenceCount - 1;
  const evRange = (col: number) => `${columnLetter(col)}$${firstEv + 1}:${columnLetter(col)}$${lastEv + 1}`;
  const decisionCol = EVIDENCE_FIELDS.indexOf('decision');
  const decisionRange = `$${columnLetter(decisionCol)}$${firstEv + 1}:$${columnLetter(decisionCol)}$${lastEv + 1}`;

  // Header block (shared with the criteria-rows layout).
  cells.set(0, 0, GRID_TITLE);
  const codesRow = `$${columnLetter(FIRST_ITEM_COL)}$${GRID_ROWS.stillNeeded + 1}:$${columnLetter(lastItemCol)}$${GRID_ROWS.stillNeeded + 1}`;
  const countsRows = `$${columnLetter(FIRST_ITEM_COL)}$${GRID_ROWS.accepted + 1}:$${columnLetter(lastItemCol)}$${GRID_ROWS.claimed + 1}`;
  for (const [row, col, value] of headerBlockCells(subject, settings, {
    candidate: existing.candidate,
    assessor: existing.assessor,
    defaultOccasions: existing.defaultOccasions,
    status: unitStatusFormula(codesRow, countsRows, items.length),
    coverage: coverageFormula(codesRow, items.length),
  }))
    cells.set(row, col, value);

  // Summary rows' labels span the evidence columns.
  const summary: [number, string][] = [
    [GRID_ROWS.kind, SUMMARY_ROWS.kind],
    [GRID_ROWS.group, SUMMARY_ROWS.group],
    [GRID_ROWS.text, SUMMARY_ROWS.text],
    [GRID_ROWS.needed, SUMMARY_ROWS.needed],
    [GRID_ROWS.accepted, SUMMARY_ROWS.accepted],
    [GRID_ROWS.claimed, SUMMARY_ROWS.claimed],
    [GRID_ROWS.stillNeeded, SUMMARY_ROWS.stillNeeded],
  ];
  for (const [row, label] of summary) {
    cells.set(row, 0, label);
    sheet.merges.push({ row, col: 0, endCol: FIRST_ITEM_COL - 1 });
  }
  EVIDENCE_FIELDS.forEach((f, c) => cells.set(GRID_ROWS.header, c, EVIDENCE_LABELS[f]));

  // Item columns.
  const movedToRemoved = inPlace ? inPlace.columns.flatMap((c) => (c.kind === 'removed' && c.moved ? [c.code] : [])) : removedCodes;
  const changes: GridChanges = {
    added: [],
    removed: inPlace ? [...movedToRemoved, ...inPlace.dropped] : [...removedCodes],
    reworded: [],
    marksMovedToRemoved: movedToRemoved,
    evidenceRowsKept: keptRows.length,
    marksKept: 0,
  };
  const hadItems = existing.texts.size > 0 || existing.rows.length > 0;
  items.forEach((item, i) => {
    const col = itemCol(i);
    const L = columnLetter(col);
    cells.set(GRID_ROWS.kind, col, ITEM_KIND_LABELS[item.kind]);
    cells.set(GRID_ROWS.group, col, item.groupTitle && item.groupTitle !== item.group ? `${item.group} ${item.groupTitle}`.trim() : item.group || item.groupTitle);
    cells.set(GRID_ROWS.text, col, item.text || '(text not given in the standard)');
    cells.set(GRID_ROWS.needed, col, neededFor(item, settings, existing));
    // The reader's vocabulary (vocabulary.ts): marks on accepted rows, and on rows not (validly) judged.
    const marked = markFormula(evRange(col));
    cells.set(GRID_ROWS.accepted, col, { formula: `=SUMPRODUCT(${marked}*${acceptedFormula(decisionRange)})` });
    cells.set(GRID_ROWS.claimed, col, { formula: `=SUMPRODUCT(${marked}*${pendingFormula(decisionRange)})` });
    cells.set(GRID_ROWS.stillNeeded, col, stillNeededFormula(`${L}${GRID_ROWS.needed + 1}`, `${L}${GRID_ROWS.accepted + 1}`));
    cells.set(GRID_ROWS.header, col, item.code);
    if (hadItems && !existing.texts.has(item.code) && !markedCodes.has(item.code)) changes.added.push(item.code);
    const before = existing.texts.get(item.code);
    if (before !== undefined && item.text && before.trim() !== item.text.trim()) changes.reworded.push(item.code);
  });
  if (items.length === 0) cells.set(GRID_ROWS.text, FIRST_ITEM_COL, NOT_DETAILED_NOTE);
  if (hadItems && !inPlace) {
    for (const code of existing.texts.keys()) if (!itemCodes.has(code) && !removedCodes.includes(code)) changes.removed.push(code);
  }
  removedHeaders.forEach((h, i) => {
    cells.set(GRID_ROWS.kind, removedCol(i), 'Marks kept: item no longer in the standard');
    // In place, the column's item parts (text, counts) are cleared.
    for (let r = GRID_ROWS.group; r < GRID_ROWS.header; r++) if (inPlace) cells.set(r, removedCol(i), null);
    cells.set(GRID_ROWS.header, removedCol(i), h);
  });
  extraHeaders.forEach((h, i) => cells.set(GRID_ROWS.header, extraCol(i), h));

  // Evidence rows: every kept row, in order, every mark under its item (or its removed-item column).
  // In place they are already on the sheet, where the user put them: only counted.
  if (inPlace) {
    const removedByHeader = new Set(removed.flatMap((r) => [r.code, `${REMOVED_PREFIX}${r.code}`]));
    for (const row of keptRows) {
      for (const v of row.marks.values()) if (v !== null && String(v).trim() !== '') changes.marksKept++;
      for (const [h, v] of row.extras) if (removedByHeader.has(h) && v !== null && String(v).trim() !== '') changes.marksKept++;
    }
  }
  if (!inPlace) {
    keptRows.forEach((row, r) => {
      const at = firstEv + r;
      EVIDENCE_FIELDS.forEach((f, c) => cells.set(at, c, carried(row.fields[f])));
      for (const [code, v] of row.marks) {
        if (v === null || String(v).trim() === '') continue;
        const i = items.findIndex((it) => it.code === code);
        const col = i >= 0 ? itemCol(i) : removedCol(removedCodes.indexOf(code));
        cells.set(at, col, v);
        changes.marksKept++;
      }
      for (const [h, v] of row.extras) {
        const i = extraHeaders.indexOf(h);
        if (i >= 0) cells.set(at, extraCol(i), carried(v));
        else {
          const j = removedHeaders.indexOf(h);
          if (j >= 0 && v !== null && String(v).trim() !== '') {
            cells.set(at, removedCol(j), v);
            changes.marksKept++;
          }
        }
      }
    });
    for (let r = firstEv + keptRows.length; r <= lastEv; r++) cells.set(r, 0, null);
  }

  // Sign-off block, as on the seed recording forms.
  const signOffRow = lastEv + 2;
  const lastRow = writeSignOff(cells, sheet, signOffRow, existing.signOff, 6);
  if (inPlace) {
    // What the user owns stays as it is on the sheet (with its formula, note, link and fill): the
    // evidence rows, the user's own columns, the sign-off entries and the editable header values.
    const keep: CellRange[] = [{ row: firstEv, col: 0, endRow: lastEv, endCol: width - 1 }];
    inPlace.columns.forEach((c, col) => {
      if (c.kind === 'user' && col >= FIRST_ITEM_COL) keep.push({ row: 0, col, endRow: GRID_ROWS.header });
    });
    const old = previous!.values;
    keep.push(...keptHeaderCells(old, settings, subject.candidateId));
    inPlace.columns.forEach((c, col) => {
      if (c.kind === 'item' && c.wasItem && c.old !== null && String(old[GRID_ROWS.needed]?.[c.old] ?? '').trim() !== '') keep.push({ row: GRID_ROWS.needed, col });
    });
    keep.push({ row: signOffRow + 1, col: 3, endRow: lastRow, endCol: 3 });
    sheet.blocks.push(...cells.toBlocks(keep));
    sheet.rebuild = { edits: inPlace.edits, keep };
  } else sheet.blocks.push(cells.toBlock(width));

  // Look: header block, kinds coloured, text wrapped, codes bold, counts centred.
  // A unit with no items (not detailed) has no item columns: their ranges are empty and left out.
  const style = (row: number, col: number, endRow: number, endCol: number, s: CellStyle) => {
    if (endRow >= row && endCol >= col) sheet.styles.push({ range: { row, col, endRow, endCol }, style: s });
  };
  styleHeaderBlock(sheet, Math.max(6, Math.min(lastItemCol, 12)));
  style(GRID_ROWS.kind, 0, GRID_ROWS.stillNeeded, FIRST_ITEM_COL - 1, { bold: true, horizontal: 'right' });
  items.forEach((item, i) => style(GRID_ROWS.kind, itemCol(i), GRID_ROWS.group, itemCol(i), { fill: KIND_COLOURS[item.kind], wrap: true, fontSize: 8, vertical: 'top' }));
  if (items.length > 0) {
    style(GRID_ROWS.text, FIRST_ITEM_COL, GRID_ROWS.text, lastItemCol, { wrap: true, fontSize: 8, vertical: 'top' });
    style(GRID_ROWS.needed, FIRST_ITEM_COL, GRID_ROWS.needed, lastItemCol, { locked: false, horizontal: 'center', border: 'thin' });
    style(GRID_ROWS.accepted, FIRST_ITEM_COL, GRID_ROWS.stillNeeded, lastItemCol, { horizontal: 'center' });
  }
  style(GRID_ROWS.header, 0, GRID_ROWS.header, width - 1, { bold: true, fill: '#F2F2F2', border: 'thin', wrap: true, vertical: 'bottom' });
  style(firstEv, 0, lastEv, width - 1, { locked: false, border: 'thin' });
  style(firstEv, FIRST_ITEM_COL, lastEv, width - 1, { horizontal: 'center' });
  const dateFormat = 'dd/mm/yyyy';
  style(firstEv, EVIDENCE_FIELDS.indexOf('date'), lastEv, EVIDENCE_FIELDS.indexOf('date'), { numberFormat: dateFormat });
  style(firstEv, EVIDENCE_FIELDS.indexOf('decisionDate'), lastEv, EVIDENCE_FIELDS.indexOf('decisionDate'), { numberFormat: dateFormat });
  // Ref nos and descriptions are text even when they look like numbers or formulas.
  style(firstEv, 0, lastEv, 0, { numberFormat: '@' });
  style(firstEv, 3, lastEv, 4, { numberFormat: '@', wrap: true });
  style(GRID_ROWS.header, FIRST_ITEM_COL, GRID_ROWS.header, lastItemCol, { numberFormat: '@' });
  if (items.length > 0) style(5, 4, 5, 4, { numberFormat: '0%' }); // coverage
  style(signOffRow, 0, signOffRow, 0, { bold: true });
  style(signOffRow + 1, 3, lastRow, 6, { locked: false, border: 'thin' });
  // Sign-off dates are dates (typed dates come back as serials; the format shows them as dd/mm/yyyy).
  SIGN_OFF_LABELS.forEach((label, i) => {
    if (label === SIGN_OFF.assessorDate || label === SIGN_OFF.candidateDate || label === SIGN_OFF.verifierDate) style(signOffRow + 1 + i, 3, signOffRow + 1 + i, 3, { numberFormat: dateFormat });
  });
  removed.forEach(({ col }) => style(GRID_ROWS.kind, col, GRID_ROWS.header, col, { fill: GREY, italic: true, wrap: true }));

  sheet.columnWidths.push(
    { col: 0, width: 10 },
    { col: 1, width: 11 },
    { col: 2, width: 16 },
    { col: 3, width: 30 },
    { col: 4, width: 16 },
    { col: 5, width: 12 },
    { col: 6, width: 11 },
  );
  for (const c of itemColumn.values()) sheet.columnWidths.push({ col: c, width: 8 });
  for (const { col } of [...removed, ...extras]) sheet.columnWidths.push({ col, width: 16 });
  sheet.rowHeights.push({ row: GRID_ROWS.text, height: 96 }, { row: GRID_ROWS.group, height: 30 });

  // Validated lists: the methods this unit allows, and the assessor's decision.
  const methodCol = EVIDENCE_FIELDS.indexOf('method');
  sheet.validations.push(
    {
      range: { row: firstEv, col: methodCol, endRow: lastEv },
      list: allowedMethods(unit),
      allowBlank: true,
      errorTitle: 'Assessment method',
      errorMessage: `Choose a method from the list.${unit.simulation === 'allowed' ? '' : ' Simulation is not allowed for this unit.'}`,
    },
    decisionValidation({ row: firstEv, col: decisionCol, endRow: lastEv }),
    sampledValidation({ row: signOffRow + 5, col: 3 }),
  );

  // Coverage at a glance without the add-in: red still-needed, green covered; marks green once accepted, amber while only claimed.
  if (items.length > 0) {
    const need = { row: GRID_ROWS.stillNeeded, col: FIRST_ITEM_COL, endCol: lastItemCol };
    const topLeft = `${columnLetter(FIRST_ITEM_COL)}${GRID_ROWS.stillNeeded + 1}`;
    sheet.conditionalFormats.push(
      { range: need, formula: `=${topLeft}>0`, style: { fill: RED, fontColor: RED_TEXT, bold: true } },
      { range: need, formula: `=${topLeft}=0`, style: { fill: GREEN, fontColor: GREEN_TEXT } },
    );
    sheet.conditionalFormats.push(...markFormats({ row: firstEv, col: FIRST_ITEM_COL, endRow: lastEv, endCol: lastItemCol }, decisionCol), ...statusFormats());
  }

  sheet.freeze = { rows: GRID_ROWS.firstEvidence, cols: FIRST_ITEM_COL };
  sheet.autoFilter = { row: GRID_ROWS.header, col: 0, endRow: lastEv, endCol: width - 1 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: GRID_ROWS.kind, to: GRID_ROWS.header } };
  sheet.protection = { allowFormatColumns: true, allowSort: true, allowAutoFilter: true, allowInsertRows: true };
  sheet.tabColor = '#2F5597';
  return { sheet, items, changes, evidence: { headerRow: GRID_ROWS.header, firstRow: firstEv, lastRow: lastEv, lastCol: width - 1 } };
}

/** Where a grid's parts are, for readers that find a grid this product built. */
export function gridAddresses(itemCount: number, evidenceRows: number) {
  const lastItemCol = FIRST_ITEM_COL + Math.max(itemCount, 1) - 1;
  return {
    status: address({ row: 4, col: 4 }),
    coverage: address({ row: 5, col: 4 }),
    stillNeeded: address({ row: GRID_ROWS.stillNeeded, col: FIRST_ITEM_COL, endCol: lastItemCol }),
    evidence: address({ row: GRID_ROWS.header, col: 0, endRow: GRID_ROWS.firstEvidence + evidenceRows - 1, endCol: lastItemCol }),
  };
}
