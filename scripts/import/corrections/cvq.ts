/*
 * Hand corrections for the CVQ Customer Service Level 2 (CCA010-02) seed, applied after parsing
 * (scripts/import/cvq.ts). Each is named and says why. Every one that departs from what the seed prints
 * (a code the seed does not print, an interpretation) records a note in the data; the note-only entries
 * record seed inconsistencies that the data keeps as printed.
 *
 * Each correction first checks that the parse still looks the way it was written against, and throws
 * otherwise, so that a changed parser or seed cannot make a correction silently hit the wrong item.
 */
import type { ParentItem, Qualification, RangeCategory, Unit } from '../../../src/domain/standards/schema';

export interface Correction {
  name: string;
  /** Why the correction is needed, in terms of the seed. */
  why: string;
  apply(q: Qualification): void;
}

function fail(correction: string, message: string): never {
  throw new Error(`cvq correction ${correction}: ${message}`);
}

function unitOf(q: Qualification, code: string, correction: string): Unit {
  return q.units.find((u) => u.code === code) ?? fail(correction, `no unit ${code}`);
}

function categoryOf(unit: Unit, element: string, code: string, correction: string, title?: string): RangeCategory {
  const cat =
    unit.range.find((c) => c.element === element && c.code === code && (title === undefined || c.title === title)) ??
    fail(correction, `unit ${unit.code}: no range category ${element}/${code}${title ? ` "${title}"` : ''}`);
  return cat;
}

function addNote(target: { notes?: string[] }, note: string): void {
  target.notes = [...(target.notes ?? []), note];
}

