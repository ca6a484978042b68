import { sameCandidate } from '../grid/candidateIdentity';
import { buildCandidateWorkbook, sheetsReplacedBy, type ExistingTable } from '../grid/candidateWorkbook';
import { movedCell } from '../grid/inPlaceLayout';
import { SIGN_OFF } from '../grid/layout';
import { readHeaderBlock } from '../grid/readGrid';
import { ok, type Result } from '../problems';
import type { Catalog } from '../standards/catalog';
import type { SheetPlan, WorkbookPlan } from '../workbook/plan';
import { WorkbookNames, type ExistingNames } from '../workbook/preflight';
import { serialToIsoDate } from '../workbook/sheetValues';
import { TRACKER_IV_DATE, type CellEdit, type Recording } from './recording';

// The recorded sheets rebuilt through the builders, so every user entry is carried as on any rebuild.

/**
 * The edited sheets rebuilt through the candidate-workbook builders (which carry every user entry
 * of a grid, tracker and index), limited to the sheets the recording touched. Dates it wrote go
 * back as dates.
 */
export function rebuildRecorded(
  recording: Recording,
  catalog: Catalog,
  existingTables: readonly ExistingTable[] = [],
  /** The workbook's tables and defined names, so another candidate's are never taken. */
  existingNames?: ExistingNames,
): Result<Pick<WorkbookPlan, 'sheets' | 'names'>> {
  const sheets: SheetPlan[] = [];
  const names: WorkbookPlan['names'] = [];
  const taken = new Set(recording.sheets.map((s) => s.name));
  for (const t of recording.touched) {
    if (t.sheets.length === 0) continue;
    const found = catalog.findQualification(t.qualification);
    if (!found.ok) return found;
    // The pathway is the units the candidate has grids for.
    const units = recording.sheets
      .map((s) => readHeaderBlock(s.values))
      .filter((h) => h.candidate !== undefined && sameCandidate({ name: h.candidate, id: h.candidateId }, { name: t.candidate, id: t.candidateId }) && h.unit && (h.qualificationId === t.qualification || h.qualification === found.value.qualification.title))
      .map((h) => h.unit!);
    const request = { qualification: found.value, candidate: t.candidate, ...(t.candidateId !== undefined ? { candidateId: t.candidateId } : {}), units };
    // The sheets this rebuild replaces are the candidate's own: only their tables and names are free.
    const replaced = sheetsReplacedBy(request, recording.sheets);
    if (!replaced.ok) return replaced;
    const free = existingNames ? new WorkbookNames(existingNames).taken(replaced.value) : new Set<string>();
    const built = buildCandidateWorkbook(request, recording.sheets, taken, free, existingTables);
    if (!built.ok) return built;
    const wanted = new Set(t.sheets);
    for (const s of built.value.sheets) if (wanted.has(s.name)) sheets.push(datesAsDates(withRecordedCells(s, recording.edits)));
    for (const n of built.value.names) if (wanted.has(n.sheet)) names.push(n);
  }
  return ok({ sheets, names });
}

/**
 * A sheet rebuilt in place leaves the user's cells (the sign-off among them) as they are on the
 * sheet: the recorded cells are written on top, where the rebuild moved them.
 */
function withRecordedCells(sheet: SheetPlan, edits: readonly CellEdit[]): SheetPlan {
  if (!sheet.rebuild) return sheet;
  const blocks = [...sheet.blocks];
  for (const e of edits) {
    if (e.sheet !== sheet.name) continue;
    const at = movedCell(e.row, e.col, sheet.rebuild.edits);
    if (!at) continue;
    const isDateCell = typeof e.value === 'number' && /date/i.test(e.what);
    blocks.push({ row: at.row, col: at.col, values: [[isDateCell ? { date: serialToIsoDate(e.value as number) } : e.value]] });
  }
  return { ...sheet, blocks };
}

/** Serials in the tracker's IV date column and a grid's "Date verified" become dates (those cells carry no date format of their own). */
function datesAsDates(sheet: SheetPlan): SheetPlan {
  const blocks = sheet.blocks.map((b) => ({ ...b, values: b.values.map((row) => [...row]) }));
  for (const b of blocks) {
    const dateCols = new Set<number>();
    b.values.forEach((row) => {
      row.forEach((v, c) => {
        if (v === TRACKER_IV_DATE) dateCols.add(c);
        if (v === SIGN_OFF.verifierDate) {
          for (let k = c + 1; k < row.length; k++) {
            const x = row[k];
            if (typeof x === 'number') row[k] = { date: serialToIsoDate(x) };
            if (x !== null && x !== undefined) break;
          }
        }
      });
      for (const c of dateCols) {
        const x = row[c];
        if (typeof x === 'number') row[c] = { date: serialToIsoDate(x) };
      }
    });
  }
  return { ...sheet, blocks };
}
