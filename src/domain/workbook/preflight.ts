/*
 * Pre-flight: every sheet, table and defined-name clash between a plan and the workbook it is about
 * to be applied to, found before the first write. Excel does not roll a batch back (operations
 * before a failing one stay applied), so a build that cannot finish must be refused whole.
 *
 * Applying a plan replaces the sheets it names (their tables go with them) and the defined names it
 * names. A clash is a planned table or name that is already used by a table or a name that the plan
 * does not replace: another candidate's, or one the user made.
 */
import { parseSheetReference } from './a1';
import type { WorkbookPlan } from './plan';

/** What the workbook already holds, as an adapter reads it. */
export interface ExistingNames {
  sheets: string[];
  tables: { name: string; sheet: string }[];
  /**
   * Workbook-scoped defined names. `sheet` is the sheet the name refers to, or null when it refers
   * to none: `broken` (#REF!, its sheet was deleted) or a constant / formula the user defined.
   */
  names: { name: string; sheet: string | null; broken?: boolean }[];
}

export interface NameClash {
  /** The planned table or name. */
  name: string;
  planned: 'table' | 'name';
  /** The planned sheet it belongs to. */
  plannedSheet: string;
  /** What already has that name, and where. */
  existing: 'table' | 'name';
  existingSheet: string | null;
  message: string;
}

const lower = (s: string): string => s.toLowerCase();

/** Names already given out, lower-cased: a builder asks before it gives one and adds what it gives. */
export interface TakenNames {
  has(lowerName: string): boolean;
  add(lowerName: string): unknown;
}

type TableEntry = ExistingNames['tables'][number];
type NameEntry = ExistingNames['names'][number];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A workbook's sheets, tables and defined names, indexed by lower-cased name and by sheet, and kept
 * up to date as plans are applied one after another: a cohort build asks and applies per candidate
 * in time that does not grow with the workbook (copying the lists per candidate made it quadratic).
 */
export class WorkbookNames {
  private readonly sheetList: string[];
  private readonly sheetKeys: Set<string>;
  /** Lower-cased table name -> the tables of that name, in workbook order (one, unless the file is odd). */
  private readonly tables = new Map<string, TableEntry[]>();
  private readonly names = new Map<string, NameEntry[]>();
  /** Lower-cased sheet -> the lower-cased names of its tables. */
  private readonly tablesOn = new Map<string, Set<string>>();

  constructor(existing: ExistingNames) {
    this.sheetList = [...existing.sheets];
    this.sheetKeys = new Set(existing.sheets.map(lower));
    for (const t of existing.tables) this.addTable(t);
    for (const n of existing.names) push(this.names, lower(n.name), n);
  }

  private addTable(t: TableEntry): void {
    push(this.tables, lower(t.name), t);
    const on = this.tablesOn.get(lower(t.sheet));
    if (on) on.add(lower(t.name));
    else this.tablesOn.set(lower(t.sheet), new Set([lower(t.name)]));
  }

  /** The sheets, in order (the list itself: do not change it). */
  get sheets(): readonly string[] {
    return this.sheetList;
  }

  hasSheet(name: string): boolean {
    return this.sheetKeys.has(lower(name));
  }

  /** The existing sheets a plan replaces (same name, ignoring case as Excel does), lower-cased. */
  replacedBy(plan: Pick<WorkbookPlan, 'sheets'>): Set<string> {
    return new Set(plan.sheets.map((s) => lower(s.name)).filter((s) => this.sheetKeys.has(s)));
  }

  /** The last table called `name` on a sheet not in `replaced` (what a new table or name would clash with). */
  private keptTable(name: string, replaced: ReadonlySet<string>): TableEntry | undefined {
    const list = this.tables.get(name) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (!replaced.has(lower(list[i]!.sheet))) return list[i];
    return undefined;
  }

  /**
   * Table and defined names already taken, leaving out those a plan replacing `replaced` frees
   * (tables on those sheets, names into them, broken names): what a builder must not give a new
   * table or name. A view over the index, not a copy; what is added to it stays in it alone.
   */
  taken(replaced: ReadonlySet<string> = new Set()): TakenNames {
    const added = new Set<string>();
    return {
      has: (n) => added.has(n) || this.keptTable(n, replaced) !== undefined || (this.names.get(n)?.some((e) => !e.broken && !(e.sheet !== null && replaced.has(lower(e.sheet)))) ?? false),
      add: (n) => added.add(n),
    };
  }

