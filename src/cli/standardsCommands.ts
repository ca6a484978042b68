import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bundledCatalog } from '../domain/standards/bundled';
import type { Catalog } from '../domain/standards/catalog';
import { MAX_STANDARDS_FILE_CHARS } from '../domain/standards/limits';
import { parseStandardsText } from '../domain/standards/parseQualification';
import { unitItems, ITEM_KIND_LABELS, ITEM_KINDS } from '../domain/standards/itemCodes';
import { describeRule } from '../domain/rules/rulesOfCombination';
import type { Qualification, Unit } from '../domain/standards/schema';
import { qualificationSummary } from '../domain/standards/summary';
import { CliError, type CliIo } from './io';

const show = (v: number | null) => (v === null ? '-' : String(v));

export function standardsList(io: CliIo, json: boolean, catalog: Catalog = bundledCatalog()): number {
  const qualifications = catalog.list();
  if (json) {
    io.out(JSON.stringify(qualifications.map(qualificationSummary), null, 2));
    return 0;
  }
  for (const q of qualifications) {
    const detailed = q.units.filter((u) => u.detailed).length;
    io.out(`${q.id}\n  ${q.title} (${q.awardingBody}, ${q.framework})\n  known as: ${q.identifiers.map((i) => i.value).join(' | ')}\n  ${q.units.length} units, ${detailed} detailed\n`);
  }
  return 0;
}


function describeQualification(q: Qualification): string {
  const lines = [
    `${q.title}`,
    `  id: ${q.id}; awarding body: ${q.awardingBody}; framework: ${q.framework}; level: ${show(q.level)}${q.scqfLevel !== null ? `; SCQF level ${q.scqfLevel}` : ''}`,
    `  identifiers: ${q.identifiers.map((i) => `${i.value} (${i.scheme})`).join(', ')}`,
    `  GLH: ${show(q.glh)}; TQT: ${show(q.tqt)}; minimum credits: ${show(q.minimumCredits)}`,
    '',
    'Rules of combination:',
    ...(q.rules.length > 0 ? q.rules.map((r) => `  - ${describeRule(q, r)}  ("${r.source}")`) : ['  (the standard gives none)']),
    '',
  ];
  const grouped = new Set<string>();
  const unitLine = (u: Unit) =>
    `    ${u.code.padEnd(10)} ${u.title}  [level ${show(u.level)}, credit ${show(u.credit)}, GLH ${show(u.glh)}${u.detailed ? '' : ', not detailed'}]`;
  for (const g of q.groups) {
    lines.push(`  ${g.title}${g.mandatory ? ' (mandatory)' : ''}:`);
    for (const code of g.units) {
      grouped.add(code);
      const unit = q.units.find((u) => u.code === code);
      if (unit) lines.push(unitLine(unit));
    }
  }
  const rest = q.units.filter((u) => !grouped.has(u.code));
  if (rest.length > 0) {
    lines.push(q.groups.length > 0 ? '  Other units:' : '  Units:');
    lines.push(...rest.map(unitLine));
  }
  if (q.notes?.length) lines.push('', 'Transcription notes:', ...q.notes.map((n) => `  - ${n}`));
  return lines.join('\n');
}

function describeUnit(q: Qualification, u: Unit): string {
  const lines = [
    `${u.code} ${u.title}`,
    `  ${q.title}`,
    `  codes: ${u.codes.map((c) => `${c.code} (${c.scheme})`).join(', ')}`,
    `  level: ${show(u.level)}${u.scqfLevel !== null ? `; SCQF level ${u.scqfLevel}` : ''}; credit: ${show(u.credit)}; GLH: ${show(u.glh)}; simulation: ${u.simulation}`,
  ];
  if (!u.detailed) lines.push('  (the standard lists this unit but does not detail it)');
  const items = unitItems(u);
  for (const kind of ITEM_KINDS) {
    const ofKind = items.filter((i) => i.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push('', `${ITEM_KIND_LABELS[kind]} (${ofKind.length}):`);
    let group = '\u0000';
    for (const item of ofKind) {
      if (item.group !== group && item.groupTitle) lines.push(`  ${item.group === item.groupTitle ? item.group : `${item.group} ${item.groupTitle}`.trim()}`);
      group = item.group;
      lines.push(`    ${item.code.padEnd(9)} ${item.text || '(text not given in the standard)'}`);
    }
  }
  if (u.notes?.length) lines.push('', 'Transcription notes:', ...u.notes.map((n) => `  - ${n}`));
  return lines.join('\n');
}

export function standardsShow(io: CliIo, qualification: string, unit: string | undefined, json: boolean, catalog: Catalog = bundledCatalog()): number {
  const found = catalog.findQualification(qualification);
  if (!found.ok) throw new CliError(found.problem.message);
  const q = found.value.qualification;
  if (unit === undefined) {
    io.out(json ? JSON.stringify(q, null, 2) : describeQualification(q));
    return 0;
  }
  const u = found.value.findUnit(unit);
  if (!u.ok) throw new CliError(u.problem.message);
  io.out(json ? JSON.stringify(u.value, null, 2) : describeUnit(q, u.value));
  return 0;
}

/** Read a centre's standards file and validate it as the task pane does, against the bundled qualifications; every problem is listed. */
export async function loadStandardsFile(io: CliIo, file: string): Promise<Qualification> {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    // Refuse a huge file before reading it: a standards file is text of a few hundred KB.
    if ((await stat(path)).size > MAX_STANDARDS_FILE_CHARS * 4) throw new CliError(`${file}: too large for a standards file (at most ${MAX_STANDARDS_FILE_CHARS / 1024 / 1024} MB)`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const others = bundledCatalog()
    .list()
    .map((qualification) => ({ qualification, bundled: true }));
  const parsed = parseStandardsText(text, file, others);
  if (parsed.ok) return parsed.value;
  if (parsed.issues.length <= 1) throw new CliError(parsed.problem.message);
  throw new CliError(`${file}: ${parsed.issues.length} problems:\n${parsed.issues.map((i) => `  at ${i.path}: ${i.message}`).join('\n')}`);
}

export async function standardsValidate(io: CliIo, file: string): Promise<number> {
  const q = await loadStandardsFile(io, file);
  const items = q.units.reduce((n, u) => n + unitItems(u).length, 0);
  io.out(`${file}: valid. ${q.title}: ${q.units.length} units (${q.units.filter((u) => u.detailed).length} detailed), ${items} items, ${q.rules.length} rules of combination.`);
  return 0;
}
