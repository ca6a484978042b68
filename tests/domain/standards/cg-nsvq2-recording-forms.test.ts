/*
 * Checks the transcription of seed 004 (City & Guilds unit recording forms, Level 2 N/SVQ in Customer
 * Service). Every expected value below was typed by hand from the seed text, not copied from the
 * importer's output.
 */
import data from '../../../src/domain/standards/data/cg-nsvq2-recording-forms.json';
import { qualificationSchema, type Unit } from '../../../src/domain/standards/schema';
import { unitItems, type ItemKind } from '../../../src/domain/standards/itemCodes';

const q = qualificationSchema.parse(data);

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

function criterionText(u: Unit, code: string): string | undefined {
  for (const e of u.elements) {
    const c = e.criteria.find((x) => x.code === code);
    if (c) return c.text;
  }
  return undefined;
}

/** "101", [6, 7] -> 101.1.1..101.1.6, 101.2.1..101.2.7 (counts read from the seed). */
function seq(unitCode: string, perElement: number[]): string[] {
  return perElement.flatMap((n, e) => Array.from({ length: n }, (_, c) => `${unitCode}.${e + 1}.${c + 1}`));
}

const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i));

/** Evidence requirement leaf codes from a compact spec: "1 2 3 4abcd 5ab" -> 1,2,3,4a,4b,4c,4d,5a,5b. */
function er(spec: string): string[] {
  return spec.split(' ').flatMap((p) => {
    const m = /^(\d+)([a-z]*)$/.exec(p)!;
    return m[2] ? [...m[2]].map((l) => `${m[1]}${l}`) : [m[1]!];
  });
}

// Per unit, as read from the seed: title, criteria per element, number of U/K letter columns,
// evidence requirement columns (numbers from the first heading row, sub-letters from the second).
const EXPECTED: { code: string; title: string; perElement: number[]; uk: number; er: string }[] = [
  { code: '101', title: 'Prepare yourself to deliver good customer service', perElement: [6, 7], uk: 15, er: '1 2 3 4 5 6' },
  { code: '105', title: 'Provide customer service within the rules', perElement: [4, 4], uk: 14, er: '1 2 3 4abcd 5ab 6abc 7' },
  { code: '201', title: 'Give customers a positive impression of yourself and your organisation', perElement: [7, 5, 4], uk: 5, er: '1 2 3 4abcd 5abc 6 7 8ab' },
  { code: '202', title: 'Promote additional services or products to customers', perElement: [4, 4, 4], uk: 6, er: '1 2 3 4ab 5abcd 6' },
  { code: '203', title: 'Process customer service information', perElement: [3, 2, 3], uk: 6, er: '1 2 3 4 5 6ab 7ab 8' },
  { code: '204', title: 'Live up to the customer service promise', perElement: [7, 5], uk: 5, er: '1 2 3 4 5ab 6ab 7ab' },
  { code: '205', title: 'Make customer service personal', perElement: [7, 6], uk: 7, er: '1 2 3 4abc 5ab 6ab' },
  { code: '206', title: 'Go the extra mile in customer service', perElement: [5, 5, 5], uk: 7, er: '1 2 3 4abcd 5ab 6ab 7ab' },
  { code: '207', title: 'Deal with customer in writing or using ICT', perElement: [5, 7, 5], uk: 8, er: '1 2 3 4abcd 5ab 6ab 7ab' },
  { code: '208', title: 'Deal with customers face-to-face', perElement: [8, 6], uk: 9, er: '1 2 3 4abcd 5ab 6abcd 7ab' },
  { code: '209', title: 'Deal with customer by telephone', perElement: [6, 8, 8], uk: 10, er: '1 2 3 4abcd 5ab 6abcd 7ab 8' },
  { code: '210', title: 'Deliver reliable customer service', perElement: [3, 6, 3], uk: 4, er: '1 2 3 4ab 5abcd 6' },
  { code: '211', title: 'Deliver customer service on your customer premises', perElement: [9, 10], uk: 4, er: '1 2 3 4abcd 5ab 6ab 7ab' },
  { code: '212', title: 'Recognise diversity when delivering customer service', perElement: [6, 4], uk: 9, er: '1 2 3 4abc 5abcdefghijkl 6ab' },
  { code: '106', title: 'Recognise and deal with customer queries, requests and problems', perElement: [4, 7], uk: 10, er: '1 2 3 4ab 5abc 6abc 7abc' },
  { code: '213', title: 'Resolve customer service problems', perElement: [5, 5, 6], uk: 4, er: '1 2 3 4abcde 5abcd' },
  { code: '214', title: 'Develop customer relationships', perElement: [3, 3, 5], uk: 9, er: '1 2 3 4ab 5 6ab 7abc' },
  { code: '215', title: 'Support customer service improvements', perElement: [5, 6, 2], uk: 4, er: '1 2 3 4ab 5abc 6ab 7' },
  { code: '216', title: 'Develop personal performance through delivering customer service', perElement: [3, 4, 4], uk: 8, er: '1 2 3 4 5ab 6abcd 7' },
];

