import { formatMetric } from './columns';
import { own } from './record';
import type { MetricField } from './search';
import type { Run } from './types';

/** One row of the side-by-side comparison: a parameter or metric, its value in each run. */
export interface CompareRow {
  kind: 'param' | 'metric';
  key: string;
  /** As shown, one per run in the runs' order; `undefined` where the run has no such entry. */
  cells: (string | undefined)[];
  /** The exact values (a metric's number, a parameter's text), for a tooltip and the diff. */
  values: (string | number | undefined)[];
  /** Some runs differ here: one value is not like the others, or some run lacks the entry. */
  differs: boolean;
}

function row(
  kind: CompareRow['kind'],
  key: string,
  values: (string | number | undefined)[],
): CompareRow {
  const first = values[0];
  return {
    kind,
    key,
    values,
    cells: values.map((v) => (typeof v === 'number' ? formatMetric(v) : v)),
    // Exact comparison, as MLflow's: a metric that differs beyond the shown digits still differs.
    differs: values.some((v) => !Object.is(v, first)),
  };
}

/**
 * Parameters then metrics of `runs` side by side, as MLflow's run comparison lays them out:
 * every key any run has, sorted by name within its kind, each marked when the runs differ on it.
 * Metrics show `field` (the last logged value, or the min or max over steps).
 */
export function compareRows(runs: Run[], field: MetricField = 'value'): CompareRow[] {
  const keys = (pick: (r: Run) => object) =>
    [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
  return [
    ...keys((r) => r.params).map((k) =>
      row(
        'param',
        k,
        runs.map((r) => own(r.params, k)),
      ),
    ),
    ...keys((r) => r.metrics).map((k) =>
      row(
        'metric',
        k,
        runs.map((r) => own(r.metrics, k)?.[field]),
      ),
    ),
  ];
}

/** The rows to show: all, or only those where the runs differ ("Show only differences"). */
export const shownRows = (rows: CompareRow[], onlyDifferences: boolean): CompareRow[] =>
  onlyDifferences ? rows.filter((r) => r.differs) : rows;
