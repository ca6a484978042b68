/**
 * IMI Level 2 Diploma in Customer Service (Ofqual 601/3456/2), transcribed from seed 003.
 * Every expected value below was typed from the seed document, not copied from the importer's output.
 */
import data from '../../../src/domain/standards/data/imi-l2-diploma-customer-service.json';
import { qualificationSchema, type Unit } from '../../../src/domain/standards/schema';
import { unitItems } from '../../../src/domain/standards/itemCodes';

const q = qualificationSchema.parse(data);

function unit(code: string): Unit {
  const u = q.units.find((x) => x.code === code);
  if (!u) throw new Error(`unit ${code} missing`);
  return u;
}
const criterion = (u: string, code: string) =>
  unit(u)
    .elements.flatMap((e) => e.criteria)
    .find((c) => c.code === code)?.text;
const notesOf = (u: string) => unit(u).notes ?? [];
const guidance = (u: string, code: string) => unit(u).assessmentGuidance.filter((g) => g.criterion === code).map((g) => g.text);

/** "1.1".."1.n", "2.1".. from the number of criteria under each learning outcome 1, 2, ... */
const codesFromCounts = (counts: number[]) => counts.flatMap((n, lo) => Array.from({ length: n }, (_, i) => `${lo + 1}.${i + 1}`));

describe('IMI Level 2 Diploma in Customer Service: qualification', () => {
  it('parses with the schema', () => {
    expect(qualificationSchema.safeParse(data).success).toBe(true);
  });

  it('has the identifiers and headline figures', () => {
    expect(q.id).toBe('imi-l2-diploma-customer-service');
    expect(q.title).toBe('IMI Level 2 Diploma in Customer Service');
    expect(q.awardingBody).toBe('Institute of the Motor Industry (IMI)');
    expect(q.framework).toBe('Diploma/QCF');
    expect(q.level).toBe(2);
    expect(q.scqfLevel).toBeNull();
    expect(q.identifiers).toEqual([
      { scheme: 'Ofqual', value: '601/3456/2' },
      { scheme: 'title', value: 'IMI Level 2 Diploma in Customer Service' },
    ]);
    expect(q.minimumCredits).toBe(45);
    expect(q.glh).toBeNull();
    expect(q.tqt).toBeNull();
    expect(q.source.document).toBe('003_db0f29241d32c35e.txt');
  });

  it('has groups A-D with their units in table order', () => {
    expect(q.groups).toEqual([
      { id: 'A', title: 'Mandatory Group A', mandatory: true, units: ['CS 7', 'CS 8', 'CS 9', 'B&A 38', 'M&L 1'] },
      { id: 'B', title: 'Optional Group B', mandatory: false, units: ['CS 5', 'CS 6'] },
      {
        id: 'C',
        title: 'Optional Group C',
        mandatory: false,
        units: ['CS 10', 'CS 11', 'CS 12', 'CS 13', 'CS 14', 'CS 15', 'CS 16', 'CS 17', 'CS 18', 'CS 19', 'CS 20', 'CS 21', 'CS 22', 'CS 23', 'CS 24', 'CS 31', 'CS 32'],
      },
      {
        id: 'D',
        title: 'Optional Group D',
        mandatory: false,
        units: ['HSPW2', 'B&A 13', 'B&A 19', 'B&A 27', 'B&A 35', 'B&A 39', 'M&L 2', 'M&L 7', 'SAL2-7', 'SAL2-13', 'SAL2-14', 'CC38', 'CC19', 'B&A 42', 'BS2'],
      },
    ]);
  });

  it('has every rule of combination, quoting the seed', () => {
    expect(q.rules).toEqual([
      { kind: 'mandatory', groups: ['A'], source: 'Mandatory Group A: 19 Credits' },
      { kind: 'credits', groups: ['A'], min: 19, source: 'Group A: 19 credits must be achieved' },
      { kind: 'credits', groups: ['B'], min: 3, source: 'Group B: A minimum of 3 credits must be achieved' },
      { kind: 'credits', groups: ['C'], min: 16, source: 'Group C: A minimum of 16 credits must be achieved' },
      { kind: 'credits', groups: ['D'], max: 7, source: 'Group D: A maximum of 7 credits may be achieved' },
      { kind: 'credits', min: 45, source: 'To achieve a Level 2 Diploma in Customer Service, learners must complete a minimum of 45 credits.' },
      {
        kind: 'credits',
        levels: { scale: 'level', min: 2 },
        min: 45,
        source: 'A minimum of 45 credits must be achieved through the completion of units at Level 2 or above.',
      },
      { kind: 'glh', min: 245, max: 305, source: 'Minimum GLH: 245 Maximum GLH: 305' },
    ]);
  });

  it('notes the Ofqual references printed with a space, once', () => {
    const ofqualNotes = (q.notes ?? []).filter((n) => n.includes('space before the check digit'));
    expect(ofqualNotes).toHaveLength(1);
    expect(ofqualNotes[0]).toContain('A/506/213 0');
  });
});

