import { criteriaRowsCoverage, isCriteriaRowsSheet } from '../grid/criteriaRowsGrid';
import { groupCandidates, type CandidateRecord } from '../grid/candidateIdentity';
import { readHeaderBlock } from '../grid/readGrid';
import { checkRules, type RulesReport } from '../rules/rulesOfCombination';
import type { Catalog } from '../standards/catalog';
import { address } from '../workbook/plan';
import type { SheetValues } from '../workbook/sheetValues';
import { unitCoverage, type CoverageOptions } from './coverage';

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
  warnings: string[];
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
}

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

  constructor(
    private readonly catalog: Catalog,
    private readonly options: CoverageOptions = {},
  ) {}

  add(sheet: SheetValues): void {
    const header = readHeaderBlock(sheet.values);
    const qualificationCode = header.qualificationId ?? header.qualification;
    if (!qualificationCode || !header.unit) {
      this.otherSheets.push(sheet.name);
      return;
    }
    const found = this.catalog.findUnit(qualificationCode, header.unit);
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
    this.grids.push({
      record: { name: header.candidate ?? '(no candidate named)', id: header.candidateId, assessor: header.assessor, where: `on sheet "${sheet.name}"` },
      qualification: index.qualification.id,
      unit: {
        unit: unit.code,
        title: unit.title,
        sheet: sheet.name,
        complete: cov.value.complete,
        coverage: cov.value.coverage,
        missing: cov.value.missing,
        warnings: cov.value.warnings,
      },
    });
  }

  result(): WorkbookCheck {
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
    return { candidates, problems: problemsFound, otherSheets: [...this.otherSheets] };
  }
}

export function checkWorkbook(sheets: readonly SheetValues[], catalog: Catalog, options: CoverageOptions = {}): WorkbookCheck {
  const checker = new WorkbookChecker(catalog, options);
  for (const sheet of sheets) checker.add(sheet);
  return checker.result();
}
