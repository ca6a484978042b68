/**
 * Importer for seed 002: SQA "SVQ 3 in Customer Service at SCQF level 6", candidate portfolio and
 * recording documents (plain-text conversion of the SQA Word/PDF original).
 *
 *   npx tsx scripts/import/sqaSvq.ts [seedPath]
 *
 * Layout of the seed (what this parser relies on):
 * - Section 1: general information about SVQs, with an *example* element from an engineering unit.
 * - Section 2: how to compile a portfolio, with *worked examples* for a different qualification
 *   ("Using IT at level 3", units 206, 301, ...). Neither is part of this qualification: ignored.
 * - Section 3: the "Unit progress record" (unit checklist, then one table of mandatory Units and
 *   four tables of optional Units, each row "SQA Unit Number / SSC Unit Number / Title / ..."),
 *   a glossary, then "Units for the SVQ 3 in Customer Service at SCQF level 6": for each Unit a
 *   series of pages, each headed "Unit F3 (FE2R 04)" + the Unit title:
 *     1. overview: "This Unit has the following Elements:" (code + title) and "Unit Summary";
 *     2. elements: element code + title, "Performance Criteria", "You must ...:", then criteria
 *        "F3.1.1" + text; long elements are continued under "A13.2 (continued)";
 *     3. "Knowledge and Understanding for the whole Unit": "F3a" + text;
 *     4. recording tables: "Performance Criteria" [(continued)] and "Knowledge and Understanding"
 *        columns over "No / Description of evidence" (codes only, used here as a cross-check);
 *     5. "Notes/Comments" and sign-off boxes.
 * - Section 4: blank recording forms (ignored).
 *
 * Structural surprises (a code out of sequence, an item under the wrong element, an unknown page)
 * make the importer throw rather than guess. Known kinds of seed inconsistency (recording table
 * vs unit text, element list vs element page, progress record vs unit page) are detected here and
 * recorded as notes in the data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  qualificationSchema,
  type Element,
  type Group,
  type ParentItem,
  type Qualification,
  type Rule,
  type Unit,
  type UnitCodeScheme,
} from '../../src/domain/standards/schema';
import { applySqaSvqCorrections } from './corrections/sqaSvq';

export const SQA_SVQ_SEED_FILE = '002_c8159a0ee6f5e1a2.txt';
export const SQA_SVQ_ID = 'sqa-svq3-customer-service';
const QUALIFICATION_TITLE = 'SVQ 3 in Customer Service at SCQF level 6';

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Collapse runs of whitespace and trim: the only normalisation applied to seed text. */
export function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Compare two printed titles ignoring whitespace and a closing full stop. */
function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => clean(s).replace(/\.$/, '').trim();
  return norm(a) === norm(b);
}

/** Lines that are conversion debris: a lone "." or ":" left over from a table cell. */
function isDebris(line: string): boolean {
  return /^[.:]$/.test(line.trim());
}

function fail(message: string): never {
  throw new Error(`sqaSvq importer: ${message}`);
}

