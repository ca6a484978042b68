import { QUALIFICATION_ID_SCHEMES, SIMULATION, UNIT_CODE_SCHEMES } from '../schema';

/*
 * The standards template: a qualification as worksheets a centre coordinator can fill by pasting
 * from an awarding body's specification. One table per sheet, headers in the users' words, a
 * drop-down wherever a column takes one of a few words. Shared by the writer (templatePlan.ts) and
 * the reader (readTemplate.ts) so the two can never disagree about a column.
 *
 * Lists inside one cell (codes a rule counts, elements an item applies to) are comma-separated;
 * notes are one per line of the cell.
 */

export const TEMPLATE_SHEETS = {
  about: 'How to fill this in',
  qualification: 'Qualification',
  identifiers: 'Identifiers',
  groups: 'Groups',
  units: 'Units',
  items: 'Items',
  rules: 'Rules',
} as const;

/** Row of each table sheet's column headers (row 0 is the sheet's one-line instruction). */
export const TEMPLATE_HEADER_ROW = 2;

export interface TemplateColumn<K extends string = string> {
  key: K;
  label: string;
  /** Typed as text so "1.10" stays "1.10" (a code, not a number). */
  text?: boolean;
  width: number;
  /** Drop-down values. */
  list?: readonly string[];
  help: string;
}

const col = <K extends string>(key: K, label: string, width: number, help: string, extra: Pick<TemplateColumn, 'text' | 'list'> = {}): TemplateColumn<K> => ({
  key,
  label,
  width,
  help,
  ...extra,
});

export const YES_NO = ['Yes', 'No'] as const;

export const QUALIFICATION_FIELDS = [
  col('id', 'Id', 0, 'A short id for files and the tools, unique at your centre, e.g. "centre-retail-l2".', { text: true }),
  col('title', 'Title', 0, 'The qualification title as the awarding body prints it.'),
  col('awardingBody', 'Awarding body', 0, 'e.g. City & Guilds, Pearson, SQA.'),
  col('framework', 'Framework', 0, 'One of the listed frameworks.', { list: ['NVQ/QCF', 'RQF', 'SVQ/SCQF', 'CVQ', 'Diploma/QCF', 'NVQ'] }),
  col('level', 'Level', 0, 'RQF/QCF level 0-8; blank if the document does not say.'),
  col('scqfLevel', 'SCQF level', 0, 'SCQF level 1-12; blank if the document does not say.'),
  col('glh', 'Guided learning hours', 0, 'Blank if the document does not say.'),
  col('tqt', 'Total qualification time', 0, 'Blank if the document does not say.'),
  col('minimumCredits', 'Minimum credits', 0, 'Blank if the document does not say.'),
  col('version', 'Version', 0, 'Your own version of this sheet (e.g. 2026-09); shown on every workbook built from it.', { text: true }),
  col('sourceDocument', 'Source document', 0, 'The specification this was copied from (file name or title).'),
  col('sourceDescription', 'Source description', 0, 'Which edition, which pages.'),
  col('notes', 'Notes', 0, 'Anything you had to interpret; one note per line.'),
] as const;

export const IDENTIFIER_COLUMNS = [
  col('scheme', 'Scheme', 26, 'What kind of number or name this is.', { list: QUALIFICATION_ID_SCHEMES }),
  col('value', 'Identifier', 40, 'e.g. 601/3456/2, 4430-02, or the title. The tools find the qualification by any of these.', { text: true }),
] as const;

export const GROUP_COLUMNS = [
  col('id', 'Group', 14, 'A short id rules refer to ("mandatory", "A").', { text: true }),
  col('title', 'Title', 50, 'The group as the document names it ("Optional units - group A").'),
  col('mandatory', 'Mandatory', 12, 'Yes if every unit of the group must be achieved.', { list: YES_NO }),
] as const;

export const UNIT_COLUMNS = [
  col('code', 'Unit code', 14, 'The code the tools and grids use for the unit.', { text: true }),
  col('codeScheme', 'Code scheme', 26, 'What kind of code the unit code is.', { list: UNIT_CODE_SCHEMES }),
  col('otherCodes', 'Other codes', 30, 'Other codes of the unit, one per line as "scheme: code" (e.g. "NDAQ: L/601/0933").', { text: true }),
  col('title', 'Title', 50, 'The unit title.'),
  col('group', 'Group', 12, 'The group (Groups sheet) the unit belongs to; blank if none.', { text: true }),
  col('level', 'Level', 8, 'Blank if not stated.'),
  col('scqfLevel', 'SCQF level', 8, 'Blank if not stated.'),
  col('credit', 'Credit', 8, 'Blank if not stated.'),
  col('glh', 'GLH', 8, 'Guided learning hours; blank if not stated.'),
  col('detailed', 'Detailed', 10, 'No if the document only lists the unit (no criteria to mark).', { list: YES_NO }),
  col('elementKind', 'Parts are called', 18, 'What the document calls the parts of the unit.', { list: ['element', 'learning outcome'] }),
  col('simulation', 'Simulation', 14, 'Whether simulation is an allowed assessment method.', { list: SIMULATION }),
  col('summary', 'Summary', 40, 'The unit aim or descriptor (optional).'),
  col('notes', 'Notes', 40, 'One note per line.'),
] as const;

