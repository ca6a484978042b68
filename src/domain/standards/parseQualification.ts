import type { Problem } from '../problems';
import { normaliseCode } from './catalog';
import { MAX_STANDARDS_FILE_CHARS } from './limits';
import { qualificationSchema, type Qualification } from './schema';

/*
 * Kept apart from catalog.ts so that looking codes up (the custom functions, grid readers) does not
 * pull in the schema validator (zod): only loading standards files (the bundled ones, a centre's own)
 * needs it. The command line and the task pane both read a centre's file through
 * parseStandardsText, so they accept and refuse exactly the same files.
 */

/** One thing wrong with a standards file: where in it (`units[3].codes[1]`) and what. */
export interface StandardsIssue {
  path: string;
  message: string;
}

/** A qualification, or every problem found in the file (all of them, not the first). */
export type StandardsResult = { ok: true; value: Qualification } | { ok: false; problem: Problem; issues: StandardsIssue[] };

/** How many problems a one-line message lists before "and N more" (the issues carry all of them). */
const MESSAGE_ISSUES = 10;

/** `units[3].codes[1].code`, as a JSON path reads. */
export function standardsPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(top level)';
}

function failed(file: string, issues: StandardsIssue[]): StandardsResult {
  const shown = issues.slice(0, MESSAGE_ISSUES).map((i) => `at ${i.path}: ${i.message}`);
  const more = issues.length > MESSAGE_ISSUES ? `; and ${issues.length - MESSAGE_ISSUES} more problems` : '';
  return { ok: false, issues, problem: { kind: 'invalidStandards', message: `${file}: ${shown.join('; ')}${more}` } };
}

/** Validate a parsed standards file: every problem, each with the path inside the file and what was expected. */
export function parseQualification(raw: unknown, file: string): StandardsResult {
  const parsed = qualificationSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return failed(
    file,
    parsed.error.issues.map((issue) => ({ path: standardsPath(issue.path), message: issue.message })),
  );
}

/** A qualification already in the catalogue, and whether it is one of the bundled five. */
export interface KnownQualification {
  qualification: Qualification;
  bundled: boolean;
}

/**
 * Names this qualification shares with another (compared as lookups compare them): after importing
 * it, looking either up by that name would find both, so neither could be found by it.
 */
export function clashingNames(q: Qualification, others: readonly KnownQualification[]): StandardsIssue[] {
  const taken = new Map<string, { what: string; other: KnownQualification }>();
  for (const other of others) {
    const o = other.qualification;
    const names: [string, string][] = [[o.id, 'id'], [o.title, 'title'], ...o.identifiers.map((i): [string, string] => [i.value, 'identifier'])];
    for (const [value, what] of names) if (!taken.has(normaliseCode(value))) taken.set(normaliseCode(value), { what, other });
  }
  const issues: StandardsIssue[] = [];
  const check = (value: string, path: string) => {
    const clash = taken.get(normaliseCode(value));
    if (!clash) return;
    const o = clash.other.qualification;
    issues.push({
      path,
      message: `"${value}" is already the ${clash.what} of the ${clash.other.bundled ? 'bundled' : 'imported'} ${o.title} (${o.id}): looking it up could not tell the two apart; give this qualification its own`,
    });
  };
  check(q.id, 'id');
  check(q.title, 'title');
  q.identifiers.forEach((i, n) => check(i.value, `identifiers[${n}].value`));
  return issues;
}

/**
 * A centre's standards file, as text (however it was read): an optional UTF-8 byte order mark
 * (Windows editors write one) is dropped, the JSON parsed, the qualification validated, and its
 * names checked against the qualifications it would sit beside (given, or chosen once its id is known).
 */
export function parseStandardsText(
  text: string,
  file: string,
  others: readonly KnownQualification[] | ((q: Qualification) => readonly KnownQualification[]) = [],
): StandardsResult {
  if (text.length > MAX_STANDARDS_FILE_CHARS) {
    return failed(file, [{ path: '(top level)', message: `the file is ${(text.length / 1024 / 1024).toFixed(0)} MB; a standards file is at most ${MAX_STANDARDS_FILE_CHARS / 1024 / 1024} MB` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    const message = `not valid JSON (${(e as Error).message})`;
    return { ok: false, issues: [{ path: '(top level)', message }], problem: { kind: 'invalidStandards', message: `${file}: ${message}` } };
  }
  const parsed = parseQualification(raw, file);
  if (!parsed.ok) return parsed;
  const clashes = clashingNames(parsed.value, typeof others === 'function' ? others(parsed.value) : others);
  return clashes.length > 0 ? failed(file, clashes) : parsed;
}
