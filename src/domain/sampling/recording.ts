import { readGridEvidence, unitMatches } from '../cohort/cohortSummary';
import { candidateIdKey, sameCandidate } from '../grid/candidateIdentity';
import { EVIDENCE_INDEX_TITLE, INDEX_LABELS, INDEX_TABLE, refKey } from '../grid/evidenceIndexSheet';
import { SIGN_OFF, normaliseLabel } from '../grid/layout';
import { cellText, readHeaderBlock } from '../grid/readGrid';
import { TRACKER_LABELS, TRACKER_TABLE, TRACKER_TITLE } from '../grid/trackerSheet';
import type { Catalog } from '../standards/catalog';
import { readLabelledTable } from '../tables/labelledTable';
import { address } from '../workbook/plan';
import { isoDateToSerial, serialToUkDate, type RawCell, type SheetValues } from '../workbook/sheetValues';
import { lower, NOT_RECORDED } from './population';

// Recording a sample: fill the tracker, evidence index and grid sign-off, never overwrite.

export interface RecordedSample {
  candidate: string;
  candidateId?: string;
  /** The candidate's sheets, when the caller has found them in the cohort (else found by candidate and unit). */
  sheets?: { grid: string; tracker?: string; evidenceIndex?: string };
  qualification?: string;
  unit: string;
  method?: string;
  site?: string;
  /** Evidence refs sampled; when none, every judged ref of the unit matching method and site. */
  evidence?: string[];
  /** The internal verifier's initials (evidence index). */
  initials: string;
  /** The verifier's name for the tracker and sign-off; the initials when not given. */
  verifier?: string;
  /** Excel serial date, or ISO yyyy-mm-dd / dd/mm/yyyy text. */
  date: RawCell;
}

export interface CellEdit {
  sheet: string;
  row: number;
  col: number;
  value: RawCell;
  /** What the cell is, in words ("IV sampled, unit 4430-203"). */
  what: string;
}

export interface Recording {
  edits: CellEdit[];
  /** Cells that already hold something different: left as they are, named here. */
  conflicts: string[];
  /** Cells that already hold the same value. */
  alreadyRecorded: number;
  /** Things that could not be found (no grid, no tracker row, a ref not in the index). */
  notFound: string[];
  /** The sheets with the edits applied (for a rebuild through the builders). */
  sheets: SheetValues[];
  /** Per candidate (name, qualification id): the sheets edited. */
  touched: { candidate: string; candidateId?: string; qualification: string; sheets: string[] }[];
  /** Per sample, in order: cells filled and cells that already held the same entry. */
  perSample: { written: number; alreadyRecorded: number }[];
}

/** Tracker column added by recording (the tracker has no IV date column of its own); a rebuild keeps it as the user's. */
export const TRACKER_IV_DATE = 'IV date';

