import type { RawCell } from '../workbook/sheetValues';

/*
 * What an assessor may type in a mark cell and in an assessor-decision cell, and how it reads: one
 * vocabulary for the reader (check, cohort, the pane, the custom functions) and for the formulas and
 * conditional formats written on the sheets, so the sheet and the product always give the same
 * answer. Each rule is chosen so Excel and LibreOffice formulas can implement it exactly (TRIM,
 * UPPER, FIND, SUBSTITUTE; no wildcards, no regular expressions, no dynamic arrays):
 *
 * - A cell is read as the spreadsheet's TRIM would: leading and trailing spaces (U+0020 only) go,
 *   runs of spaces inside become one; letters a-z compare regardless of case. Numbers read as their
 *   digits (a date typed into a cell is a number); TRUE and FALSE as the words.
 * - Mark: one of MARK_WORDS, or any text with a digit 0-9 in it other than "0" itself (an evidence
 *   ref such as E4, p12, 1/3, WT-03, or a date typed as text), or any number other than 0 (1, a
 *   date), or TRUE.
 * - No mark: blank (or only spaces), 0, n, no, FALSE.
 * - Anything else (N/A, -, ?, "not yet", R, ...) is unrecognised: never counted, reported with its
 *   cell, and highlighted on the sheet.
 * - Decision: one of ACCEPTED_WORDS or REFERRED_WORDS; blank is "not yet judged" (the row's marks
 *   are only claimed). Anything else is unrecognised: not judged, reported, highlighted.
 */

/** Marks that say "seen" without naming the evidence (lower case; compared ignoring case). */
export const MARK_WORDS = ['✓', '✔', '√', '☑', 'x', 'y', 'yes', 'true', 'tick'] as const;
/** Entries that say "not covered": blank is one too. */
export const NO_MARK_WORDS = ['0', 'n', 'no', 'false'] as const;
/** Decisions that accept the evidence (lower case, single spaces). */
export const ACCEPTED_WORDS = ['accepted', 'accept', 'a', 'yes', 'y', '✓', '✔', 'competent', 'c', 'met', 'pass', 'passed', 'true', '1'] as const;
/** Decisions that refer it back. */
export const REFERRED_WORDS = ['referred', 'refer', 'r', 'no', 'n', 'nyc', 'not yet competent', 'not met', 'rejected', 'fail', 'false', '0'] as const;

export type MarkReading = 'mark' | 'noMark' | 'unrecognised';
export type Decision = 'accepted' | 'referred' | 'pending';
export type DecisionReading = Decision | 'unrecognised';

const SPACE = 32;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** ASCII letters folded to lower case (what UPPER on both sides does for our words). */
const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Whether s[start, end) equals a lower-case word, ignoring the case of a-z. No allocation. */
function sliceIs(s: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (fold(s.charCodeAt(start + i)) !== word.charCodeAt(i)) return false;
  return true;
}

function sliceIn(s: string, start: number, end: number, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (sliceIs(s, start, end, words[i]!)) return true;
  return false;
}

/**
 * How a mark cell reads. Runs for every mark cell a custom function reads (200 rows x 113 items
 * per call), so it never allocates: the string is scanned in place.
 */
export function readMark(v: RawCell): MarkReading {
  if (v === null || v === false) return 'noMark';
  if (v === true) return 'mark';
  if (typeof v === 'number') return v === 0 ? 'noMark' : 'mark';
  // The entries nearly every grid holds, decided at once.
  if (v === '✓' || v === 'x' || v === 'X' || v === 'y' || v === 'Y' || v === '✔') return 'mark';
  if (v === '') return 'noMark';
  let start = 0;
  let end = v.length;
  while (start < end && v.charCodeAt(start) === SPACE) start++;
  while (end > start && v.charCodeAt(end - 1) === SPACE) end--;
  if (start === end) return 'noMark';
  for (let i = start; i < end; i++) {
    if (isDigit(v.charCodeAt(i))) return end - start === 1 && v.charCodeAt(start) === 48 ? 'noMark' : 'mark';
  }
  // Words have no spaces inside, so TRIM's folding of inner spaces cannot change a match.
  if (sliceIn(v, start, end, MARK_WORDS)) return 'mark';
  if (sliceIn(v, start, end, NO_MARK_WORDS)) return 'noMark';
  return 'unrecognised';
}

/** A mark that counts: see readMark. */
export function isMark(v: RawCell): boolean {
  return readMark(v) === 'mark';
}

/** A tick-like mark (one of MARK_WORDS, or TRUE): it says "seen" without naming the evidence. */
export function isTick(v: RawCell): boolean {
  if (v === true) return true;
  if (typeof v !== 'string') return false;
  let start = 0;
  let end = v.length;
  while (start < end && v.charCodeAt(start) === SPACE) start++;
  while (end > start && v.charCodeAt(end - 1) === SPACE) end--;
  return sliceIn(v, start, end, MARK_WORDS);
}

