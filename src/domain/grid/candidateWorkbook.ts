import { fail, ok, problems, type Result } from '../problems';
import { unitItems } from '../standards/itemCodes';
import { planPathway } from '../rules/rulesOfCombination';
import type { QualificationIndex } from '../standards/catalog';
import type { Unit } from '../standards/schema';
import { uniqueSheetName, definedName } from '../workbook/names';
import type { NameLookup } from '../workbook/nameRegistry';
import type { TakenNames } from '../workbook/preflight';
import { quoteSheet, type NamedRangePlan, type SheetPlan, type WorkbookPlan } from '../workbook/plan';
import type { SheetValues } from '../workbook/sheetValues';
import { buildEvidenceIndex, EVIDENCE_INDEX_TITLE, readEvidenceIndex, type GridEvidenceSource } from './evidenceIndexSheet';
import { GRID_LAYOUTS, gridLayoutOf } from './gridLayouts';
import type { GridLayoutName } from './gridLayout';
export type { GridLayoutName } from './gridLayout';
import type { GridChanges } from './gridContent';
import { candidateIdKey, candidateNameKey, describeCandidate, indistinguishable, indistinguishableMessage, type CandidateRecord } from './candidateIdentity';
import { cellText, readHeaderBlock, type GridHeaderBlock } from './readGrid';
import { STATUS_CELL } from './headerBlock';
import { buildTracker, readTracker, TRACKER_TITLE } from './trackerSheet';
import { DEFAULT_SETTINGS, type GridSettings } from './gridTypes';

/*
 * A candidate's workbook: one grid per unit of the pathway (evidence rows or criteria rows), the
 * unit progress record (tracker) and the index of evidence. Building again over an existing
 * workbook carries every evidence row, mark and user entry of the candidate's sheets into the new ones.
 */


/** Item columns an evidence-rows grid can hold: Excel's 16,384 columns less the evidence fields and room for kept columns. */
export const MAX_ITEM_COLUMNS = 16_384 - 7 - 200;

export interface CandidateRequest {
  qualification: QualificationIndex;
  candidate: string;
  /** ULN, SCN or registration number: the candidate's identity when given. */
  candidateId?: string;
  assessor?: string;
  /** Units in any code form; mandatory units are added automatically. */
  units: readonly string[];
  layout?: GridLayoutName;
  settings?: GridSettings;
}

export interface CandidateBuild {
  /** Grids first (the tracker's formulas refer to them), then tracker and evidence index. */
  sheets: SheetPlan[];
  names: WorkbookPlan['names'];
  units: Unit[];
  /** Per grid sheet: what a rebuild changed (empty for new sheets). */
  changes: { sheet: string; unit: string; layout: GridLayoutName; changes: GridChanges }[];
  tracker: string;
  evidenceIndex: string;
  /** The candidate's name as written on the sheets (an existing sheet's spelling is kept). */
  candidate: string;
  candidateId?: string;
  /** The existing sheets matched, when the name was typed differently from theirs ("jane smith" for "Jane Smith"). */
  matchedAs?: string;
}

/** A table already in the workbook (tables and defined names share one namespace in Excel). */
export interface ExistingTable {
  sheet: string;
  name: string;
}

const titleOf = (s: SheetValues) => cellText(s.values[0]?.[0] ?? null);

// A cohort build reads every sheet's header block once per candidate: read each once.
const headerCache = new WeakMap<SheetValues['values'], GridHeaderBlock>();
function headerOf(sheet: SheetValues): GridHeaderBlock {
  let h = headerCache.get(sheet.values);
  if (!h) {
    h = readHeaderBlock(sheet.values);
    headerCache.set(sheet.values, h);
  }
  return h;
}

interface CandidateSheet {
  sheet: SheetValues;
  header: GridHeaderBlock;
  record: CandidateRecord;
}

/**
 * The existing sheets that are this candidate's: by id when the request has one (sheets without an
 * id, under the same name, are theirs too unless another id claims that name), else by name ignoring
 * case and spacing. Two people who cannot be told apart are refused, never merged.
 */
