import { criteriaRowsCoverage, isCriteriaRowsSheet } from '../grid/criteriaRowsGrid';
import { readHeaderBlock } from '../grid/readGrid';
import { checkRules, type RulesReport } from '../rules/rulesOfCombination';
import type { Catalog } from '../standards/catalog';
import { catalogWith, isCentreStandardsSheet, readCentreStandards, skippedNote } from '../standards/centreStandards';
import { address } from '../workbook/plan';
import type { SheetValues } from '../workbook/sheetValues';
import { unitCoverage, type CoverageOptions, type UnrecognisedEntry } from './coverage';

/*
 * Checking a whole workbook: every sheet whose header block names a qualification and unit is a
 * grid; grids are grouped by candidate. The shape below is the documented `check --json` contract.
 */

export interface UnitCheck {
  unit: string;
  title: string;
  sheet: string;
  complete: boolean;
  coverage: number;
  missing: string[];
  /** Mark and decision cells the vocabulary does not know: not counted (cell on `sheet`, value as typed). */
  unrecognised: UnrecognisedEntry[];
  warnings: string[];
}

export interface CandidateCheck {
  candidate: string;
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

const rulesSummary = (r: RulesReport) => ({ met: r.met, status: r.status, unmet: r.unmet, cannotCheck: r.cannotCheck });

/**
 * Checks sheets one at a time (so a streaming reader can hand them over and forget them), then
 * groups the grids by candidate.
 */
export class WorkbookChecker {
  private readonly byCandidate = new Map<string, { qualification: string; units: UnitCheck[] }>();
  private readonly problemsFound: WorkbookCheck['problems'] = [];
  private readonly otherSheets: string[] = [];
  private readonly notes: string[] = [];
  /** Grids of a qualification not yet known: the workbook's centre standards sheet may come later. */
  private deferred: SheetValues[] = [];
  private centreSeen = false;

  constructor(
    private catalog: Catalog,
    private readonly options: CoverageOptions = {},
    /** For centre qualifications the workbook carries: which ids are bundled (never replaced). */
    private readonly isBundled: (id: string) => boolean = () => false,
  ) {}

  add(sheet: SheetValues): void {
    if (isCentreStandardsSheet(sheet)) {
      this.addCentreStandards(sheet);
      return;
    }
    const header = readHeaderBlock(sheet.values);
    const qualificationCode = header.qualificationId ?? header.qualification;
    if (!qualificationCode || !header.unit) {
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
    const cov = isCriteriaRowsSheet(sheet.values) ? criteriaRowsCoverage(sheet.values, unit, this.options) : unitCoverage(sheet.values, unit, this.options);
    if (!cov.ok) {
      this.problemsFound.push({ sheet: sheet.name, message: cov.problem.message });
      return;
    }
    const candidate = header.candidate ?? '(no candidate named)';
    const key = `${candidate}\u0000${index.qualification.id}`;
    const entry = this.byCandidate.get(key) ?? { qualification: index.qualification.id, units: [] };
    entry.units.push({
      unit: unit.code,
      title: unit.title,
      sheet: sheet.name,
      complete: cov.value.complete,
      coverage: cov.value.coverage,
      missing: cov.value.missing,
      unrecognised: cov.value.unrecognised,
      warnings: cov.value.warnings,
    });
    this.byCandidate.set(key, entry);
  }

  private addCentreStandards(sheet: SheetValues): void {
    this.centreSeen = true;
    const read = readCentreStandards([sheet]);
    if (!read.ok) {
      this.problemsFound.push({ sheet: sheet.name, message: read.problem.message });
    } else {
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
    for (const [key, entry] of this.byCandidate) {
      const index = this.catalog.findQualification(entry.qualification);
      if (!index.ok) continue; // found when the sheet was added, so always ok
      const completeUnits = entry.units.filter((u) => u.complete).map((u) => u.unit);
      const achieved = checkRules(index.value, completeUnits);
      const planned = checkRules(index.value, entry.units.map((u) => u.unit));
      candidates.push({
        candidate: key.split('\u0000')[0]!,
        qualification: entry.qualification,
        units: entry.units,
        credits: achieved.credits.total,
        rules: rulesSummary(achieved),
        pathway: rulesSummary(planned),
      });
    }
    return { candidates, problems: [...this.problemsFound], otherSheets: [...this.otherSheets], notes: [...this.notes] };
  }
}

export function checkWorkbook(sheets: readonly SheetValues[], catalog: Catalog, options: CoverageOptions = {}, isBundled?: (id: string) => boolean): WorkbookCheck {
  const checker = new WorkbookChecker(catalog, options, isBundled);
  for (const sheet of sheets) checker.add(sheet);
  return checker.result();
}
