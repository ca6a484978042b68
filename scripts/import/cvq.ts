/*
 * Importer for seed 000_35b30a6c14d52dae.txt: Caribbean Vocational Qualification (CVQ) Customer Service
 * Level 2, CCA010-02 (approved CVQ structure followed by the nine unit standards).
 *
 *   npx tsx scripts/import/cvq.ts [seedPath]
 *
 * Layout of the seed (a flattened PDF/Word conversion):
 *  - a structure table: mandatory units 1-5 on one line each ("1 Title 1.1 Element 1.2 Element<TAB>U09602"),
 *    optional units 6-9 one cell per line ("6<TAB>Title<TAB>U13202", "6.1<TAB>Element");
 *  - per unit, starting at a line "U09602: Title" (or "U13402 Title", "U13502**Title**"):
 *    "Unit Descriptor:" prose, ELEMENT / PERFORMANCE CRITERIA (markdown tables, tab tables, bullet lists and
 *    one run-on line, mixed), RANGE STATEMENT ("Element N: title**A. Category:**", "- (i) item"),
 *    UNDERPINNING KNOWLEDGE (headings, "N. item", " - a. sub-item"), EVIDENCE GUIDE ("(1) Critical Aspects
 *    of Evidence" with lettered items, "(2) Methods of Assessment", "(3) Context of Assessment").
 *
 * Parsing recovers everything the layout allows; what it cannot (or where the seed itself is inconsistent)
 * is handled by the named corrections in ./corrections/cvq.ts, each of which records a note in the data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  qualificationSchema,
  type Element,
  type ParentItem,
  type Qualification,
  type RangeCategory,
  type Unit,
} from '../../src/domain/standards/schema';
import { applyCvqCorrections } from './corrections/cvq';

export const CVQ_SEED_FILE = '000_35b30a6c14d52dae.txt';
export const CVQ_ID = 'cvq-cca010-02';

/** Conversion artefacts out, wrapped lines joined: `**bold**`, `*italic*`, `<i>`, runs of whitespace. */
export function cleanText(s: string): string {
  return s
    .replace(/<\/?i>/g, '')
    .replace(/\*+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function fail(message: string): never {
  throw new Error(`cvq import: ${message}`);
}

// ---------------------------------------------------------------------------------------------------
// Structure table
// ---------------------------------------------------------------------------------------------------

export interface StructureUnit {
  /** The number in the structure table ("1" ... "9"). */
  number: string;
  title: string;
  tvetc: string;
  mandatory: boolean;
  /** Element titles as the structure table lists them, keyed "1.1", "1.2", ... */
  elements: { code: string; title: string }[];
}

export interface StructureTable {
  /** The qualification heading line, e.g. "CUSTOMER SERVICE- LEVEL 2 - CCA010-02". */
  heading: string;
  rulesSentence: string;
  mandatoryTitle: string;
  optionalTitle: string;
  units: StructureUnit[];
}

export function parseStructure(preamble: string[]): StructureTable {
  const lines = preamble.map((l) => l.replace(/\s+$/, ''));
  const heading = lines.find((l) => /CCA\d{3}-\d{2}/.test(l)) ?? fail('no qualification heading with a CVQ code');
  const rulesSentence = cleanText(lines.find((l) => /^A minimum of/.test(l)) ?? fail('no rules-of-combination sentence'));
  const mandatoryHeader = lines.find((l) => /^Mandatory Units/.test(l)) ?? fail('no "Mandatory Units" header');
  const mandatoryTitle = cleanText(mandatoryHeader.split('\t')[0]!);
  const optionalTitle = cleanText(lines.find((l) => /^Optional Units/.test(l)) ?? fail('no "Optional Units" header'));

  const units: StructureUnit[] = [];
  let inOptional = false;
  for (const line of lines) {
    if (/^Optional Units/.test(line)) inOptional = true;
    // Mandatory units: everything on one line, the TVETC number in the last tab cell.
    const one = /^(\d+) (.+)\t(U\d{5})$/.exec(line);
    if (one && !inOptional) {
      const [, number, body, tvetc] = one as unknown as [string, string, string, string];
      const parts = body.split(new RegExp(`\\s(?=${number}\\.\\d+\\s)`));
      const title = cleanText(parts.shift()!);
      const elements = parts.map((p) => {
        const m = /^(\d+\.\d+)\s+(.*)$/.exec(p) ?? fail(`structure table: cannot read element "${p}"`);
        return { code: m[1]!, title: cleanText(m[2]!) };
      });
      units.push({ number, title, tvetc, mandatory: true, elements });
      continue;
    }
    // Optional units: "6<TAB>Title<TAB>U13202", then "6.1<TAB>Element title<TAB>".
    const head = /^(\d+)\t(.+?)\t(U\d{5})$/.exec(line);
    if (head && inOptional) {
      units.push({ number: head[1]!, title: cleanText(head[2]!), tvetc: head[3]!, mandatory: false, elements: [] });
      continue;
    }
    const el = /^(\d+\.\d+)\t(.+?)\s*$/.exec(line);
    if (el && inOptional) {
      const unit = units[units.length - 1] ?? fail(`structure table: element ${el[1]} before any unit`);
      if (!el[1]!.startsWith(`${unit.number}.`)) fail(`structure table: element ${el[1]} under unit ${unit.number}`);
      unit.elements.push({ code: el[1]!, title: cleanText(el[2]!) });
    }
  }
  return { heading: cleanText(heading), rulesSentence, mandatoryTitle, optionalTitle, units };
}

// ---------------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------------

interface UnitBlock {
  tvetc: string;
  title: string;
  lines: string[];
}

const UNIT_HEADER = /^(U\d{5})[:\s]*(.+)$/;

function splitUnits(lines: string[]): { preamble: string[]; blocks: UnitBlock[] } {
  const first = lines.findIndex((l) => UNIT_HEADER.test(l));
  if (first < 0) fail('no unit pages found');
  const blocks: UnitBlock[] = [];
  for (let i = first; i < lines.length; i++) {
    const m = UNIT_HEADER.exec(lines[i]!);
    if (m) blocks.push({ tvetc: m[1]!, title: cleanText(m[2]!), lines: [] });
    else blocks[blocks.length - 1]!.lines.push(lines[i]!);
  }
  return { preamble: lines.slice(0, first), blocks };
}

/** The line ranges of a unit page's sections. */
function sections(block: UnitBlock) {
  const at = (re: RegExp, what: string) => {
    const i = block.lines.findIndex((l) => re.test(l));
    if (i < 0) fail(`unit ${block.tvetc}: no ${what}`);
    return i;
  };
  const descriptor = at(/^Unit Descriptor:/, '"Unit Descriptor:"');
  const element = at(/^ELEMENT/, 'ELEMENT / PERFORMANCE CRITERIA table');
  const range = at(/^RANGE STATEMENT/, 'RANGE STATEMENT');
  const knowledge = at(/^UNDERPINNING KNOWLEDGE/, 'UNDERPINNING KNOWLEDGE');
  const evidence = at(/^EVIDENCE GUIDE/, 'EVIDENCE GUIDE');
  if (!(descriptor < element && element < range && range < knowledge && knowledge < evidence)) {
    fail(`unit ${block.tvetc}: sections out of the expected order`);
  }
  return {
    descriptor: block.lines.slice(descriptor + 1, element),
    criteria: block.lines.slice(element, range),
    range: block.lines.slice(range, knowledge),
    knowledge: block.lines.slice(knowledge, evidence),
    evidence: block.lines.slice(evidence),
  };
}

/** Paragraphs and bullets of prose, one per line ("- " kept for bullets). */
function prose(lines: string[]): string[] {
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => (/^-\s+/.test(l) ? `- ${cleanText(l.replace(/^-\s+/, ''))}` : cleanText(l)));
}

// --- Performance criteria ------------------------------------------------------------------------------

const CRITERIA_BOILERPLATE = [/^ELEMENT\s*(PERFORMANCE CRITERIA)?$/, /^PERFORMANCE CRITERIA$/, /^To be competent you must achieve the following:?$/];

/**
 * The element / criteria table in any of its flattened forms: markdown rows ("| 1. Title | 1.1 Text |",
 * "| | 1.1 | Text |"), tab cells, bullets (" - 2.1 Text"), and one run-on line ("1.1 Text. 1.2 Text.").
 * A criterion goes to the element its number names; where that is not the element printed last (a
 * table cell spilled past the next element's heading) the element gets a note.
 */
function parseCriteria(tvetc: string, lines: string[]): Element[] {
  const elements: Element[] = [];
  let current: Element | undefined;
  let last: { code: string; text?: string } | undefined;
  const segments = lines.flatMap((raw) =>
    raw
      .replace(/<\/?i>/g, '')
      .replace(/\*\*/g, '')
      .split(/[\t|]/)
      .map((c) => c.trim().replace(/^-+\s*/, '').trim())
      .filter((c) => c !== '' && !/^[-:]+$/.test(c))
      .flatMap((c) => c.split(/(?<=\.)\s+(?=\d+\.\d+\s)/)),
  );
  for (const seg of segments) {
    if (CRITERIA_BOILERPLATE.some((re) => re.test(seg))) continue;
    const crit = /^(\d+)\.(\d+)(?:\s+(.*))?$/.exec(seg);
    if (crit) {
      const code = `${crit[1]}.${crit[2]}`;
      const owner = elements.find((e) => e.code === crit[1]) ?? fail(`unit ${tvetc}: criterion ${code} has no element ${crit[1]}`);
      if (owner !== current) {
        owner.notes = [
          ...(owner.notes ?? []),
          `Criterion ${code} is printed after the heading of element ${current?.code} ("${current?.title}"), a table cell that spilled in the conversion; it is placed in element ${owner.code} by its number.`,
        ];
      }
      if (owner.criteria.some((c) => c.code === code)) fail(`unit ${tvetc}: criterion ${code} printed twice`);
      last = { code, ...(crit[3] ? { text: cleanText(crit[3]) } : {}) };
      owner.criteria.push(last);
      continue;
    }
    const el = /^(\d+)\.\s+(.+)$/.exec(seg);
    if (el) {
      if (elements.some((e) => e.code === el[1])) fail(`unit ${tvetc}: element ${el[1]} printed twice`);
      current = { code: el[1]!, title: cleanText(el[2]!), criteria: [] };
      elements.push(current);
      last = undefined;
      continue;
    }
    // A criterion's text in the next cell ("| 1.1 | Gather ... |") or wrapped onto the next line.
    if (!last) fail(`unit ${tvetc}: cannot place performance-criteria text "${seg}"`);
    last.text = cleanText(`${last.text ?? ''} ${seg}`);
  }
  for (const e of elements) {
    if (e.criteria.length === 0) fail(`unit ${tvetc}: element ${e.code} has no criteria`);
    for (const c of e.criteria) if (!c.text) fail(`unit ${tvetc}: criterion ${c.code} has no text`);
  }
  return elements;
}

// --- Range statement -------------------------------------------------------------------------------------

export interface RangeParse {
  range: RangeCategory[];
  /** "Element N: title" as the range statement prints it, to compare with the criteria table. */
  elementTitles: Map<string, string>;
}

function parseCategory(tvetc: string, element: string | undefined, text: string): RangeCategory {
  if (!element) fail(`unit ${tvetc}: range category "${text}" before any "Element N:" heading`);
  let t = cleanText(text);
  const appliesTo = [element];
  const also = /\s*\((?:Also applies to|Also in)\s+(elements?|units?)\s+([^)]*)\)\s*$/i.exec(t);
  if (also) {
    t = t.slice(0, also.index).trim();
    // "(Also applies to unit 3)" names a unit, not an element: left to the corrections.
    if (/^elements?$/i.test(also[1]!)) {
      for (const n of also[2]!.match(/\d+/g) ?? []) if (!appliesTo.includes(n)) appliesTo.push(n);
    }
  }
  const lettered = /^([A-Z])\.\s+(.+)$/.exec(t);
  // An unlettered category keeps an empty code here; a correction must give it one (the schema rejects '').
  return { element, code: lettered ? lettered[1]! : '', title: lettered ? lettered[2]! : t, appliesTo, items: [] };
}

