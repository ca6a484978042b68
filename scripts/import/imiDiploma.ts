/**
 * Importer for seed 003: IMI Level 2 Diploma in Customer Service (Ofqual 601/3456/2),
 * "Qualification Specification Part B Learner Assessment Record".
 *
 *   npx tsx scripts/import/imiDiploma.ts [seedPath]
 *
 * Layout of the seed (a plain-text conversion of the IMI Word/PDF document):
 * - a rules-of-combination paragraph and four structure tables ("Mandatory Group A: 19 Credits",
 *   "Optional Group B: ...", "Optional Group C: ..." continued as "Optional Group C continued.",
 *   "Optional Group D: ..."), rows `CFA Ref.<TAB>Ofqual Ref.<TAB>Title<TAB>Credit<TAB>Level<TAB>GLH`;
 * - one page per unit: "UNIT REF: CS 7<TAB>UNIT TITLE: ...", "Level: 2<TAB>Credit Value: 5<TAB>GLH: 27",
 *   "Mapping: ...", "Rationale: ...", then the learning outcome table, rows
 *   `1. Outcome<TAB>1.1 Criterion<TAB><TAB>` or `<TAB>1.2 Criterion<TAB><TAB>` (Ref No / Date columns
 *   empty), with the header row repeated on continuation pages;
 * - "Unit CS 7 Assessment Guidance table": rows `1.2 <criterion text><TAB><guidance>`, where the
 *   guidance may carry HTML list markup (<p>, <ul ...>, "•" bullets); a row with an empty first cell
 *   continues the previous row's guidance.
 *
 * Guidance text is turned into plain text with one line per paragraph / bullet item: list markup and
 * bullets are removed and the pieces joined by "\n" (consistently, for every unit).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { qualificationSchema, type Qualification, type Unit } from '../../src/domain/standards/schema';
import { imiDiplomaCorrections } from './corrections/imiDiploma';

export const IMI_DIPLOMA_SEED = '003_db0f29241d32c35e.txt';
export const IMI_DIPLOMA_ID = 'imi-l2-diploma-customer-service';

/** One row of a unit's assessment guidance table, before it becomes an `assessmentGuidance` entry. */
export interface GuidanceRow {
  /** The criterion code printed in the row's first column. */
  printedCode: string;
  /** The criterion text the row repeats (it may differ from the unit page's own wording). */
  printedText: string;
  /** The guidance, as plain text ("" where the seed leaves the cell empty). */
  text: string;
  /** The criterion the guidance is recorded against: printedCode unless a correction says otherwise. */
  criterion: string;
  /** Set by a correction that drops the row (the correction records why). */
  dropped?: boolean;
  /** Set by a correction that already notes the row's mismatch (suppresses the automatic note). */
  noted?: boolean;
}

export interface ParsedUnit {
  /** The unit as it will be written, `assessmentGuidance` still empty (filled from guidanceRows). */
  unit: Unit;
  guidanceRows: GuidanceRow[];
}

export interface ParsedImiDiploma {
  qualification: Qualification;
  /** Parsed unit pages by unit code (the same Unit objects as in qualification.units). */
  pages: Map<string, ParsedUnit>;
}

/** Collapse whitespace runs to one space and trim. */
export function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Remove inline markup the conversion left in a table cell (<p>, <i>, `**`). */
function stripInline(s: string): string {
  return clean(s.replace(/<\/?(p|i|b|em|strong)>/gi, ' ').replace(/\*\*/g, ''));
}

/**
 * Guidance cell -> plain text. Paragraphs (<p>), lists (<ul ...>, <li>) and "•" bullets become line
 * breaks; <i> and `**` are dropped; each line has its whitespace collapsed; empty lines go.
 */
export function guidanceText(raw: string): string {
  const BREAK = '\u0000';
  const s = raw
    .replace(/<\/?(ul|ol|li|p)\b[^>]*>/gi, BREAK)
    .replace(/•/g, BREAK)
    .replace(/<\/?(i|b|em|strong)>/gi, '')
    .replace(/\*\*/g, '');
  return s
    .split(BREAK)
    .map(clean)
    .filter((line) => line.length > 0)
    .join('\n');
}

