/**
 * CVQ Customer Service Level 2 (CCA010-02), transcribed from seed 000_35b30a6c14d52dae.txt.
 * Every expected value below was typed from the seed document, not copied from the importer's output.
 */
import data from '../../../src/domain/standards/data/cvq-cca010-02.json';
import { qualificationSchema, type Unit } from '../../../src/domain/standards/schema';
import { unitItems, type ItemKind } from '../../../src/domain/standards/itemCodes';

const q = qualificationSchema.parse(data);

function unit(code: string): Unit {
  const u = q.units.find((x) => x.code === code);
  if (!u) throw new Error(`unit ${code} missing`);
  return u;
}
const leafCodes = (u: string, kind: ItemKind) =>
  unitItems(unit(u))
    .filter((i) => i.kind === kind)
    .map((i) => i.code);
const criterion = (u: string, code: string) =>
  unit(u)
    .elements.flatMap((e) => e.criteria)
    .find((c) => c.code === code)?.text;
const rangeItem = (u: string, element: string, category: string, item: string) =>
  unit(u)
    .range.find((c) => c.element === element && c.code === category)
    ?.items.find((i) => i.code === item)?.text;
const knowledge = (u: string, code: string) => unit(u).knowledge.find((k) => k.code === code);
const evidence = (u: string, code: string) => unit(u).evidenceRequirements.find((k) => k.code === code);
const notesOf = (u: string) => unit(u).notes ?? [];
const elementNotes = (u: string, e: string) => unit(u).elements.find((x) => x.code === e)?.notes ?? [];
const categoryNotes = (u: string, element: string, code: string) => unit(u).range.find((c) => c.element === element && c.code === code)?.notes ?? [];

/** "1.1".."1.n", "2.1".. from the number of criteria under elements 1, 2, ... */
const criteriaFromCounts = (counts: number[]) => counts.flatMap((n, el) => Array.from({ length: n }, (_, i) => `${el + 1}.${i + 1}`));
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii'];
/** Range leaf codes: rangeCodes(['1/A', 4], ['1/B', 3]) -> 1/A/i .. 1/A/iv, 1/B/i .. 1/B/iii. */
const rangeCodes = (...cats: [string, number][]) => cats.flatMap(([cat, n]) => ROMAN.slice(0, n).map((r) => `${cat}/${r}`));
/** The common knowledge pattern: items 1..n where item 2 has sub-items a-d. */
const knowledgeCodes = (n: number) =>
  Array.from({ length: n }, (_, i) => String(i + 1)).flatMap((c) => (c === '2' ? ['2a', '2b', '2c', '2d'] : [c]));
const letters = (s: string) => s.split('');

describe('CVQ Customer Service Level 2: qualification', () => {
  it('parses with the schema', () => {
    expect(qualificationSchema.safeParse(data).success).toBe(true);
  });

  it('has the identifiers and headline figures', () => {
    expect(q.id).toBe('cvq-cca010-02');
    expect(q.title).toBe('CUSTOMER SERVICE- LEVEL 2');
    expect(q.framework).toBe('CVQ');
    expect(q.awardingBody).toBe('TVET Council');
    expect(q.level).toBe(2);
    expect(q.scqfLevel).toBeNull();
    expect(q.identifiers).toEqual([
      { scheme: 'CVQ code', value: 'CCA010-02' },
      { scheme: 'title', value: 'CUSTOMER SERVICE- LEVEL 2' },
    ]);
    expect(q.glh).toBeNull();
    expect(q.tqt).toBeNull();
    expect(q.minimumCredits).toBeNull();
    expect(q.source.document).toBe('000_35b30a6c14d52dae.txt');
  });

  it('has the mandatory and optional groups in table order', () => {
    expect(q.groups).toEqual([
      { id: 'mandatory', title: 'Mandatory Units (All must be completed)', mandatory: true, units: ['U09602', 'U12902', 'U13002', 'U13102', 'U00306'] },
      { id: 'optional', title: 'Optional Units (Choose one)', mandatory: false, units: ['U13202', 'U13302', 'U13402', 'U13502'] },
    ]);
  });

  it('has the rules of combination, each quoting the seed', () => {
    expect(q.rules.map(({ source: _s, ...r }) => r)).toEqual([
      { kind: 'mandatory', groups: ['mandatory'] },
      { kind: 'unitCount', groups: ['optional'], min: 1, max: 1 },
      { kind: 'unitCount', min: 6 },
    ]);
    expect(q.rules[0]!.source).toContain('candidates must complete five (5) mandatory units');
    expect(q.rules[1]!.source).toContain('plus one (1) optional unit');
    expect(q.rules[1]!.source).toContain('Optional Units (Choose one)');
    expect(q.rules[2]!.source).toContain('A minimum of six (6) units must be completed to achieve the full award');
  });

  it('records that the awarding body is not named and that unit levels are not stated', () => {
    const notes = (q.notes ?? []).join('\n');
    expect(notes).toMatch(/does not name the awarding body/);
    expect(notes).toMatch(/TVETC Number/);
    expect(notes).toMatch(/no level, credit value or guided learning hours for the individual units/);
  });
});

