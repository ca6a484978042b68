import { groupCandidates, candidateNameKey, type CandidateRecord } from '../grid/candidateIdentity';
import { gridCoverage } from '../grid/gridLayouts';
import { cellText, readHeaderBlock } from '../grid/readGrid';
import { readTracker, TRACKER_TITLE } from '../grid/trackerSheet';
import { checkRules, type RulesReport } from '../rules/rulesOfCombination';
import type { Catalog } from '../standards/catalog';
import { catalogWith, isCentreStandardsSheet, skippedNote } from '../standards/centreStandardsCore';
import type { Result } from '../problems';
import type { Qualification } from '../standards/schema';
import { address } from '../workbook/plan';
import { serialToIsoDate, type SheetValues } from '../workbook/sheetValues';
import { type CoverageOptions, type UnrecognisedEntry } from './coverage';
import { statusWord, unitStatusOf, UNIT_STATUS, type StatusWord, type UnitStatus } from './unitStatus';

/*
 * Checking a whole workbook: every sheet whose header block names a qualification and unit is a
 * grid; grids are grouped by candidate. The shape below is the documented `check --json` contract.
 */

export interface UnitCheck {
  unit: string;
  title: string;
  sheet: string;
  /** The same words the grid's status cell shows (lower case). */
  status: StatusWord;
  complete: boolean;
  coverage: number;
  missing: string[];
  /** Mark and decision cells the vocabulary does not know: not counted (cell on `sheet`, value as typed). */
  unrecognised: UnrecognisedEntry[];
  /** Items with marks on rows the assessor has not yet judged. */
  claimed: string[];
  /** Items still needed that have marks on referred rows. */
  referred: string[];
  warnings: string[];
  /** Only for a unit the standard does not detail: its achievement as recorded on the tracker, or null. */
  achievement?: Achievement | null;
}

/** A not-detailed unit's achievement, as the assessor recorded it on the tracker. */
export interface Achievement {
  assessor: string;
  /** Date completed: "yyyy-mm-dd" when a date, else the text typed. */
  date: string;
  sheet: string;
}

export interface CandidateCheck {
  candidate: string;
  /** ULN, SCN or registration number, when the sheets carry one. */
  candidateId?: string;
  qualification: string;
  units: UnitCheck[];
  /** Credit of the complete units. */
  credits: number;
  /** Rules of combination over the complete units: is the qualification achieved? */
  rules: { met: boolean; status: RulesReport['status']; unmet: string[]; cannotCheck: string[] };
  /** Rules over every unit with a grid (the planned pathway). */
  pathway: { met: boolean; status: RulesReport['status']; unmet: string[]; cannotCheck: string[] };
}

export interface WorkbookCheck {
  candidates: CandidateCheck[];
  /** Sheets that look like grids but could not be read, with why (sheet, and cell where known). */
  problems: { sheet: string; cell?: string; message: string }[];
  /** Sheets that are not grids (trackers, indexes, anything else): listed, not errors. */
  otherSheets: string[];
  /** Worth knowing, not wrong: e.g. the workbook was built from another version of a centre qualification. */
  notes: string[];
}

/** The tracker's Assessor and Date completed, both filled, record a not-detailed unit's achievement. */
function trackerAchievements(sheet: SheetValues, catalog: Catalog): { key: string; units: Map<string, Achievement> } | undefined {
  if (cellText(sheet.values[0]?.[0] ?? null) !== TRACKER_TITLE) return undefined;
  const header = readHeaderBlock(sheet.values);
  const q = catalog.findQualification(header.qualificationId ?? header.qualification ?? '');
  const read = readTracker(sheet.values);
  if (!q.ok || !read.ok || header.candidate === undefined) return undefined;
  const units = new Map<string, Achievement>();
  for (const row of read.value.rows) {
    const found = q.value.findUnit(row.unitCode);
    const assessor = cellText(row.values.get('assessor') ?? null);
    const date = row.values.get('dateCompleted') ?? null;
    if (!found.ok || assessor === '' || cellText(date) === '') continue;
    units.set(found.value.code, { assessor, date: typeof date === 'number' ? serialToIsoDate(date) : cellText(date), sheet: sheet.name });
  }
  return { key: `${candidateNameKey(header.candidate)}\u0000${q.value.qualification.id}`, units };
}

