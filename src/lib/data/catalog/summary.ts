import { quantileSorted } from '../../numeric/quantile';
import { isMissing, valueAt, type Column, type ColumnarTable } from '../columnar';
import { sampleStd, welford } from '../../numeric/moments';

export interface NumericSummary {
  column: string;
  type: Column['type'];
  count: number;
  missing: number;
  mean: number;
  /** Sample standard deviation (n − 1), as pandas' describe(). */
  std: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

export interface CategoricalSummary {
  column: string;
  type: Column['type'];
  count: number;
  missing: number;
  unique: number;
  top: string | null;
  freq: number;
}

export type ColumnSummary = NumericSummary | CategoricalSummary;

export const isNumericSummary = (s: ColumnSummary): s is NumericSummary => 'mean' in s;

function numeric(column: Column & { values: Float64Array }, rowCount: number): NumericSummary {
  const present = column.values.filter((v) => !Number.isNaN(v)).sort();
  const n = present.length;
  const moments = welford(present);
  return {
    column: column.name,
    type: column.type,
    count: n,
    missing: rowCount - n,
    mean: n ? moments.mean : NaN,
    std: sampleStd(moments),
    min: n ? present[0]! : NaN,
    q25: quantileSorted(present, 0.25),
    median: quantileSorted(present, 0.5),
    q75: quantileSorted(present, 0.75),
    max: n ? present[n - 1]! : NaN,
  };
}

function categorical(column: Column, rowCount: number): CategoricalSummary {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < rowCount; i++) {
    if (isMissing(column, i)) {
      missing++;
      continue;
    }
    const key = String(valueAt(column, i));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let top: string | null = null;
  let freq = 0;
  for (const [value, count] of counts)
    if (count > freq) {
      top = value;
      freq = count;
    }
  return {
    column: column.name,
    type: column.type,
    count: rowCount - missing,
    missing,
    unique: counts.size,
    top,
    freq,
  };
}

/** Per-column summary statistics, the numbers of pandas' `describe()` (checked against it). */
export function summarize(table: ColumnarTable): ColumnSummary[] {
  return table.columns.map((column) => summarizeColumn(column, table.rowCount));
}

/** One column's summary: what `summarize` does a column at a time (a step of a long summary). */
export function summarizeColumn(column: ColumnarTable['columns'][number], rowCount: number) {
  return column.type === 'float' || column.type === 'integer' || column.type === 'datetime'
    ? numeric(column, rowCount)
    : categorical(column, rowCount);
}
