import { checkRules, planPathway } from '../../../src/domain/rules/rulesOfCombination';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { Catalog, type QualificationIndex } from '../../../src/domain/standards/catalog';
import { parseQualification } from '../../../src/domain/standards/parseQualification';
import forms from '../../../src/domain/standards/data/cg-nsvq2-recording-forms.json';

function qual(id: string): QualificationIndex {
  const found = bundledCatalog().findQualification(id);
  if (!found.ok) throw new Error(found.problem.message);
  return found.value;
}

describe('CVQ CCA010-02: 5 mandatory + exactly 1 optional, at least 6 units', () => {
  const cvq = qual('CCA010-02');
  const mandatory = ['U09602', 'U12902', 'U13002', 'U13102', 'U00306'];

  it('is met by the mandatory units and one optional unit', () => {
    const r = checkRules(cvq, [...mandatory, 'U13202']);
    expect(r.status).toBe('met');
    expect(r.met).toBe(true);
    expect(r.unmet).toEqual([]);
  });

  it('lists every unmet rule in plain words', () => {
    const r = checkRules(cvq, ['U09602', 'U12902', 'U13002', 'U13102', 'U13202', 'U13302']);
    expect(r.met).toBe(false);
    expect(r.unmet).toEqual([
      expect.stringMatching(/^needs mandatory unit U00306 Maintain a safe and secure working environment/),
      'at most 1 unit from Optional Units (Choose one); 2 chosen',
    ]);
  });

  it('counts too few units', () => {
    const r = checkRules(cvq, mandatory);
    expect(r.unmet).toEqual(['needs 1 more unit from Optional Units (Choose one)', 'needs 1 more unit']);
  });

  it('plans: the mandatory units are pre-selectable and no second optional unit may be chosen', () => {
    const plan = planPathway(cvq, [...mandatory, 'U13402']);
    expect(plan.mandatory.map((u) => u.code)).toEqual(mandatory);
    expect(plan.canChoose).toEqual([]);
    expect(plan.cannotChoose.map((c) => c.unit.code)).toEqual(['U13202', 'U13302', 'U13502']);
    expect(plan.cannotChoose[0]!.reason).toBe('would break: at most 1 unit from Optional Units (Choose one); 2 chosen');
    expect(plan.stillNeeded).toEqual([]);
  });
});

describe('C&G 4430-02: credits, credits at level 2, one unit per optional group', () => {
  const cg = qual('500/9341/1');
  const mandatory = ['101', '201'];

  it('is met by a balanced pathway (codes in any form)', () => {
    const r = checkRules(cg, [...mandatory, 'A4', '4430-212', 'C3', '221']);
    expect(r.unmet).toEqual([]);
    expect(r.status).toBe('met');
    expect(r.credits.total).toBe(4 + 4 + 5 + 5 + 6 + 6);
  });

  it('reports credits short of the minimum and the missing optional group', () => {
    const r = checkRules(cg, [...mandatory, '203', '212', '219']);
    expect(r.unmet).toEqual([
      '4 credits short of the minimum 28',
      '4 credits short of the minimum 20 from optional groups Impression and Image, Delivery, Handling Problems, Development and Improvement',
      'needs 1 more unit from optional group Development and Improvement',
    ]);
  });

  it('reports credits short at level 2 (level 1 and 3 units do not count)', () => {
    const r = checkRules(cg, [...mandatory, '102', '104', '105', '313']);
    expect(r.unmet).toEqual(['11 credits short of the minimum 15 at level 2']);
  });

  it('reports a missing mandatory unit and a unit that is not in the qualification', () => {
    const r = checkRules(cg, ['201', '203', '212', '219', '221', '999']);
    expect(r.unknownUnits).toEqual(['999']);
    expect(r.unmet[0]).toBe('unit 999 is not part of Level 2 NVQ Certificate in Customer Service');
    expect(r.unmet).toContain('needs mandatory unit 4430-101 Communicate using customer service language');
  });

  it('plans what is still needed', () => {
    const plan = planPathway(cg, mandatory);
    expect(plan.stillNeeded).toContain('20 credits short of the minimum 28');
    expect(plan.canChoose).toHaveLength(47);
  });
});

