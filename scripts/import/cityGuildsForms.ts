/*
 * Importer for seed 004_e544539dd1d23242.txt: City & Guilds unit recording forms,
 * "Appendix 1 Unit recording forms" of a Level 2 N/SVQ in Customer Service handbook.
 *
 *   npx tsx scripts/import/cityGuildsForms.ts [seedPath]
 *
 * Writes src/domain/standards/data/cg-nsvq2-recording-forms.json.
 *
 * LAYOUT OF THE SEED (a flattened Word table per form page)
 * - A table row is a run of lines, one cell per line, each cell line starting with a TAB; a fully
 *   empty line ends a row. Lines without a leading TAB are page text ("Unit 201 Give customers ...",
 *   "Sampled by Internal verifier:  YES/NO", the stray "Ref:" of a split "Location Ref:" heading).
 * - Each form starts with "Unit NNN Title" (Unit 105 prints the title on the next line) and may run
 *   over several pages; every continuation page repeats the unit heading and the column headings.
 *   Forms appear in the order 101, 105, 201..212, 106, 213..216 (106 after 212); Appendix 2 (general
 *   recording documents, not units) ends the part we read.
 * - Column headings: a row "Standards | U/K | Evidence Requirements | Location ref:", then one or two
 *   rows of column labels, then the standards rows ("101.1.1 explain what ..." followed by one empty
 *   cell per grid column), then the sign-off boxes (assessor / internal verifier: not data).
 *
 * HOW THE LABEL ROWS ARE READ (the decision the brief asks us to document)
 * - The LAST label row is the leaf row: it has exactly one cell per grid column (Standards column,
 *   one per U/K or evidence-requirement column, Location ref), the same number of cells as every
 *   standards row of the form. This holds for every page of every form in the seed and is checked.
 * - Unit 101 has a single label row: "a..o" then "1..6". Letters are the U/K (knowledge and
 *   understanding) columns, numbers the evidence requirements (ER) without sub-columns.
 * - Every other unit has two label rows. The first prints blank cells over the Standards and U/K
 *   columns, then the ER numbers 1..n (consecutive), then a blank over Location. The second (leaf)
 *   row prints the U/K letters a, b, c, ... first, then, for the ER columns in order, either a blank
 *   cell (an ER number whose cell is merged down: no sub-columns) or a run of letters restarting at
 *   "a" (the lettered sub-columns of one ER number). In Units 201, 206 and 208 the first label row
 *   even has one blank cell per U/K column, so the U/K letters sit before the first ER number.
 * - So U/K = the leading letter run of the leaf row (always letters in this seed, never numbers);
 *   ER parents = the numbers of the first label row, matched in order to the ER "slots" of the leaf
 *   row (one per blank cell or letter run). The number of slots equals the number of ER numbers in
 *   every unit (checked; the importer throws otherwise), which is what makes the assignment of the
 *   lettered sub-columns to their ER numbers safe. The flattened text prints no parent number next to
 *   any sub-letter, so each unit with sub-columns carries a note saying which numbers they were
 *   assigned to and why. ER and U/K items have codes only: the forms print no wording for them.
 * - The brief suggested the numbers might be U/K columns (e.g. Unit 105 "1..7 then a..n then a..d,
 *   a..b, a..c"). The cell positions say otherwise: 1..7 are printed over the evidence-requirement
 *   part of the grid, a..n sit under U/K, and 14 U/K + 13 ER leaf columns = the 27 grid columns of
 *   the standards rows. The same reading fits all 19 units.
 *
 * Elements: the first two parts of a standards code ("101.1"); the forms print no element titles.
 * Unit level/credit/GLH: not printed (the first digit of the unit number is not a stated level).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { qualificationSchema, type Element, type ParentItem, type Qualification, type Unit } from '../../src/domain/standards/schema';
import { applyCityGuildsFormsCorrections } from './corrections/cityGuildsForms';

export const SEED_FILE = '004_e544539dd1d23242.txt';
export const OUTPUT_FILE = 'src/domain/standards/data/cg-nsvq2-recording-forms.json';

type Token = { kind: 'row'; cells: string[]; line: number } | { kind: 'text'; text: string; line: number };

/** Lines -> table rows (cells) and page-text lines, restricted to Appendix 1. */
function tokenize(seedText: string): Token[] {
  const lines = seedText.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*Appendix 1\b/.test(l));
  const end = lines.findIndex((l) => /^\s*Appendix 2\b/.test(l));
  if (start < 0 || end < 0 || end < start) throw new Error('seed: cannot find "Appendix 1" ... "Appendix 2"');
  const tokens: Token[] = [];
  let row: { cells: string[]; line: number } | undefined;
  const flush = () => {
    if (row) tokens.push({ kind: 'row', ...row });
    row = undefined;
  };
  for (let i = start; i < end; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' && !raw.includes('\t')) {
      flush();
    } else if (raw.startsWith('\t')) {
      row ??= { cells: [], line: i + 1 };
      row.cells.push(clean(raw));
    } else {
      flush();
      tokens.push({ kind: 'text', text: clean(raw), line: i + 1 });
    }
  }
  flush();
  return tokens;
}