describe('CVQ Customer Service Level 2: every unit of the structure table', () => {
  const table: [string, string, string, boolean][] = [
    ['U09602', '1', 'Give customers a positive impression of yourself and your organisation', true],
    ['U12902', '2', 'Deliver reliable customer service', true],
    ['U13002', '3', 'Develop customer relationships', true],
    ['U13102', '4', 'Resolve customer service problems', true],
    ['U00306', '5', 'Maintain a safe and secure working environment', true],
    ['U13202', '6', 'Support customer service improvements', false],
    ['U13302', '7', 'Develop personal performance through delivering customer service', false],
    ['U13402', '8', 'Promote additional products or services to customers', false],
    ['U13502', '9', 'Process customer service information', false],
  ];

  it('has exactly the nine units, in table order', () => {
    expect(q.units.map((u) => u.code)).toEqual(table.map((t) => t[0]));
  });

  it.each(table)('%s (unit %s): codes, title, no level/credit/GLH, detailed', (code, number, title) => {
    const u = unit(code);
    expect(u.codes).toEqual([
      { scheme: 'TVETC', code },
      { scheme: 'unit number', code: number },
    ]);
    expect(u.title).toBe(title);
    expect(u.level).toBeNull();
    expect(u.scqfLevel).toBeNull();
    expect(u.credit).toBeNull();
    expect(u.glh).toBeNull();
    // Every unit of the structure table has its own page in the seed.
    expect(u.detailed).toBe(true);
    expect(u.elementKind).toBe('element');
  });

  it('records simulation as each unit\'s evidence guide states it', () => {
    expect(q.units.map((u) => [u.code, u.simulation])).toEqual([
      ['U09602', 'not allowed'],
      ['U12902', 'not allowed'],
      ['U13002', 'not allowed'],
      ['U13102', 'not allowed'],
      ['U00306', 'allowed'],
      ['U13202', 'not allowed'],
      ['U13302', 'not stated'],
      ['U13402', 'not allowed'],
      ['U13502', 'not allowed'],
    ]);
  });

  it('gives every unit its three evidence-guide sections as unit-wide guidance', () => {
    for (const u of q.units) {
      expect(u.assessmentGuidance.every((g) => g.criterion === undefined)).toBe(true);
      expect(u.assessmentGuidance.map((g) => g.text.split('\n')[0]!.toLowerCase())).toEqual([
        'critical aspects of evidence',
        'methods of assessment',
        'context of assessment',
      ]);
    }
  });
});