  /** Every clash of `plan` with the workbook, in plan order; empty when it can be applied without touching what it does not own. */
  clashes(plan: WorkbookPlan): NameClash[] {
    const replaced = this.replacedBy(plan);
    const replacedByPlan = new Set(plan.names.map((n) => lower(n.name)));
    const clashes: NameClash[] = [];
    for (const sheet of plan.sheets) {
      for (const t of sheet.tables) {
        const table = this.keptTable(lower(t.name), replaced);
        if (table) {
          clashes.push(clash(t.name, 'table', sheet.name, 'table', table.sheet));
          continue;
        }
        // Existing names are only replaced when the plan defines the same name, never by a table.
        const name = replacedByPlan.has(lower(t.name)) ? undefined : this.names.get(lower(t.name))?.[0];
        if (name) clashes.push(clash(t.name, 'table', sheet.name, 'name', name.sheet));
      }
    }
    for (const n of plan.names) {
      const table = this.keptTable(lower(n.name), replaced);
      if (table) {
        clashes.push(clash(n.name, 'name', n.sheet, 'table', table.sheet));
        continue;
      }
      // A name into another sheet belongs to someone else (another candidate's grid, the user).
      const other = this.names.get(lower(n.name))?.find((e) => !e.broken && !(e.sheet !== null && replaced.has(lower(e.sheet))));
      if (other) clashes.push(clash(n.name, 'name', n.sheet, 'name', other.sheet));
    }
    return clashes;
  }

  /** The workbook as it will be once `plan` is applied: its sheets replace theirs (and their tables), its names theirs. */
  apply(plan: WorkbookPlan): void {
    for (const sheet of this.replacedBy(plan)) {
      for (const t of this.tablesOn.get(sheet) ?? []) {
        const left = this.tables.get(t)?.filter((e) => lower(e.sheet) !== sheet) ?? [];
        if (left.length > 0) this.tables.set(t, left);
        else this.tables.delete(t);
      }
      this.tablesOn.delete(sheet);
    }
    for (const s of plan.sheets) {
      if (!this.sheetKeys.has(lower(s.name))) {
        this.sheetList.push(s.name);
        this.sheetKeys.add(lower(s.name));
      }
    }
    for (const s of plan.sheets) for (const t of s.tables) this.addTable({ name: t.name, sheet: s.name });
    for (const n of plan.names) this.names.delete(lower(n.name));
    for (const n of plan.names) push(this.names, lower(n.name), { name: n.name, sheet: n.sheet });
  }

  /** The lists, as an adapter reads them. */
  snapshot(): ExistingNames {
    return {
      sheets: [...this.sheetList],
      tables: [...this.tables.values()].flat(),
      names: [...this.names.values()].flat(),
    };
  }
}

/** The existing sheets a plan replaces (same name, ignoring case as Excel does), lower-cased. */
export function replacedSheets(plan: Pick<WorkbookPlan, 'sheets'>, existing: Pick<ExistingNames, 'sheets'>): Set<string> {
  const planned = new Set(plan.sheets.map((s) => lower(s.name)));
  return new Set(existing.sheets.map(lower).filter((s) => planned.has(s)));
}

const where = (sheet: string | null): string => (sheet === null ? 'in the workbook' : `on sheet "${sheet}"`);

function clash(name: string, planned: NameClash['planned'], plannedSheet: string, existingKind: NameClash['existing'], existingSheet: string | null): NameClash {
  const thing = existingKind === 'table' ? 'a table' : 'a defined name';
  return {
    name,
    planned,
    plannedSheet,
    existing: existingKind,
    existingSheet,
    message:
      `The workbook already has ${thing} called "${name}" ${where(existingSheet)}, and the ${planned === 'table' ? 'table' : 'name'} ` +
      `for sheet "${plannedSheet}" would need that name. Nothing was changed. Rename or remove the existing ${existingKind === 'table' ? 'table' : 'name'} ` +
      `(Formulas > Name Manager), or tell the two candidates apart by more than punctuation or spaces.`,
  };
}

/** Every clash, in plan order; empty when the plan can be applied without touching what it does not own. */
export function planClashes(plan: WorkbookPlan, existing: ExistingNames): NameClash[] {
  return new WorkbookNames(existing).clashes(plan);
}

/** One message for all clashes (the first few named), or null when there are none. */
export function describeClashes(clashes: readonly NameClash[]): string | null {
  if (clashes.length === 0) return null;
  const first = clashes[0] as NameClash;
  if (clashes.length === 1) return first.message;
  const shown = clashes.slice(0, 5).map((c) => `"${c.name}" (${where(c.existingSheet)})`);
  const more = clashes.length > 5 ? ` and ${clashes.length - 5} more` : '';
  return `${first.message} The same goes for ${clashes.length - 1} more name${clashes.length === 2 ? '' : 's'}: ${shown.slice(1).join(', ')}${more}.`;
}

/** "=Sheet!$A$1" / "='Jane Smith 203'!$A$1:$B$9" -> the sheet; null for #REF! or a formula with no sheet. */
export function nameTargetSheet(formula: string): { sheet: string | null; broken: boolean } {
  const f = formula.startsWith('=') ? formula.slice(1) : formula;
  if (/#REF!/i.test(f)) return { sheet: null, broken: true };
  return { sheet: parseSheetReference(f)?.sheet ?? null, broken: false };
}
