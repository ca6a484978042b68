import { fail, ok, problems, type Result } from '../problems';
import { indistinguishable, indistinguishableMessage, sameCandidate } from '../grid/candidateIdentity';
import { CANDIDATES_TABLE } from '../tables/candidatesTable';
import { fieldOf, type FieldKey } from '../tables/labelledTable';

/*
 * A list of candidates as people give it: a candidates file for `vq-matrix build --candidates`, or
 * a list typed or pasted (from Excel: tab-separated) into the task pane. One reader for both, so a
 * list means the same candidates whichever shell is given it.
 */

/** A candidate to build, as listed. */
export interface ListedCandidate {
  name: string;
  assessor?: string;
  /** ULN, SCN or registration number: the candidate's identity when given. */
  id?: string;
  /** "line 3 of cands.csv", "--candidate": where it was listed, for messages. */
  where?: string;
}

export type CandidateColumn = FieldKey<typeof CANDIDATES_TABLE>;

/** The column a header names, if it is one of ours: the headings a Candidates table in a workbook may use. */
export function candidateColumn(title: string | number | boolean | null): CandidateColumn | undefined {
  return fieldOf(CANDIDATES_TABLE, title);
}

type Separator = ',' | ';';

/**
 * One line's fields. A line holding a tab is tab-separated (a paste from Excel, a .tsv), so a name
 * with a comma ("Smith, Jane") needs no quotes there; otherwise separated by the list's separator
 * (a comma, or a semicolon as Excel saves CSV where the decimal mark is a comma), CSV-quoted: a
 * quoted field may hold the separator and "" is a quote. `unclosed`: a quote never closed.
 */
function fields(line: string, listSeparator: Separator = ','): { values: string[]; unclosed: boolean } {
  const separator = line.includes('\t') ? '\t' : listSeparator;
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === separator) {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(quoted ? field : field.trim());
  return { values: out, unclosed: quoted };
}

/**
 * A list's separator: a semicolon when its header row is semicolon-separated, or when no line has a
 * comma and one has a semicolon (Excel's CSV in locales with a decimal comma); else a comma.
 */
function separatorOf(lines: readonly string[]): Separator {
  const first = lines[0];
  if (first !== undefined && !first.includes('\t') && fields(first, ';').values.some((f) => candidateColumn(f) === 'name')) return ';';
  return !lines.some((l) => l.includes(',')) && lines.some((l) => !l.includes('\t') && l.includes(';')) ? ';' : ',';
}

/**
 * Candidates from a list: one per line, "name", "name,assessor" or "name,assessor,id"; or columns
 * in any order under a header row naming them (Candidate or Name, Assessor, Candidate id, ULN, SCN
 * or Registration number). Blank lines and # comments are skipped. A column it does not know, more
 * fields than columns, or a line with no name is refused with its line, never guessed at.
 * `source` names the list in messages and in each candidate's `where` ("cands.csv", "the pasted list").
 */
export function parseCandidateList(text: string, source: string): Result<ListedCandidate[]> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), at: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
  let columns: (CandidateColumn | '')[] = ['name', 'assessor', 'id'];
  const separator = separatorOf(lines.map((l) => l.line));
  const first = lines[0] ? fields(lines[0].line, separator).values : [];
  if (first.some((f) => candidateColumn(f) === 'name')) {
    // A header row: every column must be one we know, so no data is silently ignored.
    const unknown = first.findIndex((f) => f !== '' && candidateColumn(f) === undefined);
    if (unknown >= 0) return fail(problems.candidateListColumn(source, lines[0]!.at, unknown + 1, first[unknown]!));
    columns = first.map((f) => candidateColumn(f) ?? '');
    lines.shift();
  }
  const out: ListedCandidate[] = [];
  for (const { line, at } of lines) {
    const { values, unclosed } = fields(line, separator);
    if (unclosed) return fail(problems.candidateListQuote(source, at));
    const get = (c: CandidateColumn) => {
      const i = columns.indexOf(c);
      return i >= 0 ? (values[i] ?? '').trim() : '';
    };
    if (values.slice(columns.length).some((f) => f.trim() !== '')) return fail(problems.candidateListFields(source, at, values.length, columns.filter((c) => c !== '')));
    const name = get('name');
    if (name === '') {
      if (values.some((f) => f.trim() !== '')) return fail(problems.candidateListNoName(source, at));
      continue;
    }
    const assessor = get('assessor');
    const id = get('id');
    out.push({ name, ...(assessor ? { assessor } : {}), ...(id ? { id } : {}), where: `line ${at} of ${source}` });
  }
  return ok(out);
}

/**
 * The candidates to build, each once: the same candidate listed again (same id, or the same name in
 * any case or spacing) is built once, and `repeated` says so; two that cannot be told apart (the
 * same name, different assessors, no ids) are refused, naming both.
 */
export function distinctCandidates(candidates: readonly ListedCandidate[]): Result<{ candidates: ListedCandidate[]; repeated: string[] }> {
  const named = candidates.filter((c) => c.name.trim() !== '');
  const pair = indistinguishable(
    named.map((c) => ({ name: c.name, id: c.id?.trim() || undefined, assessor: c.assessor, ...(c.where ? { where: `(${c.where})` } : {}) })),
    { sameSpellingToo: true },
  );
  if (pair.length > 0) return fail(problems.badArgument(indistinguishableMessage(pair[0]!)));
  const out: ListedCandidate[] = [];
  const repeated: string[] = [];
  for (const c of named) {
    const earlier = out.find((o) => sameCandidate(o, c));
    if (earlier) {
      repeated.push(problems.listedTwice(c.name, earlier.name, earlier.where, c.where));
      if (earlier.id === undefined && c.id !== undefined) earlier.id = c.id;
      continue;
    }
    out.push({ ...c });
  }
  return ok({ candidates: out, repeated });
}
