import type { ItemKind } from '../standards/itemCodes';
import type { CellRange, DataValidationPlan } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';

/*
 * Labels and positions shared by the grid builders and the grid reader. The reader finds things by
 * label, not by position, so a grid edited by hand (rows moved, columns reordered) still reads.
 */

export const GRID_TITLE = 'Unit coverage grid';
export const CRITERIA_ROWS_TITLE = 'Unit recording form';

/** Header block labels (column A) and where their value sits (column B). */
export const HEADER = {
  candidate: 'Candidate',
  /** ULN, SCN or registration number: D1 label, E1 the id (blank until known; editable). */
  candidateId: 'Candidate id',
  assessor: 'Assessor',
  qualification: 'Qualification',
  qualificationId: 'Qualification id',
  unit: 'Unit',
  unitTitle: 'Unit title',
  levelCredit: 'Level / credit',
  status: 'Unit status',
  coverage: 'Coverage',
  occasions: 'Occasions needed (default)',
} as const;

/** The evidence columns to the left of the item columns, in order. */
export const EVIDENCE_FIELDS = ['ref', 'date', 'method', 'description', 'location', 'decision', 'decisionDate'] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

export const EVIDENCE_LABELS: Record<EvidenceField, string> = {
  ref: 'Ref no.',
  date: 'Date',
  method: 'Method',
  description: 'Description',
  location: 'Location',
  decision: 'Assessor decision',
  decisionDate: 'Decision date',
};

/** Header texts users put on their own trackers for the same columns (normalised: lower case, no punctuation). */
export const EVIDENCE_SYNONYMS: Record<EvidenceField, string[]> = {
  ref: ['ref no', 'ref', 'reference', 'evidence ref', 'evidence no', 'evidence number', 'index no', 'no', 'ref number', 'evidence'],
  date: ['date', 'evidence date', 'date of evidence'],
  method: ['method', 'assessment method', 'type', 'evidence type'],
  description: ['description', 'description of evidence', 'evidence description'],
  location: ['location', 'location ref', 'portfolio location', 'where'],
  decision: ['assessor decision', 'decision', 'judgement', 'outcome', 'accepted', 'assessor judgement'],
  decisionDate: ['decision date', 'date judged', 'date of decision', 'assessed on'],
};

/** Rows above the header row in the evidence-rows layout, by label (column A). */
export const SUMMARY_ROWS = {
  kind: 'Kind',
  group: 'Element / group',
  text: 'Standard',
  needed: 'Occasions needed',
  accepted: 'Accepted evidence',
  claimed: 'Claimed, not yet judged',
  stillNeeded: 'Still needed',
} as const;

/** The fill of each kind of item, the same on both grid layouts. */
export const KIND_COLOURS: Record<ItemKind, string> = {
  criterion: '#DDEBF7',
  range: '#E4DFEC',
  knowledge: '#FCE4D6',
  evidence: '#E2EFDA',
};

/** Heading for columns that hold marks under items the standard no longer has. */
export const REMOVED_PREFIX = 'No longer in standard: ';

export const ASSESSMENT_METHODS = [
  'Observation',
  'Witness testimony',
  'Professional discussion',
  'Questioning',
  'Product',
  'Personal statement',
  'Recognition of prior learning',
  'Simulation',
] as const;

export const DECISIONS = ['Accepted', 'Referred'] as const;

export const SIGN_OFF = {
  heading: 'Sign-off',
  assessor: 'Assessor signature',
  assessorDate: 'Date completed',
  candidate: 'Candidate signature',
  candidateDate: 'Candidate date',
  sampled: 'Sampled by internal verifier (Yes/No)',
  verifier: 'Internal verifier signature',
  verifierDate: 'Date verified',
} as const;

/** Lower case, punctuation and runs of space folded: how header labels are compared. */
export function normaliseLabel(v: RawCell): string {
  // Hot path (every header cell of every sheet a check reads): numbers, blanks and plain words skip the regexes.
  if (v === null) return '';
  if (typeof v !== 'string') return String(v).toLowerCase();
  if (/^[a-z0-9 ]*$/.test(v) && !v.includes('  ') && v.trim() === v) return v;
  const known = normalised.get(v);
  if (known !== undefined) return known;
  // A cohort's sheets repeat the same few hundred labels ("Ref no.", item codes): each is folded once.
  if (normalised.size >= 20_000) normalised.clear();
  const folded = v
    .toLowerCase()
    .replace(/[.:()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  normalised.set(v, folded);
  return folded;
}
const normalised = new Map<string, string>();

// The mark and decision vocabulary lives in one place (readers and sheet formulas alike).
export { isMark, parseDecision, type Decision } from './vocabulary';

/** The assessor-decision drop-down, the same on both grid layouts. */
export function decisionValidation(range: CellRange): DataValidationPlan {
  return {
    range,
    list: [...DECISIONS],
    allowBlank: true,
    errorTitle: 'Assessor decision',
    errorMessage: 'Accepted or Referred; leave blank until the assessor has judged the evidence.',
  };
}

/** The sign-off's "sampled by internal verifier" Yes/No drop-down. */
export function sampledValidation(range: CellRange): DataValidationPlan {
  return { range, list: ['Yes', 'No'], allowBlank: true, errorTitle: 'Sampled by internal verifier', errorMessage: 'Yes or No.' };
}
