import type { CellRange, PlanValue, ValueBlock } from '../workbook/plan';
import { setCellBlocks } from './inPlaceLayout';

/** A sparse set of cells emitted as one rectangular block from A1 (adapters send it as one 2-D array). */
export class SparseCells {
  private readonly rows: PlanValue[][] = [];
  set(row: number, col: number, value: PlanValue): void {
    const r = (this.rows[row] ??= []);
    r[col] = value;
  }
  get rowCount(): number {
    return this.rows.length;
  }
  toBlock(width: number): ValueBlock {
    const values = Array.from({ length: this.rows.length }, (_, r) => Array.from({ length: width }, (_, c) => this.rows[r]?.[c] ?? null));
    return { row: 0, col: 0, values };
  }
  /** Only the cells set (explicit blanks included), outside `keep`: one block per run of a row. */
  toBlocks(keep: readonly CellRange[]): ValueBlock[] {
    return setCellBlocks(this.rows, keep);
  }
}