export function findCandidateSheets(request: Pick<CandidateRequest, 'candidate' | 'candidateId' | 'assessor'>, existing: readonly SheetValues[]): Result<SheetValues[]> {
  const sheets: CandidateSheet[] = [];
  for (const sheet of existing) {
    const header = headerOf(sheet);
    if (header.candidate === undefined) continue;
    sheets.push({ sheet, header, record: { name: header.candidate, id: header.candidateId, assessor: header.assessor, where: `on sheet "${sheet.name}"` } });
  }
  const wanted: CandidateRecord = { name: request.candidate, id: request.candidateId, assessor: request.assessor, where: 'in this build' };
  const nameKey = candidateNameKey(wanted.name);
  const sameName = sheets.filter((s) => candidateNameKey(s.record.name) === nameKey);
  const ids = [...new Set(sameName.map((s) => candidateIdKey(s.record.id)).filter((k) => k !== ''))];
  const withoutId = sameName.filter((s) => candidateIdKey(s.record.id) === '');
  let mine: CandidateSheet[];
  if (candidateIdKey(wanted.id) !== '') {
    const byId = sheets.filter((s) => candidateIdKey(s.record.id) === candidateIdKey(wanted.id));
    const otherIds = ids.filter((k) => k !== candidateIdKey(wanted.id));
    // Sheets with no id under this name become this candidate's when no other id claims the name
    // (when one does, they are that candidate's: built before the id was known).
    mine = [...byId, ...(otherIds.length === 0 ? withoutId : [])];
  } else {
    if (ids.length > 1) {
      const [a, b] = ids.map((k) => sameName.find((s) => candidateIdKey(s.record.id) === k)!);
      return fail(problems.whichCandidate(wanted.name.trim(), describeCandidate(a!.record), describeCandidate(b!.record)));
    }
    mine = sameName;
  }
  const pair = indistinguishable([...mine.map((s) => s.record), wanted]);
  if (pair.length > 0) return fail(problems.badArgument(indistinguishableMessage(pair[0]!)));
  return ok(mine.map((s) => s.sheet));
}

/** The units a build makes grids for: the chosen ones with the mandatory ones first; an unknown code is a problem. */
function pathwayUnits(request: Pick<CandidateRequest, 'qualification' | 'units'>): Result<Unit[]> {
  const index = request.qualification;
  const plan = planPathway(index, request.units);
  if (plan.report.unknownUnits.length > 0) {
    const code = plan.report.unknownUnits[0]!;
    const first = index.findUnit(code);
    return fail(first.ok ? problems.unknownUnit(code, index.qualification.title, []) : first.problem);
  }
  return ok([...plan.mandatory, ...plan.report.units.filter((u) => !plan.mandatory.includes(u))]);
}

/** The candidate's existing grid for a unit of this qualification, rebuilt in place (its name kept). */
function previousGrid(mine: readonly SheetValues[], unit: Unit, q: CandidateRequest['qualification']['qualification']): SheetValues | undefined {
  return mine.find((s) => {
    const h = headerOf(s);
    return h.unit === unit.code && (h.qualificationId === q.id || h.qualification === q.title);
  });
}
const previousTracker = (mine: readonly SheetValues[]) => mine.find((s) => titleOf(s) === TRACKER_TITLE);
const previousIndex = (mine: readonly SheetValues[]) => mine.find((s) => titleOf(s) === EVIDENCE_INDEX_TITLE);

/**
 * The existing sheets (names lower-cased, as Excel compares them) that building `request` over
 * `existing` replaces: the candidate's grids for the pathway's units, their tracker and their index
 * of evidence. Known from the request without building, so the tables and names on those sheets
 * (the candidate's own) can be given to buildCandidateWorkbook as free in one pass.
 */
