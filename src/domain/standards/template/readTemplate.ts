import { readLabelledTable } from '../../tables/labelledTable';
import { columnIndex, columnLetter } from '../../workbook/a1';
import type { RawCell, SheetValues } from '../../workbook/sheetValues';
import { qualificationSchema, type Qualification } from '../schema';
import {
  GROUP_COLUMNS,
  IDENTIFIER_COLUMNS,
  ITEM_COLUMNS,
  ITEM_ROW_KINDS,
  LEVEL_SCALES,
  QUALIFICATION_FIELDS,
  RULE_COLUMNS,
  RULE_KINDS,
  TEMPLATE_SHEETS,
  UNIT_COLUMNS,
  type ItemRowKind,
  type TemplateColumn,
} from './templateLayout';

/*
 * Reads a filled standards template back into a qualification. Every problem is collected (sheet,
 * row, column, what was expected) and nothing is returned unless there are none: a coordinator
 * fixes the whole list in one pass, and no half-read qualification ever reaches a grid.
 */

export interface TemplateProblem {
  sheet: string;
  /** Excel's row number (1-based), where the problem is in one row. */
  row?: number;
  /** Column letter and header, where the problem is in one cell. */
  column?: string;
  /** The cell (zero-based) to go to, where the problem is in one cell or row. */
  at?: { row: number; col: number };
  message: string;
}

export type TemplateResult = { ok: true; value: Qualification } | { ok: false; problems: TemplateProblem[] };

