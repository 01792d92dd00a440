import type { ColumnarTable } from '../../data/columnar';
import type { InputColumn } from '../../features/frame';
import type { RequestRecord } from '../../serving/endpoint';
import { parseDatetime } from '../../data/csv/values';

/**
 * Labelled served requests as a table (the model's inputs + the label as `target`): the recent
 * data a retraining learns from, once ground truth has come back.
 */
export function labelledTable(
  records: readonly RequestRecord[],
  inputs: readonly InputColumn[],
  target: string,
): ColumnarTable {
  const rows = records.filter(
    (r) => r.shadowOf === null && r.status === 200 && r.rows === 1 && r.label !== null,
  );
  const columns = inputs.map((c) => {
    if (c.type === 'string')
      return {
        name: c.name,
        type: 'string' as const,
        values: rows.map((r) => (r.inputs[0]![c.name] as string | undefined) ?? null),
      };
    const values = Float64Array.from(rows, (r) => {
      const v = r.inputs[0]![c.name];
      if (c.type === 'datetime') return typeof v === 'string' ? (parseDatetime(v) ?? NaN) : NaN;
      return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
    });
    return {
      name: c.name,
      type: c.type === 'datetime' ? ('datetime' as const) : ('float' as const),
      values,
    };
  });
  return {
    rowCount: rows.length,
    columns: [
      ...columns,
      { name: target, type: 'float', values: Float64Array.from(rows, (r) => r.label!) },
    ],
  };
}

/**
 * The lineage of a recent-data version. Its rows are requests answered by `models:/model/version`;
 * the data that model learnt from is its parent, so a retrained model's data traces back through
 * every retraining to the first dataset (the Data page draws the chain).
 */
export function recentDataLineage(served: {
  endpoint: string;
  model: string;
  version: number;
  /** The served version's training data, when its registration recorded it. */
  datasetVersion: string | null;
  since: number | null;
  rows: number;
}) {
  return {
    parents: served.datasetVersion ? [served.datasetVersion] : [],
    transform: {
      kind: 'derive' as const,
      description: `Labelled requests of endpoint "${served.endpoint}" (inputs + ground truth), answered by ${served.model} v${served.version}${
        served.datasetVersion ? `, which learnt from the parent version` : ''
      }`,
      params: { ...served },
    },
  };
}

/** The data version name of an endpoint's recent labelled requests (`student/x` → `student-x-recent`). */
export const recentDataName = (endpoint: string) => `${endpoint.replaceAll('/', '-')}-recent`;