// CFA Ref., Ofqual Ref., Title, Credit, Level, GLH: the structure tables, typed from the seed.
const STRUCTURE: [string, string, string, number, number, number][] = [
  ['CS 7', 'A/506/213 0', 'Deliver customer service', 5, 2, 27],
  ['CS 8', 'F/506/213 1', 'Understand customers', 2, 2, 17],
  ['CS 9', 'J/506/213 2', 'Principles of customer service', 4, 2, 34],
  ['B&A 38', 'A/506/196 4', 'Understand employer organisations', 4, 2, 40],
  ['M&L 1', 'L/506/178 8', 'Manage personal performance and development', 4, 2, 18],
  ['CS 5', 'D/506/211 9', 'Communicate verbally with customers', 3, 2, 14],
  ['CS 6', 'T/506/212 6', 'Communicate with customers in writing', 3, 2, 20],
  ['CS 10', 'H/506/215 4', 'Deal with incoming telephone calls from customers', 3, 2, 16],
  ['CS 11', 'K/506/215 5', 'Make telephone calls to customers', 3, 2, 16],
  ['CS 12', 'L/506/213 3', 'Promote additional products and/or services to customers', 2, 2, 14],
  ['CS 13', 'R/506/213 4', 'Process information about customers', 3, 2, 14],
  ['CS 14', 'Y/506/213 5', 'Exceed customer expectations', 3, 2, 15],
  ['CS 15', 'T/506/214 3', "Deliver customer service whilst working on customer's premises", 4, 2, 20],
  ['CS 16', 'T/506/215 7', 'Carry out customer service handovers', 3, 2, 15],
  ['CS 17', 'A/506/215 8', 'Resolve customer service problems', 5, 2, 22],
  ['CS 18', 'F/506/215 9', 'Deliver customer service to challenging customers', 3, 2, 16],
  ['CS 19', 'Y/506/214 9', 'Develop customer relationships', 3, 2, 18],
  ['CS 20', 'T/506/216 0', 'Support customer service improvements', 3, 2, 12],
  ['CS 21', 'A/506/216 1', 'Support customers through real-time online customer service', 3, 2, 15],
  ['CS 22', 'H/506/297 7', 'Support customers using self-service equipment', 3, 2, 18],
  ['CS 23', 'J/506/216 3', 'Use social media to deliver customer service', 3, 2, 18],
  ['CS 24', 'K/506/297 8', 'Provide post-transaction customer service', 5, 2, 22],
  ['CS 31', 'R/506/215 1', "Resolve customers' complaints", 4, 3, 22],
  ['CS 32', 'D/506/217 0', 'Gather, analyse and interpret customer feedback', 5, 3, 24],
  ['HSPW2', 'T/505/467 3', 'Health and safety procedures in the workplace', 2, 2, 16],
  ['B&A 13', 'L/506/180 7', 'Manage diary systems', 2, 2, 12],
  ['B&A 19', 'H/506/181 4', 'Provide reception services', 3, 2, 15],
  ['B&A 27', 'L/506/186 9', 'Contribute to the organisation of an event', 3, 2, 23],
  ['B&A 35', 'M/506/189 5', 'Buddy a colleague to develop their skills', 3, 2, 19],
  ['B&A 39', 'L/506/190 5', 'Employee rights and responsibilities', 2, 2, 16],
  ['M&L 2', 'R/506/178 9', 'Develop working relationships with colleagues', 3, 2, 19],
  ['M&L 7', 'J/506/180 6', 'Principles of equality and diversity in the workplace', 2, 2, 10],
  ['SAL2-7', 'M/502/858 7', 'Processing sales orders', 2, 2, 17],
  ['SAL2-13', 'R/502/860 1', "Meeting customers' after sales needs", 3, 2, 14],
  ['SAL2-14', 'M/502/860 6', 'Handling objections and closing sales', 3, 2, 22],
  ['CC38', 'K/503/042 1', 'Deal with incidents through a contact centre', 7, 2, 40],
  ['CC19', 'L/503/039 4', 'Carry out direct sales activities in a contact centre', 5, 2, 15],
  ['B&A 42', 'H/506/191 2', 'Negotiate in a business environment', 4, 3, 18],
  ['BS2', 'F/502/439 6', 'Bespoke software', 3, 2, 20],
];