const norm = (s: string) => clean(s).toLowerCase();
/** Looser comparison, ignoring punctuation and quotes: used to catch a row that repeats another criterion's text. */
const loose = (s: string) => norm(s).replace(/[^a-z0-9 ]+/g, '').replace(/ +/g, ' ').trim();

const QUALIFICATION_NOTES = [
  'The seed prints every Ofqual unit reference with a space before the check digit ("A/506/213 0"); the references are kept as printed (lookups ignore spaces).',
  'Every assessment guidance table in the seed opens with the same paragraph, recorded here once rather than per unit: "Assessment Guidance is provided below for some Assessment Criteria. The purpose of this is to clarify and define elements of the Assessment Criteria as required. Assessment Guidance provided is for example purposes only and is not intended to be exhaustive."',
  'In the assessment guidance, each row\'s guidance is transcribed as plain text: list markup and "•" bullets are removed and each paragraph or bullet item is put on its own line; a row the seed continues with an empty criterion cell is joined to the previous row\'s guidance on a new line. A nested list the seed prints with "-" dashes inside one bullet (unit CS 14, 1.2) is kept on that bullet\'s line as printed.',
];

/** Groups in the order the structure tables print them. */
const GROUP_TITLES: Record<string, { title: string; mandatory: boolean }> = {
  A: { title: 'Mandatory Group A', mandatory: true },
  B: { title: 'Optional Group B', mandatory: false },
  C: { title: 'Optional Group C', mandatory: false },
  D: { title: 'Optional Group D', mandatory: false },
};

const RULES: Qualification['rules'] = [
  { kind: 'mandatory', groups: ['A'], source: 'Mandatory Group A: 19 Credits' },
  { kind: 'credits', groups: ['A'], min: 19, source: 'Group A: 19 credits must be achieved' },
  { kind: 'credits', groups: ['B'], min: 3, source: 'Group B: A minimum of 3 credits must be achieved' },
  { kind: 'credits', groups: ['C'], min: 16, source: 'Group C: A minimum of 16 credits must be achieved' },
  { kind: 'credits', groups: ['D'], max: 7, source: 'Group D: A maximum of 7 credits may be achieved' },
  {
    kind: 'credits',
    min: 45,
    source: 'To achieve a Level 2 Diploma in Customer Service, learners must complete a minimum of 45 credits.',
  },
  {
    kind: 'credits',
    levels: { scale: 'level', min: 2 },
    min: 45,
    source: 'A minimum of 45 credits must be achieved through the completion of units at Level 2 or above.',
  },
  { kind: 'glh', min: 245, max: 305, source: 'Minimum GLH: 245 Maximum GLH: 305' },
];

interface TableRow {
  group: string;
  cfa: string;
  ofqual: string;
  title: string;
  credit: number;
  level: number;
  glh: number;
}

function num(s: string, what: string): number {
  const n = Number(clean(s));
  if (!Number.isFinite(n) || clean(s) === '') throw new Error(`${what}: expected a number, got "${s}"`);
  return n;
}

/** The structure tables: every unit row with its group. */
function parseStructure(lines: string[]): TableRow[] {
  const rows: TableRow[] = [];
  const start = lines.findIndex((l) => /^Mandatory Group A\b/.test(l));
  if (start < 0) throw new Error('structure table "Mandatory Group A" not found');
  let group: string | null = null;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^Learner Name:/.test(line) || /^UNIT REF:/.test(line)) break;
    const heading = /^(Mandatory|Optional) Group ([A-Z])\b(.*)$/.exec(line.trim());
    if (heading) {
      group = heading[2]!;
      const expected = GROUP_TITLES[group];
      if (!expected || expected.title !== `${heading[1]} Group ${group}`) throw new Error(`unexpected group heading "${line.trim()}"`);
      continue;
    }
    if (clean(line) === '' || /^CFA Ref\./.test(line)) continue;
    const cells = line.split('\t');
    if (cells.length !== 6 || !group) throw new Error(`structure table: unexpected line ${i + 1}: "${line}"`);
    const [cfa, ofqual, title, credit, level, glh] = cells.map(clean) as [string, string, string, string, string, string];
    rows.push({
      group,
      cfa,
      ofqual,
      title,
      credit: num(credit, `${cfa} credit`),
      level: num(level, `${cfa} level`),
      glh: num(glh, `${cfa} GLH`),
    });
  }
  return rows;
}

