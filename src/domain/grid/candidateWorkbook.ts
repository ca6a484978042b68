import { fail, ok, problems, type Result } from '../problems';
import { unitItems } from '../standards/itemCodes';
import { planPathway } from '../rules/rulesOfCombination';
import type { QualificationIndex } from '../standards/catalog';
import type { Unit } from '../standards/schema';
import { uniqueSheetName, definedName } from '../workbook/names';
import { quoteSheet, type NamedRangePlan, type SheetPlan, type WorkbookPlan } from '../workbook/plan';
import type { SheetValues } from '../workbook/sheetValues';
import { buildCriteriaRowsGrid, isCriteriaRowsSheet, readCriteriaRows } from './criteriaRowsGrid';
import { buildEvidenceIndex, criteriaRowsSource, evidenceRowsSource, EVIDENCE_INDEX_TITLE, readEvidenceIndex, type GridEvidenceSource } from './evidenceIndexSheet';
import type { GridChanges } from './gridContent';
import { cellText, parseGrid, readHeaderBlock } from './readGrid';
import { buildTracker, readTracker, TRACKER_TITLE } from './trackerSheet';
import { buildUnitGrid, DEFAULT_SETTINGS, type GridSettings } from './unitGrid';

/*
 * A candidate's workbook: one grid per unit of the pathway (evidence rows or criteria rows), the
 * unit progress record (tracker) and the index of evidence. Building again over an existing
 * workbook carries every evidence row, mark and user entry of the candidate's sheets into the new ones.
 */

export type GridLayout = 'evidenceRows' | 'criteriaRows';

/** Item columns an evidence-rows grid can hold: Excel's 16,384 columns less the evidence fields and room for kept columns. */
export const MAX_ITEM_COLUMNS = 16_384 - 7 - 200;

export interface CandidateRequest {
  qualification: QualificationIndex;
  candidate: string;
  assessor?: string;
  /** Units in any code form; mandatory units are added automatically. */
  units: readonly string[];
  layout?: GridLayout;
  settings?: GridSettings;
}

export interface CandidateBuild {
  /** Grids first (the tracker's formulas refer to them), then tracker and evidence index. */
  sheets: SheetPlan[];
  names: WorkbookPlan['names'];
  units: Unit[];
  /** Per grid sheet: what a rebuild changed (empty for new sheets). */
  changes: { sheet: string; unit: string; layout: GridLayout; changes: GridChanges }[];
  tracker: string;
  evidenceIndex: string;
}

const titleOf = (s: SheetValues) => cellText(s.values[0]?.[0] ?? null);

function isCandidates(s: SheetValues, candidate: string): boolean {
  return readHeaderBlock(s.values).candidate === candidate;
}

