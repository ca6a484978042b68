import { coverageOfParsed, type UnitCoverage } from '../coverage/coverage';
import { coverageOfCriteriaRows, isCriteriaRowsSheet, readCriteriaRows } from '../grid/criteriaRowsGrid';
import { normaliseLabel } from '../grid/layout';
import { cellText, parseGrid, readHeaderBlock, type GridHeaderBlock } from '../grid/readGrid';
import { NO_LONGER_IN_PATHWAY, rulesLines } from '../grid/trackerSheet';
import { ok, type Problem, type ProblemKind, type Result } from '../problems';
import { checkRules } from '../rules/rulesOfCombination';
import { closestCodes, mayBeUnitCode, normaliseCode, shortened, type Catalog, type QualificationIndex } from '../standards/catalog';
import { unitItems, type ItemKind, type RequiredItem } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import { columnLetter } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';

/*
 * The checks assessors type into cells (the VQ.* custom functions), as plain functions: arguments
 * already coerced (2-D arrays of cells, strings where '' means "not given"), a value or a Problem
 * back, never an exception for anything a user can type. src/functions only maps a Problem's kind
 * to an Excel error. A cohort summary calls these thousands of times, so everything derived from the
 * standards (lookups, item lists) is memoised; only the range itself is read per call. The catalogue
 * is always passed in (never imported here), so the custom functions can load the standards lazily.
 */

// ---------------------------------------------------------------------------------------------
// Problems: the catalogue's kinds plus two that only cell checks meet.

/**
 * 'notStated': the standard does not give what was asked (a unit's credit, an item's text, any
 * rules of combination), so there is no value rather than a wrong one. 'unknownItem': an item code
 * the unit does not have. Both read as #N/A, like the catalogue's unknown codes.
 */
export type CheckProblemKind = ProblemKind | 'notStated' | 'unknownItem';

export interface CheckProblem {
  kind: CheckProblemKind;
  message: string;
  suggestions?: string[];
}

/** Result whose failure may also be one of the two kinds above (every catalogue Result fits). */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; problem: CheckProblem };

const failWith = <T = never>(problem: CheckProblem): CheckResult<T> => ({ ok: false, problem });