interface UnitPage {
  code: string;
  title: string;
  level: number;
  credit: number;
  glh: number;
  mapping: string;
  rationale: string | null;
  elements: Unit['elements'];
  notes: string[];
  guidanceRows: GuidanceRow[];
}

const OUTCOME_HEADER = /^(LEARNING OUTCOMES|The Learner will:)/;

/** One "UNIT REF:" page (the lines up to the next unit page). */
function parseUnitPage(block: string[], startLine: number): UnitPage {
  const where = (i: number) => `line ${startLine + i + 1}`;
  const head = /^UNIT REF:\s*(.+?)\tUNIT TITLE:\s*(.+)$/.exec(block[0]!);
  if (!head) throw new Error(`${where(0)}: expected "UNIT REF: ... UNIT TITLE: ..."`);
  const code = clean(head[1]!);
  const title = clean(head[2]!);
  const notes: string[] = [];

  let i = 1;
  const next = (re: RegExp, what: string): RegExpExecArray => {
    while (i < block.length && (clean(block[i]!) === '' || /^-+\t/.test(block[i]!))) i++;
    const m = re.exec(block[i] ?? '');
    if (!m) throw new Error(`${code} ${where(i)}: expected ${what}, got "${block[i]}"`);
    i++;
    return m;
  };
  const lcg = next(/^Level:\s*(\d+)\tCredit Value:\s*(\d+)\tGLH:\s*(\d+)\s*$/, '"Level: ... Credit Value: ... GLH: ..."');
  const mapping = clean(next(/^Mapping:(.*)$/, '"Mapping:"')[1]!);
  const rationaleRaw = stripInline(next(/^(?:<p>)?Rationale\s*\.?\s*:(.*)$/, '"Rationale:"')[1]!);
  const rationale = rationaleRaw === 'None' ? null : rationaleRaw;

  // Learning outcome tables (the header row repeats on continuation pages).
  const elements: Unit['elements'] = [];
  let inTable = false;
  for (; i < block.length; i++) {
    const line = block[i]!;
    if (/^ASSESSOR SIGNATURE:/.test(line)) {
      inTable = false;
      continue;
    }
    if (/Assessment Guidance table\s*$/.test(line)) break;
    if (OUTCOME_HEADER.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || clean(line) === '' || /^-+\t/.test(line) || /^Learner Name:/.test(line)) continue;
    const cells = line.split('\t').map(clean);
    const [first = '', second = '', ...rest] = cells;
    if (rest.some((c) => c !== '')) throw new Error(`${code} ${where(i)}: unexpected text in the Ref No / Date columns: "${line}"`);
    if (first !== '') {
      const lo = /^(\d+)(\.?)\s+(.+)$/.exec(first);
      if (lo) {
        elements.push({ code: lo[1]!, title: lo[3]!, criteria: [] });
      } else if (elements.length > 0) {
        // An outcome title wrapped onto the next row.
        const last = elements[elements.length - 1]!;
        last.title = clean(`${last.title ?? ''} ${first}`);
      } else {
        throw new Error(`${code} ${where(i)}: unexpected learning outcome cell "${first}"`);
      }
    }
    if (second !== '') {
      const element = elements[elements.length - 1];
      if (!element) throw new Error(`${code} ${where(i)}: criterion before any learning outcome`);
      const ac = /^(\d+\.\d+)(\.?)\s+(.+)$/.exec(second);
      if (ac) {
        const [, acCode, dot, text] = ac as unknown as [string, string, string, string];
        if (dot) {
          notes.push(`The seed prints criterion ${acCode} as "${acCode}." (with a trailing dot); recorded as ${acCode}.`);
        }
        if (acCode.split('.')[0] !== element.code) {
          notes.push(`Criterion ${acCode} is printed under learning outcome ${element.code}; kept there as printed.`);
        }
        element.criteria.push({ code: acCode, text });
      } else {
        // A criterion wrapped onto the next row.
        const last = element.criteria[element.criteria.length - 1];
        if (!last) throw new Error(`${code} ${where(i)}: unexpected criterion cell "${second}"`);
        last.text = clean(`${last.text ?? ''} ${second}`);
      }
    }
  }

  // Assessment guidance table.
  const guidanceRows: GuidanceRow[] = [];
  const guidanceHead = /^Unit (.+?) Assessment Guidance table\s*$/.exec(block[i] ?? '');
  if (!guidanceHead) throw new Error(`${code}: assessment guidance table not found`);
  if (clean(guidanceHead[1]!) !== code) throw new Error(`${code}: guidance table is headed "${block[i]}"`);
  for (i++; i < block.length; i++) {
    const line = block[i]!;
    if (clean(line) === '' || /^Learner Name:/.test(line)) continue;
    if (/^(<p>)?Assessment Guidance is provided below/.test(line)) continue;
    if (/^No assessment guidance available for this unit\.\s*$/.test(line)) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${code} ${where(i)}: unexpected guidance line "${line}"`);
    const first = stripInline(line.slice(0, tab));
    const text = guidanceText(line.slice(tab + 1));
    if (first === '') {
      const last = guidanceRows[guidanceRows.length - 1];
      if (!last) throw new Error(`${code} ${where(i)}: guidance continuation before any row`);
      last.text = [last.text, text].filter((t) => t !== '').join('\n');
      continue;
    }
    const m = /^(\d+\.\d+)\.?\s+(.+)$/.exec(first);
    if (!m) throw new Error(`${code} ${where(i)}: unexpected guidance row "${line}"`);
    guidanceRows.push({ printedCode: m[1]!, printedText: m[2]!, text, criterion: m[1]! });
  }

  return {
    code,
    title,
    level: Number(lcg[1]),
    credit: Number(lcg[2]),
    glh: Number(lcg[3]),
    mapping,
    rationale,
    elements,
    notes,
    guidanceRows,
  };
}

/** Parse the seed into units and guidance rows, before corrections. */
export function parseImiDiploma(seedText: string): ParsedImiDiploma {
  const lines = seedText.replace(/\r\n?/g, '\n').split('\n');
  const table = parseStructure(lines);

  const starts = lines.flatMap((l, i) => (/^UNIT REF:/.test(l) ? [i] : []));
  const end = lines.findIndex((l) => /^ASSESSOR COMMENTS AND FEEDBACK/.test(l));
  const pageList = starts.map((s, k) => parseUnitPage(lines.slice(s, starts[k + 1] ?? (end < 0 ? lines.length : end)), s));
  const pageByCode = new Map<string, UnitPage>();
  for (const p of pageList) {
    if (pageByCode.has(p.code)) throw new Error(`unit page ${p.code} printed twice`);
    pageByCode.set(p.code, p);
  }
  for (const p of pageList) {
    if (!table.some((r) => r.cfa === p.code)) throw new Error(`unit page ${p.code} is not in the structure table`);
  }

  const pages = new Map<string, ParsedUnit>();
  const units: Unit[] = table.map((row) => {
    const page = pageByCode.get(row.cfa);
    const notes: string[] = [];
    if (page) {
      notes.push(`Mapping: ${page.mapping}`);
      if (norm(page.title) !== norm(row.title)) {
        notes.push(`The structure table titles the unit "${row.title}"; its unit page prints "${page.title}". The structure table's title is kept.`);
      }
      for (const [what, t, p] of [
        ['level', row.level, page.level],
        ['credit', row.credit, page.credit],
        ['GLH', row.glh, page.glh],
      ] as const) {
        if (t !== p) notes.push(`The structure table gives ${what} ${t}; the unit page gives ${p}. The structure table's value is kept.`);
      }
      if (page.rationale === null) notes.push('The unit page prints "Rationale: None"; no summary recorded.');
      notes.push(...page.notes);
    }
    const unit: Unit = {
      code: row.cfa,
      codes: [
        { scheme: 'CFA', code: row.cfa },
        { scheme: 'Ofqual', code: row.ofqual },
      ],
      title: row.title,
      level: row.level,
      scqfLevel: null,
      credit: row.credit,
      glh: row.glh,
      detailed: page !== undefined,
      elementKind: 'learning outcome',
      elements: page?.elements ?? [],
      range: [],
      knowledge: [],
      evidenceRequirements: [],
      assessmentGuidance: [],
      simulation: 'not stated',
      ...(page?.rationale ? { summary: page.rationale } : {}),
      ...(notes.length > 0 ? { notes } : {}),
    };
    if (page) pages.set(unit.code, { unit, guidanceRows: page.guidanceRows });
    return unit;
  });

  const groups: Qualification['groups'] = Object.entries(GROUP_TITLES).map(([id, g]) => ({
    id,
    title: g.title,
    mandatory: g.mandatory,
    units: table.filter((r) => r.group === id).map((r) => r.cfa),
  }));

  // Every rule quotes the seed: check the quotation really is there.
  const flat = clean(seedText);
  for (const rule of RULES) {
    if (!flat.includes(rule.source)) throw new Error(`rule source not found in the seed: "${rule.source}"`);
  }

  const qualification: Qualification = {
    id: IMI_DIPLOMA_ID,
    title: 'IMI Level 2 Diploma in Customer Service',
    awardingBody: 'Institute of the Motor Industry (IMI)',
    framework: 'Diploma/QCF',
    level: 2,
    scqfLevel: null,
    identifiers: [
      { scheme: 'Ofqual', value: '601/3456/2' },
      { scheme: 'title', value: 'IMI Level 2 Diploma in Customer Service' },
    ],
    glh: null,
    tqt: null,
    minimumCredits: 45,
    groups,
    rules: RULES,
    units,
    source: {
      document: IMI_DIPLOMA_SEED,
      description:
        'IMI Qualification Specification Part B, Learner Assessment Record: IMI Level 2 Diploma in Customer Service, Ofqual I.D: 601/3456/2, Version 1: September 2014',
    },
    notes: [...QUALIFICATION_NOTES],
  };
  return { qualification, pages };
}

