import { coverageOfParsed } from '../coverage/coverage';
import { address } from '../workbook/plan';
import { evidenceRowsSource } from './evidenceIndexSheet';
import { columnBelowHeader, type CellPlace, type GridEvidence, type GridLayout } from './gridLayout';
import { EVIDENCE_LABELS, GRID_TITLE, normaliseLabel, parseDecision, SIGN_OFF } from './layout';
import { cellText, parseGrid, type ParsedGrid } from './readGrid';
import type { Rows } from './gridTypes';
import { buildUnitGrid } from './unitGrid';

/*
 * The evidence-rows layout: evidence items down the sheet, every markable item of the unit across
 * (unitGrid.ts builds it, readGrid.ts reads it, coverage.ts counts it). Also any sheet laid out
 * like it: an assessor's own tracker with item codes across.
 */

const text = (v: Parameters<typeof cellText>[0] | undefined): string => cellText(v ?? null);

export const evidenceRowsLayout: GridLayout<ParsedGrid> = {
  name: 'evidenceRows',

  detect: (values) => normaliseLabel(values[0]?.[0] ?? null) === normaliseLabel(GRID_TITLE),

  read: (values, unit, options = {}) => parseGrid(values, unit, options),

  header: (parsed) => parsed.header,

  coverage: (parsed, unit, options) => coverageOfParsed(parsed, unit, options),

  evidence(p, values) {
    const evidence = p.content.rows.map((row, i): GridEvidence => {
      const sheetRow = p.rowNumbers[i]!;
      const ref = text(row.fields.ref);
      const date = row.fields.date;
      return {
        ref: ref !== '' ? ref : `row ${sheetRow + 1}`,
        date: typeof date === 'number' && date > 0 ? date : null,
        method: text(row.fields.method),
        site: text(row.fields.location),
        decision: p.hasDecisionColumn ? parseDecision(row.fields.decision ?? null) : 'accepted',
        row: sheetRow,
      };
    });
    return { evidence, dateRange: columnBelowHeader(p.columns.fields.get('date'), p.columns.headerRow, values) };
  },

  locate(parsed) {
    const { columns } = parsed;
    // The item a column belongs to: its own column, or a second column headed with its code.
    const itemAtCol = new Map<number, string>();
    for (const [code, col] of columns.items) itemAtCol.set(col, code);
    for (const [code, cols] of columns.itemExtraCols) for (const col of cols) itemAtCol.set(col, code);
    const decision = columns.fields.get('decision');
    const refCol = columns.fields.get('ref');
    let lastRowOf: { values: Rows; lastRow: number } | undefined;
    return {
      item(values, column) {
        // The evidence area ends above the sign-off block (found once per sheet read).
        if (lastRowOf?.values !== values) {
          const signOff = values.findIndex((r, i) => i > columns.headerRow && normaliseLabel(r[0] ?? null) === normaliseLabel(SIGN_OFF.heading));
          lastRowOf = { values, lastRow: signOff > 0 ? signOff - 1 : Math.max(values.length - 1, 0) };
        }
        const { lastRow } = lastRowOf;
        // The item's column, from its code in the header row down the evidence rows.
        const letter = address({ row: 0, col: column }).replace(/\d+$/, '');
        return { target: { row: columns.headerRow, col: column, endRow: Math.max(columns.headerRow, lastRow), endCol: column }, where: `column ${letter}` };
      },
      cell(_values, row, col): CellPlace {
        const code = itemAtCol.get(col);
        if (code === undefined) {
          for (const [field, column] of columns.fields) if (column === col) return { kind: 'field', label: EVIDENCE_LABELS[field] };
          return { kind: 'none' };
        }
        if (row === columns.headerRow) return { kind: 'heading', code };
        const evidence = parsed.rowNumbers.indexOf(row);
        if (evidence < 0) return { kind: 'column', code };
        const ref = text(parsed.content.rows[evidence]?.fields.ref);
        return { kind: 'mark', code, ref: ref !== '' ? ref : `row ${row + 1}` };
      },
      markCell(values, row, col) {
        if (row <= columns.headerRow) return undefined;
        const ref = refCol === undefined ? '' : text(values[row]?.[refCol]);
        const where = ref === '' ? `row ${row + 1}` : `evidence ${ref}`;
        const code = itemAtCol.get(col);
        if (code !== undefined) return `a mark for item ${code} (${where})`;
        return col === decision ? `the assessor decision (${where})` : undefined;
      },
    };
  },

  evidenceSource: (sheet, unit, parsed) => evidenceRowsSource(sheet, unit, parsed),

  build: (subject, sheetName, settings, previous) =>
    // Rebuilt in place (rows and columns inserted or deleted), so the user's cells stay where they are.
    buildUnitGrid(subject, sheetName, settings, previous?.parsed.content, previous ? { values: previous.values, rowNumbers: previous.parsed.rowNumbers } : undefined),
};
