import { isMissing, valueAt, type Column, type ColumnarTable } from '../columnar';
import { PartitionError } from './plan';

/**
 * Map/reduce jobs over parts of a table, as plain data (functions cannot travel to workers):
 * each part is mapped to a small partial result, partials are reduced pairwise, and the final
 * partial is turned into the answer. Reducing is exact for counts and uses Chan et al.'s
 * parallel formula for means and variances, so partitioned == one pass.
 */
export type FilterOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export interface Filter {
  column: string;
  op: FilterOp;
  value: number | string;
}
export type GroupKey = 'value' | 'hour' | 'weekday' | 'month';
export type Aggregate =
  | { kind: 'count' }
  | { kind: 'describe'; columns: string[] }
  | { kind: 'groupCount'; column: string; by: GroupKey }
  | { kind: 'histogram'; column: string; bins: number; min: number; max: number };
export interface JobPlan {
  filters: Filter[];
  aggregate: Aggregate;
}

export interface Moments {
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}
/** Keyed by column name or group value in Maps: any text is a key (`__proto__` too). */
export type Partial =
  | { kind: 'count'; rows: number }
  | { kind: 'describe'; columns: Map<string, Moments> }
  | { kind: 'groupCount'; counts: Map<string, number> }
  | { kind: 'histogram'; counts: number[]; below: number; above: number };

function column(table: ColumnarTable, name: string): Column {
  const c = table.columns.find((col) => col.name === name);
  if (!c)
    throw new PartitionError(
      'unknown-column',
      `No column "${name}"; the file has ${table.columns.map((x) => x.name).join(', ')}.`,
    );
  return c;
}

function compare(a: number | string, op: FilterOp, b: number | string): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/** Rows of the part that pass every filter (missing values never pass). */
function selected(table: ColumnarTable, filters: Filter[]): Uint8Array {
  const keep = new Uint8Array(table.rowCount).fill(1);
  for (const f of filters) {
    const c = column(table, f.column);
    for (let i = 0; i < table.rowCount; i++) {
      if (!keep[i]) continue;
      const v = valueAt(c, i);
      keep[i] = v !== null && typeof v !== 'boolean' && compare(v, f.op, f.value) ? 1 : 0;
    }
  }
  return keep;
}

function numbers(c: Column): Float64Array {
  if ('values' in c && c.values instanceof Float64Array) return c.values;
  throw new PartitionError('not-numeric', `Column "${c.name}" is ${c.type}; this needs numbers.`);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function groupKey(c: Column, i: number, by: GroupKey): string {
  if (by === 'value') return String(valueAt(c, i));
  const d = new Date(numbers(c)[i]!);
  if (by === 'hour') return String(d.getUTCHours()).padStart(2, '0');
  if (by === 'month') return String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${(d.getUTCDay() + 6) % 7} ${WEEKDAYS[(d.getUTCDay() + 6) % 7]}`;
}

export function mapPart(table: ColumnarTable, plan: JobPlan): Partial {
  const keep = selected(table, plan.filters);
  const a = plan.aggregate;
  switch (a.kind) {
    case 'count':
      return { kind: 'count', rows: keep.reduce((n, k) => n + k, 0) };
    case 'describe': {
      const columns = new Map<string, Moments>();
      for (const name of a.columns) {
        const values = numbers(column(table, name));
        const m: Moments = { n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity };
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          if (!keep[i] || Number.isNaN(v)) continue;
          m.n++;
          const delta = v - m.mean;
          m.mean += delta / m.n;
          m.m2 += delta * (v - m.mean);
          if (v < m.min) m.min = v;
          if (v > m.max) m.max = v;
        }
        columns.set(name, m);
      }
      return { kind: 'describe', columns };
    }
    case 'groupCount': {
      const c = column(table, a.column);
      const counts = new Map<string, number>();
      for (let i = 0; i < table.rowCount; i++) {
        if (!keep[i] || isMissing(c, i)) continue;
        const key = groupKey(c, i, a.by);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return { kind: 'groupCount', counts };
    }
    case 'histogram': {
      const values = numbers(column(table, a.column));
      const counts = new Array<number>(a.bins).fill(0);
      let below = 0;
      let above = 0;
      const width = (a.max - a.min) / a.bins;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!keep[i] || Number.isNaN(v)) continue;
        if (v < a.min) below++;
        else if (v >= a.max) above++;
        else counts[Math.min(a.bins - 1, Math.floor((v - a.min) / width))]!++;
      }
      return { kind: 'histogram', counts, below, above };
    }
  }
}

/** Chan, Golub & LeVeque: combine two (count, mean, M2) summaries exactly. */
function mergeMoments(a: Moments, b: Moments): Moments {
  const n = a.n + b.n;
  if (n === 0) return a;
  const delta = b.mean - a.mean;
  return {
    n,
    mean: a.mean + (delta * b.n) / n,
    m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

export function reduceParts(a: Partial, b: Partial): Partial {
  if (a.kind === 'count' && b.kind === 'count') return { kind: 'count', rows: a.rows + b.rows };
  if (a.kind === 'describe' && b.kind === 'describe')
    return {
      kind: 'describe',
      columns: new Map([...a.columns].map(([k, m]) => [k, mergeMoments(m, b.columns.get(k)!)])),
    };
  if (a.kind === 'groupCount' && b.kind === 'groupCount') {
    const counts = new Map(a.counts);
    for (const [k, n] of b.counts) counts.set(k, (counts.get(k) ?? 0) + n);
    return { kind: 'groupCount', counts };
  }
  if (a.kind === 'histogram' && b.kind === 'histogram')
    return {
      kind: 'histogram',
      counts: a.counts.map((n, i) => n + b.counts[i]!),
      below: a.below + b.below,
      above: a.above + b.above,
    };
  throw new PartitionError(
    'cannot-combine',
    `Cannot combine a ${a.kind} result with a ${b.kind} result.`,
  );
}

/** The answer as rows, ready to become a table. */
export function finish(partial: Partial, plan: JobPlan): Record<string, unknown>[] {
  switch (partial.kind) {
    case 'count':
      return [{ rows: partial.rows }];
    case 'describe':
      return [...partial.columns].map(([column, m]) => ({
        column,
        count: m.n,
        mean: m.n ? m.mean : null,
        std: m.n > 1 ? Math.sqrt(m.m2 / (m.n - 1)) : null,
        min: m.n ? m.min : null,
        max: m.n ? m.max : null,
      }));
    case 'groupCount': {
      const a = plan.aggregate as Extract<Aggregate, { kind: 'groupCount' }>;
      const key = a.by === 'value' ? a.column : `${a.column}_${a.by}`;
      return [...partial.counts]
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([value, count]) => ({ [key]: value, count }));
    }
    case 'histogram': {
      const a = plan.aggregate as Extract<Aggregate, { kind: 'histogram' }>;
      const width = (a.max - a.min) / a.bins;
      return partial.counts.map((count, i) => ({
        from: a.min + i * width,
        to: a.min + (i + 1) * width,
        count,
      }));
    }
  }
}
