/*
 * Who a candidate is. Centres identify learners by a number (ULN in England, SCN in Scotland, an
 * awarding body's registration number): when a candidate has one, it is their identity. Without
 * one, names that differ only in case or spacing ("Jane Smith", "jane  smith ") are one candidate.
 * Every comparison of candidates (build, check and cohort grouping, sampling, recording) goes
 * through this file, so they all agree.
 */

export interface CandidateIdentity {
  name: string;
  /** ULN, SCN or registration number, when the centre gives one. */
  id?: string;
}

/** A name as compared: trimmed, inner spacing collapsed, composed (NFC) and case-folded. */
export function candidateNameKey(name: string): string {
  // Upper then lower folds more than lower alone ("ß" and "SS" compare equal).
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toUpperCase().toLowerCase();
}

/** An id as compared: spaces and dashes people type inside numbers ignored, case-folded. */
export function candidateIdKey(id: string | undefined): string {
  return (id ?? '').normalize('NFC').replace(/[\s-]+/g, '').toUpperCase();
}

const hasId = (c: CandidateIdentity) => candidateIdKey(c.id) !== '';

/**
 * Whether two records name the same candidate: by id when both have one, else by name (case and
 * spacing ignored). A record without an id matches a same-named record with one: the id is
 * simply not known there yet (an older workbook, a list without the column).
 */
export function sameCandidate(a: CandidateIdentity, b: CandidateIdentity): boolean {
  if (hasId(a) && hasId(b)) return candidateIdKey(a.id) === candidateIdKey(b.id);
  return candidateNameKey(a.name) === candidateNameKey(b.name);
}

/** A grouping key: the id when known, else the compared name. */
export function candidateKey(c: CandidateIdentity): string {
  return hasId(c) ? `id\u0000${candidateIdKey(c.id)}` : `name\u0000${candidateNameKey(c.name)}`;
}

/** Text for messages: "Amy Ng (id 1234567890)". */
export function describeCandidate(c: CandidateIdentity & { assessor?: string; where?: string }): string {
  const extra = [hasId(c) ? `id ${c.id!.trim()}` : '', c.assessor?.trim() ? `assessor ${c.assessor.trim()}` : ''].filter(Boolean).join(', ');
  return `"${c.name}"${extra ? ` (${extra})` : ''}${c.where ? ` ${c.where}` : ''}`;
}

export interface CandidateRecord extends CandidateIdentity {
  assessor?: string;
  /** Where the record is, for messages ("on line 3", "on sheet Amy Ng Tracker"). */
  where?: string;
}

const assessorKey = (a: string | undefined) => candidateNameKey(a ?? '');

/**
 * Pairs of records that cannot be told apart: names that differ only in case or spacing, with
 * different assessors, and no ids to separate them ("Amy Ng" with P. Jones, "AMY NG" with K. Lee).
 * They may be two people: merging them would put one's evidence on the other's grid, so the
 * caller refuses until ids tell them apart. Records spelt exactly alike are one candidate.
 */
export function indistinguishable(records: readonly CandidateRecord[], options: { sameSpellingToo?: boolean } = {}): [CandidateRecord, CandidateRecord][] {
  const pairs: [CandidateRecord, CandidateRecord][] = [];
  const reported = new Set<string>();
  const byName = new Map<string, CandidateRecord[]>();
  for (const r of records) {
    const k = candidateNameKey(r.name);
    byName.set(k, [...(byName.get(k) ?? []), r]);
  }
  for (const group of byName.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        if (hasId(a) && hasId(b)) continue; // ids decide: same id one candidate, different ids two
        // On sheets, one spelling with several assessors is one candidate (units may have different assessors).
        if (!options.sameSpellingToo && a.name.trim() === b.name.trim()) continue;
        if (assessorKey(a.assessor) === '' || assessorKey(b.assessor) === '' || assessorKey(a.assessor) === assessorKey(b.assessor)) continue;
        // One message per pair of spellings, however many sheets repeat them.
        const seen = [a, b].map((r) => `${r.name.trim()}\u0000${assessorKey(r.assessor)}`).join('\u0001');
        if (reported.has(seen)) continue;
        reported.add(seen);
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** The refusal for a pair that cannot be told apart. */
export function indistinguishableMessage([a, b]: [CandidateRecord, CandidateRecord]): string {
  const how = a.name.trim() === b.name.trim() ? 'have the same name' : 'differ only in case or spacing';
  return `${describeCandidate(a)} and ${describeCandidate(b)} ${how} but have different assessors: they may be two people. Give each a candidate id (ULN, SCN or registration number) to tell them apart, or spell the name the same way if they are one person.`;
}

/**
 * One key per record saying which candidate it is, for grouping a workbook's sheets: by id; a
 * record without an id under a name that one id claims is that candidate's; a name with no ids is
 * one candidate, unless it holds a pair that cannot be told apart (split by spelling, and reported).
 */
export function groupCandidates(records: readonly CandidateRecord[]): { keys: string[]; problems: { at: number; message: string }[] } {
  const idsByName = new Map<string, Set<string>>();
  for (const r of records) {
    const id = candidateIdKey(r.id);
    if (id === '') continue;
    const k = candidateNameKey(r.name);
    idsByName.set(k, (idsByName.get(k) ?? new Set()).add(id));
  }
  const problemsFound: { at: number; message: string }[] = [];
  const keys = records.map((r, at) => {
    if (candidateIdKey(r.id) !== '') return candidateKey(r);
    const ids = [...(idsByName.get(candidateNameKey(r.name)) ?? [])];
    if (ids.length === 1) return `id\u0000${ids[0]}`;
    if (ids.length > 1) {
      problemsFound.push({ at, message: `${describeCandidate(r)} has no candidate id, and ${ids.length} candidates of that name have one (${ids.join(', ')}): cannot tell whose it is. Write the id beside "Candidate id" (D1/E1).` });
      return `unresolved\u0000${r.name.trim()}`;
    }
    return candidateKey(r);
  });
  // A name without ids holding two people who cannot be told apart: kept apart, and said.
  const byKey = new Map<string, number[]>();
  keys.forEach((k, i) => byKey.set(k, [...(byKey.get(k) ?? []), i]));
  for (const [key, members] of byKey) {
    if (!key.startsWith('name\u0000')) continue;
    const pairs = indistinguishable(members.map((i) => records[i]!));
    if (pairs.length === 0) continue;
    for (const pair of pairs) problemsFound.push({ at: records.indexOf(pair[1]), message: indistinguishableMessage(pair) });
    for (const i of members) keys[i] = `${key}\u0000${records[i]!.name.trim()}`;
  }
  return { keys, problems: problemsFound };
}
