import { Bool, Float64, Table, Utf8, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
import type { Column, ColumnarTable } from '../columnar';
import { MISSING_CODE } from '../columnar';
import { quoteIdent } from './names';

function vectorOf(column: Column): Vector {
  switch (column.type) {
    case 'boolean':
      return vectorFromArray(
        Array.from(column.values, (v, i) => (column.valid[i] ? v === 1 : null)),
        new Bool(),
      );
    case 'category':
      return vectorFromArray(
        Array.from(column.codes, (c) => (c === MISSING_CODE ? null : column.dictionary[c])),
        new Utf8(),
      );
    case 'string':
      return vectorFromArray(column.values, new Utf8());
    default:
      // Zero-copy: missing stays NaN here and becomes NULL in SQL (see selectList).
      return makeVector({ type: new Float64(), data: column.values });
  }
}

/** A columnar table as an Arrow table, numbers without a copy. */
export function columnarToArrow(table: ColumnarTable): Table {
  return new Table(Object.fromEntries(table.columns.map((c) => [c.name, vectorOf(c)])));
}

/**
 * The SELECT list that turns the staged Arrow columns into typed SQL ones: NaN (our missing
 * number) to NULL, integers to BIGINT, epoch milliseconds to TIMESTAMP.
 */
export function selectList(table: ColumnarTable): string {
  return table.columns
    .map((c) => {
      const q = quoteIdent(c.name);
      const value = `CASE WHEN isnan(${q}) THEN NULL ELSE ${q} END`;
      if (c.type === 'float') return `${value} AS ${q}`;
      if (c.type === 'integer') return `CAST(${value} AS BIGINT) AS ${q}`;
      if (c.type === 'datetime') return `epoch_ms(CAST(${value} AS BIGINT)) AS ${q}`;
      return q;
    })
    .join(', ');
}