/** Messages for what only cell checks say; the rest come from problems.ts. */
export const checkProblems = {
  noUnitNamed: (): CheckProblem => ({
    kind: 'notAGrid',
    message:
      'No unit given and no header block naming one: expected "Unit" and "Qualification id" labels above the grid (as on a grid VQ Matrix built), or give the unit and qualification.',
  }),
  noQualificationNamed: (unit: string): CheckProblem => ({
    kind: 'notAGrid',
    message: `No qualification given for unit "${unit}" and no header block naming one: expected a "Qualification id" label above the grid, or give the qualification.`,
  }),
  wrongUnit: (sheetUnit: string, sheetQualification: string, unit: string, qualification: string): CheckProblem => ({
    kind: 'badArgument',
    message: `This grid's header block says unit ${sheetUnit} of ${sheetQualification}, not unit ${unit} of ${qualification}: point the formula at the grid of unit ${unit}, or leave the unit and qualification out to use the header block.`,
  }),
  notDetailed: (unit: string): CheckProblem => ({
    kind: 'notStated',
    message: `Unit ${unit} is not detailed in the standard: it has no items to check.`,
  }),
  noItemsOfKind: (unit: string, kind: ItemKind): CheckProblem => ({
    kind: 'notStated',
    message: `Unit ${unit} has no ${KIND_WORDS[kind]} in the standard.`,
  }),
  unknownKind: (given: string): CheckProblem => ({
    kind: 'badArgument',
    message: `Unknown kind "${shortened(given)}": use criteria (or pc), range, knowledge (or k&u), evidence (or er), or leave it out for overall coverage.`,
  }),
  unknownField: (given: string): CheckProblem => ({
    kind: 'badArgument',
    message: `Unknown field "${shortened(given)}": use ${UNIT_FIELDS.join(', ')}.`,
  }),
  notStated: (what: string, unit: string): CheckProblem => ({
    kind: 'notStated',
    message: `The standard does not state the ${what} of unit ${unit}.`,
  }),
  missingArgument: (what: string, example: string): CheckProblem => ({
    kind: 'badArgument',
    message: `No ${what} given: expected ${example}.`,
  }),
  unknownItem: (code: string, unit: string, suggestions: string[]): CheckProblem => ({
    kind: 'unknownItem',
    message: `Unknown item "${shortened(code)}" in unit ${unit}.${suggestions.length > 0 ? ` Closest known: ${suggestions.join(', ')}.` : ''}`,
    suggestions,
  }),
  noItemText: (code: string, unit: string): CheckProblem => ({
    kind: 'notStated',
    message: `The standard prints item ${code} of unit ${unit} without its text.`,
  }),
  statusNeedsColumn: (status: string): CheckProblem => ({
    kind: 'badArgument',
    message: `Status "${shortened(status)}" needs each unit's status: give a range with unit codes in its first column and their status in its last column.`,
  }),
  unitsInSeveralQualifications: (codes: string[], qualifications: string[]): CheckProblem => ({
    kind: 'ambiguousCode',
    message: `Unit${codes.length === 1 ? '' : 's'} ${codes.join(', ')} ${codes.length === 1 ? 'is' : 'are'} in more than one qualification (${qualifications.join(', ')}): give the qualification.`,
    suggestions: qualifications,
  }),
  errorInRange: (e: CellError, belongs: string, count: number): CheckProblem => ({
    kind: 'badArgument',
    message: `Cell ${rangeCell(e)} of the range (counting its first cell as A1) holds ${e.error} where ${belongs} belongs${count > 1 ? ` (${count} cells of the range hold errors)` : ''}: correct or clear that cell.`,
  }),
  unknownAnywhere: (code: string, catalog: Catalog): CheckProblem => {
    const suggestions = mayBeUnitCode(code) ? closestCodes(code, catalog.all.flatMap((index) => [...index.unitCodeEntries()])) : [];
    return {
      kind: 'unknownUnit',
      message: `"${shortened(code)}" is not a unit code of any qualification.${suggestions.length > 0 ? ` Closest known: ${suggestions.join(', ')}.` : ''}`,
      suggestions,
    };
  },
  notUnitCodes: (examples: string[], more: boolean): CheckProblem => ({
    kind: 'unknownUnit',
    message: `Not unit codes: none of the ${more ? 'first ' : ''}${examples.length} values listed (${examples
      .slice(0, 3)
      .map((e) => `"${shortened(e)}"`)
      .join(', ')}${examples.length > 3 ? ', ...' : ''}) is a unit code of any qualification. List unit codes such as 203 or 4430-203 (a row or column, or a unit per row with its status last), or give the qualification.`,
    suggestions: [],
  }),
  valuesNotStated: (what: string, units: string[]): CheckProblem => ({
    kind: 'notStated',
    message: `The standard does not state the ${what} of unit${units.length === 1 ? '' : 's'} ${units.join(', ')}, so no total can be given.`,
  }),
  cannotCheck: (lines: string[]): CheckProblem => ({ kind: 'notStated', message: lines.join('; ') }),
};

/** A problem found through the sheet's own header block says so. */
function fromHeaderBlock(problem: Problem): CheckProblem {
  return { ...problem, message: `${problem.message} (from the grid's header block)` };
}

// ---------------------------------------------------------------------------------------------
// Memoised lookups: a cohort summary asks about the same few codes thousands of times, and a failed
// lookup (closest codes by edit distance) is the expensive case, so failures are remembered too.

type Rows = readonly (readonly RawCell[])[];
const MEMO_LIMIT = 4096;
const MEMO_KEY_MAX = 600;

