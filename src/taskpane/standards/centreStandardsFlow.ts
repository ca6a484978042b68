import type { WorkbookAdapter } from '../../adapters/workbookAdapter';
import { CENTRE_STANDARDS_CHANGED } from '../../functions/centreStandardsEvent';
import type { Qualification } from '../../domain/standards/schema';
import type { TemplateProblem } from '../../domain/standards/template/readTemplate';
import type { StandardsState } from './catalogState';
import type { StandardsModule } from './loadStandards';

/*
 * A centre's own qualification in the task pane: stored in the workbook (so it is known whenever the
 * workbook is opened, by the pane, the functions and the vq-matrix tool), and made from template
 * sheets inside the workbook ("New qualification from a sheet").
 */

const plan = (sheets: ReturnType<StandardsModule['templatePlan']>['sheets']) => ({ sheets, names: [], dateFormat: 'dd/mm/yyyy' });

/** The state with the centre qualifications this workbook carries added (an unreadable store is said, not fatal). */
export async function withWorkbookStandards(mod: StandardsModule, adapter: WorkbookAdapter, state: StandardsState): Promise<{ state: StandardsState; problem?: string }> {
  const sheets = await adapter.readSheets([mod.CENTRE_STANDARDS_SHEET]);
  const carried = mod.readCentreStandards(sheets);
  if (!carried.ok) return { state, problem: carried.problem.message };
  let next = state;
  for (const q of carried.value) {
    if (mod.isBundledId(q.id)) continue;
    next = addQualification(mod, next, q, true);
  }
  return { state: next };
}

export function addQualification(mod: StandardsModule, state: StandardsState, q: Qualification, stored: boolean): StandardsState {
  const rest = state.catalog.list().filter((x) => x.id.toLowerCase() !== q.id.toLowerCase());
  const imported = new Set([...state.imported].filter((id) => id.toLowerCase() !== q.id.toLowerCase()));
  imported.add(q.id);
  const storedIds = new Set([...(state.stored ?? [])].filter((id) => id.toLowerCase() !== q.id.toLowerCase()));
  if (stored) storedIds.add(q.id);
  return { catalog: new mod.Catalog([...rest, q]), imported, stored: storedIds };
}

/** Writes the qualification into the workbook's store, replacing an older version of it. */
export async function storeInWorkbook(mod: StandardsModule, adapter: WorkbookAdapter, state: StandardsState, q: Qualification): Promise<StandardsState> {
  const carried = mod.readCentreStandards(await adapter.readSheets([mod.CENTRE_STANDARDS_SHEET]));
  const keep = carried.ok ? carried.value : [];
  await adapter.apply(plan([mod.centreStandardsSheet(mod.standardsToCarry(keep, q))]));
  // The custom functions (same runtime) read the workbook's standards again on their next call.
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(CENTRE_STANDARDS_CHANGED));
  return addQualification(mod, state, q, true);
}

/** Inserts the template's sheets (empty, or filled with a qualification to adapt); refuses if any name is taken. */
export async function insertTemplate(mod: StandardsModule, adapter: WorkbookAdapter, from: Qualification | null): Promise<{ ok: true; sheets: string[] } | { ok: false; message: string }> {
  const template = from ? mod.templatePlan(from) : mod.blankTemplatePlan();
  const existing = new Set((await adapter.sheetNames()).map((n) => n.toLowerCase()));
  const taken = template.sheets.filter((s) => existing.has(s.name.toLowerCase())).map((s) => s.name);
  if (taken.length > 0) {
    return {
      ok: false,
      message: `This workbook already has sheet(s) named ${taken.map((n) => `"${n}"`).join(', ')}. If they are a template, fill them in and check them; otherwise rename them, or use a new workbook. Nothing was inserted.`,
    };
  }
  await adapter.apply(plan(template.sheets));
  return { ok: true, sheets: template.sheets.map((s) => s.name) };
}

export type TemplateCheck = { ok: true; qualification: Qualification } | { ok: false; problems: TemplateProblem[] };

/** Reads the template sheets of this workbook: the qualification, or every problem with the cell to go to. */
export async function checkTemplate(mod: StandardsModule, adapter: WorkbookAdapter): Promise<TemplateCheck> {
  const sheets = await adapter.readSheets(Object.values(mod.TEMPLATE_SHEETS));
  const read = mod.readStandardsTemplate(sheets);
  return read.ok ? { ok: true, qualification: read.value } : { ok: false, problems: read.problems };
}

/** Qualifications imported this session stay; those the workbook carries are added (or replace older copies). */
export function mergeStored(mod: StandardsModule, current: StandardsState, fromWorkbook: StandardsState): StandardsState {
  let next = current;
  for (const id of fromWorkbook.stored ?? []) {
    const found = fromWorkbook.catalog.findQualification(id);
    if (found.ok) next = addQualification(mod, next, found.value.qualification, true);
  }
  return next;
}
