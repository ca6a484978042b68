import type { CoverageOptions, UnitCoverage, UnrecognisedEntry } from '../coverage/coverage';
import { checkWorkbook, type WorkbookCheck } from '../coverage/workbookCheck';
import type { GridEvidence, GridLayoutName } from '../grid/gridLayout';
import { gridLayoutOf } from '../grid/gridLayouts';
import type { GridHeaderBlock } from '../grid/readGrid';
import { SheetDirectory, type SheetKind } from '../grid/sheetDirectory';
import { normaliseCode, type Catalog } from '../standards/catalog';
import { unitItems } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import type { SheetValues } from '../workbook/sheetValues';
import { statusFromWord, type UnitStatus } from '../coverage/unitStatus';

/*
 * The cohort read back: every candidate's grids (in either layout, through GridLayout), with what
 * coordinators and internal verifiers need across a cohort: per unit its status, coverage,
 * assessor and evidence rows (method, location = assessment site, decision); per candidate credits
 * and rules of combination as `check` reports them. cohortSummary.ts reports it and builds the sheet.
 */

export type { UnitStatus } from '../coverage/unitStatus';

/** One evidence row of a grid (a ref on a criteria-rows sheet), as sampling sees it. */
export type CohortEvidence = GridEvidence;

export interface CohortUnit {
  unit: string;
  title: string;
  /** Every code the unit is known by (for matching hand-typed codes). */
  codes: string[];
  /** Position in the qualification's unit list: units are shown in qualification order. */
  order: number;
  credit: number | null;
  sheet: string;
  layout: GridLayoutName;
  status: UnitStatus;
  /** False for a unit the standard gives no items for (its achievement is recorded on the tracker). */
  detailed: boolean;
  complete: boolean;
  coverage: number;
  missing: string[];
  /** Mark and decision cells the vocabulary does not know (not counted), with their cell on `sheet`. */
  unrecognised: UnrecognisedEntry[];
  /** The grid's own Assessor (header block), else the candidate's. */
  assessor: string;
  lastEvidenceDate: number | null;
  evidence: CohortEvidence[];
  /** The grid's evidence date column, absolute A1 without the sheet ("$B$15:$B$54"), for live formulas. */
  dateRange: string | null;
}

export interface CohortCandidate {
  candidate: string;
  /** ULN, SCN or registration number, when the sheets carry one. */
  candidateId?: string;
  /** Qualification id. */
  qualification: string;
  qualificationTitle: string;
  minimumCredits: number | null;
  /** The tracker's Assessor, else the grids' assessors joined with "; ". */
  assessor: string;
  /** The file the candidate's grids were read from (CLI over many files). */
  file?: string;
  units: CohortUnit[];
  /** Credit of the complete units (as `check` reports it). */
  credits: number;
  /** Rules of combination over the complete units, judged when the cohort was read. */
  rules: { met: boolean; status: 'met' | 'unmet' | 'cannotCheck'; unmet: string[]; cannotCheck: string[] };
  tracker?: string;
  evidenceIndex?: string;
}

export interface Cohort {
  candidates: CohortCandidate[];
  problems: { file?: string; sheet: string; cell?: string; message: string }[];
}

const NO_ASSESSOR = '';


export interface GridRead {
  coverage: UnitCoverage;
  layout: CohortUnit['layout'];
  evidence: CohortEvidence[];
  dateRange: string | null;
  assessor?: string;
}

/** Parse one grid sheet (either layout) for its coverage and its evidence rows; undefined if it cannot be read. */
export function readGridEvidence(sheet: SheetValues, unit: Unit, options: CoverageOptions = {}): GridRead | undefined {
  const layout = gridLayoutOf(sheet.values);
  const parsed = layout.read(sheet.values, unit, { formulas: sheet.formulas });
  if (!parsed.ok) return undefined;
  const { evidence, dateRange } = layout.evidence(parsed.value, sheet.values);
  return { coverage: layout.coverage(parsed.value, unit, options), layout: layout.name, evidence, dateRange, assessor: layout.header(parsed.value).assessor };
}

/**
 * Read a workbook's grids as a cohort. `check` may be passed when the caller has already checked
 * the sheets (its credits and rules are used as they are); `file` labels every candidate.
 */
