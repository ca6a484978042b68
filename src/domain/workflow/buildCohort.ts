import { buildCandidateWorkbook, sheetsReplacedBy, workbookPlan, type CandidateBuild, type CandidateRequest, type GridLayoutName } from '../grid/candidateWorkbook';
import type { GridSettings } from '../grid/unitGrid';
import { ok, type Result } from '../problems';
import { pathwayWarning } from '../rules/pathwayWarning';
import type { QualificationIndex } from '../standards/catalog';
import type { WorkbookPlan } from '../workbook/plan';
import { WorkbookNames, type ExistingNames, type NameClash } from '../workbook/preflight';
import type { SheetValues } from '../workbook/sheetValues';
import type { ListedCandidate } from './candidateList';

/*
 * Building a cohort: the loop `vq-matrix build`, the task pane and the test fixtures share. Per
 * candidate: which sheets are theirs, which sheet, table and defined names are taken, the build,
 * and what it changed, in words. The shells keep only their I/O (reading the sheets, applying the
 * plans, printing or showing the report).
 */

export interface CohortRequest {
  qualification: QualificationIndex;
  /** Units in any code form; mandatory units are added by the domain. */
  units: readonly string[];
  layout?: GridLayoutName;
  settings?: GridSettings;
}

export interface CandidatePlanned {
  /** The plan for this candidate's sheets and names. */
  plan: WorkbookPlan;
  build: CandidateBuild;
  /** The plan's sheets: those already in the workbook are rebuilt in place, the others are new. */
  sheets: string[];
  /** Sheets of the plan the workbook did not have. */
  newSheets: string[];
  /** New grid sheets (a cohort summary has a column per unit: it does not show them yet). */
  newGrids: string[];
  /** The candidate had sheets already: a rebuild in place. */
  rebuilt: boolean;
  /** Tables and names of the plan the workbook already gives to something the plan does not replace (see preflight.ts). */
  clashes: NameClash[];
  /** What the build does, in lines as both shells show them: the spelling matched, then a line per grid. */
  report: string[];
}

/**
 * A cohort build over one workbook, candidate by candidate. It keeps the workbook's names as they
 * will be once each planned candidate is applied, so a later candidate never takes an earlier one's
 * sheet, table or defined name. One pass per candidate: the sheets it replaces are known from the
 * request (sheetsReplacedBy), so their tables and names are free to be used again without a trial build.
 */
export class CohortBuild {
  private readonly names: WorkbookNames;
  /** Sheet names given out so far (the builder adds each new one). */
  private readonly takenSheets: Set<string>;

  /** `workbookLabel` names the workbook in the report ("jane.xlsx", "this workbook"). */
  constructor(
    readonly request: CohortRequest,
    workbook: ExistingNames,
    private readonly workbookLabel = 'this workbook',
  ) {
    this.names = new WorkbookNames(workbook);
    this.takenSheets = new Set(workbook.sheets);
  }

  /** The workbook's sheets once every candidate planned so far is applied (the list itself: do not change it). */
  get sheets(): readonly string[] {
    return this.names.sheets;
  }

  /** The workbook's sheets, tables and names once every candidate planned so far is applied (a copy). */
  get workbook(): ExistingNames {
    return this.names.snapshot();
  }

  /**
   * Said before building (and still built), when the pathway cannot meet the rules of combination;
   * null when it can or when a unit is unknown (the build then refuses it).
   */
  pathwayWarning(): string | null {
    const { qualification, units } = this.request;
    return units.every((u) => qualification.findUnit(u).ok) ? pathwayWarning(qualification, units) : null;
  }

  /**
   * Plans one candidate over `existing` (the workbook's sheets that may be theirs: all of them, or
   * those a shell chose to read). The workbook's names then count the plan as applied. `pathway`
   * gives this candidate units (and a layout) of their own.
   */
  candidate(c: ListedCandidate, existing: readonly SheetValues[], pathway?: Pick<CohortRequest, 'units' | 'layout'>): Result<CandidatePlanned> {
    const { qualification, settings } = this.request;
    const { units, layout } = pathway ?? this.request;
    const id = c.id?.trim();
    const request: CandidateRequest = {
      qualification,
      candidate: c.name,
      ...(id ? { candidateId: id } : {}),
      ...(c.assessor?.trim() ? { assessor: c.assessor } : {}),
      units,
      ...(layout ? { layout } : {}),
      ...(settings ? { settings } : {}),
    };
    const replaced = sheetsReplacedBy(request, existing);
    if (!replaced.ok) return replaced;
    const built = buildCandidateWorkbook(request, existing, this.takenSheets, this.names.taken(replaced.value));
    if (!built.ok) return built;
    const plan = workbookPlan(built.value.sheets, built.value.names);
    const isNew = new Map(plan.sheets.map((s) => [s.name, !this.names.hasSheet(s.name)]));
    const clashes = this.names.clashes(plan);
    this.names.apply(plan);
    const sheets = plan.sheets.map((s) => s.name);
    const newSheets = sheets.filter((s) => isNew.get(s));
    const newGrids = plan.sheets.filter((s) => (s.role === 'unitGrid' || s.role === 'criteriaRows') && isNew.get(s.name)).map((s) => s.name);
    const matched = built.value.matchedAs;
    const report = [
      ...(matched !== undefined ? [`"${c.name}" is "${matched}" already in ${this.workbookLabel} (case and spacing ignored${id ? ', same candidate id' : ''}): updated those sheets, name kept as written there.`] : []),
      ...built.value.changes.map(describeChanges),
    ];
    return ok({ plan, build: built.value, sheets, newSheets, newGrids, rebuilt: newSheets.length < sheets.length, clashes, report });
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per grid of what a build did: "Jane Smith 203: unit 4430-203; kept 2 evidence rows and 4 marks; added 1.4". */
export function describeChanges(c: CandidateBuild['changes'][number]): string {
  const ch = c.changes;
  const what = [
    ch.evidenceRowsKept > 0 ? `kept ${plural(ch.evidenceRowsKept, 'evidence row')} and ${plural(ch.marksKept, 'mark')}` : '',
    ch.added.length ? `added ${ch.added.join(', ')}` : '',
    ch.removed.length ? `removed ${ch.removed.join(', ')}` : '',
    ch.reworded.length ? `re-worded ${ch.reworded.join(', ')}` : '',
    ch.marksMovedToRemoved.length ? `marks under ${ch.marksMovedToRemoved.join(', ')} kept in "No longer in standard" columns` : '',
  ].filter(Boolean);
  return `${c.sheet}: unit ${c.unit}${what.length ? `; ${what.join('; ')}` : ''}`;
}