function indexOfLine(lines: string[], predicate: (l: string) => boolean, from = 0): number {
  for (let i = from; i < lines.length; i++) if (predicate(lines[i]!)) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Unit progress record (Section 3)

interface ProgressRow {
  sqa: string;
  ssc: string;
  title: string;
}

interface ProgressTable {
  heading: string;
  rows: ProgressRow[];
}

interface ProgressRecord {
  qualificationTitle: string;
  /** The rule sentence(s) printed above the checklist. */
  rulesText: string;
  checklistMandatory: string[];
  checklistOptional: string[];
  mandatory: ProgressTable;
  optional: ProgressTable[];
}

const SQA_CODE = /^[A-Z]{2}[0-9A-Z]{2} ?\d{2}$/; // "FE2R 04", also "FE4004" as printed once
const SSC_CODE = /^[A-Z]\d{1,2}$/; // "F3", "A13"

function parseProgressRecord(lines: string[]): ProgressRecord {
  const start = indexOfLine(lines, (l) => /^Section 3 — The Units and recording documents/.test(l.trim()));
  const end = indexOfLine(lines, (l) => l.trim() === 'Glossary of terms', start);
  if (start < 0 || end < 0) fail('Section 3 unit progress record not found');
  const section = lines.slice(start, end).map((l) => l.trim());

  const titleAt = section.indexOf('Qualification and level');
  const qualificationTitle = clean(section.slice(titleAt + 1).find((l) => l !== '') ?? '');

  const rulesText = clean(section.find((l) => l.startsWith('To achieve the whole qualification')) ?? fail('rules sentence not found'));

  // Checklist: "Mandatory" F3 F4 ... "Optional" A13 ... up to the first table heading.
  const checkStart = section.findIndex((l) => l.startsWith('Unit Checklist'));
  const firstTable = section.findIndex((l) => l.startsWith('Mandatory Units —'));
  const checklistMandatory: string[] = [];
  const checklistOptional: string[] = [];
  let bucket: string[] | null = null;
  for (const l of section.slice(checkStart + 1, firstTable)) {
    if (l === 'Mandatory') bucket = checklistMandatory;
    else if (l === 'Optional') bucket = checklistOptional;
    else if (SSC_CODE.test(l)) (bucket ?? fail(`checklist code ${l} outside Mandatory/Optional`)).push(l);
  }

  const tables: ProgressTable[] = [];
  let current: ProgressTable | null = null;
  let row: ProgressRow | null = null;
  let expect: 'sqa' | 'ssc' | 'title' = 'sqa';
  let inBody = false;
  for (const raw of section.slice(firstTable)) {
    const l = raw.trim();
    if (/^(Mandatory|Optional) Units —/.test(l)) {
      current = { heading: clean(l), rows: [] };
      tables.push(current);
      row = null;
      inBody = false;
      continue;
    }
    if (!current) continue;
    if (!inBody) {
      if (l === 'Date') inBody = true; // last header cell
      continue;
    }
    if (l === '') continue;
    if (SQA_CODE.test(l)) {
      row = { sqa: l, ssc: '', title: '' };
      current.rows.push(row);
      expect = 'ssc';
    } else if (expect === 'ssc' && row && SSC_CODE.test(l)) {
      row.ssc = l;
      expect = 'title';
    } else if (expect === 'title' && row) {
      row.title = clean(`${row.title} ${l}`);
    } else {
      fail(`unexpected line in progress record table "${current.heading}": ${l}`);
    }
  }
  const [mandatory, ...optional] = tables;
  if (!mandatory || !mandatory.heading.startsWith('Mandatory') || optional.length !== 4) {
    fail(`expected one mandatory and four optional tables, found ${tables.map((t) => t.heading).join(' | ')}`);
  }
  return { qualificationTitle, rulesText, checklistMandatory, checklistOptional, mandatory, optional };
}

// ---------------------------------------------------------------------------------------------
// Unit pages

interface UnitPage {
  line: number;
  ssc: string;
  sqa: string;
  title: string;
  body: string[];
}

interface ParsedUnit {
  ssc: string;
  sqa: string;
  title: string;
  /** "This Unit has the following Elements:" list. */
  elementList: { code: string; title: string }[];
  summary: string;
  theme: string | null;
  elements: Element[];
  knowledgeHeading: string;
  knowledge: ParentItem[];
  tableCriteria: string[];
  tableKnowledge: string[];
  notes: string[];
}

const UNIT_HEADER = /^Unit ([A-Z]\d{1,2}) \(([A-Z0-9]{4} \d{2})\)\s*$/;

function splitUnitPages(lines: string[]): UnitPage[] {
  const start = indexOfLine(lines, (l) => l.trim() === `Units for the ${QUALIFICATION_TITLE}`);
  const end = indexOfLine(lines, (l) => /^Section 4 — /.test(l.trim()), start);
  if (start < 0 || end < 0) fail('"Units for the ..." section not found');
  const pages: UnitPage[] = [];
  for (let i = start + 1; i < end; i++) {
    const m = UNIT_HEADER.exec(lines[i]!);
    if (m) {
      pages.push({ line: i + 1, ssc: m[1]!, sqa: m[2]!, title: '', body: [] });
      continue;
    }
    const page = pages[pages.length - 1];
    if (!page) {
      if (lines[i]!.trim() !== '') fail(`text before the first unit page at line ${i + 1}`);
      continue;
    }
    page.body.push(lines[i]!);
  }
  // Title: the non-blank lines right after the header, up to a blank line, a tab-indented table
  // cell or the overview's first line (the F4 title wraps over two lines).
  for (const page of pages) {
    const titleLines: string[] = [];
    let k = 0;
    while (k < page.body.length) {
      const l = page.body[k]!;
      if (l.trim() === '' || l.startsWith('\t') || l.trim().startsWith('This Unit has')) break;
      titleLines.push(l);
      k++;
    }
    if (titleLines.length === 0) fail(`unit page at line ${page.line} has no title`);
    page.title = clean(titleLines.join(' '));
    page.body = page.body.slice(k);
  }
  return pages;
}

type PageKind = 'overview' | 'elements' | 'knowledge' | 'criteriaTable' | 'knowledgeTable' | 'signoff';

function pageKind(page: UnitPage): PageKind {
  const t = page.body.map((l) => l.trim());
  if (t.includes('This Unit has the following Elements:')) return 'overview';
  if (t.some((l) => l.startsWith('Knowledge and Understanding for the whole Unit'))) return 'knowledge';
  if (t.includes('Description of evidence')) {
    const header = t.find((l) => l !== '');
    if (header?.startsWith('Performance Criteria')) return 'criteriaTable';
    if (header?.startsWith('Knowledge and Understanding')) return 'knowledgeTable';
    fail(`recording table with unknown header "${header}" at line ${page.line}`);
  }
  if (t.includes('Notes/Comments')) return 'signoff';
  if (t.includes('Performance Criteria')) return 'elements';
  return fail(`unrecognised unit page at line ${page.line}`);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseOverview(page: UnitPage, unit: ParsedUnit): void {
  const t = page.body.map((l) => l.trim());
  const listStart = t.indexOf('This Unit has the following Elements:');
  const summaryAt = t.indexOf('Unit Summary');
  if (summaryAt < listStart) fail(`${unit.ssc}: no Unit Summary after the element list`);
  const elementCode = new RegExp(`^${escapeRe(unit.ssc)}\\.\\d+$`);
  for (const l of t.slice(listStart + 1, summaryAt)) {
    if (l === '') continue;
    if (elementCode.test(l)) unit.elementList.push({ code: l, title: '' });
    else {
      const last = unit.elementList[unit.elementList.length - 1] ?? fail(`${unit.ssc}: element list text before a code: ${l}`);
      last.title = clean(`${last.title} ${l}`);
    }
  }
  // Summary paragraphs: blank-line separated; kept as paragraphs.
  const paragraphs: string[] = [];
  let para: string[] = [];
  for (const l of t.slice(summaryAt + 1)) {
    if (l === '') {
      if (para.length) paragraphs.push(clean(para.join(' ')));
      para = [];
    } else para.push(l);
  }
  if (para.length) paragraphs.push(clean(para.join(' ')));
  unit.summary = paragraphs.join('\n\n');
  const theme = /part of the Customer Service Theme of ([^.]+)\./i.exec(unit.summary);
  unit.theme = theme ? clean(theme[1]!) : null;
}

const CRITERIA_STEMS = new Set(['You must be able to:', 'You must consistently:', 'You must consistently :']);

function parseElementsPage(page: UnitPage, unit: ParsedUnit): void {
  const elementCode = new RegExp(`^${escapeRe(unit.ssc)}\\.\\d+$`);
  const criterionCode = new RegExp(`^${escapeRe(unit.ssc)}\\.\\d+\\.\\d+$`);
  const lines = page.body.map((l) => l.trim());
  let element: Element | null = null;
  let mode: 'none' | 'elementTitle' | 'afterTitle' | 'criterion' = 'none';
  let titleParts: string[] = [];
  let criterionParts: string[] = [];
  let criterion: { code: string; text?: string } | null = null;

  const flushCriterion = () => {
    if (criterion) {
      if (criterionParts.length === 0) fail(`${unit.ssc}: criterion ${criterion.code} has no text`);
      criterion.text = clean(criterionParts.join(' '));
    }
    criterion = null;
    criterionParts = [];
  };
  const flushTitle = () => {
    if (element && mode === 'elementTitle') {
      if (titleParts.length === 0) fail(`${unit.ssc}: element ${element.code} has no title`);
      element.title = clean(titleParts.join(' '));
    }
    titleParts = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '' || isDebris(l)) continue;
    if (elementCode.test(l)) {
      flushCriterion();
      flushTitle();
      // "A13.2" followed by "(continued)": the same element carries on.
      const next = lines.slice(i + 1).find((x) => x !== '');
      if (next === '(continued)') {
        const existing = unit.elements.find((e) => e.code === l) ?? fail(`${unit.ssc}: "${l} (continued)" before ${l}`);
        if (existing !== unit.elements[unit.elements.length - 1]) fail(`${unit.ssc}: "${l} (continued)" out of order`);
        element = existing;
        i = lines.indexOf('(continued)', i + 1);
        mode = 'afterTitle';
        continue;
      }
      if (unit.elements.some((e) => e.code === l)) fail(`${unit.ssc}: element ${l} printed twice`);
      element = { code: l, title: '', criteria: [] };
      unit.elements.push(element);
      mode = 'elementTitle';
      continue;
    }
    if (l === 'Performance Criteria') {
      flushTitle();
      mode = 'afterTitle';
      continue;
    }
    if (CRITERIA_STEMS.has(l)) continue;
    if (criterionCode.test(l)) {
      flushCriterion();
      if (!element) fail(`${unit.ssc}: criterion ${l} before any element`);
      const current: Element = element;
      if (!l.startsWith(`${current.code}.`)) fail(`${unit.ssc}: criterion ${l} printed under element ${current.code}`);
      if (current.criteria.some((c) => c.code === l)) fail(`${unit.ssc}: criterion ${l} printed twice`);
      criterion = { code: l };
      current.criteria.push(criterion);
      mode = 'criterion';
      continue;
    }
    if (mode === 'elementTitle') titleParts.push(l);
    else if (mode === 'criterion') criterionParts.push(l);
    else fail(`${unit.ssc}: unexpected line on the element page at line ${page.line}: ${l}`);
  }
  flushCriterion();
  flushTitle();
}

function parseKnowledgePage(page: UnitPage, unit: ParsedUnit): void {
  const knowledgeCode = new RegExp(`^${escapeRe(unit.ssc)}[a-z]$`);
  const lines = page.body.map((l) => l.trim());
  let current: ParentItem | null = null;
  let parts: string[] = [];
  const flush = () => {
    if (current) {
      if (parts.length === 0) fail(`${unit.ssc}: knowledge item ${current.code} has no text`);
      current.text = clean(parts.join(' '));
    }
    parts = [];
  };
  for (const l of lines) {
    if (l === '' || isDebris(l)) continue;
    if (l.startsWith('Knowledge and Understanding for')) {
      unit.knowledgeHeading = clean(l);
      continue;
    }
    if (/^To be competent .* know and understand:$/.test(l)) continue;
    if (knowledgeCode.test(l)) {
      flush();
      if (unit.knowledge.some((k) => k.code === l)) fail(`${unit.ssc}: knowledge item ${l} printed twice`);
      current = { code: l };
      unit.knowledge.push(current);
      continue;
    }
    if (!current) fail(`${unit.ssc}: unexpected line on the knowledge page: ${l}`);
    parts.push(l);
  }
  flush();
}

function parseTableCodes(page: UnitPage): string[] {
  const t = page.body.map((l) => l.trim());
  return t.slice(t.indexOf('Description of evidence') + 1).filter((l) => l !== '');
}

function parseUnits(lines: string[]): ParsedUnit[] {
  const units: ParsedUnit[] = [];
  for (const page of splitUnitPages(lines)) {
    let unit = units[units.length - 1];
    const kind = pageKind(page);
    if (kind === 'overview') {
      if (units.some((u) => u.ssc === page.ssc)) fail(`unit ${page.ssc} has two overview pages`);
      unit = {
        ssc: page.ssc,
        sqa: page.sqa,
        title: page.title,
        elementList: [],
        summary: '',
        theme: null,
        elements: [],
        knowledgeHeading: '',
        knowledge: [],
        tableCriteria: [],
        tableKnowledge: [],
        notes: [],
      };
      units.push(unit);
      parseOverview(page, unit);
      continue;
    }
    if (!unit || unit.ssc !== page.ssc) fail(`page for unit ${page.ssc} at line ${page.line} is not preceded by its overview`);
    if (page.sqa !== unit.sqa) {
      unit.notes.push(`The page at seed line ${page.line} prints the SQA code as "${page.sqa}" (other pages: "${unit.sqa}").`);
    }
    if (page.title !== unit.title) {
      unit.notes.push(`The page at seed line ${page.line} prints the title as "${page.title}" (overview page: "${unit.title}").`);
    }
    switch (kind) {
      case 'elements':
        parseElementsPage(page, unit);
        break;
      case 'knowledge':
        parseKnowledgePage(page, unit);
        break;
      case 'criteriaTable':
        unit.tableCriteria.push(...parseTableCodes(page));
        break;
      case 'knowledgeTable':
        unit.tableKnowledge.push(...parseTableCodes(page));
        break;
      case 'signoff':
        break;
    }
  }
  return units;
}

// ---------------------------------------------------------------------------------------------
// Checks that become notes (seed inconsistencies) or errors (parser surprises)

/** Criteria numbered 1, 2, 3 ... within each element, elements 1, 2, 3 ...; knowledge a, b, c ... */
function checkSequences(unit: ParsedUnit): void {
  unit.elements.forEach((e, i) => {
    if (e.code !== `${unit.ssc}.${i + 1}`) fail(`${unit.ssc}: element ${e.code} out of sequence`);
    e.criteria.forEach((c, j) => {
      if (c.code !== `${e.code}.${j + 1}`) fail(`${unit.ssc}: criterion ${c.code} out of sequence`);
    });
    if (e.criteria.length === 0) fail(`${unit.ssc}: element ${e.code} has no criteria`);
  });
  unit.knowledge.forEach((k, i) => {
    if (k.code !== `${unit.ssc}${String.fromCharCode(97 + i)}`) fail(`${unit.ssc}: knowledge item ${k.code} out of sequence`);
  });
  if (unit.elements.length === 0 || unit.knowledge.length === 0) fail(`${unit.ssc}: no elements or no knowledge items parsed`);
}

function compareElementList(unit: ParsedUnit): void {
  const listCodes = unit.elementList.map((e) => e.code).join(', ');
  const pageCodes = unit.elements.map((e) => e.code).join(', ');
  if (listCodes !== pageCodes) fail(`${unit.ssc}: element list (${listCodes}) differs from element pages (${pageCodes})`);
  const differing = unit.elementList.filter((l) => !sameTitle(l.title, unit.elements.find((e) => e.code === l.code)!.title ?? ''));
  if (differing.length === 0) return;
  for (const l of differing) {
    const element = unit.elements.find((e) => e.code === l.code)!;
    const note = `The unit's element list ("This Unit has the following Elements:") titles ${l.code} "${l.title}"; the element's own Performance Criteria page titles it "${element.title}", which is used here.`;
    element.notes = [...(element.notes ?? []), note];
  }
  unit.notes.push(
    `Element list and element pages disagree on the title of ${differing.map((d) => d.code).join(', ')}: titles are taken from the elements' own Performance Criteria pages (see the element notes).`,
  );
}

/** Recording-table columns repeat the item codes: compare them with the codes of the unit text. */
function compareRecordingTable(unit: ParsedUnit, label: string, tableCodes: string[], textCodes: string[]): void {
  if (tableCodes.join('|') === textCodes.join('|')) return;
  if (tableCodes.length !== textCodes.length) {
    unit.notes.push(
      `The ${label} recording table lists ${tableCodes.length} codes (${tableCodes.join(', ')}) but the unit text has ${textCodes.length} (${textCodes.join(', ')}); codes kept as printed in the unit text.`,
    );
    return;
  }
  const pairs = tableCodes.map((t, i) => [t, textCodes[i]!] as const).filter(([t, c]) => t !== c);
  unit.notes.push(
    `The ${label} recording table prints ${pairs.map(([t]) => `"${t}"`).join(', ')} where the unit text has ${pairs.map(([, c]) => c).join(', ')}; codes kept as printed in the unit text.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Assembling the qualification

const GROUP_IDS = ['A', 'B', 'C', 'D'] as const;

function buildUnit(parsed: ParsedUnit, progress: ProgressRow): Unit {
  const codes: { scheme: UnitCodeScheme; code: string }[] = [
    { scheme: 'SSC', code: parsed.ssc },
    { scheme: 'SQA', code: parsed.sqa },
  ];
  const notes = [...parsed.notes];
  if (progress.sqa !== parsed.sqa) {
    codes.push({ scheme: 'SQA', code: progress.sqa });
    notes.push(
      `SQA Unit number: the unit's own pages print "${parsed.sqa}" (used first here); the Unit progress record prints "${progress.sqa}". Both kept as printed.`,
    );
  }
  if (clean(progress.title) !== parsed.title) {
    notes.push(`Title: the unit's pages print "${parsed.title}" (used here); the Unit progress record prints "${clean(progress.title)}".`);
  }
  if (parsed.knowledgeHeading !== 'Knowledge and Understanding for the whole Unit') {
    fail(`${parsed.ssc}: knowledge heading "${parsed.knowledgeHeading}" is not "for the whole Unit"; appliesTo would be needed`);
  }
  const unit: Unit = {
    code: parsed.ssc,
    codes,
    title: parsed.title,
    level: null,
    scqfLevel: null,
    credit: null,
    glh: null,
    detailed: true,
    elementKind: 'element',
    elements: parsed.elements,
    range: [],
    knowledge: parsed.knowledge,
    evidenceRequirements: [],
    assessmentGuidance: [],
    simulation: 'not stated',
    summary: parsed.summary,
  };
  if (notes.length) unit.notes = notes;
  return unit;
}