describe('U09602 Give customers a positive impression of yourself and your organisation', () => {
  const U = 'U09602';
  it('has the elements and criteria, 1.7 included although printed outside the table', () => {
    expect(unit(U).elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Establish effective relationships with customers'],
      ['2', 'Respond appropriately to customers'],
      ['3', 'Communicate information to customers'],
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([7, 5, 4]));
    expect(criterion(U, '1.1')).toBe("Meet your organisation's standards for appearance and behaviour.");
    expect(criterion(U, '1.7')).toBe('Adapt your behaviour to respond effectively to different customer behaviour.');
    expect(criterion(U, '2.1')).toBe('Respond appropriately to customers who indicate that they need or want your attention.');
    expect(criterion(U, '3.2')).toBe('Communicate to your customers the information they need about the products or services offered by your organisation.');
  });

  it('has the range, every category also applying to elements 2 and 3', () => {
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 4], ['1/B', 3], ['1/C', 7]));
    expect(unit(U).range.map((c) => [c.element, c.code, c.title, c.appliesTo])).toEqual([
      ['1', 'A', 'Types of customers:', ['1', '2', '3']],
      ['1', 'B', 'Communicate by:', ['1', '2', '3']],
      ['1', 'C', 'Give customers a positive impression:', ['1', '2', '3']],
    ]);
    expect(rangeItem(U, '1', 'B', 'i')).toBe('face-to-face methods (including verbal and non-verbal communication)');
    expect(rangeItem(U, '1', 'C', 'vii')).toBe('when dealing with customer enquiries that contain aspects outside your immediate job responsibilities');
  });

  it('has the underpinning knowledge with headings and sub-items', () => {
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(13));
    expect(knowledge(U, '1')).toEqual({ code: '1', text: "What are your customers' rights.", heading: 'Legislation and regulations' });
    expect(knowledge(U, '2')?.text).toBe('What are the specific aspects of :');
    expect(knowledge(U, '2')?.subItems).toEqual([
      { code: 'a', text: 'health and safety' },
      { code: 'b', text: 'data protection' },
      { code: 'c', text: 'equal opportunities' },
      {
        code: 'd',
        text: 'disability discrimination, legislation and regulations that affect the way the products and services you deal with can be delivered to your customers.',
      },
    ]);
    expect(knowledge(U, '4')?.text).toBe('What are the contractual agreements, if any; customers have with your organisation.');
    expect(knowledge(U, '5')?.heading).toBe('Products and services');
    expect(knowledge(U, '10')).toEqual({
      code: '10',
      text: "What are your organisation's guidelines for recognizing customers' needs and expectations and responding positively to them.",
      heading: 'Organisational procedures/guidelines',
    });
    expect(knowledge(U, '13')).toEqual({ code: '13', text: 'How would you recognize when a customer is angry and confused.', heading: 'Communication' });
  });

  it('has the critical aspects a-m with their lead-in sentences as headings', () => {
    expect(leafCodes(U, 'evidence')).toEqual(letters('abcdefghijklm'));
    expect(evidence(U, 'a')).toEqual({
      code: 'a',
      text: 'during routine delivery of customer service',
      heading: 'You must provide evidence of creating a positive impression with customers:',
    });
    expect(evidence(U, 'g')?.text).toBe('when dealing with customer enquiries that contain aspects outside your immediate job responsibilities.');
    expect(evidence(U, 'h')).toEqual({ code: 'h', text: 'have different needs and expectations', heading: 'You also need to show that you have dealt with customers who:' });
    expect(evidence(U, 'k')?.heading).toBe('You also need to show that you have dealt with customers who:');
    expect(evidence(U, 'm')).toEqual({
      code: 'm',
      text: 'apply the rules and procedures suitable for the method of communication you have chosen.',
      heading: 'You must prove that you communicate with customers effectively by providing evidence that you:',
    });
  });

  it('keeps the descriptor, methods and context of assessment', () => {
    expect(unit(U).summary).toMatch(/^Excellent customer service is provided by people who are good with people\./);
    const [critical, methods, context] = unit(U).assessmentGuidance.map((g) => g.text);
    expect(critical).toContain('You will need to show in your evidence that you have worked within the rules, regulations and guidelines of your organisation');
    expect(critical).not.toContain('You also need to show that you have dealt with customers who:');
    expect(methods).toContain('Knowledge and understanding evidence for this unit could include:');
    expect(methods).toContain('Answers to questions given to you by your assessor.');
    expect(context).toContain('in a realistic working environment;');
    expect(context).toContain('Simulation is not allowed for any performance evidence within this unit.');
  });
});

