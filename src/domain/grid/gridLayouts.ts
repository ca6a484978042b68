import type { CoverageOptions, UnitCoverage } from '../coverage/coverage';
import { ok, type Result } from '../problems';
import type { Unit } from '../standards/schema';
import type { SheetValues } from '../workbook/sheetValues';
import { criteriaRowsLayout } from './criteriaRowsLayout';
import { evidenceRowsLayout } from './evidenceRowsLayout';
import type { GridLayout, GridLayoutName } from './gridLayout';
import type { Rows } from './gridTypes';

/*
 * The two grid layouts, and which one a sheet is in. The only place that chooses between them.
 */

export const GRID_LAYOUTS: Readonly<Record<GridLayoutName, GridLayout>> = {
  evidenceRows: evidenceRowsLayout,
  criteriaRows: criteriaRowsLayout,
};

/** The layout a grid sheet is in: criteria rows when it has that layout's title, else evidence rows (ours, or an assessor's own tracker). */
export function gridLayoutOf(values: Rows): GridLayout {
  return criteriaRowsLayout.detect(values) ? criteriaRowsLayout : evidenceRowsLayout;
}

/** A grid's coverage, in whichever layout it is (only what coverage needs is read). */
export function gridCoverage(values: Rows, unit: Unit, options: CoverageOptions = {}, formulas?: SheetValues['formulas']): Result<UnitCoverage> {
  const layout = gridLayoutOf(values);
  const parsed = layout.read(values, unit, { content: false, formulas });
  return parsed.ok ? ok(layout.coverage(parsed.value, unit, options)) : parsed;
}

export { criteriaRowsLayout, evidenceRowsLayout };
export type { GridLayout, GridLayoutName };
