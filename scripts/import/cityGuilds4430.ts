/*
 * Importer for seed 001: City & Guilds Level 2 NVQ Certificate in Customer Service (4430-02),
 * qualification handbook for centres, accreditation number 500/9341/1.
 *
 *   npx tsx scripts/import/cityGuilds4430.ts [seedPath]
 *
 * The seed is a plain-text conversion of the handbook. What this importer relies on:
 * - section 1 gives the qualification's numbers as "label<TAB>value" rows;
 * - section 1.1 gives the rules of combination as four sentences and the structure table as
 *   tab-separated rows ("4430-203<TAB>Give customers ... (A4)<TAB>2<TAB>5<TAB>33") under one header
 *   row per group ("City & Guilds unit number<TAB>Optional Units - Impression and Image<TAB>...");
 * - the contents list names the units section 5 details (Unit 101, 201 ... 227), in order;
 * - section 2.2 lists the units the ICS assessment strategy allows simulation for ("- C1 ...");
 * - section 5 gives one block per detailed unit, starting at "Level: N". The conversion lost the
 *   "Unit NNN" heading and title line of many blocks and repeated the heading of two others in the
 *   middle of the block (continuation pages), so a block is identified by its position in the
 *   contents list and checked against its NOS line ("relates to Unit A4 of the Customer Service NOS"),
 *   its heading where printed and the hand-checked NDAQ numbers in the corrections file.
 *
 * The parser is strict: a line it does not recognise is an error, never skipped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { qualificationSchema } from '../../src/domain/standards/schema';
import type { ParentItem, Qualification, Rule, Unit } from '../../src/domain/standards/schema';
import { CORRECTIONS, HEADINGLESS_BLOCKS } from './corrections/cityGuilds4430';

export const SEED_FILE = '001_76ceff3f64d80d32.txt';
const DEFAULT_SEED = `../shared/seeds/${SEED_FILE}`;
const OUTPUT = 'src/domain/standards/data/cg-4430-02.json';

// ---------------------------------------------------------------------------------------------
// Parsed (pre-build) shapes. Corrections operate on these, then `build` turns them into data.
// ---------------------------------------------------------------------------------------------

export interface ParsedSubItem {
  code: string;
  text: string;
}

export interface ParsedEvidence {
  code: string;
  text: string;
  /** Lettered sub-items (a, b, c ...). */
  subItems: ParsedSubItem[];
  /** Unlettered bullets under the requirement: the schema has no place for them, a correction must resolve them. */
  bullets: string[];
  notes: string[];
}

export interface ParsedElement {
  code: string;
  title: string;
  criteria: { code: string; text: string }[];
}

export interface ParsedTableRow {
  /** "4430-203" */
  code: string;
  /** "203" */
  number: string;
  title: string;
  nos: string;
  level: number;
  credit: number;
  glh: number;
  group: string;
}

export interface ParsedUnit {
  /** "203" */
  number: string;
  /** Heading and title printed on the unit page, null where the conversion lost them. */
  heading: { number: string; title: string } | null;
  /** A heading the conversion repeated inside the block (continuation page), if any. */
  repeatedHeading: { number: string; title: string } | null;
  level: number;
  credit: number;
  ndaq: string;
  glh: number;
  /** NOS unit code on the "relates to" line; null where the line names none. */
  nos: string | null;
  aim: string[];
  /** Number word of "There are **four** learning outcomes to this unit." */
  outcomeCountWord: string;
  /** The "The learner will:" list: [code, title]. */
  outcomeList: [string, string][];
  assessment: string[];
  elements: ParsedElement[];
  evidence: ParsedEvidence[];
  /** Notes added by corrections (or by checks) for this unit. */
  notes: string[];
  /** 1-based seed line of the block's "Level:" line, for messages. */
  line: number;
}