describe('cg-nsvq2-recording-forms: qualification', () => {
  it('parses with the schema', () => {
    expect(qualificationSchema.safeParse(data).success).toBe(true);
  });

  it('has the identity the document gives (title only, no number)', () => {
    expect(q.id).toBe('cg-nsvq2-recording-forms');
    expect(q.title).toBe('Level 2 N/SVQ in Customer Service (unit recording forms)');
    expect(q.awardingBody).toBe('City & Guilds');
    expect(q.framework).toBe('NVQ');
    expect(q.level).toBe(2);
    expect(q.scqfLevel).toBeNull();
    expect(q.identifiers).toEqual([{ scheme: 'title', value: 'Level 2 N/SVQ in Customer Service' }]);
    expect(q.glh).toBeNull();
    expect(q.tqt).toBeNull();
    expect(q.minimumCredits).toBeNull();
    expect(q.source.document).toBe('004_e544539dd1d23242.txt');
  });

  it('has no groups and no rules of combination (the document gives none), and says so', () => {
    expect(q.groups).toEqual([]);
    expect(q.rules).toEqual([]);
    const notes = (q.notes ?? []).join('\n');
    expect(notes).toMatch(/no structure table, no unit groups and no rules of combination/);
    expect(notes).toMatch(/cannot be checked/);
    expect(notes).toMatch(/prints no qualification number/);
  });

  it('records the U/K / evidence-requirement column reading, the unit order and the null levels', () => {
    const notes = (q.notes ?? []).join('\n');
    expect(notes).toMatch(/letter columns a, b, c, \.\.\. printed first, under "U\/K", are the knowledge and understanding items/);
    expect(notes).toMatch(/assigned by column position/);
    expect(notes).toMatch(/Unit 106 form comes after Unit 212/);
    expect(notes).toMatch(/first digit of a unit number .* is not a printed level/);
  });

  it('lists the 19 unit forms in printed order (106 after 212)', () => {
    expect(q.units.map((u) => u.code)).toEqual(EXPECTED.map((e) => e.code));
    expect(q.units.map((u) => u.code)).toEqual([
      '101', '105', '201', '202', '203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '106', '213', '214', '215', '216',
    ]);
  });
});