function parseRange(tvetc: string, lines: string[]): RangeParse {
  const range: RangeCategory[] = [];
  const elementTitles = new Map<string, string>();
  let element: string | undefined;
  for (const raw of lines) {
    const l = raw.trim();
    if (l === '' || /^RANGE STATEMENT/.test(l) || /^You must cover the items below[:;]$/.test(l)) continue;
    const el = /^Element (\d+):\s*(.*)$/.exec(l);
    if (el) {
      element = el[1]!;
      const star = el[2]!.indexOf('**');
      elementTitles.set(element, cleanText(star >= 0 ? el[2]!.slice(0, star) : el[2]!));
      if (star >= 0 && cleanText(el[2]!.slice(star)) !== '') range.push(parseCategory(tvetc, element, el[2]!.slice(star)));
      continue;
    }
    const item = /^-\s*\(([ivxlc]+)\)\s+(.+)$/.exec(l);
    if (item) {
      const cat = range[range.length - 1] ?? fail(`unit ${tvetc}: range item (${item[1]}) before any category`);
      if (cat.items.some((i) => i.code === item[1])) fail(`unit ${tvetc}: range item ${cat.code}(${item[1]}) printed twice`);
      cat.items.push({ code: item[1]!, text: cleanText(item[2]!) });
      continue;
    }
    if (/^-/.test(l)) fail(`unit ${tvetc}: unexpected range line "${l}"`);
    range.push(parseCategory(tvetc, element, l));
  }
  for (const c of range) if (c.items.length === 0) fail(`unit ${tvetc}: range category ${c.code} "${c.title}" has no items`);
  return { range, elementTitles };
}

