import { valueAt, type ColumnarTable } from '../columnar';
import { summarize, type ColumnSummary } from './summary';

export interface TableDiff {
  schema: {
    added: string[];
    removed: string[];
    typeChanged: { column: string; from: string; to: string }[];
  };
  rows: { before: number; after: number; added: number; removed: number; unchanged: number };
  /** Summary statistics of the columns both tables have, side by side. */
  columns: { column: string; before: ColumnSummary; after: ColumnSummary }[];
}

/** Rows as comparable strings over the given columns (JSON of the decoded values). */
function rowKeys(table: ColumnarTable, columns: string[]): Map<string, number> {
  const picked = columns.map((name) => table.columns.find((c) => c.name === name)!);
  const counts = new Map<string, number>();
  for (let i = 0; i < table.rowCount; i++) {
    const key = JSON.stringify(picked.map((c) => valueAt(c, i)));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * What changed from `before` to `after`: columns, rows (as multisets of whole rows over the
 * shared columns, so a reordering is not a change) and each shared column's statistics.
 */
export function diffTables(before: ColumnarTable, after: ColumnarTable): TableDiff {
  const typeOf = (t: ColumnarTable) => new Map(t.columns.map((c) => [c.name, c.type as string]));
  const a = typeOf(before);
  const b = typeOf(after);
  const shared = [...a.keys()].filter((name) => b.has(name));
  const beforeRows = rowKeys(before, shared);
  const afterRows = rowKeys(after, shared);
  let unchanged = 0;
  for (const [key, count] of afterRows) unchanged += Math.min(count, beforeRows.get(key) ?? 0);
  const summaryBefore = new Map(summarize(before).map((s) => [s.column, s]));
  const summaryAfter = new Map(summarize(after).map((s) => [s.column, s]));
  return {
    schema: {
      added: [...b.keys()].filter((name) => !a.has(name)),
      removed: [...a.keys()].filter((name) => !b.has(name)),
      typeChanged: shared
        .filter((name) => a.get(name) !== b.get(name))
        .map((column) => ({ column, from: a.get(column)!, to: b.get(column)! })),
    },
    rows: {
      before: before.rowCount,
      after: after.rowCount,
      added: after.rowCount - unchanged,
      removed: before.rowCount - unchanged,
      unchanged,
    },
    columns: shared.map((column) => ({
      column,
      before: summaryBefore.get(column)!,
      after: summaryAfter.get(column)!,
    })),
  };
}
