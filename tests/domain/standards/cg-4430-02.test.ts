/*
 * City & Guilds Level 2 NVQ Certificate in Customer Service (4430-02), transcribed from seed
 * 001_76ceff3f64d80d32.txt by scripts/import/cityGuilds4430.ts.
 *
 * Every expected value below was typed from a reading of the seed, not copied from importer output.
 */
import data from '../../../src/domain/standards/data/cg-4430-02.json';
import { qualificationSchema } from '../../../src/domain/standards/schema';
import type { Qualification, Unit } from '../../../src/domain/standards/schema';
import { unitItems } from '../../../src/domain/standards/itemCodes';

const q: Qualification = qualificationSchema.parse(data);

function unit(code: string): Unit {
  const u = q.units.find((x) => x.code === code);
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

const codesOf = (u: Unit, kind: string) => unitItems(u).filter((i) => i.kind === kind).map((i) => i.code);
const textOf = (u: Unit, code: string) => unitItems(u).find((i) => i.code === code)?.text;
const criterion = (u: Unit, code: string) => u.elements.flatMap((e) => e.criteria).find((c) => c.code === code)?.text;
const evidence = (u: Unit, code: string) => u.evidenceRequirements.find((e) => e.code === code);

/** [3, 3, 15] -> 1.1 1.2 1.3 2.1 ... 3.15 */
function criteriaCodes(perOutcome: number[]): string[] {
  return perOutcome.flatMap((n, k) => Array.from({ length: n }, (_, j) => `${k + 1}.${j + 1}`));
}

/** "1 2 5a-d" -> 1 2 5a 5b 5c 5d */
function evidenceCodes(spec: string): string[] {
  return spec.split(' ').flatMap((tok) => {
    const m = /^(\d+)([a-z])-([a-z])$/.exec(tok);
    if (!m) return [tok];
    const out: string[] = [];
    for (let c = m[2]!.charCodeAt(0); c <= m[3]!.charCodeAt(0); c++) out.push(`${m[1]}${String.fromCharCode(c)}`);
    return out;
  });
}

describe('cg-4430-02: qualification', () => {
  it('parses with the standards schema', () => {
    expect(qualificationSchema.safeParse(data).success).toBe(true);
  });

  it('has the identifiers, level and hours of section 1', () => {
    expect(q.id).toBe('cg-4430-02');
    expect(q.title).toBe('Level 2 NVQ Certificate in Customer Service');
    expect(q.awardingBody).toBe('City & Guilds');
    expect(q.framework).toBe('NVQ/QCF');
    expect(q.level).toBe(2);
    expect(q.scqfLevel).toBeNull();
    expect(q.identifiers).toEqual([
      { scheme: 'City & Guilds number', value: '4430-02' },
      { scheme: 'accreditation number', value: '500/9341/1' },
      { scheme: 'title', value: 'Level 2 NVQ Certificate in Customer Service' },
    ]);
    expect(q.glh).toBe(192);
    expect(q.tqt).toBe(280);
    expect(q.minimumCredits).toBe(28);
    expect(q.source.document).toBe('001_76ceff3f64d80d32.txt');
  });

  it('has the five groups of the structure table with their units', () => {
    expect(q.groups).toEqual([
      { id: 'mandatory', title: 'Customer Service Foundations', mandatory: true, units: ['4430-101', '4430-201'] },
      {
        id: 'impression',
        title: 'Impression and Image',
        mandatory: false,
        units: ['102', '103', '202', '203', '204', '205', '206', '207', '208', '209', '210', '211', '303', '304', '305', '306'].map((n) => `4430-${n}`),
      },
      {
        id: 'delivery',
        title: 'Delivery',
        mandatory: false,
        units: ['104', '212', '213', '214', '215', '216', '217', '218', '307', '308', '309'].map((n) => `4430-${n}`),
      },
      {
        id: 'problems',
        title: 'Handling Problems',
        mandatory: false,
        units: ['105', '106', '219', '220', '310', '311', '312'].map((n) => `4430-${n}`),
      },
      {
        id: 'development',
        title: 'Development and Improvement',
        mandatory: false,
        units: ['221', '222', '223', '224', '225', '226', '227', '313', '314', '315', '316', '317', '318'].map((n) => `4430-${n}`),
      },
    ]);
  });

  it('has every sentence of the rules of combination as a rule', () => {
    const optional = ['impression', 'delivery', 'problems', 'development'];
    const rules = q.rules.map((r) => {
      const copy: Record<string, unknown> = { ...r };
      delete copy.notes;
      return copy;
    });
    expect(rules).toEqual([
      { kind: 'mandatory', groups: ['mandatory'], source: 'The learner must achieve 8 credits from the Mandatory Units.' },
      { kind: 'credits', groups: ['mandatory'], min: 8, source: 'The learner must achieve 8 credits from the Mandatory Units.' },
      { kind: 'credits', min: 28, source: 'Minimum Credit Value: 28' },
      { kind: 'credits', levels: { scale: 'level', min: 2, max: 2 }, min: 15, source: 'A minimum of 15 credits must be at level 2.' },
      {
        kind: 'credits',
        groups: optional,
        min: 20,
        source: 'A further 20 credits must be achieved by completing a minimum of one unit from each Optional Group.',
      },
      {
        kind: 'unitsPerGroup',
        groups: optional,
        min: 1,
        source: 'A further 20 credits must be achieved by completing a minimum of one unit from each Optional Group.',
      },
    ]);
    const atLevel = q.rules[3]!;
    expect(atLevel.notes?.join(' ')).toContain('"at level 2", not "at or above level 2"');
  });
});

// [unit number, NOS, title, level, credit, GLH, NDAQ (detailed units) or null]
const STRUCTURE: [string, string, string, number, number, number, string | null][] = [
  ['101', 'F1', 'Communicate using customer service language', 1, 4, 30, 'F/601/1609'],
  ['201', 'F2', 'Follow the rules to deliver customer service', 2, 4, 30, 'L/601/1614'],
  ['102', 'A1', 'Maintain a positive and customer-friendly attitude', 1, 5, 33, null],
  ['103', 'A2', 'Adapt your behaviour to give a good customer service impression', 1, 5, 33, null],
  ['202', 'A3', 'Communicate effectively with customers', 2, 5, 33, 'R/601/1212'],
  ['203', 'A4', 'Give customers a positive impression of yourself and your organisation', 2, 5, 33, 'L/601/0933'],
  ['204', 'A5', 'Promote additional services or products to customers', 2, 6, 40, 'D/601/0936'],
  ['205', 'A6', 'Process information about customers', 2, 5, 33, 'H/601/1215'],
  ['206', 'A7', 'Live up to the customer service promise', 2, 6, 40, 'M/601/1217'],
  ['207', 'A8', 'Make customer service personal', 2, 6, 40, 'T/601/1218'],
  ['208', 'A9', 'Go the extra mile in customer service', 2, 6, 40, 'M/601/1220'],
  ['209', 'A10', 'Deal with customers face to face', 2, 5, 33, 'T/601/1221'],
  ['210', 'A11', 'Deal with incoming telephone calls from customers', 2, 5, 33, 'F/601/1223'],
  ['211', 'A12', 'Make telephone calls to customers', 2, 6, 40, 'J/601/1224'],
  ['303', 'A13', 'Deal with customers in writing or electronically', 3, 6, 40, null],
  ['304', 'A14', 'Use customer service as a competitive tool', 3, 8, 53, null],
  ['305', 'A15', 'Organise the promotion of additional services or products to customers', 3, 7, 47, null],
  ['306', 'A16', 'Build a customer service knowledge set', 3, 7, 47, null],
  ['104', 'B1', 'Do your job in a customer-friendly way', 1, 5, 33, null],
  ['212', 'B2', 'Deliver reliable customer service', 2, 5, 33, 'J/601/1210'],
  ['213', 'B3', "Deliver customer service on your customer's premises", 2, 5, 33, 'Y/601/1213'],
  ['214', 'B4', 'Recognise diversity when delivering customer service', 2, 5, 33, 'K/601/1216'],
  ['215', 'B5', 'Deal with customers across a language divide', 2, 8, 53, 'A/601/1219'],
  ['216', 'B6', 'Use questioning techniques when delivering customer service', 2, 4, 27, 'A/601/1222'],
  ['217', 'B7', 'Deal with customers using bespoke software', 2, 5, 33, 'L/601/1225'],
  // Unit page and contents list: "handover"; structure table: "hand over" (noted on the unit).
  ['218', 'B8', 'Maintain customer service through effective handover', 2, 4, 27, 'Y/601/1227'],
  ['307', 'B9', 'Deliver customer service using service partnerships', 3, 6, 40, null],
  ['308', 'B10', 'Organise the delivery of reliable customer service', 3, 6, 40, null],
  ['309', 'B11', 'Improve the customer relationship', 3, 7, 47, null],
  ['105', 'C1', 'Recognise and deal with customer queries, requests and problems', 1, 5, 33, null],
  ['106', 'C2', 'Take details of customer service problems', 1, 4, 27, null],
  ['219', 'C3', 'Resolve customer service problems', 2, 6, 40, 'M/601/1511'],
  ['220', 'C4', 'Deliver customer service to difficult customers', 2, 6, 40, 'T/601/1512'],
  ['310', 'C5', 'Monitor and solve customer service problems', 3, 6, 40, null],
  ['311', 'C6', 'Apply risk assessment to customer service', 3, 10, 67, null],
  ['312', 'C7', 'Process customer service complaints', 3, 6, 40, null],
  ['221', 'D1', 'Develop customer relationships', 2, 6, 40, 'T/601/1526'],
  ['222', 'D2', 'Support customer service improvements', 2, 5, 33, 'A/601/1530'],
  ['223', 'D3', 'Develop personal performance through delivering customer service', 2, 6, 40, 'R/601/1534'],
  ['224', 'D4', 'Support customers using on-line customer services', 2, 5, 33, 'H/601/1540'],
  ['225', 'D5', 'Buddy a colleague to develop their customer service skills', 2, 5, 33, 'M/601/1542'],
  ['226', 'D6', 'Develop your own customer service skills through self-study', 2, 6, 40, 'R/601/1548'],
  ['227', 'D7', 'Support customers using self-service technology', 2, 5, 33, 'Y/601/1549'],
  ['313', 'D8', 'Work with others to improve customer service', 3, 8, 53, null],
  ['314', 'D9', 'Promote continuous improvement', 3, 7, 47, null],
  ['315', 'D10', "Develop your own and others' customer service skills", 3, 8, 53, null],
  ['316', 'D11', 'Lead a team to improve customer service', 3, 7, 47, null],
  ['317', 'D12', 'Gather, analyse and interpret customer feedback', 3, 10, 67, null],
  ['318', 'D13', 'Monitor the quality of customer service transactions', 3, 7, 47, null],
];

describe('cg-4430-02: every unit of the structure table', () => {
  it('has exactly the 49 units of the structure table, in its order', () => {
    expect(q.units.map((u) => u.code)).toEqual(STRUCTURE.map(([n]) => `4430-${n}`));
  });

  it.each(STRUCTURE)('4430-%s (%s) %s', (n, nos, title, level, credit, glh, ndaq) => {
    const u = unit(`4430-${n}`);
    const codes = [
      { scheme: 'awarding body unit number', code: `4430-${n}` },
      { scheme: 'unit number', code: n },
      { scheme: 'NOS', code: nos },
    ];
    if (ndaq) codes.push({ scheme: 'NDAQ', code: ndaq });
    expect(u.codes).toEqual(codes);
    expect(u.title).toBe(title);
    expect([u.level, u.credit, u.glh, u.scqfLevel]).toEqual([level, credit, glh, null]);
    expect(u.detailed).toBe(ndaq !== null);
    expect(u.elementKind).toBe('learning outcome');
    expect(u.range).toEqual([]);
    expect(u.knowledge).toEqual([]);
    if (!ndaq) {
      expect(u.elements).toEqual([]);
      expect(u.evidenceRequirements).toEqual([]);
      expect(u.assessmentGuidance).toEqual([]);
    }
  });

  it('allows simulation only for C1 and C2 (section 2.2)', () => {
    const allowed = q.units.filter((u) => u.simulation === 'allowed').map((u) => u.code);
    expect(allowed).toEqual(['4430-105', '4430-106']);
    expect(q.units.filter((u) => u.simulation === 'not allowed')).toHaveLength(47);
  });
});

// Criteria per outcome and evidence-requirement leaf codes, counted from each unit page.
const DETAILED: [string, number[], string][] = [
  ['101', [3, 3, 15], '1 2 3 4'],
  ['201', [5, 10], '1 2 3 4 5a-d'],
  ['202', [10, 12], '1 2 3 4 5a-c 6a-d 7'],
  ['203', [7, 5, 4, 5], '1 2 3 4 5a-d 6a-b'],
  ['204', [4, 4, 5, 6], '1 2 3 4 5a-b 6a-b'],
  ['205', [3, 2, 3, 7], '1 2 3 4 5a-b 6a-b'],
  ['206', [7, 5, 5], '1 2 3 4 5a-b 6a-b 7a-b'],
  ['207', [7, 6, 7], '1 2 3 4 5a-d 6a-b 7a-b'],
  ['208', [5, 5, 5, 7], '1 2 3 4a-d 5a-b'],
  ['209', [8, 6, 9], '1 2 3 4a-d 5a-b 6a-d 7a-b'],
  ['210', [5, 4, 11, 12], '1 2 3 4 5a-d 6a-b 7a-d 8a-b'],
  ['211', [4, 5, 6, 9], '1 2 3 4 5a-b 6a-d'],
  ['212', [3, 6, 3, 5], '1 2 3 4 5a-d'],
  ['213', [9, 11, 5], '1 2 3 4a-d 5a-b 6a-b 7a-b'],
  ['214', [6, 4, 8], '1 2 3 4a-c 5a-l 6a-b'],
  ['215', [6, 9, 6], '1 2 3 4a-c'],
  ['216', [6, 7, 8], '1 2 3 4a-d 5a-b'],
  ['217', [5, 9, 9], '1 2 3 4 5a-d'],
  ['218', [5, 5, 6], '1 2 3 4a-d 5'],
  ['219', [5, 5, 6, 5], '1 2 3 4a-e 5a-d'],
  ['220', [7, 10, 10], '1 2 3 5a-d'],
  ['221', [3, 3, 5, 10], '1 2 3 4 5a-b 6a-c'],
  ['222', [5, 6, 2, 4], '1 2 3 4a-b 5a-c 6a-b 7'],
  ['223', [3, 4, 4, 8], '1 2 3 4 5a-d 6'],
  ['224', [5, 6, 7], '1 2 3 4a-b 5a-b'],
  ['225', [5, 8, 5, 8], '1 2 3 4a-d'],
  ['226', [6, 7, 7], '1 2 3 4 5a-c'],
  ['227', [4, 9, 8], '1 2 3 4 5a-b 6a-b'],
];

describe('cg-4430-02: detailed units', () => {
  it('details exactly the units of the contents list', () => {
    expect(q.units.filter((u) => u.detailed).map((u) => u.code).sort()).toEqual(DETAILED.map(([n]) => `4430-${n}`).sort());
  });

  it.each(DETAILED)('4430-%s: criterion and evidence requirement codes', (n, perOutcome, er) => {
    const u = unit(`4430-${n}`);
    expect(u.elements.map((e) => e.code)).toEqual(perOutcome.map((_, k) => String(k + 1)));
    expect(codesOf(u, 'criterion')).toEqual(criteriaCodes(perOutcome));
    expect(codesOf(u, 'range')).toEqual([]);
    expect(codesOf(u, 'knowledge')).toEqual([]);
    expect(codesOf(u, 'evidence')).toEqual(evidenceCodes(er));
    expect(u.assessmentGuidance).toEqual([
      {
        text: 'This unit will be assessed by portfolio of evidence, as specified in the Institute of Customer Service (ICS) Customer Service Assessment Strategy 2010.',
      },
    ]);
    expect(u.summary).toBeTruthy();
    expect(evidence(u, '1')?.text).toMatch(/Simulation is not allowed for any (performance )?evidence within this unit\./i);
  });

  it('totals: 94 learning outcomes, 582 criteria, 159 evidence requirements', () => {
    const detailed = q.units.filter((u) => u.detailed);
    expect(detailed.flatMap((u) => u.elements)).toHaveLength(94);
    expect(DETAILED.reduce((s, [, per]) => s + per.reduce((a, b) => a + b, 0), 0)).toBe(582);
    expect(detailed.flatMap((u) => codesOf(u, 'criterion'))).toHaveLength(582);
    expect(detailed.flatMap((u) => u.evidenceRequirements)).toHaveLength(159);
  });
});

describe('cg-4430-02: item text', () => {
  it('4430-101 (first unit): outcomes, a criterion after a page break, dot-numbered requirements', () => {
    const u = unit('4430-101');
    expect(u.elements.map((e) => e.title)).toEqual([
      'Identify customers and their characteristics and expectations',
      "Identify their organisation's services and products",
      'Know how to communicate using customer service language',
    ]);
    expect(criterion(u, '1.1')).toBe('recognise typical customers and their expectations');
    expect(criterion(u, '3.13')).toBe("explain how to find information about their organisation's services or products");
    expect(criterion(u, '3.14')).toBe('list typical customer service problems in their work and who should be told about them');
    expect(criterion(u, '3.15')).toBe("explain how the way they behave affects their customer's service experience");
    // printed "3. You must ..." and "4. The 'organisation' ..."
    expect(evidence(u, '3')?.text).toBe(
      'You must provide evidence that shows you have done this over a sufficient period of time with different customers on different occasions for your assessor to be confident that you are competent.',
    );
    expect(evidence(u, '4')?.text).toBe(
      "The 'organisation' from which you draw your evidence must be the organisation you work for or the organisation in which you have realistic work experience. The 'organisation' may be the whole of the organisation or the business unit, division or department with which you are involved.",
    );
    expect(evidence(u, '1')?.text).toBe(
      'Wherever possible your evidence should be based on a real job, whether paid or voluntary, and when dealing with real customers, whether internal or external to the organisation. However, for this Unit, evidence based on a realistic working environment or a work placement is permissible. Simulation is not allowed for any performance evidence within this unit. (Guidelines for a Realistic Working Environment can be found in the Assessment Strategy for Customer Service S/NVQs at Levels 1,2,3 and 4 – February 2010)',
    );
    expect(u.summary).toBe(
      'This unit is about the language and basic principles that are the heart of customer service and the skills needed to communicate effectively with customers and colleagues. It also covers how the learner fits into the customer service picture in their organisation and the contribution of their job to good customer service. The individual needs to be able to describe and explain the services or products that their organisation offers and how it delivers customer service.',
    );
  });

  it('4430-201: outcome titles that ran into "**Assessment Criteria**", lettered sub-items', () => {
    const u = unit('4430-201');
    expect(u.elements.map((e) => e.title)).toEqual([
      "Follow their organisation's customer service practices and procedures",
      'Know how to follow the rules to deliver customer service',
    ]);
    expect(criterion(u, '2.10')).toBe(
      'list the main things that they must do and not do in their job under external regulations that affect their customer service work',
    );
    expect(evidence(u, '5')).toEqual({
      code: '5',
      text: 'You must provide evidence of following the rules to deliver customer service:',
      subItems: [
        { code: 'a', text: 'during routine delivery of customer service' },
        { code: 'b', text: 'during a busy time in your job' },
        { code: 'c', text: 'during a quiet time in your job' },
        { code: 'd', text: 'when people, systems or resources have let you down' },
      ],
    });
    expect(textOf(u, '5d')).toBe('You must provide evidence of following the rules to deliver customer service: when people, systems or resources have let you down');
    expect(u.summary).toBe(
      'This unit requires the learner to and understand the all rules that apply to customer service delivered by their organisation and how they apply to the learner and their job.',
    );
  });

  it('4430-205: a unit aim of four paragraphs', () => {
    expect(unit('4430-205').summary).toBe(
      [
        'The learner and their organisation need information about their customers and their behaviour to answer customer questions and to respond to customer requests.',
        'Information about customers is also used by the organisation to develop its customer service.',
        'Some customer information is collected from customers. Other customer information is collected through information systems and equipment that make records of service delivery. In either case the learner must collect information, retrieve it and supply it when needed. Good customer information provides a sound basis for all customer service transactions.',
        'The quality of the customer information depends heavily on the skills and attention to detail of the person dealing with the information.',
      ].join('\n\n'),
    );
  });

  it('4430-209: "made use of :" kept as printed', () => {
    const u = unit('4430-209');
    expect(evidence(u, '7')?.text).toBe('You must include examples of how you have made use of :');
    expect(evidence(u, '7')?.subItems?.map((s) => s.text)).toEqual(['verbal communication skills', 'non-verbal communication skills.']);
  });

  it('4430-210 (longest unit): criteria across a page break and the last requirement', () => {
    const u = unit('4430-210');
    expect(u.elements.map((e) => e.title)).toEqual([
      'Use communication systems effectively',
      'Establish rapport with customers who are calling',
      'Deal effectively with customer questions and requests',
      'Know how to deal with incoming telephone calls from customers',
    ]);
    expect(criterion(u, '3.7')).toBe('summarise the outcome of the call and any actions that they or their customer will take as a result');
    expect(criterion(u, '3.8')).toBe('check before the call is finished that their customer is content that all their questions or requests have been dealt with');
    expect(criterion(u, '4.12')).toBe("describe their organisation's guidelines for handling abusive calls");
    expect(evidence(u, '4')?.text).toBe(
      'You may provide evidence of dealing with customers using land line telephones, mobile telephone, internet telephone connections, video telephone systems or any other technology that involves a conversation with a customer at a distance.',
    );
    expect(evidence(u, '8')?.text).toBe('You must provide evidence that you have taken messages that are passed on to colleagues:');
    expect(evidence(u, '8')?.subItems).toEqual([
      { code: 'a', text: 'verbally' },
      { code: 'b', text: 'in a form that maintains a permanent record.' },
    ]);
  });

  it('4430-212: a criterion with a trailing full stop', () => {
    expect(criterion(unit('4430-212'), '3.3')).toBe(
      'share information with colleagues and service partners to maintain and improve their standards of service delivery.',
    );
  });

  it('4430-214: twelve sources of diversity, the first printed unindented', () => {
    const u = unit('4430-214');
    const er5 = evidence(u, '5');
    expect(er5?.text).toBe(
      'You must provide evidence that you have recognised diversity when delivering customer service to people from different groups in relation to four of these sources of diversity:',
    );
    expect(er5?.subItems?.map((s) => `${s.code} ${s.text}`)).toEqual([
      'a age',
      'b disability',
      'c national origin',
      'd sexual orientation',
      'e values',
      'f ethnic culture',
      'g education',
      'h lifestyle',
      'i beliefs',
      'j physical appearance',
      'k social class',
      'l economic status.',
    ]);
    expect(evidence(u, '6')?.subItems?.[1]?.text).toBe(
      'deliberately adopt a consistent approach to groups of customers who you recognise as having diverse requirements.',
    );
    expect(criterion(u, '3.1')).toBe(
      'explain the importance of recognising diversity in relation to age, disability, national origin, religion, sexual orientation, values, ethnic culture, education, lifestyle, beliefs, physical appearance, social class and economic status',
    );
  });

  it('4430-216 and 4430-226: the repeated heading does not leak into the outcomes', () => {
    const u216 = unit('4430-216');
    expect(u216.elements[0]?.title).toBe('Establish rapport and identify customer concerns');
    expect(criterion(u216, '1.1')).toBe('greet their customer sincerely and invite a full and open response');
    expect(u216.assessmentGuidance).toHaveLength(1);
    const u226 = unit('4430-226');
    expect(u226.elements[0]?.title).toBe('Find ways to learn more about customer service and their job');
    expect(evidence(u226, '5')?.subItems?.map((s) => s.text)).toEqual(['paper based', 'on-line or other electronic media', 'structured discussions.']);
  });

  it('4430-219: sub-items whose text starts with "a"', () => {
    const u = unit('4430-219');
    expect(evidence(u, '4')?.subItems?.map((s) => `${s.code}|${s.text}`)).toEqual([
      'a|a problem first identified by customers',
      'b|a problem identified within the organisation before it has affected your customer',
      "c|a problem caused by differences between your customer's expectations and what your organisation can offer",
      'd|a problem caused by a system or procedure failure',
      'e|a problem caused by a lack of resources or human error.',
    ]);
  });

  it('4430-221: criterion 2.1 as printed ("your organisation")', () => {
    expect(criterion(unit('4430-221'), '2.1')).toBe(
      "recognise when there may be a conflict between their customer's expectations and your organisation's service offer",
    );
  });

  it('4430-222: a requirement ending in a semicolon', () => {
    expect(evidence(unit('4430-222'), '5')?.text).toBe(
      'Your evidence must cover two changes with which you have been actively involved. In each case you must be able to identify the part you played in;',
    );
  });

  it('4430-223: unlettered bullets joined into requirement 4 (no invented codes)', () => {
    const er4 = evidence(unit('4430-223'), '4');
    expect(er4?.text).toBe(
      "An 'appropriate person' must be one or more of the following: your manager; your supervisor or team leader; a colleague detailed to help you learn; your assessor; your mentor; someone from your training or personnel department.",
    );
    expect(er4?.subItems).toBeUndefined();
    expect(er4?.notes?.join(' ')).toContain('unlettered bullets');
  });

  it('4430-224: a sub-item without a closing full stop', () => {
    expect(evidence(unit('4430-224'), '4')?.subItems?.[1]?.text).toBe('familiar with the use of on-line services for this particular purpose');
  });

  it('4430-225: a criterion ending in a full stop', () => {
    expect(criterion(unit('4430-225'), '4.5')).toBe('identify ways to work alongside their buddy colleague without intruding on the customer relationship.');
  });

  it('4430-227 (last unit): typos and curly apostrophes kept', () => {
    const u = unit('4430-227');
    expect(u.elements.map((e) => e.title)).toEqual([
      'Identify the type of help needed by a customer using self-service technology',
      'Assist a customer using self-service technology',
      'Understand how to support customers using self-service technology',
    ]);
    expect(criterion(u, '1.3')).toBe('identify signs of when a customer is having difficulty with the self service equipment');
    expect(evidence(u, '4')?.text).toBe(
      'The self –service technology used in your evidence may be any technology used outside the home to allow customers to interact with an organisation and help themselves. Examples include, but are not restricted to, scanning groceries, printing a boarding pass, printing photos, buying from an automated vending machine, and using an electronic kiosk to obtain information of conduct a transaction.',
    );
    expect(evidence(u, '6')?.subItems).toEqual([
      { code: 'a', text: 'the customer’s use of the technology' },
      { code: 'b', text: 'a system or equipment failure.' },
    ]);
    expect(criterion(u, '3.8')).toBe('describe organisational procedures for dealing with self-service equipment problems');
  });
});

describe('cg-4430-02: notes on seed inconsistencies', () => {
  const notesOf = (n: string) => (unit(`4430-${n}`).notes ?? []).join('\n');
  const HEADINGLESS: [string, string][] = [
    ['201', 'L/601/1614'],
    ['202', 'R/601/1212'],
    ['205', 'H/601/1215'],
    ['206', 'M/601/1217'],
    ['207', 'T/601/1218'],
    ['208', 'M/601/1220'],
    ['209', 'T/601/1221'],
    ['212', 'J/601/1210'],
    ['215', 'A/601/1219'],
    ['217', 'L/601/1225'],
    ['219', 'M/601/1511'],
    ['222', 'A/601/1530'],
  ];

  it.each(HEADINGLESS)('4430-%s: lost heading, identified by NDAQ %s', (n, ndaq) => {
    expect(notesOf(n)).toContain(`lost this unit's "Unit ${n}" heading`);
    expect(notesOf(n)).toContain(ndaq);
  });

  it('only the expected units carry notes', () => {
    const withNotes = q.units.filter((u) => (u.notes ?? []).length > 0).map((u) => u.code.slice(5));
    expect(withNotes.sort()).toEqual([...HEADINGLESS.map(([n]) => n), '216', '218', '220', '221', '226'].sort());
  });

  it('4430-215: no NOS code on the unit page', () => {
    expect(notesOf('215')).toContain('without a NOS unit code');
  });

  it('4430-218: "handover" on the unit page, "hand over" in the structure table', () => {
    expect(notesOf('218')).toContain('"Maintain customer service through effective hand over"');
  });

  it('4430-220: evidence requirement 4 missing', () => {
    expect(notesOf('220')).toContain('there is no evidence requirement 4');
  });

  it('4430-216 and 4430-226: repeated headings', () => {
    expect(notesOf('216')).toContain('repeats the heading "Unit 216');
    expect(notesOf('226')).toContain('repeats the heading "Unit 226');
  });

  it('typos and oddities kept as printed are noted', () => {
    expect(notesOf('201')).toContain('to and understand the all rules');
    expect(notesOf('221')).toContain('your organisation');
    expect(evidence(unit('4430-202'), '1')?.notes?.join(' ')).toContain('S/NVQ Level 1');
    expect(evidence(unit('4430-227'), '4')?.notes?.join(' ')).toContain('information of conduct');
  });

  it('qualification notes: simulation basis and real working environment', () => {
    const notes = (q.notes ?? []).join('\n');
    expect(notes).toContain('The use of simulation for the following Level 1 NVQ Units only');
    expect(notes).toContain('C1 Recognise and deal with customer queries, requests and problems');
    expect(notes).toContain('should be carried out in a real job (either paid or voluntary)');
    expect(notes).toContain('All other Units must be achieved in a real working situation');
  });
});