const NOT_DETAILED_NOTE = (unit: string) =>
  `Unit ${unit} is not detailed in the standard: record its achievement (Assessor and Date completed) on the candidate's unit progress record.`;

const rulesSummary = (r: RulesReport) => ({ met: r.met, status: r.status, unmet: r.unmet, cannotCheck: r.cannotCheck });

/**
 * Checks sheets one at a time (so a streaming reader can hand them over and forget them), then
 * groups the grids by candidate.
 */
export class WorkbookChecker {
  /** Grids in sheet order, grouped by candidate at the end (an id on a later sheet can claim earlier ones). */
  private readonly grids: { record: CandidateRecord; qualification: string; unit: UnitCheck }[] = [];
  private readonly problemsFound: WorkbookCheck['problems'] = [];
  private readonly otherSheets: string[] = [];
  private readonly notes: string[] = [];
  /** Grids of a qualification not yet known: the workbook's centre standards sheet may come later. */
  private deferred: SheetValues[] = [];
  private centreSeen = false;
  private readonly achievements = new Map<string, Map<string, Achievement>>();

  constructor(
    private catalog: Catalog,
    private readonly options: CoverageOptions = {},
    /** For centre qualifications the workbook carries: which ids are bundled (never replaced). */
    private readonly isBundled: (id: string) => boolean = () => false,
    /**
     * Reads the workbook's centre standards sheet (centreStandards.ts: it needs the schema validator,
     * so it is handed in by those who have it loaded). Absent: the sheet is passed over.
     */
    private readonly readCentre?: (sheet: SheetValues) => Result<Qualification[]>,
  ) {}

  add(sheet: SheetValues): void {
    if (isCentreStandardsSheet(sheet)) {
      this.addCentreStandards(sheet);
      return;
    }
    const header = readHeaderBlock(sheet.values);
    const qualificationCode = header.qualificationId ?? header.qualification;
    if (!qualificationCode || !header.unit) {
      const tracker = trackerAchievements(sheet, this.catalog);
      if (tracker) this.achievements.set(tracker.key, new Map([...(this.achievements.get(tracker.key) ?? []), ...tracker.units]));
      this.otherSheets.push(sheet.name);
      return;
    }
    const found = this.catalog.findUnit(qualificationCode, header.unit);
    if (!found.ok && found.problem.kind === 'unknownQualification' && !this.centreSeen) {
      this.deferred.push(sheet);
      return;
    }
    if (!found.ok) {
      const where = found.problem.kind === 'unknownQualification' ? (header.at?.qualificationId ?? header.at?.qualification) : header.at?.unit;
      this.problemsFound.push({ sheet: sheet.name, ...(where ? { cell: address(where) } : {}), message: found.problem.message });
      return;
    }
    const { index, unit } = found.value;
    // Either layout: criteria as columns (evidence rows) or criteria as rows (recording form).
    const cov = gridCoverage(sheet.values, unit, this.options, sheet.formulas);
    if (!cov.ok) {
      this.problemsFound.push({ sheet: sheet.name, message: cov.problem.message });
      return;
    }
    this.grids.push({
      record: { name: header.candidate ?? '(no candidate named)', id: header.candidateId, assessor: header.assessor, where: `on sheet "${sheet.name}"` },
      qualification: index.qualification.id,
      unit: {
        unit: unit.code,
        title: unit.title,
        sheet: sheet.name,
        complete: cov.value.complete,
        coverage: cov.value.coverage,
        status: statusWord(unitStatusOf(cov.value)),
        missing: cov.value.missing,
        unrecognised: cov.value.unrecognised,
        claimed: cov.value.awaitingDecision,
        referred: cov.value.items.filter((i) => i.state !== 'covered' && i.referred.length > 0).map((i) => i.item.code),
        warnings: cov.value.warnings,
        ...(cov.value.items.length === 0 ? { achievement: null } : {}),
      },
    });
  }