// Criteria under each learning outcome, counted on each unit page of the seed.
const CRITERIA_PER_OUTCOME: Record<string, number[]> = {
  'CS 7': [6, 4, 2, 6, 2],
  'CS 8': [4, 5],
  'CS 9': [7, 5, 6, 5],
  'B&A 38': [3, 3],
  'M&L 1': [5, 3, 7, 5],
  'CS 5': [6, 10],
  'CS 6': [4, 3, 4],
  'CS 10': [7, 6, 5],
  'CS 11': [8, 4, 9],
  'CS 12': [4, 4],
  'CS 13': [5, 6],
  'CS 14': [4, 6],
  'CS 15': [6, 7],
  'CS 16': [4, 3, 5],
  'CS 17': [6, 8, 2],
  'CS 18': [7, 7],
  'CS 19': [7, 5],
  'CS 20': [3, 3, 3],
  'CS 21': [4, 3, 4],
  'CS 22': [4, 2, 4],
  'CS 23': [7, 4],
  'CS 24': [5, 6],
  'CS 31': [8, 9],
  'CS 32': [9, 3, 3, 4],
  HSPW2: [4, 4],
  'B&A 13': [4, 6],
  'B&A 19': [5, 7],
  'B&A 27': [6, 5, 3, 2],
  'B&A 35': [3, 4, 6],
  'B&A 39': [6, 4],
  'M&L 2': [5, 4, 4],
  'M&L 7': [5, 3],
  'SAL2-7': [7, 9, 3],
  'SAL2-13': [2, 5, 3],
  'SAL2-14': [10, 5, 6, 3],
  CC38: [7, 3, 8],
  CC19: [4, 7, 2, 2, 8],
  'B&A 42': [4, 6, 4],
  BS2: [3, 3, 3],
};

describe('IMI Level 2 Diploma in Customer Service: units of the structure table', () => {
  it('has exactly the 39 units of the structure table, in order', () => {
    expect(q.units.map((u) => u.code)).toEqual(STRUCTURE.map((r) => r[0]));
  });

  it.each(STRUCTURE)('%s: codes, title, level, credit, GLH', (cfa, ofqual, title, credit, level, glh) => {
    const u = unit(cfa);
    expect(u.codes).toEqual([
      { scheme: 'CFA', code: cfa },
      { scheme: 'Ofqual', code: ofqual },
    ]);
    expect(u.title).toBe(title);
    expect(u.credit).toBe(credit);
    expect(u.level).toBe(level);
    expect(u.glh).toBe(glh);
    expect(u.scqfLevel).toBeNull();
    // Every unit of the structure table has its own unit page in the seed.
    expect(u.detailed).toBe(true);
    expect(u.elementKind).toBe('learning outcome');
    expect(u.simulation).toBe('not stated');
    expect(u.range).toEqual([]);
    expect(u.knowledge).toEqual([]);
    expect(u.evidenceRequirements).toEqual([]);
  });

  it.each(Object.entries(CRITERIA_PER_OUTCOME))('%s: criterion codes, outcome by outcome', (code, counts) => {
    const u = unit(code);
    expect(u.elements.map((e) => e.code)).toEqual(counts.map((_, i) => String(i + 1)));
    const items = unitItems(u);
    expect(items.every((i) => i.kind === 'criterion')).toBe(true);
    expect(items.map((i) => i.code)).toEqual(codesFromCounts(counts));
  });

  it('counts 535 criteria in all', () => {
    expect(q.units.reduce((n, u) => n + unitItems(u).length, 0)).toBe(535);
  });
});