/** Turn the (corrected) guidance rows into `assessmentGuidance`, noting every mismatch with the unit page. */
function finishGuidance(doc: ParsedImiDiploma): void {
  for (const { unit, guidanceRows } of doc.pages.values()) {
    const criteria = new Map(unit.elements.flatMap((e) => e.criteria.map((c) => [c.code, c.text ?? ''] as const)));
    const notes = unit.notes ?? [];
    for (const row of guidanceRows) {
      if (row.dropped) continue;
      const own = criteria.get(row.criterion);
      if (own === undefined) {
        throw new Error(`${unit.code}: guidance row "${row.printedCode} ${row.printedText}" names no criterion of the unit; add a correction`);
      }
      if (row.text === '') {
        throw new Error(`${unit.code}: guidance row "${row.printedCode} ${row.printedText}" has no guidance; add a correction`);
      }
      if (!row.noted && norm(own) !== norm(row.printedText)) {
        const other = [...criteria].find(([c, t]) => c !== row.criterion && loose(t) === loose(row.printedText));
        if (other) {
          throw new Error(`${unit.code}: guidance row ${row.printedCode} repeats the text of criterion ${other[0]}; add a correction`);
        }
        notes.push(
          `The assessment guidance table prints criterion ${row.printedCode} as "${row.printedText}"; the unit page prints "${own}". The guidance is recorded against ${row.criterion}.`,
        );
      }
      unit.assessmentGuidance.push({ criterion: row.criterion, text: row.text });
    }
    if (notes.length > 0) unit.notes = notes;
  }
}

/** Parse, apply the hand corrections, and validate. */
export function importImiDiploma(seedText: string): Qualification {
  const doc = parseImiDiploma(seedText);
  for (const correction of imiDiplomaCorrections) correction.apply(doc);
  finishGuidance(doc);
  return qualificationSchema.parse(doc.qualification);
}

function main(): void {
  const seedPath = resolve(process.cwd(), process.argv[2] ?? `../shared/seeds/${IMI_DIPLOMA_SEED}`);
  const outPath = resolve(process.cwd(), `src/domain/standards/data/${IMI_DIPLOMA_ID}.json`);
  const data = importImiDiploma(readFileSync(seedPath, 'utf8'));
  writeFileSync(outPath, `${JSON.stringify(data, null, 2)}\n`);
  const detailed = data.units.filter((u) => u.detailed).length;
  const criteria = data.units.reduce((n, u) => n + u.elements.reduce((m, e) => m + e.criteria.length, 0), 0);
  console.log(`${data.id}: ${data.units.length} units (${detailed} detailed), ${criteria} criteria -> ${outPath}`);
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  main();
}