// --- Underpinning knowledge ------------------------------------------------------------------------------

function parseKnowledge(tvetc: string, lines: string[]): ParentItem[] {
  const items: ParentItem[] = [];
  let heading: string | undefined;
  for (const raw of lines) {
    const l = raw.trim();
    if (l === '' || /^UNDERPINNING KNOWLEDGE/.test(l) || /^You need to understand:?$/.test(l)) continue;
    const item = /^(\d+)\.\s+(.+)$/.exec(l);
    if (item) {
      if (items.some((i) => i.code === item[1])) fail(`unit ${tvetc}: knowledge item ${item[1]} printed twice`);
      items.push({ code: item[1]!, text: cleanText(item[2]!), ...(heading ? { heading } : {}) });
      continue;
    }
    const sub = /^-\s*([a-z])\.\s+(.+)$/.exec(l);
    if (sub) {
      const parent = items[items.length - 1] ?? fail(`unit ${tvetc}: knowledge sub-item ${sub[1]} before any item`);
      parent.subItems = [...(parent.subItems ?? []), { code: sub[1]!, text: cleanText(sub[2]!) }];
      continue;
    }
    // Anything else is a sub-heading ("Legislation and regulations", "Additional knowledge ... for Unit 3").
    const h = cleanText(l);
    if (!/^[A-Z]/.test(h) || h.length > 80 || /[.:]$/.test(h)) fail(`unit ${tvetc}: cannot read knowledge line "${l}"`);
    heading = h;
  }
  return items;
}

