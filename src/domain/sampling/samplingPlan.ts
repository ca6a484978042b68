import { movedCell } from '../grid/inPlaceLayout';
import { z } from 'zod';
import { readGridEvidence, unitMatches, type Cohort, type CohortCandidate } from '../cohort/cohortSummary';
import { candidateIdKey, candidateNameKey, sameCandidate } from '../grid/candidateIdentity';
import { buildCandidateWorkbook, sheetsReplacedBy, type ExistingTable } from '../grid/candidateWorkbook';
import { EVIDENCE_INDEX_TITLE, INDEX_LABELS, refKey } from '../grid/evidenceIndexSheet';
import { SIGN_OFF, normaliseLabel } from '../grid/layout';
import { cellText, readHeaderBlock } from '../grid/readGrid';
import { TOTALS_LABELS, TRACKER_LABELS, TRACKER_TITLE, uniqueTableName } from '../grid/trackerSheet';
import { fail, ok, problems, type Result } from '../problems';
import type { Catalog } from '../standards/catalog';
import { address, emptySheet, isFormula, type CellStyle, type PlanValue, type SheetPlan, type WorkbookPlan } from '../workbook/plan';
import { isoDateToSerial, serialToIsoDate, serialToUkDate, type RawCell, type SheetValues } from '../workbook/sheetValues';
import { takenNames, type ExistingNames } from '../workbook/preflight';

/*
 * Internal verification sampling, CAMERA style (Candidates, Assessors, Methods, Evidence, Records,
 * Assessment sites), over a cohort read from the candidates' grids.
 *
 * What is sampled: an assessment decision. The population is every evidence row an assessor has
 * judged (Accepted or Referred; on an assessor's own tracker without a decision column, every row),
 * grouped by candidate x unit x method x site: one sample row is one such group, with its refs.
 * A group is *summative* when its unit is complete, else *interim*.
 *
 * Rules a plan must meet (checkSamplingPlan names every one it does not):
 *  1. Everything an external verifier or end-point assessor rejected (rates.rejected) is sampled.
 *  2. Coverage over the cycle: for each combination in rates.coverage (default: assessor x unit,
 *     assessor x method, assessor x site, assessor x kind), every combination that OCCURS in the
 *     judged evidence is sampled at least once. Only occurring combinations count (a full cross
 *     product would demand samples of evidence that does not exist), and an unrecorded method or
 *     site is not a method or site to cover. Every assessor, unit, method and site is therefore
 *     covered, and through each assessor. A centre that wants the full cross product of what
 *     occurs adds ["assessor", "unit", "method", "site"].
 *  3. Rates by assessor risk level, counted in candidate-units (a candidate's unit with judged
 *     evidence, sampled when any of its groups is): the first `firstInFull` candidate-units of the
 *     assessor (by earliest evidence date) sampled in full (every group), then at least `percent`%
 *     of the rest, and at least `minPerUnit` candidate-units of each unit the assessor assessed.
 * The generator meets all three (greedy cover with seeded tie-breaks, then seeded random draws for
 * the rates), so the same cohort, rates and seed always give the same plan.
 */

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32): reproducible plans without Math.random.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given generator; returns a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rates: the centre's configuration (a JSON file), validated with clear messages.

