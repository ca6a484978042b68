/**
 * Hand corrections for seed 003 (IMI Level 2 Diploma in Customer Service), applied after parsing
 * and before the guidance rows become `assessmentGuidance` entries.
 *
 * Each correction checks that the seed still says what the correction assumes (and throws if not),
 * so a correction can never silently apply to text it was not written for. Every correction that
 * changes what the seed says, and every seed oddity kept as printed, records a note on the unit.
 *
 * The importer itself notes, without a correction here:
 * - a guidance row whose repeated criterion text differs from the unit page's wording (same code);
 * - a structure-table title / level / credit / GLH that differs from the unit page;
 * - a criterion code printed with a trailing dot ("1.5.");
 * - a "Rationale: None" page.
 * It refuses to finish (throws) on a guidance row that repeats ANOTHER criterion's text, names no
 * criterion of the unit, or has no guidance: those need a decision here.
 */
import type { Unit } from '../../../src/domain/standards/schema';
import type { GuidanceRow, ParsedImiDiploma, ParsedUnit } from '../imiDiploma';

export interface Correction {
  /** Short stable name. */
  name: string;
  /** What is wrong in the seed and what the correction does. */
  description: string;
  apply(doc: ParsedImiDiploma): void;
}

function page(doc: ParsedImiDiploma, code: string): ParsedUnit {
  const p = doc.pages.get(code);
  if (!p) throw new Error(`correction: unit page ${code} not found`);
  return p;
}

/** The one guidance row of the unit printed with this code and criterion text. */
function guidanceRow(p: ParsedUnit, printedCode: string, printedText: string): GuidanceRow {
  const rows = p.guidanceRows.filter((r) => r.printedCode === printedCode && r.printedText === printedText);
  if (rows.length !== 1) {
    throw new Error(`correction: ${p.unit.code} guidance row "${printedCode} ${printedText}" found ${rows.length} times`);
  }
  return rows[0]!;
}

function criterionText(unit: Unit, code: string): string {
  const c = unit.elements.flatMap((e) => e.criteria).find((x) => x.code === code);
  if (!c?.text) throw new Error(`correction: ${unit.code} criterion ${code} not found`);
  return c.text;
}

function expectEqual(actual: string, expected: string, where: string): void {
  if (actual !== expected) throw new Error(`correction: ${where}: expected "${expected}", seed has "${actual}"`);
}

function note(unit: Unit, text: string): void {
  unit.notes = [...(unit.notes ?? []), text];
}

/**
 * A guidance row printed with one criterion code but the unit page's text of another criterion:
 * the text (and the guidance's subject) identify the criterion, so record the guidance against it.
 */
function reassignGuidance(unitCode: string, printedCode: string, printedText: string, to: string): Correction {
  return {
    name: `${unitCode.replace(/\W+/g, '').toLowerCase()}-guidance-row-${printedCode}-is-criterion-${to}`,
    description: `Unit ${unitCode}: the guidance row printed as ${printedCode} repeats criterion ${to}'s text; recorded against ${to}.`,
    apply(doc) {
      const p = page(doc, unitCode);
      const row = guidanceRow(p, printedCode, printedText);
      const printedOwn = criterionText(p.unit, printedCode);
      const target = criterionText(p.unit, to);
      const wording =
        target === printedText
          ? ''
          : ` The unit page words ${to} slightly differently: "${target}".`;
      row.criterion = to;
      row.noted = true;
      note(
        p.unit,
        `The assessment guidance table prints the row "${printedText}" as criterion ${printedCode}, but on the unit page that is criterion ${to} (${printedCode} is "${printedOwn}").${wording} The guidance is recorded against ${to}.`,
      );
    },
  };
}