export function describeTemplateProblem(p: TemplateProblem): string {
  return `${p.sheet}${p.row !== undefined ? `, row ${p.row}` : ''}${p.column ? `, column ${p.column}` : ''}: ${p.message}`;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function cellString(v: RawCell | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
  const t = s.trim();
  return t === '' ? undefined : t;
}

/** Where each part of the qualification came from, to place schema problems on a sheet and row. */
type Origin = { sheet: string; row: number; columns: readonly TemplateColumn[]; headerCols: Map<string, number> };

interface TableRow {
  /** Excel row number. */
  row: number;
  get(key: string): string | undefined;
  raw(key: string): RawCell | undefined;
  origin: Origin;
}

class Reader {
  readonly problems: TemplateProblem[] = [];
  readonly origins = new Map<string, Origin>();
  constructor(private readonly sheets: readonly SheetValues[]) {}

  sheet(name: string): SheetValues | undefined {
    return this.sheets.find((s) => norm(s.name) === norm(name));
  }

  problem(sheet: string, message: string, row?: number, column?: string): void {
    const letters = column ? /^[A-Z]+/.exec(column)?.[0] : undefined;
    const col = (letters ? columnIndex(letters) : null) ?? 0;
    this.problems.push({ sheet, row, column, message, ...(row !== undefined ? { at: { row: row - 1, col } } : {}) });
  }

  columnName(origin: Origin, key: string): string | undefined {
    const c = origin.columns.find((x) => x.key === key);
    const at = origin.headerCols.get(key);
    return c && at !== undefined ? `${columnLetter(at)} (${c.label})` : undefined;
  }

  /** The table's rows, columns found by their header labels (moved or extra columns are fine). */
  table(name: string, columns: readonly TemplateColumn[], required: readonly string[]): TableRow[] {
    const sheet = this.sheet(name);
    if (!sheet) {
      this.problem(name, `the sheet "${name}" is missing; the template needs it (it may be empty)`);
      return [];
    }
    const spec = { name: `${name} sheet`, fields: columns.map((c) => ({ key: c.key, label: c.label, kind: 'cell' as const })), required, scanRows: 20 };
    const read = readLabelledTable(spec, sheet.values);
    if (!read.ok) {
      const labels = required.map((k) => `"${columns.find((c) => c.key === k)!.label}"`).join(', ');
      this.problem(name, `no header row with the columns ${labels} in the first 20 rows`);
      return [];
    }
    const headerCols: Map<string, number> = read.value.columns;
    const origin0 = { sheet: sheet.name, columns, headerCols };
    const rows: TableRow[] = [];
    for (const { row: r, cells } of read.value.rows) {
      // A row with something only in the user's own columns is no row of the table.
      if (![...cells.values()].some((v) => cellString(v) !== undefined)) continue;
      rows.push({ row: r + 1, origin: { ...origin0, row: r + 1 }, raw: (key) => cells.get(key), get: (key) => cellString(cells.get(key)) });
    }
    return rows;
  }

  number(row: TableRow, key: string): number | null {
    const raw = row.raw(key);
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (!Number.isFinite(n)) {
      this.problem(row.origin.sheet, `expected a number or blank, found "${String(raw)}"`, row.row, this.columnName(row.origin, key));
      return null;
    }
    return n;
  }

  oneOf<T>(row: TableRow, key: string, allowed: Record<string, T>, what: string): T | undefined {
    const v = row.get(key);
    if (v === undefined) return undefined;
    const found = Object.entries(allowed).find(([label]) => norm(label) === norm(v));
    if (!found) this.problem(row.origin.sheet, `"${v}" is not a ${what}; expected one of: ${Object.keys(allowed).join(', ')}`, row.row, this.columnName(row.origin, key));
    return found?.[1];
  }

  required(row: TableRow, key: string, what: string): string | undefined {
    const v = row.get(key);
    if (v === undefined) this.problem(row.origin.sheet, `${what} is required`, row.row, this.columnName(row.origin, key));
    return v;
  }
}

const yesNo = { yes: true, no: false, true: true, false: false, y: true, n: false } as const;
const splitList = (s: string | undefined): string[] | undefined => {
  const parts = (s ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return parts.length > 0 ? parts : undefined;
};
const splitLines = (s: string | undefined): string[] | undefined => {
  const parts = (s ?? '').split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  return parts.length > 0 ? parts : undefined;
};
/** Put only the optional keys that have a value, so a read-back equals the original exactly. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
const byLabel = <K extends string>(labels: Record<K, string>): Record<string, K> =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [v as string, k as K])) as Record<string, K>;

/** Read a filled template (its sheets' values) into a validated qualification, or every problem found. */
export function readStandardsTemplate(sheets: readonly SheetValues[]): TemplateResult {
  const r = new Reader(sheets);
  const q = readQualificationSheet(r);
  const identifiers = r.table(TEMPLATE_SHEETS.identifiers, IDENTIFIER_COLUMNS, ['scheme', 'value']).map((row) => ({
    scheme: r.required(row, 'scheme', 'the scheme'),
    value: r.required(row, 'value', 'the identifier'),
  }));
  const groupRows = r.table(TEMPLATE_SHEETS.groups, GROUP_COLUMNS, ['id', 'title', 'mandatory']);
  const groups = groupRows.map((row, i) => {
    r.origins.set(`groups.${i}`, row.origin);
    return {
      id: r.required(row, 'id', 'the group id'),
      title: r.required(row, 'title', 'the title'),
      mandatory: r.oneOf(row, 'mandatory', yesNo, 'Yes or No') ?? (r.required(row, 'mandatory', 'Yes or No'), false),
      units: [] as string[],
    };
  });
  const { units, unitOrigins } = readUnits(r, groups);
  readItems(r, units, unitOrigins);
  const rules = readRules(r, groups.map((g) => g.id).filter((id): id is string => id !== undefined));
  if (groups.some((g) => g.units.length === 0)) {
    groups.forEach((g, i) => {
      if (g.units.length === 0 && g.id) r.problem(TEMPLATE_SHEETS.groups, `group "${g.id}" has no units; name it in the Group column of the Units sheet`, groupRows[i]!.row);
    });
  }
  const candidate = defined({ ...q, identifiers, groups, rules, units });
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  const parsed = qualificationSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => placeIssue(r, issue.path, issue.message)) };
}

function readQualificationSheet(r: Reader): Record<string, unknown> {
  const name = TEMPLATE_SHEETS.qualification;
  const sheet = r.sheet(name);
  const fields = new Map<string, { value: RawCell; row: number; col: number }>();
  if (!sheet) r.problem(name, `the sheet "${name}" is missing; the template needs it`);
  else
    sheet.values.forEach((row, i) => {
      const labelAt = row.findIndex((v) => cellString(v) !== undefined);
      if (labelAt < 0) return;
      const field = QUALIFICATION_FIELDS.find((f) => norm(f.label) === norm(String(row[labelAt])));
      if (field && !fields.has(field.key)) fields.set(field.key, { value: row[labelAt + 1] ?? null, row: i + 1, col: labelAt + 1 });
    });
  const origin: Origin = { sheet: name, row: 0, columns: [], headerCols: new Map() };
  const text = (key: string, required: boolean): string | undefined => {
    const f = fields.get(key);
    const v = cellString(f?.value);
    const label = QUALIFICATION_FIELDS.find((x) => x.key === key)!.label;
    if (v === undefined && required) r.problem(name, `"${label}" is required`, f?.row, f ? columnLetter(f.col) : undefined);
    return v;
  };
  const num = (key: string): number | null => {
    const f = fields.get(key);
    const v = cellString(f?.value);
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      const label = QUALIFICATION_FIELDS.find((x) => x.key === key)!.label;
      r.problem(name, `"${label}" must be a number or blank, found "${v}"`, f!.row, columnLetter(f!.col));
      return null;
    }
    return n;
  };
  const framework = text('framework', true);
  const frameworks = QUALIFICATION_FIELDS.find((f) => f.key === 'framework')!.list!;
  const known = framework === undefined ? undefined : frameworks.find((f) => norm(f) === norm(framework));
  if (framework !== undefined && !known) {
    const f = fields.get('framework')!;
    r.problem(name, `"Framework": "${framework}" is not one of ${frameworks.join(', ')}`, f.row, columnLetter(f.col));
  }
  for (const f of QUALIFICATION_FIELDS) {
    const at = fields.get(f.key);
    if (at) r.origins.set(`q.${f.key}`, { ...origin, row: at.row });
  }
  return defined({
    id: text('id', true),
    title: text('title', true),
    version: text('version', false),
    awardingBody: text('awardingBody', true),
    framework: known ?? framework,
    level: num('level'),
    scqfLevel: num('scqfLevel'),
    glh: num('glh'),
    tqt: num('tqt'),
    minimumCredits: num('minimumCredits'),
    source: { document: text('sourceDocument', true), description: text('sourceDescription', true) },
    notes: splitLines(text('notes', false)),
  });
}