export interface ParsedSeed {
  title: string;
  qualificationNumber: string;
  accreditationNumber: string;
  glh: number;
  tqt: number;
  tqtTable: { glh: number; tqt: number };
  lastRegistration: string;
  lastCertification: string;
  ruleSentences: { minimumCredits: string; atLevel: string; mandatory: string; optional: string };
  groups: { id: string; heading: string; title: string; mandatory: boolean }[];
  table: ParsedTableRow[];
  contents: { number: string; title: string }[];
  simulationUnits: { nos: string; title: string }[];
  simulationText: string[];
  rweText: string[];
  units: ParsedUnit[];
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/** Remove conversion artefacts (markdown emphasis, <i>) and collapse whitespace. */
export function clean(s: string): string {
  return s
    .replace(/<\/?i>/g, '')
    .replace(/\*+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8 };

class SeedError extends Error {
  constructor(line: number, message: string) {
    super(`seed line ${line}: ${message}`);
  }
}

function splitLines(seedText: string): string[] {
  const out: string[] = [];
  for (const raw of seedText.replace(/\r\n?/g, '\n').split('\n')) {
    // "Outcome 1: Follow ...**Assessment Criteria**": the conversion ran the sub-heading into the
    // outcome line. Put it back on its own line (keeps line numbers close enough for messages).
    const m = /^(Outcome \d+: .*?)\*\*Assessment Criteria\*\*\s*$/.exec(raw);
    if (m) {
      out.push(m[1]!, 'Assessment Criteria');
    } else {
      out.push(raw.replace(/\s+$/, ''));
    }
  }
  return out;
}

function indexOfLine(lines: string[], pred: (l: string) => boolean, from = 0): number {
  for (let i = from; i < lines.length; i++) if (pred(lines[i]!)) return i;
  return -1;
}

function requireIndex(lines: string[], pred: (l: string) => boolean, what: string, from = 0): number {
  const i = indexOfLine(lines, pred, from);
  if (i < 0) throw new Error(`seed: could not find ${what}`);
  return i;
}

function tabRow(lines: string[], label: string): string {
  const row = lines.find((l) => l.startsWith(`${label}\t`));
  if (!row) throw new Error(`seed: no "${label}" row`);
  return clean(row.slice(label.length + 1));
}

// ---------------------------------------------------------------------------------------------
// Qualification-level parsing
// ---------------------------------------------------------------------------------------------

const GROUP_IDS: Record<string, string> = {
  'Mandatory Units - Customer Service Foundations': 'mandatory',
  'Optional Units - Impression and Image': 'impression',
  'Optional Units - Delivery': 'delivery',
  'Optional Units - Handling Problems': 'problems',
  'Optional Units - Development and Improvement': 'development',
};

function parseStructure(lines: string[]): Pick<ParsedSeed, 'ruleSentences' | 'groups' | 'table'> {
  const start = requireIndex(lines, (l) => l === '1.1 Qualification structure', 'section 1.1');
  const end = requireIndex(lines, (l) => l === 'Total Qualification Time', 'the TQT section', start);
  const section = lines.slice(start, end).map(clean).filter(Boolean);

  const find = (re: RegExp, what: string): string => {
    const s = section.find((l) => re.test(l));
    if (!s) throw new Error(`seed section 1.1: no sentence for ${what}`);
    return s;
  };
  const ruleSentences = {
    minimumCredits: find(/^Minimum Credit Value: \d+$/, 'minimum credit value'),
    atLevel: find(/^A minimum of \d+ credits must be at level \d+\.$/, 'credits at level 2'),
    mandatory: find(/^The learner must achieve \d+ credits from the Mandatory Units\.$/, 'mandatory credits'),
    optional: find(
      /^A further \d+ credits must be achieved by completing a minimum of one unit from each Optional Group\.$/,
      'optional credits',
    ),
  };

  const groups: ParsedSeed['groups'] = [];
  const table: ParsedTableRow[] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    if (!line.includes('\t')) continue;
    const cells = line.split('\t').map(clean);
    if (cells[0] === 'City & Guilds unit number') {
      const heading = cells[1]!;
      const id = GROUP_IDS[heading];
      if (!id) throw new SeedError(i + 1, `unknown group heading "${heading}"`);
      if (cells.slice(2).join('|') !== 'Level|Credit|GLH') throw new SeedError(i + 1, 'unexpected table header');
      groups.push({ id, heading, title: heading.replace(/^(Mandatory|Optional) Units - /, ''), mandatory: heading.startsWith('Mandatory') });
      continue;
    }
    const m = /^4430-(\d{3})$/.exec(cells[0]!);
    const t = /^(.*) \(([A-Z]\d+)\)$/.exec(cells[1] ?? '');
    if (!m || !t || cells.length !== 5) throw new SeedError(i + 1, `unexpected structure table row "${line}"`);
    const group = groups[groups.length - 1];
    if (!group) throw new SeedError(i + 1, 'table row before any group header');
    table.push({
      code: cells[0]!,
      number: m[1]!,
      title: t[1]!,
      nos: t[2]!,
      level: Number(cells[2]),
      credit: Number(cells[3]),
      glh: Number(cells[4]),
      group: group.id,
    });
  }
  return { ruleSentences, groups, table };
}

function parseContents(lines: string[]): ParsedSeed['contents'] {
  const start = requireIndex(lines, (l) => l === 'Contents', 'the contents list');
  const end = requireIndex(lines, (l) => l.startsWith('Appendix 1\t'), 'the end of the contents list', start);
  const out: ParsedSeed['contents'] = [];
  for (let i = start; i < end; i++) {
    const m = /^Unit (\d{3})\t(.+)\t\d+$/.exec(lines[i]!);
    if (m) out.push({ number: m[1]!, title: clean(m[2]!) });
  }
  return out;
}

function parseSimulation(lines: string[]): Pick<ParsedSeed, 'simulationUnits' | 'simulationText' | 'rweText'> {
  const start = requireIndex(lines, (l) => l === '2.2 Candidate entry requirements', 'section 2.2');
  const end = requireIndex(lines, (l) => l === 'Age restrictions', 'the end of section 2.2', start);
  const section = lines.slice(start, end).map(clean).filter(Boolean);
  const listAt = section.findIndex((l) => l === 'The use of simulation for the following Level 1 NVQ Units only:');
  if (listAt < 0) throw new Error('seed section 2.2: no simulation list');
  const simulationUnits: ParsedSeed['simulationUnits'] = [];
  for (let i = listAt + 1; i < section.length; i++) {
    const m = /^- ([A-Z]\d+) (.+)$/.exec(section[i]!);
    if (!m) break;
    simulationUnits.push({ nos: m[1]!, title: m[2]! });
  }
  const pick = (re: RegExp): string => {
    const s = section.find((l) => re.test(l));
    if (!s) throw new Error(`seed section 2.2: no sentence matching ${re}`);
    return s;
  };
  return {
    simulationUnits,
    simulationText: [
      pick(/^Wherever possible, assessment of the Customer Service National NVQ Units should be carried out in a real job/),
      pick(/^Simulation is defined by the Institute of Customer Service/),
      section[listAt]!,
      ...simulationUnits.map((u) => `- ${u.nos} ${u.title}`),
    ],
    rweText: [
      pick(/^The use of a Realistic Working Environment including work experience and work placement is allowed/),
      pick(/^All other Units must be achieved in a real working situation/),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Unit blocks (section 5)
// ---------------------------------------------------------------------------------------------

type State = 'start' | 'aim' | 'lo' | 'glh' | 'nos' | 'support' | 'assessment' | 'outcome' | 'evidence';

function parseUnitBlock(lines: string[], from: number, to: number, number: string, heading: ParsedUnit['heading']): ParsedUnit {
  const unit: ParsedUnit = {
    number,
    heading,
    repeatedHeading: null,
    level: NaN,
    credit: NaN,
    ndaq: '',
    glh: NaN,
    nos: null,
    aim: [],
    outcomeCountWord: '',
    outcomeList: [],
    assessment: [],
    elements: [],
    evidence: [],
    notes: [],
    line: from + 1,
  };
  let state: State = 'start';
  let nosSeen = false;
  let letteredMode: boolean | null = null;
  for (let i = from; i < to; i++) {
    const raw = lines[i]!;
    const line = clean(raw);
    if (!line) continue;
    const err = (msg: string) => new SeedError(i + 1, `unit ${number}: ${msg} ("${line}")`);
    let m: RegExpExecArray | null;

    // Section headings, in any state.
    if ((m = /^Level: (\d+)$/.exec(line))) {
      unit.level = Number(m[1]);
      continue;
    }
    if ((m = /^Credit value: (\d+)$/.exec(line))) {
      unit.credit = Number(m[1]);
      continue;
    }
    if ((m = /^NDAQ number: ([A-Z]\/\d{3}\/\d{4})$/.exec(line))) {
      unit.ndaq = m[1]!;
      continue;
    }
    if (line === 'Unit aim') {
      state = 'aim';
      continue;
    }
    if (line === 'Learning outcomes') {
      state = 'lo';
      continue;
    }
    if (line === 'Guided learning hours') {
      state = 'glh';
      continue;
    }
    if (line === 'Details of the relationship between the unit and relevant national occupational standards') {
      state = 'nos';
      continue;
    }
    if (line === 'Support of the unit by a sector or other appropriate body') {
      state = 'support';
      continue;
    }
    if (line === 'Assessment') {
      state = 'assessment';
      continue;
    }
    if (line === 'Evidence requirements') {
      state = 'evidence';
      continue;
    }
    if ((m = /^Unit (\d{3})$/.exec(line))) {
      // A heading repeated inside the block by the conversion (continuation page): the next
      // non-blank line is its title. Recorded and checked, never read as content.
      let j = i + 1;
      while (j < to && !clean(lines[j]!)) j++;
      unit.repeatedHeading = { number: m[1]!, title: clean(lines[j] ?? '') };
      i = j;
      continue;
    }
    if ((m = /^Outcome (\d+): (.+)$/.exec(line))) {
      unit.elements.push({ code: m[1]!, title: m[2]!, criteria: [] });
      state = 'outcome';
      continue;
    }

    switch (state) {
      case 'aim':
        unit.aim.push(line);
        break;
      case 'lo':
        if ((m = /^There are (\w+) learning outcomes to this unit\.$/.exec(line))) unit.outcomeCountWord = m[1]!;
        else if (line === 'The learner will:') break;
        else if ((m = /^- (\d+) (.+)$/.exec(line))) unit.outcomeList.push([m[1]!, m[2]!]);
        else throw err('unexpected line in the learning outcomes list');
        break;
      case 'glh':
        if (!(m = /^It is recommended that (\d+) hours should be allocated for this unit, although patterns of delivery are likely to vary\.$/.exec(line)))
          throw err('unexpected guided learning hours sentence');
        unit.glh = Number(m[1]);
        break;
      case 'nos':
        if ((m = /^This unit directly relates to Unit ([A-Z]\d+) of the Customer Service NOS( 2010)?\.$/.exec(line))) unit.nos = m[1]!;
        else if (line !== 'This unit directly relates to the Customer Service NOS.') throw err('unexpected NOS sentence');
        nosSeen = true;
        break;
      case 'support':
        if (line !== 'This unit has been developed by the Institute of Customer Service.') throw err('unexpected support sentence');
        break;
      case 'assessment':
        unit.assessment.push(line);
        break;
      case 'outcome': {
        const el = unit.elements[unit.elements.length - 1]!;
        if (line === 'Assessment Criteria' || line === 'The learner can:') break;
        if ((m = /^- (\d+\.\d+) (.+)$/.exec(line))) el.criteria.push({ code: m[1]!, text: m[2]! });
        else throw err('unexpected line in an outcome');
        break;
      }
      case 'evidence': {
        // Top level: "- 5 You must ..." or "3. You must ..." (numbering style varies; the dot is dropped).
        if ((m = /^(?:- )?(\d+)\.? (.+)$/.exec(line)) && !/^\s/.test(raw)) {
          unit.evidence.push({ code: m[1]!, text: m[2]!, subItems: [], bullets: [], notes: [] });
          letteredMode = null;
          break;
        }
        const parent = unit.evidence[unit.evidence.length - 1];
        if (!parent || !(m = /^- (.+)$/.exec(line))) throw err('unexpected line in the evidence requirements');
        const body = m[1]!;
        // A sub-item is lettered only if it carries the next letter in sequence; the mode is fixed by the
        // first bullet, so an unlettered list ("- your manager", "- a colleague ...") stays unlettered.
        const expected = String.fromCharCode(97 + parent.subItems.length);
        const lm = /^([a-z]) (.+)$/.exec(body);
        if (letteredMode === null) letteredMode = !!lm && lm[1] === expected;
        if (letteredMode) {
          if (!lm || lm[1] !== expected) throw err(`expected sub-item "${expected}"`);
          parent.subItems.push({ code: lm[1]!, text: lm[2]! });
        } else {
          parent.bullets.push(body);
        }
        break;
      }
      default:
        throw err(`unexpected line (state ${state})`);
    }
  }
  if (!nosSeen) throw new SeedError(from + 1, `unit ${number}: no NOS relationship line`);
  for (const [k, v] of Object.entries({ level: unit.level, credit: unit.credit, glh: unit.glh })) {
    if (Number.isNaN(v)) throw new SeedError(from + 1, `unit ${number}: no ${k}`);
  }
  if (!unit.ndaq) throw new SeedError(from + 1, `unit ${number}: no NDAQ number`);
  return unit;
}

function parseUnits(lines: string[], contents: ParsedSeed['contents'], table: ParsedTableRow[]): ParsedUnit[] {
  const start = requireIndex(lines, (l) => l === '5 Units', 'section 5');
  const end = requireIndex(lines, (l) => l === 'Appendix 1 Sources of general information', 'appendix 1', start);
  const levelLines: number[] = [];
  for (let i = start; i < end; i++) if (/^Level: \d+$/.test(lines[i]!)) levelLines.push(i);
  if (levelLines.length !== contents.length) {
    throw new Error(`seed section 5: ${levelLines.length} unit blocks but the contents list names ${contents.length} units`);
  }

  // Heading of each block: the two non-blank lines before "Level:", if they are "Unit NNN" and a title.
  const prevNonBlank = (i: number): number => {
    let j = i - 1;
    while (j > start && !lines[j]!.trim()) j--;
    return j;
  };
  const blocks = levelLines.map((lv) => {
    const t = prevNonBlank(lv);
    const u = prevNonBlank(t);
    const hm = /^Unit (\d{3})$/.exec(lines[u]!);
    return hm ? { from: lv, headingAt: u, heading: { number: hm[1]!, title: clean(lines[t]!) } } : { from: lv, headingAt: lv, heading: null };
  });

  const byNos = new Map(table.map((r) => [r.nos, r]));
  return blocks.map((b, k) => {
    const expected = contents[k]!.number;
    const to = k + 1 < blocks.length ? blocks[k + 1]!.headingAt : end;
    const unit = parseUnitBlock(lines, b.from, to, expected, b.heading);
    // Identify the block: position (contents order) must agree with every other clue the seed gives.
    const where = `seed line ${b.from + 1}`;
    if (b.heading && b.heading.number !== expected) throw new Error(`${where}: block heading Unit ${b.heading.number}, expected ${expected} by position`);
    if (unit.repeatedHeading && unit.repeatedHeading.number !== expected) {
      throw new Error(`${where}: repeated heading Unit ${unit.repeatedHeading.number} inside the block of ${expected}`);
    }
    if (unit.nos) {
      const row = byNos.get(unit.nos);
      if (!row || row.number !== expected) throw new Error(`${where}: NOS ${unit.nos} names ${row?.code ?? 'no unit'}, expected 4430-${expected}`);
    }
    if (!b.heading) {
      const hand = HEADINGLESS_BLOCKS[unit.ndaq];
      if (hand !== expected) throw new Error(`${where}: headingless block with NDAQ ${unit.ndaq} is ${expected} by position, hand check says ${hand}`);
    }
    return unit;
  });
}

export function parseSeed(seedText: string): ParsedSeed {
  const lines = splitLines(seedText);
  const structure = parseStructure(lines);
  const contents = parseContents(lines);
  const tqtAt = requireIndex(lines, (l) => l === 'Title and level\tGLH\tTQT', 'the TQT table');
  const tqtRow = /^Level 2 NVQ Certificate in Customer Service\t(\d+)\t(\d+)$/.exec(lines[tqtAt + 1] ?? '');
  if (!tqtRow) throw new SeedError(tqtAt + 2, 'unexpected TQT table row');
  return {
    title: tabRow(lines, 'Qualification title and level'),
    qualificationNumber: tabRow(lines, 'City & Guilds qualification number'),
    accreditationNumber: tabRow(lines, 'Qualification accreditation number'),
    glh: Number(tabRow(lines, 'GLH')),
    tqt: Number(tabRow(lines, 'TQT')),
    tqtTable: { glh: Number(tqtRow[1]), tqt: Number(tqtRow[2]) },
    lastRegistration: tabRow(lines, 'Last registration date'),
    lastCertification: tabRow(lines, 'Last certification date'),
    ...structure,
    contents,
    ...parseSimulation(lines),
    units: parseUnits(lines, contents, structure.table),
    notes: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Build the standards data
// ---------------------------------------------------------------------------------------------

function firstNumber(s: string): number {
  const m = /\d+/.exec(s);
  if (!m) throw new Error(`no number in "${s}"`);
  return Number(m[0]);
}

function buildRules(p: ParsedSeed): Rule[] {
  const optional = p.groups.filter((g) => !g.mandatory).map((g) => g.id);
  const mandatory = p.groups.filter((g) => g.mandatory).map((g) => g.id);
  const lvl = /^A minimum of (\d+) credits must be at level (\d+)\.$/.exec(p.ruleSentences.atLevel)!;
  const opt = /^A further (\d+) credits/.exec(p.ruleSentences.optional)!;
  const level = Number(lvl[2]);
  return [
    { kind: 'mandatory', groups: mandatory, source: p.ruleSentences.mandatory },
    { kind: 'credits', groups: mandatory, min: firstNumber(p.ruleSentences.mandatory), source: p.ruleSentences.mandatory },
    { kind: 'credits', min: firstNumber(p.ruleSentences.minimumCredits), source: p.ruleSentences.minimumCredits },
    {
      kind: 'credits',
      levels: { scale: 'level', min: level, max: level },
      min: Number(lvl[1]),
      source: p.ruleSentences.atLevel,
      notes: [
        `The seed says "at level ${level}", not "at or above level ${level}"; transcribed literally as credits from units of level ${level} only (no level 3 unit counts towards it). The original QCF rule may have meant "at level ${level} or above".`,
      ],
    },
    { kind: 'credits', groups: optional, min: Number(opt[1]), source: p.ruleSentences.optional },
    { kind: 'unitsPerGroup', groups: optional, min: 1, source: p.ruleSentences.optional },
  ];
}

function buildEvidence(u: ParsedUnit): ParentItem[] {
  return u.evidence.map((e) => {
    if (e.bullets.length > 0) {
      throw new Error(`unit ${u.number}: evidence requirement ${e.code} has unlettered bullets; add a correction that resolves them`);
    }
    const item: ParentItem = { code: e.code, text: e.text };
    if (e.subItems.length > 0) item.subItems = e.subItems.map((s) => ({ code: s.code, text: s.text }));
    if (e.notes.length > 0) item.notes = e.notes;
    return item;
  });
}

/** Seed inconsistencies that checks can find on their own; each becomes a note (never a silent fix). */
function checkUnit(u: ParsedUnit, row: ParsedTableRow, contentsTitle: string | undefined, p: ParsedSeed): void {
  const n = u.notes;
  const pageTitle = u.heading?.title ?? null;
  if (!u.heading) {
    const k = p.units.indexOf(u);
    const prev = p.units[k - 1]?.number;
    const next = p.units[k + 1]?.number;
    n.push(
      `The conversion lost this unit's "Unit ${u.number}" heading and title line. Identified as 4430-${u.number} by its NDAQ number ${u.ndaq}, ` +
        (u.nos ? `its line "This unit directly relates to Unit ${u.nos} of the Customer Service NOS" (${u.nos} is 4430-${u.number} in the structure table), ` : '') +
        `its level, credit and guided learning hours (as in the structure table) and its position` +
        (prev && next ? ` between Unit ${prev} and Unit ${next}` : prev ? ` after Unit ${prev}` : ` before Unit ${next}`) +
        ` (the contents list order); title taken from the structure table` +
        (contentsTitle === row.title ? ' (the contents list agrees).' : `; the contents list has "${contentsTitle}".`),
    );
  }
  if (pageTitle && pageTitle !== row.title) {
    n.push(`The unit page (and the contents list${contentsTitle === pageTitle ? '' : ` "${contentsTitle}"`}) titles this unit "${pageTitle}"; the structure table in section 1.1 has "${row.title}". Kept the unit page's title.`);
  } else if (contentsTitle && contentsTitle !== row.title && pageTitle === null) {
    n.push(`The contents list titles this unit "${contentsTitle}"; the structure table has "${row.title}".`);
  }
  if (u.repeatedHeading) {
    n.push(
      `The seed repeats the heading "Unit ${u.repeatedHeading.number} ${u.repeatedHeading.title}" in the middle of the unit, before Outcome 1 (a continuation-page heading of the original); ignored.`,
    );
    if (u.repeatedHeading.title !== (pageTitle ?? row.title)) n.push(`The repeated heading's title "${u.repeatedHeading.title}" differs from "${pageTitle ?? row.title}".`);
  }
  if (u.nos === null) {
    n.push(`The unit page says only "This unit directly relates to the Customer Service NOS." without a NOS unit code; the NOS code ${row.nos} is taken from the structure table ("${row.title} (${row.nos})").`);
  } else if (u.nos !== row.nos) {
    n.push(`The unit page relates the unit to NOS unit ${u.nos}; the structure table prints (${row.nos}).`);
  }
  const cmp: [string, number, number][] = [
    ['level', u.level, row.level],
    ['credit value', u.credit, row.credit],
    ['guided learning hours', u.glh, row.glh],
  ];
  for (const [what, page, tab] of cmp) {
    if (page !== tab) n.push(`The unit page gives ${what} ${page}; the structure table gives ${tab}. Kept the unit page's ${page}.`);
  }
  const count = NUMBER_WORDS[u.outcomeCountWord];
  if (count !== u.elements.length) n.push(`The unit page says there are "${u.outcomeCountWord}" learning outcomes; it details ${u.elements.length}.`);
  const listed = u.outcomeList.map(([c, t]) => `${c} ${t}`).join(' | ');
  const detailed = u.elements.map((e) => `${e.code} ${e.title}`).join(' | ');
  if (listed !== detailed) n.push(`The learning outcomes list ("${listed}") differs from the outcome headings ("${detailed}"); the outcome headings are used.`);
  u.elements.forEach((e, k) => {
    if (e.code !== String(k + 1)) n.push(`Outcome ${e.code} is printed in position ${k + 1}.`);
    e.criteria.forEach((c, j) => {
      if (c.code !== `${e.code}.${j + 1}`) n.push(`Outcome ${e.code}: criterion ${c.code} is printed in position ${j + 1}; kept as printed.`);
    });
  });
  const erCodes = u.evidence.map((e) => e.code);
  const expected = u.evidence.map((_, k) => String(k + 1));
  if (erCodes.join() !== expected.join()) {
    const max = Math.max(...erCodes.map(Number));
    const missing = Array.from({ length: max }, (_, k) => String(k + 1)).filter((c) => !erCodes.includes(c));
    n.push(
      `The seed numbers the evidence requirements ${erCodes.join(', ')}` +
        (missing.length ? `: there is no evidence requirement ${missing.join(', ')}` : '') +
        '. Kept the numbers as printed (nothing invented).',
    );
  }
  const er1 = u.evidence[0]?.text ?? '';
  if (!/Simulation is not allowed for any (performance )?evidence within this unit\./i.test(er1)) {
    n.push('Evidence requirement 1 does not say "Simulation is not allowed"; check the simulation setting.');
  }
}

function buildUnit(row: ParsedTableRow, u: ParsedUnit | undefined, simulationAllowed: boolean): Unit {
  const codes: Unit['codes'] = [
    { scheme: 'awarding body unit number', code: row.code },
    { scheme: 'unit number', code: row.number },
    { scheme: 'NOS', code: row.nos },
  ];
  const base = {
    code: row.code,
    codes,
    title: row.title,
    level: row.level,
    scqfLevel: null,
    credit: row.credit,
    glh: row.glh,
    detailed: false,
    elementKind: 'learning outcome' as const,
    elements: [],
    range: [],
    knowledge: [],
    evidenceRequirements: [],
    assessmentGuidance: [],
    simulation: simulationAllowed ? ('allowed' as const) : ('not allowed' as const),
  };
  if (!u) return base;
  codes.push({ scheme: 'NDAQ', code: u.ndaq });
  const unit: Unit = {
    ...base,
    title: u.heading?.title ?? row.title,
    level: u.level,
    credit: u.credit,
    glh: u.glh,
    detailed: true,
    elements: u.elements.map((e) => ({ code: e.code, title: e.title, criteria: e.criteria.map((c) => ({ code: c.code, text: c.text })) })),
    evidenceRequirements: buildEvidence(u),
    assessmentGuidance: u.assessment.map((text) => ({ text })),
    summary: u.aim.join('\n\n'),
  };
  if (u.notes.length > 0) unit.notes = [...u.notes];
  return unit;
}

export function build(p: ParsedSeed): Qualification {
  const units = new Map(p.units.map((u) => [u.number, u]));
  const contents = new Map(p.contents.map((c) => [c.number, c.title]));
  const simulationNos = new Set(p.simulationUnits.map((s) => s.nos));
  for (const s of p.simulationUnits) {
    const row = p.table.find((r) => r.nos === s.nos);
    if (!row) throw new Error(`section 2.2 names simulation unit ${s.nos}, which is not in the structure table`);
    if (row.title !== s.title) p.notes.push(`Section 2.2 names ${s.nos} "${s.title}"; the structure table has "${row.title}" (4430-${row.number}).`);
  }
  for (const row of p.table) {
    const u = units.get(row.number);
    if (u) checkUnit(u, row, contents.get(row.number), p);
  }
  const simUnits = p.table.filter((r) => simulationNos.has(r.nos)).map((r) => `${r.code} (${r.nos})`);
  const notes = [
    `Simulation: section 2.2 says "${p.simulationText[0]}" and "${p.simulationText[1]}" and allows "${p.simulationText[2]} ${p.simulationUnits
      .map((s) => `${s.nos} ${s.title}`)
      .join('; ')}". So simulation is "allowed" for ${simUnits.join(' and ')} and "not allowed" for every other unit. Evidence requirement 1 of every detailed unit agrees ("Simulation is not allowed for any performance evidence within this Unit", unit 4430-202: "for any evidence").`,
    `Realistic working environment: section 2.2 says "${p.rweText[0]}" and "${p.rweText[1]}" (so the level 3 units must be assessed in a real working situation).`,
    `Section 1 gives "Last registration date ${p.lastRegistration}" and "Last certification date ${p.lastCertification}".`,
    'Only the units named in the contents list (Unit 101, 201 ... 227) are detailed in section 5; every other unit of the structure table is listed there only (code, title, level, credit, GLH) and has no NDAQ number in the seed.',
    'The handbook\'s version history says version 2.1 "Removed QCF" from the introduction; the qualification is still credit-based (credit values, minimum credits), so it is recorded under framework "NVQ/QCF".',
    'Unit codes: "4430-203" from the structure table; the unit number "203" from the "Unit 203" headings and contents list; the NOS code from "(A4)" after the title in the structure table (not part of the title); the NDAQ number from the unit page.',
  ];
  if (p.glh !== p.tqtTable.glh || p.tqt !== p.tqtTable.tqt) {
    notes.push(`Section 1 gives GLH ${p.glh} and TQT ${p.tqt}; the Total Qualification Time table gives GLH ${p.tqtTable.glh} and TQT ${p.tqtTable.tqt}.`);
  }
  const q: Qualification = {
    id: 'cg-4430-02',
    title: p.title,
    awardingBody: 'City & Guilds',
    framework: 'NVQ/QCF',
    level: firstNumber(p.title),
    scqfLevel: null,
    identifiers: [
      { scheme: 'City & Guilds number', value: p.qualificationNumber },
      { scheme: 'accreditation number', value: p.accreditationNumber },
      { scheme: 'title', value: p.title },
    ],
    glh: p.glh,
    tqt: p.tqt,
    minimumCredits: firstNumber(p.ruleSentences.minimumCredits),
    groups: p.groups.map((g) => ({ id: g.id, title: g.title, mandatory: g.mandatory, units: p.table.filter((r) => r.group === g.id).map((r) => r.code) })),
    rules: buildRules(p),
    units: p.table.map((row) => buildUnit(row, units.get(row.number), simulationNos.has(row.nos))),
    source: {
      document: SEED_FILE,
      description:
        'City & Guilds Level 2 NVQ Certificate in Customer Service (4430-02), qualification handbook for centres, October 2017 version 2.1 (accreditation number 500/9341/1): section 1.1 structure and rules of combination, section 2.2 simulation, section 5 unit pages (Unit 101, 201-227).',
    },
    notes: [...notes, ...p.notes],
  };
  const missing = [...units.keys()].filter((n) => !p.table.some((r) => r.number === n));
  if (missing.length) throw new Error(`detailed units not in the structure table: ${missing.join(', ')}`);
  return q;
}

export function importCityGuilds4430(seedText: string): Qualification {
  const parsed = parseSeed(seedText);
  for (const c of CORRECTIONS) c.apply(parsed);
  return qualificationSchema.parse(build(parsed));
}

function main(): void {
  const seedPath = resolve(process.cwd(), process.argv[2] ?? DEFAULT_SEED);
  const data = importCityGuilds4430(readFileSync(seedPath, 'utf8'));
  const out = resolve(process.cwd(), OUTPUT);
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  const detailed = data.units.filter((u) => u.detailed);
  console.log(`${OUTPUT}: ${data.units.length} units, ${detailed.length} detailed`);
}

if (typeof require !== 'undefined' && require.main === module) main();
