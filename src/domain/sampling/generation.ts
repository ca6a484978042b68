import { byAssessor, byUnit, firstOf, judge, rejectedMatches, requirementsOf, type PlanEntry } from './check';
import { NOT_RECORDED, samplingPopulation, type CandidateUnit, type SamplingGroup } from './population';
import { DEFAULT_RATES, describeLevel, levelOf, rateTarget, type Rates, type SampleKind } from './rates';
import type { Cohort } from '../cohort/cohortSummary';

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
