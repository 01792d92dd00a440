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
