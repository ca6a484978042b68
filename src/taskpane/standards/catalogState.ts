import type { Catalog } from '../../domain/standards/catalog';
import type { Qualification } from '../../domain/standards/schema';
import type { StandardsModule } from './loadStandards';
import { problems } from '../../domain/problems';

/** The bundled qualifications plus any centre standards files imported this session. */
export interface StandardsState {
  catalog: Catalog;
  /** Ids of the qualifications imported from a centre's file. */
  imported: ReadonlySet<string>;
  /** Ids of the centre qualifications stored in this workbook. */
  stored?: ReadonlySet<string>;
}

export function initialStandards(mod: StandardsModule): StandardsState {
  return { catalog: mod.bundledCatalog(), imported: new Set() };
}

export type ImportOutcome = { ok: true; state: StandardsState; qualification: Qualification } | { ok: false; message: string };

/**
 * Validates a centre's standards file (its text) and adds it to the catalogue. All or nothing: any
 * problem leaves the catalogue as it was, with one message naming the file, where and what.
 */
export function importStandardsFile(mod: StandardsModule, state: StandardsState, fileName: string, text: string): ImportOutcome {
  const current = state.catalog.list();
  const sameId = (x: Qualification, id: string) => x.id.toLowerCase() === id.toLowerCase();
  // Importing a file again (a corrected version) replaces the earlier import, so it is not a clash with itself.
  const others = (q: Qualification) =>
    current.filter((x) => !(state.imported.has(x.id) && sameId(x, q.id))).map((qualification) => ({ qualification, bundled: !state.imported.has(qualification.id) }));
  const parsed = mod.parseStandardsText(text, fileName, others);
  if (!parsed.ok) return { ok: false, message: `${parsed.problem.message}. Nothing was imported.` };
  const q = parsed.value;
  return { ok: true, qualification: q, state: withQualification(mod, state, q) };
}

/** The catalogue with `q` added (replacing an earlier import of the same id); what is stored in the workbook stays marked. */
function withQualification(mod: StandardsModule, state: StandardsState, q: Qualification): StandardsState {
  const rest = state.catalog.list().filter((x) => x.id.toLowerCase() !== q.id.toLowerCase());
  const imported = new Set([...state.imported].filter((id) => id.toLowerCase() !== q.id.toLowerCase()));
  imported.add(q.id);
  return { catalog: new mod.Catalog([...rest, q]), imported, stored: state.stored };
}

/**
 * A qualification read from a standards template (a sheet of this workbook, or an uploaded .xlsx):
 * refused, as a .json file is, where its id, title or an identifier is another qualification's.
 */
export function importTemplateQualification(mod: StandardsModule, state: StandardsState, where: string, q: Qualification): ImportOutcome {
  const others = state.catalog
    .list()
    .filter((x) => !(state.imported.has(x.id) && x.id.toLowerCase() === q.id.toLowerCase()))
    .map((qualification) => ({ qualification, bundled: !state.imported.has(qualification.id) }));
  const clashes = mod.clashingNames(q, others);
  if (clashes.length > 0) return { ok: false, message: problems.templateNamesClash(where, clashes, 'sentence').message };
  return { ok: true, qualification: q, state: withQualification(mod, state, q) };
}
