/*
 * Hand corrections for the City & Guilds unit recording forms seed
 * (004_e544539dd1d23242.txt, "Appendix 1 Unit recording forms" of a Level 2 N/SVQ in Customer
 * Service handbook). Applied by scripts/import/cityGuildsForms.ts after parsing, in list order.
 *
 * Only two kinds live here:
 *  - corrections that change where or how the seed's text is placed (each adds a note to the data);
 *  - annotations: seed inconsistencies that are kept exactly as printed, recorded as notes.
 * Everything the parser can read from the layout itself (including which evidence-requirement
 * numbers the lettered sub-columns belong to) is done, and noted, by the importer.
 */
import type { Qualification, Unit } from '../../../src/domain/standards/schema';

export interface Correction {
  /** Short stable name (shown if the correction no longer applies). */
  name: string;
  /** What the seed says, and what we do about it. */
  description: string;
  apply(q: Qualification): void;
}

function unit(q: Qualification, code: string): Unit {
  const u = q.units.find((x) => x.code === code);
  if (!u) throw new Error(`correction: unit ${code} not found`);
  return u;
}

function addNote<T extends { notes?: string[] }>(target: T, note: string): void {
  target.notes = [...(target.notes ?? []), note];
}

function criterion(u: Unit, code: string) {
  for (const e of u.elements) {
    const c = e.criteria.find((x) => x.code === code);
    if (c) return { element: e, criterion: c };
  }
  throw new Error(`correction: criterion ${code} not found in unit ${u.code}`);
}

export const cityGuildsFormsCorrections: Correction[] = [
  {
    name: 'unit-202-criterion-printed-as-203.3.5',
    description:
      "Unit 202's form (second page, after 202.3.4) prints a row numbered 203.3.5 \"refer your customer to others ...\". " +
      'It is a row of the Unit 202 form (Unit 203 has no 203.3.5: its element 3 ends at 203.3.3), so it belongs to ' +
      'element 202.3. The code is kept exactly as printed (203.3.5); the row is placed in element 202.3 instead of a ' +
      'stray element "203.3" of unit 202, and the unit and the criterion carry a note.',
    apply(q) {
      const u = unit(q, '202');
      const { element: stray, criterion: c } = criterion(u, '203.3.5');
      if (stray.code !== '203.3') throw new Error('correction: 203.3.5 is no longer in a stray element 203.3');
      const target = u.elements.find((e) => e.code === '202.3');
      if (!target) throw new Error('correction: element 202.3 not found');
      stray.criteria = stray.criteria.filter((x) => x !== c);
      if (stray.criteria.length === 0) u.elements = u.elements.filter((e) => e !== stray);
      target.criteria.push(c);
      addNote(
        c,
        'Printed as 203.3.5 on the Unit 202 form, directly after 202.3.4; evidently 202.3.5. Code kept as printed; placed in element 202.3.',
      );
      addNote(
        u,
        'The Unit 202 form prints its last standards row as "203.3.5 refer your customer to others or to alternative sources of information if the additional services or products are not your responsibility" (after 202.3.4). Kept with the printed code 203.3.5, in element 202.3; there is no criterion printed as 202.3.5.',
      );
    },
  },
  {
    name: 'unit-209-repeated-criterion-text',
    description: 'Annotation only: 209.2.7 and 209.3.5 print the same words. Both kept as printed.',
    apply(q) {
      const u = unit(q, '209');
      const a = criterion(u, '209.2.7').criterion;
      const b = criterion(u, '209.3.5').criterion;
      if (a.text !== b.text) throw new Error('correction: 209.2.7 and 209.3.5 no longer have the same text');
      addNote(
        u,
        'The form prints the same text for 209.2.7 and 209.3.5 ("summarise the outcome of the call and any actions that you or your customer will take as a result"). Both kept as printed.',
      );
    },
  },
  {
    name: 'unit-210-repeated-criterion-text',
    description: 'Annotation only: 210.2.5 and 210.2.6 print the same words (probably a copy error in the original). Both kept as printed.',
    apply(q) {
      const u = unit(q, '210');
      const a = criterion(u, '210.2.5').criterion;
      const b = criterion(u, '210.2.6').criterion;
      if (a.text !== b.text) throw new Error('correction: 210.2.5 and 210.2.6 no longer have the same text');
      addNote(
        u,
        'The form prints the same text for 210.2.5 and 210.2.6 ("keep your customer informed if delivery of the service needs to involve passing them on to another person or organisation"). Both kept as printed; the seed gives no other wording for either.',
      );
    },
  },
  {
    name: 'typos-kept-as-printed',
    description:
      'Annotation only: two criteria carry evident typing slips in the seed ("y our", "o establish"). ' +
      'Kept exactly as printed (the brief keeps typos), with a note on the criterion so nobody "fixes" them silently.',
    apply(q) {
      const slips: [string, string, string][] = [
        ['206', '206.3.4', 'y our customer'],
        ['216', '216.1.1', 'person o establish'],
      ];
      for (const [u, code, words] of slips) {
        const c = criterion(unit(q, u), code).criterion;
        if (!c.text?.includes(words)) throw new Error(`correction: ${code} no longer contains "${words}"`);
        addNote(c, `Printed "${words}" (a typing slip in the seed); kept as printed.`);
      }
    },
  },
];

export function applyCityGuildsFormsCorrections(q: Qualification): Qualification {
  for (const c of cityGuildsFormsCorrections) c.apply(q);
  return q;
}
