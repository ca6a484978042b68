import { indistinguishable, indistinguishableMessage, sameCandidate } from '../../domain/grid/candidateIdentity';
import { normaliseLabel } from '../../domain/grid/layout';
import { cellText } from '../../domain/grid/readGrid';
import type { CellRange } from '../../domain/workbook/plan';
import type { RawCell } from '../../domain/workbook/sheetValues';

export interface CandidateEntry {
  name: string;
  assessor: string;
  /** ULN, SCN or registration number (optional): the candidate's identity when given. */
  id?: string;
}

const NAME_HEADERS = ['candidate', 'candidate name', 'candidates', 'name', 'learner', 'learner name', 'full name', 'apprentice'];
const ASSESSOR_HEADERS = ['assessor', 'assessor name', 'assessors'];
const ID_HEADERS = ['candidate id', 'id', 'uln', 'scn', 'registration number', 'registration no', 'reg no', 'candidate number', 'learner id'];

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
  if (entries[0] && NAME_HEADERS.includes(normaliseLabel(entries[0].name))) entries.shift();
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
      const label = normaliseLabel(row[c] ?? null);
      if (nameCol < 0 && NAME_HEADERS.includes(label)) nameCol = c;
      else if (assessorCol < 0 && ASSESSOR_HEADERS.includes(label)) assessorCol = c;
      else if (idCol < 0 && ID_HEADERS.includes(label)) idCol = c;
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
    if (candidates.length === 0) return { ok: false, message: `${where} has a ${cellText(row[nameCol] ?? null)} column but no names under it.` };
    return { ok: true, candidates };
  }
  return { ok: false, message: `${where} has no column headed Candidate or Name${range ? ' in its header row' : ' in its first 10 rows'}.` };
}
