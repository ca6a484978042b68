/**
 * SQA SVQ 3 in Customer Service at SCQF level 6 (seed 002). Every expected value below was typed
 * by hand from the seed document, not copied from the importer's output.
 */
import data from '../../../src/domain/standards/data/sqa-svq3-customer-service.json';
import { qualificationSchema, type Qualification, type Unit } from '../../../src/domain/standards/schema';
import { unitItems, type ItemKind } from '../../../src/domain/standards/itemCodes';

const q: Qualification = qualificationSchema.parse(data);

function unit(code: string): Unit {
  const u = q.units.find((x) => x.code === code);
  if (!u) throw new Error(`unit ${code} missing`);
  return u;
}

function codes(u: Unit, kind: ItemKind): string[] {
  return unitItems(u)
    .filter((i) => i.kind === kind)
    .map((i) => i.code);
}

function criterion(u: Unit, code: string) {
  const c = u.elements.flatMap((e) => e.criteria).find((x) => x.code === code);
  if (!c) throw new Error(`${code} missing`);
  return c;
}

function knowledge(u: Unit, code: string) {
  const k = u.knowledge.find((x) => x.code === code);
  if (!k) throw new Error(`${code} missing`);
  return k;
}

/** "F3.1", 3 -> F3.1.1, F3.1.2, F3.1.3 (the seed numbers criteria consecutively from 1). */
const numbered = (element: string, n: number) => Array.from({ length: n }, (_, i) => `${element}.${i + 1}`);
/** "F3", "s" -> F3a ... F3s. */
const lettered = (unitCode: string, last: string) =>
  Array.from({ length: last.charCodeAt(0) - 96 }, (_, i) => `${unitCode}${String.fromCharCode(97 + i)}`);