type UnitDraft = Record<string, unknown> & {
  code: string;
  elements: { code: string; title?: string; criteria: Record<string, unknown>[]; notes?: string[] }[];
  range: { element?: string; code: string; title?: string; appliesTo?: string[]; items: Record<string, unknown>[]; notes?: string[] }[];
  knowledge: ParentDraft[];
  evidenceRequirements: ParentDraft[];
  assessmentGuidance: { criterion?: string; text?: string }[];
};
type ParentDraft = Record<string, unknown> & { code: string; subItems?: Record<string, unknown>[] };

function readUnits(r: Reader, groups: { id?: string; units: string[] }[]): { units: UnitDraft[]; unitOrigins: Map<string, number> } {
  const units: UnitDraft[] = [];
  const unitOrigins = new Map<string, number>();
  const schemes = byLabel(Object.fromEntries(UNIT_COLUMNS.find((c) => c.key === 'codeScheme')!.list!.map((s) => [s, s])) as Record<string, string>);
  r.table(TEMPLATE_SHEETS.units, UNIT_COLUMNS, ['code', 'title']).forEach((row) => {
    const code = r.required(row, 'code', 'the unit code');
    const scheme = r.oneOf(row, 'codeScheme', schemes, 'code scheme') ?? 'unit number';
    const others = splitLines(row.get('otherCodes'))?.map((line) => {
      const m = /^([^:]+):\s*(.+)$/.exec(line);
      const s = m ? Object.keys(schemes).find((k) => norm(k) === norm(m[1]!)) : undefined;
      if (!m || !s) {
        r.problem(row.origin.sheet, `"${line}" is not "scheme: code" with a scheme from the Code scheme list`, row.row, r.columnName(row.origin, 'otherCodes'));
        return undefined;
      }
      return { scheme: s, code: m[2]!.trim() };
    });
    for (const g of splitList(row.get('group')) ?? []) {
      const group = groups.find((x) => x.id !== undefined && norm(x.id) === norm(g));
      if (!group) r.problem(row.origin.sheet, `group "${g}" is not on the Groups sheet`, row.row, r.columnName(row.origin, 'group'));
      else if (code) group.units.push(code);
    }
    const detailed = r.oneOf(row, 'detailed', yesNo, 'Yes or No');
    if (!code) return;
    if (unitOrigins.has(norm(code))) {
      r.problem(row.origin.sheet, `unit "${code}" is listed twice (first on row ${unitOrigins.get(norm(code))})`, row.row, r.columnName(row.origin, 'code'));
      return;
    }
    unitOrigins.set(norm(code), row.row);
    r.origins.set(`units.${units.length}`, row.origin);
    units.push(
      defined({
        code,
        codes: [{ scheme, code }, ...(others ?? []).filter((c) => c !== undefined)],
        title: row.get('title'),
        level: r.number(row, 'level'),
        scqfLevel: r.number(row, 'scqfLevel'),
        credit: r.number(row, 'credit'),
        glh: r.number(row, 'glh'),
        detailed: detailed ?? true,
        elementKind: r.oneOf(row, 'elementKind', { element: 'element', 'learning outcome': 'learning outcome' } as const, 'name for the parts') ?? 'element',
        elements: [],
        range: [],
        knowledge: [],
        evidenceRequirements: [],
        assessmentGuidance: [],
        simulation: r.oneOf(row, 'simulation', { allowed: 'allowed', 'not allowed': 'not allowed', 'not stated': 'not stated' } as const, 'simulation setting') ?? 'not stated',
        summary: row.get('summary'),
        notes: splitLines(row.get('notes')),
      }) as UnitDraft,
    );
  });
  return { units, unitOrigins };
}