export const DIMENSIONS = ['candidate', 'assessor', 'unit', 'method', 'site', 'kind'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const SAMPLE_KINDS = ['interim', 'summative'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

const wholeNumber = z.number({ error: 'expected a whole number of at least 0' }).int('expected a whole number of at least 0').min(0, 'expected a whole number of at least 0');

/** A risk level as a rates file gives it: any field left out comes from the built-in level of that name. */
const riskLevelSchema = z.strictObject({
  /** Percentage (0-100) of the assessor's candidate-units to sample, after the first ones. */
  percent: z.number({ error: 'expected a percentage from 0 to 100' }).min(0, 'expected a percentage from 0 to 100').max(100, 'expected a percentage from 0 to 100').optional(),
  /** The assessor's first N candidate-units are sampled in full (100%). */
  firstInFull: wholeNumber.optional(),
  /** At least this many candidate-units of each unit the assessor assessed. */
  minPerUnit: wholeNumber.optional(),
});

const nonBlank = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text');

const rejectedSchema = z
  .strictObject({
    /** Who rejected it: "EV" (external verifier / EQA), "EPA" (end-point assessor), or as the centre says. */
    by: nonBlank.default('EV'),
    candidate: nonBlank.optional(),
    /** ULN, SCN or registration number, when the candidate has one. */
    candidateId: nonBlank.optional(),
    unit: nonBlank.optional(),
    ref: nonBlank.optional(),
    assessor: nonBlank.optional(),
    note: z.string({ error: 'expected text' }).optional(),
  })
  .refine((r) => r.candidate !== undefined || r.candidateId !== undefined || r.unit !== undefined || r.ref !== undefined || r.assessor !== undefined, {
    message: 'name at least one of candidate, candidateId, unit, ref, assessor',
  });

export const DEFAULT_COVERAGE: Dimension[][] = [
  ['assessor', 'unit'],
  ['assessor', 'method'],
  ['assessor', 'site'],
  ['assessor', 'kind'],
];

export interface RiskLevelRates {
  percent: number;
  firstInFull: number;
  minPerUnit: number;
}

export const DEFAULT_RISK_LEVELS: Readonly<Record<string, RiskLevelRates>> = {
  new: { percent: 50, firstInFull: 3, minPerUnit: 1 },
  experienced: { percent: 10, firstInFull: 0, minPerUnit: 1 },
};

export const ratesSchema = z
  .strictObject({
    // The built-in levels, with the file's levels (and fields) over them.
    riskLevels: z
      .record(nonBlank, riskLevelSchema)
      .default({})
      .transform((given, ctx) => {
        const merged: Record<string, RiskLevelRates> = { ...DEFAULT_RISK_LEVELS };
        for (const [name, level] of Object.entries(given)) {
          const base = DEFAULT_RISK_LEVELS[name];
          const percent = level.percent ?? base?.percent;
          if (percent === undefined) {
            ctx.addIssue({ code: 'custom', path: [name, 'percent'], message: 'expected a percentage from 0 to 100 (a new risk level needs one)' });
            continue;
          }
          merged[name] = { percent, firstInFull: level.firstInFull ?? base?.firstInFull ?? 0, minPerUnit: level.minPerUnit ?? base?.minPerUnit ?? 1 };
        }
        return merged;
      }),
    /** The level of an assessor not named in `assessors`. */
    defaultRisk: nonBlank.default('experienced'),
    /** Assessor name (as on the grids, case ignored) -> risk level. */
    assessors: z.record(z.string(), nonBlank).default({}),
    rejected: z.array(rejectedSchema).default([]),
    coverage: z
      .array(z.array(z.enum(DIMENSIONS, { error: `expected one of ${DIMENSIONS.join(', ')}` })).min(1, 'expected at least one dimension'))
      .default(DEFAULT_COVERAGE),
  })
  .superRefine((r, ctx) => {
    // (Built-in names too: when a level fails validation this runs on the file's levels unmerged.)
    const levels = [...new Set([...Object.keys(DEFAULT_RISK_LEVELS), ...Object.keys(r.riskLevels)])];
    const known = `one of the riskLevels (${levels.join(', ') || 'none given'})`;
    if (!levels.includes(r.defaultRisk)) ctx.addIssue({ code: 'custom', path: ['defaultRisk'], message: `expected ${known}, got "${r.defaultRisk}"` });
    for (const [name, level] of Object.entries(r.assessors)) {
      if (!levels.includes(level)) ctx.addIssue({ code: 'custom', path: ['assessors', name], message: `expected ${known}, got "${level}"` });
    }
  });

export type Rates = z.infer<typeof ratesSchema>;
export type RejectedEntry = Rates['rejected'][number];

export const DEFAULT_RATES: Rates = ratesSchema.parse({});

/** Validate a parsed rates file: one message naming the file, where in it, and what was expected. */
export function parseRates(raw: unknown, file = 'rates'): Result<Rates> {
  const parsed = ratesSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues;
  const messages = issues.slice(0, 5).map((i) => `at ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return fail(problems.badArgument(`${file}: ${messages.join('; ')}${more}`));
}

interface RiskLevel {
  name: string;
  percent: number;
  firstInFull: number;
  minPerUnit: number;
}

function levelOf(rates: Rates, assessor: string): RiskLevel {
  const key = Object.keys(rates.assessors).find((n) => n.trim().toLowerCase() === assessor.trim().toLowerCase());
  const name = key !== undefined ? rates.assessors[key]! : rates.defaultRisk;
  const level = rates.riskLevels[name] ?? { percent: 0, firstInFull: 0, minPerUnit: 0 };
  return { name, ...level };
}

/** Candidate-units to sample: the first ones in full, then the percentage of the rest (rounded up). */
function rateTarget(level: RiskLevel, n: number): { first: number; target: number } {
  const first = Math.min(level.firstInFull, n);
  // The epsilon keeps 10% of 10 at 1 (0.1 * 10 is 1.0000000000000002 in floating point).
  return { first, target: first + Math.ceil((level.percent * (n - first)) / 100 - 1e-9) };
}

function describeLevel(level: RiskLevel): string {
  return `${level.firstInFull > 0 ? `first ${level.firstInFull} in full, then ` : ''}at least ${level.percent}%${level.minPerUnit > 0 ? ` and ${level.minPerUnit} per unit` : ''}`;
}

/** The rates in a line, for the plan sheet. */
export function describeRates(rates: Rates): string {
  const levels = Object.entries(rates.riskLevels).map(([name, l]) => `${name}: ${describeLevel({ name, ...l })}`);
  const named = Object.entries(rates.assessors).map(([a, l]) => `${a} ${l}`);
  return `${levels.join('; ')}. Default level: ${rates.defaultRisk}.${named.length > 0 ? ` Assessors: ${named.join(', ')}.` : ''}${rates.rejected.length > 0 ? ` ${rates.rejected.length} rejected item(s) always sampled.` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// The population: judged evidence, grouped by candidate x unit x method x site.

/** Shown (and read back) for a method or site the grid does not record. */
export const NOT_RECORDED = '(not recorded)';

export interface SamplingGroup {
  id: number;
  candidateKey: string;
  candidate: string;
  candidateId?: string;
  qualification: string;
  file?: string;
  unit: string;
  unitTitle: string;
  codes: string[];
  unitOrder: number;
  sheet: string;
  assessor: string;
  /** '' when not recorded. */
  method: string;
  site: string;
  kind: SampleKind;
  refs: string[];
  firstDate: number | null;
  /** candidateKey + unit: what rates count. */
  candidateUnit: string;
}

export interface CandidateUnit {
  key: string;
  candidate: string;
  unit: string;
  assessor: string;
  groups: SamplingGroup[];
  firstDate: number | null;
}

export interface Population {
  groups: SamplingGroup[];
  candidateUnits: CandidateUnit[];
}

const lower = (s: string) => s.trim().toLowerCase();
// The cohort has already grouped sheets by candidate: its id, else its exact name, keeps two candidates apart.
const candidateKeyOf = (c: Pick<CohortCandidate, 'candidate' | 'candidateId' | 'qualification' | 'file'>) =>
  `${c.file ?? ''}\u0000${candidateIdKey(c.candidateId) || c.candidate}\u0000${c.qualification}`;

export function samplingPopulation(cohort: Cohort): Population {
  const groups: SamplingGroup[] = [];
  const byKey = new Map<string, SamplingGroup>();
  const display = new Map<string, string>(); // first-seen spelling of a method or site
  const spell = (kind: string, v: string) => {
    const k = `${kind}\u0000${lower(v)}`;
    if (!display.has(k)) display.set(k, v.trim());
    return display.get(k)!;
  };
  for (const c of cohort.candidates) {
    const candidateKey = candidateKeyOf(c);
    for (const u of c.units) {
      const kind: SampleKind = u.complete ? 'summative' : 'interim';
      for (const e of u.evidence) {
        if (e.decision === 'pending') continue;
        const method = e.method.trim() === '' ? '' : spell('method', e.method);
        const site = e.site.trim() === '' ? '' : spell('site', e.site);
        const key = `${candidateKey}\u0000${u.unit}\u0000${lower(method)}\u0000${lower(site)}`;
        let g = byKey.get(key);
        if (!g) {
          g = {
            id: groups.length,
            candidateKey,
            candidate: c.candidate,
            ...(c.candidateId !== undefined ? { candidateId: c.candidateId } : {}),
            qualification: c.qualification,
            ...(c.file !== undefined ? { file: c.file } : {}),
            unit: u.unit,
            unitTitle: u.title,
            codes: u.codes,
            unitOrder: u.order,
            sheet: u.sheet,
            assessor: u.assessor,
            method,
            site,
            kind,
            refs: [],
            firstDate: null,
            candidateUnit: `${candidateKey}\u0000${u.unit}`,
          };
          byKey.set(key, g);
          groups.push(g);
        }
        if (!g.refs.includes(e.ref)) g.refs.push(e.ref);
        if (e.date !== null && (g.firstDate === null || e.date < g.firstDate)) g.firstDate = e.date;
      }
    }
  }
  const cus = new Map<string, CandidateUnit>();
  for (const g of groups) {
    let cu = cus.get(g.candidateUnit);
    if (!cu) {
      cu = { key: g.candidateUnit, candidate: g.candidate, unit: g.unit, assessor: g.assessor, groups: [], firstDate: null };
      cus.set(g.candidateUnit, cu);
    }
    cu.groups.push(g);
    if (g.firstDate !== null && (cu.firstDate === null || g.firstDate < cu.firstDate)) cu.firstDate = g.firstDate;
  }
  return { groups, candidateUnits: [...cus.values()] };
}

// ---------------------------------------------------------------------------------------------
// Coverage requirements: the combinations that occur.

interface Requirement {
  key: string;
  text: string;
  /** Assessor x unit requirements, so a per-unit rate gap is not named twice. */
  assessorUnit?: string;
}

function dimValue(g: SamplingGroup, d: Dimension): { key: string; text: string } | null {
  switch (d) {
    case 'candidate':
      return { key: g.candidateKey, text: g.candidate };
    case 'assessor':
      return g.assessor.trim() === '' ? null : { key: lower(g.assessor), text: g.assessor };
    case 'unit':
      return { key: `${g.qualification}\u0000${g.unit}`, text: g.unit };
    case 'method':
      return g.method === '' ? null : { key: lower(g.method), text: g.method };
    case 'site':
      return g.site === '' ? null : { key: lower(g.site), text: g.site };
    case 'kind':
      return { key: g.kind, text: g.kind };
  }
}

/** Requirements each group meets, by the rates' combinations (dimensions in CAMERA order). */
function requirementsOf(groups: readonly SamplingGroup[], rates: Rates): { all: Map<string, Requirement>; byGroup: Map<number, string[]> } {
  const specs = rates.coverage.map((spec) => DIMENSIONS.filter((d) => spec.includes(d)));
  const all = new Map<string, Requirement>();
  const byGroup = new Map<number, string[]>();
  for (const g of groups) {
    const keys: string[] = [];
    for (const dims of specs) {
      const values = dims.map((d) => dimValue(g, d));
      if (values.some((v) => v === null)) continue;
      const key = dims.map((d, i) => `${d}=${values[i]!.key}`).join('\u0001');
      if (!all.has(key)) {
        const isAssessorUnit = dims.length === 2 && dims[0] === 'assessor' && dims[1] === 'unit';
        all.set(key, {
          key,
          text: dims.map((d, i) => `${d} ${values[i]!.text}`).join(' x '),
          ...(isAssessorUnit ? { assessorUnit: `${lower(g.assessor)}\u0000${g.qualification}\u0000${g.unit}` } : {}),
        });
      }
      if (!keys.includes(key)) keys.push(key);
    }
    byGroup.set(g.id, keys);
  }
  return { all, byGroup };
}

function rejectedMatches(entry: RejectedEntry, g: SamplingGroup): boolean {
  if (entry.candidate !== undefined || entry.candidateId !== undefined) {
    // By id when both sides have one, else by name (case and spacing ignored), as everywhere.
    const same =
      entry.candidateId !== undefined && g.candidateId !== undefined
        ? candidateIdKey(entry.candidateId) === candidateIdKey(g.candidateId)
        : entry.candidate !== undefined && candidateNameKey(entry.candidate) === candidateNameKey(g.candidate);
    if (!same) return false;
  }
  if (entry.assessor !== undefined && lower(entry.assessor) !== lower(g.assessor)) return false;
  if (entry.unit !== undefined && !unitMatches({ codes: g.codes }, entry.unit)) return false;
  if (entry.ref !== undefined && !g.refs.some((r) => refKey(r) === refKey(entry.ref!))) return false;
  return true;
}

function rejectedWords(entry: RejectedEntry): string {
  const what = [entry.candidate && `candidate ${entry.candidate}`, entry.assessor && `assessor ${entry.assessor}`, entry.unit && `unit ${entry.unit}`, entry.ref && `ref ${entry.ref}`]
    .filter(Boolean)
    .join(' x ');
  return `rejected by ${entry.by}${entry.note ? ` (${entry.note})` : ''}: ${what}`;
}

function groupWords(g: SamplingGroup): string {
  return `candidate ${g.candidate} x unit ${g.unit} x method ${g.method || NOT_RECORDED} x site ${g.site || NOT_RECORDED}`;
}

// ---------------------------------------------------------------------------------------------
// Checking a plan (made here or by hand) against the rules.

/** One row of a plan as typed: blank method or site means the whole of the candidate's unit. */
export interface PlanEntry {
  candidate: string;
  /** ULN, SCN or registration number: decides who is meant when given. */
  candidateId?: string;
  unit: string;
  method?: string;
  site?: string;
  qualification?: string;
  /** Zero-based sheet row, for messages. */
  row?: number;
}

export interface PlanCheck {
  /** Every rule the plan does not meet, one line each. */
  gaps: string[];
  /** Plan rows that match no judged evidence in the cohort. */
  unmatched: string[];
  /** Rejected items (rates.rejected) that match nothing in the cohort. */
  warnings: string[];
}

function entryMatches(entry: PlanEntry, g: SamplingGroup): boolean {
  if (!sameCandidate({ name: entry.candidate, id: entry.candidateId }, { name: g.candidate, id: g.candidateId })) return false;
  if (entry.qualification !== undefined && entry.qualification.trim() !== '' && lower(entry.qualification) !== lower(g.qualification)) return false;
  if (!unitMatches({ codes: g.codes }, entry.unit)) return false;
  const dim = (typed: string | undefined, actual: string) => {
    const t = (typed ?? '').trim();
    if (t === '') return true; // the whole unit
    return lower(t) === lower(NOT_RECORDED) ? actual === '' : lower(t) === lower(actual);
  };
  return dim(entry.method, g.method) && dim(entry.site, g.site);
}

/** Groups each entry covers. */
function coveredBy(entries: readonly PlanEntry[], population: Population): { covered: Set<number>; unmatched: string[] } {
  const covered = new Set<number>();
  const unmatched: string[] = [];
  for (const e of entries) {
    const hits = population.groups.filter((g) => entryMatches(e, g));
    for (const g of hits) covered.add(g.id);
    if (hits.length === 0) {
      const where = e.row !== undefined ? `row ${e.row + 1}: ` : '';
      unmatched.push(
        `${where}candidate ${e.candidate} x unit ${e.unit}${e.method ? ` x method ${e.method}` : ''}${e.site ? ` x site ${e.site}` : ''} matches no judged evidence in the cohort`,
      );
    }
  }
  return { covered, unmatched };
}

function judge(population: Population, covered: ReadonlySet<number>, rates: Rates, requirements = requirementsOf(population.groups, rates)): PlanCheck {
  const gaps: string[] = [];
  const warnings: string[] = [];

  // 1. Rejected by an external verifier or end-point assessor: every matching group.
  for (const entry of rates.rejected) {
    const hits = population.groups.filter((g) => rejectedMatches(entry, g));
    if (hits.length === 0) warnings.push(`${rejectedWords(entry)} matches no judged evidence in the cohort`);
    for (const g of hits) if (!covered.has(g.id)) gaps.push(`${rejectedWords(entry)}: ${groupWords(g)} not yet sampled`);
  }

  // 2. Coverage of every combination that occurs.
  const met = new Set<string>();
  for (const id of covered) for (const k of requirements.byGroup.get(id) ?? []) met.add(k);
  const unmetAssessorUnits = new Set<string>();
  for (const r of requirements.all.values()) {
    if (met.has(r.key)) continue;
    gaps.push(`${r.text} not yet covered`);
    if (r.assessorUnit) unmetAssessorUnits.add(r.assessorUnit);
  }

  // 3. Rates by assessor risk level.
  for (const [assessor, cus] of byAssessor(population)) {
    const level = levelOf(rates, assessor);
    const who = `assessor ${assessor || '(no assessor named)'} (${level.name})`;
    const { first, target } = rateTarget(level, cus.length);
    for (const cu of firstOf(cus, first)) {
      for (const g of cu.groups) if (!covered.has(g.id)) gaps.push(`${who}: first ${level.firstInFull} candidate-units are sampled in full; ${groupWords(g)} not yet covered`);
    }
    const sampled = (cu: CandidateUnit) => cu.groups.some((g) => covered.has(g.id));
    for (const [unit, ofUnit] of byUnit(cus)) {
      const need = Math.min(level.minPerUnit, ofUnit.length);
      const have = ofUnit.filter(sampled).length;
      const g0 = ofUnit[0]!.groups[0]!;
      // None sampled at all is already named as the assessor x unit coverage gap.
      if (have < need && !(have === 0 && unmetAssessorUnits.has(`${lower(assessor)}\u0000${g0.qualification}\u0000${g0.unit}`))) {
        gaps.push(`${who} x unit ${unit}: ${have} of ${ofUnit.length} candidate-units sampled; at least ${need} needed`);
      }
    }
    const have = cus.filter(sampled).length;
    if (have < target) gaps.push(`${who}: ${have} of ${cus.length} candidate-units sampled; at least ${target} needed (${describeLevel(level)})`);
  }
  return { gaps, unmatched: [], warnings };
}

function byAssessor(population: Population): Map<string, CandidateUnit[]> {
  const out = new Map<string, CandidateUnit[]>();
  const names = new Map<string, string>();
  for (const cu of population.candidateUnits) {
    const k = lower(cu.assessor);
    if (!names.has(k)) names.set(k, cu.assessor);
    const name = names.get(k)!;
    out.set(name, [...(out.get(name) ?? []), cu]);
  }
  return new Map([...out.entries()].sort((a, b) => a[0].localeCompare(b[0])));
}

/** The candidate-units of each unit (qualification and code), with the unit code to show. */
function byUnit(cus: readonly CandidateUnit[]): [string, CandidateUnit[]][] {
  const out = new Map<string, CandidateUnit[]>();
  for (const cu of cus) {
    const g = cu.groups[0]!;
    const k = `${g.qualification}\u0000${g.unit}`;
    out.set(k, [...(out.get(k) ?? []), cu]);
  }
  return [...out.values()].map((v) => [v[0]!.unit, v]);
}

/** The assessor's first `n` candidate-units: earliest evidence first (undated last), then by candidate and unit. */
function firstOf(cus: readonly CandidateUnit[], n: number): CandidateUnit[] {
  if (n <= 0) return [];
  return [...cus]
    .sort((a, b) => (a.firstDate ?? Infinity) - (b.firstDate ?? Infinity) || a.candidate.localeCompare(b.candidate) || a.groups[0]!.unitOrder - b.groups[0]!.unitOrder || a.key.localeCompare(b.key))
    .slice(0, n);
}

/** Check a plan made or edited by hand the same way the generator's plans are: every gap named. */
export function checkSamplingPlan(entries: readonly PlanEntry[], cohort: Cohort, rates: Rates = DEFAULT_RATES): PlanCheck {
  const population = samplingPopulation(cohort);
  const { covered, unmatched } = coveredBy(entries, population);
  return { ...judge(population, covered, rates), unmatched };
}

// ---------------------------------------------------------------------------------------------
// Generating a plan.

export interface SampleRow {
  candidate: string;
  candidateId?: string;
  qualification: string;
  assessor: string;
  unit: string;
  unitTitle: string;
  /** NOT_RECORDED when the grid does not record it. */
  method: string;
  site: string;
  kind: SampleKind;
  reason: string;
  evidence: string[];
  sheet: string;
  file?: string;
}

export interface SamplingPlan {
  seed: number;
  rows: SampleRow[];
  /** What the plan does not meet (empty for a generated plan: it meets every rule). */
  gaps: string[];
  warnings: string[];
}

function toRow(g: SamplingGroup, reasons: string[]): SampleRow {
  return {
    candidate: g.candidate,
    ...(g.candidateId !== undefined ? { candidateId: g.candidateId } : {}),
    qualification: g.qualification,
    assessor: g.assessor,
    unit: g.unit,
    unitTitle: g.unitTitle,
    method: g.method || NOT_RECORDED,
    site: g.site || NOT_RECORDED,
    kind: g.kind,
    reason: reasons.join('; '),
    evidence: g.refs,
    sheet: g.sheet,
    ...(g.file !== undefined ? { file: g.file } : {}),
  };
}

/** The plan row as a PlanEntry, so a generated plan is checked exactly as a hand-made one. */
export function entryOf(row: Pick<SampleRow, 'candidate' | 'candidateId' | 'unit' | 'method' | 'site' | 'qualification'>): PlanEntry {
  return { candidate: row.candidate, ...(row.candidateId !== undefined ? { candidateId: row.candidateId } : {}), unit: row.unit, method: row.method, site: row.site, qualification: row.qualification };
}

export function makeSamplingPlan(cohort: Cohort, rates: Rates = DEFAULT_RATES, seed = 1): SamplingPlan {
  const population = samplingPopulation(cohort);
  const random = mulberry32(seed);
  const requirements = requirementsOf(population.groups, rates);
  const chosen = new Map<number, string[]>();
  const choose = (g: SamplingGroup, reason: string) => {
    const reasons = chosen.get(g.id) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    chosen.set(g.id, reasons);
  };

  // 1. Everything rejected by an external verifier or end-point assessor.
  for (const entry of rates.rejected) {
    for (const g of population.groups) if (rejectedMatches(entry, g)) choose(g, `Rejected by ${entry.by}${entry.note ? `: ${entry.note}` : ''}`);
  }

  // 2. New assessors' first decisions, in full.
  const assessors = byAssessor(population);
  for (const [, cus] of assessors) {
    const level = levelOf(rates, cus[0]!.assessor);
    const { first } = rateTarget(level, cus.length);
    for (const cu of firstOf(cus, first)) for (const g of cu.groups) choose(g, `${level.name} assessor: first ${level.firstInFull} candidate-units sampled in full`);
  }

  // 3. CAMERA coverage: greedy set cover, ties broken by a seeded shuffle.
  const rank = new Map(shuffled(population.groups, random).map((g, i) => [g.id, i]));
  const met = new Set<string>();
  for (const id of chosen.keys()) for (const k of requirements.byGroup.get(id) ?? []) met.add(k);
  for (;;) {
    let best: SamplingGroup | undefined;
    let bestGain = 0;
    for (const g of population.groups) {
      const gain = (requirements.byGroup.get(g.id) ?? []).filter((k) => !met.has(k)).length;
      if (gain > bestGain || (gain === bestGain && gain > 0 && best && rank.get(g.id)! < rank.get(best.id)!)) {
        best = g;
        bestGain = gain;
      }
    }
    if (!best) break;
    const fresh = (requirements.byGroup.get(best.id) ?? []).filter((k) => !met.has(k));
    for (const k of fresh) met.add(k);
    choose(best, `Coverage: ${fresh.map((k) => requirements.all.get(k)!.text).join('; ')}`);
  }

  // 4. Rates: at least minPerUnit per unit, then the percentage; random candidate-units, a random group of each.
  const sampled = (cu: CandidateUnit) => cu.groups.some((g) => chosen.has(g.id));
  const draw = (pool: CandidateUnit[], n: number, reason: string) => {
    for (const cu of shuffled(pool.filter((x) => !sampled(x)), random).slice(0, Math.max(0, n))) {
      const g = cu.groups[Math.floor(random() * cu.groups.length)]!;
      choose(g, reason);
    }
  };
  for (const [, cus] of assessors) {
    const level = levelOf(rates, cus[0]!.assessor);
    for (const [, ofUnit] of byUnit(cus)) {
      const need = Math.min(level.minPerUnit, ofUnit.length) - ofUnit.filter(sampled).length;
      draw(ofUnit, need, `Rate: at least ${level.minPerUnit} per unit (${level.name} assessor)`);
    }
    const { target } = rateTarget(level, cus.length);
    draw(cus, target - cus.filter(sampled).length, `Rate: ${describeLevel(level)} of candidate-units (${level.name} assessor; ${target} of ${cus.length})`);
  }

  const groups = population.groups.filter((g) => chosen.has(g.id));
  const rows = groups
    .sort(
      (a, b) =>
        a.assessor.localeCompare(b.assessor) ||
        a.candidate.localeCompare(b.candidate) ||
        (a.file ?? '').localeCompare(b.file ?? '') ||
        a.qualification.localeCompare(b.qualification) ||
        a.unitOrder - b.unitOrder ||
        a.method.localeCompare(b.method) ||
        a.site.localeCompare(b.site),
    )
    .map((g) => toRow(g, chosen.get(g.id)!));
  const check = judge(population, new Set(groups.map((g) => g.id)), rates, requirements);
  return { seed, rows, gaps: check.gaps, warnings: check.warnings };
}

/** The `sample --json` contract. */
export function samplingReport(plan: Pick<SamplingPlan, 'rows' | 'gaps' | 'warnings'> & { seed?: number }) {
  return {
    ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
    sample: plan.rows.map((r) => ({
      candidate: r.candidate,
      ...(r.candidateId !== undefined ? { candidateId: r.candidateId } : {}),
      assessor: r.assessor,
      unit: r.unit,
      method: r.method,
      site: r.site,
      kind: r.kind,
      reason: r.reason,
      qualification: r.qualification,
      evidence: r.evidence,
      ...(r.file !== undefined ? { file: r.file } : {}),
    })),
    gaps: plan.gaps,
    warnings: plan.warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// The plan as a sheet: who and what to sample and why, with columns to record the sample.

export const SAMPLING_SHEET = 'Sampling plan';
export const SAMPLING_TITLE = 'Internal verification sampling plan (CAMERA)';
export const SAMPLING_ROWS = { title: 0, seed: 1, rates: 2, coverage: 3, note: 4, header: 6, first: 7 } as const;

export const SAMPLING_FIELDS = [
  'candidate',
  'candidateId',
  'qualification',
  'unit',
  'unitTitle',
  'assessor',
  'method',
  'site',
  'kind',
  'evidence',
  'reason',
  'sheet',
  'file',
  'ivInitials',
  'dateSampled',
  'outcome',
  'actions',
] as const;
export type SamplingField = (typeof SAMPLING_FIELDS)[number];

export const SAMPLING_LABELS: Record<SamplingField, string> = {
  candidate: 'Candidate',
  candidateId: 'Candidate id',
  // Not "Qualification" or "Unit": a grid's header-block labels would make readers take the plan for a grid.
  qualification: 'Qualification code',
  unit: 'Unit code',
  unitTitle: 'Unit title',
  assessor: 'Assessor',
  method: 'Method',
  site: 'Site',
  kind: 'Kind',
  evidence: 'Evidence',
  reason: 'Why',
  sheet: 'Grid sheet',
  file: 'File',
  ivInitials: 'IV initials',
  dateSampled: 'Date sampled',
  outcome: 'Outcome',
  actions: 'Actions',
};

const SAMPLING_SYNONYMS: Record<SamplingField, string[]> = {
  candidate: ['candidate', 'learner', 'candidate name'],
  candidateId: ['candidate id', 'uln', 'scn', 'registration number', 'registration no', 'learner id'],
  qualification: ['qualification code', 'qualification', 'qualification id'],
  unit: ['unit code', 'unit', 'unit no'],
  unitTitle: ['unit title', 'title'],
  assessor: ['assessor'],
  method: ['method', 'assessment method'],
  site: ['site', 'assessment site', 'location'],
  kind: ['kind', 'interim / summative', 'interim or summative', 'sample type', 'type'],
  evidence: ['evidence', 'evidence refs', 'refs', 'evidence ref'],
  reason: ['why', 'reason'],
  sheet: ['grid sheet', 'sheet'],
  file: ['file', 'workbook'],
  ivInitials: ['iv initials', 'iv', 'verifier initials', 'initials'],
  dateSampled: ['date sampled', 'iv date', 'date'],
  outcome: ['outcome', 'iv outcome', 'decision'],
  actions: ['actions', 'action', 'actions agreed', 'feedback'],
};

export const OUTCOMES = ['Agreed', 'Agreed with actions', 'Not agreed'] as const;
export const GAPS_HEADING = 'Gaps';
const DATE_FORMAT = 'dd/mm/yyyy';

export interface SamplingSheetOptions {
  sheetName?: string;
  /** ISO date the plan was made. */
  asOf?: string;
  rates?: Rates;
  takenTableNames?: Iterable<string>;
}

export interface BuiltSamplingSheet {
  sheet: SheetPlan;
  tableName: string;
  /** Zero-based column of each field. */
  columns: Record<SamplingField, number>;
}

export function buildSamplingSheet(plan: SamplingPlan, options: SamplingSheetOptions = {}): BuiltSamplingSheet {
  const rates = options.rates ?? DEFAULT_RATES;
  const sheet = emptySheet(options.sheetName ?? SAMPLING_SHEET, 'sampling');
  const rows: PlanValue[][] = [];
  const set = (r: number, c: number, v: PlanValue) => ((rows[r] ??= [])[c] = v);
  const col = Object.fromEntries(SAMPLING_FIELDS.map((f, i) => [f, i])) as Record<SamplingField, number>;
  const width = SAMPLING_FIELDS.length;
  const first = SAMPLING_ROWS.first;
  const last = first + Math.max(plan.rows.length, 1) - 1;

  set(SAMPLING_ROWS.title, 0, SAMPLING_TITLE);
  set(SAMPLING_ROWS.seed, 0, 'Seed');
  set(SAMPLING_ROWS.seed, 1, plan.seed);
  if (options.asOf) {
    set(SAMPLING_ROWS.seed, 3, 'Made on');
    set(SAMPLING_ROWS.seed, 4, { date: options.asOf });
  }
  set(SAMPLING_ROWS.rates, 0, 'Rates');
  set(SAMPLING_ROWS.rates, 1, describeRates(rates));
  set(SAMPLING_ROWS.coverage, 0, 'Coverage');
  set(
    SAMPLING_ROWS.coverage,
    1,
    `Over the cycle, every combination that occurs in the judged evidence of: ${rates.coverage.map((c) => DIMENSIONS.filter((d) => c.includes(d)).join(' x ')).join('; ')}. Interim: unit in progress; summative: unit complete.`,
  );
  set(
    SAMPLING_ROWS.note,
    0,
    'One row per sample: a candidate\'s judged evidence for a unit by one method at one site. A blank Method or Site means the whole unit. Record the sample in the last four columns (IV initials, date, outcome, actions); "vq-matrix sample --record" then marks the tracker, evidence index and grid sign-off without overwriting anything. "vq-matrix sample --check" names every gap in an edited plan.',
  );
  SAMPLING_FIELDS.forEach((f, c) => set(SAMPLING_ROWS.header, c, SAMPLING_LABELS[f]));
  plan.rows.forEach((r, i) => {
    const at = first + i;
    const values: Record<SamplingField, PlanValue> = {
      candidate: r.candidate,
      candidateId: r.candidateId ?? null,
      qualification: r.qualification,
      unit: r.unit,
      unitTitle: r.unitTitle,
      assessor: r.assessor,
      method: r.method,
      site: r.site,
      kind: r.kind === 'interim' ? 'Interim' : 'Summative',
      evidence: r.evidence.join(', '),
      reason: r.reason,
      sheet: r.sheet,
      file: r.file ?? null,
      ivInitials: null,
      dateSampled: null,
      outcome: null,
      actions: null,
    };
    for (const f of SAMPLING_FIELDS) set(at, col[f], values[f]);
  });
  if (plan.rows.length === 0) set(first, 0, null);
  const gapsRow = last + 2;
  set(gapsRow, 0, GAPS_HEADING);
  const gapLines = plan.gaps.length > 0 ? plan.gaps : ['None: the plan meets its coverage rules and rates.'];
  gapLines.forEach((g, i) => set(gapsRow + 1 + i, 0, g));
  const warningLines = plan.warnings.map((w) => `Warning: ${w}`);
  warningLines.forEach((w, i) => set(gapsRow + 1 + gapLines.length + i, 0, w));
  const lastRow = gapsRow + gapLines.length + warningLines.length;
  sheet.blocks.push({ row: 0, col: 0, values: Array.from({ length: lastRow + 1 }, (_, r) => Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? null)) });

  const tableName = uniqueTableName('SamplingPlan', options.takenTableNames);
  sheet.tables.push({ name: tableName, range: { row: SAMPLING_ROWS.header, col: 0, endRow: last, endCol: width - 1 }, style: 'TableStyleMedium4', showFilter: true });

  const style = (row: number, c: number, endRow: number, endCol: number, s: CellStyle) => sheet.styles.push({ range: { row, col: c, endRow, endCol }, style: s });
  style(0, 0, 0, 0, { bold: true, fontSize: 14 });
  style(SAMPLING_ROWS.seed, 0, SAMPLING_ROWS.coverage, 0, { bold: true });
  style(SAMPLING_ROWS.seed, 3, SAMPLING_ROWS.seed, 3, { bold: true });
  style(SAMPLING_ROWS.rates, 1, SAMPLING_ROWS.coverage, 1, { wrap: true, vertical: 'top' });
  for (const r of [SAMPLING_ROWS.rates, SAMPLING_ROWS.coverage]) sheet.merges.push({ row: r, col: 1, endCol: 9 });
  sheet.merges.push({ row: SAMPLING_ROWS.note, col: 0, endCol: 9 });
  style(SAMPLING_ROWS.note, 0, SAMPLING_ROWS.note, 0, { italic: true, wrap: true });
  style(SAMPLING_ROWS.header, 0, SAMPLING_ROWS.header, width - 1, { bold: true, wrap: true, vertical: 'bottom' });
  style(first, 0, last, width - 1, { vertical: 'top' });
  style(first, col.unit, last, col.unit, { numberFormat: '@' });
  style(first, col.evidence, last, col.reason, { wrap: true, fontSize: 9 });
  style(first, col.dateSampled, last, col.dateSampled, { numberFormat: DATE_FORMAT });
  style(first, col.actions, last, col.actions, { wrap: true });
  style(first, col.ivInitials, last, col.actions, { fill: '#FFF2CC' });
  style(gapsRow, 0, gapsRow, 0, { bold: true, fontSize: 12 });
  if (plan.gaps.length > 0) style(gapsRow + 1, 0, gapsRow + plan.gaps.length, 0, { fontColor: '#9C0006' });
  const widths: Record<SamplingField, number> = {
    candidate: 20,
    candidateId: 13,
    qualification: 14,
    unit: 10,
    unitTitle: 30,
    assessor: 16,
    method: 16,
    site: 16,
    kind: 11,
    evidence: 14,
    reason: 40,
    sheet: 22,
    file: 18,
    ivInitials: 9,
    dateSampled: 12,
    outcome: 16,
    actions: 30,
  };
  SAMPLING_FIELDS.forEach((f, c) => sheet.columnWidths.push({ col: c, width: widths[f] }));
  if (!plan.rows.some((r) => r.file !== undefined)) sheet.hiddenColumns.push(col.file);
  sheet.rowHeights.push({ row: SAMPLING_ROWS.rates, height: 30 }, { row: SAMPLING_ROWS.coverage, height: 30 }, { row: SAMPLING_ROWS.note, height: 45 });
  sheet.validations.push(
    { range: { row: first, col: col.kind, endRow: last }, list: ['Interim', 'Summative'], allowBlank: true, errorTitle: 'Kind of sample', errorMessage: 'Interim (unit in progress) or Summative (unit complete).' },
    { range: { row: first, col: col.outcome, endRow: last }, list: [...OUTCOMES], allowBlank: true, errorTitle: 'Outcome', errorMessage: `One of: ${OUTCOMES.join(', ')}.` },
  );
  const outcomeTop = address({ row: first, col: col.outcome });
  const outcomes = { row: first, col: col.outcome, endRow: last };
  sheet.conditionalFormats.push(
    { range: outcomes, formula: `=${outcomeTop}="Agreed"`, style: { fill: '#C6EFCE', fontColor: '#006100' } },
    { range: outcomes, formula: `=${outcomeTop}="Agreed with actions"`, style: { fill: '#FFEB9C', fontColor: '#9C5700' } },
    { range: outcomes, formula: `=${outcomeTop}="Not agreed"`, style: { fill: '#FFC7CE', fontColor: '#9C0006', bold: true } },
  );
  sheet.freeze = { rows: first, cols: 1 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: SAMPLING_ROWS.header, to: SAMPLING_ROWS.header } };
  sheet.tabColor = '#BF8F00';
  return { sheet, tableName, columns: col };
}

// ---------------------------------------------------------------------------------------------
// Reading a plan sheet back (generated, edited or typed by hand).

export interface PlanSheetRow extends PlanEntry {
  assessor?: string;
  kind?: string;
  reason?: string;
  evidence: string[];
  ivInitials: string;
  dateSampled: RawCell;
  outcome: string;
  actions: string;
  file?: string;
  /** The grid sheet the plan names (a hint: the candidate and unit decide). */
  sheet?: string;
}

const HEADER_SCAN_ROWS = 40;

function samplingField(label: string): SamplingField | undefined {
  return SAMPLING_FIELDS.find((f) => SAMPLING_SYNONYMS[f].includes(label));
}

/** Rows of a sampling plan sheet: the header is found by its labels, so columns may be moved. */
export function readSamplingPlan(values: readonly (readonly RawCell[])[]): Result<PlanSheetRow[]> {
  let headerRow = -1;
  for (let r = 0; r < Math.min(values.length, HEADER_SCAN_ROWS) && headerRow < 0; r++) {
    const fields = (values[r] ?? []).map((v) => samplingField(normaliseLabel(v ?? null)));
    if (fields.includes('candidate') && fields.includes('unit')) headerRow = r;
  }
  if (headerRow < 0) return fail(problems.notAGrid(`No header row with "${SAMPLING_LABELS.candidate}" and "${SAMPLING_LABELS.unit}" in the first ${HEADER_SCAN_ROWS} rows: not a sampling plan.`));
  const cols = new Map<SamplingField, number>();
  (values[headerRow] ?? []).forEach((v, c) => {
    const f = samplingField(normaliseLabel(v ?? null));
    if (f && !cols.has(f)) cols.set(f, c);
  });
  const out: PlanSheetRow[] = [];
  for (let r = headerRow + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const get = (f: SamplingField): RawCell => (cols.has(f) ? (row[cols.get(f)!] ?? null) : null);
    const t = (f: SamplingField) => cellText(get(f));
    // A row cleared by hand is skipped; the plan ends at the Gaps heading below the table.
    if (normaliseLabel(row[0] ?? null) === normaliseLabel(GAPS_HEADING)) break;
    if (t('candidate') === '' || t('unit') === '') continue;
    const entry: PlanSheetRow = {
      candidate: t('candidate'),
      unit: t('unit'),
      evidence: t('evidence')
        .split(/[,;]/)
        .map((x) => x.trim())
        .filter(Boolean),
      ivInitials: t('ivInitials'),
      dateSampled: get('dateSampled'),
      outcome: t('outcome'),
      actions: t('actions'),
      row: r,
    };
    for (const f of ['candidateId', 'method', 'site', 'qualification', 'assessor', 'kind', 'reason', 'file', 'sheet'] as const) if (t(f) !== '') entry[f] = t(f);
    out.push(entry);
  }
  return ok(out);
}

// ---------------------------------------------------------------------------------------------
// Recording a sample: fill the tracker, evidence index and grid sign-off, never overwrite.

export interface RecordedSample {
  candidate: string;
  candidateId?: string;
  /** The candidate's sheets, when the caller has found them in the cohort (else found by candidate and unit). */
  sheets?: { grid: string; tracker?: string; evidenceIndex?: string };
  qualification?: string;
  unit: string;
  method?: string;
  site?: string;
  /** Evidence refs sampled; when none, every judged ref of the unit matching method and site. */
  evidence?: string[];
  /** The internal verifier's initials (evidence index). */
  initials: string;
  /** The verifier's name for the tracker and sign-off; the initials when not given. */
  verifier?: string;
  /** Excel serial date, or ISO yyyy-mm-dd / dd/mm/yyyy text. */
  date: RawCell;
}

export interface CellEdit {
  sheet: string;
  row: number;
  col: number;
  value: RawCell;
  /** What the cell is, in words ("IV sampled, unit 4430-203"). */
  what: string;
}

export interface Recording {
  edits: CellEdit[];
  /** Cells that already hold something different: left as they are, named here. */
  conflicts: string[];
  /** Cells that already hold the same value. */
  alreadyRecorded: number;
  /** Things that could not be found (no grid, no tracker row, a ref not in the index). */
  notFound: string[];
  /** The sheets with the edits applied (for a rebuild through the builders). */
  sheets: SheetValues[];
  /** Per candidate (name, qualification id): the sheets edited. */
  touched: { candidate: string; candidateId?: string; qualification: string; sheets: string[] }[];
  /** Per sample, in order: cells filled and cells that already held the same entry. */
  perSample: { written: number; alreadyRecorded: number }[];
}

/** Tracker column added by recording (the tracker has no IV date column of its own); a rebuild keeps it as the user's. */
export const TRACKER_IV_DATE = 'IV date';

function toSerial(v: RawCell): RawCell {
  if (typeof v === 'number') return v;
  const s = cellText(v);
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isoDateToSerial(`${m[1]}-${m[2]}-${m[3]}`);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return isoDateToSerial(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
  return s === '' ? null : s;
}

const YES = /^(yes|y|true|✓|✔|x)$/i;

/** Same entry, as a person would read it: "yes" is "Yes", 01/03/2025 is the serial of that day. */
function sameEntry(current: RawCell, value: RawCell): boolean {
  if (typeof value === 'number') return toSerial(current) === value;
  const a = cellText(current).toLowerCase();
  const b = cellText(value).toLowerCase();
  if (a === b) return true;
  return (current === true || YES.test(a)) && YES.test(b);
}

function display(v: RawCell): string {
  return typeof v === 'number' && v > 20000 && v < 80000 ? serialToUkDate(v) : cellText(v);
}

/** Copy-on-write values of the sheets being edited. */
class Edits {
  readonly edits: CellEdit[] = [];
  readonly conflicts: string[] = [];
  alreadyRecorded = 0;
  private readonly copies = new Map<string, RawCell[][]>();
  constructor(private readonly sheets: readonly SheetValues[]) {}

  values(sheet: string): RawCell[][] {
    let v = this.copies.get(sheet);
    if (!v) {
      v = (this.sheets.find((s) => s.name === sheet)?.values ?? []).map((row) => [...row]);
      this.copies.set(sheet, v);
    }
    return v;
  }

  /**
   * Fill the blank cells of one record (a sign-off, a tracker row, an index row). A cell holding
   * the same entry is fine; a cell holding anything else is a conflict: it is named and the whole
   * record is left as it is, so a date is never written beside someone else's initials.
   */
  fill(sheet: string, cells: readonly { row: number; col: number; value: RawCell; what: string }[]): boolean {
    const values = this.values(sheet);
    const current = (c: { row: number; col: number }) => values[c.row]?.[c.col] ?? null;
    const clashes = cells.filter((c) => cellText(current(c)) !== '' && !sameEntry(current(c), c.value));
    if (clashes.length > 0) {
      for (const c of clashes) this.conflicts.push(`${sheet}!${address({ row: c.row, col: c.col })} (${c.what}) already holds "${display(current(c))}", not "${display(c.value)}"; left as it is`);
      return false;
    }
    for (const c of cells) {
      if (cellText(current(c)) !== '') {
        this.alreadyRecorded++;
        continue;
      }
      while (values.length <= c.row) values.push([]);
      const line = values[c.row]!;
      while (line.length <= c.col) line.push(null);
      line[c.col] = c.value;
      this.edits.push({ sheet, ...c });
    }
    return true;
  }

  result(): SheetValues[] {
    return this.sheets.map((s) => {
      const v = this.copies.get(s.name);
      // Formulas are dropped from an edited copy: the builders read values only.
      return v ? { name: s.name, values: v } : s;
    });
  }
}

function findLabelCol(row: readonly RawCell[], labels: readonly string[]): number {
  const wanted = labels.map((l) => normaliseLabel(l));
  return row.findIndex((v) => wanted.includes(normaliseLabel(v ?? null)));
}

/**
 * Record samples in the candidates' own sheets: tracker (IV sampled Yes, internal verifier, IV
 * date), evidence index (sampled by IV initials, IV date) and the grid's sign-off (sampled Yes,
 * verifier, date verified). Only blank cells are filled; a cell holding something else is a
 * conflict, named and left. The result's sheets go through the builders (rebuildRecorded).
 */
export function recordSamples(sheets: readonly SheetValues[], samples: readonly RecordedSample[], catalog: Catalog): Recording {
  const edits = new Edits(sheets);
  const notFound: string[] = [];
  const touched = new Map<string, { candidate: string; candidateId?: string; qualification: string; sheets: Set<string> }>();
  const headers = sheets.map((s) => ({ sheet: s, header: readHeaderBlock(s.values) }));
  const perSample: Recording['perSample'] = [];
  const isCandidate = (header: { candidate?: string; candidateId?: string }, who: { candidate: string; candidateId?: string }) =>
    header.candidate !== undefined && sameCandidate({ name: header.candidate, id: header.candidateId }, { name: who.candidate, id: who.candidateId });

  for (const sample of samples) {
    const before = { written: edits.edits.length, already: edits.alreadyRecorded };
    recordOne(sample);
    perSample.push({ written: edits.edits.length - before.written, alreadyRecorded: edits.alreadyRecorded - before.already });
  }

  function recordOne(sample: RecordedSample): void {
    const who = `${sample.candidate} unit ${sample.unit}`;
    // The candidate's grid for the unit: the sheet the caller found, else by candidate and unit.
    const grid = headers
      .map(({ sheet, header }) => {
        if (!header.unit) return undefined;
        if (sample.sheets ? sheet.name !== sample.sheets.grid : !isCandidate(header, sample)) return undefined;
        const found = catalog.findUnit(header.qualificationId ?? header.qualification ?? '', header.unit);
        if (!found.ok) return undefined;
        const { index, unit } = found.value;
        if (sample.qualification && lower(sample.qualification) !== lower(index.qualification.id)) return undefined;
        if (!unitMatches({ codes: [unit.code, ...unit.codes.map((c) => c.code)] }, sample.unit)) return undefined;
        return { sheet, candidate: header.candidate!, index, unit };
      })
      .find((x) => x !== undefined);
    if (!grid) {
      notFound.push(`${who}: no grid for this candidate and unit`);
      return;
    }
    const q = grid.index.qualification;
    const gridId = readHeaderBlock(grid.sheet.values).candidateId ?? sample.candidateId;
    const key = `${candidateIdKey(gridId) || grid.candidate}\u0000${q.id}`;
    const t = touched.get(key) ?? { candidate: grid.candidate, ...(gridId !== undefined ? { candidateId: gridId } : {}), qualification: q.id, sheets: new Set<string>() };
    touched.set(key, t);
    const verifier = sample.verifier?.trim() || sample.initials.trim();
    const date = toSerial(sample.date);
    const unitWords = `unit ${grid.unit.code}`;

    // Grid sign-off, found by its labels.
    const gv = edits.values(grid.sheet.name);
    const signOff: [string, RawCell][] = [
      [SIGN_OFF.sampled, 'Yes'],
      [SIGN_OFF.verifier, verifier],
      [SIGN_OFF.verifierDate, date],
    ];
    const signOffCells: { row: number; col: number; value: RawCell; what: string }[] = [];
    for (const [label, value] of signOff) {
      const r = gv.findIndex((row) => findLabelCol(row, [label]) >= 0);
      if (r < 0) {
        notFound.push(`${grid.sheet.name}: no "${label}" in the sign-off`);
        continue;
      }
      const c = findLabelCol(gv[r]!, [label]);
      const filledAt = gv[r]!.findIndex((v, i) => i > c && cellText(v ?? null) !== '');
      signOffCells.push({ row: r, col: filledAt >= 0 ? filledAt : c === 0 ? 3 : c + 1, value, what: `${label}, ${unitWords}` });
    }
    if (signOffCells.length > 0 && edits.fill(grid.sheet.name, signOffCells)) t.sheets.add(grid.sheet.name);

    // Tracker: the unit's row.
    const owner = { candidate: grid.candidate, candidateId: gridId };
    const tracker = headers.find(
      ({ sheet, header }) =>
        cellText(sheet.values[0]?.[0] ?? null) === TRACKER_TITLE &&
        (sample.sheets ? sheet.name === sample.sheets.tracker : isCandidate(header, owner)) &&
        (header.qualificationId === undefined || header.qualificationId === q.id),
    );
    if (!tracker) notFound.push(`${who}: no unit progress record (tracker)`);
    else {
      const tv = edits.values(tracker.sheet.name);
      const hr = tv.findIndex((row, r) => r < HEADER_SCAN_ROWS && findLabelCol(row, [TRACKER_LABELS.unitCode]) >= 0);
      if (hr < 0) notFound.push(`${tracker.sheet.name}: no "${TRACKER_LABELS.unitCode}" header`);
      else {
        const header = tv[hr]!;
        const codeCol = findLabelCol(header, [TRACKER_LABELS.unitCode]);
        const sampledCol = findLabelCol(header, [TRACKER_LABELS.sampled, 'sampled', 'sampled by iv']);
        const ivCol = findLabelCol(header, [TRACKER_LABELS.internalVerifier, 'iv', 'verifier']);
        let dateCol = findLabelCol(header, [TRACKER_IV_DATE]);
        const totals = new Set(Object.values(TOTALS_LABELS).map((l) => normaliseLabel(l)));
        let unitRow = -1;
        for (let r = hr + 1; r < tv.length; r++) {
          const row = tv[r] ?? [];
          if (row.every((v) => cellText(v ?? null) === '') || totals.has(normaliseLabel(row[0] ?? null))) break;
          if (unitMatches({ codes: [grid.unit.code, ...grid.unit.codes.map((c) => c.code)] }, cellText(row[codeCol] ?? null))) {
            unitRow = r;
            break;
          }
        }
        if (unitRow < 0) notFound.push(`${tracker.sheet.name}: no row for ${unitWords}`);
        else {
          const addColumn = dateCol < 0;
          // The table grows by one column of the user's (a rebuild keeps it).
          if (addColumn) dateCol = header.reduce<number>((lastCol, v, i) => (cellText(v ?? null) !== '' ? i : lastCol), -1) + 1;
          const cells = [
            ...(sampledCol >= 0 ? [{ row: unitRow, col: sampledCol, value: 'Yes' as RawCell, what: `IV sampled, ${unitWords}` }] : []),
            ...(ivCol >= 0 ? [{ row: unitRow, col: ivCol, value: verifier as RawCell, what: `internal verifier, ${unitWords}` }] : []),
            { row: unitRow, col: dateCol, value: date, what: `IV date, ${unitWords}` },
          ];
          if (edits.fill(tracker.sheet.name, cells)) {
            if (addColumn) edits.fill(tracker.sheet.name, [{ row: hr, col: dateCol, value: TRACKER_IV_DATE, what: 'tracker column heading' }]);
            t.sheets.add(tracker.sheet.name);
          }
        }
      }
    }

    // Evidence index: the sampled refs' rows.
    let refs = (sample.evidence ?? []).filter((r) => r.trim() !== '');
    if (refs.length === 0) {
      const read = readGridEvidence(grid.sheet, grid.unit);
      const wanted = (typed: string | undefined, actual: string) => {
        const x = (typed ?? '').trim();
        return x === '' || (lower(x) === lower(NOT_RECORDED) ? actual.trim() === '' : lower(x) === lower(actual));
      };
      refs = (read?.evidence ?? []).filter((e) => e.decision !== 'pending' && wanted(sample.method, e.method) && wanted(sample.site, e.site)).map((e) => e.ref);
    }
    refs = refs.filter((r) => !/^row \d+$/.test(r)); // rows without a ref have no index row of their own
    const index = headers.find(
      ({ sheet, header }) => cellText(sheet.values[0]?.[0] ?? null) === EVIDENCE_INDEX_TITLE && (sample.sheets ? sheet.name === sample.sheets.evidenceIndex : isCandidate(header, owner)),
    );
    if (refs.length > 0 && !index) notFound.push(`${who}: no index of evidence`);
    else if (index && refs.length > 0) {
      const iv = edits.values(index.sheet.name);
      const hr = iv.findIndex((row, r) => r < HEADER_SCAN_ROWS && findLabelCol(row, [INDEX_LABELS.ref]) >= 0);
      const header = hr >= 0 ? iv[hr]! : [];
      const refCol = findLabelCol(header, [INDEX_LABELS.ref]);
      const byCol = findLabelCol(header, [INDEX_LABELS.sampledBy, 'sampled by iv', 'iv initials']);
      const dateCol = findLabelCol(header, [INDEX_LABELS.ivDate, 'date sampled']);
      if (hr < 0 || byCol < 0) notFound.push(`${index.sheet.name}: no "${INDEX_LABELS.sampledBy}" column`);
      else
        for (const ref of refs) {
          const r = iv.findIndex((row, i) => i > hr && refKey(row[refCol] ?? null) === refKey(ref));
          if (r < 0) {
            notFound.push(`${index.sheet.name}: no row for evidence ${ref}`);
            continue;
          }
          const cells = [
            { row: r, col: byCol, value: sample.initials.trim() as RawCell, what: `sampled by IV, evidence ${ref}` },
            ...(dateCol >= 0 ? [{ row: r, col: dateCol, value: date, what: `IV date, evidence ${ref}` }] : []),
          ];
          if (edits.fill(index.sheet.name, cells)) t.sheets.add(index.sheet.name);
        }
    }
  }
  return {
    edits: edits.edits,
    conflicts: edits.conflicts,
    alreadyRecorded: edits.alreadyRecorded,
    notFound,
    sheets: edits.result(),
    touched: [...touched.values()].map((t) => ({ candidate: t.candidate, ...(t.candidateId !== undefined ? { candidateId: t.candidateId } : {}), qualification: t.qualification, sheets: [...t.sheets] })),
    perSample,
  };
}

/**
 * The edited sheets rebuilt through the candidate-workbook builders (which carry every user entry
 * of a grid, tracker and index), limited to the sheets the recording touched. Dates it wrote go
 * back as dates.
 */
export function rebuildRecorded(
  recording: Recording,
  catalog: Catalog,
  existingTables: readonly ExistingTable[] = [],
  /** The workbook's tables and defined names, so another candidate's are never taken. */
  existingNames?: ExistingNames,
): Result<Pick<WorkbookPlan, 'sheets' | 'names'>> {
  const sheets: SheetPlan[] = [];
  const names: WorkbookPlan['names'] = [];
  const taken = new Set(recording.sheets.map((s) => s.name));
  for (const t of recording.touched) {
    if (t.sheets.length === 0) continue;
    const found = catalog.findQualification(t.qualification);
    if (!found.ok) return found;
    // The pathway is the units the candidate has grids for.
    const units = recording.sheets
      .map((s) => readHeaderBlock(s.values))
      .filter((h) => h.candidate !== undefined && sameCandidate({ name: h.candidate, id: h.candidateId }, { name: t.candidate, id: t.candidateId }) && h.unit && (h.qualificationId === t.qualification || h.qualification === found.value.qualification.title))
      .map((h) => h.unit!);
    const request = { qualification: found.value, candidate: t.candidate, ...(t.candidateId !== undefined ? { candidateId: t.candidateId } : {}), units };
    // The sheets this rebuild replaces are the candidate's own: only their tables and names are free.
    const replaced = sheetsReplacedBy(request, recording.sheets);
    if (!replaced.ok) return replaced;
    const free = existingNames ? takenNames(existingNames, replaced.value) : new Set<string>();
    const built = buildCandidateWorkbook(request, recording.sheets, taken, free, existingTables);
    if (!built.ok) return built;
    const wanted = new Set(t.sheets);
    for (const s of built.value.sheets) if (wanted.has(s.name)) sheets.push(datesAsDates(withRecordedCells(s, recording.edits)));
    for (const n of built.value.names) if (wanted.has(n.sheet)) names.push(n);
  }
  return ok({ sheets, names });
}

/**
 * A sheet rebuilt in place leaves the user's cells (the sign-off among them) as they are on the
 * sheet: the recorded cells are written on top, where the rebuild moved them.
 */
function withRecordedCells(sheet: SheetPlan, edits: readonly CellEdit[]): SheetPlan {
  if (!sheet.rebuild) return sheet;
  const blocks = [...sheet.blocks];
  for (const e of edits) {
    if (e.sheet !== sheet.name) continue;
    const at = movedCell(e.row, e.col, sheet.rebuild.edits);
    if (!at) continue;
    const isDateCell = typeof e.value === 'number' && /date/i.test(e.what);
    blocks.push({ row: at.row, col: at.col, values: [[isDateCell ? { date: serialToIsoDate(e.value as number) } : e.value]] });
  }
  return { ...sheet, blocks };
}

/** Serials in the tracker's IV date column and a grid's "Date verified" become dates (those cells carry no date format of their own). */
function datesAsDates(sheet: SheetPlan): SheetPlan {
  const blocks = sheet.blocks.map((b) => ({ ...b, values: b.values.map((row) => [...row]) }));
  for (const b of blocks) {
    const dateCols = new Set<number>();
    b.values.forEach((row) => {
      row.forEach((v, c) => {
        if (v === TRACKER_IV_DATE) dateCols.add(c);
        if (v === SIGN_OFF.verifierDate) {
          for (let k = c + 1; k < row.length; k++) {
            const x = row[k];
            if (typeof x === 'number') row[k] = { date: serialToIsoDate(x) };
            if (x !== null && x !== undefined) break;
          }
        }
      });
      for (const c of dateCols) {
        const x = row[c];
        if (typeof x === 'number') row[c] = { date: serialToIsoDate(x) };
      }
    });
  }
  return { ...sheet, blocks };
}

// ---------------------------------------------------------------------------------------------
// Filtering to the sampled rows with Excel's own table filter.

/** A values filter on one table column: Excel shows exactly the rows whose cell is one of `values`. */
export interface TableFilter {
  sheet: string;
  table: string;
  /** The column's header text. */
  column: string;
  values: string[];
}

/** Sampled candidates on the cohort summary table (its Candidate column). */
export function sampledCandidatesFilter(rows: readonly Pick<SampleRow, 'candidate'>[], summary: { sheet: string; table: string; column?: string }): TableFilter {
  const values: string[] = [];
  for (const r of rows) if (!values.some((v) => v.toLowerCase() === r.candidate.toLowerCase())) values.push(r.candidate);
  return { sheet: summary.sheet, table: summary.table, column: summary.column ?? 'Candidate', values };
}

/**
 * Sampled evidence on each candidate's index of evidence (its "Evidence no." column). The table
 * name is the one the builder gives (Evidence_<candidate>); adapters fall back to the sheet's only table.
 */
export function sampledEvidenceFilters(rows: readonly SampleRow[], cohort: Cohort): TableFilter[] {
  const out: TableFilter[] = [];
  // Each row's candidate: as everywhere (id, else name ignoring case and spacing); of two look-alikes, the one spelt as the row.
  const holders = rows.map((r) => {
    const same = cohort.candidates.filter((c) => sameCandidate({ name: r.candidate, id: r.candidateId }, { name: c.candidate, id: c.candidateId }) && r.qualification === c.qualification && (r.file ?? '') === (c.file ?? ''));
    const exact = same.filter((c) => c.candidate === r.candidate);
    return exact.length > 0 ? exact : same;
  });
  for (const c of cohort.candidates) {
    if (!c.evidenceIndex) continue;
    const refs: string[] = [];
    for (const [i, r] of rows.entries()) {
      if (!holders[i]!.includes(c)) continue;
      for (const ref of r.evidence) if (!/^row \d+$/.test(ref) && !refs.some((x) => refKey(x) === refKey(ref))) refs.push(ref);
    }
    if (refs.length > 0) out.push({ sheet: c.evidenceIndex, table: uniqueTableName(`Evidence_${c.candidate}`), column: INDEX_LABELS.ref, values: refs });
  }
  return out;
}

/** Units the IV has sampled, on a candidate's tracker ("IV sampled" is Yes). */
export function sampledUnitsFilter(tracker: { sheet: string; table: string }): TableFilter {
  return { sheet: tracker.sheet, table: tracker.table, column: TRACKER_LABELS.sampled, values: ['Yes'] };
}

/**
 * The rows (zero-based, within the data rows) a values filter leaves visible: Excel compares the
 * cell's displayed text with each value, ignoring case. Used by tests and previews.
 */
export function visibleRows(header: readonly RawCell[], rows: readonly (readonly PlanValue[])[], filters: readonly Pick<TableFilter, 'column' | 'values'>[]): number[] {
  const cols = filters.map((f) => ({ col: header.findIndex((h) => cellText((h ?? null) as RawCell) === f.column), values: new Set(f.values.map((v) => v.toLowerCase())) }));
  return rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) =>
      cols.every(({ col, values }) => {
        const v = row[col] ?? null;
        const shown = v === null || isFormula(v) ? '' : typeof v === 'object' ? v.date : String(v);
        return col >= 0 && values.has(shown.toLowerCase());
      }),
    )
    .map(({ i }) => i);
}

