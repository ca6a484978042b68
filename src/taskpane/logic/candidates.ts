import { indistinguishable, sameCandidate } from '../../domain/grid/candidateIdentity';
import { problems } from '../../domain/problems';
import { distinctCandidates, parseCandidateList, type ListedCandidate } from '../../domain/workflow/candidateList';
import { CANDIDATES_TABLE } from '../../domain/tables/candidatesTable';
import { readLabelledTable } from '../../domain/tables/labelledTable';
import { cellText } from '../../domain/grid/readGrid';
import type { CellRange } from '../../domain/workbook/plan';
import type { RawCell } from '../../domain/workbook/sheetValues';

export interface CandidateEntry {
  name: string;
  assessor: string;
  /** ULN, SCN or registration number (optional): the candidate's identity when given. */
  id?: string;
}

export type CandidatesRead = { ok: true; candidates: CandidateEntry[] } | { ok: false; message: string };

const entry = (c: ListedCandidate): CandidateEntry => ({ name: c.name, assessor: c.assessor ?? '', ...(c.id ? { id: c.id } : {}) });

/**
 * A typed or pasted list (from Excel: tab-separated), read as `vq-matrix build --candidates` reads
 * a file: one candidate per line, the assessor and candidate id after a tab or comma, or columns
 * named by a header row.
 */
export function parsePastedCandidates(text: string): CandidatesRead {
  const parsed = parseCandidateList(text, 'The pasted list');
  return parsed.ok ? { ok: true, candidates: parsed.value.map(entry) } : { ok: false, message: parsed.problem.message };
}

/** Adds candidates not already listed (compared as every command compares them: id, else name ignoring case and spacing). */
export function mergeCandidates(existing: readonly CandidateEntry[], incoming: readonly CandidateEntry[]): { list: CandidateEntry[]; duplicates: string[] } {
  const list = [...existing];
  const duplicates: string[] = [];
  for (const c of incoming) {
    if (c.name.trim() === '') continue;
    // A same-named candidate with another assessor may be another person: listed, so the build can refuse until ids tell them apart.
    const mayDiffer = (o: CandidateEntry) => indistinguishable([o, c], { sameSpellingToo: true }).length > 0;
    if (list.some((o) => o.name.trim() !== '' && sameCandidate(o, c) && !mayDiffer(o))) duplicates.push(c.name);
    else list.push({ name: c.name.trim(), assessor: c.assessor.trim(), ...(c.id?.trim() ? { id: c.id.trim() } : {}) });
  }
  return { list, duplicates };
}

/** Two listed candidates that cannot be told apart (same name, different assessors, no ids): the message, else null. */
export function candidatesConflict(list: readonly CandidateEntry[]): string | null {
  const distinct = distinctCandidates(list);
  return distinct.ok ? null : distinct.problem.message;
}

/**
 * The candidates in a table (a header row with a Candidate or Name column, and optionally an
 * Assessor column): the table's range when known, else the header is looked for in the first rows.
 */
export function readCandidatesTable(values: readonly (readonly RawCell[])[], where: string, range?: CellRange): CandidatesRead {
  const read = readLabelledTable(CANDIDATES_TABLE, values, range);
  if (!read.ok) return { ok: false, message: problems.candidateTableNoColumn(where, range !== undefined).message };
  const candidates: CandidateEntry[] = read.value.rows
    .filter((r) => r.values.name !== '')
    .map(({ values: v }) => ({ name: v.name, assessor: v.assessor, ...(v.id !== '' ? { id: v.id } : {}) }));
  if (candidates.length > 0) return { ok: true, candidates };
  const heading = cellText(values[read.value.headerRow]?.[read.value.columns.get('name')!] ?? null);
  return { ok: false, message: problems.candidateTableEmpty(where, heading).message };
}
