import { criteriaRowsCoverage, isCriteriaRowsSheet } from '../grid/criteriaRowsGrid';
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

export function checkWorkbook(sheets: readonly SheetValues[], catalog: Catalog, options: CoverageOptions = {}): WorkbookCheck {
  const byCandidate = new Map<string, { qualification: string; units: UnitCheck[] }>();
  const problemsFound: WorkbookCheck['problems'] = [];
  const otherSheets: string[] = [];
  for (const sheet of sheets) {
    const header = readHeaderBlock(sheet.values);
    const qualificationCode = header.qualificationId ?? header.qualification;
    if (!qualificationCode || !header.unit) {
      otherSheets.push(sheet.name);
      continue;
    }
    const found = catalog.findUnit(qualificationCode, header.unit);
    if (!found.ok) {
      const where = found.problem.kind === 'unknownQualification' ? (header.at?.qualificationId ?? header.at?.qualification) : header.at?.unit;
      problemsFound.push({ sheet: sheet.name, ...(where ? { cell: address(where) } : {}), message: found.problem.message });
      continue;
    }
    const { index, unit } = found.value;
    // Either layout: criteria as columns (evidence rows) or criteria as rows (recording form).
    const cov = isCriteriaRowsSheet(sheet.values) ? criteriaRowsCoverage(sheet.values, unit, options) : unitCoverage(sheet.values, unit, options);
    if (!cov.ok) {
      problemsFound.push({ sheet: sheet.name, message: cov.problem.message });
      continue;
    }
    const candidate = header.candidate ?? '(no candidate named)';
    const key = `${candidate}\u0000${index.qualification.id}`;
    const entry = byCandidate.get(key) ?? { qualification: index.qualification.id, units: [] };
    entry.units.push({
      unit: unit.code,
      title: unit.title,
      sheet: sheet.name,
      complete: cov.value.complete,
      coverage: cov.value.coverage,
      missing: cov.value.missing,
      warnings: cov.value.warnings,
    });
    byCandidate.set(key, entry);
  }
  const candidates: CandidateCheck[] = [];
  for (const [key, entry] of byCandidate) {
    const index = catalog.findQualification(entry.qualification);
    if (!index.ok) continue; // found above, so always ok
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
  return { candidates, problems: problemsFound, otherSheets };
}