export const imiDiplomaCorrections: Correction[] = [
  // CS 8: guidance "Service offer is defined as ..." sits on a row numbered 2.4 whose text is 2.1's.
  reassignGuidance(
    'CS 8',
    '2.4',
    'Explain how the achievement of the customer service offer contributes to enhancing customer loyalty',
    '2.1',
  ),
  // CS 5: "Listening actively refers to: ..." sits on a row numbered 2.4 whose text is 2.2's
  // (the page quotes “actively”, the guidance table does not).
  reassignGuidance('CS 5', '2.4', 'Listen actively to what customers are saying', '2.2'),
  // CS 15: "Risks are situations or hazards ..." sits on a row numbered 1.1 whose text is 1.5's.
  reassignGuidance('CS 15', '1.1', 'Explain how to identify possible risks relating to the work to be carried out', '1.5'),
  // M&L 2: "Conflict management techniques may include: ..." sits on a row numbered 1.1 whose text is 1.3's.
  reassignGuidance('M&L 2', '1.1', 'Explain conflict management techniques that may be used to resolve team conflicts', '1.3'),

  {
    name: 'ba27-guidance-row-1.2-empty',
    description:
      'Unit B&A 27: the guidance table lists 1.2 with an empty guidance cell under 1.1 (probably a cell merged with 1.1 in the original). No guidance can be recorded; the row is dropped with a note.',
    apply(doc) {
      const p = page(doc, 'B&A 27');
      const row = guidanceRow(p, '1.2', 'Explain the purpose and features of different types of events');
      expectEqual(row.text, '', 'B&A 27 guidance row 1.2');
      row.dropped = true;
      note(
        p.unit,
        'The assessment guidance table lists criterion 1.2 ("Explain the purpose and features of different types of events") with an empty guidance cell, directly below the row for 1.1 (probably one guidance cell spanning both rows in the original). No guidance is recorded for 1.2; the guidance printed beside 1.1 ("The Event may include, but is not exclusive to: ...") is recorded against 1.1 only.',
      );
    },
  },
  {
    name: 'ba27-guidance-row-3.1-confirm-resources-empty',
    description:
      'Unit B&A 27: the guidance table lists a row "3.1 Confirm that all identified resources are in place and meet requirements" (3.2\'s text) with an empty guidance cell under 1.3. The row is dropped with a note.',
    apply(doc) {
      const p = page(doc, 'B&A 27');
      const text = 'Confirm that all identified resources are in place and meet requirements';
      const row = guidanceRow(p, '3.1', text);
      expectEqual(row.text, '', 'B&A 27 guidance row 3.1 (Confirm ...)');
      expectEqual(criterionText(p.unit, '3.2'), text, 'B&A 27 criterion 3.2');
      row.dropped = true;
      note(
        p.unit,
        'The assessment guidance table lists a row "3.1 Confirm that all identified resources are in place and meet requirements" with an empty guidance cell, directly below the row for 1.3 (resources; probably one guidance cell spanning both rows in the original). On the unit page that text is criterion 3.2 (3.1 is "Set up layout and resources in accordance with the event plan", which has its own guidance row). No guidance is recorded for this row; the resources guidance is recorded against 1.3 only.',
      );
    },
  },

  {
    name: 'ml1-rationale-describes-another-unit',
    description: 'Unit M&L 1: the rationale describes developing customer service through social media, not this unit. Kept as printed, with a note.',
    apply(doc) {
      const p = page(doc, 'M&L 1');
      if (!p.unit.summary?.startsWith('This unit aims to provide the knowledge and skills required to develop customer service through social media.')) {
        throw new Error('correction: M&L 1 rationale is not the social-media text this note describes');
      }
      note(
        p.unit,
        'The unit page\'s rationale ("... develop customer service through social media ...") does not describe this unit (Manage personal performance and development); it is kept as printed as the summary.',
      );
    },
  },
  {
    name: 'hspw2-criterion-1.1-lettered-list',
    description: 'Unit HSPW2: criterion 1.1 carries a lettered list (a. employers b. employees) inside its text; criteria have no sub-items, so the list stays in the text.',
    apply(doc) {
      const p = page(doc, 'HSPW2');
      expectEqual(
        criterionText(p.unit, '1.1'),
        'Define the main responsibilities for health and safety in the workplace of the following: a. employers b. employees',
        'HSPW2 criterion 1.1',
      );
      note(
        p.unit,
        'Criterion 1.1 ends with a lettered list ("a. employers b. employees"); it is kept within the criterion\'s text, as printed, rather than split into separate items.',
      );
    },
  },
  {
    name: 'hspw2-criterion-1.2-repeated-word',
    description: 'Unit HSPW2: criterion 1.2 prints "affecting affecting". Kept as printed, with a note.',
    apply(doc) {
      const p = page(doc, 'HSPW2');
      expectEqual(criterionText(p.unit, '1.2'), 'Describe two health and safety laws affecting affecting the workplace.', 'HSPW2 criterion 1.2');
      note(p.unit, 'Criterion 1.2 repeats a word ("laws affecting affecting the workplace"); kept as printed.');
    },
  },
  {
    name: 'cs10-guidance-2.4-stray-hash',
    description: 'Unit CS 10: guidance for 2.4 prints "interruptions#". Kept as printed, with a note.',
    apply(doc) {
      const p = page(doc, 'CS 10');
      const row = guidanceRow(p, '2.4', 'Listen actively to what customers are saying to collect as much information as possible');
      if (!row.text.includes('Avoiding distractions, assumptions and interruptions#')) {
        throw new Error('correction: CS 10 guidance 2.4 no longer has "interruptions#"');
      }
      note(p.unit, 'The guidance for 2.4 prints "Avoiding distractions, assumptions and interruptions#" (stray "#"); kept as printed.');
    },
  },
];