function memo<K extends object, V>(): (owner: K, key: string, compute: () => V) => V {
  const byOwner = new WeakMap<K, Map<string, V>>();
  return (owner, key, compute) => {
    let map = byOwner.get(owner);
    if (!map) byOwner.set(owner, (map = new Map()));
    // A key longer than any code or title (a pasted paragraph) fails fast and is not kept: 4,096 of them would be megabytes.
    if (key.length > MEMO_KEY_MAX) return compute();
    const hit = map.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    // Forget the oldest entry, not all of them: the few codes a workbook uses stay remembered.
    if (map.size >= MEMO_LIMIT) map.delete(map.keys().next().value!);
    map.set(key, value);
    return value;
  };
}

const qualificationMemo = memo<Catalog, Result<QualificationIndex>>();
const unitMemo = memo<QualificationIndex, Result<Unit>>();

function findQualification(catalog: Catalog, query: string): Result<QualificationIndex> {
  return qualificationMemo(catalog, query, () => catalog.findQualification(query));
}

function findUnitIn(index: QualificationIndex, query: string): Result<Unit> {
  return unitMemo(index, query, () => index.findUnit(query));
}

function findUnit(catalog: Catalog, qualification: string, unit: string): Result<{ index: QualificationIndex; unit: Unit }> {
  const q = findQualification(catalog, qualification);
  if (!q.ok) return q;
  const u = findUnitIn(q.value, unit);
  return u.ok ? ok({ index: q.value, unit: u.value }) : u;
}

interface UnitItemIndex {
  items: RequiredItem[];
  byKey: Map<string, RequiredItem>;
  /** Parent knowledge / evidence items whose leaves are lettered (their text, asked for by code). */
  parents: Map<string, { code: string; text: string }>;
}
const itemIndexes = new WeakMap<Unit, UnitItemIndex>();

function itemIndex(unit: Unit): UnitItemIndex {
  let index = itemIndexes.get(unit);
  if (!index) {
    const items = unitItems(unit);
    const byKey = new Map(items.map((i) => [normaliseCode(i.code), i]));
    const parents = new Map<string, { code: string; text: string }>();
    for (const p of [...unit.knowledge, ...unit.evidenceRequirements]) {
      const key = normaliseCode(p.code);
      if (p.subItems && p.text && !byKey.has(key)) parents.set(key, { code: p.code, text: p.text });
    }
    index = { items, byKey, parents };
    itemIndexes.set(unit, index);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Argument words.

/** Lower case, "&" as "and", punctuation as spaces: "K&U", "k & u" and "K and U" read alike. */
function words(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9✓✔]+/g, ' ')
    .trim();
}

const KIND_WORDS: Record<ItemKind, string> = {
  criterion: 'performance / assessment criteria',
  range: 'range items',
  knowledge: 'knowledge items',
  evidence: 'evidence requirements',
};

const KIND_ALIASES: Record<string, ItemKind | 'overall'> = {
  '': 'overall',
  all: 'overall',
  overall: 'overall',
  total: 'overall',
  criteria: 'criterion',
  criterion: 'criterion',
  pc: 'criterion',
  pcs: 'criterion',
  'p c': 'criterion',
  ac: 'criterion',
  acs: 'criterion',
  performance: 'criterion',
  'performance criteria': 'criterion',
  'assessment criteria': 'criterion',
  range: 'range',
  ranges: 'range',
  'range items': 'range',
  knowledge: 'knowledge',
  k: 'knowledge',
  ku: 'knowledge',
  'k and u': 'knowledge',
  'k u': 'knowledge',
  'knowledge and understanding': 'knowledge',
  'underpinning knowledge': 'knowledge',
  evidence: 'evidence',
  er: 'evidence',
  ers: 'evidence',
  'evidence requirement': 'evidence',
  'evidence requirements': 'evidence',
};

/** "criteria", "PC", "k&u", "ER" ... -> an item kind; '' or "all" -> overall. */
export function parseItemKind(kind: string): CheckResult<ItemKind | 'overall'> {
  const found = KIND_ALIASES[words(kind)];
  return found ? ok(found) : failWith(checkProblems.unknownKind(kind.trim()));
}

// ---------------------------------------------------------------------------------------------
// Grids: which unit, then its coverage.