describe('cg-nsvq2-recording-forms: every unit', () => {
  it.each(EXPECTED)('unit $code: codes, title, no level/credit/GLH, detailed', (e) => {
    const u = unit(e.code);
    expect(u.codes).toEqual([{ scheme: 'unit number', code: e.code }]);
    expect(u.title).toBe(e.title);
    expect(u.level).toBeNull();
    expect(u.scqfLevel).toBeNull();
    expect(u.credit).toBeNull();
    expect(u.glh).toBeNull();
    expect(u.detailed).toBe(true);
    expect(u.elementKind).toBe('element');
    expect(u.simulation).toBe('not stated');
    expect(u.range).toEqual([]);
    expect(u.assessmentGuidance).toEqual([]);
  });

  it.each(EXPECTED.filter((e) => e.code !== '202'))('unit $code: criterion codes by element', (e) => {
    const u = unit(e.code);
    expect(codes(u, 'criterion')).toEqual(seq(e.code, e.perElement));
    expect(u.elements.map((x) => x.code)).toEqual(e.perElement.map((_, i) => `${e.code}.${i + 1}`));
    expect(u.elements.every((x) => x.title === undefined)).toBe(true);
  });

  it.each(EXPECTED)('unit $code: U/K codes (letters, no text) and evidence requirement codes', (e) => {
    const u = unit(e.code);
    expect(codes(u, 'knowledge')).toEqual(letters(e.uk));
    expect(codes(u, 'evidence')).toEqual(er(e.er));
    expect(u.knowledge.every((k) => k.text === undefined && k.subItems === undefined)).toBe(true);
    expect(u.evidenceRequirements.every((k) => k.text === undefined)).toBe(true);
  });

  it.each(EXPECTED.filter((e) => /[a-z]/.test(e.er)))('unit $code: notes how the ER sub-columns were assigned', (e) => {
    const u = unit(e.code);
    const parents = e.er.split(' ').filter((p) => /[a-z]/.test(p)).map((p) => p.replace(/[a-z]+/, ''));
    const note = (u.notes ?? []).find((n) => n.startsWith('Column headings:'));
    expect(note).toContain(`assigned to evidence requirements ${parents.join(', ')} by column position`);
    for (const p of u.evidenceRequirements.filter((x) => x.subItems)) {
      expect(p.notes?.[0]).toMatch(new RegExp(`without their parent number; assigned to evidence requirement ${p.code} by column position`));
    }
  });

  it('totals: 254 criteria, 144 U/K items, 129 evidence requirements with 232 leaf columns', () => {
    const all = (k: ItemKind) => q.units.reduce((n, u) => n + codes(u, k).length, 0);
    expect(all('criterion')).toBe(254);
    expect(all('knowledge')).toBe(144);
    expect(all('evidence')).toBe(232);
    expect(q.units.reduce((n, u) => n + u.evidenceRequirements.length, 0)).toBe(129);
  });
});

