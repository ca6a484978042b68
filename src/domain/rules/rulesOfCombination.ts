import type { QualificationIndex } from '../standards/catalog';
import type { Group, Qualification, Rule, Unit } from '../standards/schema';

/*
 * Rules of combination, evaluated from data: every rule in the bundled standards is one of a few
 * kinds (see docs/standards-format.md), so no qualification has code of its own here.
 * A rule whose inputs the standard does not give is "cannot be checked", never "met".
 */

export type RuleStatus = 'met' | 'unmet' | 'cannotCheck';

export interface RuleOutcome {
  rule: Rule;
  status: RuleStatus;
  /** Plain words: what is unmet, or why it cannot be checked; for a met rule, what it asked. */
  message: string;
}

export interface RulesReport {
  status: RuleStatus;
  /** True only when every rule is met (and there are rules to meet). */
  met: boolean;
  outcomes: RuleOutcome[];
  unmet: string[];
  cannotCheck: string[];
  /** Codes given that are not units of this qualification. */
  unknownUnits: string[];
  /** The units counted, resolved from whatever codes were given. */
  units: Unit[];
  credits: { total: number; unknown: string[] };
  glh: { total: number; unknown: string[] };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "optional group Delivery", but "Optional Group D" as printed when the title already says so. */
function groupWords(g: Group): string {
  return /\b(group|units)\b/i.test(g.title) ? g.title : `${g.mandatory ? 'mandatory' : 'optional'} group ${g.title}`;
}

function groupsOf(q: Qualification, ids: readonly string[] | undefined): Group[] {
  return ids ? q.groups.filter((g) => ids.includes(g.id)) : [];
}

/** "from optional group Delivery", "from optional groups A, B" or "" for the whole qualification. */
function scopeWords(q: Qualification, rule: { groups?: string[]; levels?: LevelBand }): string {
  const groups = groupsOf(q, rule.groups);
  let words = '';
  if (groups.length === 1) {
    words = ` from ${groupWords(groups[0]!)}`;
  } else if (groups.length > 1) {
    const kind = groups.every((g) => !g.mandatory) ? 'optional groups' : 'groups';
    words = ` from ${kind} ${groups.map((g) => g.title).join(', ')}`;
  }
  if (rule.levels) words = ` ${levelWords(rule.levels)}${words}`;
  return words;
}

type LevelBand = NonNullable<Extract<Rule, { kind: 'credits' }>['levels']>;

function levelWords(band: LevelBand): string {
  const scale = band.scale === 'scqf' ? 'SCQF level' : 'level';
  if (band.min !== undefined && band.max !== undefined) {
    if (band.min === band.max) return `at ${scale} ${band.min}`;
    if (band.max === band.min + 1) return `at ${scale} ${band.min} or ${band.max}`;
    return `at ${scale} ${band.min} to ${band.max}`;
  }
  if (band.min !== undefined) return `at ${scale} ${band.min} or above`;
  if (band.max !== undefined) return `at ${scale} ${band.max} or below`;
  return `at any ${scale}`;
}

function unitLevel(unit: Unit, scale: 'level' | 'scqf'): number | null {
  return scale === 'scqf' ? unit.scqfLevel : unit.level;
}

/** Units in the rule's scope, split into those that count, those that don't, and those we cannot place. */
function inScope(q: Qualification, rule: { groups?: string[]; levels?: LevelBand }, units: readonly Unit[]) {
  const groupUnits = rule.groups ? new Set(groupsOf(q, rule.groups).flatMap((g) => g.units)) : null;
  const counted: Unit[] = [];
  const unknownLevel: Unit[] = [];
  for (const unit of units) {
    if (groupUnits && !groupUnits.has(unit.code)) continue;
    if (rule.levels) {
      const level = unitLevel(unit, rule.levels.scale);
      if (level === null) {
        unknownLevel.push(unit);
        continue;
      }
      if (rule.levels.min !== undefined && level < rule.levels.min) continue;
      if (rule.levels.max !== undefined && level > rule.levels.max) continue;
    }
    counted.push(unit);
  }
  return { counted, unknownLevel };
}

interface Bounded {
  min?: number;
  max?: number;
}

/**
 * Compare a measured amount with bounds, where `uncertain` extra may or may not count
 * (units whose level or credit the standard does not give).
 */
function judge(
  amount: number,
  uncertain: boolean,
  bounds: Bounded,
  words: { short: (missing: number, min: number) => string; over: (max: number, counted: number) => string; met: string },
  unknownReason: string,
): { status: RuleStatus; message: string } {
  if (bounds.max !== undefined && amount > bounds.max) return { status: 'unmet', message: words.over(bounds.max, amount) };
  if (bounds.min !== undefined && amount < bounds.min) {
    if (uncertain) return { status: 'cannotCheck', message: `cannot be checked: ${unknownReason}` };
    return { status: 'unmet', message: words.short(bounds.min - amount, bounds.min) };
  }
  if (uncertain && bounds.max !== undefined) return { status: 'cannotCheck', message: `cannot be checked: ${unknownReason}` };
  return { status: 'met', message: words.met };
}

function codesList(units: readonly Unit[]): string {
  return units.map((u) => u.code).join(', ');
}

function evaluate(q: Qualification, rule: Rule, units: readonly Unit[]): RuleOutcome {
  const chosen = new Set(units.map((u) => u.code));
  switch (rule.kind) {
    case 'mandatory': {
      const missing = groupsOf(q, rule.groups).flatMap((g) => g.units.filter((c) => !chosen.has(c)));
      if (missing.length === 0) return { rule, status: 'met', message: 'all mandatory units chosen' };
      const titles = missing.map((c) => {
        const unit = q.units.find((u) => u.code === c);
        return unit ? `${c} ${unit.title}` : c;
      });
      return { rule, status: 'unmet', message: `needs mandatory ${missing.length === 1 ? 'unit' : 'units'} ${titles.join('; ')}` };
    }
    case 'unitCount': {
      const { counted, unknownLevel } = inScope(q, rule, units);
      const scope = scopeWords(q, rule);
      const levelUnknown = unknownLevel.length > 0;
      const r = judge(
        counted.length,
        levelUnknown,
        rule,
        {
          short: (missing) => `needs ${missing} more ${missing === 1 ? 'unit' : 'units'}${scope}`,
          over: (max, n) => `at most ${plural(max, 'unit')}${scope}; ${n} chosen`,
          met: `${plural(counted.length, 'unit')}${scope}`,
        },
        `the standard does not state the ${rule.levels?.scale === 'scqf' ? 'SCQF level' : 'level'} of ${codesList(unknownLevel)}`,
      );
      return { rule, ...r };
    }
    case 'credits':
    case 'glh': {
      const { counted, unknownLevel } = inScope(q, rule, units);
      const value = (u: Unit) => (rule.kind === 'credits' ? u.credit : u.glh);
      const unknownValue = counted.filter((u) => value(u) === null);
      const total = counted.reduce((sum, u) => sum + (value(u) ?? 0), 0);
      const scope = scopeWords(q, rule);
      const what = rule.kind === 'credits' ? 'credits' : 'guided learning hours';
      const reasons = [
        unknownValue.length > 0 ? `the standard does not state the ${rule.kind === 'credits' ? 'credit value' : 'GLH'} of ${codesList(unknownValue)}` : '',
        unknownLevel.length > 0 ? `the standard does not state the ${rule.levels?.scale === 'scqf' ? 'SCQF level' : 'level'} of ${codesList(unknownLevel)}` : '',
      ].filter(Boolean);
      // A max is exceeded regardless of unknowns only when every counted unit has a value; unknown-level units may add more.
      const r = judge(
        total,
        reasons.length > 0,
        rule,
        {
          short: (missing, min) => `${missing} ${what} short of the minimum ${min}${scope}`,
          over: (max, n) => `at most ${max} ${what}${scope}; ${n} counted`,
          met: `${total} ${what}${scope}`,
        },
        reasons.join('; '),
      );
      return { rule, ...r };
    }
    case 'unitsPerGroup': {
      const problemsFound: string[] = [];
      for (const g of groupsOf(q, rule.groups)) {
        const n = g.units.filter((c) => chosen.has(c)).length;
        if (rule.min !== undefined && n < rule.min) {
          const missing = rule.min - n;
          problemsFound.push(`needs ${missing} more ${missing === 1 ? 'unit' : 'units'} from ${groupWords(g)}`);
        }
        if (rule.max !== undefined && n > rule.max) problemsFound.push(`at most ${plural(rule.max, 'unit')} from ${groupWords(g)}; ${n} chosen`);
      }
      return problemsFound.length > 0
        ? { rule, status: 'unmet', message: problemsFound.join('; ') }
        : { rule, status: 'met', message: 'every group has enough units' };
    }
  }
}

/** Check a set of units (achieved or planned, by any of their codes) against the qualification's rules. */
export function checkRules(index: QualificationIndex, unitCodes: readonly string[]): RulesReport {
  const q = index.qualification;
  const units: Unit[] = [];
  const unknownUnits: string[] = [];
  for (const raw of unitCodes) {
    const code = String(raw).trim();
    if (code === '') continue;
    const found = index.findUnit(code);
    if (!found.ok) unknownUnits.push(code);
    else if (!units.includes(found.value)) units.push(found.value);
  }
  const outcomes = q.rules.map((rule) => evaluate(q, rule, units));
  const unmet = [
    ...unknownUnits.map((c) => `unit ${c} is not part of ${q.title}`),
    ...outcomes.filter((o) => o.status === 'unmet').map((o) => o.message),
  ];
  const cannotCheck = outcomes.filter((o) => o.status === 'cannotCheck').map((o) => o.message);
  if (q.rules.length === 0) cannotCheck.push('cannot be checked: the standard gives no rules of combination');
  const status: RuleStatus = unmet.length > 0 ? 'unmet' : cannotCheck.length > 0 ? 'cannotCheck' : 'met';
  const sum = (pick: (u: Unit) => number | null) => ({
    total: units.reduce((s, u) => s + (pick(u) ?? 0), 0),
    unknown: units.filter((u) => pick(u) === null).map((u) => u.code),
  });
  return {
    status,
    met: status === 'met',
    outcomes,
    unmet,
    cannotCheck,
    unknownUnits,
    units,
    credits: sum((u) => u.credit),
    glh: sum((u) => u.glh),
  };
}

export interface PathwayPlan {
  report: RulesReport;
  /** What the chosen units still lack, in plain words. */
  stillNeeded: string[];
  /** Units that may still be added without breaking a maximum. */
  canChoose: Unit[];
  /** Units that would break a maximum if added, with the reason. */
  cannotChoose: { unit: Unit; reason: string }[];
  /** Mandatory units, for pre-selecting a pathway. */
  mandatory: Unit[];
}

/** Planning: given the units chosen so far, what is still needed and which units can still be chosen. */
export function planPathway(index: QualificationIndex, chosenCodes: readonly string[]): PathwayPlan {
  const q = index.qualification;
  const report = checkRules(index, chosenCodes);
  const chosen = new Set(report.units.map((u) => u.code));
  const canChoose: Unit[] = [];
  const cannotChoose: { unit: Unit; reason: string }[] = [];
  const maxRules = q.rules.filter((r) => 'max' in r && r.max !== undefined);
  for (const unit of q.units) {
    if (chosen.has(unit.code)) continue;
    const withUnit = [...report.units, unit];
    const broken = maxRules
      .filter((rule) => report.outcomes.find((o) => o.rule === rule)?.status !== 'unmet')
      .map((rule) => evaluate(q, rule, withUnit))
      .find((o) => o.status === 'unmet');
    if (broken) cannotChoose.push({ unit, reason: `would break: ${broken.message}` });
    else canChoose.push(unit);
  }
  const mandatoryCodes = new Set(q.groups.filter((g) => g.mandatory).flatMap((g) => g.units));
  return {
    report,
    stillNeeded: report.outcomes.filter((o) => o.status === 'unmet').map((o) => o.message).concat(
      report.unknownUnits.map((c) => `remove ${c}: not a unit of ${q.title}`),
    ),
    canChoose,
    cannotChoose,
    mandatory: q.units.filter((u) => mandatoryCodes.has(u.code)),
  };
}

/** A rule in plain words, for listings: "at most 7 credits from Optional Group D". */
export function describeRule(q: Qualification, rule: Rule): string {
  const bounds = (what: string) => {
    if (rule.kind === 'mandatory') return '';
    const { min, max } = rule;
    const words = (n: number | undefined) => (n === 1 && what.endsWith('units') ? what.slice(0, -1) : what);
    if (min !== undefined && max !== undefined) return min === max ? `exactly ${min} ${words(min)}` : `${min} to ${max} ${what}`;
    if (min !== undefined) return `at least ${min} ${words(min)}`;
    return `at most ${max} ${words(max)}`;
  };
  switch (rule.kind) {
    case 'mandatory':
      return `every unit of ${groupsOf(q, rule.groups).map(groupWords).join(', ')}`;
    case 'unitCount':
      return `${bounds('units')}${scopeWords(q, rule)}`;
    case 'credits':
      return `${bounds('credits')}${scopeWords(q, rule)}`;
    case 'glh':
      return `${bounds('guided learning hours')}${scopeWords(q, rule)}`;
    case 'unitsPerGroup':
      return `${bounds('units')} from each of ${groupsOf(q, rule.groups).map(groupWords).join(', ')}`;
  }
}