describe('U12902 Deliver reliable customer service', () => {
  const U = 'U12902';
  it('has the elements and criteria', () => {
    expect(unit(U).elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Prepare to deal with your customers'],
      ['2', 'Give consistent service to customers'],
      ['3', 'Check customer service delivery'],
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([4, 5, 3]));
    expect(criterion(U, '1.1')).toBe(
      'Keep your knowledge of products or services offered by your organisation up-to-date using information from your colleagues and organisational literature.',
    );
    expect(criterion(U, '2.1')).toBe('Make realistic commitments to your customers regarding products or services during service delivery.');
    expect(criterion(U, '3.2')).toBe('Identify where you could have given a better service to your customers and how your service could have been improved.');
  });

  it('has the range: the unlettered "Customers who:" coded A, element 3\'s only category B', () => {
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 3], ['2/A', 3], ['2/B', 4], ['3/B', 3]));
    expect(unit(U).range.map((c) => [c.element, c.code, c.title, c.appliesTo])).toEqual([
      ['1', 'A', 'Prepare and arrange:', ['1']],
      ['2', 'A', 'Customers who:', ['2', '3']],
      ['2', 'B', 'Service delivered during:', ['2']],
      ['3', 'B', 'Identify by:', ['3']],
    ]);
    expect(rangeItem(U, '1', 'A', 'ii')).toBe('consumables (wrapping papers, bags etc)');
    expect(rangeItem(U, '2', 'A', 'iii')).toBe('are unhappy with the level of service being provided');
    expect(rangeItem(U, '3', 'B', 'i')).toBe('inviting feedback from colleagues and managers on your performance');
  });

  it('records the range inconsistencies', () => {
    const customersWho = categoryNotes(U, '2', 'A').join('\n');
    expect(customersWho).toMatch(/no letter/);
    expect(customersWho).toMatch(/\(Also applies to unit 3\)/);
    expect(categoryNotes(U, '3', 'B').join('\n')).toMatch(/no category A under element 3/);
  });

  it('has the knowledge, keeping the seed\'s headings as printed', () => {
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(13));
    expect(knowledge(U, '1')?.heading).toBe('Legislations and regulations');
    expect(knowledge(U, '2')?.subItems?.[2]).toEqual({ code: 'c', text: 'equal opportunity' });
    expect(knowledge(U, '5')?.heading).toBe('Productions and services');
    expect(knowledge(U, '9')).toEqual({
      code: '9',
      text: 'What are the organisational procedures and systems for delivering customer service.',
      heading: 'Additional knowledge and understanding for Unit 2',
    });
    expect(knowledge(U, '12')).toEqual({ code: '12', text: 'How would you communicate in a clear, polite confident way and why this is important.', heading: 'Communication' });
    expect(knowledge(U, '13')?.text).toBe('How to deal with persons with diverse backgrounds and abilities (e.g. age, cultural, social and religious backgrounds).');
  });

  it('has the critical aspects a-f', () => {
    expect(leafCodes(U, 'evidence')).toEqual(letters('abcdef'));
    expect(evidence(U, 'a')).toEqual({ code: 'a', text: 'consistently follow the steps of preparing, delivering and checking customer service', heading: 'You must prove that you:' });
    expect(evidence(U, 'e')).toEqual({
      code: 'e',
      text: 'times when people, systems or resources have let you down',
      heading: 'As well as providing routine delivery of customer service, you need to include evidence which relates to:',
    });
  });

  it('keeps the descriptor bullets and the context of assessment', () => {
    expect(unit(U).summary).toContain('- deal with different types of customers under different circumstances');
    const texts = unit(U).assessmentGuidance.map((g) => g.text);
    expect(texts[0]).toBe(
      'CRITICAL ASPECTS OF EVIDENCE\nYour evidence must show that you have applied the knowledge and understanding requirements when you are dealing with your customers',
    );
    expect(texts[2]).toBe(
      'Context of Assessment\nSimulation is not allowed for any performance evidence within this unit. You must supply all the evidence from work you have carried out with customers in your workplace. You must prove that you have delivered high levels of service to customers over a period of time with different customers on different occasions.',
    );
  });
});

describe('U13002 Develop customer relationships', () => {
  const U = 'U13002';
  it('has the elements and criteria', () => {
    expect(unit(U).elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Build customer confidence in the level of service provided'],
      ['2', 'Meet the ongoing needs and expectations of your customers'],
      ['3', 'Develop the relationship between your customers and your organisation'],
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([4, 4, 4]));
    expect(criterion(U, '1.4')).toBe('Reassure your customers that you are doing everything possible to keep the commitments made by your organisation.');
    expect(criterion(U, '2.3')).toBe(
      "Take all reasonable actions to minimise the conflict between your customers' needs and the products or services offered by your organisation.",
    );
    expect(criterion(U, '3.4')).toBe('Identify new ways of helping your customers based on the feedback they have given you.');
  });

  it('has the range', () => {
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 3], ['2/A', 2], ['3/A', 2]));
    expect(unit(U).range.map((c) => c.title)).toEqual(['Communicate:', 'Minimise conflict by:', 'Identify new ways of helping your customers by:']);
    expect(rangeItem(U, '3', 'A', 'ii')).toBe('making an exception to the service you would normally offer');
    expect(categoryNotes(U, '3', 'A').join('\n')).toMatch(/word for word/);
  });

  it('notes the truncated element title in the range statement', () => {
    expect(elementNotes(U, '3').join('\n')).toContain('Element 3: Develop the relationship between your customers"');
  });

  it('has the knowledge, including the continuation page', () => {
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(17));
    expect(knowledge(U, '9')?.heading).toBe('Communications');
    expect(knowledge(U, '11')).toEqual({
      code: '11',
      text: 'How your behaviour will affect the behaviour of your customer.',
      heading: 'Additional knowledge and understanding for Unit 3',
    });
    expect(knowledge(U, '13')?.text).toBe('How to diffuse potentially stressful situations.');
    expect(knowledge(U, '17')?.text).toBe('Who you will need to negotiate with to find a solution.');
  });

  it('has the evidence requirements, the repeated a and b suffixed with notes', () => {
    expect(leafCodes(U, 'evidence')).toEqual(['a', 'b', 'c', 'd', 'a (2nd)', 'b (2nd)']);
    expect(evidence(U, 'a')).toEqual({ code: 'a', text: 'through your own individual efforts', heading: 'You must include evidence that shows how you have achieved this unit:' });
    expect(evidence(U, 'd')?.text).toBe("at your customers' request");
    const second = evidence(U, 'a (2nd)');
    expect(second?.text).toBe('made use of alternative products or services offered by the organisation');
    expect(second?.heading).toBe('To overcome conflict between your customer and your organisation you must show that you have:');
    expect((second?.notes ?? []).join('\n')).toMatch(/letters this item "a"/);
    expect(evidence(U, 'b (2nd)')?.text).toBe('made an exception to the service you would normally offer');
    expect(notesOf(U).join('\n')).toMatch(/2\. Methods of Assessment/);
  });

  it('keeps the methods of assessment prose', () => {
    const methods = unit(U).assessmentGuidance[1]!.text;
    expect(methods).toContain('The communication you have with your customer may be written, verbal or in some other form, e.g. sign language.');
    expect(methods).toContain('- Copies of records which show customers\' loyalty as a result of your own efforts.');
  });
});