export function buildCandidateWorkbook(request: CandidateRequest, existing: readonly SheetValues[], takenNames: Set<string>, takenTables: Set<string> = new Set()): Result<CandidateBuild> {
  const { qualification: index, candidate } = request;
  const q = index.qualification;
  const plan = planPathway(index, request.units);
  if (plan.report.unknownUnits.length > 0) {
    const first = index.findUnit(plan.report.unknownUnits[0]!);
    return fail(first.ok ? { kind: 'unknownUnit', message: `Unknown unit ${plan.report.unknownUnits[0]}` } : first.problem);
  }
  const units = [...plan.mandatory, ...plan.report.units.filter((u) => !plan.mandatory.includes(u))];
  const settings = request.settings ?? DEFAULT_SETTINGS;
  const requestedLayout = request.layout ?? 'evidenceRows';
  const sheets: SheetPlan[] = [];
  const names: WorkbookPlan['names'] = [];
  const changes: CandidateBuild['changes'] = [];
  const sources: GridEvidenceSource[] = [];
  const gridSheets: Record<string, string> = {};
  const mine = existing.filter((s) => isCandidates(s, candidate));

  // Excel has 16,384 columns: a unit with more items than fit across a sheet is built as criteria rows, never cut short.
  if (requestedLayout === 'evidenceRows') {
    const tooWide = units.find((u) => unitItems(u).length > MAX_ITEM_COLUMNS);
    if (tooWide) {
      return fail(
        problems.badArgument(
          `Unit ${tooWide.code} has ${unitItems(tooWide).length} items: more than fit across a sheet (at most ${MAX_ITEM_COLUMNS} item columns). Build it with the criteria-rows layout (--layout criteria-rows), which has a row per item.`,
        ),
      );
    }
  }
  for (const unit of units) {
    const previous = mine.find((s) => {
      const h = readHeaderBlock(s.values);
      return h.unit === unit.code && (h.qualificationId === q.id || h.qualification === q.title);
    });
    const name = previous ? previous.name : uniqueSheetName(candidate, takenNames, unit.code);
    gridSheets[unit.code] = name;
    const subject = { qualification: q, unit, candidate, assessor: request.assessor };
    // An existing grid keeps its layout: converting would risk the assessor's marks.
    const layout: GridLayout = previous ? (isCriteriaRowsSheet(previous.values) ? 'criteriaRows' : 'evidenceRows') : requestedLayout;
    if (layout === 'criteriaRows') {
      const parsed = previous ? readCriteriaRows(previous.values, unit) : undefined;
      if (parsed?.ok) sources.push(criteriaRowsSource(name, unit.code, parsed.value));
      const built = buildCriteriaRowsGrid(subject, name, settings, parsed?.ok ? parsed.value.content : undefined, previous && parsed?.ok ? { values: previous.values, refColumns: parsed.value.columns.refs.length } : undefined);
      sheets.push(built.sheet);
      changes.push({ sheet: name, unit: unit.code, layout, changes: built.changes });
    } else {
      const parsed = previous ? parseGrid(previous.values, unit) : undefined;
      if (parsed?.ok) sources.push(evidenceRowsSource(name, unit.code, parsed.value));
      // Rebuilt in place (rows and columns inserted or deleted), so the user's cells stay where they are.
      const built = buildUnitGrid(subject, name, settings, parsed?.ok ? parsed.value.content : undefined, previous && parsed?.ok ? { values: previous.values, rowNumbers: parsed.value.rowNumbers } : undefined);
      sheets.push(built.sheet);
      changes.push({ sheet: name, unit: unit.code, layout, changes: built.changes });
      // The evidence area as a workbook name, for formulas and for people navigating the workbook.
      const name_ = uniqueName(definedName(`Evidence_${candidate}_${unit.code}`), takenTables);
      const range: NamedRangePlan = {
        name: name_,
        range: { row: built.evidence.headerRow, col: 0, endRow: built.evidence.lastRow, endCol: built.evidence.lastCol },
        comment: `Evidence rows of ${candidate}'s grid for unit ${unit.code}`,
      };
      names.push({ ...range, sheet: name });
    }
  }

  const oldTracker = mine.find((s) => titleOf(s) === TRACKER_TITLE);
  const trackerName = oldTracker ? oldTracker.name : uniqueSheetName(candidate, takenNames, 'Tracker');
  const trackerContent = oldTracker ? readTracker(oldTracker.values) : undefined;
  const tracker = buildTracker({
    sheetName: trackerName,
    index,
    candidate,
    assessor: request.assessor,
    pathway: units.map((u) => u.code),
    gridSheets,
    existing: trackerContent?.ok ? trackerContent.value : undefined,
    takenNames: takenTables,
  });
  for (const t of tracker.sheet.tables) takenTables.add(t.name.toLowerCase());

  const oldIndex = mine.find((s) => titleOf(s) === EVIDENCE_INDEX_TITLE);
  const indexName = oldIndex ? oldIndex.name : uniqueSheetName(candidate, takenNames, 'Evidence');
  const indexContent = oldIndex ? readEvidenceIndex(oldIndex.values) : undefined;
  const evidenceIndex = buildEvidenceIndex({
    sheetName: indexName,
    candidate,
    qualification: `${q.title} (${q.id})`,
    grids: sources,
    existing: indexContent?.ok ? indexContent.value : undefined,
    takenNames: takenTables,
  });
  for (const t of evidenceIndex.sheet.tables) takenTables.add(t.name.toLowerCase());
  sheets.push(tracker.sheet, evidenceIndex.sheet);
  return ok({ sheets, names, units, changes, tracker: trackerName, evidenceIndex: indexName });
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export function workbookPlan(sheets: SheetPlan[], names: WorkbookPlan['names'] = []): WorkbookPlan {
  return { sheets, names, dateFormat: 'dd/mm/yyyy' };
}

/** A formula reference to a cell on another sheet, quoted as Excel needs. */
export function sheetRef(sheet: string, a1: string): string {
  return `${quoteSheet(sheet)}!${a1}`;
}