// --- Evidence guide ----------------------------------------------------------------------------------

interface EvidenceParse {
  evidenceRequirements: ParentItem[];
  assessmentGuidance: { text: string }[];
  simulation: Unit['simulation'];
}

const EVIDENCE_SECTION = /^\(?([123])[.)]\s*\**\s*(Critical Aspects of Evidence|Methods of Assessment|Context of Assessment)\s*\**(.*)$/i;

/**
 * Lettered items (a. / c)) become evidence requirements, each carrying as `heading` the sentence that
 * introduces its run ("You also need to show that you have dealt with customers who:"). Everything else
 * in a section (prose, "could include" bullets) becomes one unit-wide assessment-guidance entry per
 * section: the section's heading as printed, then its paragraphs and bullets one per line.
 */
function parseEvidence(tvetc: string, lines: string[]): EvidenceParse {
  const requirements: ParentItem[] = [];
  const sectionsOut: { title: string; lines: string[] }[] = [];
  let section: { title: string; lines: string[] } | undefined;
  let runHeading: string | undefined;
  let previousWasItem = false;
  for (const raw of lines) {
    let l = raw.trim();
    if (l === '') continue;
    if (/^EVIDENCE GUIDE/.test(l)) {
      l = l.replace(/^EVIDENCE GUIDE\s*/, '').replace(/^\*\*/, '').trim();
      if (l === '') continue;
    }
    if (/^For assessment purposes:$/.test(l)) continue;
    const head = EVIDENCE_SECTION.exec(l);
    if (head) {
      section = { title: cleanText(head[2]!), lines: [] };
      sectionsOut.push(section);
      const rest = cleanText(head[3]!);
      if (rest) section.lines.push(rest);
      previousWasItem = false;
      continue;
    }
    if (!section) fail(`unit ${tvetc}: evidence-guide text before its first section: "${l}"`);
    const item = /^-\s*([a-z])[.)]\s+(.+)$/.exec(l);
    if (item) {
      if (!previousWasItem) {
        const intro = section.lines[section.lines.length - 1];
        runHeading = intro && intro.endsWith(':') && !intro.startsWith('- ') ? section.lines.pop() : undefined;
      }
      requirements.push({ code: item[1]!, text: cleanText(item[2]!), ...(runHeading ? { heading: runHeading } : {}) });
      previousWasItem = true;
      continue;
    }
    previousWasItem = false;
    section.lines.push(...prose([l]));
  }
  const all = sectionsOut.flatMap((s) => s.lines).join(' ');
  const simulation = /Simulation is not allowed/i.test(all) ? 'not allowed' : /Simulation may be used/i.test(all) ? 'allowed' : 'not stated';
  return {
    evidenceRequirements: requirements,
    assessmentGuidance: sectionsOut.filter((s) => s.lines.length > 0).map((s) => ({ text: [s.title, ...s.lines].join('\n') })),
    simulation,
  };
}

