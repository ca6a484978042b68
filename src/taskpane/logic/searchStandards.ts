import { unitItems, type RequiredItem } from '../../domain/standards/itemCodes';
import type { Qualification, Unit } from '../../domain/standards/schema';

export type SearchHit = { kind: 'unit'; unit: Unit } | { kind: 'item'; unit: Unit; item: RequiredItem };

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const codeKey = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/**
 * Units and items of a qualification matching a query: by code (any code a unit is known by, an
 * item's code) or by words (every word must appear in the title or text). Exact code matches first.
 */
export function searchStandards(q: Qualification, query: string): SearchHit[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const key = codeKey(query);
  const exact: SearchHit[] = [];
  const other: SearchHit[] = [];
  const hasAll = (text: string) => {
    const t = fold(text);
    return words.every((w) => t.includes(w));
  };
  for (const unit of q.units) {
    const codes = [unit.code, ...unit.codes.map((c) => c.code)];
    if (codes.some((c) => codeKey(c) === key)) exact.push({ kind: 'unit', unit });
    else if (hasAll(`${codes.join(' ')} ${unit.title}`)) other.push({ kind: 'unit', unit });
    for (const item of unitItems(unit)) {
      if (codeKey(item.code) === key) exact.push({ kind: 'item', unit, item });
      else if (hasAll(`${item.code} ${item.text} ${item.groupTitle}`)) other.push({ kind: 'item', unit, item });
    }
  }
  return [...exact, ...other];
}
