import { z } from 'zod';
import { fail, ok, problems, type Result } from '../problems';

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

export interface RiskLevel {
  name: string;
  percent: number;
  firstInFull: number;
  minPerUnit: number;
}

export function levelOf(rates: Rates, assessor: string): RiskLevel {
  const key = Object.keys(rates.assessors).find((n) => n.trim().toLowerCase() === assessor.trim().toLowerCase());
  const name = key !== undefined ? rates.assessors[key]! : rates.defaultRisk;
  const level = rates.riskLevels[name] ?? { percent: 0, firstInFull: 0, minPerUnit: 0 };
  return { name, ...level };
}

/** Candidate-units to sample: the first ones in full, then the percentage of the rest (rounded up). */
export function rateTarget(level: RiskLevel, n: number): { first: number; target: number } {
  const first = Math.min(level.firstInFull, n);
  // The epsilon keeps 10% of 10 at 1 (0.1 * 10 is 1.0000000000000002 in floating point).
  return { first, target: first + Math.ceil((level.percent * (n - first)) / 100 - 1e-9) };
}

export function describeLevel(level: RiskLevel): string {
  return `${level.firstInFull > 0 ? `first ${level.firstInFull} in full, then ` : ''}at least ${level.percent}%${level.minPerUnit > 0 ? ` and ${level.minPerUnit} per unit` : ''}`;
}

/** The rates in a line, for the plan sheet. */
export function describeRates(rates: Rates): string {
  const levels = Object.entries(rates.riskLevels).map(([name, l]) => `${name}: ${describeLevel({ name, ...l })}`);
  const named = Object.entries(rates.assessors).map(([a, l]) => `${a} ${l}`);
  return `${levels.join('; ')}. Default level: ${rates.defaultRisk}.${named.length > 0 ? ` Assessors: ${named.join(', ')}.` : ''}${rates.rejected.length > 0 ? ` ${rates.rejected.length} rejected item(s) always sampled.` : ''}`;
}