export interface GridCheck {
  index: QualificationIndex;
  unit: Unit;
  coverage: UnitCoverage;
  /** What belongs in a cell of the range (as read) that decides coverage (a mark for an item, a decision), if anything. */
  markCell: (grid: Rows, row: number, col: number) => string | undefined;
}

/**
 * A cell of the range holding an Excel error (#VALUE!, #DIV/0! ...), zero-based within the range.
 * Excel passes errors to the functions (functions.json allowErrorForDataTypeAny); the shell lifts
 * them out of the range, which reaches the checks with those cells blank.
 */
export interface CellError {
  row: number;
  col: number;
  /** As Excel shows it: "#VALUE!". */
  error: string;
}

/** "H15": the cell's position counted from the range's top-left cell as A1. */
function rangeCell(e: CellError): string {
  return `${columnLetter(e.col)}${e.row + 1}`;
}

/** The first error where something that counts belongs (errors elsewhere, in formulas above the grid say, are ignored). */
function errorWhereItCounts(errors: readonly CellError[], what: (e: CellError) => string | undefined): CheckProblem | undefined {
  for (const e of errors) {
    const belongs = what(e);
    if (belongs !== undefined) return checkProblems.errorInRange(e, belongs, errors.length);
  }
  return undefined;
}

function blank(v: RawCell | undefined): boolean {
  return v === null || v === undefined || cellText(v) === '';
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

  let coverage: UnitCoverage;
  let header: GridHeaderBlock;
  let markCell: GridCheck['markCell'];
  const criteriaRows = () => {
    const parsed = readCriteriaRows(grid, unit);
    if (!parsed.ok) return parsed;
    const { columns, items: entries } = parsed.value;
    const refs = new Set(columns.refs);
    const decision = columns.fields.get('decision');
    const itemAtRow = new Map([...entries.values()].map((e) => [e.row, e.code]));
    const marks: GridCheck['markCell'] = (_grid, row, col) => {
      const code = itemAtRow.get(row);
      if (code === undefined) return undefined;
      if (refs.has(col)) return `an evidence ref for item ${code}`;
      return col === decision ? `the assessor decision for item ${code}` : undefined;
    };
    return ok({ coverage: coverageOfCriteriaRows(parsed.value, unit), header: parsed.value.header, markCell: marks });
  };
  if (isCriteriaRowsSheet(grid)) {
    const read = criteriaRows();
    if (!read.ok) return read;
    ({ coverage, header, markCell } = read.value);
  } else {
    const parsed = parseGrid(grid, unit, { content: false }); // columns and rows only: coverage reads marks from the values
    if (parsed.ok) {
      coverage = coverageOfParsed(parsed.value, unit);
      header = parsed.value.header;
      const { columns } = parsed.value;
      const itemAtCol = new Map<number, string>();
      for (const [code, col] of columns.items) itemAtCol.set(col, code);
      for (const [code, cols] of columns.itemExtraCols) for (const col of cols) itemAtCol.set(col, code);
      const decision = columns.fields.get('decision');
      const refCol = columns.fields.get('ref');
      // Takes the grid rather than keeping this one: a remembered result must not hold a second copy of the range.
      markCell = (values, row, col) => {
        if (row <= columns.headerRow) return undefined;
        const ref = refCol === undefined ? '' : cellText(values[row]?.[refCol] ?? null);
        const where = ref === '' ? `row ${row + 1}` : `evidence ${ref}`;
        const code = itemAtCol.get(col);
        if (code !== undefined) return `a mark for item ${code} (${where})`;
        return col === decision ? `the assessor decision (${where})` : undefined;
      };
    } else {
      // Criteria down the sheet without our title: an assessor's own recording form.
      const read = criteriaRows();
      if (!read.ok) return failWith(allBlank(grid) ? blankRange(unit) : parsed.problem);
      ({ coverage, header, markCell } = read.value);
    }
  }
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

// ---------------------------------------------------------------------------------------------
// Lists of units: a row or column of codes, or one unit per row with its status in the last column.

/**
 * Which units count. '' / "all": every listed unit. "complete" (or "achieved", "yes", TRUE ...):
 * units whose status says complete. Any other word: units whose status is that word.
 */
export type StatusFilter = { kind: 'all' } | { kind: 'complete' } | { kind: 'equals'; words: string; given: string };

const ALL_WORDS = new Set(['', 'all', 'any', 'listed', 'planned']);
/** Status cells (and status arguments) that mean the unit is complete. */
const COMPLETE_WORDS = new Set(['complete', 'completed', 'achieved', 'yes', 'y', 'true', 'done', '✓', '✔', 'met', 'passed', 'pass', 'competent', 'certificated', 'signed off']);
const UNIT_LABELS = new Set(['unit', 'units', 'unit code', 'unit codes', 'code', 'unit no', 'unit number']);

export function parseStatusFilter(status: string): StatusFilter {
  const w = words(status);
  if (ALL_WORDS.has(w)) return { kind: 'all' };
  if (COMPLETE_WORDS.has(w)) return { kind: 'complete' };
  return { kind: 'equals', words: w, given: status.trim() };
}

/** No status word is this long: a longer cell (a paragraph pasted into the status column) matches none, unread. */
const STATUS_MAX = 200;

function statusMatches(filter: StatusFilter, cell: RawCell | undefined): boolean {
  if (filter.kind === 'all') return true;
  if (cell === true) return filter.kind === 'complete' || filter.words === 'true';
  if (typeof cell === 'string' && cell.length > STATUS_MAX) return false;
  const w = words(cell === null || cell === undefined ? '' : String(cell));
  return filter.kind === 'complete' ? COMPLETE_WORDS.has(w) : w === filter.words;
}

/**
 * The unit codes a range lists, filtered by status. A one-row or one-column range is a list of
 * codes. A wider range holds one unit per row: its code in the first column, its status in the last
 * (columns between, such as titles, are ignored); so is a one-row range when a status is asked for.
 * A heading ("Unit", "Unit code") and blank cells are skipped, as are rows a progress record marks
 * "(no longer in pathway)".
 */
export function listedUnitCodes(units: Rows, status = ''): CheckResult<string[]> {
  const listed = eachListedCode(units, status);
  return listed.ok ? ok([...listed.value]) : listed;
}

/**
 * The listed codes, each once in the order listed, read as they are asked for: a caller that stops
 * at the first code it cannot use reads no further (a column of 100,000 cells that are not codes).
 */
function eachListedCode(units: Rows, status: string, errors: readonly CellError[] = []): CheckResult<Iterable<string>> {
  const filter = parseStatusFilter(status);
  const rows = units.length;
  const cols = units.reduce((n, row) => Math.max(n, Array.isArray(row) ? row.length : 0), 0);
  const table = cols >= 2 && (rows >= 2 || filter.kind !== 'all');
  if (!table && filter.kind !== 'all') return failWith(checkProblems.statusNeedsColumn(status.trim()));
  // An error where a unit code or its status belongs would drop the unit unseen; elsewhere (a title) it does not matter.
  const erred = errorWhereItCounts(errors, (e) => {
    if (!table) return 'a unit code';
    if (e.col === 0) return 'a unit code';
    return e.col === cols - 1 && filter.kind !== 'all' ? 'a unit\'s status' : undefined;
  });
  if (erred) return failWith(erred);
  const noLonger = normaliseLabel(NO_LONGER_IN_PATHWAY);
  return ok({
    *[Symbol.iterator]() {
      const seen = new Set<string>();
      const take = (v: RawCell | undefined, first: boolean): string | undefined => {
        const text = v === null || v === undefined ? '' : cellText(v);
        if (text === '' || (first && text.length < 20 && UNIT_LABELS.has(normaliseLabel(text))) || seen.has(text)) return undefined;
        seen.add(text);
        return text;
      };
      if (!table) {
        let first = true;
        for (const row of units) {
          if (!Array.isArray(row)) continue;
          for (const v of row) {
            const code = take(v, first);
            if (!blank(v)) first = false;
            if (code !== undefined) yield code;
          }
        }
        return;
      }
      for (let r = 0; r < rows; r++) {
        const row = units[r];
        if (!Array.isArray(row)) continue;
        const state = row[cols - 1];
        if (typeof state === 'string' && state.length < 40 && normaliseLabel(state) === noLonger) continue;
        if (r === 0 && UNIT_LABELS.has(normaliseLabel(row[0] ?? null))) continue;
        if (!statusMatches(filter, state)) continue;
        const code = take(row[0], false);
        if (code !== undefined) yield code;
      }
    },
  });
}

function none(codes: Iterable<string>): boolean {
  for (const _ of codes) return false;
  return true;
}

export interface ListedUnits {
  index: QualificationIndex;
  units: Unit[];
}

/** Resolve listed codes in a qualification: the first unknown code is the problem (with closest codes). */
function resolveUnits(index: QualificationIndex, codes: Iterable<string>): CheckResult<Unit[]> {
  const units: Unit[] = [];
  for (const code of codes) {
    const found = findUnitIn(index, code);
    if (!found.ok) return found;
    if (!units.includes(found.value)) units.push(found.value);
  }
  return ok(units);
}

/**
 * How many codes known nowhere are read, when no code so far is known, before the range is called
 * "not unit codes": enough to tell a column of text from a typo or two, few enough to stay quick.
 */
const UNKNOWN_CODES_READ = 16;

/**
 * The qualification every listed code belongs to, when none is given. Bounded work whatever the
 * range holds: each code is one map hit per qualification, reading stops at the first code no
 * qualification knows (or, when none is known at all, after a few of them), and closest codes are
 * looked for only for the one code reported.
 */
function inferQualification(catalog: Catalog, listed: Iterable<string>): CheckResult<QualificationIndex> {
  const known = new Map<QualificationIndex, number>(catalog.all.map((index) => [index, 0]));
  const codes: string[] = [];
  const unknown: string[] = [];
  let anyKnown = false;
  let more = false;
  for (const code of listed) {
    if (unknown.length > 0 && (anyKnown || unknown.length > UNKNOWN_CODES_READ)) {
      more = true;
      break;
    }
    codes.push(code);
    let knownBy = 0;
    for (const index of catalog.all) {
      if (index.unitsKnownBy(code).length > 0) {
        known.set(index, known.get(index)! + 1);
        knownBy++;
      }
    }
    if (knownBy === 0) unknown.push(code);
    else anyKnown = true;
  }
  if (unknown.length === 0) {
    const fits = catalog.all.filter((index) => known.get(index) === codes.length);
    if (fits.length === 1) return ok(fits[0]!);
    if (fits.length > 1) return failWith(checkProblems.unitsInSeveralQualifications([...codes], fits.map((i) => i.qualification.id)));
  }
  // None has them all: the qualification knowing most of the codes read names the first it does not know.
  const nearest = catalog.all.reduce((best, index) => (known.get(index)! > known.get(best)! ? index : best));
  if (anyKnown) {
    const first = unknown[0] ?? codes.find((c) => nearest.unitsKnownBy(c).length === 0)!;
    const found = findUnitIn(nearest, first);
    return found.ok ? ok(nearest) : found; // not ok: nearest does not know it
  }
  if (codes.length === 1 && !more) return failWith(checkProblems.unknownAnywhere(codes[0]!, catalog));
  return failWith(checkProblems.notUnitCodes(unknown, more));
}

/** Listed codes resolved in the given qualification, or the one they all belong to. */
function resolveListed(codes: Iterable<string>, qualification: string, catalog: Catalog): CheckResult<ListedUnits> {
  const index = qualification.trim() !== '' ? findQualification(catalog, qualification.trim()) : inferQualification(catalog, codes);
  if (!index.ok) return index;
  const resolved = resolveUnits(index.value, codes);
  return resolved.ok ? ok({ index: index.value, units: resolved.value }) : resolved;
}

/** The units a range lists (filtered by status), resolved in the given or inferred qualification. */
export function listedUnits(units: Rows, qualification: string, status: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<ListedUnits> {
  const codes = eachListedCode(units, status, errors);
  if (!codes.ok) return codes;
  if (qualification.trim() === '' && none(codes.value)) {
    return failWith(checkProblems.missingArgument('qualification', 'a qualification such as 4430-02, or a list of unit codes'));
  }
  return resolveListed(codes.value, qualification, catalog);
}

function total(units: readonly Unit[], what: 'credit value' | 'GLH', pick: (u: Unit) => number | null): CheckResult<number> {
  const unknown = units.filter((u) => pick(u) === null).map((u) => u.code);
  if (unknown.length > 0) return failWith(checkProblems.valuesNotStated(what, unknown));
  return ok(units.reduce((sum, u) => sum + (pick(u) ?? 0), 0));
}

/** A total over the listed units; no units listed (and no qualification to check them in) is 0. */
function unitTotal(units: Rows, qualification: string, status: string, catalog: Catalog, errors: readonly CellError[], what: 'credit value' | 'GLH', pick: (u: Unit) => number | null): CheckResult<number> {
  const codes = eachListedCode(units, status, errors);
  if (!codes.ok) return codes;
  if (qualification.trim() === '' && none(codes.value)) return ok(0);
  const listed = resolveListed(codes.value, qualification, catalog);
  return listed.ok ? total(listed.value.units, what, pick) : listed;
}

/** Total credit of the listed units (each counted once), or of those whose status matches. */
export function credits(units: Rows, qualification: string, status: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<number> {
  return unitTotal(units, qualification, status, catalog, errors, 'credit value', (u) => u.credit);
}

/** Total guided learning hours of the listed units (each counted once), or of those whose status matches. */
export function glh(units: Rows, qualification: string, status: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<number> {
  return unitTotal(units, qualification, status, catalog, errors, 'GLH', (u) => u.glh);
}

/**
 * The rules of combination over the listed units: ["Met"], or a line per unmet rule ("Not met: ...")
 * and per rule that cannot be checked ("Cannot be checked: ..."); never "Met" when any cannot be.
 */
export function rules(units: Rows, qualification: string, status: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<string[]> {
  if (qualification.trim() === '') return failWith(checkProblems.missingArgument('qualification', 'a qualification such as 4430-02'));
  const listed = listedUnits(units, qualification, status, catalog, errors);
  if (!listed.ok) return listed;
  return ok(rulesLines(checkRules(listed.value.index, listed.value.units.map((u) => u.code))));
}

/** TRUE when the listed units meet every rule of combination; a Problem when a rule cannot be checked and none is unmet. */
export function qualComplete(units: Rows, qualification: string, status: string, catalog: Catalog, errors: readonly CellError[] = []): CheckResult<boolean> {
  if (qualification.trim() === '') return failWith(checkProblems.missingArgument('qualification', 'a qualification such as 4430-02'));
  const listed = listedUnits(units, qualification, status, catalog, errors);
  if (!listed.ok) return listed;
  const report = checkRules(listed.value.index, listed.value.units.map((u) => u.code));
  if (report.status === 'cannotCheck') return failWith(checkProblems.cannotCheck(rulesLines(report)));
  return ok(report.met);
}

// ---------------------------------------------------------------------------------------------
// Facts from the standard.

export const UNIT_FIELDS = ['title', 'code', 'codes', 'level', 'scqf', 'credit', 'glh', 'detailed', 'items', 'group', 'mandatory', 'simulation'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

const FIELD_ALIASES: Record<string, UnitField> = {
  '': 'title',
  title: 'title',
  name: 'title',
  code: 'code',
  codes: 'codes',
  level: 'level',
  scqf: 'scqf',
  'scqf level': 'scqf',
  scqflevel: 'scqf',
  credit: 'credit',
  credits: 'credit',
  'credit value': 'credit',
  glh: 'glh',
  'guided learning hours': 'glh',
  detailed: 'detailed',
  items: 'items',
  'item count': 'items',
  group: 'group',
  groups: 'group',
  mandatory: 'mandatory',
  simulation: 'simulation',
};

function requiredUnit(catalog: Catalog, unit: string, qualification: string): CheckResult<{ index: QualificationIndex; unit: Unit }> {
  if (unit.trim() === '') return failWith(checkProblems.missingArgument('unit', 'a unit code such as 203'));
  if (qualification.trim() === '') return failWith(checkProblems.missingArgument('qualification', 'a qualification such as 4430-02'));
  return findUnit(catalog, qualification.trim(), unit.trim());
}

/** One fact about a unit: title (default), code, codes, level, scqf, credit, glh, detailed, items, group, mandatory, simulation. */
export function unitInfo(unit: string, qualification: string, field: string, catalog: Catalog): CheckResult<string | number | boolean> {
  const which = FIELD_ALIASES[words(field)];
  if (!which) return failWith(checkProblems.unknownField(field.trim()));
  const found = requiredUnit(catalog, unit, qualification);
  if (!found.ok) return found;
  const u = found.value.unit;
  const q = found.value.index.qualification;
  const stated = (value: number | null, what: string): CheckResult<number> => (value === null ? failWith(checkProblems.notStated(what, u.code)) : ok(value));
  switch (which) {
    case 'title':
      return ok(u.title);
    case 'code':
      return ok(u.code);
    case 'codes':
      return ok(u.codes.map((c) => c.code).join(', '));
    case 'level':
      return stated(u.level, 'level');
    case 'scqf':
      return stated(u.scqfLevel, 'SCQF level');
    case 'credit':
      return stated(u.credit, 'credit value');
    case 'glh':
      return stated(u.glh, 'GLH');
    case 'detailed':
      return ok(u.detailed);
    case 'items':
      return ok(itemIndex(u).items.length);
    case 'group': {
      const groups = q.groups.filter((g) => g.units.includes(u.code)).map((g) => g.title);
      return groups.length > 0 ? ok(groups.join('; ')) : failWith(checkProblems.notStated('group', u.code));
    }
    case 'mandatory':
      return ok(q.groups.some((g) => g.mandatory && g.units.includes(u.code)));
    case 'simulation':
      return ok(u.simulation);
  }
}

/** The text of a criterion, range, knowledge or evidence item (or a lettered item's parent) by its code. */
export function itemText(code: string, unit: string, qualification: string, catalog: Catalog): CheckResult<string> {
  if (code.trim() === '') return failWith(checkProblems.missingArgument('item code', 'an item code such as 1.1'));
  const found = requiredUnit(catalog, unit, qualification);
  if (!found.ok) return found;
  const u = found.value.unit;
  const items = itemIndex(u);
  if (items.items.length === 0) return failWith(checkProblems.notDetailed(u.code));
  const key = normaliseCode(code);
  const item = items.byKey.get(key) ?? items.parents.get(key);
  if (!item) {
    const candidates = items.items.map((i): [string, string] => [normaliseCode(i.code), i.code]);
    return failWith(checkProblems.unknownItem(code.trim(), u.code, closestCodes(code, candidates)));
  }
  return item.text === '' ? failWith(checkProblems.noItemText(item.code, u.code)) : ok(item.text);
}

/** The unit's item codes in the standard's order, all or of one kind (a tracker's header row). */
export function items(unit: string, qualification: string, kind: string, catalog: Catalog): CheckResult<string[]> {
  const which = parseItemKind(kind);
  if (!which.ok) return which;
  const found = requiredUnit(catalog, unit, qualification);
  if (!found.ok) return found;
  const u = found.value.unit;
  const all = itemIndex(u).items;
  if (all.length === 0) return failWith(checkProblems.notDetailed(u.code));
  if (which.value === 'overall') return ok(all.map((i) => i.code));
  const ofKind = all.filter((i) => i.kind === which.value).map((i) => i.code);
  return ofKind.length > 0 ? ok(ofKind) : failWith(checkProblems.noItemsOfKind(u.code, which.value));
}