describe('U13102 Resolve customer service problems', () => {
  const U = 'U13102';
  it('has the elements and criteria, including the three-column table', () => {
    expect(unit(U).elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Identify customer service problems'],
      ['2', 'Select the best solution to resolve customer service problems'],
      ['3', 'Implement the solution to customer service problems'],
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([5, 5, 6]));
    expect(criterion(U, '1.1')).toBe('Gather and interpret information from your customers about problems they have raised.');
    expect(criterion(U, '1.5')).toBe('Work independently or with others to identify problems with systems and procedures before they begin to affect your customers.');
    expect(criterion(U, '3.4')).toBe('Keep your customers fully informed about what is happening to resolve the problems.');
    expect(criterion(U, '3.6')).toBe('Give clear reasons to your customers when the problem has not been resolved to their satisfaction.');
  });

  it('has the range', () => {
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 5], ['2/A', 5], ['3/A', 5], ['3/B', 2]));
    expect(rangeItem(U, '2', 'A', 'iii')).toBe("problems due to differences between your customers' expectations and what your organisation can offer.");
    expect(rangeItem(U, '3', 'A', 'iii')).toBe("problems due to differences between your customers' expectations and what your organisation can offer");
    expect(rangeItem(U, '3', 'B', 'ii')).toBe('supplying relevant information tactfully when customers have not requested it');
  });

  it('has the knowledge', () => {
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(13));
    expect(knowledge(U, '4')?.text).toBe('What are the contractual agreements, if any, customers have with your organisation.');
    expect(knowledge(U, '10')?.heading).toBe('Additional Knowledge and understanding for Unit 4');
    expect(knowledge(U, '12')?.text).toBe('How to defuse potentially stressful situations.');
    expect(knowledge(U, '13')?.text).toBe('How to negotiate.');
  });

  it('has the critical aspects a-j', () => {
    expect(leafCodes(U, 'evidence')).toEqual(letters('abcdefghij'));
    expect(evidence(U, 'a')?.heading).toBe('Your evidence must include examples of solving problems involving each of the following:');
    expect(evidence(U, 'd')?.text).toBe('problems due to a system or produce failure');
    expect(evidence(U, 'f')).toEqual({
      code: 'f',
      text: 'have made positive efforts to keep your customers informed at all times while problems are being solved',
      heading: 'Your evidence will need to show that you:',
    });
    expect(evidence(U, 'j')?.text).toBe('have made exceptions to usual practice with the agreement of others');
  });

  it('keeps the guidance', () => {
    const [critical, methods] = unit(U).assessmentGuidance.map((g) => g.text);
    expect(critical).toContain('All options you have considered must be based on the existing products or services offered by your organisation.');
    expect(methods).toContain(
      'Occasions when a system or procedure has failed for example, relate to a network failure; computer breakdown; till/credit card machine problems; goods not delivered on time; somebody else has not passed information on.',
    );
  });
});