describe('IMI Level 2 Diploma in Customer Service: detailed units', () => {
  it('CS 7 (first unit): outcomes, criteria and summary', () => {
    const u = unit('CS 7');
    expect(u.elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Understand customer service delivery'],
      ['2', 'Understand the relationship between customer service and a brand'],
      ['3', 'Be able to prepare to deal with customers'],
      ['4', 'Be able to provide customer service'],
      ['5', 'Be able to support improvements to customer service delivery'],
    ]);
    expect(unitItems(u).map((i) => i.code)).toEqual([
      '1.1', '1.2', '1.3', '1.4', '1.5', '1.6',
      '2.1', '2.2', '2.3', '2.4',
      '3.1', '3.2',
      '4.1', '4.2', '4.3', '4.4', '4.5', '4.6',
      '5.1', '5.2',
    ]);
    expect(criterion('CS 7', '1.1')).toBe("Explain the relationship between customers' needs and expectations and customer satisfaction");
    expect(criterion('CS 7', '4.6')).toBe(
      'Adhere to organisational policies and procedures, legal and ethical requirements when providing customer service',
    );
    expect(criterion('CS 7', '5.2')).toBe(
      'Share information and ideas with colleagues and/or service partners to support the improvement of service delivery',
    );
    expect(u.summary).toBe(
      'This unit aims to develop the knowledge and skills required to deliver customer service. Upon completion of this unit, learners will be able to prepare to deal with customers, provide customer service, and support improvements to customer service delivery.',
    );
    expect(u.notes?.[0]).toBe('Mapping: CFACSA1, CFACSA2, CFACSA4, CFACSA7, CFACSA8, CFACSB1, CFACSB2 & CFACSF2');
  });

  it('CS 9: criteria after the table continues on a second page; summary without <p>', () => {
    expect(unitItems(unit('CS 9')).map((i) => i.code).slice(-5)).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5']);
    expect(unit('CS 9').elements[3]?.title).toBe('Understand the management of customer service information');
    expect(criterion('CS 9', '4.5')).toBe('Describe the uses of a customer complaints process');
    expect(criterion('CS 9', '1.2')).toBe("Define the term 'service offer'");
    expect(unit('CS 9').summary).toMatch(/^This unit aims to develop knowledge and understanding regarding the key principles of customer service\./);
    expect(unit('CS 9').summary).toMatch(/management of customer service information\.$/);
  });

  it('CS 10: summary from the "Rationale. :" line', () => {
    expect(unit('CS 10').summary).toBe(
      'This unit aims to develop the knowledge and skills required to deal with incoming telephone calls from customers. Upon completion of this unit, learners will be able to establish the purpose of incoming customer calls and deal with customer questions and requests.',
    );
  });

  it('CS 5: curly quotes kept as printed', () => {
    expect(criterion('CS 5', '1.3')).toBe('Explain why “customer service language” is used');
    expect(criterion('CS 5', '2.1')).toBe('Identify customers’ wants and priorities');
    expect(criterion('CS 5', '2.2')).toBe('Listen “actively” to what customers are saying');
    expect(criterion('CS 5', '2.10')).toBe(
      'Adhere to organisational policies and procedures, legal and ethical requirements when communicating verbally with customers',
    );
  });

  it('M&L 1: 3.7 and the double-quoted "work-life balance"', () => {
    expect(criterion('M&L 1', '2.3')).toBe('Explain the benefits of achieving an acceptable "work-life balance"');
    expect(criterion('M&L 1', '3.7')).toBe(
      'Agree specific, measurable, achievable, realistic and time-bound (SMART) development objectives that align with organisational and personal needs',
    );
    expect(criterion('M&L 1', '4.5')).toBe('Share lessons learned with others using agreed communication methods');
  });

  it('CS 23 and CS 32: criteria printed "1.5." and "1.9." are coded 1.5 and 1.9', () => {
    expect(unitItems(unit('CS 23')).map((i) => i.code)).toEqual([
      '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7',
      '2.1', '2.2', '2.3', '2.4',
    ]);
    expect(criterion('CS 23', '1.5')).toBe('Explain the etiquette of communication within different social media platforms');
    expect(unitItems(unit('CS 32')).map((i) => i.code)).toEqual([
      '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9',
      '2.1', '2.2', '2.3',
      '3.1', '3.2', '3.3',
      '4.1', '4.2', '4.3', '4.4',
    ]);
    expect(criterion('CS 32', '1.9')).toBe('Explain the importance of anonymising comments from customers who do not wish to be identified');
    expect(criterion('CS 32', '2.3')).toBe(
      'Develop a data collection and analysis plan that specifies the sampling frame, data collection and recording methods and timeframe',
    );
    expect(notesOf('CS 23')).toContain('The seed prints criterion 1.5 as "1.5." (with a trailing dot); recorded as 1.5.');
    expect(notesOf('CS 32')).toContain('The seed prints criterion 1.9 as "1.9." (with a trailing dot); recorded as 1.9.');
  });

  it('HSPW2: outcome titles with full stops, the lettered list and the repeated word kept', () => {
    const u = unit('HSPW2');
    expect(u.elements.map((e) => e.title)).toEqual([
      'Know health and safety procedures in the workplace.',
      'Be able to carry out tasks with regard to health and safety in the workplace.',
    ]);
    expect(criterion('HSPW2', '1.1')).toBe(
      'Define the main responsibilities for health and safety in the workplace of the following: a. employers b. employees',
    );
    expect(criterion('HSPW2', '1.2')).toBe('Describe two health and safety laws affecting affecting the workplace.');
    expect(criterion('HSPW2', '2.4')).toBe('Assess how own health and safety practices could be improved.');
    expect(u.summary).toBeUndefined();
    expect(u.assessmentGuidance).toEqual([]);
    expect(u.notes).toEqual([
      'Mapping: None',
      'The unit page prints "Rationale: None"; no summary recorded.',
      expect.stringContaining('a. employers b. employees'),
      expect.stringContaining('laws affecting affecting the workplace'),
    ]);
  });

  it('SAL2-14 (longest unit, 24 criteria over a continuation page)', () => {
    expect(unitItems(unit('SAL2-14')).map((i) => i.code)).toEqual([
      '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10',
      '2.1', '2.2', '2.3', '2.4', '2.5',
      '3.1', '3.2', '3.3', '3.4', '3.5', '3.6',
      '4.1', '4.2', '4.3',
    ]);
    expect(criterion('SAL2-14', '1.10')).toBe('State who to go to when in need of support to overcome objections');
    expect(criterion('SAL2-14', '3.6')).toBe('Refer to those in authority when dealing with objections outside the scope of own authority');
    expect(unit('SAL2-14').elements[2]?.title).toBe('Be able to handle objections');
  });

  it('CC38: outcome "2" printed without a dot; Mapping N/A', () => {
    const u = unit('CC38');
    expect(u.elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Be able to deal with incidents through a contact centre'],
      ['2', 'Be able to use contact centre communications systems to deploy incident management resources'],
      ['3', 'Understand how to deal with incidents in a contact centre'],
    ]);
    expect(criterion('CC38', '2.2')).toBe('Use the most efficient means (voice or data options) to communicate with those dealing with the incident');
    expect(criterion('CC38', '3.8')).toBe('Describe the type and extent of resources available for deployment in incident management');
    expect(u.notes?.[0]).toBe('Mapping: N/A');
  });

  it('CC19: header split over two lines; outcome "3" without a dot', () => {
    const u = unit('CC19');
    expect(u.elements[2]?.title).toBe('Be able to keep direct sales records within a contact centre');
    expect(u.elements[3]?.title).toBe('Be able to comply with regulations and legislation during direct sales in contact centre');
    expect(criterion('CC19', '1.1')).toBe('Assemble information about products and/or services that support direct sales');
    expect(criterion('CC19', '5.8')).toBe(
      'Describe the organisational procedures for ensuring compliance with relevant regulation and legislation that have an impact on direct selling',
    );
  });

  it('BS2 (last unit)', () => {
    const u = unit('BS2');
    expect(u.elements.map((e) => e.title)).toEqual([
      'Input and combine information using bespoke applications',
      'Use appropriate structures to organise and retrieve information efficiently',
      'Use the functions of the software effectively to process and present information',
    ]);
    expect(unitItems(u).map((i) => i.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3']);
    expect(criterion('BS2', '1.2')).toBe(
      'Select and use appropriate techniques to link and combine information of different forms or from different sources within the software',
    );
    expect(criterion('BS2', '3.2')).toBe('Check information meets needs, using IT tools and making corrections as necessary');
    expect(u.summary).toBeUndefined();
    expect(u.assessmentGuidance).toEqual([]);
  });

  it('M&L 7: outcome 2 title', () => {
    expect(unit('M&L 7').elements[1]?.title).toBe(
      'Understand organisational standards and expectations for equality and diversity and context in the workplace',
    );
    expect(notesOf('M&L 7')[0]).toBe('Mapping: CFAM&LBA7');
  });
});