describe('SQA SVQ 3 in Customer Service (seed 002)', () => {
  it('parses with the qualification schema', () => {
    expect(qualificationSchema.safeParse(data).success).toBe(true);
  });

  it('has the qualification identity as printed', () => {
    expect(q.id).toBe('sqa-svq3-customer-service');
    expect(q.title).toBe('SVQ 3 in Customer Service at SCQF level 6');
    expect(q.awardingBody).toBe('Scottish Qualifications Authority (SQA)');
    expect(q.framework).toBe('SVQ/SCQF');
    expect(q.level).toBeNull();
    expect(q.scqfLevel).toBe(6);
    expect(q.identifiers).toEqual([{ scheme: 'title', value: 'SVQ 3 in Customer Service at SCQF level 6' }]);
    expect(q.glh).toBeNull();
    expect(q.tqt).toBeNull();
    expect(q.minimumCredits).toBeNull();
    expect(q.source.document).toBe('002_c8159a0ee6f5e1a2.txt');
  });

  it('has the mandatory group and the four optional groups of the Unit progress record', () => {
    expect(q.groups).toEqual([
      { id: 'mandatory', title: 'Mandatory Units', mandatory: true, units: ['F3', 'F4'] },
      { id: 'A', title: 'Optional Units — Impression and Image', mandatory: false, units: ['A13', 'A14', 'A15', 'A16'] },
      { id: 'B', title: 'Optional Units — Delivery', mandatory: false, units: ['B9', 'B10', 'B11'] },
      { id: 'C', title: 'Optional Units — Handling Problems', mandatory: false, units: ['C5', 'C6', 'C7'] },
      {
        id: 'D',
        title: 'Optional Units — Development and Improvement',
        mandatory: false,
        units: ['D8', 'D9', 'D10', 'D11', 'D12', 'D13', 'D14', 'D15', 'D16', 'D17', 'D18', 'D19', 'D20'],
      },
    ]);
  });

  it('has every rule of combination, quoting the seed', () => {
    expect(q.rules).toHaveLength(4);
    const [mandatory, five, perGroup, scqf] = q.rules;
    expect(mandatory).toMatchObject({ kind: 'mandatory', groups: ['mandatory'] });
    expect(mandatory!.source).toContain('all two mandatory Units');
    expect(mandatory!.source).toContain('Mandatory Units — all Units should be completed');

    expect(five).toMatchObject({ kind: 'unitCount', groups: ['A', 'B', 'C', 'D'], min: 5, max: 5 });
    expect(five!.source).toContain('all two mandatory Units plus five optional Units');
    expect(five).not.toHaveProperty('levels');

    expect(perGroup).toMatchObject({ kind: 'unitsPerGroup', groups: ['A', 'B', 'C', 'D'], min: 1 });
    expect(perGroup).not.toHaveProperty('max');
    expect(perGroup!.source).toContain('Optional Units — candidates must achieve at least one of the following Units');

    expect(scqf).toMatchObject({ kind: 'unitCount', groups: ['A', 'B', 'C', 'D'], levels: { scale: 'scqf', min: 7, max: 8 }, max: 1 });
    expect(scqf).not.toHaveProperty('min');
    expect(scqf!.source).toBe('Only one optional Unit can be selected from the optional Units at SCQF level 7 or 8.');
    expect(scqf!.notes?.join(' ')).toMatch(/cannot be checked/);
  });

  // [SSC code, SQA code(s) as printed, title as printed on the unit pages]
  const structure: [string, string[], string][] = [
    ['F3', ['FE2R 04'], 'Demonstrate Understanding of Customer Service'],
    ['F4', ['FE2T 04'], 'Demonstrate Understanding of the Rules that Impact on Improvements in Customer Service'],
    ['A13', ['FE2V 04'], 'Deal with Customers in Writing or Electronically'],
    ['A14', ['FE2W 04'], 'Use Customer Service as a Competitive Tool'],
    ['A15', ['FE2X 04'], 'Organise the Promotion of Additional Services or Products to Customers'],
    ['A16', ['FE2Y 04'], 'Build a Customer Service Knowledge Set'],
    ['B9', ['FE30 04'], 'Deliver Customer Service Using Service Partnerships'],
    ['B10', ['FE31 04'], 'Organise the Delivery of Reliable Customer Service'],
    ['B11', ['FE32 04'], 'Improve the Customer Relationship'],
    ['C5', ['FE2E 04'], 'Monitor and Solve Customer Service Problems'],
    ['C6', ['FE2F 04'], 'Apply Risk Assessment to Customer Service'],
    ['C7', ['FE2G 04'], 'Process Customer Service Complaints'],
    ['D8', ['FE36 04'], 'Work with Others to Improve Customer Service'],
    ['D9', ['FE37 04'], 'Promote Continuous Improvement'],
    ['D10', ['FE39 04'], 'Develop Your Own and Others’ Customer Service Skills'],
    ['D11', ['FE3A 04'], 'Lead a Team to Improve Customer Service'],
    ['D12', ['FE3C 04'], 'Gather, Analyse and Interpret Customer Feedback'],
    ['D13', ['FE3D 04'], 'Monitor the Quality of Customer Service Transactions'],
    ['D14', ['FE3R 04'], 'Implement Quality Improvements to Customer Service'],
    ['D15', ['FE3T 04'], 'Plan and Organise the Development of Customer Service Staff'],
    ['D16', ['FE3V 04'], 'Develop a Customer Service Strategy for a Part of an Organisation'],
    ['D17', ['FE3W 04'], 'Manage a Customer Service Award Programme'],
    ['D18', ['FE3X 04'], 'Apply Technology or Other Resources to Improve Customer Service'],
    ['D19', ['FE3Y 04'], 'Review and Re-engineer Customer Service Processes'],
    ['D20', ['FE40 04', 'FE4004'], 'Manage Customer Service Performance'],
  ];

  it('has exactly the 25 units of the progress record, in its order', () => {
    expect(q.units.map((u) => u.code)).toEqual(structure.map(([c]) => c));
  });

  it.each(structure)('unit %s: codes, title, level, credit, GLH, detailed', (ssc, sqa, title) => {
    const u = unit(ssc);
    expect(u.codes).toEqual([{ scheme: 'SSC', code: ssc }, ...sqa.map((code) => ({ scheme: 'SQA', code }))]);
    expect(u.title).toBe(title);
    expect(u.level).toBeNull();
    expect(u.scqfLevel).toBeNull();
    expect(u.credit).toBeNull();
    expect(u.glh).toBeNull();
    expect(u.detailed).toBe(true);
    expect(u.elementKind).toBe('element');
    expect(u.simulation).toBe('not stated');
    expect(u.range).toEqual([]);
    expect(u.evidenceRequirements).toEqual([]);
    expect(u.assessmentGuidance).toEqual([]);
    expect(u.knowledge.every((k) => k.appliesTo === undefined && k.subItems === undefined)).toBe(true);
  });

  // [unit, criteria per element (elements numbered 1, 2, 3), last knowledge letter], counted in the seed.
  const shape: [string, number[], string][] = [
    ['F3', [3, 3], 's'],
    ['F4', [3, 3], 'k'],
    ['A13', [5, 7, 5], 'h'],
    ['A14', [4, 8], 'h'],
    ['A15', [4, 4, 4], 'e'],
    ['A16', [8, 6], 'h'],
    ['B9', [6, 6], 'f'],
    ['B10', [3, 8, 4], 'h'],
    ['B11', [3, 6, 4], 'd'],
    ['C5', [7, 3, 4], 'd'],
    ['C6', [7, 5], 'f'],
    ['C7', [3, 8], 'l'],
    ['D8', [6, 2, 4], 'e'],
    ['D9', [4, 4, 5], 'd'],
    ['D10', [5, 3, 5], 'i'],
    ['D11', [5, 4, 3], 'h'],
    ['D12', [6, 5, 6], 'j'],
    ['D13', [5, 6, 5], 'j'],
    ['D14', [5, 4, 3], 'l'],
    ['D15', [5, 6], 'h'],
    ['D16', [6, 6, 5], 'h'],
    ['D17', [6, 6], 'c'],
    ['D18', [5, 7, 5], 'g'],
    ['D19', [4, 6, 5], 'g'],
    ['D20', [8, 6], 'g'],
  ];

  it.each(shape)('unit %s: element, criterion and knowledge codes', (code, perElement, lastLetter) => {
    const u = unit(code);
    expect(u.elements.map((e) => e.code)).toEqual(perElement.map((_, i) => `${code}.${i + 1}`));
    expect(codes(u, 'criterion')).toEqual(perElement.flatMap((n, i) => numbered(`${code}.${i + 1}`, n)));
    expect(codes(u, 'knowledge')).toEqual(lettered(code, lastLetter));
    expect(codes(u, 'range')).toEqual([]);
    expect(codes(u, 'evidence')).toEqual([]);
  });

  it('has 325 performance criteria and 197 knowledge items in all', () => {
    expect(q.units.flatMap((u) => codes(u, 'criterion'))).toHaveLength(325);
    expect(q.units.flatMap((u) => codes(u, 'knowledge'))).toHaveLength(197);
  });

  describe('exact code lists of detailed units', () => {
    it('F3 (first unit)', () => {
      const u = unit('F3');
      expect(codes(u, 'criterion')).toEqual(['F3.1.1', 'F3.1.2', 'F3.1.3', 'F3.2.1', 'F3.2.2', 'F3.2.3']);
      expect(codes(u, 'knowledge')).toEqual([
        'F3a', 'F3b', 'F3c', 'F3d', 'F3e', 'F3f', 'F3g', 'F3h', 'F3i', 'F3j',
        'F3k', 'F3l', 'F3m', 'F3n', 'F3o', 'F3p', 'F3q', 'F3r', 'F3s',
      ]);
    });

    it('A13 (element A13.2 continued over a page)', () => {
      const u = unit('A13');
      expect(codes(u, 'criterion')).toEqual([
        'A13.1.1', 'A13.1.2', 'A13.1.3', 'A13.1.4', 'A13.1.5',
        'A13.2.1', 'A13.2.2', 'A13.2.3', 'A13.2.4', 'A13.2.5', 'A13.2.6', 'A13.2.7',
        'A13.3.1', 'A13.3.2', 'A13.3.3', 'A13.3.4', 'A13.3.5',
      ]);
      expect(codes(u, 'knowledge')).toEqual(['A13a', 'A13b', 'A13c', 'A13d', 'A13e', 'A13f', 'A13g', 'A13h']);
    });

    it('B10', () => {
      const u = unit('B10');
      expect(codes(u, 'criterion')).toEqual([
        'B10.1.1', 'B10.1.2', 'B10.1.3',
        'B10.2.1', 'B10.2.2', 'B10.2.3', 'B10.2.4', 'B10.2.5', 'B10.2.6', 'B10.2.7', 'B10.2.8',
        'B10.3.1', 'B10.3.2', 'B10.3.3', 'B10.3.4',
      ]);
      expect(codes(u, 'knowledge')).toEqual(['B10a', 'B10b', 'B10c', 'B10d', 'B10e', 'B10f', 'B10g', 'B10h']);
    });

    it('C7 (longest knowledge list of the optional C group)', () => {
      const u = unit('C7');
      expect(codes(u, 'criterion')).toEqual([
        'C7.1.1', 'C7.1.2', 'C7.1.3',
        'C7.2.1', 'C7.2.2', 'C7.2.3', 'C7.2.4', 'C7.2.5', 'C7.2.6', 'C7.2.7', 'C7.2.8',
      ]);
      expect(codes(u, 'knowledge')).toEqual(['C7a', 'C7b', 'C7c', 'C7d', 'C7e', 'C7f', 'C7g', 'C7h', 'C7i', 'C7j', 'C7k', 'C7l']);
    });

    it('D12 (recording table prints some codes without the D)', () => {
      const u = unit('D12');
      expect(codes(u, 'criterion')).toEqual([
        'D12.1.1', 'D12.1.2', 'D12.1.3', 'D12.1.4', 'D12.1.5', 'D12.1.6',
        'D12.2.1', 'D12.2.2', 'D12.2.3', 'D12.2.4', 'D12.2.5',
        'D12.3.1', 'D12.3.2', 'D12.3.3', 'D12.3.4', 'D12.3.5', 'D12.3.6',
      ]);
      expect(codes(u, 'knowledge')).toEqual(['D12a', 'D12b', 'D12c', 'D12d', 'D12e', 'D12f', 'D12g', 'D12h', 'D12i', 'D12j']);
    });

    it('D16 (one of the longest units: 17 criteria)', () => {
      const u = unit('D16');
      expect(codes(u, 'criterion')).toEqual([
        'D16.1.1', 'D16.1.2', 'D16.1.3', 'D16.1.4', 'D16.1.5', 'D16.1.6',
        'D16.2.1', 'D16.2.2', 'D16.2.3', 'D16.2.4', 'D16.2.5', 'D16.2.6',
        'D16.3.1', 'D16.3.2', 'D16.3.3', 'D16.3.4', 'D16.3.5',
      ]);
      expect(codes(u, 'knowledge')).toEqual(['D16a', 'D16b', 'D16c', 'D16d', 'D16e', 'D16f', 'D16g', 'D16h']);
    });

    it('D18', () => {
      const u = unit('D18');
      expect(codes(u, 'criterion')).toEqual([
        'D18.1.1', 'D18.1.2', 'D18.1.3', 'D18.1.4', 'D18.1.5',
        'D18.2.1', 'D18.2.2', 'D18.2.3', 'D18.2.4', 'D18.2.5', 'D18.2.6', 'D18.2.7',
        'D18.3.1', 'D18.3.2', 'D18.3.3', 'D18.3.4', 'D18.3.5',
      ]);
      expect(codes(u, 'knowledge')).toEqual(['D18a', 'D18b', 'D18c', 'D18d', 'D18e', 'D18f', 'D18g']);
    });

    it('D20 (last unit)', () => {
      const u = unit('D20');
      expect(codes(u, 'criterion')).toEqual([
        'D20.1.1', 'D20.1.2', 'D20.1.3', 'D20.1.4', 'D20.1.5', 'D20.1.6', 'D20.1.7', 'D20.1.8',
        'D20.2.1', 'D20.2.2', 'D20.2.3', 'D20.2.4', 'D20.2.5', 'D20.2.6',
      ]);
      expect(codes(u, 'knowledge')).toEqual(['D20a', 'D20b', 'D20c', 'D20d', 'D20e', 'D20f', 'D20g']);
    });
  });

  describe('exact text', () => {
    it('joins element titles wrapped over several lines', () => {
      expect(unit('F4').elements[0]!.title).toBe(
        'Demonstrate understanding of the organisational rules and procedures that impact on customer service improvements',
      );
      // Printed "Plan and organise the delivery of reliable" / blank lines / "customer service".
      expect(unit('B10').elements[0]!.title).toBe('Plan and organise the delivery of reliable customer service');
      expect(unit('F3').elements.map((e) => e.title)).toEqual([
        'Use accepted customer service language',
        'Apply customer service principles in your customer service role',
      ]);
    });

    it('keeps criteria printed after an "(continued)" element heading in that element', () => {
      expect(criterion(unit('A13'), 'A13.2.4').text).toBe('Format your communication following your organisation’s guidelines.');
      expect(criterion(unit('B11'), 'B11.2.6').text).toBe(
        'Take action to satisfy your customers with the agreed solution when balancing their needs with those of your organisation.',
      );
      expect(criterion(unit('D19'), 'D19.2.5').text).toBe(
        'Explore all the questions raised with those involved in the process and their managers.',
      );
    });

    it('keeps criteria and knowledge text exactly as printed', () => {
      expect(criterion(unit('F3'), 'F3.1.1').text).toBe(
        'Communicate to customers your organisation’s service offer, how it balances organisational and customer needs and how it meets customer expectations.',
      );
      // Code printed with trailing spaces ("A13.1.1  ") and a stray ":" line before A15.2.1.
      expect(criterion(unit('A13'), 'A13.1.1').text).toBe('Operate equipment used to communicate in writing or electronically efficiently and effectively.');
      expect(criterion(unit('A15'), 'A15.2.1').text).toBe('Discuss with others ways of promoting additional services or products to your customers.');
      // Printed without a closing full stop.
      expect(criterion(unit('D11'), 'D11.2.4').text).toBe('Encourage team members to work together to improve customer service');
      expect(criterion(unit('D20'), 'D20.2.6').text).toBe('Adjust customer service performance targets which have ceased to be both challenging and achievable.');
      expect(knowledge(unit('F3'), 'F3s').text).toBe(
        'How your behaviour when improving customer service delivery affects the success of any changes customer expectations and needs.',
      );
      expect(knowledge(unit('D9'), 'D9a').text).toBe(
        'How service improvements in your area affect the balance. between overall customer satisfaction, the costs of providing service and regulatory requirements.',
      );
      expect(knowledge(unit('C7'), 'C7g').text).toBe('the cost and regulatory implications of admitting liability for an error made by your organisation.');
      expect(knowledge(unit('D19'), 'D19d').text).toBe('Ways to analyse and assess the effectiveness of separate steps in the customer service process .');
      expect(knowledge(unit('D10'), 'D10a').text).toBe(
        "Organisational systems and procedures for developing your own and others' personal performance in customer service.",
      );
      expect(knowledge(unit('C6'), 'C6f').text).toBe(
        'SWOT (strengths, weaknesses, opportunities, threats) and PESTLE (political, economic, social, technological, legal, environmental) analysis.',
      );
      expect(knowledge(unit('D20'), 'D20g').text).toBe('Methods of coaching and training to improve customer service performance.');
    });

    it('takes element titles from the element pages where the element list disagrees', () => {
      expect(unit('C5').elements[2]!.title).toBe('Take action to resolve customer service problems');
      expect(unit('D12').elements.map((e) => e.title)).toEqual([
        'Plan to gather customer feedback',
        'Gather customer feedback',
        'Analyse and interpret customer feedback',
      ]);
    });

    it('keeps the Unit Summary, paragraphs included', () => {
      expect(unit('F3').summary).toMatch(/^This Unit is part of the Customer Service Theme of Customer Service Foundations\./);
      expect(unit('A13').summary).toMatch(/^This Unit is part of the Customer Service Theme of Impression and Image\./);
      expect(unit('C5').summary).toMatch(/^This unit is part of the Customer Service Theme of Handling Problems\./);
      expect(unit('C5').summary!.split('\n\n')).toHaveLength(3);
      expect(unit('D20').summary).toMatch(/you have the authority to see management actions through\.$/);
    });
  });

  describe('notes for every seed inconsistency', () => {
    it('D20: SQA code printed "FE4004" in the progress record, "FE40 04" on the unit pages', () => {
      expect(unit('D20').notes?.join(' ')).toMatch(/"FE40 04".*"FE4004"/);
    });

    it('D12: element list copied from D11, recording table codes without "D"', () => {
      const notes = unit('D12').notes?.join(' ') ?? '';
      expect(notes).toContain('D11');
      expect(notes).toContain('"12.2.1", "12.2.2", "12.2.3", "12.2.4", "12.2.5"');
      expect(unit('D12').elements[0]!.notes?.join(' ')).toContain('Plan and organise the work of a team.');
    });

    it('C5: element C5.3 titled differently in the element list', () => {
      expect(unit('C5').notes?.join(' ')).toContain('C5.3');
      expect(unit('C5').elements[2]!.notes?.join(' ')).toContain('Take action to avoid the repetition of customer service problems.');
    });

    it('items whose printed text reads as an error are kept and annotated', () => {
      expect(knowledge(unit('F3'), 'F3s').notes?.join(' ')).toMatch(/kept exactly as printed/);
      expect(knowledge(unit('D9'), 'D9a').notes?.join(' ')).toMatch(/stray full stop/);
    });

    it('units without inconsistencies carry no notes', () => {
      const noted = q.units.filter((u) => u.notes && u.notes.length > 0).map((u) => u.code);
      expect(noted).toEqual(['C5', 'D12', 'D20']);
    });

    it('qualification notes: level, identifiers, excluded examples, unstated levels, themes, no range', () => {
      const notes = q.notes?.join('\n') ?? '';
      expect(notes).toMatch(/SVQ 3.*SVQ level/);
      expect(notes).toMatch(/no SQA group award code/);
      expect(notes).toMatch(/Using IT at level 3/);
      expect(notes).toMatch(/SCQF level 7 or 8" cannot be checked/);
      expect(notes).toMatch(/Impression and Image/);
      expect(notes).toMatch(/Range\/Scope/);
      expect(notes).toMatch(/Simulation/);
    });
  });
});