export function readCohort(
  sheets: readonly SheetValues[],
  catalog: Catalog,
  options: CoverageOptions & { file?: string; check?: WorkbookCheck } = {},
): Cohort {
  const checked = options.check ?? checkWorkbook(sheets, catalog, options);
  // Each sheet's header block read once: a candidate's tracker and index are then found by look-up.
  const directory = new SheetDirectory(sheets);
  const candidates: CohortCandidate[] = [];
  const problemsFound: Cohort['problems'] = checked.problems.map((p) => ({ ...(options.file !== undefined ? { file: options.file } : {}), ...p }));
  for (const c of checked.candidates) {
    const found = catalog.findQualification(c.qualification);
    if (!found.ok) continue; // checkWorkbook found it, so never
    const index = found.value;
    const q = index.qualification;
    const units: CohortUnit[] = [];
    for (const u of c.units) {
      const sheet = directory.get(u.sheet)?.sheet;
      const unit = index.unitByCode.get(u.unit);
      if (!sheet || !unit) continue;
      const read = readGridEvidence(sheet, unit, options);
      if (!read) continue; // checkWorkbook read it, so never
      units.push({
        unit: unit.code,
        title: unit.title,
        codes: [unit.code, ...unit.codes.map((x) => x.code)],
        order: q.units.indexOf(unit),
        credit: unit.credit,
        sheet: sheet.name,
        layout: read.layout,
        // As `check` judged it (a unit the standard does not detail is complete once the tracker records it).
        status: statusFromWord(u.status),
        detailed: unitItems(unit).length > 0,
        complete: u.complete,
        coverage: u.coverage,
        missing: u.missing,
        unrecognised: read.coverage.unrecognised,
        assessor: read.assessor ?? NO_ASSESSOR,
        lastEvidenceDate: read.coverage.lastEvidenceDate,
        evidence: read.evidence,
        dateRange: read.dateRange,
      });
    }
    units.sort((a, b) => a.order - b.order);
    const mine = (role: SheetKind, qualificationMatches: (h: GridHeaderBlock) => boolean) => {
      const theirs = directory.ofCandidate(c.candidate, c.candidateId).filter((e) => e.role === role && qualificationMatches(e.header));
      // Two people check could not tell apart are kept apart by spelling: each gets the sheet spelt as theirs.
      return theirs.find((e) => e.candidate === c.candidate) ?? theirs[0];
    };
    const trackerEntry = mine('tracker', (h) => h.qualificationId === undefined || h.qualificationId === q.id);
    const indexEntry = mine('evidenceIndex', (h) => h.qualification === undefined || h.qualification.includes(q.id) || h.qualification === q.title);
    const tracker = trackerEntry?.sheet;
    const evidenceIndex = indexEntry?.sheet;
    const trackerAssessor = trackerEntry?.header.assessor;
    const gridAssessors = [...new Set(units.map((u) => u.assessor).filter((a) => a !== ''))];
    const assessor = trackerAssessor ?? gridAssessors.join('; ');
    // A unit's assessor is its grid's; a grid that names none is the candidate's assessor's.
    for (const u of units) if (u.assessor === '') u.assessor = trackerAssessor ?? (gridAssessors.length === 1 ? gridAssessors[0]! : '');
    candidates.push({
      candidate: c.candidate,
      ...(c.candidateId !== undefined ? { candidateId: c.candidateId } : {}),
      qualification: q.id,
      qualificationTitle: q.title,
      minimumCredits: q.minimumCredits,
      assessor,
      ...(options.file !== undefined ? { file: options.file } : {}),
      units,
      credits: c.credits,
      rules: { met: c.rules.met, status: c.rules.status, unmet: c.rules.unmet, cannotCheck: c.rules.cannotCheck },
      ...(tracker ? { tracker: tracker.name } : {}),
      ...(evidenceIndex ? { evidenceIndex: evidenceIndex.name } : {}),
    });
  }
  return { candidates, problems: problemsFound };
}

/** Several workbooks' cohorts as one (candidates in file order). */
export function mergeCohorts(cohorts: readonly Cohort[]): Cohort {
  return { candidates: cohorts.flatMap((c) => c.candidates), problems: cohorts.flatMap((c) => c.problems) };
}

/** Units match by any code they are known by, ignoring case and spaces ("203" is 4430-203). */
export function unitMatches(unit: Pick<CohortUnit, 'codes'>, code: string): boolean {
  const key = normaliseCode(code);
  return key !== '' && unit.codes.some((c) => normaliseCode(c) === key);
}

/** Credits still needed to the qualification's minimum, or null where the standard states none. */
export function creditsStillNeeded(c: Pick<CohortCandidate, 'minimumCredits' | 'credits'>): number | null {
  return c.minimumCredits === null ? null : Math.max(0, c.minimumCredits - c.credits);
}

/** The rules result as one line: "Met", or each unmet rule and each that cannot be checked. */
export function rulesText(rules: CohortCandidate['rules']): string {
  if (rules.met) return 'Met';
  return [...rules.unmet.map((m) => `Not met: ${m}`), ...rules.cannotCheck.map((m) => (/^cannot be checked/i.test(m) ? `C${m.slice(1)}` : `Cannot be checked: ${m}`))].join('; ');
}
