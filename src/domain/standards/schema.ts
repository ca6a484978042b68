import { z } from 'zod';
import { normaliseCode } from './codes';
import { duplicateItemCodes } from './itemCodes';
import { MAX_CODE_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, MAX_TOTAL, MAX_UNIT_CREDIT, MAX_UNIT_GLH } from './limits';

/*
 * The one schema for every qualification we bundle (and for a centre's own standards file).
 * Strict objects throughout: a misspelt key in a standards file is reported, never ignored.
 *
 * Item codes are kept exactly as the seed document prints them. Where a list nests (a knowledge
 * item with lettered sub-items, an evidence requirement with a-d), the *leaf* items are what an
 * assessor marks; their grid code is derived (see itemCodes.ts), never stored twice.
 */

/*
 * Every string ends up in a cell (or a sheet, table or defined name), so it must be text a cell can
 * hold: no control characters other than tab and line breaks, no lone UTF-16 surrogates, at most
 * 32,767 characters. Codes and names are bounded far below that (limits.ts).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_IN_A_CELL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- codes hold no tab or line break either
const NOT_IN_A_CODE = /[\u0000-\u001F\u007F]/;

function unprintable(value: string, pattern: RegExp): string | undefined {
  const found = pattern.exec(value);
  if (!found) return undefined;
  const unit = found[0].charCodeAt(0);
  return `contains the character U+${unit.toString(16).toUpperCase().padStart(4, '0')} at position ${found.index + 1}, which a cell cannot hold: remove it`;
}

function boundedText(max: number, what: string, trim = false) {
  return (trim ? z.string().trim() : z.string())
    .min(1, `expected non-empty ${what}`)
    .max(max, `expected at most ${max.toLocaleString('en-GB')} characters of ${what}`)
    .superRefine((v, ctx) => {
      const problem = unprintable(v, NOT_IN_A_CELL);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

const code = z
  .string()
  .trim()
  .min(1, 'expected a non-empty code')
  .max(MAX_CODE_LENGTH, `expected a code of at most ${MAX_CODE_LENGTH} characters`)
  .superRefine((v, ctx) => {
    const problem = unprintable(v, NOT_IN_A_CODE) ?? unprintable(v, NOT_IN_A_CELL);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
/** Titles, headings, names of bodies and documents, identifiers. */
const name = boundedText(MAX_NAME_LENGTH, 'text');
/** Item text, guidance, notes, quoted sources. */
const text = boundedText(MAX_TEXT_LENGTH, 'text');
const notes = z.array(text).optional();

/** A finite, non-negative number no larger than `max` (a credit of 1e308 is a typing slip, not a standard). */
const amount = (max: number) => z.number().nonnegative().max(max, `expected at most ${max.toLocaleString('en-GB')}`);

/** Where the transcription departs from, or had to interpret, the seed. Never silently fixed. */
export const noteSchema = text;

export const textItemSchema = z.strictObject({
  code,
  /** Absent only where the seed prints the code alone (e.g. a recording form's U/K column). */
  text: text.optional(),
  notes,
});

/** An item that may carry lettered (or numbered) sub-items, as the seed prints them. */
export const parentItemSchema = z.strictObject({
  code,
  /** Absent only where the seed prints the code alone. */
  text: text.optional(),
  /** A sub-heading the seed groups items under ("Legislation and regulations"). */
  heading: name.optional(),
  /** Element / learning-outcome codes this item applies to; absent means the whole unit. */
  appliesTo: z.array(code).optional(),
  subItems: z.array(textItemSchema).min(1).optional(),
  notes,
});

export const elementSchema = z.strictObject({
  /** "1", "F3.1", "101.1": as printed. */
  code,
  /** Absent only where the seed gives the element no title (recording forms). */
  title: name.optional(),
  criteria: z.array(textItemSchema),
  notes,
});

export const rangeCategorySchema = z.strictObject({
  /** The element the category is printed under, if the seed prints it under one. */
  element: code.optional(),
  /** The category letter or number as printed ("A"). */
  code,
  title: name,
  /** Every element the category applies to (the seed's "Also applies to Elements 2 and 3"). */
  appliesTo: z.array(code).min(1),
  items: z.array(textItemSchema).min(1),
  notes,
});

