import type { UnitCoverage } from '../coverage/coverage';
import { criteriaRowsLayout, evidenceRowsLayout, gridLayoutOf } from '../grid/gridLayouts';
import { readHeaderBlock, type GridHeaderBlock } from '../grid/readGrid';
import { ok } from '../problems';
import type { Catalog, QualificationIndex } from '../standards/catalog';
import type { Unit } from '../standards/schema';
import type { RawCell } from '../workbook/sheetValues';
import { blank, checkProblems, errorWhereItCounts, failWith, findQualification, findUnit, findUnitIn, fromHeaderBlock, itemIndex, parseItemKind, type CellError, type CheckProblem, type CheckResult, type Rows } from './checkBasics';

/*
 * Checks of a grid (UNITCOMPLETE, COVERAGE, MISSING): which unit, then its coverage, in whichever
 * layout the grid is (GridLayout). Re-exported by sheetChecks.ts.
 */

// ---------------------------------------------------------------------------------------------
// Grids: which unit, then its coverage.

export interface GridCheck {
  index: QualificationIndex;
  unit: Unit;
  coverage: UnitCoverage;
  /** What belongs in a cell of the range (as read) that decides coverage (a mark for an item, a decision), if anything. */
  markCell: (grid: Rows, row: number, col: number) => string | undefined;
}

/** The unit to check: as given, else as the grid's own header block names it. */
function gridUnit(catalog: Catalog, grid: Rows, unitArg: string, qualificationArg: string): CheckResult<{ index: QualificationIndex; unit: Unit }> {
  let unit = unitArg.trim();
  let qualification = qualificationArg.trim();
  let fromHeader = false;
  if (unit === '' || qualification === '') {
    const header: GridHeaderBlock = readHeaderBlock(grid);
    if (unit === '' && header.unit !== undefined) {
      unit = header.unit;
      fromHeader = true;
    }
    if (qualification === '') {
      const named = header.qualificationId ?? header.qualification;
      if (named !== undefined) {
        qualification = named;
        fromHeader = true;
      }
    }
  }
  if (unit === '') return failWith(checkProblems.noUnitNamed());
  if (qualification === '') return failWith(checkProblems.noQualificationNamed(unit));
  const found = findUnit(catalog, qualification, unit);
  if (!found.ok) return failWith(fromHeader ? fromHeaderBlock(found.problem) : found.problem);
  return found;
}

/** The unit a parsed sheet's header block names, when it names one we know. */
function headerUnit(catalog: Catalog, header: GridHeaderBlock, chosen: QualificationIndex): { index: QualificationIndex; unit: Unit } | undefined {
  if (header.unit === undefined) return undefined;
  const named = header.qualificationId ?? header.qualification;
  const index = named === undefined ? ok(chosen) : findQualification(catalog, named);
  if (!index.ok) return undefined;
  const unit = findUnitIn(index.value, header.unit);
  return unit.ok ? { index: index.value, unit: unit.value } : undefined;
}

/**
 * Read a grid (either layout this product builds, or an assessor's own tracker: a header row of
 * item codes over rows of marks) and compute the unit's coverage. Unit and qualification default
 * to what the grid's header block says.
 */
export function checkGrid(grid: Rows, unitArg: string, qualificationArg: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<GridCheck> {
  const result = readGridOnce(grid, unitArg, qualificationArg, catalog, errors);
  if (!result.ok || errors.length === 0) return result;
  const problem = errorWhereItCounts(errors, (e) => result.value.markCell(grid, e.row, e.col));
  return problem ? failWith(problem) : result;
}

function readGridOnce(grid: Rows, unitArg: string, qualificationArg: string, catalog: Catalog, errors: readonly CellError[]): CheckResult<GridCheck> {
  // Error cells reach us blank: where they are is part of what was read.
  const key = `${unitArg}\u0000${qualificationArg}\u0000${errors.map((e) => `${e.row},${e.col}`).join(';')}`;
  const hit = recentGrids.find((e) => e.catalog === catalog && e.key === key && sameCells(e.grid, grid));
  if (hit) return hit.result;
  const result = readAndCheckGrid(grid, unitArg, qualificationArg, catalog);
  // Only grids that read: a range that is not a grid fails fast, and copying it would cost more.
  if (result.ok && cellCount(grid) <= RECENT_GRID_CELLS) {
    recentGrids.unshift({ catalog, key, grid: grid.map((row) => (Array.isArray(row) ? [...row] : [])), result });
    if (recentGrids.length > RECENT_GRIDS) recentGrids.pop();
  }
  return result;
}

/*
 * A summary row asks UNITCOMPLETE, COVERAGE (per kind) and MISSING of the same grid, and Excel
 * hands each call a fresh copy of the range: the last few grids read are kept (as copies) with
 * their result and found again by content, so the sheet is parsed once, not once per function.
 */
const RECENT_GRIDS = 16;
/** Whole-column ranges are read, not kept. */
const RECENT_GRID_CELLS = 250_000;
const recentGrids: { catalog: Catalog; key: string; grid: RawCell[][]; result: CheckResult<GridCheck> }[] = [];

function cellCount(grid: Rows): number {
  let n = 0;
  for (const row of grid) n += Array.isArray(row) ? row.length : 1;
  return n;
}

function sameCells(a: Rows, b: Rows): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r]!;
    const y = b[r];
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (!Object.is(x[c], y[c])) return false;
  }
  return true;
}