function buildRules(progress: ProgressRecord): Rule[] {
  const sentence = progress.rulesText;
  const expected =
    'To achieve the whole qualification, you must prove competence in all two mandatory Units plus five optional Units. Only one optional Unit can be selected from the optional Units at SCQF level 7 or 8.';
  if (sentence !== expected) fail(`rules of combination changed: ${sentence}`);
  const perGroup = progress.optional[0]!.heading;
  if (!progress.optional.every((t) => t.heading === perGroup)) fail('optional tables have different headings');
  return [
    {
      kind: 'mandatory',
      groups: ['mandatory'],
      source: `you must prove competence in all two mandatory Units; ${progress.mandatory.heading}`,
    },
    {
      kind: 'unitCount',
      groups: [...GROUP_IDS],
      min: 5,
      max: 5,
      source: 'you must prove competence in all two mandatory Units plus five optional Units',
    },
    {
      kind: 'unitsPerGroup',
      groups: [...GROUP_IDS],
      min: 1,
      source: `${perGroup} (printed above each of the four optional Unit tables)`,
    },
    {
      kind: 'unitCount',
      groups: [...GROUP_IDS],
      levels: { scale: 'scqf', min: 7, max: 8 },
      max: 1,
      source: 'Only one optional Unit can be selected from the optional Units at SCQF level 7 or 8.',
      notes: [
        "The document does not print any Unit's SCQF level, so this rule cannot be checked from this document (every unit's scqfLevel is null).",
      ],
    },
  ];
}