export const assessmentGuidanceSchema = z.strictObject({
  /** The criterion the guidance explains, or absent for unit-wide guidance. */
  criterion: code.optional(),
  text,
});

export const UNIT_CODE_SCHEMES = [
  'awarding body unit number', // 4430-203
  'unit number', // "Unit 203", CVQ structure "1"
  'NDAQ', // L/601/0933
  'Ofqual', // A/506/2130
  'NOS', // A4
  'SSC', // F3
  'SQA', // FE2R 04
  'CFA', // CS 7
  'TVETC', // U09602
] as const;

export const unitCodeSchema = z.strictObject({
  scheme: z.enum(UNIT_CODE_SCHEMES),
  code,
});

export const SIMULATION = ['allowed', 'not allowed', 'not stated'] as const;

export const unitSchema = z.strictObject({
  /** The code used to refer to the unit in this product (one of `codes`). */
  code,
  /** Every code the unit is known by, as the seed prints them. */
  codes: z.array(unitCodeSchema).min(1),
  title: name,
  /** RQF/NQF/CVQ level, where the seed states one. */
  level: z.number().int().min(0).max(8).nullable(),
  /** SCQF level, where the seed states one. */
  scqfLevel: z.number().int().min(1).max(12).nullable(),
  credit: amount(MAX_UNIT_CREDIT).nullable(),
  glh: amount(MAX_UNIT_GLH).nullable(),
  /** False for units the seed only lists in a structure table. */
  detailed: z.boolean(),
  /** What the seed calls the parts of the unit. */
  elementKind: z.enum(['element', 'learning outcome']),
  elements: z.array(elementSchema),
  range: z.array(rangeCategorySchema),
  knowledge: z.array(parentItemSchema),
  evidenceRequirements: z.array(parentItemSchema),
  assessmentGuidance: z.array(assessmentGuidanceSchema),
  /** Whether the seed allows simulation as an assessment method for this unit. */
  simulation: z.enum(SIMULATION),
  /** Free text summary of the unit (aim / descriptor), where the seed has one. */
  summary: text.optional(),
  notes,
});

export const groupSchema = z.strictObject({
  /** Short id used by rules ("mandatory", "A", "delivery"). */
  id: code,
  title: name,
  mandatory: z.boolean(),
  units: z.array(code).min(1),
});

/** Which units a rule counts: some groups (default all), optionally only within a level band. */
const scope = {
  groups: z.array(code).min(1).optional(),
  /** Counts only units whose level on this scale lies in [min, max]. */
  levels: z
    .strictObject({
      scale: z.enum(['level', 'scqf']),
      min: z.number().int().min(0).max(12).optional(),
      max: z.number().int().min(0).max(12).optional(),
    })
    .optional(),
};
const bounds = {
  min: amount(MAX_TOTAL).optional(),
  max: amount(MAX_TOTAL).optional(),
};
const ruleCommon = {
  /** The seed's own words for the rule, quoted. */
  source: text,
  notes,
};

export const ruleSchema = z.discriminatedUnion('kind', [
  /** Every unit of each group must be achieved. */
  z.strictObject({ kind: z.literal('mandatory'), groups: z.array(code).min(1), ...ruleCommon }),
  z.strictObject({ kind: z.literal('unitCount'), ...scope, ...bounds, ...ruleCommon }),
  z.strictObject({ kind: z.literal('credits'), ...scope, ...bounds, ...ruleCommon }),
  z.strictObject({ kind: z.literal('glh'), ...scope, ...bounds, ...ruleCommon }),
  /** For each listed group separately: at least/most N units. */
  z.strictObject({
    kind: z.literal('unitsPerGroup'),
    groups: z.array(code).min(1),
    ...bounds,
    ...ruleCommon,
  }),
]);

export const QUALIFICATION_ID_SCHEMES = [
  'City & Guilds number',
  'accreditation number',
  'Ofqual',
  'CVQ code',
  'SQA',
  'title',
  'other',
] as const;

