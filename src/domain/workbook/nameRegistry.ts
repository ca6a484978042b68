import { definedName, uniqueSheetName } from './names';

/*
 * The names a workbook already uses (sheets, or tables and defined names), held once and compared
 * as Excel compares them, ignoring case. Adding and asking are O(1), so a build of 1,000
 * candidates no longer rebuilds a set of every taken name for each new one.
 */
/** Names already in use, asked one at a time (case ignored, as Excel compares names). */
export interface NameLookup {
  has(name: string): boolean;
}

export class NameRegistry implements Iterable<string>, NameLookup {
  private readonly lower = new Set<string>();
  /** Names held elsewhere (a workbook's index), asked, never copied. */
  private also?: NameLookup;
  /** A caller's own set of names, kept up to date (callers that still hold a Set). */
  private mirror?: Set<string>;

  constructor(names: Iterable<string> = []) {
    for (const n of names) this.add(n);
  }

  /** A registry of the names in `set` that also adds each new name to `set`. */
  static over(set: Set<string>): NameRegistry {
    const registry = new NameRegistry(set);
    registry.mirror = set;
    return registry;
  }

  /** The registry itself, one holding `names`, or one over a lookup (names it adds are its own). */
  static of(names: Iterable<string> | NameLookup = []): NameRegistry {
    if (names instanceof NameRegistry) return names;
    if (Symbol.iterator in names) return new NameRegistry(names as Iterable<string>);
    const registry = new NameRegistry();
    registry.also = names;
    return registry;
  }

  has(name: string): boolean {
    return this.lower.has(name.toLowerCase()) || (this.also?.has(name) ?? false);
  }

  add(name: string): this {
    this.lower.add(name.toLowerCase());
    this.mirror?.add(name);
    return this;
  }

  get size(): number {
    return this.lower.size;
  }

  /** The names, lower-cased. */
  [Symbol.iterator](): Iterator<string> {
    return this.lower.values();
  }

  /**
   * A sheet name as `uniqueSheetName` makes it (same cleaning, truncation and " (2)" numbering),
   * unique among the registered names, and registered. Only the names it tries are compared, so
   * the cost does not grow with the workbook.
   */
  sheetName(base: string, keep = ''): string {
    // uniqueSheetName adds each name it returns to `tried`: the next call gives the next number.
    const tried = new Set<string>();
    for (;;) {
      const name = uniqueSheetName(base, tried, keep);
      if (!this.has(name)) {
        this.add(name);
        return name;
      }
    }
  }

  /** A valid table (or defined) name, not registered yet: the base, else base_2, base_3 ... Not registered: the caller adds it once used. */
  tableName(base: string): string {
    const root = definedName(base).slice(0, 240);
    for (let n = 1; ; n++) {
      const name = n === 1 ? root : definedName(`${root}_${n}`);
      if (!this.has(name)) return name;
    }
  }
}
