import { definedName } from '../../workbook/names';
import { emptySheet, type PlanValue, type SheetPlan, type WorkbookPlan } from '../../workbook/plan';
import type { ParentItem, Qualification, Rule, Unit } from '../schema';
import {
  ABOUT_LINES,
  GROUP_COLUMNS,
  IDENTIFIER_COLUMNS,
  ITEM_COLUMNS,
  ITEM_ROW_KINDS,
  LEVEL_SCALES,
  QUALIFICATION_FIELDS,
  RULE_COLUMNS,
  RULE_KINDS,
  SHEET_INSTRUCTIONS,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_SHEETS,
  UNIT_COLUMNS,
  type TemplateColumn,
} from './templateLayout';

/*
 * Writes a qualification into the standards template (see templateLayout.ts): the same sheets a
 * coordinator fills by hand, so `standards export` followed by `standards import` gives back the
 * same qualification.
 */

/** Rows offered below the data with drop-downs and text formats, for pasting more. */
const ROOM_FOR_MORE = 300;
const HEADER_FILL = '#1F4E78';
const NOTE_COLOR = '#595959';

type Row = Record<string, PlanValue | undefined>;

const lines = (notes: readonly string[] | undefined): string | null => (notes && notes.length > 0 ? notes.join('\n') : null);
const list = (codes: readonly string[] | undefined): string | null => (codes && codes.length > 0 ? codes.join(', ') : null);
const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');

function tableSheet(name: string, instruction: string, columns: readonly TemplateColumn[], rows: Row[], tableName: string): SheetPlan {
  const sheet = emptySheet(name, 'standardsTemplate');
  const header = TEMPLATE_HEADER_ROW;
  const first = header + 1;
  const last = first + Math.max(rows.length, 1) - 1;
  sheet.blocks.push({ row: 0, col: 0, values: [[instruction]] });
  sheet.blocks.push({
    row: header,
    col: 0,
    values: [columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => r[c.key] ?? null))],
  });
  sheet.styles.push({ range: { row: 0, col: 0 }, style: { italic: true, fontColor: NOTE_COLOR } });
  sheet.styles.push({ range: { row: header, col: 0, endCol: columns.length - 1 }, style: { bold: true, fontColor: '#FFFFFF', fill: HEADER_FILL, wrap: true, vertical: 'top' } });
  const through = last + ROOM_FOR_MORE;
  columns.forEach((c, i) => {
    sheet.columnWidths.push({ col: i, width: c.width });
    sheet.styles.push({ range: { row: first, col: i, endRow: through }, style: { wrap: true, vertical: 'top', ...(c.text ? { numberFormat: '@' } : {}) } });
    if (c.list) {
      sheet.validations.push({
        range: { row: first, col: i, endRow: through },
        list: [...c.list],
        allowBlank: true,
        errorTitle: `${c.label}: choose from the list`,
        errorMessage: `${c.help} Choose one of: ${c.list.join(', ')}.`,
      });
    }
  });
  sheet.tables.push({ name: tableName, range: { row: header, col: 0, endRow: last, endCol: columns.length - 1 }, style: 'TableStyleLight9' });
  sheet.freeze = { rows: header + 1, cols: 0 };
  return sheet;
}

function qualificationSheet(q: Qualification | null, tableName: string): SheetPlan {
  const values: Record<string, PlanValue> = !q ? {} : {
    id: q.id,
    title: q.title,
    awardingBody: q.awardingBody,
    framework: q.framework,
    level: q.level,
    scqfLevel: q.scqfLevel,
    glh: q.glh,
    tqt: q.tqt,
    minimumCredits: q.minimumCredits,
    version: q.version ?? null,
    sourceDocument: q.source.document,
    sourceDescription: q.source.description,
    notes: lines(q.notes),
  };
  const columns: TemplateColumn[] = [
    { key: 'field', label: 'Field', width: 24, help: '' },
    { key: 'value', label: 'Value', width: 70, help: '', text: true },
    { key: 'help', label: 'What to put', width: 60, help: '' },
  ];
  const rows = QUALIFICATION_FIELDS.map((f) => ({ field: f.label, value: values[f.key] ?? null, help: f.help }));
  const sheet = tableSheet(TEMPLATE_SHEETS.qualification, SHEET_INSTRUCTIONS.qualification, columns, rows, tableName);
  // Numbers typed into the Value column stay numbers; only the id and version are codes.
  sheet.styles = sheet.styles.filter((s) => !(s.style.numberFormat === '@'));
  sheet.styles.push({ range: { row: TEMPLATE_HEADER_ROW + 1, col: 2, endRow: TEMPLATE_HEADER_ROW + rows.length }, style: { italic: true, fontColor: NOTE_COLOR } });
  const framework = QUALIFICATION_FIELDS.findIndex((f) => f.key === 'framework');
  const frameworkList = QUALIFICATION_FIELDS[framework]!.list!;
  sheet.validations.push({
    range: { row: TEMPLATE_HEADER_ROW + 1 + framework, col: 1 },
    list: [...frameworkList],
    allowBlank: false,
    errorTitle: 'Framework: choose from the list',
    errorMessage: `Choose one of: ${frameworkList.join(', ')}.`,
  });
  for (const key of ['id', 'version'] as const) {
    const i = QUALIFICATION_FIELDS.findIndex((f) => f.key === key);
    sheet.styles.push({ range: { row: TEMPLATE_HEADER_ROW + 1 + i, col: 1 }, style: { numberFormat: '@' } });
  }
  return sheet;
}

