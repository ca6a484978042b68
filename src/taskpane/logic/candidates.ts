import { indistinguishable, indistinguishableMessage, sameCandidate } from '../../domain/grid/candidateIdentity';
import { cellText } from '../../domain/grid/readGrid';
import { CANDIDATES_TABLE } from '../../domain/tables/candidatesTable';
import { fieldOf, readLabelledTable } from '../../domain/tables/labelledTable';
import type { CellRange } from '../../domain/workbook/plan';
import type { RawCell } from '../../domain/workbook/sheetValues';

export interface CandidateEntry {
  name: string;
  assessor: string;
  /** ULN, SCN or registration number (optional): the candidate's identity when given. */
  id?: string;
}

/**
 * A pasted or typed list: one candidate per line, optionally followed by a tab (a paste from Excel)
 * or a comma and the assessor's name, then the candidate id. A first line that is only a header is skipped.
 */
export function parseCandidateList(text: string): CandidateEntry[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const entries = lines.map((line) => {
    const parts = (line.includes('\t') ? line.split('\t') : line.split(',')).map((p) => p.trim().replace(/^"(.*)"$/, '$1').trim());
    return { name: parts[0] ?? '', assessor: parts[1] ?? '', ...(parts[2] ? { id: parts[2] } : {}) };
  });
  if (entries[0] && fieldOf(CANDIDATES_TABLE, entries[0].name) === 'name') entries.shift();
  return entries.filter((e) => e.name !== '');
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
  const pairs = indistinguishable(
    list.filter((c) => c.name.trim() !== '').map((c) => ({ name: c.name, assessor: c.assessor, ...(c.id?.trim() ? { id: c.id } : {}) })),
    { sameSpellingToo: true },
  );
  return pairs.length > 0 ? indistinguishableMessage(pairs[0]!) : null;
}

export type CandidatesRead = { ok: true; candidates: CandidateEntry[] } | { ok: false; message: string };

/**
 * The candidates in a table (a header row with a Candidate or Name column, and optionally an
 * Assessor column): the table's range when known, else the header is looked for in the first rows.
 */
export function readCandidatesTable(values: readonly (readonly RawCell[])[], where: string, range?: CellRange): CandidatesRead {
  const read = readLabelledTable(CANDIDATES_TABLE, values, range);
  if (!read.ok) return { ok: false, message: `${where} has no column headed Candidate or Name${range ? ' in its header row' : ' in its first 10 rows'}.` };
  const candidates: CandidateEntry[] = read.value.rows
    .filter((r) => r.values.name !== '')
    .map(({ values: v }) => ({ name: v.name, assessor: v.assessor, ...(v.id !== '' ? { id: v.id } : {}) }));
  if (candidates.length > 0) return { ok: true, candidates };
  const heading = cellText(values[read.value.headerRow]?.[read.value.columns.get('name')!] ?? null);
  return { ok: false, message: `${where} has a ${heading} column but no names under it.` };
}
