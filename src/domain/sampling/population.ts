import type { Cohort, CohortCandidate } from '../cohort/cohortSummary';
import { candidateIdKey } from '../grid/candidateIdentity';
import type { SampleKind } from './rates';

// The population: judged evidence, grouped by candidate x unit x method x site.

/** Shown (and read back) for a method or site the grid does not record. */
export const NOT_RECORDED = '(not recorded)';

export interface SamplingGroup {
  id: number;
  candidateKey: string;
  candidate: string;
  candidateId?: string;
  qualification: string;
  file?: string;
  unit: string;
  unitTitle: string;
  codes: string[];
  unitOrder: number;
  sheet: string;
  assessor: string;
  /** '' when not recorded. */
  method: string;
  site: string;
  kind: SampleKind;
  refs: string[];
  firstDate: number | null;
  /** candidateKey + unit: what rates count. */
  candidateUnit: string;
}

export interface CandidateUnit {
  key: string;
  candidate: string;
  unit: string;
  assessor: string;
  groups: SamplingGroup[];
  firstDate: number | null;
}

export interface Population {
  groups: SamplingGroup[];
  candidateUnits: CandidateUnit[];
}

export const lower = (s: string) => s.trim().toLowerCase();
// The cohort has already grouped sheets by candidate: its id, else its exact name, keeps two candidates apart.
const candidateKeyOf = (c: Pick<CohortCandidate, 'candidate' | 'candidateId' | 'qualification' | 'file'>) =>
  `${c.file ?? ''}\u0000${candidateIdKey(c.candidateId) || c.candidate}\u0000${c.qualification}`;

export function samplingPopulation(cohort: Cohort): Population {
  const groups: SamplingGroup[] = [];
  const byKey = new Map<string, SamplingGroup>();
  const display = new Map<string, string>(); // first-seen spelling of a method or site
  const spell = (kind: string, v: string) => {
    const k = `${kind}\u0000${lower(v)}`;
    if (!display.has(k)) display.set(k, v.trim());
    return display.get(k)!;
  };
  for (const c of cohort.candidates) {
    const candidateKey = candidateKeyOf(c);
    for (const u of c.units) {
      const kind: SampleKind = u.complete ? 'summative' : 'interim';
      for (const e of u.evidence) {
        if (e.decision === 'pending') continue;
        const method = e.method.trim() === '' ? '' : spell('method', e.method);
        const site = e.site.trim() === '' ? '' : spell('site', e.site);
        const key = `${candidateKey}\u0000${u.unit}\u0000${lower(method)}\u0000${lower(site)}`;
        let g = byKey.get(key);
        if (!g) {
          g = {
            id: groups.length,
            candidateKey,
            candidate: c.candidate,
            ...(c.candidateId !== undefined ? { candidateId: c.candidateId } : {}),
            qualification: c.qualification,
            ...(c.file !== undefined ? { file: c.file } : {}),
            unit: u.unit,
            unitTitle: u.title,
            codes: u.codes,
            unitOrder: u.order,
            sheet: u.sheet,
            assessor: u.assessor,
            method,
            site,
            kind,
            refs: [],
            firstDate: null,
            candidateUnit: `${candidateKey}\u0000${u.unit}`,
          };
          byKey.set(key, g);
          groups.push(g);
        }
        if (!g.refs.includes(e.ref)) g.refs.push(e.ref);
        if (e.date !== null && (g.firstDate === null || e.date < g.firstDate)) g.firstDate = e.date;
      }
    }
  }
  const cus = new Map<string, CandidateUnit>();
  for (const g of groups) {
    let cu = cus.get(g.candidateUnit);
    if (!cu) {
      cu = { key: g.candidateUnit, candidate: g.candidate, unit: g.unit, assessor: g.assessor, groups: [], firstDate: null };
      cus.set(g.candidateUnit, cu);
    }
    cu.groups.push(g);
    if (g.firstDate !== null && (cu.firstDate === null || g.firstDate < cu.firstDate)) cu.firstDate = g.firstDate;
  }
  return { groups, candidateUnits: [...cus.values()] };
}