export function sheetsReplacedBy(request: CandidateRequest, existing: readonly SheetValues[]): Result<Set<string>> {
  const pathway = pathwayUnits(request);
  if (!pathway.ok) return pathway;
  const found = findCandidateSheets(request, existing);
  if (!found.ok) return found;
  const mine = found.value;
  const q = request.qualification.qualification;
  const sheets = [...pathway.value.map((u) => previousGrid(mine, u, q)), previousTracker(mine), previousIndex(mine)];
  return ok(new Set(sheets.flatMap((s) => (s ? [s.name.toLowerCase()] : []))));
}

/**
 * `existingTables` are the workbook's tables: those on sheets this build does not replace keep their
 * names, so a new table never takes one (the adapter would refuse the whole workbook).
 */
export function buildCandidateWorkbook(
  request: CandidateRequest,
  existing: readonly SheetValues[],
  takenNames: Set<string>,
  takenTables: TakenNames = new Set<string>(),
  existingTables: readonly ExistingTable[] = [],
): Result<CandidateBuild> {
  const { qualification: index } = request;
  const q = index.qualification;
  const pathway = pathwayUnits(request);
  if (!pathway.ok) return pathway;
  const units = pathway.value;
  const settings = request.settings ?? DEFAULT_SETTINGS;
  const requestedLayout = request.layout ?? 'evidenceRows';
  const sheets: SheetPlan[] = [];
  const names: WorkbookPlan['names'] = [];
  const changes: CandidateBuild['changes'] = [];
  const sources: GridEvidenceSource[] = [];
  const gridSheets: Record<string, string> = {};
  // Sheets this build replaces; tables on every other sheet keep their names.
  const replaced = new Set<string>();
  const keptTable = (lowerName: string) => existingTables.some((t) => t.name.toLowerCase() === lowerName && !replaced.has(t.sheet.toLowerCase()));
  // Names a new table or defined name may not take (asked of the index, never copied: a cohort's workbook holds thousands).
  const taken = { has: (name: string) => takenTables.has(name.toLowerCase()) || keptTable(name.toLowerCase()) };
  const found = findCandidateSheets(request, existing);
  if (!found.ok) return found;
  const mine = found.value;
  // The name as the sheets have it: a re-typed spelling updates the same sheets, under the same name.
  const headers = mine.map((s) => ({ sheet: s, header: headerOf(s) }));
  const onSheets = (headers.find((h) => titleOf(h.sheet) === TRACKER_TITLE) ?? headers[0])?.header.candidate;
  const candidate = onSheets ?? request.candidate.replace(/\s+/g, ' ').trim();
  const candidateId = request.candidateId?.trim() || headers.map((h) => h.header.candidateId).find((id) => id !== undefined && id.trim() !== '');
  const matchedAs = onSheets !== undefined && onSheets !== request.candidate ? onSheets : undefined;

  // Excel has 16,384 columns: a unit with more items than fit across a sheet is built as criteria rows, never cut short.
  if (requestedLayout === 'evidenceRows') {
    const tooWide = units.find((u) => unitItems(u).length > MAX_ITEM_COLUMNS);
    if (tooWide) {
      return fail(problems.unitTooWide(tooWide.code, unitItems(tooWide).length, MAX_ITEM_COLUMNS));
    }
  }
  for (const unit of units) {
    const previous = previousGrid(mine, unit, q);
    const name = previous ? previous.name : uniqueSheetName(candidate, takenNames, unit.code);
    gridSheets[unit.code] = name;
    replaced.add(name.toLowerCase());
    const subject = { qualification: q, unit, candidate, candidateId, assessor: request.assessor };
    // An existing grid keeps its layout: converting would risk the assessor's marks.
    const layout = previous ? gridLayoutOf(previous.values) : GRID_LAYOUTS[requestedLayout];
    const parsed = previous ? layout.read(previous.values, unit, { formulas: previous.formulas }) : undefined;
    if (parsed?.ok) sources.push(layout.evidenceSource(name, unit.code, parsed.value));
    // Rebuilt in place (rows and columns, or item rows, inserted or deleted), so the user's cells stay where they are.
    const built = layout.build(subject, name, settings, previous && parsed?.ok ? { values: previous.values, parsed: parsed.value } : undefined);
    sheets.push(built.sheet);
    changes.push({ sheet: name, unit: unit.code, layout: layout.name, changes: built.changes });
    if (built.evidence) {
      // The evidence area as a workbook name, for formulas and for people navigating the workbook.
      const name_ = uniqueName(definedName(`Evidence_${candidate}_${unit.code}`), taken, takenTables);
      const range: NamedRangePlan = {
        name: name_,
        range: { row: built.evidence.headerRow, col: 0, endRow: built.evidence.lastRow, endCol: built.evidence.lastCol },
        comment: `Evidence rows of ${candidate}'s grid for unit ${unit.code}`,
      };
      names.push({ ...range, sheet: name });
    }
  }

  const oldTracker = previousTracker(mine);
  const trackerName = oldTracker ? oldTracker.name : uniqueSheetName(candidate, takenNames, 'Tracker');
  const oldIndex = previousIndex(mine);
  const indexName = oldIndex ? oldIndex.name : uniqueSheetName(candidate, takenNames, 'Evidence');
  replaced.add(trackerName.toLowerCase()).add(indexName.toLowerCase());
  const trackerContent = oldTracker ? readTracker(oldTracker.values) : undefined;
  const tracker = buildTracker({
    sheetName: trackerName,
    index,
    candidate,
    candidateId,
    assessor: request.assessor,
    pathway: units.map((u) => u.code),
    gridSheets,
    existing: trackerContent?.ok ? trackerContent.value : undefined,
    // Updated in place: references to its cells, and the user's notes, links, fills and formulas, stay.
    previous: trackerContent?.ok ? oldTracker!.values : undefined,
    takenNames: taken,
  });
  for (const t of tracker.sheet.tables) takenTables.add(t.name.toLowerCase());
  // A unit the standard does not detail has nothing to mark: its grid shows the status recorded on the tracker.
  for (const unit of units) {
    const cell = tracker.statusCells.get(unit.code);
    const grid = sheets.find((s) => s.name === gridSheets[unit.code]);
    if (unitItems(unit).length > 0 || !cell || !grid) continue;
    // The block holding the status cell (a grid rebuilt in place has one block per run of cells).
    const block = grid.blocks.find((b) => STATUS_CELL.row >= b.row && STATUS_CELL.row < b.row + b.values.length && STATUS_CELL.col >= b.col && STATUS_CELL.col < b.col + (b.values[STATUS_CELL.row - b.row]?.length ?? 0));
    if (block) block.values[STATUS_CELL.row - block.row]![STATUS_CELL.col - block.col] = { formula: `=${quoteSheet(trackerName)}!${cell}` };
  }

  const indexContent = oldIndex ? readEvidenceIndex(oldIndex.values) : undefined;
  const evidenceIndex = buildEvidenceIndex({
    sheetName: indexName,
    candidate,
    candidateId,
    qualification: `${q.title} (${q.id})`,
    grids: sources,
    existing: indexContent?.ok ? indexContent.value : undefined,
    previous: indexContent?.ok ? oldIndex!.values : undefined,
    takenNames: taken,
  });
  for (const t of evidenceIndex.sheet.tables) takenTables.add(t.name.toLowerCase());
  sheets.push(tracker.sheet, evidenceIndex.sheet);
  return ok({ sheets, names, units, changes, tracker: trackerName, evidenceIndex: indexName, candidate, ...(candidateId ? { candidateId } : {}), ...(matchedAs ? { matchedAs } : {}) });
}

/** `base`, else base_2, base_3 ...: the first `taken` does not have; given out (added to `given`). */
function uniqueName(base: string, taken: NameLookup, given: TakenNames): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  given.add(name.toLowerCase());
  return name;
}

export function workbookPlan(sheets: SheetPlan[], names: WorkbookPlan['names'] = []): WorkbookPlan {
  return { sheets, names, dateFormat: 'dd/mm/yyyy' };
}

/** A formula reference to a cell on another sheet, quoted as Excel needs. */
export function sheetRef(sheet: string, a1: string): string {
  return `${quoteSheet(sheet)}!${a1}`;
}