describe('cg-nsvq2-recording-forms: detailed units, exact lists', () => {
  it('unit 101 (first): criteria, U/K a-o, ER 1-6 without sub-columns', () => {
    const u = unit('101');
    expect(codes(u, 'criterion')).toEqual([
      '101.1.1', '101.1.2', '101.1.3', '101.1.4', '101.1.5', '101.1.6',
      '101.2.1', '101.2.2', '101.2.3', '101.2.4', '101.2.5', '101.2.6', '101.2.7',
    ]);
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o']);
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(u.evidenceRequirements.every((p) => p.subItems === undefined)).toBe(true);
    expect(criterionText(u, '101.1.1')).toBe('explain what your organisation does and the types of customers it has');
    expect(criterionText(u, '101.1.2')).toBe('describe who’s who and who does what to provide customer service');
    // first row of the continuation page
    expect(criterionText(u, '101.2.6')).toBe('explain how you keep information about products or services updated');
  });

  it('unit 105 (title printed on its own line): U/K a-n and ER 1-7 with 4a-d, 5a-b, 6a-c', () => {
    const u = unit('105');
    expect(codes(u, 'criterion')).toEqual(['105.1.1', '105.1.2', '105.1.3', '105.1.4', '105.2.1', '105.2.2', '105.2.3', '105.2.4']);
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n']);
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4a', '4b', '4c', '4d', '5a', '5b', '6a', '6b', '6c', '7']);
    expect(u.evidenceRequirements.map((p) => p.code)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(criterionText(u, '105.2.4')).toBe(
      'work in a way that shows you are aware of the main regulations that apply to your job and the things you must not do',
    );
  });

  it('unit 201: ER 1-8 with 4a-d, 5a-c, 8a-b; criteria across the two pages', () => {
    const u = unit('201');
    expect(codes(u, 'criterion')).toEqual([
      '201.1.1', '201.1.2', '201.1.3', '201.1.4', '201.1.5', '201.1.6', '201.1.7',
      '201.2.1', '201.2.2', '201.2.3', '201.2.4', '201.2.5',
      '201.3.1', '201.3.2', '201.3.3', '201.3.4',
    ]);
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4a', '4b', '4c', '4d', '5a', '5b', '5c', '6', '7', '8a', '8b']);
    expect(criterionText(u, '201.2.3')).toBe('respond promptly and positively to your customers’ questions and comments');
    expect(criterionText(u, '201.3.4')).toBe('explain clearly to your customers any reasons why their needs or expectations cannot be met');
  });

  it('unit 202: the row printed 203.3.5 is kept with its printed code, in element 202.3, with notes', () => {
    const u = unit('202');
    expect(codes(u, 'criterion')).toEqual([
      '202.1.1', '202.1.2', '202.1.3', '202.1.4',
      '202.2.1', '202.2.2', '202.2.3', '202.2.4',
      '202.3.1', '202.3.2', '202.3.3', '202.3.4', '203.3.5',
    ]);
    expect(u.elements.map((e) => e.code)).toEqual(['202.1', '202.2', '202.3']);
    const e3 = u.elements[2]!;
    const stray = e3.criteria[4]!;
    expect(stray.code).toBe('203.3.5');
    expect(stray.text).toBe(
      'refer your customer to others or to alternative sources of information if the additional services or products are not your responsibility',
    );
    expect(stray.notes?.[0]).toMatch(/Printed as 203\.3\.5 on the Unit 202 form.*evidently 202\.3\.5/);
    expect((u.notes ?? []).some((n) => /prints its last standards row as "203\.3\.5/.test(n))).toBe(true);
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4a', '4b', '5a', '5b', '5c', '5d', '6']);
    // unit 203 is untouched by it
    expect(codes(unit('203'), 'criterion')).toEqual([
      '203.1.1', '203.1.2', '203.1.3', '203.2.1', '203.2.2', '203.3.1', '203.3.2', '203.3.3',
    ]);
  });

  it('unit 205: trailing space trimmed, curly quotes kept', () => {
    const u = unit('205');
    expect(criterionText(u, '205.2.1')).toBe('greet and deal with your customer in a way that respects them as an individual');
    expect(criterionText(u, '205.2.6')).toBe(
      'concentrate on building a ‘one to one’ relationship with your customer by making them feel valued and respected',
    );
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4a', '4b', '4c', '5a', '5b', '6a', '6b']);
  });

  it('unit 206: typo "y our" and final full stop kept as printed, noted', () => {
    const u = unit('206');
    expect(criterionText(u, '206.3.4')).toBe('note and pass on positive feedback from y our customer about your actions');
    const c = u.elements[2]!.criteria[3]!;
    expect(c.notes).toEqual(['Printed "y our customer" (a typing slip in the seed); kept as printed.']);
    expect(criterionText(u, '206.3.5')).toBe(
      'suggest that an extra mile action becomes routine if you have seen it work several times and it could be accommodated within the service offer.',
    );
    expect(criterionText(u, '206.3.3')).toBe(
      'monitor the effects of your added value actions to ensure that the service is given to your other customers is not affected unreasonably',
    );
  });

  it('unit 207: capital "Anticipate" kept; "contract" kept', () => {
    const u = unit('207');
    expect(criterionText(u, '207.2.1')).toBe('Anticipate your customer’s expectations taking account of any previous exchanges you may have had');
    expect(criterionText(u, '207.3.2')).toBe('identify what they are seeking as the outcome of the contract');
  });

  it('unit 209 (longest, three pages): all criteria, U/K a-j, ER with 4a-d 5a-b 6a-d 7a-b and 8', () => {
    const u = unit('209');
    expect(codes(u, 'criterion')).toEqual([
      '209.1.1', '209.1.2', '209.1.3', '209.1.4', '209.1.5', '209.1.6',
      '209.2.1', '209.2.2', '209.2.3', '209.2.4', '209.2.5', '209.2.6', '209.2.7', '209.2.8',
      '209.3.1', '209.3.2', '209.3.3', '209.3.4', '209.3.5', '209.3.6', '209.3.7', '209.3.8',
    ]);
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    expect(codes(u, 'evidence')).toEqual([
      '1', '2', '3', '4a', '4b', '4c', '4d', '5a', '5b', '6a', '6b', '6c', '6d', '7a', '7b', '8',
    ]);
    // double space in the seed collapsed
    expect(criterionText(u, '209.2.1')).toBe(
      'anticipate your customer’s expectations and assemble all the information you might need before your conversation with your customer',
    );
    expect(criterionText(u, '209.2.7')).toBe('summarise the outcome of the call and any actions that you or your customer will take as a result');
    expect(criterionText(u, '209.3.5')).toBe('summarise the outcome of the call and any actions that you or your customer will take as a result');
    expect((u.notes ?? []).some((n) => /same text for 209\.2\.7 and 209\.3\.5/.test(n))).toBe(true);
    expect(criterionText(u, '209.3.8')).toBe(
      'put your customer on hold and ensure you cannot be heard if you are discussing action with others or calling a colleague',
    );
  });

  it('unit 210: repeated text of 210.2.5 / 210.2.6 kept and noted', () => {
    const u = unit('210');
    const t = 'keep your customer informed if delivery of the service needs to involve passing them on to another person or organisation';
    expect(criterionText(u, '210.2.5')).toBe(t);
    expect(criterionText(u, '210.2.6')).toBe(t);
    expect((u.notes ?? []).some((n) => /same text for 210\.2\.5 and 210\.2\.6/.test(n))).toBe(true);
  });

  it('unit 211 (most criteria in one element): 211.2.10, the row run into the next heading', () => {
    const u = unit('211');
    expect(codes(u, 'criterion')).toEqual([
      '211.1.1', '211.1.2', '211.1.3', '211.1.4', '211.1.5', '211.1.6', '211.1.7', '211.1.8', '211.1.9',
      '211.2.1', '211.2.2', '211.2.3', '211.2.4', '211.2.5', '211.2.6', '211.2.7', '211.2.8', '211.2.9', '211.2.10',
    ]);
    expect(criterionText(u, '211.2.10')).toBe('ensure that your customer has the appropriate details to contact your organisation if they need to');
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd']);
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4a', '4b', '4c', '4d', '5a', '5b', '6a', '6b', '7a', '7b']);
  });

  it('unit 212 (widest grid): ER 5 has sub-columns a-l', () => {
    const u = unit('212');
    expect(codes(u, 'criterion')).toEqual([
      '212.1.1', '212.1.2', '212.1.3', '212.1.4', '212.1.5', '212.1.6', '212.2.1', '212.2.2', '212.2.3', '212.2.4',
    ]);
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    expect(codes(u, 'evidence')).toEqual([
      '1', '2', '3', '4a', '4b', '4c',
      '5a', '5b', '5c', '5d', '5e', '5f', '5g', '5h', '5i', '5j', '5k', '5l',
      '6a', '6b',
    ]);
    expect(criterionText(u, '212.2.4')).toBe(
      'work with colleagues to identify consistent approaches that team members should adopt when dealing with particular groups',
    );
  });

  it('unit 106 (printed after 212)', () => {
    const u = unit('106');
    expect(codes(u, 'criterion')).toEqual([
      '106.1.1', '106.1.2', '106.1.3', '106.1.4',
      '106.2.1', '106.2.2', '106.2.3', '106.2.4', '106.2.5', '106.2.6', '106.2.7',
    ]);
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4a', '4b', '5a', '5b', '5c', '6a', '6b', '6c', '7a', '7b', '7c']);
    expect(criterionText(u, '106.1.3')).toBe('obtain help from a colleague if you are not able to deal with your customer’s request');
    expect(criterionText(u, '106.2.2')).toBe('do not say or do anything which may make the problem worse');
  });

  it('unit 214: ER 5 has no sub-columns between 4a-b and 6a-b', () => {
    const u = unit('214');
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4a', '4b', '5', '6a', '6b', '7a', '7b', '7c']);
    expect(criterionText(u, '214.3.5')).toBe('identify extra added-value that your organisation could offer to long-term customers');
  });

  it('unit 216 (last): criteria, ER 1-7 with 5a-b and 6a-d, typo "o establish" kept', () => {
    const u = unit('216');
    expect(codes(u, 'criterion')).toEqual([
      '216.1.1', '216.1.2', '216.1.3',
      '216.2.1', '216.2.2', '216.2.3', '216.2.4',
      '216.3.1', '216.3.2', '216.3.3', '216.3.4',
    ]);
    expect(codes(u, 'knowledge')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(codes(u, 'evidence')).toEqual(['1', '2', '3', '4', '5a', '5b', '6a', '6b', '6c', '6d', '7']);
    expect(criterionText(u, '216.1.1')).toBe(
      'work with an appropriate person o establish what you need to know, understand and be able to do to work effectively in your customer service role',
    );
    expect(u.elements[0]!.criteria[0]!.notes).toEqual(['Printed "person o establish" (a typing slip in the seed); kept as printed.']);
    expect(criterionText(u, '216.3.4')).toBe('review and update your customer service personal development plan');
  });

  it('every unit form has a unit note on its column headings', () => {
    for (const u of q.units) {
      expect((u.notes ?? []).filter((n) => n.startsWith('Column headings:'))).toHaveLength(1);
    }
  });
});