function readAndCheckGrid(grid: Rows, unitArg: string, qualificationArg: string, catalog: Catalog): CheckResult<GridCheck> {
  const found = gridUnit(catalog, grid, unitArg, qualificationArg);
  if (!found.ok) return found;
  const { index, unit } = found.value;
  if (itemIndex(unit).items.length === 0) return failWith(checkProblems.notDetailed(unit.code));

  // The sheet's layout: ours by its title, else evidence rows; a sheet that does not read as
  // evidence rows is tried as criteria down the sheet without our title (an assessor's own recording form).
  let layout = gridLayoutOf(grid);
  let parsed = layout.read(grid, unit, { content: false }); // columns and rows only: coverage reads marks from the values
  if (!parsed.ok && layout === evidenceRowsLayout) {
    const asRows = criteriaRowsLayout.read(grid, unit);
    if (!asRows.ok) return failWith(allBlank(grid) ? blankRange(unit) : parsed.problem);
    [layout, parsed] = [criteriaRowsLayout, asRows];
  }
  if (!parsed.ok) return parsed;
  const coverage = layout.coverage(parsed.value, unit);
  const header = layout.header(parsed.value);
  // Takes the grid rather than keeping this one: a remembered result must not hold a second copy of the range.
  const { markCell } = layout.locate(parsed.value);
  const named = headerUnit(catalog, header, index);
  if (named && (named.unit !== unit || named.index !== index)) {
    return failWith(checkProblems.wrongUnit(named.unit.code, named.index.qualification.title, unit.code, index.qualification.title));
  }
  return ok({ index, unit, coverage, markCell });
}

function allBlank(grid: Rows): boolean {
  return grid.every((row) => !Array.isArray(row) || row.every((v) => blank(v)));
}

function blankRange(unit: Unit): CheckProblem {
  const examples = itemIndex(unit)
    .items.slice(0, 3)
    .map((i) => i.code)
    .join(', ');
  return {
    kind: 'notAGrid',
    message: `The range is blank: expected a header row of item codes for unit ${unit.code} (such as ${examples}) over rows of evidence marks.`,
  };
}

/** TRUE when every required item of the unit is covered by accepted evidence. */
export function unitComplete(grid: Rows, unit: string, qualification: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<boolean> {
  const checked = checkGrid(grid, unit, qualification, catalog, errors);
  return checked.ok ? ok(checked.value.coverage.complete) : checked;
}

/** Fraction of required items covered (0..1), overall or for one kind of item. */
export function coverage(grid: Rows, unit: string, qualification: string, kind: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<number> {
  const which = parseItemKind(kind);
  if (!which.ok) return which;
  const checked = checkGrid(grid, unit, qualification, catalog, errors);
  if (!checked.ok) return checked;
  const cov = checked.value.coverage;
  if (which.value === 'overall') return ok(cov.coverage);
  const ofKind = cov.byKind[which.value];
  if (ofKind.total === 0) return failWith(checkProblems.noItemsOfKind(checked.value.unit.code, which.value));
  return ok(ofKind.fraction);
}

/** Codes of the items not yet covered, in the standard's order (items with no column included). */
export function missing(grid: Rows, unit: string, qualification: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<string[]> {
  const checked = checkGrid(grid, unit, qualification, catalog, errors);
  return checked.ok ? ok([...checked.value.coverage.missing]) : checked;
}