function parentRows(unit: string, kind: 'knowledge' | 'evidence', items: readonly ParentItem[]): Row[] {
  return items.flatMap((p) => [
    { unit, kind: ITEM_ROW_KINDS[kind], code: p.code, text: p.text ?? null, heading: p.heading ?? null, appliesTo: list(p.appliesTo), notes: lines(p.notes) },
    ...(p.subItems ?? []).map((s) => ({ unit, kind: ITEM_ROW_KINDS[kind], parent: p.code, code: s.code, text: s.text ?? null, notes: lines(s.notes) })),
  ]);
}

export function itemRows(u: Unit): Row[] {
  const unit = u.code;
  return [
    ...u.elements.flatMap((e) => [
      { unit, kind: ITEM_ROW_KINDS.element, code: e.code, text: e.title ?? null, notes: lines(e.notes) },
      ...e.criteria.map((c) => ({ unit, kind: ITEM_ROW_KINDS.criterion, element: e.code, code: c.code, text: c.text ?? null, notes: lines(c.notes) })),
    ]),
    ...u.range.flatMap((cat) => [
      { unit, kind: ITEM_ROW_KINDS.rangeCategory, element: cat.element ?? null, code: cat.code, text: cat.title, appliesTo: list(cat.appliesTo), notes: lines(cat.notes) },
      ...cat.items.map((i) => ({ unit, kind: ITEM_ROW_KINDS.range, element: cat.element ?? null, category: cat.code, code: i.code, text: i.text ?? null, notes: lines(i.notes) })),
    ]),
    ...parentRows(unit, 'knowledge', u.knowledge),
    ...parentRows(unit, 'evidence', u.evidenceRequirements),
    ...u.assessmentGuidance.map((g) => ({ unit, kind: ITEM_ROW_KINDS.guidance, code: g.criterion ?? null, text: g.text })),
  ];
}

function ruleRow(r: Rule): Row {
  const levels = 'levels' in r ? r.levels : undefined;
  return {
    kind: RULE_KINDS[r.kind],
    groups: list('groups' in r ? r.groups : undefined),
    levelScale: levels ? LEVEL_SCALES[levels.scale] : null,
    levelMin: levels?.min ?? null,
    levelMax: levels?.max ?? null,
    min: 'min' in r ? (r.min ?? null) : null,
    max: 'max' in r ? (r.max ?? null) : null,
    source: r.source,
    notes: lines(r.notes),
  };
}

/** An empty template for a new qualification. */
export function blankTemplatePlan(): WorkbookPlan {
  return templatePlan(null);
}

/** The whole qualification as a filled template (or an empty one): one table per sheet, drop-downs, instructions. */
export function templatePlan(given: Qualification | null): WorkbookPlan {
  const q: Pick<Qualification, 'groups' | 'identifiers' | 'units' | 'rules'> = given ?? { groups: [], identifiers: [], units: [], rules: [] };
  const groupOf = new Map<string, string[]>();
  for (const g of q.groups) for (const u of g.units) groupOf.set(u, [...(groupOf.get(u) ?? []), g.id]);
  const tableName = (sheet: string) => definedName(`Standards_${sheet}`);

  const about = emptySheet(TEMPLATE_SHEETS.about, 'standardsTemplate');
  about.blocks.push({ row: 0, col: 0, values: ABOUT_LINES.map((l) => [l === '' ? null : l]) });
  about.styles.push({ range: { row: 0, col: 0 }, style: { bold: true, fontSize: 14 } });
  about.columnWidths.push({ col: 0, width: 120 });

  const sheets: SheetPlan[] = [
    about,
    qualificationSheet(given, tableName('Qualification')),
    tableSheet(
      TEMPLATE_SHEETS.identifiers,
      SHEET_INSTRUCTIONS.identifiers,
      IDENTIFIER_COLUMNS,
      q.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })),
      tableName('Identifiers'),
    ),
    tableSheet(
      TEMPLATE_SHEETS.groups,
      SHEET_INSTRUCTIONS.groups,
      GROUP_COLUMNS,
      q.groups.map((g) => ({ id: g.id, title: g.title, mandatory: yesNo(g.mandatory) })),
      tableName('Groups'),
    ),
    tableSheet(
      TEMPLATE_SHEETS.units,
      SHEET_INSTRUCTIONS.units,
      UNIT_COLUMNS,
      q.units.map((u) => {
        const [primary, ...others] = orderCodes(u);
        return {
          code: u.code,
          codeScheme: primary!.scheme,
          otherCodes: others.length > 0 ? others.map((c) => `${c.scheme}: ${c.code}`).join('\n') : null,
          title: u.title,
          group: list(groupOf.get(u.code)),
          level: u.level,
          scqfLevel: u.scqfLevel,
          credit: u.credit,
          glh: u.glh,
          detailed: yesNo(u.detailed),
          elementKind: u.elementKind,
          simulation: u.simulation,
          summary: u.summary ?? null,
          notes: lines(u.notes),
        };
      }),
      tableName('Units'),
    ),
    tableSheet(TEMPLATE_SHEETS.items, SHEET_INSTRUCTIONS.items, ITEM_COLUMNS, q.units.flatMap(itemRows), tableName('Items')),
    tableSheet(TEMPLATE_SHEETS.rules, SHEET_INSTRUCTIONS.rules, RULE_COLUMNS, q.rules.map(ruleRow), tableName('Rules')),
  ];
  return { sheets, names: [], dateFormat: 'dd/mm/yyyy' };
}

/** The unit's own code first (the template has a column for it), then the others in their order. */
function orderCodes(u: Unit): Unit['codes'] {
  const own = u.codes.findIndex((c) => c.code === u.code);
  return own <= 0 ? u.codes : [u.codes[own]!, ...u.codes.slice(0, own), ...u.codes.slice(own + 1)];
}
