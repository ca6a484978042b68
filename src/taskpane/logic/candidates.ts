import { indistinguishable, sameCandidate } from '../../domain/grid/candidateIdentity';
import { problems } from '../../domain/problems';
import { candidateColumn, distinctCandidates, parseCandidateList, type ListedCandidate } from '../../domain/workflow/candidateList';
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
  const top = range?.row ?? 0;
  const bottom = range?.endRow ?? values.length - 1;
  const left = range?.col ?? 0;
  const right = range?.endCol ?? Math.max(0, ...values.map((r) => r.length - 1));
  const headerLimit = range ? top : Math.min(bottom, top + 9);
  for (let r = top; r <= headerLimit; r++) {
    const row = values[r] ?? [];
    let nameCol = -1;
    let assessorCol = -1;
    let idCol = -1;
    for (let c = left; c <= right; c++) {
      const column = candidateColumn(row[c] ?? null);
      if (nameCol < 0 && column === 'name') nameCol = c;
      else if (assessorCol < 0 && column === 'assessor') assessorCol = c;
      else if (idCol < 0 && column === 'id') idCol = c;
    }
    if (nameCol < 0) continue;
    const candidates: CandidateEntry[] = [];
    for (let rr = r + 1; rr <= bottom; rr++) {
      const line = values[rr] ?? [];
      const name = cellText(line[nameCol] ?? null);
      if (name === '') continue;
      const id = idCol >= 0 ? cellText(line[idCol] ?? null) : '';
      candidates.push({ name, assessor: assessorCol >= 0 ? cellText(line[assessorCol] ?? null) : '', ...(id !== '' ? { id } : {}) });
    }
    if (candidates.length === 0) return { ok: false, message: problems.candidateTableEmpty(where, cellText(row[nameCol] ?? null)).message };
    return { ok: true, candidates };
  }
  return { ok: false, message: problems.candidateTableNoColumn(where, range !== undefined).message };
}