/** Conversion artefacts only: surrounding whitespace, runs of spaces, markdown emphasis. */
function clean(s: string): string {
  return s
    .replace(/<\/?i>/g, '')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const CRITERION = /^(\d{3})\.(\d+)\.(\d+)\s+(.+)$/;
const UNIT_HEADING = /^Unit (\d{3})(?:\s+(.+))?$/;
const SIGN_OFF = /^(Assessor signature|Internal verifier signature|Date completed|Date verified|Print name)$/;
const IGNORED_TEXT = [/^Appendix 1 Unit recording forms$/, /^The following recording documentation has been made available/, /^Sampled by Internal verifier:?\s+YES\/NO$/, /^Ref:$/];

interface ColumnLayout {
  /** U/K column labels, in order. */
  knowledge: string[];
  /** ER parents in order, with their lettered sub-columns (if any). */
  evidence: { code: string; subs: string[] }[];
  /** Leaf row width including the Standards and Location columns. */
  width: number;
  /** Canonical text of the label rows, to compare continuation pages. */
  signature: string;
}

const isLetter = (s: string) => /^[a-z]$/.test(s);
const isNumber = (s: string) => /^\d+$/.test(s);
const nextLetter = (s: string) => String.fromCharCode(s.charCodeAt(0) + 1);

function readColumns(labelRows: string[][], where: string): ColumnLayout {
  if (labelRows.length < 1 || labelRows.length > 2) throw new Error(`${where}: expected 1 or 2 column-label rows, got ${labelRows.length}`);
  const leaf = labelRows[labelRows.length - 1]!;
  if (leaf[0] !== '' || leaf[leaf.length - 1] !== '') throw new Error(`${where}: leaf label row should start (Standards) and end (Location) blank`);
  const cols = leaf.slice(1, -1);

  // U/K: the leading run of consecutive letters a, b, c, ...
  const knowledge: string[] = [];
  let i = 0;
  while (i < cols.length && cols[i] === (knowledge.length === 0 ? 'a' : nextLetter(knowledge[knowledge.length - 1]!))) {
    knowledge.push(cols[i]!);
    i++;
  }
  if (knowledge.length === 0) throw new Error(`${where}: no U/K letter columns found`);

  // ER slots: a blank cell (number without sub-columns), a number printed in the leaf row itself,
  // or a run of letters restarting at "a" (sub-columns of one number).
  type Slot = { printed?: string; subs: string[] };
  const slots: Slot[] = [];
  for (; i < cols.length; i++) {
    const c = cols[i]!;
    const last = slots[slots.length - 1];
    if (c === '') slots.push({ subs: [] });
    else if (isNumber(c)) slots.push({ printed: c, subs: [] });
    else if (c === 'a') slots.push({ subs: ['a'] });
    else if (isLetter(c) && last && last.subs.length > 0 && nextLetter(last.subs[last.subs.length - 1]!) === c) last.subs.push(c);
    else throw new Error(`${where}: unexpected ER column label "${c}"`);
  }

  let numbers: string[];
  if (labelRows.length === 1) {
    if (slots.some((s) => s.printed === undefined)) throw new Error(`${where}: single label row with unnumbered ER columns`);
    numbers = slots.map((s) => s.printed!);
  } else {
    if (slots.some((s) => s.printed !== undefined)) throw new Error(`${where}: ER numbers printed in both label rows`);
    const top = labelRows[0]!;
    const firstNum = top.findIndex(isNumber);
    numbers = top.filter((c) => c !== '');
    if (!numbers.every(isNumber)) throw new Error(`${where}: first label row should hold only ER numbers`);
    // blanks only before the numbers (Standards, U/K) and one after (Location)
    if (top.slice(firstNum, firstNum + numbers.length).some((c) => !isNumber(c)) || top.length !== firstNum + numbers.length + 1) {
      throw new Error(`${where}: ER numbers are not one contiguous run followed by the Location cell`);
    }
  }
  numbers.forEach((n, k) => {
    if (n !== String(k + 1)) throw new Error(`${where}: ER numbers are not 1..n (got ${numbers.join(',')})`);
  });
  if (numbers.length !== slots.length) {
    throw new Error(`${where}: ${numbers.length} ER numbers but ${slots.length} ER column slots; cannot assign sub-columns`);
  }
  return {
    knowledge,
    evidence: slots.map((s, k) => ({ code: numbers[k]!, subs: s.subs })),
    width: leaf.length,
    signature: labelRows.map((r) => r.join('|')).join(' / '),
  };
}

interface Form {
  code: string;
  title: string;
  titleLine: number;
  layout?: ColumnLayout;
  criteria: { code: string; element: string; text: string }[];
  notes: string[];
}

function parseForms(seedText: string): Form[] {
  const tokens = tokenize(seedText);
  const forms: Form[] = [];
  let form: Form | undefined;
  // 'labels' while collecting column-label rows after a "Standards | U/K | ..." row.
  let labelRows: string[][] | undefined;
  let headingLine = 0;

  const finishLabels = () => {
    if (!labelRows || !form) return;
    const layout = readColumns(labelRows, `Unit ${form.code}, headings at line ${headingLine}`);
    if (!form.layout) form.layout = layout;
    else if (form.layout.signature !== layout.signature) {
      throw new Error(`Unit ${form.code}: continuation page (line ${headingLine}) prints different column labels`);
    }
    labelRows = undefined;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (tok.kind === 'text') {
      const m = UNIT_HEADING.exec(tok.text);
      if (m) {
        let title = m[2];
        if (!title) {
          const next = tokens[t + 1];
          if (next?.kind !== 'text') throw new Error(`line ${tok.line}: "Unit ${m[1]}" without a title`);
          title = next.text;
          t++;
        }
        if (form && form.code === m[1]) {
          if (form.title !== title) {
            form.notes.push(`The continuation page heading (line ${tok.line}) prints the title as "${title}"; the first page prints "${form.title}". The first page's title is used.`);
          }
        } else {
          if (forms.some((f) => f.code === m[1])) throw new Error(`line ${tok.line}: Unit ${m[1]} starts a second form`);
          form = { code: m[1]!, title, titleLine: tok.line, criteria: [], notes: [] };
          forms.push(form);
        }
        continue;
      }
      if (IGNORED_TEXT.some((re) => re.test(tok.text))) continue;
      throw new Error(`line ${tok.line}: unexpected text "${tok.text}"`);
    }

    const cells = tok.cells;
    const first = cells[0] ?? '';
    if (first === 'Standards') {
      if (!form) throw new Error(`line ${tok.line}: column headings before any unit heading`);
      if (!/^U\/K$/.test(cells[1] ?? '') || !/^Evidence Requirements$/i.test(cells[2] ?? '') || !/^Location/i.test(cells[3] ?? '') || cells.length !== 4) {
        throw new Error(`line ${tok.line}: unexpected heading row ${cells.join(' | ')}`);
      }
      labelRows = [];
      headingLine = tok.line;
      continue;
    }
    const crit = CRITERION.exec(first);
    if (crit) {
      if (!form) throw new Error(`line ${tok.line}: standards row before any unit heading`);
      finishLabels();
      if (!form.layout) throw new Error(`line ${tok.line}: standards row before column headings`);
      const grid = cells.slice(1);
      if (grid.some((c) => c !== '')) throw new Error(`line ${tok.line}: standards row has filled grid cells`);
      // The last row on some pages is followed at once by the next page's heading line, so its
      // empty grid cells were lost; every other row has exactly one cell per column.
      if (cells.length !== 1 && cells.length !== form.layout.width) {
        throw new Error(`line ${tok.line}: standards row has ${cells.length} cells; the column labels give ${form.layout.width}`);
      }
      const code = `${crit[1]}.${crit[2]}.${crit[3]}`;
      if (form.criteria.some((c) => c.code === code)) throw new Error(`line ${tok.line}: criterion ${code} printed twice`);
      form.criteria.push({ code, element: `${crit[1]}.${crit[2]}`, text: crit[4]! });
      continue;
    }
    if (labelRows) {
      labelRows.push(cells);
      continue;
    }
    if (cells.every((c) => c === '') || SIGN_OFF.test(first)) continue; // sign-off boxes: not data
    throw new Error(`line ${tok.line}: unexpected row ${cells.join(' | ')}`);
  }
  return forms;
}

function letterRange(subs: string[]): string {
  return subs.length > 1 ? `${subs[0]}-${subs[subs.length - 1]}` : subs[0]!;
}

function toUnit(form: Form): Unit {
  const layout = form.layout!;
  const elements: Element[] = [];
  for (const c of form.criteria) {
    let e = elements.find((x) => x.code === c.element);
    if (!e) {
      e = { code: c.element, criteria: [] };
      elements.push(e);
    }
    e.criteria.push({ code: c.code, text: c.text });
  }
  const knowledge: ParentItem[] = layout.knowledge.map((code) => ({ code }));
  const withSubs = layout.evidence.filter((p) => p.subs.length > 0);
  const evidenceRequirements: ParentItem[] = layout.evidence.map((p) =>
    p.subs.length > 0
      ? {
          code: p.code,
          subItems: p.subs.map((s) => ({ code: s })),
          notes: [`The form prints sub-columns ${letterRange(p.subs)} without their parent number; assigned to evidence requirement ${p.code} by column position.`],
        }
      : { code: p.code },
  );
  const notes = [...form.notes];
  const evidenceRange = `1-${layout.evidence.length}`;
  if (withSubs.length > 0) {
    const plain = layout.evidence.filter((p) => p.subs.length === 0).map((p) => p.code);
    notes.push(
      `Column headings: U/K ${letterRange(layout.knowledge)}; evidence requirements ${evidenceRange}. ` +
        `The lettered evidence-requirement sub-columns (${withSubs.map((p) => letterRange(p.subs)).join(', ')}) are printed in a second heading row without their parent numbers. ` +
        `They are assigned to evidence requirements ${withSubs.map((p) => p.code).join(', ')} by column position: that row leaves one blank cell under each number without sub-columns (${plain.join(', ')}), ` +
        `and the ${layout.evidence.length} slots (blank cells and letter runs) match the ${layout.evidence.length} printed numbers in order.`,
    );
  } else {
    notes.push(`Column headings: U/K ${letterRange(layout.knowledge)}; evidence requirements ${evidenceRange} (no sub-columns).`);
  }
  return {
    code: form.code,
    codes: [{ scheme: 'unit number', code: form.code }],
    title: form.title,
    level: null,
    scqfLevel: null,
    credit: null,
    glh: null,
    detailed: true,
    elementKind: 'element',
    elements,
    range: [],
    knowledge,
    evidenceRequirements,
    assessmentGuidance: [],
    simulation: 'not stated',
    notes,
  };
}

export function importCityGuildsForms(seedText: string): Qualification {
  const forms = parseForms(seedText);
  const order = forms.map((f) => f.code);
  const q: Qualification = {
    id: 'cg-nsvq2-recording-forms',
    title: 'Level 2 N/SVQ in Customer Service (unit recording forms)',
    awardingBody: 'City & Guilds',
    framework: 'NVQ',
    level: 2,
    scqfLevel: null,
    identifiers: [{ scheme: 'title', value: 'Level 2 N/SVQ in Customer Service' }],
    glh: null,
    tqt: null,
    minimumCredits: null,
    groups: [],
    rules: [],
    units: forms.map(toUnit),
    source: {
      document: SEED_FILE,
      description:
        'City & Guilds unit recording forms: "Appendix 1 Unit recording forms" of a Level 2 N/SVQ in Customer Service handbook (units 101, 105, 106, 201-216). Appendix 2 (general recording documents: assessment report, action plan, observation record, witness lists, expert witness forms) is not units and is not transcribed.',
    },
    notes: [
      'The document prints no qualification number or accreditation number. The qualification is identified by its title, "Level 2 N/SVQ in Customer Service", as printed on the Appendix 2 forms (the unit forms of Appendix 1 do not print it).',
      'The document gives no structure table, no unit groups and no rules of combination, so groups and rules are empty: whether a set of units achieves the qualification cannot be checked from this document. It gives forms for units 101, 105, 106 and 201-216 only and does not say whether other units exist.',
      `Units are listed in the order the forms are printed: ${order.join(', ')} (the Unit 106 form comes after Unit 212).`,
      'Unit level, credit and guided learning hours are not printed: they are null. The first digit of a unit number (1xx, 2xx) is not a printed level and is not used as one. The qualification level 2 is from its title.',
      'Elements are the first two parts of each standards code (101.1, 101.2); the forms print no element titles. Standards rows are the criteria, with their text as printed.',
      'Column headings are printed as bare labels. Reading adopted for every unit (see each unit note): the letter columns a, b, c, ... printed first, under "U/K", are the knowledge and understanding items; the numbered columns 1..n under "Evidence Requirements" are the evidence requirements, and the lettered sub-columns printed in a second heading row belong to the evidence-requirement numbers above them, assigned by column position (the sub-column row leaves a blank cell under each number without sub-columns; the counts match in every unit). U/K and evidence-requirement items have codes only: the forms print no wording for them.',
      'Not transcribed (not data): the "Location ref" column, the assessor signature / print name / date completed boxes, "Sampled by Internal verifier: YES/NO" and the internal verifier boxes (printed incompletely on some forms, e.g. Units 210 and 211 print only "Assessor signature", Unit 212 has no assessor box).',
      'Simulation: the forms say nothing about simulation; every unit is "not stated".',
    ],
  };
  applyCityGuildsFormsCorrections(q);
  for (const u of q.units) {
    for (const e of u.elements) {
      if (!e.code.startsWith(`${u.code}.`)) throw new Error(`Unit ${u.code}: element ${e.code} is not numbered into the unit (needs a correction)`);
    }
  }
  return qualificationSchema.parse(q);
}

function main(): void {
  const seedPath = path.resolve(process.cwd(), process.argv[2] ?? path.join('..', 'shared', 'seeds', SEED_FILE));
  const data = importCityGuildsForms(fs.readFileSync(seedPath, 'utf8'));
  const out = path.resolve(process.cwd(), OUTPUT_FILE);
  fs.writeFileSync(out, JSON.stringify(data, null, 2) + '\n');
  const items = data.units.reduce((n, u) => n + u.elements.reduce((m, e) => m + e.criteria.length, 0), 0);
  console.log(`wrote ${path.relative(process.cwd(), out)}: ${data.units.length} units, ${items} criteria`);
}

if (typeof require !== 'undefined' && require.main === module) main();
