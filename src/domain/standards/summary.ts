import { unitItems, type ItemKind } from './itemCodes';
import type { Qualification, Unit } from './schema';

/** The documented, stable shape of `vq-matrix standards list --json` (see README). */
export interface UnitSummary {
  code: string;
  codes: string[];
  title: string;
  level: number | null;
  scqfLevel: number | null;
  credit: number | null;
  glh: number | null;
  detailed: boolean;
  criteria: string[];
  range: string[];
  knowledge: string[];
  evidenceRequirements: string[];
}

export interface QualificationSummary {
  id: string;
  title: string;
  awardingBody: string;
  framework: string;
  identifiers: string[];
  units: UnitSummary[];
}

export function unitSummary(unit: Unit): UnitSummary {
  const items = unitItems(unit);
  const codesOf = (kind: ItemKind) => items.filter((i) => i.kind === kind).map((i) => i.code);
  return {
    code: unit.code,
    codes: unit.codes.map((c) => c.code),
    title: unit.title,
    level: unit.level,
    scqfLevel: unit.scqfLevel,
    credit: unit.credit,
    glh: unit.glh,
    detailed: unit.detailed,
    criteria: codesOf('criterion'),
    range: codesOf('range'),
    knowledge: codesOf('knowledge'),
    evidenceRequirements: codesOf('evidence'),
  };
}

export function qualificationSummary(q: Qualification): QualificationSummary {
  return {
    id: q.id,
    title: q.title,
    awardingBody: q.awardingBody,
    framework: q.framework,
    identifiers: q.identifiers.map((i) => i.value),
    units: q.units.map(unitSummary),
  };
}