describe('SQA SVQ 3: 2 mandatory + 5 optional, one per group, at most one at SCQF 7 or 8', () => {
  const svq = qual('SVQ 3 in Customer Service at SCQF level 6');

  it('cannot confirm the SCQF-level rule, because the document never states unit SCQF levels', () => {
    const r = checkRules(svq, ['F3', 'F4', 'A13', 'B9', 'C5', 'D8', 'D9']);
    expect(r.unmet).toEqual([]);
    expect(r.status).toBe('cannotCheck');
    expect(r.met).toBe(false);
    expect(r.cannotCheck).toEqual([expect.stringMatching(/^cannot be checked: the standard does not state the SCQF level of A13, B9, C5, D8, D9$/)]);
  });

  it('lists every unmet rule', () => {
    const r = checkRules(svq, ['F3', 'A13', 'A14', 'A15', 'A16', 'B9', 'B10']);
    expect(r.unmet).toEqual([
      'needs mandatory unit F4 Demonstrate Understanding of the Rules that Impact on Improvements in Customer Service',
      'at most 5 units from optional groups Optional Units — Impression and Image, Optional Units — Delivery, Optional Units — Handling Problems, Optional Units — Development and Improvement; 6 chosen',
      'needs 1 more unit from Optional Units — Handling Problems; needs 1 more unit from Optional Units — Development and Improvement',
    ]);
  });
});

describe('IMI Level 2 Diploma: group credit minima and maxima, level, GLH bounds', () => {
  const imi = qual('601/3456/2');
  const groupA = ['CS 7', 'CS 8', 'CS 9', 'B&A 38', 'M&L 1'];
  const good = [...groupA, 'CS 5', 'CS 10', 'CS 11', 'CS 13', 'CS 14', 'CS 17', 'CS 19', 'CS 20'];
  /** 233 GLH: room for group D units without breaking the GLH maximum. */
  const lean = good.filter((c) => c !== 'CS 19' && c !== 'CS 20');

  it('is met by a pathway of 45 credits and 263 GLH', () => {
    const r = checkRules(imi, good);
    expect(r.unmet).toEqual([]);
    expect(r.status).toBe('met');
    expect(r.credits.total).toBe(45);
    expect(r.glh.total).toBe(263);
  });

  it('reports too many credits from group D', () => {
    const r = checkRules(imi, [...lean, 'CC38', 'HSPW2']);
    expect(r.glh.total).toBe(233 + 40 + 16);
    expect(r.unmet).toEqual(['at most 7 credits from Optional Group D; 9 counted']);
  });

  it('reports group minima, total credits and GLH below the minimum', () => {
    const r = checkRules(imi, groupA);
    expect(r.unmet).toEqual([
      '3 credits short of the minimum 3 from Optional Group B',
      '16 credits short of the minimum 16 from Optional Group C',
      '26 credits short of the minimum 45',
      '26 credits short of the minimum 45 at level 2 or above',
      '109 guided learning hours short of the minimum 245',
    ]);
  });

  it('plans: once group D holds 7 credits no other group D unit can be chosen', () => {
    const plan = planPathway(imi, [...lean, 'CC38']);
    const blocked = plan.cannotChoose.map((c) => c.unit.code);
    expect(blocked).toContain('HSPW2');
    expect(blocked).not.toContain('CS 12');
    expect(plan.canChoose.map((u) => u.code)).not.toContain('HSPW2');
    expect(plan.cannotChoose.find((c) => c.unit.code === 'HSPW2')?.reason).toBe('would break: at most 7 credits from Optional Group D; 9 counted');
  });

  it('plans: a unit that would push GLH over the maximum cannot be chosen', () => {
    const plan = planPathway(imi, [...good, 'CC38']);
    expect(plan.cannotChoose.find((c) => c.unit.code === 'CS 12')?.reason).toBe('would break: at most 305 guided learning hours; 317 counted');
  });

  it('reports GLH above the maximum', () => {
    const lots = [...good, 'CS 12', 'CS 15', 'CS 16', 'CS 18', 'CS 21', 'CS 22', 'CS 23'];
    const r = checkRules(imi, lots);
    expect(r.unmet).toEqual([`at most 305 guided learning hours; ${263 + 14 + 20 + 15 + 16 + 15 + 18 + 18} counted`]);
  });
});

describe('C&G recording forms: no rules of combination in the document', () => {
  it('says the rules cannot be checked, never that they are met', () => {
    const r = checkRules(qual('cg-nsvq2-recording-forms'), ['101', '201']);
    expect(r.status).toBe('cannotCheck');
    expect(r.met).toBe(false);
    expect(r.cannotCheck).toEqual(['cannot be checked: the standard gives no rules of combination']);
  });
});

describe('rules whose inputs the standard does not give', () => {
  it('a credit rule over units without credit values cannot be checked', () => {
    const q = structuredClone(forms) as unknown as Record<string, unknown>;
    q.id = 'with-rule';
    q.rules = [{ kind: 'credits', min: 10, source: 'at least 10 credits' }];
    const parsed = parseQualification(q, 'x.json');
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const index = new Catalog([parsed.value]).all[0]!;
    const r = checkRules(index, ['101']);
    expect(r.status).toBe('cannotCheck');
    expect(r.cannotCheck[0]).toBe('cannot be checked: the standard does not state the credit value of 101');
  });
});