/** A cell as the spreadsheet's TRIM gives it: outer spaces gone, inner runs of spaces made one. */
function spreadsheetTrim(s: string): string {
  return s.replace(/ +/g, ' ').replace(/^ | $/g, '');
}

/** How an assessor-decision cell reads. */
export function readDecision(v: RawCell): DecisionReading {
  if (v === null) return 'pending';
  if (v === true) return 'accepted';
  if (v === false) return 'referred';
  const s = typeof v === 'number' ? String(v) : spreadsheetTrim(v);
  if (s === '') return 'pending';
  if (sliceIn(s, 0, s.length, ACCEPTED_WORDS)) return 'accepted';
  if (sliceIn(s, 0, s.length, REFERRED_WORDS)) return 'referred';
  return 'unrecognised';
}

/** A decision the reader acts on: an unrecognised one is not a judgement, so the row stays pending. */
export function parseDecision(v: RawCell): Decision {
  const d = readDecision(v);
  return d === 'unrecognised' ? 'pending' : d;
}

/** A cell entry shown as text in reports: what the assessor typed. */
export function entryText(v: RawCell): string {
  return v === null ? '' : String(v);
}

// ---------------------------------------------------------------------------------------------
// The same rules as spreadsheet formulas. `ref` is a cell ("H15"), a column of cells ("H$15:H$54")
// or a row of cells ("$F9:$M9"): inside SUMPRODUCT each expression is evaluated cell by cell and
// gives 1 or 0 per cell, in Excel (any version) and LibreOffice alike.

const listText = (words: readonly string[]): string => `"|${words.map((w) => w.toUpperCase()).join('|')}|"`;
const MARK_LIST = listText(MARK_WORDS);
const NO_MARK_LIST = listText(NO_MARK_WORDS);
const ACCEPTED_LIST = listText(ACCEPTED_WORDS);
const REFERRED_LIST = listText(REFERRED_WORDS);
const DECISION_LIST = listText([...ACCEPTED_WORDS, ...REFERRED_WORDS]);

/*
 * A word test is FIND("|"&UPPER(TRIM(x))&"|", "|WORD|WORD|"): FIND takes no wildcards (MATCH and
 * COUNTIF would read "?" and "*" as patterns) and, with UPPER on both sides, case never matters
 * whatever the program's case-sensitivity setting. A cell holding "|" could span two words, so it
 * is never a word.
 */
function wordTest(ref: string, list: string): string {
  return `ISNUMBER(FIND("|"&UPPER(TRIM(${ref}))&"|",${list}))*ISERR(FIND("|",${ref}))`;
}

/** 1 where ref holds a digit: its length drops when the ten digits are taken out (spaces do not matter here). */
function digitTest(ref: string): string {
  let stripped = ref;
  for (let d = 0; d <= 9; d++) stripped = `SUBSTITUTE(${stripped},"${d}","")`;
  return `(LEN(${ref})>LEN(${stripped}))`;
}

/** 1 per mark cell of `ref`, else 0 (readMark as a formula; words and digits never overlap). */
export function markFormula(ref: string): string {
  return `(${wordTest(ref, MARK_LIST)}+${digitTest(ref)}*(TRIM(${ref})<>"0"))`;
}

/** The number of mark cells in a range. */
export function markCountFormula(range: string): string {
  return `SUMPRODUCT(${markFormula(range)})`;
}

/** 1 per decision cell that accepts. */
export function acceptedFormula(ref: string): string {
  return `(${wordTest(ref, ACCEPTED_LIST)})`;
}

/** 1 per decision cell that refers. */
export function referredFormula(ref: string): string {
  return `(${wordTest(ref, REFERRED_LIST)})`;
}

/** 1 per decision cell not (validly) judged: blank or unrecognised, so its row's marks are claimed. */
export function pendingFormula(ref: string): string {
  return `(1-${wordTest(ref, DECISION_LIST)})`;
}

/** TRUE for a mark cell that is neither a mark nor a no-mark (a conditional format's test). */
export function unrecognisedMarkFormula(cell: string): string {
  return `AND(TRIM(${cell})<>"",${markFormula(cell)}=0,${wordTest(cell, NO_MARK_LIST)}=0)`;
}

/** TRUE for a decision cell that is neither blank nor one of the decision words. */
export function unrecognisedDecisionFormula(cell: string): string {
  return `AND(TRIM(${cell})<>"",${wordTest(cell, DECISION_LIST)}=0)`;
}

/** The vocabulary in words, for messages. */
export const VOCABULARY_TEXT =
  'a mark is a tick (✓), x, y, yes, TRUE, 1, an evidence ref with a digit in it (E4) or a date; blank, 0, n, no and FALSE are no mark';
