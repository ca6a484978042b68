import { planPathway } from '../rules/rulesOfCombination';
import type { QualificationIndex } from '../standards/catalog';
import type { Unit } from '../standards/schema';
import { fail, ok, type Result } from '../problems';
import type { SheetPlan, WorkbookPlan } from '../workbook/plan';
import { uniqueSheetName } from '../workbook/names';
import type { SheetValues } from '../workbook/sheetValues';
import type { GridChanges } from './gridContent';
import { parseGrid, readHeaderBlock } from './readGrid';
import { buildUnitGrid, DEFAULT_SETTINGS, type GridSettings } from './unitGrid';

export interface CandidateRequest {
  qualification: QualificationIndex;
  candidate: string;
  assessor?: string;
  /** Units in any code form; mandatory units are added automatically. */
  units: readonly string[];
  settings?: GridSettings;
}

export interface CandidateBuild {
  sheets: SheetPlan[];
  units: Unit[];
  /** Per grid sheet: what a rebuild changed (empty for new sheets). */
  changes: { sheet: string; unit: string; changes: GridChanges }[];
}

/**
 * One candidate's grids, one per unit of the pathway (mandatory units added). Where the workbook
 * already has the candidate's grid for a unit, its evidence rows and marks are carried into the new one.
 */
export function buildCandidateGrids(request: CandidateRequest, existing: readonly SheetValues[], takenNames: Set<string>): Result<CandidateBuild> {
  const { qualification: index, candidate } = request;
  const plan = planPathway(index, request.units);
  if (plan.report.unknownUnits.length > 0) {
    const first = index.findUnit(plan.report.unknownUnits[0]!);
    return fail(first.ok ? { kind: 'unknownUnit', message: `Unknown unit ${plan.report.unknownUnits[0]}` } : first.problem);
  }
  const units = [...plan.mandatory, ...plan.report.units.filter((u) => !plan.mandatory.includes(u))];
  const settings = request.settings ?? DEFAULT_SETTINGS;
  const sheets: SheetPlan[] = [];
  const changes: CandidateBuild['changes'] = [];
  for (const unit of units) {
    const previous = existing.find((s) => {
      const h = readHeaderBlock(s.values);
      return h.candidate === candidate && h.unit === unit.code && (h.qualificationId === index.qualification.id || h.qualification === index.qualification.title);
    });
    const name = previous ? previous.name : uniqueSheetName(candidate, takenNames, unit.code);
    const parsed = previous ? parseGrid(previous.values, unit) : undefined;
    const content = parsed?.ok ? parsed.value.content : undefined;
    const built = buildUnitGrid({ qualification: index.qualification, unit, candidate, assessor: request.assessor }, name, settings, content);
    sheets.push(built.sheet);
    changes.push({ sheet: name, unit: unit.code, changes: built.changes });
  }
  return ok({ sheets, units, changes });
}

export function workbookPlan(sheets: SheetPlan[]): WorkbookPlan {
  return { sheets, names: [], dateFormat: 'dd/mm/yyyy' };
}
