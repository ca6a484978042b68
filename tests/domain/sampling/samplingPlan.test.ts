import fc from 'fast-check';
import { readCohort, type Cohort } from '../../../src/domain/cohort/cohortSummary';
import {
  checkSamplingPlan,
  DEFAULT_RATES,
  entryOf,
  makeSamplingPlan,
  mulberry32,
  NOT_RECORDED,
  parseRates,
  samplingReport,
  type Rates,
  type SampleRow,
} from '../../../src/domain/sampling/samplingPlan';
import { catalog, cohortArb, cohortWorkbook, type GeneratedCohort } from './cohortFixtures';

function rates(raw: unknown): Rates {
  const r = parseRates(raw, 'rates.json');
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

const ratesFor = (g: GeneratedCohort, extra: Record<string, unknown> = {}) => rates({ assessors: g.risks, ...extra });

/*
 * An oracle computed here from the raw evidence, independently of the implementation: the
 * combinations that occur (assessor x unit / method / site / kind), and which ones plan rows cover.
 */
interface Decided {
  candidate: string;
  unit: string;
  assessor: string;
  method: string;
  site: string;
  kind: string;
  ref: string;
}

function decided(cohort: Cohort): Decided[] {
  return cohort.candidates.flatMap((c) =>
    c.units.flatMap((u) =>
      u.evidence
        .filter((e) => e.decision !== 'pending')
        .map((e) => ({ candidate: c.candidate, unit: u.unit, assessor: u.assessor, method: e.method, site: e.site, kind: u.complete ? 'summative' : 'interim', ref: e.ref })),
    ),
  );
}

function combos(rows: Decided[]): Set<string> {
  const out = new Set<string>();
  for (const d of rows) {
    out.add(`assessor ${d.assessor} x unit ${d.unit}`);
    if (d.method) out.add(`assessor ${d.assessor} x method ${d.method}`);
    if (d.site) out.add(`assessor ${d.assessor} x site ${d.site}`);
    out.add(`assessor ${d.assessor} x kind ${d.kind}`);
  }
  return out;
}

function coveredBy(rows: Pick<SampleRow, 'candidate' | 'unit' | 'method' | 'site'>[], all: Decided[]): Decided[] {
  const norm = (v: string) => (v === NOT_RECORDED ? '' : v);
  return all.filter((d) => rows.some((r) => r.candidate === d.candidate && r.unit === d.unit && norm(r.method) === d.method && norm(r.site) === d.site));
}

const cuKey = (d: { candidate: string; unit: string }) => `${d.candidate}|${d.unit}`;

function target(level: { percent: number; firstInFull: number }, n: number): number {
  const first = Math.min(level.firstInFull, n);
  return first + Math.ceil((level.percent * (n - first)) / 100 - 1e-9);
}

function largest(gs: GeneratedCohort[]): GeneratedCohort {
  return gs.reduce((a, b) => (decided(b.cohort).length > decided(a.cohort).length ? b : a));
}

describe('CAMERA sampling plans on generated cohorts', () => {
  it('meet every coverage rule and rate, for cohorts of many sizes (checked against an independent oracle)', () => {
    fc.assert(
      fc.property(cohortArb(), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (g, seed) => {
        const r = ratesFor(g);
        const plan = makeSamplingPlan(g.cohort, r, seed);
        expect(plan.gaps).toEqual([]);
        // A generated plan is checked exactly as a hand-made one would be.
        expect(checkSamplingPlan(plan.rows.map(entryOf), g.cohort, r)).toEqual({ gaps: [], unmatched: [], warnings: [] });

        const all = decided(g.cohort);
        const covered = coveredBy(plan.rows, all);
        // Every assessor x unit / method / site / kind combination that occurs is sampled.
        expect([...combos(all)].filter((c) => !combos(covered).has(c))).toEqual([]);
        // Only judged evidence is sampled, and each row's kind follows its unit.
        for (const row of plan.rows) {
          const hits = coveredBy([row], all);
          expect(hits.length).toBeGreaterThan(0);
          expect(hits.every((h) => h.kind === row.kind && h.assessor === row.assessor)).toBe(true);
          expect(row.evidence.sort()).toEqual(hits.map((h) => h.ref).sort());
        }
        // Rates: candidate-units per assessor, by risk level; new assessors' first ones in full.
        const assessors = new Set(all.map((d) => d.assessor));
        for (const a of assessors) {
          const mine = all.filter((d) => d.assessor === a);
          const cus = new Set(mine.map(cuKey));
          const sampled = new Set(covered.filter((d) => d.assessor === a).map(cuKey));
          const level = r.riskLevels[g.risks[a]!]!;
          expect(sampled.size).toBeGreaterThanOrEqual(target(level, cus.size));
          const inFull = [...cus].filter((cu) => mine.filter((d) => cuKey(d) === cu).every((d) => covered.includes(d))).length;
          expect(inFull).toBeGreaterThanOrEqual(Math.min(level.firstInFull, cus.size));
          // At least one per unit the assessor assessed.
          for (const unit of new Set(mine.map((d) => d.unit))) expect(covered.some((d) => d.assessor === a && d.unit === unit)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('plans a centre-sized cohort (hundreds of candidates) quickly, meeting every rule', () => {
    const big = fc.sample(cohortArb({ maxCandidates: 300 }), { numRuns: 20, seed: 7 }).reduce((a, b) => (b.cohort.candidates.length > a.cohort.candidates.length ? b : a));
    expect(big.cohort.candidates.length).toBeGreaterThan(200);
    const r = ratesFor(big);
    const started = Date.now();
    const plan = makeSamplingPlan(big.cohort, r, 1);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(plan.gaps).toEqual([]);
    expect(checkSamplingPlan(plan.rows.map(entryOf), big.cohort, r).gaps).toEqual([]);
    const all = decided(big.cohort);
    expect([...combos(all)].filter((c) => !combos(coveredBy(plan.rows, all)).has(c))).toEqual([]);
  });

  it('always samples everything an external verifier or EPA rejected', () => {
    fc.assert(
      fc.property(cohortArb({ maxCandidates: 12 }), fc.nat(), fc.nat(), (g, pick, seed) => {
        const all = decided(g.cohort);
        fc.pre(all.length > 0);
        const victim = all[pick % all.length]!;
        const r = ratesFor(g, { rejected: [{ by: 'EPA', candidate: victim.candidate, ref: victim.ref, note: 'no witness statement' }] });
        const plan = makeSamplingPlan(g.cohort, r, seed);
        const row = plan.rows.find((x) => x.candidate === victim.candidate && x.evidence.includes(victim.ref));
        expect(row).toBeDefined();
        expect(row!.reason).toContain('Rejected by EPA: no witness statement');
        // Without that row, the check names the rejection.
        const without = plan.rows.filter((x) => x !== row).map(entryOf);
        expect(checkSamplingPlan(without, g.cohort, r).gaps.some((gap) => gap.startsWith(`rejected by EPA (no witness statement): candidate ${victim.candidate} x ref ${victim.ref}`))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('is reproducible: the same seed gives the same plan; different seeds give different plans', () => {
    fc.assert(
      fc.property(cohortArb(), fc.nat(), (g, seed) => {
        const r = ratesFor(g);
        expect(makeSamplingPlan(g.cohort, r, seed)).toEqual(makeSamplingPlan(g.cohort, r, seed));
      }),
      { numRuns: 40 },
    );
    // A cohort with room to choose: 30 candidates, experienced assessors at 10%.
    const big = largest(fc.sample(cohortArb({ maxCandidates: 40 }), { numRuns: 30, seed: 42 }));
    expect(decided(big.cohort).length).toBeGreaterThan(60);
    const r = rates({});
    const plans = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(makeSamplingPlan(big.cohort, r, seed).rows));
    expect(plans[0]).not.toEqual(plans[1]);
    expect(new Set(plans).size).toBeGreaterThanOrEqual(6);
  });

  it('names exactly the gaps a removed row opens in a hand-edited plan', () => {
    const flat = { riskLevels: { new: { percent: 50, firstInFull: 0 }, experienced: { percent: 10 } } };
    fc.assert(
      fc.property(cohortArb({ maxCandidates: 15 }), fc.nat(), fc.nat(), (g, seed, pick) => {
        const r = ratesFor(g, flat);
        const plan = makeSamplingPlan(g.cohort, r, seed);
        fc.pre(plan.rows.length > 0);
        const removed = plan.rows[pick % plan.rows.length]!;
        const kept = plan.rows.filter((x) => x !== removed);
        const all = decided(g.cohort);
        const stillCovered = combos(coveredBy(kept, all));
        const expected = [...combos(all)].filter((c) => !stillCovered.has(c)).map((c) => `${c} not yet covered`);
        // The assessor's rate, if the removed row was their candidate-unit's only one.
        const a = removed.assessor;
        const cus = new Set(all.filter((d) => d.assessor === a).map(cuKey));
        const have = new Set(coveredBy(kept, all).filter((d) => d.assessor === a).map(cuKey)).size;
        const level = g.risks[a]!;
        const t = target(r.riskLevels[level]!, cus.size);
        if (have < t) expected.push(`assessor ${a} (${level}): ${have} of ${cus.size} candidate-units sampled; at least ${t} needed (at least ${r.riskLevels[level]!.percent}% and 1 per unit)`);
        const check = checkSamplingPlan(kept.map(entryOf), g.cohort, r);
        expect([...check.gaps].sort()).toEqual(expected.sort());
        expect(check.unmatched).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a small cohort read from its workbooks', () => {
  const built = cohortWorkbook([
    {
      name: 'Amy Ng',
      assessor: 'P. Jones',
      units: ['203'],
      evidence: { '203': [{ ref: 'E1', date: 45700, method: 'Observation', location: 'Head office' }] },
    },
    {
      name: 'Ben Ode',
      assessor: 'P. Jones',
      units: ['203'],
      evidence: {
        '203': [
          { ref: 'B1', date: 45710, method: 'Questioning', location: 'Shop floor' },
          { ref: 'B2', date: 45711, method: 'Product', location: 'Shop floor', decision: '' }, // not yet judged: not sampled
        ],
      },
    },
  ]);
  const cohort = readCohort(built.sheets, catalog);

  it('reads each judged evidence row with its method, site and assessor', () => {
    expect(cohort.problems).toEqual([]);
    const ben = cohort.candidates.find((c) => c.candidate === 'Ben Ode')!;
    const u203 = ben.units.find((u) => u.unit === '4430-203')!;
    expect(u203.assessor).toBe('P. Jones');
    expect(u203.evidence.map((e) => [e.ref, e.method, e.site, e.decision])).toEqual([
      ['B1', 'Questioning', 'Shop floor', 'accepted'],
      ['B2', 'Product', 'Shop floor', 'pending'],
    ]);
  });

  it('names the gap "assessor x unit x method x site" when the centre requires that combination', () => {
    const full = rates({ coverage: [['assessor', 'unit', 'method', 'site']] });
    const plan = makeSamplingPlan(cohort, full, 7);
    expect(plan.gaps).toEqual([]);
    expect(plan.rows.map((r) => [r.candidate, r.unit, r.method, r.site, r.kind])).toEqual([
      ['Amy Ng', '4430-203', 'Observation', 'Head office', 'interim'],
      ['Ben Ode', '4430-203', 'Questioning', 'Shop floor', 'interim'],
    ]);
    const edited = plan.rows.filter((r) => r.candidate !== 'Amy Ng').map(entryOf);
    expect(checkSamplingPlan(edited, cohort, full).gaps).toEqual(['assessor P. Jones x unit 4430-203 x method Observation x site Head office not yet covered']);
    // With the default combinations the same removal opens the method and the site.
    const byDefault = makeSamplingPlan(cohort, DEFAULT_RATES, 7);
    expect(checkSamplingPlan(byDefault.rows.filter((r) => r.candidate !== 'Amy Ng').map(entryOf), cohort, DEFAULT_RATES).gaps).toEqual([
      'assessor P. Jones x method Observation not yet covered',
      'assessor P. Jones x site Head office not yet covered',
    ]);
  });

  it('reads hand-typed rows: any code of the unit, any case, a blank method or site meaning the whole unit', () => {
    const gaps = checkSamplingPlan(
      [
        { candidate: 'amy ng', unit: '203' },
        { candidate: 'Ben Ode', unit: 'L/601/0933', method: 'questioning', site: '' },
      ],
      cohort,
      DEFAULT_RATES,
    );
    expect(gaps).toEqual({ gaps: [], unmatched: [], warnings: [] });
    const odd = checkSamplingPlan([{ candidate: 'Cy Twombly', unit: '203', row: 9 }, { candidate: 'Ben Ode', unit: '203', method: 'Product' }], cohort, DEFAULT_RATES);
    expect(odd.unmatched).toEqual([
      'row 10: candidate Cy Twombly x unit 203 matches no judged evidence in the cohort',
      'candidate Ben Ode x unit 203 x method Product matches no judged evidence in the cohort',
    ]);
    expect(odd.gaps).toContain('assessor P. Jones x unit 4430-203 not yet covered');
  });

  it('samples a new assessor\'s first candidate-units in full and says why', () => {
    const r = rates({ assessors: { 'p. jones': 'new' } });
    const plan = makeSamplingPlan(cohort, r, 1);
    expect(plan.rows).toHaveLength(2);
    expect(plan.rows.every((x) => x.reason.includes('new assessor: first 3 candidate-units sampled in full'))).toBe(true);
    const check = checkSamplingPlan(plan.rows.slice(1).map(entryOf), cohort, r);
    expect(check.gaps).toContain('assessor P. Jones (new): first 3 candidate-units are sampled in full; candidate Amy Ng x unit 4430-203 x method Observation x site Head office not yet covered');
    expect(check.gaps).toContain('assessor P. Jones (new): 1 of 2 candidate-units sampled; at least 2 needed (first 3 in full, then at least 50% and 1 per unit)');
  });

  it('warns about a rejected item that matches nothing, and reports the --json contract', () => {
    const plan = makeSamplingPlan(cohort, rates({ rejected: [{ candidate: 'Nobody', by: 'EV' }] }), 3);
    expect(plan.warnings).toEqual(['rejected by EV: candidate Nobody matches no judged evidence in the cohort']);
    const report = samplingReport(plan);
    expect(Object.keys(report.sample[0]!).slice(0, 7)).toEqual(['candidate', 'assessor', 'unit', 'method', 'site', 'kind', 'reason']);
    expect(report.gaps).toEqual([]);
  });
});

describe('rates configuration', () => {
  it('lets a centre change one field of a built-in level, or add a level of its own', () => {
    const r = rates({ riskLevels: { new: { percent: 60 }, 'under review': { percent: 100 } }, assessors: { 'K. Lee': 'under review' } });
    expect(r.riskLevels).toEqual({
      new: { percent: 60, firstInFull: 3, minPerUnit: 1 },
      experienced: { percent: 10, firstInFull: 0, minPerUnit: 1 },
      'under review': { percent: 100, firstInFull: 0, minPerUnit: 1 },
    });
  });

  it('has defaults: new assessors 3 in full then 50%, experienced 10%, at least one per unit', () => {
    expect(DEFAULT_RATES.riskLevels).toEqual({ new: { percent: 50, firstInFull: 3, minPerUnit: 1 }, experienced: { percent: 10, firstInFull: 0, minPerUnit: 1 } });
    expect(DEFAULT_RATES.defaultRisk).toBe('experienced');
    expect(DEFAULT_RATES.coverage).toEqual([['assessor', 'unit'], ['assessor', 'method'], ['assessor', 'site'], ['assessor', 'kind']]);
  });

  it.each([
    [{ riskLevels: { new: { percent: 150 } } }, 'rates.json: at riskLevels.new.percent: expected a percentage from 0 to 100'],
    [{ riskLevels: { new: { percnt: 50 } } }, 'rates.json: at riskLevels.new: Unrecognized key: "percnt"'],
    [{ riskLevels: { senior: { firstInFull: 0 } } }, 'rates.json: at riskLevels.senior.percent: expected a percentage from 0 to 100 (a new risk level needs one)'],
    [{ assessors: { 'P. Jones': 'rookie' } }, 'rates.json: at assessors.P. Jones: expected one of the riskLevels (new, experienced), got "rookie"'],
    [{ defaultRisk: 'medium' }, 'rates.json: at defaultRisk: expected one of the riskLevels (new, experienced), got "medium"'],
    [{ rejected: [{ by: 'EV', note: 'x' }] }, 'rates.json: at rejected.0: name at least one of candidate, candidateId, unit, ref, assessor'],
    [{ coverage: [['assessor', 'colour']] }, 'rates.json: at coverage.0.1: expected one of candidate, assessor, unit, method, site, kind'],
    [{ riskLevels: { new: { percent: 50, firstInFull: 1.5 } } }, 'rates.json: at riskLevels.new.firstInFull: expected a whole number of at least 0'],
    [{ sampling: 'yes' }, 'rates.json: at (top level): Unrecognized key: "sampling"'],
  ])('rejects %j with a message that says where', (raw, message) => {
    const r = parseRates(raw, 'rates.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toEqual({ kind: 'badArgument', message });
  });
});

describe('mulberry32', () => {
  it('is a reproducible stream in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
    expect(mulberry32(124)()).not.toBe(xs[0]);
  });
});
