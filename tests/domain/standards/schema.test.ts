import { qualificationSchema } from '../../../src/domain/standards/schema';

const minimal = () => ({
  id: 'x',
  title: 'Test qualification',
  awardingBody: 'Body',
  framework: 'NVQ',
  level: 2,
  scqfLevel: null,
  identifiers: [{ scheme: 'other', value: 'X1' }],
  glh: null,
  tqt: null,
  minimumCredits: null,
  groups: [{ id: 'm', title: 'Mandatory', mandatory: true, units: ['U1'] }],
  rules: [{ kind: 'mandatory', groups: ['m'], source: 'All units' }],
  units: [
    {
      code: 'U1',
      codes: [{ scheme: 'unit number', code: 'U1' }],
      title: 'Unit one',
      level: 2,
      scqfLevel: null,
      credit: 3,
      glh: 20,
      detailed: true,
      elementKind: 'element',
      elements: [{ code: '1', title: 'E', criteria: [{ code: '1.1', text: 'Do it' }] }],
      range: [],
      knowledge: [{ code: '1', text: 'Know it', subItems: [{ code: 'a', text: 'part' }] }],
      evidenceRequirements: [],
      assessmentGuidance: [],
      simulation: 'not stated',
    },
  ],
  source: { document: 'doc', description: 'desc' },
});

describe('qualification schema', () => {
  it('accepts a minimal valid qualification', () => {
    expect(qualificationSchema.safeParse(minimal()).success).toBe(true);
  });

  it('rejects a misspelt key, saying where', () => {
    const q = minimal() as Record<string, unknown> & { units: Record<string, unknown>[] };
    q.units[0]!.credits = 3;
    const r = qualificationSchema.safeParse(q);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('credits');
    expect(r.error?.issues[0]?.path).toEqual(['units', 0]);
  });

  it('rejects duplicate item codes within a unit', () => {
    const q = minimal();
    q.units[0]!.knowledge.push({ code: '1.1', text: 'clash' } as never);
    const r = qualificationSchema.safeParse(q);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join()).toContain('"1.1" occurs more than once');
  });

  it('rejects rules and groups naming unknown groups or units', () => {
    const q = minimal();
    q.groups[0]!.units.push('U9');
    q.rules.push({ kind: 'mandatory', groups: ['nope'], source: 's' });
    const r = qualificationSchema.safeParse(q);
    const messages = r.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('unknown unit "U9"');
    expect(messages).toContain('unknown group "nope"');
  });
});
