import { criteriaRowsSource } from './evidenceIndexSheet';
import { buildCriteriaRowsGrid, CRITERIA_COLS } from './criteriaRowsGrid';
import { coverageOfCriteriaRows, isCriteriaRowsSheet, readCriteriaRows, type ParsedCriteriaRows } from './criteriaRowsRead';
import { columnBelowHeader, type CellPlace, type GridEvidence, type GridLayout } from './gridLayout';
import { isMark, parseDecision } from './layout';
import { cellText } from './readGrid';
import { isTick } from './vocabulary';

/*
 * The criteria-rows layout ("unit recording form"): every markable item of the unit down the
 * sheet, the evidence refs that cover it across (criteriaRowsGrid.ts builds it, criteriaRowsRead.ts
 * reads it and counts its coverage). Also an assessor's own recording form laid out like it.
 */

export const criteriaRowsLayout: GridLayout<ParsedCriteriaRows> = {
  name: 'criteriaRows',

  detect: isCriteriaRowsSheet,

  // Every read keeps the rows' contents: the option to skip them is the evidence-rows reader's.
  read: (values, unit, options = {}) => readCriteriaRows(values, unit, options.formulas),

  header: (parsed) => parsed.header,

  coverage: (parsed, unit, options) => coverageOfCriteriaRows(parsed, unit, options),

  evidence(p, values) {
    // Each named ref on a judged row is one piece of evidence; a tick stands for the row itself.
    const byRef = new Map<string, GridEvidence>();
    for (const row of p.content.rows) {
      if (row.removedSection) continue;
      const decision = p.hasDecisionColumn ? parseDecision(row.decision) : 'accepted';
      for (const v of row.refs) {
        if (!isMark(v)) continue;
        const ref = isTick(v) ? `row ${row.sheetRow + 1}` : cellText(v);
        const key = ref.toLowerCase();
        const date = typeof row.date === 'number' && row.date > 0 ? row.date : null;
        const seen = byRef.get(key);
        // A ref counts as judged once any row using it is judged.
        if (!seen) byRef.set(key, { ref, date, method: '', site: '', decision, row: row.sheetRow });
        else if (seen.decision === 'pending' && decision !== 'pending') seen.decision = decision;
      }
    }
    return { evidence: [...byRef.values()], dateRange: columnBelowHeader(p.columns.fields.get('date'), p.columns.headerRow, values) };
  },

  locate(parsed) {
    const { columns, items: entries } = parsed;
    const refs = new Set(columns.refs);
    const decision = columns.fields.get('decision');
    const itemAtRow = new Map([...entries.values()].map((e) => [e.row, e.code]));
    return {
      item(values, row) {
        // The item's row, from its code across its evidence refs.
        const width = Math.max((values[row]?.length ?? 1) - 1, CRITERIA_COLS.firstRef);
        return { target: { row, col: CRITERIA_COLS.code, endRow: row, endCol: width }, where: `row ${row + 1}` };
      },
      cell(values, row): CellPlace {
        const code = itemAtRow.get(row);
        if (code !== undefined) return { kind: 'row', code };
        // A second row of an item (added by the assessor) carries its code in the Code column.
        const typed = cellText(values[row]?.[columns.fields.get('code') ?? CRITERIA_COLS.code] ?? null);
        return typed !== '' ? { kind: 'anotherRow', code: typed } : { kind: 'none' };
      },
      markCell(_values, row, col) {
        const code = itemAtRow.get(row);
        if (code === undefined) return undefined;
        if (refs.has(col)) return `an evidence ref for item ${code}`;
        return col === decision ? `the assessor decision for item ${code}` : undefined;
      },
    };
  },

  evidenceSource: (sheet, unit, parsed) => criteriaRowsSource(sheet, unit, parsed),

  build: (subject, sheetName, settings, previous) =>
    buildCriteriaRowsGrid(subject, sheetName, settings, previous?.parsed.content, previous ? { values: previous.values, refColumns: previous.parsed.columns.refs.length } : undefined),
};