function readItems(r: Reader, units: UnitDraft[], unitOrigins: Map<string, number>): void {
  const kinds = byLabel(ITEM_ROW_KINDS);
  for (const row of r.table(TEMPLATE_SHEETS.items, ITEM_COLUMNS, ['unit', 'kind', 'code', 'text'])) {
    const unitCode = r.required(row, 'unit', 'the unit code');
    const kind: ItemRowKind | undefined = r.oneOf(row, 'kind', kinds, 'kind of row') ?? (r.required(row, 'kind', 'the kind of row'), undefined);
    if (!unitCode || !kind) continue;
    const ui = units.findIndex((u) => norm(u.code) === norm(unitCode));
    if (ui < 0) {
      if (!unitOrigins.has(norm(unitCode))) r.problem(row.origin.sheet, `unit "${unitCode}" is not on the Units sheet`, row.row, r.columnName(row.origin, 'unit'));
      continue;
    }
    const u = units[ui]!;
    const code = row.get('code');
    const text = row.get('text');
    const notes = splitLines(row.get('notes'));
    const at = (path: string) => r.origins.set(`units.${ui}.${path}`, row.origin);
    const need = (v: string | undefined, key: string, what: string): v is string => {
      if (v === undefined) r.problem(row.origin.sheet, `${what} is required for a ${ITEM_ROW_KINDS[kind]} row`, row.row, r.columnName(row.origin, key));
      return v !== undefined;
    };
    switch (kind) {
      case 'element': {
        if (!need(code, 'code', 'the element code')) break;
        if (u.elements.some((e) => e.code === code)) {
          r.problem(row.origin.sheet, `element "${code}" of unit ${u.code} is given twice`, row.row, r.columnName(row.origin, 'code'));
          break;
        }
        at(`elements.${u.elements.length}`);
        u.elements.push(defined({ code, title: text, criteria: [], notes }));
        break;
      }
      case 'criterion': {
        const element = row.get('element');
        if (!need(element, 'element', 'the element or learning outcome') || !need(code, 'code', 'the criterion code')) break;
        let ei = u.elements.findIndex((e) => e.code === element);
        if (ei < 0) {
          // A criterion may name an element that has no row of its own: the element then has no title.
          ei = u.elements.push({ code: element, criteria: [] }) - 1;
          at(`elements.${ei}`);
        }
        at(`elements.${ei}.criteria.${u.elements[ei]!.criteria.length}`);
        u.elements[ei]!.criteria.push(defined({ code, text, notes }));
        break;
      }
      case 'rangeCategory': {
        if (!need(code, 'code', 'the category code')) break;
        at(`range.${u.range.length}`);
        u.range.push(defined({ element: row.get('element'), code, title: text, appliesTo: splitList(row.get('appliesTo')), items: [], notes }));
        break;
      }
      case 'range': {
        const category = row.get('category');
        if (!need(category, 'category', 'the range category') || !need(code, 'code', 'the range item code')) break;
        const element = row.get('element');
        const ci = findLast(u.range, (c) => c.code === category && c.element === element);
        if (ci < 0) {
          r.problem(row.origin.sheet, `range category "${category}"${element ? ` under element ${element}` : ''} of unit ${u.code} has no Range category row above this one`, row.row, r.columnName(row.origin, 'category'));
          break;
        }
        at(`range.${ci}.items.${u.range[ci]!.items.length}`);
        u.range[ci]!.items.push(defined({ code, text, notes }));
        break;
      }
      case 'knowledge':
      case 'evidence': {
        const list = kind === 'knowledge' ? u.knowledge : u.evidenceRequirements;
        const path = kind === 'knowledge' ? 'knowledge' : 'evidenceRequirements';
        if (!need(code, 'code', 'the code')) break;
        const parent = row.get('parent');
        if (parent === undefined) {
          at(`${path}.${list.length}`);
          list.push(defined({ code, text, heading: row.get('heading'), appliesTo: splitList(row.get('appliesTo')), notes }) as ParentDraft);
          break;
        }
        const pi = findLast(list, (p) => p.code === parent);
        if (pi < 0) {
          r.problem(row.origin.sheet, `"${parent}" is not a ${ITEM_ROW_KINDS[kind]} of unit ${u.code} above this row`, row.row, r.columnName(row.origin, 'parent'));
          break;
        }
        const subs = (list[pi]!.subItems ??= []);
        at(`${path}.${pi}.subItems.${subs.length}`);
        subs.push(defined({ code, text, notes }));
        break;
      }
      case 'guidance': {
        if (!need(text, 'text', 'the guidance text')) break;
        at(`assessmentGuidance.${u.assessmentGuidance.length}`);
        u.assessmentGuidance.push(defined({ criterion: code, text }));
        break;
      }
    }
  }
}

