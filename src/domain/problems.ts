/*
 * Problems are values with a kind and a reason, not exceptions (HyperFormula's pattern). User input
 * never throws: the domain returns a Problem, and each shell (custom functions, CLI, task pane)
 * chooses how to show it. Messages come from this one catalogue so they read alike everywhere.
 */

export type ProblemKind =
  | 'unknownQualification'
  | 'unknownUnit'
  | 'ambiguousCode'
  | 'invalidStandards'
  | 'notAGrid'
  | 'badCandidateList'
  | 'badArgument';

export interface Problem {
  kind: ProblemKind;
  message: string;
  /** Closest known codes, for "did you mean". */
  suggestions?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(problem: Problem): Result<T> => ({ ok: false, problem });

const CANDIDATE_COLUMN_WORDS = 'Candidate (or Name), Assessor and Candidate id (or ULN, SCN, Registration number)';

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function closest(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Closest known: ${suggestions.join(', ')}.` : '';
}

export const problems = {
  unknownQualification: (query: string, suggestions: string[]): Problem => ({
    kind: 'unknownQualification',
    message: `Unknown qualification "${query}".${closest(suggestions)}`,
    suggestions,
  }),
  unknownUnit: (query: string, qualification: string, suggestions: string[]): Problem => ({
    kind: 'unknownUnit',
    message: `Unknown unit "${query}" in ${qualification}.${closest(suggestions)}`,
    suggestions,
  }),
  ambiguousCode: (query: string, what: string, matches: string[]): Problem => ({
    kind: 'ambiguousCode',
    message: `"${query}" matches more than one ${what}: ${matches.join(', ')}. Use a fuller code.`,
    suggestions: matches,
  }),
  invalidStandards: (file: string, path: string, expected: string): Problem => ({
    kind: 'invalidStandards',
    message: `${file}: at ${path || '(top level)'}: ${expected}`,
  }),
  notAGrid: (message: string): Problem => ({ kind: 'notAGrid', message }),
  // A list of candidates (a candidates file, a pasted list, a Candidates table) that cannot be read as given.
  candidateListColumn: (source: string, line: number, column: number, title: string): Problem => ({
    kind: 'badCandidateList',
    message: `${source}: line ${line}: column ${column} is headed "${title}"; a list of candidates has the columns ${CANDIDATE_COLUMN_WORDS}`,
  }),
  candidateListFields: (source: string, line: number, fields: number, columns: readonly string[]): Problem => ({
    kind: 'badCandidateList',
    message: `${source}: line ${line}: ${fields} fields, expected at most ${columns.length} (${columns.join(', ')}); quote a name that holds a comma`,
  }),
  candidateListNoName: (source: string, line: number): Problem => ({ kind: 'badCandidateList', message: `${source}: line ${line}: no candidate name` }),
  candidateListQuote: (source: string, line: number): Problem => ({
    kind: 'badCandidateList',
    message: `${source}: line ${line}: a quote (") is opened and never closed; close it, or take it out`,
  }),
  candidateTableNoColumn: (where: string, headerRowKnown: boolean): Problem => ({
    kind: 'badCandidateList',
    message: `${where} has no column headed Candidate or Name${headerRowKnown ? ' in its header row' : ' in its first 10 rows'}.`,
  }),
  candidateTableEmpty: (where: string, column: string): Problem => ({ kind: 'badCandidateList', message: `${where} has a ${column} column but no names under it.` }),
  // A centre's standards template (.xlsx) that cannot be imported: each shell lists the problems its own way (lines on a terminal, one message in the pane).
  templateNotImported: (source: string, described: readonly string[], form: 'lines' | 'sentence'): Problem => ({
    kind: 'invalidStandards',
    message:
      form === 'lines'
        ? `${source}: ${count(described.length, 'problem')} in the standards template; nothing was imported:\n${described.map((d) => `  - ${d}`).join('\n')}`
        : `${source}: ${count(described.length, 'problem')} in the standards template: ${described.slice(0, 10).join('; ')}${described.length > 10 ? `; and ${described.length - 10} more` : ''}. Nothing was imported.`,
  }),
  /** A template qualification whose id, title or an identifier is another qualification's. */
  templateNamesClash: (source: string, clashes: readonly { path: string; message: string }[], form: 'lines' | 'sentence'): Problem => {
    const each = clashes.map((c) => `Qualification/Identifiers sheet, ${c.path}: ${c.message}`);
    return {
      kind: 'invalidStandards',
      message: form === 'lines' ? `${source}: ${count(clashes.length, 'problem')}; nothing was imported:\n${each.map((e) => `  - ${e}`).join('\n')}` : `${source}: ${each.join('; ')}. Nothing was imported.`,
    };
  },
  // Building a candidate's sheets (the command line and the add-in say the same, each way of giving what is needed named).
  whichCandidate: (name: string, one: string, other: string): Problem => ({
    kind: 'badArgument',
    message: `The workbook has two candidates named "${name}": ${one} and ${other}. Give the candidate id to say which one to build (--candidate-id, or an id column in the candidates file; in the add-in, the Candidate id column).`,
  }),
  unitTooWide: (unit: string, items: number, maxColumns: number): Problem => ({
    kind: 'badArgument',
    message: `Unit ${unit} has ${items} items: more than fit across a sheet (at most ${maxColumns} item columns). Build it with the criteria-rows layout (--layout criteria-rows; in the add-in, Criteria rows), which has a row per item.`,
  }),
  /** Not a problem (the candidate is built once) but said, in both shells alike. */
  listedTwice: (name: string, earlierName: string, earlierWhere: string | undefined, where: string | undefined): string =>
    `candidate "${name}" is listed more than once; built once${earlierWhere && where ? ` (${earlierWhere}${earlierName !== name ? ` as "${earlierName}"` : ''}, and ${where})` : earlierName !== name ? ` (as "${earlierName}")` : ''}`,
  badArgument: (message: string): Problem => ({ kind: 'badArgument', message }),
};

/** A broken invariant (e.g. a corrupt bundled standards file): a bug, so it throws. */
export class StandardsInvariantError extends Error {
  override name = 'StandardsInvariantError';
  static corruptBundle(problem: Problem): StandardsInvariantError {
    return new StandardsInvariantError(`Bundled standards are invalid (a build error): ${problem.message}`);
  }
}
