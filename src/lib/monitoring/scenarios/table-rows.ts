import type { Column, ColumnarTable } from '../../data/columnar/types';
import { ScenarioError } from './options';
import { meanAndStd } from '../../numeric/moments';

/** The rows at `index` (repeats allowed), every column copied; dictionaries are copied too. */
export function takeRows(table: ColumnarTable, index: Uint32Array, name?: string): ColumnarTable {
  const n = index.length;
  const columns = table.columns.map((col): Column => {
    switch (col.type) {
      case 'boolean':
        return {
          ...col,
          values: Uint8Array.from({ length: n }, (_, i) => col.values[index[i]!]!),
          valid: Uint8Array.from({ length: n }, (_, i) => col.valid[index[i]!]!),
        };
      case 'category':
        return {
          ...col,
          codes: Uint32Array.from({ length: n }, (_, i) => col.codes[index[i]!]!),
          dictionary: [...col.dictionary],
        };
      case 'string':
        return { ...col, values: Array.from({ length: n }, (_, i) => col.values[index[i]!]!) };
      default: {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = col.values[index[i]!]!;
        return { ...col, values };
      }
    }
  });
  return { name: name ?? table.name, columns, rowCount: n };
}

/** A numeric (float, integer or datetime) column's values; the error says what the scenario needs. */
export function numericColumn(table: ColumnarTable, name: string, dataset: string): Float64Array {
  const col = table.columns.find((c) => c.name === name);
  if (!col || (col.type !== 'float' && col.type !== 'integer' && col.type !== 'datetime')) {
    throw new ScenarioError(
      'missing-column',
      `The ${dataset} scenarios need a numeric column "${name}"${col ? ` (it is ${col.type})` : ''}; this table has: ${table.columns.map((c) => c.name).join(', ')}. Either use the ${dataset} dataset or pick the dataset option that matches your table.`,
    );
  }
  return col.values;
}

/** Standard scores (x - mean) / sd over the finite values; missing values score 0. */
export function zScores(values: Float64Array): Float64Array {
  const { mean, std } = meanAndStd(values.filter(Number.isFinite));
  // No finite value gives NaN, not above 0: every score is then 0, as for a constant column.
  return Float64Array.from(values, (v) => (Number.isFinite(v) && std > 0 ? (v - mean) / std : 0));
}
