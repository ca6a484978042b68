/**
 * Hand corrections for seed 002 (SQA SVQ 3 in Customer Service at SCQF level 6), applied after
 * parsing by scripts/import/sqaSvq.ts.
 *
 * The parser handles this seed's conversion artefacts itself (wrapped titles, "(continued)"
 * element headings, stray "." / ":" cells, trailing spaces after codes) and detects the seed's
 * inconsistencies between its own tables (recording tables, element lists, progress record),
 * recording them as notes. What remains here is what a parser cannot judge: printed text that reads
 * as an error in the original. None of these corrections changes the seed's text; each one only
 * attaches a note saying the text is kept exactly as printed, so a reviewer does not "fix" it.
 *
 * Every correction throws if its target is missing or no longer reads as expected, so a change in
 * the seed or the parser cannot make a correction silently stop applying.
 */
import type { Qualification, Unit } from '../../../src/domain/standards/schema';

export interface SqaSvqCorrection {
  /** Stable name, used in errors. */
  name: string;
  /** What is wrong in the seed and what the correction does. */
  description: string;
  apply(q: Qualification): void;
}

function unitOf(q: Qualification, code: string, correction: string): Unit {
  const unit = q.units.find((u) => u.code === code);
  if (!unit) throw new Error(`correction ${correction}: unit ${code} not found`);
  return unit;
}

/** Attach a note to a knowledge item or criterion whose printed text must read exactly `expected`. */
function annotateItem(q: Qualification, unitCode: string, itemCode: string, expected: string, note: string, correction: string): void {
  const unit = unitOf(q, unitCode, correction);
  const item =
    unit.knowledge.find((k) => k.code === itemCode) ?? unit.elements.flatMap((e) => e.criteria).find((c) => c.code === itemCode);
  if (!item) throw new Error(`correction ${correction}: item ${itemCode} not found in unit ${unitCode}`);
  if (item.text !== expected) throw new Error(`correction ${correction}: ${itemCode} now reads "${item.text}", expected "${expected}"`);
  item.notes = [...(item.notes ?? []), note];
}

export const sqaSvqCorrections: SqaSvqCorrection[] = [
  {
    name: 'F3s-words-missing',
    description:
      'F3s reads as if words were lost in the original ("... affects the success of any changes customer expectations and needs."). Kept as printed; note added.',
    apply: (q) =>
      annotateItem(
        q,
        'F3',
        'F3s',
        'How your behaviour when improving customer service delivery affects the success of any changes customer expectations and needs.',
        'Text kept exactly as printed; it appears to have words missing between "any changes" and "customer expectations and needs".',
        'F3s-words-missing',
      ),
  },
  {
    name: 'D9a-stray-full-stop',
    description: 'D9a prints a full stop in mid-sentence ("affect the balance. between"). Kept as printed; note added.',
    apply: (q) =>
      annotateItem(
        q,
        'D9',
        'D9a',
        'How service improvements in your area affect the balance. between overall customer satisfaction, the costs of providing service and regulatory requirements.',
        'Text kept exactly as printed, including the stray full stop in "the balance. between".',
        'D9a-stray-full-stop',
      ),
  },
];

export function applySqaSvqCorrections(q: Qualification): void {
  for (const correction of sqaSvqCorrections) correction.apply(q);
}
