/*
 * A unit's markable items and their codes. This module reads units by shape, not through
 * schema.ts's types: the schema uses duplicateItemCodes to check codes are unique, so importing it
 * here would make a cycle. A schema `Unit` is one of these shapes.
 */

/** An item as a standard prints it: a code and (usually) its text. */
export interface TextItem {
  code: string;
  text?: string;
}

/** An item that may carry sub-items (knowledge, evidence requirements). */
export interface ParentItem extends TextItem {
  heading?: string;
  subItems?: TextItem[];
}

/** A range category: the items are what is marked. */
export interface RangeCategory {
  element?: string;
  code: string;
  title: string;
  items: TextItem[];
}

/** The parts of a unit its markable items come from. */
export interface UnitItemSource {
  elements: { code: string; title?: string; criteria: TextItem[] }[];
  range: RangeCategory[];
  knowledge: ParentItem[];
  evidenceRequirements: ParentItem[];
}

/** The four kinds of thing an assessor marks evidence against. */
export const ITEM_KINDS = ['criterion', 'range', 'knowledge', 'evidence'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  criterion: 'Performance / assessment criteria',
  range: 'Range',
  knowledge: 'Knowledge and understanding',
  evidence: 'Evidence requirements',
};

/** One markable (leaf) item of a unit, in seed order, with its group for grid headings. */
export interface RequiredItem {
  kind: ItemKind;
  /** Unique within the unit across all kinds; what a grid's header row shows. */
  code: string;
  text: string;
  /** The element, range category, knowledge heading or evidence requirement it sits under. */
  group: string;
  groupTitle: string;
}

/** "1/A/i": element the category is printed under, category, item (documented contract). */
export function rangeItemCode(category: RangeCategory, item: TextItem): string {
  return `${category.element ? `${category.element}/` : ''}${category.code}/${item.code}`;
}

/** "5" + "a" -> "5a"; "A13a" + "i" -> "A13a.i": readable and unambiguous. */
export function subItemCode(parent: string, sub: string): string {
  return /\d$/.test(parent) && /^[A-Za-z]/.test(sub) ? `${parent}${sub}` : `${parent}.${sub}`;
}

function leavesOf(kind: ItemKind, items: ParentItem[]): RequiredItem[] {
  return items.flatMap((p) =>
    p.subItems && p.subItems.length > 0
      ? p.subItems.map((s) => ({
          kind,
          code: subItemCode(p.code, s.code),
          text: [p.text, s.text].filter(Boolean).join(' '),
          group: p.code,
          groupTitle: p.heading ?? p.text ?? p.code,
        }))
      : [{ kind, code: p.code, text: p.text ?? '', group: p.heading ?? '', groupTitle: p.heading ?? '' }],
  );
}

/** Every markable item of the unit in seed order: criteria, range, knowledge, evidence requirements. */
export function unitItems(unit: UnitItemSource): RequiredItem[] {
  const criteria = unit.elements.flatMap((e) =>
    e.criteria.map((c) => ({ kind: 'criterion' as const, code: c.code, text: c.text ?? '', group: e.code, groupTitle: e.title ?? e.code })),
  );
  const range = unit.range.flatMap((cat) =>
    cat.items.map((item) => ({
      kind: 'range' as const,
      code: rangeItemCode(cat, item),
      text: item.text ?? '',
      group: `${cat.element ? `${cat.element}/` : ''}${cat.code}`,
      groupTitle: cat.title,
    })),
  );
  return [...criteria, ...range, ...leavesOf('knowledge', unit.knowledge), ...leavesOf('evidence', unit.evidenceRequirements)];
}

/** Leaf codes that occur more than once in a unit (must be none for a valid standards file). */
export function duplicateItemCodes(unit: UnitItemSource): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const item of unitItems(unit)) {
    if (seen.has(item.code)) dupes.add(item.code);
    seen.add(item.code);
  }
  return [...dupes];
}