export const CVQ_CORRECTIONS: Correction[] = [
  {
    name: 'u12902-range-unlettered-category',
    why: 'Unit 2, element 2: the range category "Customers who:" is printed without a letter (the next one is "B. Service delivered during:"); a range item needs a category code.',
    apply(q) {
      const unit = unitOf(q, 'U12902', this.name);
      const cat = categoryOf(unit, '2', '', this.name, 'Customers who:');
      if (unit.range.some((c) => c.element === '2' && c.code === 'A')) fail(this.name, 'element 2 already has a category A');
      cat.code = 'A';
      addNote(
        cat,
        'The seed prints this category as "Customers who:" with no letter (the next category under element 2 is "B. Service delivered during:"); it is given the code "A" so that its items have codes (2/A/i, 2/A/ii, 2/A/iii).',
      );
    },
  },
  {
    name: 'u12902-range-applies-to-unit-3',
    why: 'Unit 2, element 2, "Customers who:" says "(Also applies to unit 3)": this unit has elements 1-3, and unit 3 of the qualification (U13002) has its own range statement with no such category.',
    apply(q) {
      const unit = unitOf(q, 'U12902', this.name);
      const cat = categoryOf(unit, '2', 'A', this.name, 'Customers who:');
      if (cat.appliesTo.join() !== '2') fail(this.name, `appliesTo is ${cat.appliesTo.join()}, expected 2`);
      cat.appliesTo = ['2', '3'];
      addNote(
        cat,
        'The seed prints "(Also applies to unit 3)"; read as element 3 of this unit ("Check customer service delivery"), since unit 3 of the qualification (U13002) has its own range statement with no such category.',
      );
    },
  },
  {
    name: 'u12902-range-element-3-category-b',
    why: 'Unit 2, element 3: the only range category is printed "B. Identify by:"; there is no category A under element 3. Kept as B (note only).',
    apply(q) {
      const unit = unitOf(q, 'U12902', this.name);
      const cat = categoryOf(unit, '3', 'B', this.name, 'Identify by:');
      if (unit.range.some((c) => c.element === '3' && c.code !== 'B')) fail(this.name, 'element 3 has other categories');
      addNote(cat, 'This is the only range category printed under element 3, and the seed letters it "B" (there is no category A under element 3); the code B is kept as printed.');
    },
  },
  {
    name: 'u13002-range-element-3-repeats-element-2',
    why: 'Unit 3, element 3: "A. Identify new ways of helping your customers by:" lists word for word the two items of element 2\'s "A. Minimise conflict by:". Kept as printed (note only).',
    apply(q) {
      const unit = unitOf(q, 'U13002', this.name);
      const two = categoryOf(unit, '2', 'A', this.name, 'Minimise conflict by:');
      const three = categoryOf(unit, '3', 'A', this.name, 'Identify new ways of helping your customers by:');
      if (JSON.stringify(two.items) !== JSON.stringify(three.items)) fail(this.name, 'the two categories no longer have the same items');
      addNote(three, 'The two items printed under this category are word for word those of element 2\'s category A ("Minimise conflict by:"); transcribed as printed.');
    },
  },
  {
    name: 'u13002-evidence-repeated-letters',
    why: 'Unit 3\'s evidence guide letters its items a, b, c, d and then a, b again ("To overcome conflict ... you must show that you have:"); item codes must be unique in a unit, so the second a and b get a suffix. The items are also printed after "2. Methods of Assessment" rather than under "1. Critical Aspects of Evidence".',
    apply(q) {
      const unit = unitOf(q, 'U13002', this.name);
      const codes = unit.evidenceRequirements.map((e) => e.code).join();
      if (codes !== 'a,b,c,d,a,b') fail(this.name, `evidence requirement codes are ${codes}, expected a,b,c,d,a,b`);
      const heading = 'To overcome conflict between your customer and your organisation you must show that you have:';
      const second = unit.evidenceRequirements.slice(4) as [ParentItem, ParentItem];
      for (const item of second) {
        if (item.heading !== heading) fail(this.name, `item ${item.code} has heading "${item.heading}"`);
        const printed = item.code;
        item.code = `${printed} (2nd)`;
        addNote(
          item,
          `The seed letters this item "${printed}", repeating the letter of an earlier item in the same evidence guide (a, b, c, d, then a, b); it is coded "${item.code}" because item codes must be unique in a unit.`,
        );
      }
      addNote(
        unit,
        'The evidence guide prints its lettered items (a-d and the second a-b) after the heading "2. Methods of Assessment" (followed by "Performance Evidence"), not under "1. Critical Aspects of Evidence" as the other units do; they are transcribed as evidence requirements all the same.',
      );
    },
  },
  {
    name: 'u00306-range-element-5-no-b',
    why: 'Unit 5, element 5: the range categories are printed A and C, with no B. Kept as printed (note only).',
    apply(q) {
      const unit = unitOf(q, 'U00306', this.name);
      const codes = unit.range.filter((c) => c.element === '5').map((c) => c.code).join();
      if (codes !== 'A,C') fail(this.name, `element 5 categories are ${codes}, expected A,C`);
      addNote(
        categoryOf(unit, '5', 'C', this.name, 'Regulations'),
        'Under element 5 the seed prints range categories A and C only (there is no category B); the code C is kept as printed. Element 4\'s category A ("Accidents") is printed as also applying to element 5.',
      );
    },
  },
  {
    name: 'u00306-knowledge-continuation-heading',
    why: 'Unit 5: knowledge items 25-27 are printed on an "UNDERPINNING KNOWLEDGE (continued)" page with no heading of their own; the parser keeps them under the preceding heading.',
    apply(q) {
      const unit = unitOf(q, 'U00306', this.name);
      for (const code of ['25', '26', '27']) {
        const item = unit.knowledge.find((k) => k.code === code) ?? fail(this.name, `no knowledge item ${code}`);
        if (item.heading !== 'Health and Safety') fail(this.name, `knowledge item ${code} has heading "${item.heading}"`);
        addNote(item, 'Printed on an "UNDERPINNING KNOWLEDGE (continued)" page with no heading of its own; kept under the preceding heading "Health and Safety".');
      }
    },
  },
  {
    name: 'u00306-evidence-guide',
    why: 'Unit 5\'s evidence guide has no lettered critical aspects, refers to "Element 5. 6", and its context of assessment ends mid-sentence. Kept as printed (notes only).',
    apply(q) {
      const unit = unitOf(q, 'U00306', this.name);
      if (unit.evidenceRequirements.length !== 0) fail(this.name, 'unit 5 now has evidence requirements');
      const text = unit.assessmentGuidance.map((g) => g.text).join('\n');
      if (!text.includes('performance criteria 2 and 3 of Element 5. 6 showing')) fail(this.name, '"Element 5. 6" not found');
      if (!/performance criteria 1-3 of Element$/.test(text)) fail(this.name, 'the truncated last sentence was not found');
      addNote(
        unit,
        'The critical aspects of evidence print no lettered items, so this unit has no evidence requirements; their three paragraphs are kept in assessment guidance.',
      );
      addNote(
        unit,
        'The critical aspects read "performance criteria 2 and 3 of Element 5. 6" (kept as printed); probably element 6, numbered 5.6 in the structure table, whose range covers security risks, customer and staff areas and storage and security facilities.',
      );
      addNote(
        unit,
        'The context of assessment ends mid-sentence: "At a minimum, performance evidence must be provided to cover performance criteria 1-3 of Element" (kept as printed; the element is not named).',
      );
    },
  },
  {
    name: 'u00306-simulation-partial',
    why: 'Unit 5 allows simulation only for some elements; the schema holds one simulation value per unit.',
    apply(q) {
      const unit = unitOf(q, 'U00306', this.name);
      if (unit.simulation !== 'allowed') fail(this.name, `simulation is "${unit.simulation}"`);
      addNote(
        unit,
        'Simulation is recorded as "allowed", but only in part: "Simulation may be used to provide performance evidence for Elements 5.2, 5.3 and 5.4." (elements 2, 3 and 4 of this unit in the structure table\'s numbering), after "Evidence of competence should be demonstrated totally through performance evidence if possible."',
      );
    },
  },
  {
    name: 'u13302-simulation-not-stated',
    why: 'Unit 7 is the only unit whose evidence guide does not mention simulation (note only).',
    apply(q) {
      const unit = unitOf(q, 'U13302', this.name);
      if (unit.simulation !== 'not stated') fail(this.name, `simulation is "${unit.simulation}"`);
      addNote(
        unit,
        'The evidence guide does not mention simulation (the context of assessment says "You must supply all of the evidence for this unit from your working environment"), so simulation is "not stated".',
      );
    },
  },
];

/** Apply every correction in order to a copy of the parsed qualification. */
export function applyCvqCorrections(parsed: Qualification): Qualification {
  const q = structuredClone(parsed);
  for (const c of CVQ_CORRECTIONS) c.apply(q);
  return q;
}
