import { valueAt, type ColumnarTable } from '../columnar';
import { summarizeColumn, type ColumnSummary } from './summary';

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

/** Rows keyed per step of the work: a 100,000-row table is ten steps. */
const ROWS_PER_STEP = 10_000;

/** Rows as comparable strings over the given columns (JSON of the decoded values). */
function* rowKeys(table: ColumnarTable, columns: string[], counts: Map<string, number>) {
  const picked = columns.map((name) => table.columns.find((c) => c.name === name)!);
  for (let i = 0; i < table.rowCount; i++) {
    const key = JSON.stringify(picked.map((c) => valueAt(c, i)));
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if ((i + 1) % ROWS_PER_STEP === 0 && i + 1 < table.rowCount) yield;
  }
  yield;
}

function* summaries(table: ColumnarTable, into: Map<string, ColumnSummary>) {
  for (const column of table.columns) {
    into.set(column.name, summarizeColumn(column, table.rowCount));
    yield;
  }
}

/** The steps `diffSteps` yields for these tables: the total of a progress bar. */
export function diffStepCount(before: ColumnarTable, after: ColumnarTable): number {
  const keyed = (t: ColumnarTable) => Math.max(1, Math.ceil(t.rowCount / ROWS_PER_STEP));
  return keyed(before) + keyed(after) + before.columns.length + after.columns.length;
}

/**
 * What changed from `before` to `after`: columns, rows (as multisets of whole rows over the
 * shared columns, so a reordering is not a change) and each shared column's statistics.
 */
export function diffTables(before: ColumnarTable, after: ColumnarTable): TableDiff {
  const work = diffSteps(before, after);
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/**
 * `diffTables` as a generator: it yields after each step (ROWS_PER_STEP rows keyed, a column
 * summarised; diffStepCount of them) so a caller can show progress and stop between steps.
 */
export function* diffSteps(
  before: ColumnarTable,
  after: ColumnarTable,
): Generator<void, TableDiff, void> {
  const typeOf = (t: ColumnarTable) => new Map(t.columns.map((c) => [c.name, c.type as string]));
  const a = typeOf(before);
  const b = typeOf(after);
  const shared = [...a.keys()].filter((name) => b.has(name));
  const beforeRows = new Map<string, number>();
  const afterRows = new Map<string, number>();
  yield* rowKeys(before, shared, beforeRows);
  yield* rowKeys(after, shared, afterRows);
  let unchanged = 0;
  for (const [key, count] of afterRows) unchanged += Math.min(count, beforeRows.get(key) ?? 0);
  const summaryBefore = new Map<string, ColumnSummary>();
  const summaryAfter = new Map<string, ColumnSummary>();
  yield* summaries(before, summaryBefore);
  yield* summaries(after, summaryAfter);
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