function readRules(r: Reader, groupIds: readonly string[]): Record<string, unknown>[] {
  const kinds = byLabel(RULE_KINDS);
  const scales = byLabel(LEVEL_SCALES);
  return r.table(TEMPLATE_SHEETS.rules, RULE_COLUMNS, ['kind', 'source']).flatMap((row, i): Record<string, unknown>[] => {
    r.origins.set(`rules.${i}`, row.origin);
    const kind = r.oneOf(row, 'kind', kinds, 'kind of rule') ?? (r.required(row, 'kind', 'the kind of rule'), undefined);
    const scale = r.oneOf(row, 'levelScale', scales, 'level scale');
    const levelMin = r.number(row, 'levelMin');
    const levelMax = r.number(row, 'levelMax');
    if (!scale && (levelMin !== null || levelMax !== null)) r.problem(row.origin.sheet, 'a level range needs "Only units at" (which scale)', row.row, r.columnName(row.origin, 'levelScale'));
    const groups = splitList(row.get('groups'));
    for (const g of groups ?? []) {
      if (!groupIds.includes(g)) r.problem(row.origin.sheet, `unknown group "${g}": not on the Groups sheet`, row.row, r.columnName(row.origin, 'groups'));
    }
    const common = defined({ source: r.required(row, 'source', "the document's words"), notes: splitLines(row.get('notes')) });
    const bounds = defined({ min: r.number(row, 'min') ?? undefined, max: r.number(row, 'max') ?? undefined });
    const levels = scale ? { levels: defined({ scale, min: levelMin ?? undefined, max: levelMax ?? undefined }) } : {};
    if (!kind) return [];
    if (kind === 'mandatory') return [{ kind, groups, ...common }];
    if (kind === 'unitsPerGroup') return [{ kind, groups, ...bounds, ...common }];
    return [defined({ kind, groups, ...levels, ...bounds, ...common })];
  });
}

function findLast<T>(list: readonly T[], test: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}

/** Words for the schema's keys, as the template's columns name them. */
const KEY_COLUMNS: Record<string, string> = {
  code: 'code',
  title: 'text',
  text: 'text',
  appliesTo: 'appliesTo',
  heading: 'heading',
  criterion: 'code',
  element: 'element',
  groups: 'groups',
  min: 'min',
  max: 'max',
  source: 'source',
  notes: 'notes',
  level: 'level',
  scqfLevel: 'scqfLevel',
  credit: 'credit',
  glh: 'glh',
};

/** A schema problem placed on the sheet and row its value came from. */
function placeIssue(r: Reader, path: readonly PropertyKey[], message: string): TemplateProblem {
  const parts = path.map(String);
  if (parts[0] === 'identifiers') return { sheet: TEMPLATE_SHEETS.identifiers, message: `identifier ${Number(parts[1]) + 1}: ${message}` };
  if (parts.length <= 2 && !['units', 'groups', 'rules'].includes(parts[0] ?? '')) {
    const field = QUALIFICATION_FIELDS.find((f) => f.key === parts[0] || (parts[0] === 'source' && f.key === `source${capital(parts[1] ?? '')}`));
    const origin = field ? r.origins.get(`q.${field.key}`) : undefined;
    return { sheet: TEMPLATE_SHEETS.qualification, row: origin?.row, ...(origin ? { at: { row: origin.row - 1, col: 1 } } : {}), message: `${field ? `"${field.label}": ` : ''}${message}` };
  }
  for (let n = parts.length; n > 0; n--) {
    const origin = r.origins.get(parts.slice(0, n).join('.'));
    if (!origin) continue;
    const key = parts.slice(n).find((p) => Number.isNaN(Number(p)));
    const columnKey = key ? (KEY_COLUMNS[key] ?? key) : undefined;
    const column = columnKey ? r.columnName(origin, columnKey) : undefined;
    return { sheet: origin.sheet, row: origin.row, column, at: { row: origin.row - 1, col: (columnKey ? origin.headerCols.get(columnKey) : undefined) ?? 0 }, message };
  }
  return { sheet: TEMPLATE_SHEETS.qualification, message: `${parts.join('.')}: ${message}` };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