describe('U00306 Maintain a safe and secure working environment (the longest unit)', () => {
  const U = 'U00306';
  it('has the six elements and their criteria, 1.1-1.6 split from one run-on line', () => {
    expect(unit(U).elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Maintain personal health and hygiene'],
      ['2', 'Carry out procedures in the event of a fire'],
      ['3', 'Dealing with the discovery of suspicious items/packages'],
      ['4', 'Carry out procedures in the event of an accident'],
      ['5', 'Maintain a safe work environment for customers, staff and visitors'],
      ['6', 'Maintain a secure work environment for customers, staff and visitors'],
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([7, 7, 5, 8, 6, 7]));
    expect(criterion(U, '1.1')).toBe('Clean, smart and appropriate clothing is worn.');
    expect(criterion(U, '1.5')).toBe('Illness and infections are reported promptly to the appropriate person.');
    expect(criterion(U, '1.6')).toBe('All work is carried out in accordance with hygiene practices that must be adhered to within the working environment.');
    expect(criterion(U, '1.7')).toBe(
      'All work is carried out in an efficient and organised manner in accordance with appropriate organisational procedures and legal requirements.',
    );
    expect(criterion(U, '4.1')).toBe('In the event of an accident, basic first aid is performed following recommended procedures.');
    expect(criterion(U, '5.2')).toBe(
      'Customers, staff and visitors are made aware of all hazards and potential hazards in accordance the organisaional with procedures.',
    );
    expect(criterion(U, '6.3')).toBe('All establishment storage and security facilities are secured against unauthorized access.');
  });

  it('notes where the element titles disagree', () => {
    const three = elementNotes(U, '3').join('\n');
    expect(three).toContain('5.3 "Deal with the discovery of suspicious items/packages"');
    expect(three).toContain('Element 3: Deal with the discovery of suspicious items/packages');
    expect(elementNotes(U, '6').join('\n')).toContain('Element 6: Maintain a secure environment for customers, staff and visitors');
  });

  it('has the range across the continuation pages', () => {
    expect(leafCodes(U, 'range')).toEqual(
      rangeCodes(
        ['1/A', 1],
        ['2/A', 1],
        ['2/B', 7],
        ['2/C', 3],
        ['3/A', 2],
        ['3/B', 2],
        ['4/A', 1],
        ['4/B', 3],
        ['4/C', 2],
        ['4/D', 2],
        ['4/E', 3],
        ['5/A', 2],
        ['5/C', 3],
        ['6/A', 4],
        ['6/B', 4],
        ['6/C', 3],
        ['6/D', 1],
      ),
    );
    const accidents = unit(U).range.find((c) => c.element === '4' && c.code === 'A');
    expect(accidents?.title).toBe('Accidents:');
    expect(accidents?.appliesTo).toEqual(['4', '5']);
    expect(unit(U).range.find((c) => c.element === '4' && c.code === 'E')?.title).toBe('Regulations');
    expect(rangeItem(U, '2', 'B', 'vii')).toBe('carbon dioxide extinguisher');
    expect(rangeItem(U, '4', 'B', 'iii')).toBe('Heimlich manoeuvre');
    expect(rangeItem(U, '5', 'C', 'i')).toBe(
      'current relevant legislation relating to safe and hygienic working practices when maintaining a safe environment for customers, staff and visitors',
    );
    expect(rangeItem(U, '6', 'D', 'i')).toBe(
      'current relevant legislation relating to safe and hygienic working practices when maintaining a secure environment for customers, staff and visitors.',
    );
    expect(categoryNotes(U, '5', 'C').join('\n')).toMatch(/A and C only/);
  });

  it('has the knowledge 1-29, items 25-27 on the continuation page noted', () => {
    expect(leafCodes(U, 'knowledge')).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)));
    expect(knowledge(U, '1')).toEqual({ code: '1', text: 'Why it is important to comply with health and safety legislation.', heading: 'Health and Safety' });
    expect(knowledge(U, '24')?.text).toBe("What the employee's responsibility is in relation to health and safety regulations.");
    expect(knowledge(U, '25')?.text).toBe('Which keys, property and areas should be secured from unauthorised access at all times.');
    expect(knowledge(U, '25')?.heading).toBe('Health and Safety');
    expect((knowledge(U, '25')?.notes ?? []).join('\n')).toMatch(/continued/);
    expect(knowledge(U, '29')).toEqual({
      code: '29',
      text: 'Why it is important to report all unusual/non-routine incidents to the appropriate person.',
      heading: 'Communication',
    });
  });

  it('has no lettered evidence requirements; the evidence guide is kept as guidance with notes', () => {
    expect(unit(U).evidenceRequirements).toEqual([]);
    const [critical, , context] = unit(U).assessmentGuidance.map((g) => g.text);
    expect(critical).toContain('Performance evidence is also required for performance criteria 2 and 3 of Element 5. 6 showing evidence of dealing with at least one type of security risk;');
    expect(critical).toContain('Underpinning knowledge must be assessed using questioning which may be oral, written or using visual aids.');
    expect(context).toBe(
      'Context of Assessment\nEvidence of competence should be demonstrated totally through performance evidence if possible.\nSimulation may be used to provide performance evidence for Elements 5.2, 5.3 and 5.4.\nAt a minimum, performance evidence must be provided to cover performance criteria 1-3 of Element',
    );
    const notes = notesOf(U).join('\n');
    expect(notes).toMatch(/no lettered items/);
    expect(notes).toMatch(/Element 5\. 6/);
    expect(notes).toMatch(/ends mid-sentence/);
    expect(notes).toMatch(/Simulation is recorded as "allowed", but only in part/);
  });

  it('keeps the descriptor with its bullets', () => {
    expect(unit(U).summary).toBe(
      'This unit describes the competence required to contribute to maintaining a safe and secure working environment.\nThe unit addresses the essential abilities of:\n- Communicating effectively\n- Working in a safe and hygienic manner\n- Problem solving\n- Keeping records\n- Operating within organisational procedures\n- Meeting legal requirements',
    );
  });
});

