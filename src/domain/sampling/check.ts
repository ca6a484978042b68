import { unitMatches, type Cohort } from '../cohort/cohortSummary';
import { candidateIdKey, candidateNameKey, sameCandidate } from '../grid/candidateIdentity';
import { refKey } from '../grid/evidenceIndexSheet';
import { lower, NOT_RECORDED, samplingPopulation, type CandidateUnit, type Population, type SamplingGroup } from './population';
import { DEFAULT_RATES, describeLevel, DIMENSIONS, levelOf, rateTarget, type Dimension, type Rates, type RejectedEntry } from './rates';

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
export function requirementsOf(groups: readonly SamplingGroup[], rates: Rates): { all: Map<string, Requirement>; byGroup: Map<number, string[]> } {
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

export function rejectedMatches(entry: RejectedEntry, g: SamplingGroup): boolean {
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

export function judge(population: Population, covered: ReadonlySet<number>, rates: Rates, requirements = requirementsOf(population.groups, rates)): PlanCheck {
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

export function byAssessor(population: Population): Map<string, CandidateUnit[]> {
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
export function byUnit(cus: readonly CandidateUnit[]): [string, CandidateUnit[]][] {
  const out = new Map<string, CandidateUnit[]>();
  for (const cu of cus) {
    const g = cu.groups[0]!;
    const k = `${g.qualification}\u0000${g.unit}`;
    out.set(k, [...(out.get(k) ?? []), cu]);
  }
  return [...out.values()].map((v) => [v[0]!.unit, v]);
}

/** The assessor's first `n` candidate-units: earliest evidence first (undated last), then by candidate and unit. */
export function firstOf(cus: readonly CandidateUnit[], n: number): CandidateUnit[] {
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
