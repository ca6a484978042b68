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

/** The existing sheets a plan replaces (same name, ignoring case as Excel does). */
export function replacedSheets(plan: Pick<WorkbookPlan, 'sheets'>, existing: Pick<ExistingNames, 'sheets'>): Set<string> {
  const planned = new Set(plan.sheets.map((s) => lower(s.name)));
  return new Set(existing.sheets.map(lower).filter((s) => planned.has(s)));
}

/**
 * Table and defined names already taken in the workbook, lower-cased, leaving out those a plan
 * replacing `replaced` frees (tables on those sheets, names into them, broken names): what a
 * builder must not give a new table or name.
 */
export function takenNames(existing: ExistingNames, replaced: ReadonlySet<string> = new Set()): Set<string> {
  const taken = new Set<string>();
  for (const t of existing.tables) if (!replaced.has(lower(t.sheet))) taken.add(lower(t.name));
  for (const n of existing.names) if (!n.broken && !(n.sheet !== null && replaced.has(lower(n.sheet)))) taken.add(lower(n.name));
  return taken;
}

const where = (sheet: string | null): string => (sheet === null ? 'in the workbook' : `on sheet "${sheet}"`);

/** Every clash, in plan order; empty when the plan can be applied without touching what it does not own. */
export function planClashes(plan: WorkbookPlan, existing: ExistingNames): NameClash[] {
  const replaced = replacedSheets(plan, existing);
  const tables = new Map(existing.tables.filter((t) => !replaced.has(lower(t.sheet))).map((t) => [lower(t.name), t]));
  const replacedByPlan = new Set(plan.names.map((n) => lower(n.name)));
  const clashes: NameClash[] = [];
  const clash = (name: string, planned: NameClash['planned'], plannedSheet: string, existingKind: NameClash['existing'], existingSheet: string | null): void => {
    const thing = existingKind === 'table' ? 'a table' : 'a defined name';
    clashes.push({
      name,
      planned,
      plannedSheet,
      existing: existingKind,
      existingSheet,
      message:
        `The workbook already has ${thing} called "${name}" ${where(existingSheet)}, and the ${planned === 'table' ? 'table' : 'name'} ` +
        `for sheet "${plannedSheet}" would need that name. Nothing was changed. Rename or remove the existing ${existingKind === 'table' ? 'table' : 'name'} ` +
        `(Formulas > Name Manager), or tell the two candidates apart by more than punctuation or spaces.`,
    });
  };
  for (const sheet of plan.sheets) {
    for (const t of sheet.tables) {
      const table = tables.get(lower(t.name));
      if (table) {
        clash(t.name, 'table', sheet.name, 'table', table.sheet);
        continue;
      }
      // Existing names are only replaced when the plan defines the same name, never by a table.
      const name = existing.names.find((n) => lower(n.name) === lower(t.name) && !replacedByPlan.has(lower(n.name)));
      if (name) clash(t.name, 'table', sheet.name, 'name', name.sheet);
    }
  }
  for (const n of plan.names) {
    const table = tables.get(lower(n.name));
    if (table) {
      clash(n.name, 'name', n.sheet, 'table', table.sheet);
      continue;
    }
    // A name into another sheet belongs to someone else (another candidate's grid, the user).
    const other = existing.names.find((e) => lower(e.name) === lower(n.name) && !e.broken && !(e.sheet !== null && replaced.has(lower(e.sheet))));
    if (other) clash(n.name, 'name', n.sheet, 'name', other.sheet);
  }
  return clashes;
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

/** The workbook's names as they will be once `plan` is applied (for builds of several candidates in a row). */
export function afterApply(existing: ExistingNames, plan: WorkbookPlan): ExistingNames {
  const replaced = replacedSheets(plan, existing);
  const known = new Set(existing.sheets.map(lower));
  const planned = new Set(plan.names.map((n) => lower(n.name)));
  return {
    sheets: [...existing.sheets, ...plan.sheets.map((s) => s.name).filter((s) => !known.has(lower(s)))],
    tables: [...existing.tables.filter((t) => !replaced.has(lower(t.sheet))), ...plan.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, sheet: s.name })))],
    names: [...existing.names.filter((n) => !planned.has(lower(n.name))), ...plan.names.map((n) => ({ name: n.name, sheet: n.sheet }))],
  };
}