// --- One unit ----------------------------------------------------------------------------------------

function parseUnit(block: UnitBlock, structure: StructureUnit): Unit {
  const s = sections(block);
  const elements = parseCriteria(block.tvetc, s.criteria);
  const { range, elementTitles } = parseRange(block.tvetc, s.range);
  const evidence = parseEvidence(block.tvetc, s.evidence);
  const notes: string[] = [];

  if (structure.title !== block.title) {
    notes.push(`The structure table titles this unit "${structure.title}"; the unit page prints "${block.title}" (kept).`);
  }
  // Structure table's element list against the unit page's.
  const listed = structure.elements;
  const sameCount = listed.length === elements.length;
  if (!sameCount) {
    notes.push(
      `The structure table lists ${listed.length} elements for unit ${structure.number} (${listed
        .map((e) => `${e.code} "${e.title}"`)
        .join(', ')}); the unit page prints ${elements.length} (${elements
        .map((e) => `${e.code} "${e.title}"`)
        .join(', ')}). The unit page is transcribed.`,
    );
  }
  elements.forEach((e, i) => {
    const fromTable = listed[i];
    if (sameCount && fromTable && fromTable.title !== e.title) {
      e.notes = [
        ...(e.notes ?? []),
        `The structure table lists this element as ${fromTable.code} "${fromTable.title}"; the unit page's performance criteria print "${e.title}" (kept).`,
      ];
    }
    const inRange = elementTitles.get(e.code);
    if (inRange !== undefined && inRange !== e.title) {
      e.notes = [...(e.notes ?? []), `The range statement heads this element "Element ${e.code}: ${inRange}".`];
    }
  });
  for (const code of elementTitles.keys()) {
    if (!elements.some((e) => e.code === code)) fail(`unit ${block.tvetc}: range statement names element ${code}, which has no criteria`);
  }

  return {
    code: block.tvetc,
    codes: [
      { scheme: 'TVETC', code: block.tvetc },
      { scheme: 'unit number', code: structure.number },
    ],
    title: block.title,
    level: null,
    scqfLevel: null,
    credit: null,
    glh: null,
    detailed: true,
    elementKind: 'element',
    elements,
    range,
    knowledge: parseKnowledge(block.tvetc, s.knowledge),
    evidenceRequirements: evidence.evidenceRequirements,
    assessmentGuidance: evidence.assessmentGuidance,
    simulation: evidence.simulation,
    summary: prose(s.descriptor).join('\n'),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

function structureOnlyUnit(structure: StructureUnit): Unit {
  return {
    code: structure.tvetc,
    codes: [
      { scheme: 'TVETC', code: structure.tvetc },
      { scheme: 'unit number', code: structure.number },
    ],
    title: structure.title,
    level: null,
    scqfLevel: null,
    credit: null,
    glh: null,
    detailed: false,
    elementKind: 'element',
    elements: [],
    range: [],
    knowledge: [],
    evidenceRequirements: [],
    assessmentGuidance: [],
    simulation: 'not stated',
  };
}

// ---------------------------------------------------------------------------------------------------
// The qualification
// ---------------------------------------------------------------------------------------------------

/**
 * Rules of combination, from "A minimum of six (6) units must be completed to achieve the full award,
 * candidates must complete five (5) mandatory units plus one (1) optional unit, making a total of six (6)
 * units." and the table headings. Each `source` joins the seed's own phrases with " / "; every phrase is
 * checked against the seed text on import.
 */
const RULES: Qualification['rules'] = [
  {
    kind: 'mandatory',
    groups: ['mandatory'],
    source: 'candidates must complete five (5) mandatory units / Mandatory Units (All must be completed)',
  },
  {
    kind: 'unitCount',
    groups: ['optional'],
    min: 1,
    max: 1,
    source: 'plus one (1) optional unit / Optional Units (Choose one)',
  },
  {
    kind: 'unitCount',
    min: 6,
    source: 'A minimum of six (6) units must be completed to achieve the full award / making a total of six (6) units',
  },
];

/** The seed as parsed, before the hand corrections and validation. */
export function parseCvq(seedText: string): Qualification {
  const lines = seedText.replace(/\r\n?/g, '\n').split('\n');
  for (const rule of RULES) {
    for (const phrase of rule.source.split(' / ')) if (!seedText.includes(phrase)) fail(`rule source phrase not in the seed: "${phrase}"`);
  }
  const { preamble, blocks } = splitUnits(lines);
  const structure = parseStructure(preamble);

  const headingMatch = /^(.*?)\s*-\s*(CCA\d{3}-\d{2})$/.exec(structure.heading) ?? fail(`cannot read "${structure.heading}"`);
  const title = headingMatch[1]!;
  const cvqCode = headingMatch[2]!;
  const level = Number(/LEVEL (\d)/i.exec(title)?.[1] ?? fail('no level in the qualification heading'));

  for (const b of blocks) {
    if (!structure.units.some((u) => u.tvetc === b.tvetc)) fail(`unit page ${b.tvetc} is not in the structure table`);
  }
  const units = structure.units.map((su) => {
    const block = blocks.find((b) => b.tvetc === su.tvetc);
    return block ? parseUnit(block, su) : structureOnlyUnit(su);
  });
  const mandatory = structure.units.filter((u) => u.mandatory).map((u) => u.tvetc);
  const optional = structure.units.filter((u) => !u.mandatory).map((u) => u.tvetc);

  const parsed: Qualification = {
    id: CVQ_ID,
    title,
    awardingBody: 'TVET Council',
    framework: 'CVQ',
    level,
    scqfLevel: null,
    identifiers: [
      { scheme: 'CVQ code', value: cvqCode },
      { scheme: 'title', value: title },
    ],
    glh: null,
    tqt: null,
    minimumCredits: null,
    groups: [
      { id: 'mandatory', title: structure.mandatoryTitle, mandatory: true, units: mandatory },
      { id: 'optional', title: structure.optionalTitle, mandatory: false, units: optional },
    ],
    rules: RULES,
    units,
    source: {
      document: CVQ_SEED_FILE,
      description:
        'Caribbean Vocational Qualification (CVQ) Customer Service Level 2, CCA010-02: the approved CVQ structure (5 mandatory units, 1 of 4 optional units) and the nine unit standards (elements, performance criteria, range statements, underpinning knowledge, evidence guides), from a plain-text conversion of the original.',
    },
    notes: [
      `The document heads the structure "APPROVED CARIBBEAN VOCATIONAL QUALIFICATION STRUCTURE" / "${structure.heading}"; the title is taken as the words before the CVQ code, as printed.`,
      'The document does not name the awarding body explicitly; "TVET Council" is taken from the structure table\'s "TVETC Number" column.',
      'The document states the qualification level (Level 2) but no level, credit value or guided learning hours for the individual units: those are null.',
      'Boilerplate lead-ins ("To be competent you must achieve the following:", "You must cover the items below:", "You need to understand:", "For assessment purposes:") are not transcribed.',
      'Evidence guides: lettered critical aspects of evidence are evidence requirements (the sentence introducing each run is its heading); every other line of the evidence guide is kept in assessment guidance, one entry per section ("Critical Aspects of Evidence", "Methods of Assessment", "Context of Assessment"), with the section heading as the first line and one paragraph or bullet per line.',
    ],
  };

  return parsed;
}

/** Parse the seed, apply the hand corrections, validate. */
export function importCvq(seedText: string): Qualification {
  return qualificationSchema.parse(applyCvqCorrections(parseCvq(seedText)));
}

function main(): void {
  const seedPath = resolve(process.cwd(), process.argv[2] ?? `../shared/seeds/${CVQ_SEED_FILE}`);
  const data = importCvq(readFileSync(seedPath, 'utf8'));
  const out = resolve(process.cwd(), `src/domain/standards/data/${CVQ_ID}.json`);
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${out}: ${data.units.length} units`);
}

if (typeof require !== 'undefined' && require.main === module) main();