function toSerial(v: RawCell): RawCell {
  if (typeof v === 'number') return v;
  const s = cellText(v);
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isoDateToSerial(`${m[1]}-${m[2]}-${m[3]}`);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return isoDateToSerial(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
  return s === '' ? null : s;
}

const YES = /^(yes|y|true|✓|✔|x)$/i;

/** Same entry, as a person would read it: "yes" is "Yes", 01/03/2025 is the serial of that day. */
function sameEntry(current: RawCell, value: RawCell): boolean {
  if (typeof value === 'number') return toSerial(current) === value;
  const a = cellText(current).toLowerCase();
  const b = cellText(value).toLowerCase();
  if (a === b) return true;
  return (current === true || YES.test(a)) && YES.test(b);
}

function display(v: RawCell): string {
  return typeof v === 'number' && v > 20000 && v < 80000 ? serialToUkDate(v) : cellText(v);
}

/** Copy-on-write values of the sheets being edited. */
class Edits {
  readonly edits: CellEdit[] = [];
  readonly conflicts: string[] = [];
  alreadyRecorded = 0;
  private readonly copies = new Map<string, RawCell[][]>();
  constructor(private readonly sheets: readonly SheetValues[]) {}

  values(sheet: string): RawCell[][] {
    let v = this.copies.get(sheet);
    if (!v) {
      v = (this.sheets.find((s) => s.name === sheet)?.values ?? []).map((row) => [...row]);
      this.copies.set(sheet, v);
    }
    return v;
  }

  /**
   * Fill the blank cells of one record (a sign-off, a tracker row, an index row). A cell holding
   * the same entry is fine; a cell holding anything else is a conflict: it is named and the whole
   * record is left as it is, so a date is never written beside someone else's initials.
   */
  fill(sheet: string, cells: readonly { row: number; col: number; value: RawCell; what: string }[]): boolean {
    const values = this.values(sheet);
    const current = (c: { row: number; col: number }) => values[c.row]?.[c.col] ?? null;
    const clashes = cells.filter((c) => cellText(current(c)) !== '' && !sameEntry(current(c), c.value));
    if (clashes.length > 0) {
      for (const c of clashes) this.conflicts.push(`${sheet}!${address({ row: c.row, col: c.col })} (${c.what}) already holds "${display(current(c))}", not "${display(c.value)}"; left as it is`);
      return false;
    }
    for (const c of cells) {
      if (cellText(current(c)) !== '') {
        this.alreadyRecorded++;
        continue;
      }
      while (values.length <= c.row) values.push([]);
      const line = values[c.row]!;
      while (line.length <= c.col) line.push(null);
      line[c.col] = c.value;
      this.edits.push({ sheet, ...c });
    }
    return true;
  }

  result(): SheetValues[] {
    return this.sheets.map((s) => {
      const v = this.copies.get(s.name);
      // Formulas are dropped from an edited copy: the builders read values only.
      return v ? { name: s.name, values: v } : s;
    });
  }
}

function findLabelCol(row: readonly RawCell[], labels: readonly string[]): number {
  const wanted = labels.map((l) => normaliseLabel(l));
  return row.findIndex((v) => wanted.includes(normaliseLabel(v ?? null)));
}

/**
 * Record samples in the candidates' own sheets: tracker (IV sampled Yes, internal verifier, IV
 * date), evidence index (sampled by IV initials, IV date) and the grid's sign-off (sampled Yes,
 * verifier, date verified). Only blank cells are filled; a cell holding something else is a
 * conflict, named and left. The result's sheets go through the builders (rebuildRecorded).
 */
export function recordSamples(sheets: readonly SheetValues[], samples: readonly RecordedSample[], catalog: Catalog): Recording {
  const edits = new Edits(sheets);
  const notFound: string[] = [];
  const touched = new Map<string, { candidate: string; candidateId?: string; qualification: string; sheets: Set<string> }>();
  const headers = sheets.map((s) => ({ sheet: s, header: readHeaderBlock(s.values) }));
  const perSample: Recording['perSample'] = [];
  const isCandidate = (header: { candidate?: string; candidateId?: string }, who: { candidate: string; candidateId?: string }) =>
    header.candidate !== undefined && sameCandidate({ name: header.candidate, id: header.candidateId }, { name: who.candidate, id: who.candidateId });

  for (const sample of samples) {
    const before = { written: edits.edits.length, already: edits.alreadyRecorded };
    recordOne(sample);
    perSample.push({ written: edits.edits.length - before.written, alreadyRecorded: edits.alreadyRecorded - before.already });
  }

  function recordOne(sample: RecordedSample): void {
    const who = `${sample.candidate} unit ${sample.unit}`;
    // The candidate's grid for the unit: the sheet the caller found, else by candidate and unit.
    const grid = headers
      .map(({ sheet, header }) => {
        if (!header.unit) return undefined;
        if (sample.sheets ? sheet.name !== sample.sheets.grid : !isCandidate(header, sample)) return undefined;
        const found = catalog.findUnit(header.qualificationId ?? header.qualification ?? '', header.unit);
        if (!found.ok) return undefined;
        const { index, unit } = found.value;
        if (sample.qualification && lower(sample.qualification) !== lower(index.qualification.id)) return undefined;
        if (!unitMatches({ codes: [unit.code, ...unit.codes.map((c) => c.code)] }, sample.unit)) return undefined;
        return { sheet, candidate: header.candidate!, index, unit };
      })
      .find((x) => x !== undefined);
    if (!grid) {
      notFound.push(`${who}: no grid for this candidate and unit`);
      return;
    }
    const q = grid.index.qualification;
    const gridId = readHeaderBlock(grid.sheet.values).candidateId ?? sample.candidateId;
    const key = `${candidateIdKey(gridId) || grid.candidate}\u0000${q.id}`;
    const t = touched.get(key) ?? { candidate: grid.candidate, ...(gridId !== undefined ? { candidateId: gridId } : {}), qualification: q.id, sheets: new Set<string>() };
    touched.set(key, t);
    const verifier = sample.verifier?.trim() || sample.initials.trim();
    const date = toSerial(sample.date);
    const unitWords = `unit ${grid.unit.code}`;

    // Grid sign-off, found by its labels.
    const gv = edits.values(grid.sheet.name);
    const signOff: [string, RawCell][] = [
      [SIGN_OFF.sampled, 'Yes'],
      [SIGN_OFF.verifier, verifier],
      [SIGN_OFF.verifierDate, date],
    ];
    const signOffCells: { row: number; col: number; value: RawCell; what: string }[] = [];
    for (const [label, value] of signOff) {
      const r = gv.findIndex((row) => findLabelCol(row, [label]) >= 0);
      if (r < 0) {
        notFound.push(`${grid.sheet.name}: no "${label}" in the sign-off`);
        continue;
      }
      const c = findLabelCol(gv[r]!, [label]);
      const filledAt = gv[r]!.findIndex((v, i) => i > c && cellText(v ?? null) !== '');
      signOffCells.push({ row: r, col: filledAt >= 0 ? filledAt : c === 0 ? 3 : c + 1, value, what: `${label}, ${unitWords}` });
    }
    if (signOffCells.length > 0 && edits.fill(grid.sheet.name, signOffCells)) t.sheets.add(grid.sheet.name);

    // Tracker: the unit's row.
    const owner = { candidate: grid.candidate, candidateId: gridId };
    const tracker = headers.find(
      ({ sheet, header }) =>
        cellText(sheet.values[0]?.[0] ?? null) === TRACKER_TITLE &&
        (sample.sheets ? sheet.name === sample.sheets.tracker : isCandidate(header, owner)) &&
        (header.qualificationId === undefined || header.qualificationId === q.id),
    );
    if (!tracker) notFound.push(`${who}: no unit progress record (tracker)`);
    else {
      const tv = edits.values(tracker.sheet.name);
      const read = readLabelledTable(TRACKER_TABLE, tv);
      if (!read.ok) notFound.push(`${tracker.sheet.name}: no "${TRACKER_LABELS.unitCode}" header`);
      else {
        const { headerRow: hr, columns } = read.value;
        const sampledCol = columns.get('sampled') ?? -1;
        const ivCol = columns.get('internalVerifier') ?? -1;
        let dateCol = read.value.extras.find((e) => normaliseLabel(e.heading) === normaliseLabel(TRACKER_IV_DATE))?.col ?? -1;
        const unitRow = read.value.rows.find((r) => unitMatches({ codes: [grid.unit.code, ...grid.unit.codes.map((c) => c.code)] }, cellText(r.cells.get('unitCode') ?? null)))?.row ?? -1;
        if (unitRow < 0) notFound.push(`${tracker.sheet.name}: no row for ${unitWords}`);
        else {
          const addColumn = dateCol < 0;
          // The table grows by one column of the user's (a rebuild keeps it).
          if (addColumn) dateCol = tv[hr]!.reduce<number>((lastCol, v, i) => (cellText(v ?? null) !== '' ? i : lastCol), -1) + 1;
          const cells = [
            ...(sampledCol >= 0 ? [{ row: unitRow, col: sampledCol, value: 'Yes' as RawCell, what: `IV sampled, ${unitWords}` }] : []),
            ...(ivCol >= 0 ? [{ row: unitRow, col: ivCol, value: verifier as RawCell, what: `internal verifier, ${unitWords}` }] : []),
            { row: unitRow, col: dateCol, value: date, what: `IV date, ${unitWords}` },
          ];
          if (edits.fill(tracker.sheet.name, cells)) {
            if (addColumn) edits.fill(tracker.sheet.name, [{ row: hr, col: dateCol, value: TRACKER_IV_DATE, what: 'tracker column heading' }]);
            t.sheets.add(tracker.sheet.name);
          }
        }
      }
    }

    // Evidence index: the sampled refs' rows.
    let refs = (sample.evidence ?? []).filter((r) => r.trim() !== '');
    if (refs.length === 0) {
      const read = readGridEvidence(grid.sheet, grid.unit);
      const wanted = (typed: string | undefined, actual: string) => {
        const x = (typed ?? '').trim();
        return x === '' || (lower(x) === lower(NOT_RECORDED) ? actual.trim() === '' : lower(x) === lower(actual));
      };
      refs = (read?.evidence ?? []).filter((e) => e.decision !== 'pending' && wanted(sample.method, e.method) && wanted(sample.site, e.site)).map((e) => e.ref);
    }
    refs = refs.filter((r) => !/^row \d+$/.test(r)); // rows without a ref have no index row of their own
    const index = headers.find(
      ({ sheet, header }) => cellText(sheet.values[0]?.[0] ?? null) === EVIDENCE_INDEX_TITLE && (sample.sheets ? sheet.name === sample.sheets.evidenceIndex : isCandidate(header, owner)),
    );
    if (refs.length > 0 && !index) notFound.push(`${who}: no index of evidence`);
    else if (index && refs.length > 0) {
      const read = readLabelledTable(INDEX_TABLE, edits.values(index.sheet.name));
      const byCol = read.ok ? (read.value.columns.get('sampledBy') ?? -1) : -1;
      const dateCol = read.ok ? (read.value.columns.get('ivDate') ?? -1) : -1;
      if (!read.ok || byCol < 0) notFound.push(`${index.sheet.name}: no "${INDEX_LABELS.sampledBy}" column`);
      else
        for (const ref of refs) {
          const r = read.value.rows.find((row) => refKey(row.cells.get('ref') ?? null) === refKey(ref))?.row ?? -1;
          if (r < 0) {
            notFound.push(`${index.sheet.name}: no row for evidence ${ref}`);
            continue;
          }
          const cells = [
            { row: r, col: byCol, value: sample.initials.trim() as RawCell, what: `sampled by IV, evidence ${ref}` },
            ...(dateCol >= 0 ? [{ row: r, col: dateCol, value: date, what: `IV date, evidence ${ref}` }] : []),
          ];
          if (edits.fill(index.sheet.name, cells)) t.sheets.add(index.sheet.name);
        }
    }
  }
  return {
    edits: edits.edits,
    conflicts: edits.conflicts,
    alreadyRecorded: edits.alreadyRecorded,
    notFound,
    sheets: edits.result(),
    touched: [...touched.values()].map((t) => ({ candidate: t.candidate, ...(t.candidateId !== undefined ? { candidateId: t.candidateId } : {}), qualification: t.qualification, sheets: [...t.sheets] })),
    perSample,
  };
}
