import { valueAt, type ColumnarTable } from '../data/columnar';
import type { ColumnSpec } from '../registry/types';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Epoch ms → "2016-03-14 17:24:55", the text a request carries (and the importer reads back). */
export function datetimeText(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Row `i` of a stored table as a request body for a model with these inputs. */
export function requestRow(table: ColumnarTable, i: number, inputs: readonly ColumnSpec[]) {
  const row: Record<string, number | string | boolean | null> = {};
  for (const input of inputs) {
    const column = table.columns.find((c) => c.name === input.name);
    if (!column) continue;
    const v = valueAt(column, i);
    row[input.name] = input.type === 'datetime' && typeof v === 'number' ? datetimeText(v) : v;
  }
  return row;
}

/** The inputs a table lacks, so a caller can say which before sending rows that must fail. */
export function missingInputs(table: ColumnarTable, inputs: readonly ColumnSpec[]): string[] {
  const names = new Set(table.columns.map((c) => c.name));
  return inputs.filter((c) => !names.has(c.name)).map((c) => c.name);
}
