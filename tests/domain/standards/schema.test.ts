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

describe('absurd values and ambiguous codes are refused, with where (issue #14)', () => {
  const issues = (q: unknown) => {
    const r = qualificationSchema.safeParse(q);
    return (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);
  };
  const twoUnits = () => {
    const q = minimal();
    const second = structuredClone(q.units[0]!);
    second.code = 'U2';
    second.codes = [{ scheme: 'unit number', code: 'U2' }];
    q.units.push(second);
    return q;
  };

  it('a code one unit claims that is another unit\'s code, compared as lookups compare (case and spaces ignored)', () => {
    const q = twoUnits();
    q.units[1]!.codes.push({ scheme: 'NOS', code: ' u 1' });
    expect(issues(q)).toEqual([['units.1.codes.1.code', '"u 1" is also a code of unit U1 (units[0]): looking it up could not tell the two units apart; give each unit codes of its own']]);
    // The same code twice in one unit is harmless: it finds that unit.
    const same = minimal();
    same.units[0]!.codes.push({ scheme: 'NOS', code: 'u1' });
    expect(issues(same)).toEqual([]);
  });

  it('control characters and lone surrogates, which a cell cannot hold', () => {
    const q = twoUnits();
    q.title = 'Test\u0000qualification';
    q.units[0]!.elements[0]!.criteria[0]!.text = 'Do \u001b it';
    q.units[1]!.codes[0]!.code = 'U\t2';
    q.units[1]!.code = 'U\t2';
    q.groups[0]!.units = ['U1'];
    q.units[0]!.knowledge[0]!.text = 'half \ud83d of an emoji';
    expect(issues(q)).toEqual(
      expect.arrayContaining([
        ['title', 'contains the character U+0000 at position 5, which a cell cannot hold: remove it'],
        ['units.0.elements.0.criteria.0.text', 'contains the character U+001B at position 4, which a cell cannot hold: remove it'],
        ['units.1.code', 'contains the character U+0009 at position 2, which a cell cannot hold: remove it'],
        ['units.0.knowledge.0.text', 'contains the character U+D83D at position 6, which a cell cannot hold: remove it'],
      ]),
    );
    // Tabs and line breaks are fine in text; emoji (a surrogate pair) too.
    const fine = minimal();
    fine.units[0]!.elements[0]!.criteria[0]!.text = 'Do it:\n\tcarefully\r\n🙂';
    expect(issues(fine)).toEqual([]);
  });

  it('numbers beyond any real standard, and text longer than a cell', () => {
    const q = minimal() as Omit<ReturnType<typeof minimal>, "glh" | "rules"> & { glh: number | null; rules: Record<string, unknown>[] };
    q.units[0]!.credit = 1e308;
    q.units[0]!.glh = 20_000;
    q.glh = 1e9;
    q.rules.push({ kind: 'credits', levels: { scale: 'level', min: -1, max: 99 }, min: 1e6, source: 's' });
    q.units[0]!.knowledge[0]!.text = 'x'.repeat(32_768);
    q.title = 't'.repeat(501);
    q.units[0]!.code = 'U'.repeat(65);
    expect(issues(q)).toEqual(
      expect.arrayContaining([
        ['units.0.credit', 'expected at most 1,000'],
        ['units.0.glh', 'expected at most 10,000'],
        ['glh', 'expected at most 100,000'],
        ['rules.1.levels.min', expect.stringMatching(/>=0/) as unknown as string],
        ['rules.1.levels.max', expect.stringMatching(/<=12/) as unknown as string],
        ['rules.1.min', 'expected at most 100,000'],
        ['units.0.knowledge.0.text', 'expected at most 32,767 characters of text'],
        ['title', 'expected at most 500 characters of text'],
        ['units.0.code', 'expected a code of at most 64 characters'],
      ]),
    );
  });

  it('a group id used twice', () => {
    const q = minimal();
    q.groups.push({ id: 'm', title: 'Again', mandatory: false, units: ['U1'] });
    expect(issues(q)).toEqual([['groups.1.id', 'duplicate group id "m" (also groups[0])']]);
  });
});