describe('U13202 Support customer service improvements', () => {
  const U = 'U13202';
  it('has the two elements of the unit page, the structure table\'s three noted', () => {
    expect(unit(U).elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Use feedback to identify potential customer service improvements'],
      ['2', 'Contribute to the implementation and evaluation of changes in customer service'],
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([5, 7]));
    expect(criterion(U, '1.4')).toBe('Identify ways the service you give your customers could be improved based on the information you have gathered.');
    expect(criterion(U, '1.5')).toBe('Discuss your ideas for improving customer service with others and make recommendations.');
    expect(criterion(U, '2.7')).toBe('Work positively with others to support the changes made by your organisation.');
    const notes = notesOf(U).join('\n');
    expect(notes).toContain('6.2 "Contribute to the implementation of changes in customer service"');
    expect(notes).toContain('6.3 "Assist with the evaluation of changes in customer service"');
  });

  it('has the range, knowledge and evidence requirements', () => {
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 2], ['2/A', 3]));
    expect(rangeItem(U, '2', 'A', 'iii')).toBe('changes in the ways in which you and your colleagues behave when delivering products or services');
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(12));
    expect(knowledge(U, '11')).toEqual({
      code: '11',
      text: 'How customer feedback from customers is obtained.',
      heading: 'Additional knowledge and understanding you need for unit 6',
    });
    expect(leafCodes(U, 'evidence')).toEqual(letters('abcdefg'));
    expect(evidence(U, 'a')?.text).toBe('have supported improvements to customer service over a period of time.');
    expect(evidence(U, 'c')).toEqual({
      code: 'c',
      text: 'collecting customer feedback and linking it to change',
      heading:
        'Your evidence is likely to result from two or three changes with which you have been actively involved. In each case you must be able to identify the part you played in:',
    });
    expect(evidence(U, 'g')).toEqual({ code: 'g', text: 'how your customers have reacted to the changes', heading: 'Your evidence will also need to show:' });
  });
});

describe('U13302 Develop personal performance through delivering customer service', () => {
  const U = 'U13302';
  it('has the elements, range, knowledge and evidence requirements', () => {
    expect(unit(U).elements.map((e) => e.title)).toEqual([
      'Review performance in your customer service role',
      'Prepare a personal development plan and keep it up to date',
      'Undertake development activities and obtain feedback on your customer service performance',
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([4, 4, 4]));
    expect(criterion(U, '1.3')).toBe('Review the impact of your own behaviour in customer service situation.');
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 4], ['2/A', 4]));
    expect(unit(U).range[0]!.title).toBe('Appropriate person:');
    expect(unit(U).range[0]!.appliesTo).toEqual(['1', '2', '3']);
    expect(rangeItem(U, '1', 'A', 'iv')).toBe('someone from your training/personnel department');
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(17));
    expect(knowledge(U, '10')).toEqual({
      code: '10',
      text: 'Organisational systems and procedures for developing your personal performance in customer service.',
      heading: 'Communication',
    });
    expect(knowledge(U, '12')?.heading).toBe('Additional knowledge and understanding you will need for Unit 7');
    expect(leafCodes(U, 'evidence')).toEqual(letters('abcd'));
    expect(evidence(U, 'd')).toEqual({
      code: 'd',
      text: 'opportunities for learning on the job',
      heading: 'You must prove that you have constructed your personal development plan taking account of:',
    });
    expect(notesOf(U).join('\n')).toMatch(/does not mention simulation/);
  });
});

