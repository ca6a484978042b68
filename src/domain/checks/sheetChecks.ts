import { NO_LONGER_IN_PATHWAY, rulesLines } from '../grid/trackerSheet';
import { ok } from '../problems';
import { checkRules } from '../rules/rulesOfCombination';
import { closestCodes, normaliseCode, type Catalog, type QualificationIndex } from '../standards/catalog';
import type { Unit } from '../standards/schema';
import type { RawCell } from '../workbook/sheetValues';
import { normaliseLabel } from '../grid/layout';
import { cellText } from '../grid/readGrid';
import {
  blank,
  checkProblems,
  errorWhereItCounts,
  failWith,
  findQualification,
  findUnit,
  findUnitIn,
  itemIndex,
  parseItemKind,
  words,
  type CellError,
  type CheckResult,
  type Rows,
  type UnitField,
} from './checkBasics';

/*
 * The checks assessors type into cells (the VQ.* custom functions), as plain functions: arguments
 * already coerced (2-D arrays of cells, strings where '' means "not given"), a value or a Problem
 * back, never an exception for anything a user can type. src/functions only maps a Problem's kind
 * to an Excel error. A cohort summary calls these thousands of times, so everything derived from the
 * standards (lookups, item lists) is memoised; only the range itself is read per call. The catalogue
 * is always passed in (never imported here), so the custom functions can load the standards lazily.
 *
 * The checks of grids: gridChecks.ts; problems, look-ups and argument words: checkBasics.ts (both re-exported).
 */


// What callers import from here: the problems, the argument words and the grid checks.
export { checkProblems, parseItemKind, UNIT_FIELDS, type CellError, type CheckProblem, type CheckProblemKind, type CheckResult, type UnitField } from './checkBasics';
export { checkGrid, coverage, missing, unitComplete, type GridCheck } from './gridChecks';

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
