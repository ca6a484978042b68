import { fail, ok, problems, type Problem, type Result } from '../problems';
import { MAX_CODE_LENGTH } from './limits';
import { normaliseCode } from './codes';
import type { Qualification, Unit } from './schema';

// In a module of its own so that schema.ts can use it without importing the catalog (a cycle).
export { normaliseCode };

/** Levenshtein distance, for "closest known codes". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Suggestions are for a mistyped code or title: a query longer than this (a paragraph pasted into a
 * cell) gets none, so one suggestion costs at most this many characters times each known code.
 */
export const MAX_SUGGESTION_QUERY = 100;

/** Text shown back in a message: a cell of 32,767 characters is shown by its start. */
export function shortened(text: string, max = 40): string {
  const start = text.length > 4 * max ? text.slice(0, 4 * max) : text;
  const oneLine = start.replace(/\s+/g, ' ').trim();
  return oneLine.length > max || start !== text ? `${oneLine.slice(0, max)}… (${text.length.toLocaleString('en-GB')} characters)` : oneLine;
}

/** Could this be a unit code at all? Anything longer than the longest code a standards file may hold is not. */
export function mayBeUnitCode(query: string): boolean {
  if (query.length <= MAX_CODE_LENGTH + 'unit '.length) return true;
  return query.length <= 2 * MAX_CODE_LENGTH && normaliseCode(query).length <= MAX_CODE_LENGTH; // "A / 506 / 2130" spaced out
}

/** Up to `count` display codes nearest to the query, containing matches first; none for a query too long to be a code or title. */
export function closestCodes(query: string, candidates: Iterable<[key: string, display: string]>, count = 5): string[] {
  const q = normaliseCode(query);
  if (q === '' || q.length > MAX_SUGGESTION_QUERY) return [];
  const scored = new Map<string, number>();
  for (const [key, display] of candidates) {
    const score = key.includes(q) || q.includes(key) ? Math.abs(key.length - q.length) * 0.1 : distance(q, key) + 1;
    const previous = scored.get(display);
    if (previous === undefined || score < previous) scored.set(display, score);
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([display]) => display);
}

/** A code index: normalised key -> the things known by it (more than one means ambiguous). */
class CodeIndex<T> {
  private readonly byKey = new Map<string, T[]>();
  constructor(private readonly display: (value: T) => string) {}
  add(key: string, value: T): void {
    const k = normaliseCode(key);
    const list = this.byKey.get(k) ?? [];
    if (!list.includes(value)) list.push(value);
    this.byKey.set(k, list);
  }
  get(query: string): T[] {
    return this.byKey.get(normaliseCode(query)) ?? [];
  }
  *entries(): Iterable<[string, string]> {
    for (const [key, values] of this.byKey) for (const v of values) yield [key, this.display(v)];
  }
}

/** Indexed once per qualification: lookups are map hits (custom functions call these thousands of times). */
export class QualificationIndex {
  private readonly units = new CodeIndex<Unit>((u) => u.code);
  readonly unitByCode = new Map<string, Unit>();
  constructor(readonly qualification: Qualification) {
    for (const unit of qualification.units) {
      this.unitByCode.set(unit.code, unit);
      this.units.add(unit.code, unit);
      for (const c of unit.codes) this.units.add(c.code, unit);
    }
  }

  /** The units known by this code: a map hit, no suggestions (for scanning many cells). "Unit 203" finds 203. */
  unitsKnownBy(query: string): readonly Unit[] {
    const q = String(query ?? '').trim();
    if (!mayBeUnitCode(q)) return [];
    const found = this.units.get(q);
    if (found.length > 0) return found;
    const stripped = q.replace(/^unit\s+/i, '');
    return stripped !== q ? this.units.get(stripped) : [];
  }

  /** One unit by any of its codes; an unknown code is reported with the closest known ones. */
  findUnit(query: string): Result<Unit> {
    const q = String(query ?? '').trim();
    const found = this.unitsKnownBy(q);
    if (found.length === 1) return ok(found[0]!);
    if (found.length > 1) return fail(problems.ambiguousCode(q, 'unit', found.map((u) => `${u.code} ${u.title}`)));
    if (!mayBeUnitCode(q)) return fail(problems.unknownUnit(shortened(q), this.qualification.title, []));
    return fail(problems.unknownUnit(q, this.qualification.title, closestCodes(q, this.units.entries())));
  }

  /** Every code of every unit, for suggestions across qualifications. */
  unitCodeEntries(): Iterable<[string, string]> {
    return this.units.entries();
  }
}

export class Catalog {
  private readonly qualifications = new CodeIndex<QualificationIndex>((q) => q.qualification.id);
  readonly all: readonly QualificationIndex[];

  constructor(qualifications: readonly Qualification[]) {
    this.all = qualifications.map((q) => new QualificationIndex(q));
    for (const index of this.all) {
      const q = index.qualification;
      this.qualifications.add(q.id, index);
      this.qualifications.add(q.title, index);
      for (const id of q.identifiers) this.qualifications.add(id.value, index);
    }
  }

  list(): Qualification[] {
    return this.all.map((i) => i.qualification);
  }

  findQualification(query: string): Result<QualificationIndex> {
    const q = String(query ?? '').trim();
    const found = this.qualifications.get(q);
    if (found.length === 1) return ok(found[0]!);
    if (found.length > 1) return fail(problems.ambiguousCode(q, 'qualification', found.map((i) => i.qualification.id)));
    return fail(problems.unknownQualification(shortened(q, 120), closestCodes(q, this.qualifications.entries())));
  }

  /** Both lookups in one, for the many callers that take (qualification, unit) from a user. */
  findUnit(qualification: string, unit: string): Result<{ index: QualificationIndex; unit: Unit }> {
    const qi = this.findQualification(qualification);
    if (!qi.ok) return qi;
    const u = qi.value.findUnit(unit);
    return u.ok ? ok({ index: qi.value, unit: u.value }) : u;
  }
}

export type { Problem };