describe('U13402 Promote additional products or services to customers', () => {
  const U = 'U13402';
  it('has the elements, range, knowledge and evidence requirements', () => {
    expect(unit(U).elements.map((e) => e.title)).toEqual([
      'Identify additional products or services that are available',
      'Inform customers about additional products or services',
      'Gain customer commitment to using additional products or services',
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([4, 4, 5]));
    expect(criterion(U, '2.1')).toBe('Choose the most appropriate time to inform your customers about additional products or services .');
    expect(criterion(U, '3.5')).toBe(
      'Refer your customers to others or to alternative sources of information if the additional products or services are not ones you are responsible to deal with.',
    );
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 2], ['2/A', 2]));
    expect(unit(U).range.map((c) => [c.title, c.appliesTo])).toEqual([
      ['Additional products or services:', ['1', '2', '3']],
      ['Information:', ['2']],
    ]);
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(15));
    expect(knowledge(U, '14')?.text).toBe(
      'How would you introduce additional products or services to customers outlining their benefits, overcoming reservations and agreeing to provide the additional products or services.',
    );
    expect(leafCodes(U, 'evidence')).toEqual(letters('abcde'));
    expect(evidence(U, 'a')).toEqual({
      code: 'a',
      text: 'use of products or services which are new to your customer',
      heading: 'The additional products or services you offer must include:',
    });
    expect(evidence(U, 'e')?.text).toBe(
      'identify what your customer wants by seeking information directly and by collecting information from spontaneous customer comments',
    );
  });
});

describe('U13502 Process customer service information (the last unit)', () => {
  const U = 'U13502';
  it('has the elements of the unit page, 1.5 in element 1 although printed after element 2\'s heading', () => {
    expect(unit(U).elements.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Collect, update and store customer service information'],
      ['2', 'Select, retrieve and supply customer service information'],
    ]);
    expect(leafCodes(U, 'criterion')).toEqual(criteriaFromCounts([5, 7]));
    expect(criterion(U, '1.2')).toBe('Update existing customer service information with additional information received from your customers.');
    expect(criterion(U, '1.4')).toBe('Confirm the accuracy of information with your customers before it is recorded.');
    expect(criterion(U, '1.5')).toBe('Store customer service information where it is accessible to those who need it.');
    expect(criterion(U, '2.3')).toBe('Retrieve customer service information in accordance with organisational guidelines, accuracy, format and confidentiality.');
    expect(elementNotes(U, '1').join('\n')).toMatch(/Criterion 1\.5 is printed after the heading of element 2/);
    const notes = notesOf(U).join('\n');
    expect(notes).toContain('9.1 "Collect customer service information"');
    expect(notes).toContain('9.3 "Supply customer service information"');
  });

  it('has the range, knowledge and evidence requirements', () => {
    expect(leafCodes(U, 'range')).toEqual(rangeCodes(['1/A', 2], ['2/A', 2], ['2/B', 4]));
    expect(rangeItem(U, '1', 'A', 'ii')).toBe('customers whose records need updating');
    expect(rangeItem(U, '2', 'B', 'iv')).toBe('using images');
    expect(leafCodes(U, 'knowledge')).toEqual(knowledgeCodes(13));
    expect(knowledge(U, '13')).toEqual({
      code: '13',
      text: 'Why does processing customer information correctly make an important contribution to effective customer service.',
      heading: 'Additional knowledge and understanding you need for unit 9',
    });
    expect(leafCodes(U, 'evidence')).toEqual(letters('abcd'));
    expect(evidence(U, 'b')).toEqual({ code: 'b', text: 'others', heading: 'You must show that you have processed information for:' });
    expect(evidence(U, 'd')?.text).toBe('selected from a variety of information the parts that apply directly to each of your customers.');
    expect(unit(U).assessmentGuidance[2]!.text).toContain(
      'Organisations use different methods to store information including manual files and computerized storage.',
    );
  });
});

describe('CVQ Customer Service Level 2: totals', () => {
  it('has every item of the seed', () => {
    const count = (kind: ItemKind) => q.units.reduce((n, u) => n + unitItems(u).filter((i) => i.kind === kind).length, 0);
    // Criteria: 16 + 12 + 12 + 16 + 40 + 12 + 12 + 13 + 12
    expect(count('criterion')).toBe(145);
    // Range: 14 + 13 + 7 + 17 + 44 + 5 + 8 + 4 + 8
    expect(count('range')).toBe(120);
    // Knowledge leaves (item 2 counts a-d): 16 + 16 + 20 + 16 + 29 + 15 + 20 + 18 + 16
    expect(count('knowledge')).toBe(166);
    // Evidence requirements: 13 + 6 + 6 + 10 + 0 + 7 + 4 + 5 + 4
    expect(count('evidence')).toBe(55);
  });
});