export const qualificationSchema = z
  .strictObject({
    /** Stable id used in files and URLs, e.g. "cg-4430-02". */
    id: code,
    title: name,
    /** A centre's own version label for its standards file (bundled qualifications have none). */
    version: name.optional(),
    awardingBody: name,
    framework: z.enum(['NVQ/QCF', 'RQF', 'SVQ/SCQF', 'CVQ', 'Diploma/QCF', 'NVQ']),
    level: z.number().int().min(0).max(8).nullable(),
    scqfLevel: z.number().int().min(1).max(12).nullable(),
    /** A title may be an identifier (the SVQ is known by its title), so these are names, not codes. */
    identifiers: z.array(z.strictObject({ scheme: z.enum(QUALIFICATION_ID_SCHEMES), value: boundedText(MAX_NAME_LENGTH, 'text', true) })).min(1),
    glh: amount(MAX_TOTAL).nullable(),
    tqt: amount(MAX_TOTAL).nullable(),
    minimumCredits: amount(MAX_TOTAL).nullable(),
    groups: z.array(groupSchema),
    rules: z.array(ruleSchema),
    units: z.array(unitSchema).min(1),
    source: z.strictObject({
      /** The seed document this was transcribed from. */
      document: name,
      description: text,
    }),
    notes,
  })
  .superRefine((q, ctx) => {
    const unitCodes = new Set(q.units.map((u) => u.code));
    q.units.forEach((u, i) => {
      if (!u.codes.some((c) => c.code === u.code)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'code'], message: `unit code "${u.code}" is not among its codes` });
      }
    });
    q.units.forEach((u, i) => {
      for (const dupe of duplicateItemCodes(u)) {
        ctx.addIssue({ code: 'custom', path: ['units', i], message: `item code "${dupe}" occurs more than once in unit ${u.code}; every item code in a unit must be unique` });
      }
    });
    const seen = new Map<string, number>();
    q.units.forEach((u, i) => {
      if (seen.has(u.code)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'code'], message: `duplicate unit code "${u.code}" (also units[${seen.get(u.code)}])` });
      }
      seen.set(u.code, i);
    });
    // A code two units claim (compared as lookups compare them: case and spaces ignored) finds neither.
    const claimedBy = new Map<string, number>();
    q.units.forEach((u, i) =>
      u.codes.forEach((c, j) => {
        const key = normaliseCode(c.code);
        const other = claimedBy.get(key);
        if (other === undefined) claimedBy.set(key, i);
        else if (other !== i && q.units[other]!.code !== u.code) {
          ctx.addIssue({
            code: 'custom',
            path: ['units', i, 'codes', j, 'code'],
            message: `"${c.code}" is also a code of unit ${q.units[other]!.code} (units[${other}]): looking it up could not tell the two units apart; give each unit codes of its own`,
          });
        }
      }),
    );
    const groupSeen = new Map<string, number>();
    q.groups.forEach((g, gi) => {
      const other = groupSeen.get(g.id);
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'id'], message: `duplicate group id "${g.id}" (also groups[${other}])` });
      else groupSeen.set(g.id, gi);
    });
    const groupIds = new Set(q.groups.map((g) => g.id));
    q.groups.forEach((g, gi) =>
      g.units.forEach((c, ui) => {
        if (!unitCodes.has(c)) {
          ctx.addIssue({ code: 'custom', path: ['groups', gi, 'units', ui], message: `unknown unit "${c}"` });
        }
      }),
    );
    q.rules.forEach((r, ri) =>
      ('groups' in r ? (r.groups ?? []) : []).forEach((g, gi) => {
        if (!groupIds.has(g)) {
          ctx.addIssue({ code: 'custom', path: ['rules', ri, 'groups', gi], message: `unknown group "${g}"` });
        }
      }),
    );
  });

export type TextItem = z.infer<typeof textItemSchema>;
export type ParentItem = z.infer<typeof parentItemSchema>;
export type Element = z.infer<typeof elementSchema>;
export type RangeCategory = z.infer<typeof rangeCategorySchema>;
export type Unit = z.infer<typeof unitSchema>;
export type UnitCodeScheme = (typeof UNIT_CODE_SCHEMES)[number];
export type Group = z.infer<typeof groupSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Qualification = z.infer<typeof qualificationSchema>;