describe('IMI Level 2 Diploma in Customer Service: assessment guidance', () => {
  const criteriaWithGuidance = (u: string) => unit(u).assessmentGuidance.map((g) => g.criterion);

  it('is recorded against the criteria the seed prints it for', () => {
    expect(criteriaWithGuidance('CS 7')).toEqual(['1.2', '1.6', '2.1', '2.3']);
    expect(criteriaWithGuidance('CS 9')).toEqual(['1.5', '1.7', '2.1', '2.2', '2.3', '2.4', '3.3', '3.5', '4.2']);
    expect(criteriaWithGuidance('CS 13')).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.3', '2.5', '2.6']);
    expect(criteriaWithGuidance('CS 32')).toEqual(['1.3', '1.5', '1.6', '1.8', '1.9', '2.2', '3.2', '4.1']);
    expect(criteriaWithGuidance('CS 24')).toEqual(['1.1', '1.3', '1.4', '2.1', '2.2', '2.5']);
    for (const none of ['M&L 1', 'HSPW2', 'B&A 39', 'SAL2-7', 'SAL2-13', 'SAL2-14', 'CC38', 'CC19', 'B&A 42', 'BS2']) {
      expect(unit(none).assessmentGuidance).toEqual([]);
    }
  });

  it('keeps only the guidance text, one line per paragraph or bullet', () => {
    expect(guidance('CS 7', '1.2')).toEqual([
      'Features are characteristics, attributes and qualities of a product or service Benefits are advantages and uses of a service or product',
    ]);
    expect(guidance('CS 7', '1.6')).toEqual([
      'Methods of measuring their own effectiveness may include, but are not limited to:\ncustomer feedback\npeer feedback\nreviewing performance against targets',
    ]);
    expect(guidance('CS 7', '2.3')).toEqual([
      'Customer service language could include phrases, such as:\n"my pleasure"\n"no problem"\n"have a good day"\n"thank you for your custom"',
    ]);
    expect(guidance('CS 9', '2.4')).toEqual(['Equality legislation may include, but is not limited to:\nEquality Act 2010']);
    expect(guidance('B&A 38', '2.2')).toEqual([
      'Models of analysis to include: SWOT (strengths, weaknesses, opportunities and threats) PESTLE (political, economic, social, technological, legal and environment)',
    ]);
    expect(guidance('CS 14', '2.4')).toEqual([
      'Offers to customers could include:\nproviding promotional vouchers\noffering additional service within organisational guidelines\noffering additional services that have been advertised\nmaking verbal offers as appropriate, e.g., offering something which is approved by the organisation but which the customer thinks has come from the individual',
    ]);
    expect(guidance('CS 12', '1.4')).toEqual([
      'Techniques may include but are not exclusive to –\nVerbal communication\nWritten communication\nProduct placement',
    ]);
    expect(guidance('CS 24', '2.2')).toEqual([
      'The learner should demonstrate that they are able to recognise unplanned opportunities and take appropriate action to provide customer service over and above what would normally be expected.',
    ]);
  });

  it('keeps a nested dash list inside one bullet (CS 14, 1.2)', () => {
    const [text] = guidance('CS 14', '1.2');
    expect(text?.split('\n')).toEqual([
      'Legislation could include;',
      'Sale of goods Act 1979 (as amended)',
      'Age restrictive legislation covering for example the sale of:',
      '- Tobacco - Children and Young Persons (Protection from Tobacco) Act 1991 and Children and Young Person (Sale of Tobacco) Order 2007 - Alcohol products - Licensing Act 2003 - Spray paint – Anti Social Behaviour Act 2003 - Knives – Criminal Justice Act 1988 etc.',
      'Equality Act 2010',
      'H&S at Work Act 1974',
      'Organisational policies will be specific to the organisation but could include,',
      'Time in which goods can be returned (returns policy)',
      'Gift receipts',
      'Condition in which goods can be returned',
      'Validity of gift vouchers – expiry date',
      'Availability of the service offer',
      'Restrictions on the service offer, e.g., one per household, per customer',
      'H&S at work implications of any offer, e.g., working hours',
    ]);
  });

  it('joins rows continued with an empty criterion cell to the previous row', () => {
    expect(guidance('CS 5', '1.5')).toEqual([
      'A verbal signal is a phrase or statement said by the customer.\nA non-verbal signal is the body language of the customer',
    ]);
    expect(guidance('CS 13', '2.3')).toEqual([
      'The learner should be able to differentiate between authorised and unauthorised people .\nTimely manner , in line with organisational procedures',
    ]);
    expect(guidance('M&L 7', '1.5')).toEqual([
      'Consequences could include those which are legal, reputational and relating to profits\nEquality Legislation will include but is not exclusive to:\nEquality Act 2010',
    ]);
    expect(guidance('B&A 27', '3.3')).toEqual([
      'Organisational values are the general principles or standards of behaviour that are expected within an organisation\nOrganisational standards are defined levels of expectation for a specific behaviour set by an organisation',
    ]);
  });

  it('keeps the stray "#" in CS 10 guidance 2.4, with a note', () => {
    expect(guidance('CS 10', '2.4')).toEqual([
      'Listening actively refers to:\nAsking questions to check information\nRepeating information to show understanding\nAvoiding distractions, assumptions and interruptions#\nUsing body language/facial expressions as if the customer is present',
    ]);
    expect(notesOf('CS 10')).toContainEqual(expect.stringContaining('interruptions#'));
  });
});

