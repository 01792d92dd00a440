import type { ColumnTable } from 'arquero';
import { fromArquero, type ColumnarTable } from '../data/columnar';
import { labServices } from './services';

export function isArquero(value: unknown): value is ColumnTable {
  return typeof (value as ColumnTable | null)?.columnNames === 'function';
}

/** A columnar table from what a cell passes: an arquero table or a dataset reference. */
export async function fromArqueroOrRef(value: unknown, what = 'The table'): Promise<ColumnarTable> {
  if (typeof value === 'string') return (await labServices().catalog.load(value)).table;
  if (isArquero(value)) return fromArquero(value);
  throw new TypeError(
    `${what} must be an arquero table (from lab.data.load or aq.table) or a dataset name such as 'diabetes'.`,
  );
}