export function importSqaSvq(seedText: string): Qualification {
  const lines = seedText.replace(/\r\n?/g, '\n').split('\n');
  const progress = parseProgressRecord(lines);
  if (progress.qualificationTitle !== QUALIFICATION_TITLE) fail(`qualification title "${progress.qualificationTitle}"`);

  const parsedUnits = parseUnits(lines);
  for (const u of parsedUnits) {
    checkSequences(u);
    compareElementList(u);
    compareRecordingTable(
      u,
      'Performance Criteria',
      u.tableCriteria,
      u.elements.flatMap((e) => e.criteria.map((c) => c.code)),
    );
    compareRecordingTable(
      u,
      'Knowledge and Understanding',
      u.tableKnowledge,
      u.knowledge.map((k) => k.code),
    );
  }

  // An element list that disagrees with the element pages may be another unit's list copied in.
  for (const u of parsedUnits) {
    if (u.elementList.every((l, i) => sameTitle(l.title, u.elements[i]?.title ?? ''))) continue;
    const source = parsedUnits.find(
      (o) => o !== u && o.elements.length === u.elementList.length && o.elements.every((e, i) => sameTitle(e.title ?? '', u.elementList[i]!.title)),
    );
    if (source) {
      u.notes.push(
        `The element list on this unit's overview page repeats the element titles of unit ${source.ssc} (${source.elements.map((e) => e.code).join(', ')}), apparently copied in error.`,
      );
    }
  }

  // Progress record vs unit pages vs checklist: the same units, in the same order.
  const allRows = [progress.mandatory, ...progress.optional].flatMap((t) => t.rows);
  const rowCodes = allRows.map((r) => r.ssc).join(' ');
  const unitCodes = parsedUnits.map((u) => u.ssc).join(' ');
  const checklist = [...progress.checklistMandatory, ...progress.checklistOptional].join(' ');
  if (rowCodes !== unitCodes || rowCodes !== checklist) {
    fail(`unit lists disagree: progress record ${rowCodes} / unit pages ${unitCodes} / checklist ${checklist}`);
  }
  if (progress.checklistMandatory.join(' ') !== progress.mandatory.rows.map((r) => r.ssc).join(' ')) {
    fail('checklist mandatory units differ from the mandatory table');
  }

  const units = parsedUnits.map((u) => buildUnit(u, allRows.find((r) => r.ssc === u.ssc)!));

  // Groups: the optional tables carry no title; each table's units share one Customer Service
  // Theme (printed in every Unit Summary), which titles the group.
  const themeOf = (ssc: string) => parsedUnits.find((u) => u.ssc === ssc)!.theme;
  const groupTitle = (table: ProgressTable, id: string) => {
    const themes = new Set(table.rows.map((r) => themeOf(r.ssc)));
    const [theme] = [...themes];
    return themes.size === 1 && theme ? `Optional Units — ${theme}` : `Optional Units — group ${id}`;
  };
  const groups: Group[] = [
    { id: 'mandatory', title: 'Mandatory Units', mandatory: true, units: progress.mandatory.rows.map((r) => r.ssc) },
    ...progress.optional.map((t, i) => ({
      id: GROUP_IDS[i]!,
      title: groupTitle(t, GROUP_IDS[i]!),
      mandatory: false,
      units: t.rows.map((r) => r.ssc),
    })),
  ];
  const mandatoryTheme = new Set(progress.mandatory.rows.map((r) => themeOf(r.ssc)));
  const themeList = groups
    .slice(1)
    .map((g) => `${g.id}: ${[...new Set(g.units.map(themeOf))].join(', ')}`)
    .join('; ');

  const qualification: Qualification = {
    id: SQA_SVQ_ID,
    title: QUALIFICATION_TITLE,
    awardingBody: 'Scottish Qualifications Authority (SQA)',
    framework: 'SVQ/SCQF',
    level: null,
    scqfLevel: 6,
    identifiers: [{ scheme: 'title', value: QUALIFICATION_TITLE }],
    glh: null,
    tqt: null,
    minimumCredits: null,
    groups,
    rules: buildRules(progress),
    units,
    source: {
      document: SQA_SVQ_SEED_FILE,
      description:
        'SQA candidate portfolio and recording documents for the SVQ 3 in Customer Service at SCQF level 6 (Section 3: Unit progress record and the Units with their Element achievement recording tables). Sector Skills Council named: Council for Administration.',
    },
    notes: [
      'Level: "SVQ 3" is the SVQ level (the document says SVQs "are available at five levels of achievement"), not an RQF/NQF level, so level is null; the SCQF level 6 of the title is recorded as scqfLevel.',
      'Identifiers: the document prints no SQA group award code, so the qualification is identified by its title only.',
      'Excluded examples: Section 1\'s "example of an SVQ Element" (UNIT (1) "Working safely in an engineering environment") and all of Section 2\'s worked examples, which belong to a different qualification ("Using IT at level 3", units 206, 301, 302, 303, 308, 305, 306, 311, 312, 326, 327), are illustrations of the forms and are not part of this qualification.',
      'Unit levels, credit values, guided learning hours and SCQF levels are not stated anywhere in the document: they are null for every unit. In particular no unit\'s SCQF level is printed, so the rule "Only one optional Unit can be selected from the optional Units at SCQF level 7 or 8" cannot be checked from this document.',
      `Groups: the progress record prints the four optional tables under the same heading ("${progress.optional[0]!.heading}") with no titles; groups A-D are those tables in order, titled by the Customer Service Theme that each Unit Summary names (${themeList}). The mandatory Units belong to the Theme of ${[...mandatoryTheme].join(', ')}.`,
      'Range/Scope and Evidence Requirements: Section 1 and the glossary describe them, but no unit of this qualification prints a Range/Scope statement or Evidence Requirements (checked for every unit), so range and evidenceRequirements are empty. Every unit prints its Knowledge and Understanding "for the whole Unit" (no appliesTo).',
      'Simulation: no unit states whether simulation may be used; Section 1 only says in general that "simulation might be appropriate" when there is no other means of generating evidence and refers to the SSC assessment strategy. simulation is "not stated" for every unit.',
      'Element titles are taken from each element\'s own Performance Criteria page; the unit\'s element list ("This Unit has the following Elements:") prints most of them with a closing full stop. Substantive differences are noted on the unit and element.',
      'Each unit\'s recording tables (Performance Criteria and Knowledge and Understanding columns over "No / Description of evidence") were used to cross-check the codes parsed from the unit text; disagreements are noted on the unit.',
    ],
  };

  applySqaSvqCorrections(qualification);
  return qualificationSchema.parse(qualification);
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const seedPath = path.resolve(process.cwd(), process.argv[2] ?? path.join('..', 'shared', 'seeds', SQA_SVQ_SEED_FILE));
  const out = path.resolve(process.cwd(), 'src', 'domain', 'standards', 'data', `${SQA_SVQ_ID}.json`);
  const data = importSqaSvq(readFileSync(seedPath, 'utf8'));
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  const items = data.units.reduce(
    (n, u) => ({
      criteria: n.criteria + u.elements.reduce((m, e) => m + e.criteria.length, 0),
      knowledge: n.knowledge + u.knowledge.length,
    }),
    { criteria: 0, knowledge: 0 },
  );
  console.log(`wrote ${out}: ${data.units.length} units, ${items.criteria} criteria, ${items.knowledge} knowledge items`);
}

if (typeof require !== 'undefined' && require.main === module) main();