describe('IMI Level 2 Diploma in Customer Service: seed inconsistencies are noted', () => {
  it('CS 8: guidance row printed 2.4 carries 2.1\'s text; recorded against 2.1', () => {
    expect(guidance('CS 8', '2.1')).toEqual([
      'Service offer is defined as the extent and limits of the customer service that an organisation is offering',
    ]);
    expect(guidance('CS 8', '2.4')).toEqual([]);
    expect(notesOf('CS 8')).toContainEqual(expect.stringMatching(/as criterion 2\.4, but on the unit page that is criterion 2\.1/));
  });

  it('CS 5: guidance row printed 2.4 is 2.2 (Listen actively); 1.3 worded without quotes', () => {
    expect(guidance('CS 5', '2.2')).toHaveLength(1);
    expect(guidance('CS 5', '2.2')[0]).toMatch(/^Listening actively refers to:\n/);
    expect(guidance('CS 5', '2.4')).toEqual([]);
    expect(notesOf('CS 5')).toContainEqual(expect.stringMatching(/as criterion 2\.4, but on the unit page that is criterion 2\.2/));
    expect(notesOf('CS 5')).toContainEqual(
      expect.stringContaining('prints criterion 1.3 as "Explain why customer service language is used"'),
    );
  });

  it('CS 15: guidance row printed 1.1 is 1.5 (risks); table title "customer\'s" vs page "CUSTOMERS\'"', () => {
    expect(guidance('CS 15', '1.5')).toEqual(['Risks are situations or hazards that could cause harm, danger or exposure to danger']);
    expect(guidance('CS 15', '1.1')).toEqual([]);
    expect(notesOf('CS 15')).toContainEqual(expect.stringMatching(/as criterion 1\.1, but on the unit page that is criterion 1\.5/));
    expect(notesOf('CS 15')).toContainEqual(expect.stringContaining("CUSTOMERS' PREMISES"));
  });

  it('M&L 2: guidance row printed 1.1 is 1.3 (conflict management)', () => {
    expect(guidance('M&L 2', '1.3')).toEqual([
      'Conflict management techniques may include:\nForcing\nWin-win – collaborating\nCompromising\nWithdrawing\nSmoothing',
    ]);
    expect(guidance('M&L 2', '1.1')).toEqual([]);
    expect(notesOf('M&L 2')).toContainEqual(expect.stringMatching(/as criterion 1\.1, but on the unit page that is criterion 1\.3/));
  });

  it('B&A 27: two guidance rows with empty guidance cells are not recorded, with notes', () => {
    expect(unit('B&A 27').assessmentGuidance.map((g) => g.criterion)).toEqual(['1.1', '1.3', '2.3', '2.5', '3.1', '3.3']);
    expect(guidance('B&A 27', '3.1')).toEqual(['The layout includes the arrangement of furniture and other environmental features']);
    expect(notesOf('B&A 27')).toContainEqual(expect.stringContaining('lists criterion 1.2 ("Explain the purpose and features of different types of events") with an empty guidance cell'));
    expect(notesOf('B&A 27')).toContainEqual(expect.stringContaining('"3.1 Confirm that all identified resources are in place and meet requirements" with an empty guidance cell'));
    expect(notesOf('B&A 27')).toContainEqual(
      expect.stringContaining('prints criterion 1.3 as "Describe the type of resources needed for different types of events."'),
    );
  });

  it('guidance rows whose criterion wording differs from the unit page', () => {
    expect(notesOf('CS 11')).toContainEqual(
      expect.stringContaining('prints criterion 1.6 as "Describe different questioning techniques used when dealing with incoming calls"'),
    );
    expect(notesOf('CS 13')).toContainEqual(
      expect.stringContaining('prints criterion 2.6 as "Adhere to organisational policies and procedures and legal and ethical requirements'),
    );
    expect(notesOf('CS 21')).toContainEqual(expect.stringContaining('prints criterion 1.1 as "Explain how an organisations online'));
    expect(notesOf('CS 24')).toContainEqual(expect.stringContaining('to post transaction customer service"'));
  });

  it('M&L 1: rationale about social media kept as printed, with a note', () => {
    expect(unit('M&L 1').summary).toMatch(/^This unit aims to provide the knowledge and skills required to develop customer service through social media\./);
    expect(notesOf('M&L 1')).toContainEqual(expect.stringContaining('does not describe this unit'));
  });

  it('units without inconsistencies carry only their mapping note', () => {
    for (const code of ['CS 7', 'CS 9', 'B&A 38', 'CS 6', 'CS 12', 'CS 14', 'CS 16', 'CS 17', 'CS 18', 'CS 19', 'CS 20', 'CS 22', 'CS 31', 'B&A 13', 'B&A 19', 'B&A 35', 'B&A 39', 'SAL2-7', 'SAL2-13', 'SAL2-14', 'CC38', 'CC19', 'B&A 42']) {
      expect(notesOf(code)).toHaveLength(1);
      expect(notesOf(code)[0]).toMatch(/^Mapping: /);
    }
  });
});
