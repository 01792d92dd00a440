/**
 * Columnar typed storage for imported data sets.
 *
 * - `float`, `integer`: `Float64Array`, `NaN` = missing.
 * - `datetime`: `Float64Array` of epoch milliseconds, `NaN` = missing. Naive wall times
 *   (`2016-03-14 17:24:55`, no offset) are interpreted as UTC, so values never depend on the
 *   browser's time zone.
 * - `boolean`: `Uint8Array` values (0/1) + `Uint8Array` validity (1 = present).
 * - `category`: dictionary-encoded low-cardinality strings; `Uint32Array` codes into
 *   `dictionary`, `MISSING_CODE` = missing.
 * - `string`: `(string | null)[]`, `null` = missing.
 */
export type ColumnType = 'float' | 'integer' | 'boolean' | 'datetime' | 'category' | 'string';

export const COLUMN_TYPES: readonly ColumnType[] = [
  'float',
  'integer',
  'boolean',
  'datetime',
  'category',
  'string',
];

/** Code used in a category column for a missing value. */
export const MISSING_CODE = 0xffffffff;

export interface NumericColumn {
  name: string;
  type: 'float' | 'integer' | 'datetime';
  values: Float64Array;
}

export interface BooleanColumn {
  name: string;
  type: 'boolean';
  values: Uint8Array;
  valid: Uint8Array;
}

export interface CategoryColumn {
  name: string;
  type: 'category';
  codes: Uint32Array;
  dictionary: string[];
}

export interface StringColumn {
  name: string;
  type: 'string';
  values: (string | null)[];
}

export type Column = NumericColumn | BooleanColumn | CategoryColumn | StringColumn;

export interface ColumnarTable {
  name?: string;
  columns: Column[];
  rowCount: number;
}

/** True when row `i` of `column` holds no value. */
export function isMissing(column: Column, i: number): boolean {
  switch (column.type) {
    case 'boolean':
      return column.valid[i] === 0;
    case 'category':
      return column.codes[i] === MISSING_CODE;
    case 'string':
      return column.values[i] === null;
    default:
      return Number.isNaN(column.values[i]);
  }
}

/** The decoded value of row `i`: number (ms for datetimes), boolean, string or null. */
export function valueAt(column: Column, i: number): number | boolean | string | null {
  if (isMissing(column, i)) return null;
  switch (column.type) {
    case 'boolean':
      return column.values[i] === 1;
    case 'category':
      return column.dictionary[column.codes[i] ?? 0] ?? null;
    case 'string':
      return column.values[i] ?? null;
    default:
      return column.values[i] ?? null;
  }
}
