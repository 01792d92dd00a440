import { table as aqTable, type ColumnTable } from 'arquero';
import { ColumnarError } from './errors';
import { type Column, type ColumnarTable, MISSING_CODE } from './types';

export interface ToArqueroOptions {
  /** `'date'` (default): datetime columns become `Date | null`; `'ms'`: the `Float64Array` of epoch ms. */
  datetimes?: 'date' | 'ms';
}

function toValues(column: Column, datetimes: 'date' | 'ms'): ArrayLike<unknown> {
  switch (column.type) {
    case 'boolean':
      return Array.from(column.values, (v, i) => (column.valid[i] ? v === 1 : null));
    case 'category':
      return Array.from(column.codes, (c) =>
        c === MISSING_CODE ? null : (column.dictionary[c] ?? null),
      );
    case 'string':
      return column.values;
    case 'datetime':
      if (datetimes === 'ms') return column.values;
      return Array.from(column.values, (v) => (Number.isNaN(v) ? null : new Date(v)));
    default:
      return column.values; // numbers share the Float64Array; NaN = missing
  }
}

/**
 * An arquero table with the same columns. Numeric columns are shared (`NaN` = missing),
 * categories are decoded to strings, booleans to `boolean | null`.
 */
export function toArquero(table: ColumnarTable, options: ToArqueroOptions = {}): ColumnTable {
  // Arquero keeps a table's columns in a plain object, where "__proto__" is not a key but the
  // object's prototype: the column would be lost or scramble the table.
  if (table.columns.some((c) => c.name === '__proto__'))
    throw new ColumnarError(
      'name-arquero-cannot-hold',
      `${table.name ? `Table "${table.name}" has` : 'The table has'} a column named "__proto__", which an arquero table cannot hold (nothing was changed; the stored data keeps it). ` +
        'Either rename the column in the CSV file and import it again, or read this table with lab.data.summary, lab.data.validate and lab.data.diff, which accept any column name.',
    );
  const data: Record<string, ArrayLike<unknown>> = Object.create(null) as Record<
    string,
    ArrayLike<unknown>
  >;
  for (const c of table.columns) data[c.name] = toValues(c, options.datetimes ?? 'date');
  return aqTable(
    data,
    table.columns.map((c) => c.name),
  ) as ColumnTable;
}

/**
 * Typed arrays of numbers skip the per-value type checks (a 1M-row column in milliseconds); a
 * Float64Array is kept as it is (shared, as `toArquero` shares them the other way).
 */
function fromNumbers(name: string, values: ArrayLike<number>): Column {
  const nums = values instanceof Float64Array ? values : Float64Array.from(values);
  let present = 0;
  let integer = true;
  for (const v of nums)
    if (!Number.isNaN(v)) {
      present++;
      if (integer && !Number.isInteger(v)) integer = false;
    }
  return { name, type: present > 0 && integer ? 'integer' : 'float', values: nums };
}

/** All strings, none missing: one pass, and the array is kept as it is. */
function allStrings(values: ArrayLike<unknown>): values is string[] {
  if (!Array.isArray(values)) return false;
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'string') return false;
  return true;
}

function fromValues(name: string, values: ArrayLike<unknown>): Column {
  // Text columns are the common case and the slow one (five passes below): checked first.
  if (values.length > 0 && allStrings(values)) return { name, type: 'string', values };
  const list = Array.from(values);
  const present = list.filter((v) => v !== null && v !== undefined);
  if (values instanceof Float64Array || present.every((v) => typeof v === 'number')) {
    const nums = Float64Array.from(list, (v) => (typeof v === 'number' ? v : NaN));
    const integer = present.length > 0 && present.every((v) => Number.isInteger(v));
    return { name, type: integer ? 'integer' : 'float', values: nums };
  }
  if (present.every((v) => v instanceof Date)) {
    const ms = Float64Array.from(list, (v) => (v instanceof Date ? v.getTime() : NaN));
    return { name, type: 'datetime', values: ms };
  }
  if (present.every((v) => typeof v === 'boolean')) {
    return {
      name,
      type: 'boolean',
      values: Uint8Array.from(list, (v) => (v === true ? 1 : 0)),
      valid: Uint8Array.from(list, (v) => (typeof v === 'boolean' ? 1 : 0)),
    };
  }
  const strings = list.map((v) => (v === null || v === undefined ? null : String(v)));
  return { name, type: 'string', values: strings };
}

/**
 * A copy of a typed column's values as doubles (filters and order applied), or null for a column
 * of plain values. `table.array(col)` would box every value, and even with a typed constructor it
 * visits rows one callback at a time: a table without filter or order is copied whole instead.
 */
export function typedColumn(table: ColumnTable, col: string): Float64Array | null {
  const column = table.column(col) as unknown;
  if (!ArrayBuffer.isView(column)) return null;
  if (!table.isFiltered() && !table.isOrdered())
    return new Float64Array(column as unknown as ArrayLike<number>);
  return table.array(col, Float64Array) as Float64Array;
}

/**
 * A columnar table from an arquero table: all-number columns become `integer`/`float`,
 * all-`Date` columns `datetime`, all-boolean `boolean`, anything else `string`. Float64Array and
 * all-text columns of an unfiltered, unordered table are shared, not copied.
 */
export function fromArquero(table: ColumnTable, name?: string): ColumnarTable {
  // A table without filter or order holds its rows as they are: its column arrays are used
  // without a copy (columns are never written to in place; sorting and cleaning copy).
  const whole = !table.isFiltered() && !table.isOrdered();
  const columns = table.columnNames().map((col) => {
    const column = table.column(col) as unknown;
    if (whole && column instanceof Float64Array) return fromNumbers(col, column);
    if (whole && Array.isArray(column)) return fromValues(col, column);
    const typed = typedColumn(table, col);
    return typed
      ? fromNumbers(col, typed)
      : fromValues(col, table.array(col) as ArrayLike<unknown>);
  });
  return { ...(name === undefined ? {} : { name }), rowCount: table.numRows(), columns };
}
