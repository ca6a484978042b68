/*
 * A workbook plan: a pure description of sheets that adapters (office-js, exceljs) apply.
 * Nothing outside src/adapters knows Excel; nothing in here knows an adapter.
 *
 * Coordinates are zero-based (row 0 = Excel row 1, col 0 = column A). Ranges are inclusive.
 * Values are written in rectangular blocks so an adapter can send each block as one 2-D array.
 */
import type { CellRange } from './a1';

// Addresses live in a1.ts (one parser and formatter); re-exported for the plan's many users.
export { address, columnLetter, quoteSheet, type CellRange } from './a1';

/** A cell's value. Text is always text: adapters must never let a string become a formula. */
export type PlanValue = string | number | boolean | null | PlanFormula | PlanDate;

/** A formula in A1 style with English function names and comma separators, starting with "=". */
export interface PlanFormula {
  formula: string;
}

/** A calendar date (no time), ISO yyyy-mm-dd; written as a real date with the plan's date format. */
export interface PlanDate {
  date: string;
}


export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string; // "#RRGGBB"
  fill?: string; // "#RRGGBB"
  wrap?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  /** Text rotation in degrees (90 = upwards), for narrow item-code columns. */
  rotation?: number;
  border?: 'thin' | 'medium';
  numberFormat?: string;
  /** False for cells the user may edit on a protected sheet. Default true (Excel's default). */
  locked?: boolean;
}

export interface ValueBlock {
  row: number;
  col: number;
  values: PlanValue[][];
}

export interface StyledRange {
  range: CellRange;
  style: CellStyle;
}

export interface TablePlan {
  /** Workbook-unique, valid Excel table name. */
  name: string;
  /** Header row included. */
  range: CellRange;
  style?: string; // e.g. "TableStyleLight9"
  showFilter?: boolean;
}

export interface DataValidationPlan {
  range: CellRange;
  /** A fixed list of allowed values (shown as a drop-down). */
  list: string[];
  allowBlank: boolean;
  /** Shown when a typed value is not in the list. */
  errorTitle: string;
  errorMessage: string;
}

export interface ConditionalFormatPlan {
  range: CellRange;
  /**
   * A formula evaluated for the top-left cell of the range (relative references shift as in
   * Excel), true where the style applies.
   */
  formula: string;
  style: Pick<CellStyle, 'fill' | 'fontColor' | 'bold'>;
  /** Stop evaluating later rules where this one applies. */
  stopIfTrue?: boolean;
}

export interface DataBarPlan {
  range: CellRange;
  color: string;
}

/**
 * A native chart over cells of its own sheet. Categories and each series' values are ranges of the
 * same length (data rows only, no header), so the data need not be one contiguous block.
 */
export interface ChartPlan {
  /** Unique on the sheet. */
  name: string;
  type: 'barClustered' | 'columnClustered';
  title: string;
  /** The category labels (one column or row). */
  categories: CellRange;
  /** One or more series: a name (shown in the legend) and its values. */
  series: { name: string; values: CellRange }[];
  /** Where the chart sits: its top-left cell to its bottom-right cell. */
  position: CellRange;
}

export interface NamedRangePlan {
  /** Workbook-scoped name. */
  name: string;
  range: CellRange;
  comment?: string;
}

export interface PrintPlan {
  landscape: boolean;
  fitToWidth: boolean;
  /** Rows repeated at the top of every printed page, inclusive (zero-based). */
  repeatRows?: { from: number; to: number };
}

export interface ProtectionPlan {
  /** Structure is locked; cells styled `locked: false` stay editable. No password. */
  allowFormatColumns: boolean;
  allowSort: boolean;
  allowAutoFilter: boolean;
  allowInsertRows: boolean;
}

/** Why the sheet exists, so readers and rebuilds can find their sheets again. */
export type SheetRole = 'unitGrid' | 'criteriaRows' | 'tracker' | 'evidenceIndex' | 'cohort' | 'sampling' | 'about' | 'standardsTemplate' | 'centreStandards';

export interface SheetPlan {
  name: string;
  role: SheetRole;
  blocks: ValueBlock[];
  styles: StyledRange[];
  merges: CellRange[];
  /** Column widths in characters (Excel's unit). */
  columnWidths: { col: number; width: number }[];
  rowHeights: { row: number; height: number }[];
  tables: TablePlan[];
  validations: DataValidationPlan[];
  conditionalFormats: ConditionalFormatPlan[];
  dataBars: DataBarPlan[];
  /** Native charts (optional; adapters that cannot write charts say so and skip them). */
  charts?: ChartPlan[];
  freeze?: { rows: number; cols: number };
  autoFilter?: CellRange;
  print?: PrintPlan;
  protection?: ProtectionPlan;
  /** Hidden columns (e.g. machine-readable keys) by index. */
  hiddenColumns: number[];
  tabColor?: string;
  /** Hidden from the tabs; very hidden sheets are not even listed under Unhide (data the tools keep). */
  visibility?: 'hidden' | 'veryHidden';
  /**
   * 'first': the sheet goes before every other tab, new or replacing one (a cohort summary must
   * not be the 241st tab). Otherwise a new sheet goes last and a replaced one keeps its place.
   */
  position?: 'first';
  /**
   * Present when the sheet already exists and is updated in place (never deleted and re-created,
   * which would turn every reference to it into #REF! and drop the user's formulas, notes, links
   * and fills). Absent: the sheet is new, or is replaced whole.
   */
  rebuild?: SheetRebuild;
}

/**
 * Whole rows or columns inserted or deleted. `at` is zero-based in the sheet as it is when the edit
 * is applied; a rebuild lists its edits from the bottom/right up, so every `at` is also a position
 * in the old sheet and cells move as Excel moves them (formulas and names follow).
 */
export interface StructuralEdit {
  axis: 'rows' | 'columns';
  op: 'insert' | 'delete';
  at: number;
  count: number;
}

/**
 * How the old sheet becomes the new one in place. Merges, validations, conditional formats, tables
 * and the AutoFilter are the plan's: the adapter removes the sheet's old ones before the edits and
 * writes the plan's afterwards.
 */
export interface SheetRebuild {
  /** Applied in order, before any value is written. */
  edits: StructuralEdit[];
  /**
   * The user's cells (in the new sheet's coordinates): after the edits they already hold what the
   * user put there, with its formula, note, link and formatting. The plan's blocks never write them.
   */
  keep: CellRange[];
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  names: (NamedRangePlan & { sheet: string })[];
  /** Number format used for PlanDate cells. UK users: dd/mm/yyyy. */
  dateFormat: string;
}

export function emptySheet(name: string, role: SheetRole): SheetPlan {
  return {
    name,
    role,
    blocks: [],
    styles: [],
    merges: [],
    columnWidths: [],
    rowHeights: [],
    tables: [],
    validations: [],
    conditionalFormats: [],
    dataBars: [],
    hiddenColumns: [],
  };
}

export function isFormula(v: PlanValue): v is PlanFormula {
  return typeof v === 'object' && v !== null && 'formula' in v;
}

export function isDate(v: PlanValue): v is PlanDate {
  return typeof v === 'object' && v !== null && 'date' in v;
}