  private addCentreStandards(sheet: SheetValues): void {
    this.centreSeen = true;
    const read = this.readCentre?.(sheet);
    if (read && !read.ok) {
      this.problemsFound.push({ sheet: sheet.name, message: read.problem.message });
    } else if (read) {
      const merged = catalogWith(this.catalog, read.value, this.isBundled);
      this.catalog = merged.catalog;
      for (const s of merged.skipped) {
        const note = skippedNote(s, 'This workbook');
        if (note) this.notes.push(note);
      }
    }
    const waiting = this.deferred;
    this.deferred = [];
    for (const grid of waiting) this.add(grid);
  }

  result(): WorkbookCheck {
    this.centreSeen = true;
    const waiting = this.deferred;
    this.deferred = [];
    for (const grid of waiting) this.add(grid);
    const candidates: CandidateCheck[] = [];
    // Candidates are compared as everywhere else (candidateIdentity): by id, else name ignoring case and spacing.
    const grouped = groupCandidates(this.grids.map((g) => g.record));
    const problemsFound = [...this.problemsFound, ...grouped.problems.map((p) => ({ sheet: this.grids[p.at]!.unit.sheet, message: p.message }))];
    const byCandidate = new Map<string, { candidate: string; candidateId?: string; qualification: string; units: UnitCheck[] }>();
    this.grids.forEach((g, i) => {
      const key = `${grouped.keys[i]}\u0000${g.qualification}`;
      const entry = byCandidate.get(key) ?? { candidate: g.record.name, qualification: g.qualification, units: [] };
      entry.candidateId ??= g.record.id;
      entry.units.push(g.unit);
      byCandidate.set(key, entry);
    });
    for (const entry of byCandidate.values()) {
      const index = this.catalog.findQualification(entry.qualification);
      if (!index.ok) continue; // found when the sheet was added, so always ok
      // A unit the standard does not detail is complete once the tracker records its achievement.
      const recorded = this.achievements.get(`${candidateNameKey(entry.candidate)}\u0000${entry.qualification}`);
      for (const u of entry.units) {
        if (u.achievement === undefined) continue;
        u.achievement = recorded?.get(u.unit) ?? null;
        const status: UnitStatus = u.achievement ? UNIT_STATUS.complete : UNIT_STATUS.notStarted;
        Object.assign(u, { status: statusWord(status), complete: u.achievement !== null, coverage: u.achievement ? 1 : 0 });
        if (!u.achievement && !u.warnings.includes(NOT_DETAILED_NOTE(u.unit))) u.warnings.push(NOT_DETAILED_NOTE(u.unit));
      }
      const completeUnits = entry.units.filter((u) => u.complete).map((u) => u.unit);
      const achieved = checkRules(index.value, completeUnits);
      const planned = checkRules(index.value, entry.units.map((u) => u.unit));
      candidates.push({
        candidate: entry.candidate,
        ...(entry.candidateId !== undefined ? { candidateId: entry.candidateId } : {}),
        qualification: entry.qualification,
        units: entry.units,
        credits: achieved.credits.total,
        rules: rulesSummary(achieved),
        pathway: rulesSummary(planned),
      });
    }
    return { candidates, problems: problemsFound, otherSheets: [...this.otherSheets], notes: [...this.notes] };
  }
}

export function checkWorkbook(sheets: readonly SheetValues[], catalog: Catalog, options: CoverageOptions = {}, isBundled?: (id: string) => boolean): WorkbookCheck {
  const checker = new WorkbookChecker(catalog, options, isBundled);
  for (const sheet of sheets) checker.add(sheet);
  return checker.result();
}
