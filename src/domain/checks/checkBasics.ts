import { ok, type Problem, type ProblemKind, type Result } from '../problems';
import { closestCodes, mayBeUnitCode, normaliseCode, shortened, type Catalog, type QualificationIndex } from '../standards/catalog';
import { unitItems, type ItemKind, type RequiredItem } from '../standards/itemCodes';
import type { Unit } from '../standards/schema';
import { columnLetter } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import { cellText } from '../grid/readGrid';

/*
 * What every cell check shares: its problems, the memoised look-ups of qualifications, units and
 * items, and the words its arguments are read in. Re-exported by sheetChecks.ts.
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

export const failWith = <T = never>(problem: CheckProblem): CheckResult<T> => ({ ok: false, problem });

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
export function fromHeaderBlock(problem: Problem): CheckProblem {
  return { ...problem, message: `${problem.message} (from the grid's header block)` };
}

// ---------------------------------------------------------------------------------------------
// Memoised lookups: a cohort summary asks about the same few codes thousands of times, and a failed
// lookup (closest codes by edit distance) is the expensive case, so failures are remembered too.

export type Rows = readonly (readonly RawCell[])[];
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

export function findQualification(catalog: Catalog, query: string): Result<QualificationIndex> {
  return qualificationMemo(catalog, query, () => catalog.findQualification(query));
}

export function findUnitIn(index: QualificationIndex, query: string): Result<Unit> {
  return unitMemo(index, query, () => index.findUnit(query));
}

export function findUnit(catalog: Catalog, qualification: string, unit: string): Result<{ index: QualificationIndex; unit: Unit }> {
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

export function itemIndex(unit: Unit): UnitItemIndex {
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
export function words(s: string): string {
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
// Error cells in a range, and the unit facts a check can ask for.

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
export function errorWhereItCounts(errors: readonly CellError[], what: (e: CellError) => string | undefined): CheckProblem | undefined {
  for (const e of errors) {
    const belongs = what(e);
    if (belongs !== undefined) return checkProblems.errorInRange(e, belongs, errors.length);
  }
  return undefined;
}

export function blank(v: RawCell | undefined): boolean {
  return v === null || v === undefined || cellText(v) === '';
}

export const UNIT_FIELDS = ['title', 'code', 'codes', 'level', 'scqf', 'credit', 'glh', 'detailed', 'items', 'group', 'mandatory', 'simulation'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];
