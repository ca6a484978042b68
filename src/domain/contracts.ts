import { z } from 'zod';

/*
 * The stable JSON contracts of `vq-matrix check --json`, `cohort --json` and `sample --json` (its
 * plan, --check and --record forms), in one place: the CLI writes values of these types, and the
 * tests hold its real output to these schemas, so a field renamed or added without changing the
 * contract fails a test. Objects are strict: a field not named here is a contract change.
 *
 * `version` is the contract's version: it goes up when a field is renamed, removed or changes its
 * meaning (a scripts' reader can refuse what it does not know); a new optional field keeps it.
 */

export const JSON_CONTRACT_VERSION = 1;

const version = z.literal(JSON_CONTRACT_VERSION);
const statusWord = z.enum(['complete', 'in progress', 'not started']);
const ruleStatus = z.enum(['met', 'unmet', 'cannotCheck']);
const unrecognised = z.array(z.object({ cell: z.string(), value: z.string() }).strict());
/** Why a whole file was not read (see adapters/xlsx/readLimits.ts). */
const unreadableKind = z.enum(['unreadable', 'empty', 'notWorkbook', 'otherFormat', 'encrypted', 'truncated', 'damaged', 'tooLarge']);
const isoDateOrText = z.string();

// ---------------------------------------------------------------------------------------------
// check --json

const rulesCheck = z.object({ met: z.boolean(), status: ruleStatus, unmet: z.array(z.string()), cannotCheck: z.array(z.string()) }).strict();

const unitCheck = z
  .object({
    unit: z.string(),
    title: z.string(),
    sheet: z.string(),
    status: statusWord,
    complete: z.boolean(),
    coverage: z.number().min(0).max(1),
    missing: z.array(z.string()),
    unrecognised,
    claimed: z.array(z.string()),
    referred: z.array(z.string()),
    warnings: z.array(z.string()),
    /** Only for a unit the standard does not detail. */
    achievement: z.object({ assessor: z.string(), date: isoDateOrText, sheet: z.string() }).strict().nullable().optional(),
  })
  .strict();

const candidateCheck = z
  .object({
    candidate: z.string(),
    candidateId: z.string().optional(),
    qualification: z.string(),
    units: z.array(unitCheck),
    credits: z.number(),
    rules: rulesCheck,
    pathway: rulesCheck,
  })
  .strict();

const checkedFile = z
  .object({
    file: z.string(),
    unreadable: unreadableKind.optional(),
    candidates: z.array(candidateCheck),
    /** A grid that could not be read (sheet, and cell where known); an unreadable file's one problem has only a message. */
    problems: z.array(z.object({ sheet: z.string().optional(), cell: z.string().optional(), message: z.string() }).strict()),
  })
  .strict();

export const checkJson = z.object({ version, files: z.array(checkedFile) }).strict();
export type CheckJson = z.infer<typeof checkJson>;

// ---------------------------------------------------------------------------------------------
// cohort --json (and the problems of sample --json)

/** A sheet that could not be read (file, sheet, cell where known), or a file that could not be read at all (`unreadable`). */
const cohortProblem = z
  .object({ file: z.string().optional(), sheet: z.string().optional(), cell: z.string().optional(), message: z.string(), unreadable: unreadableKind.optional() })
  .strict();
export type CohortProblemJson = z.infer<typeof cohortProblem>;

const cohortCandidate = z
  .object({
    candidate: z.string(),
    candidateId: z.string().optional(),
    assessor: z.string(),
    qualification: z.string(),
    file: z.string().optional(),
    units: z.array(z.object({ unit: z.string(), status: statusWord, coverage: z.number().min(0).max(1), sheet: z.string(), unrecognised }).strict()),
    credits: z.number(),
    creditsStillNeeded: z.number().nullable(),
    rules: z.object({ met: z.boolean(), unmet: z.array(z.string()), cannotCheck: z.array(z.string()) }).strict(),
    /** yyyy-mm-dd, or null when no evidence is dated. */
    lastEvidenceDate: z.string().nullable(),
  })
  .strict();

export const cohortJson = z.object({ version, candidates: z.array(cohortCandidate), problems: z.array(cohortProblem) }).strict();
export type CohortJson = z.infer<typeof cohortJson>;

// ---------------------------------------------------------------------------------------------
// sample --json: a plan, a plan checked (--check), samples recorded (--record)

const sampleKind = z.enum(['interim', 'summative']);

const plannedSample = z
  .object({
    candidate: z.string(),
    candidateId: z.string().optional(),
    assessor: z.string(),
    unit: z.string(),
    method: z.string(),
    site: z.string(),
    kind: sampleKind,
    reason: z.string(),
    qualification: z.string(),
    evidence: z.array(z.string()),
    file: z.string().optional(),
  })
  .strict();

export const samplePlanJson = z
  .object({ version, seed: z.number().int().optional(), sample: z.array(plannedSample), gaps: z.array(z.string()), warnings: z.array(z.string()), problems: z.array(cohortProblem) })
  .strict();
export type SamplePlanJson = z.infer<typeof samplePlanJson>;

/** A row of a plan as read back: its kind as typed when it is neither interim nor summative. */
const checkedSample = z
  .object({ candidate: z.string(), assessor: z.string(), unit: z.string(), method: z.string(), site: z.string(), kind: z.union([sampleKind, z.string()]), reason: z.string() })
  .strict();

export const sampleCheckJson = z
  .object({ version, sample: z.array(checkedSample), gaps: z.array(z.string()), unmatched: z.array(z.string()), warnings: z.array(z.string()), problems: z.array(cohortProblem) })
  .strict();
export type SampleCheckJson = z.infer<typeof sampleCheckJson>;

const recordedFile = z
  .object({
    file: z.string(),
    written: z.number().int(),
    edits: z.array(z.object({ sheet: z.string(), cell: z.string(), what: z.string() }).strict()),
    conflicts: z.array(z.string()),
    alreadyRecorded: z.number().int(),
    notFound: z.array(z.string()),
  })
  .strict();

export const sampleRecordJson = z
  .object({ version, rows: z.number().int(), recorded: z.number().int(), written: z.number().int(), files: z.array(recordedFile), notFound: z.array(z.string()), problems: z.array(cohortProblem) })
  .strict();
export type SampleRecordJson = z.infer<typeof sampleRecordJson>;
