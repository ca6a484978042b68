import type { Catalog } from '../../domain/standards/catalog';
import type { Qualification } from '../../domain/standards/schema';
import type { StandardsModule } from './loadStandards';

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
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, message: `${fileName}: not a JSON file (${(e as Error).message}). Nothing was imported.` };
  }
  const parsed = mod.parseQualification(raw, fileName);
  if (!parsed.ok) return { ok: false, message: `${parsed.problem.message}. Nothing was imported.` };
  const q = parsed.value;
  const current = state.catalog.list();
  const clash = current.find((x) => x.id.toLowerCase() === q.id.toLowerCase());
  if (clash && !state.imported.has(clash.id)) {
    return { ok: false, message: `${fileName}: at id: "${q.id}" is already the id of the bundled ${clash.title}; give the centre's standards their own id. Nothing was imported.` };
  }
  // Importing a file again (a corrected version) replaces the earlier import.
  const rest = current.filter((x) => x.id.toLowerCase() !== q.id.toLowerCase());
  const imported = new Set([...state.imported].filter((id) => id.toLowerCase() !== q.id.toLowerCase()));
  imported.add(q.id);
  return { ok: true, qualification: q, state: { catalog: new mod.Catalog([...rest, q]), imported } };
}
