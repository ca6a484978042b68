import type { Cohort } from '../cohort/cohortSummary';
import { sameCandidate } from '../grid/candidateIdentity';
import { INDEX_LABELS, refKey } from '../grid/evidenceIndexSheet';
import { cellText } from '../grid/readGrid';
import { TRACKER_LABELS, uniqueTableName } from '../grid/trackerSheet';
import { isFormula, type PlanValue } from '../workbook/plan';
import type { RawCell } from '../workbook/sheetValues';
import type { SampleRow } from './generation';

// Filtering to the sampled rows with Excel's own table filter.

/** A values filter on one table column: Excel shows exactly the rows whose cell is one of `values`. */
export interface TableFilter {
  sheet: string;
  table: string;
  /** The column's header text. */
  column: string;
  values: string[];
}

/** Sampled candidates on the cohort summary table (its Candidate column). */
export function sampledCandidatesFilter(rows: readonly Pick<SampleRow, 'candidate'>[], summary: { sheet: string; table: string; column?: string }): TableFilter {
  const values: string[] = [];
  for (const r of rows) if (!values.some((v) => v.toLowerCase() === r.candidate.toLowerCase())) values.push(r.candidate);
  return { sheet: summary.sheet, table: summary.table, column: summary.column ?? 'Candidate', values };
}

/**
 * Sampled evidence on each candidate's index of evidence (its "Evidence no." column). The table
 * name is the one the builder gives (Evidence_<candidate>); adapters fall back to the sheet's only table.
 */
export function sampledEvidenceFilters(rows: readonly SampleRow[], cohort: Cohort): TableFilter[] {
  const out: TableFilter[] = [];
  // Each row's candidate: as everywhere (id, else name ignoring case and spacing); of two look-alikes, the one spelt as the row.
  const holders = rows.map((r) => {
    const same = cohort.candidates.filter((c) => sameCandidate({ name: r.candidate, id: r.candidateId }, { name: c.candidate, id: c.candidateId }) && r.qualification === c.qualification && (r.file ?? '') === (c.file ?? ''));
    const exact = same.filter((c) => c.candidate === r.candidate);
    return exact.length > 0 ? exact : same;
  });
  for (const c of cohort.candidates) {
    if (!c.evidenceIndex) continue;
    const refs: string[] = [];
    for (const [i, r] of rows.entries()) {
      if (!holders[i]!.includes(c)) continue;
      for (const ref of r.evidence) if (!/^row \d+$/.test(ref) && !refs.some((x) => refKey(x) === refKey(ref))) refs.push(ref);
    }
    if (refs.length > 0) out.push({ sheet: c.evidenceIndex, table: uniqueTableName(`Evidence_${c.candidate}`), column: INDEX_LABELS.ref, values: refs });
  }
  return out;
}

/** Units the IV has sampled, on a candidate's tracker ("IV sampled" is Yes). */
export function sampledUnitsFilter(tracker: { sheet: string; table: string }): TableFilter {
  return { sheet: tracker.sheet, table: tracker.table, column: TRACKER_LABELS.sampled, values: ['Yes'] };
}

/**
 * The rows (zero-based, within the data rows) a values filter leaves visible: Excel compares the
 * cell's displayed text with each value, ignoring case. Used by tests and previews.
 */
export function visibleRows(header: readonly RawCell[], rows: readonly (readonly PlanValue[])[], filters: readonly Pick<TableFilter, 'column' | 'values'>[]): number[] {
  const cols = filters.map((f) => ({ col: header.findIndex((h) => cellText((h ?? null) as RawCell) === f.column), values: new Set(f.values.map((v) => v.toLowerCase())) }));
  return rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) =>
      cols.every(({ col, values }) => {
        const v = row[col] ?? null;
        const shown = v === null || isFormula(v) ? '' : typeof v === 'object' ? v.date : String(v);
        return col >= 0 && values.has(shown.toLowerCase());
      }),
    )
    .map(({ i }) => i);
}