/** The kinds of row on the Items sheet, in the words a coordinator reads in a specification. */
export const ITEM_ROW_KINDS = {
  element: 'Element / learning outcome',
  criterion: 'Criterion',
  rangeCategory: 'Range category',
  range: 'Range',
  knowledge: 'Knowledge',
  evidence: 'Evidence requirement',
  guidance: 'Assessment guidance',
} as const;
export type ItemRowKind = keyof typeof ITEM_ROW_KINDS;

export const ITEM_COLUMNS = [
  col('unit', 'Unit', 12, 'The unit code (Units sheet).', { text: true }),
  col('kind', 'Kind', 26, 'What the row is.', { list: Object.values(ITEM_ROW_KINDS) }),
  col('element', 'Element / learning outcome', 14, 'For a criterion: its element or learning outcome. For a range category or range item: the element it is printed under, if any.', { text: true }),
  col('category', 'Range category', 10, 'For a range item: the code of its category.', { text: true }),
  col('parent', 'Sub-item of', 10, 'For a lettered sub-item of a knowledge item or evidence requirement: the code of the item it belongs to.', { text: true }),
  col('code', 'Code', 10, 'The code as printed ("1.1", "K3", "a"). For assessment guidance: the criterion it explains, or blank.', { text: true }),
  col('text', 'Text', 70, 'The wording. For an element or range category: its title.'),
  col('heading', 'Heading', 24, 'For a knowledge item or evidence requirement: a sub-heading it is printed under.'),
  col('appliesTo', 'Applies to', 14, 'Elements it applies to, comma-separated (range categories must say; items: blank means the whole unit).', { text: true }),
  col('notes', 'Notes', 40, 'One note per line.'),
] as const;

export const RULE_KINDS = {
  mandatory: 'All units of the groups',
  unitCount: 'Number of units',
  credits: 'Credits',
  glh: 'Guided learning hours',
  unitsPerGroup: 'Units from each group',
} as const;

export const LEVEL_SCALES = { level: 'Level', scqf: 'SCQF level' } as const;

export const RULE_COLUMNS = [
  col('kind', 'Rule', 24, 'What the rule counts.', { list: Object.values(RULE_KINDS) }),
  col('groups', 'Groups', 16, 'Groups it counts, comma-separated; blank means every unit (required for "All units of the groups" and "Units from each group").', { text: true }),
  col('levelScale', 'Only units at', 14, 'Count only units at these levels: which scale.', { list: Object.values(LEVEL_SCALES) }),
  col('levelMin', 'From level', 10, 'Lowest level counted (blank: no lower bound).'),
  col('levelMax', 'To level', 10, 'Highest level counted (blank: no upper bound).'),
  col('min', 'At least', 10, 'Blank: no minimum.'),
  col('max', 'At most', 10, 'Blank: no maximum.'),
  col('source', "The document's words", 60, 'The rule as the specification words it.'),
  col('notes', 'Notes', 40, 'One note per line.'),
] as const;

export type ColumnKey<C extends readonly TemplateColumn[]> = C[number]['key'];

export const SHEET_INSTRUCTIONS: Record<Exclude<keyof typeof TEMPLATE_SHEETS, 'about'>, string> = {
  qualification: 'One value per field. Blank means the document does not say.',
  identifiers: 'Every number or name the qualification is known by (at least one).',
  groups: 'Groups of units the rules of combination refer to. Leave empty if there are none.',
  units: 'One row per unit, in the order of the specification.',
  items:
    'One row per element, criterion, range category and item, knowledge item and evidence requirement, in the order of the specification. Paste the text straight from the document.',
  rules: 'The rules of combination: one row per rule. Leave empty if the qualification has none.',
};

export const ABOUT_LINES = [
  'A qualification for VQ Matrix, written as worksheets.',
  '',
  'Fill in the sheets from the awarding body\'s specification: Qualification, Identifiers, Groups, Units, Items, Rules.',
  'Each sheet is one table: keep its header row, add rows below it. Columns with a drop-down take one of its words.',
  'Codes are kept exactly as you type them ("1.10" stays "1.10"). Lists in one cell are comma-separated; notes are one per line.',
  'Items sheet: an Element row gives an element its title; each Criterion row names its element. A Range row names its',
  'range category (and the element the category is printed under). A lettered sub-item names the item it belongs to in "Sub-item of".',
  '',
  'Then: vq-matrix standards import this-file.xlsx -o centre.json (or "Use this sheet" in the task pane).',
  'Every problem is listed with its sheet, row and column; nothing is produced until there are none.',
];
