import type { ColumnarTable } from '../data/columnar/types';
import { MISSING_CODE } from '../data/columnar/types';
import { parseDatetime } from '../data/csv/values';
import { LabbookError } from '../errors';

/**
 * The shape feature code works on: numbers (datetimes as epoch ms, NaN = missing) or strings.
 * Training builds it from a stored table, serving from request rows — the same features follow.
 */
export type FrameColumn = Float64Array | (string | null)[];
export type Frame = Record<string, FrameColumn>;

export class FeatureError extends LabbookError<'unknown-column' | 'not-numeric' | 'bad-value'> {
  override name = 'FeatureError';
}

/**
 * A frame keyed by column name: no prototype, so "__proto__" is a column like any other and
 * "constructor" is not there until a column has that name.
 */
const emptyFrame = (): Frame => Object.create(null) as Frame;

/** The column `name` of `frame` (own properties only: a frame may have been cloned). */
const columnOf = (frame: Frame, name: string): FrameColumn | undefined =>
  Object.hasOwn(frame, name) ? frame[name] : undefined;

export function numeric(frame: Frame, name: string): Float64Array {
  const col = columnOf(frame, name);
  if (col === undefined)
    throw new FeatureError(
      'unknown-column',
      `No column "${name}" (there are: ${Object.keys(frame).join(', ')}).`,
    );
  if (!(col instanceof Float64Array))
    throw new FeatureError('not-numeric', `Column "${name}" holds text; a number was expected.`);
  return col;
}

export function text(frame: Frame, name: string): (string | null)[] {
  const col = columnOf(frame, name);
  if (col === undefined)
    throw new FeatureError(
      'unknown-column',
      `No column "${name}" (there are: ${Object.keys(frame).join(', ')}).`,
    );
  return col instanceof Float64Array
    ? Array.from(col, (v) => (Number.isNaN(v) ? null : String(v)))
    : col;
}

export function frameRows(frame: Frame): number {
  const first = Object.values(frame)[0];
  return first ? first.length : 0;
}

/** A stored table's columns as a frame: categories and strings as text, the rest as numbers. */
export function frameFromTable(table: ColumnarTable): Frame {
  const frame = emptyFrame();
  for (const col of table.columns) {
    if (col.type === 'category')
      frame[col.name] = Array.from(col.codes, (c) =>
        c === MISSING_CODE ? null : col.dictionary[c]!,
      );
    else if (col.type === 'string') frame[col.name] = col.values;
    else if (col.type === 'boolean')
      frame[col.name] = Float64Array.from(col.values, (v, i) => (col.valid[i] ? v : NaN));
    else frame[col.name] = col.values;
  }
  return frame;
}

/** Keeps the rows at `index`, in that order. */
export function takeFrame(frame: Frame, index: ArrayLike<number>): Frame {
  const out = emptyFrame();
  for (const [name, col] of Object.entries(frame))
    out[name] =
      col instanceof Float64Array
        ? Float64Array.from({ length: index.length }, (_, i) => col[index[i]!]!)
        : Array.from({ length: index.length }, (_, i) => col[index[i]!]!);
  return out;
}

export interface InputColumn {
  name: string;
  type: 'double' | 'long' | 'string' | 'boolean' | 'datetime';
}

/**
 * Request rows → a frame, by the model's input columns. Datetimes are given as text
 * (`2016-03-14 17:24:55` or ISO 8601) and read exactly as the CSV importer reads them.
 */
export function frameFromRows(rows: Record<string, unknown>[], inputs: InputColumn[]): Frame {
  const frame = emptyFrame();
  for (const input of inputs) {
    const at = (i: number) =>
      Object.hasOwn(rows[i]!, input.name) ? rows[i]![input.name] : undefined;
    if (input.type === 'string') {
      frame[input.name] = rows.map((_, i) => {
        const v = at(i);
        return v === null || v === undefined ? null : String(v);
      });
      continue;
    }
    frame[input.name] = Float64Array.from(rows, (_, i) => {
      const v = at(i);
      if (input.type === 'datetime') {
        const t = typeof v === 'string' ? parseDatetime(v) : null;
        if (t === null)
          throw new FeatureError(
            'bad-value',
            `Row ${i + 1}: "${input.name}" is ${JSON.stringify(v)}; a date and time such as "2016-03-14 17:24:55" was expected.`,
          );
        return t;
      }
      if (input.type === 'boolean' && typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new FeatureError(
          'bad-value',
          `Row ${i + 1}: "${input.name}" is ${v === undefined ? 'missing' : JSON.stringify(v)}; a finite number was expected.`,
        );
      return v;
    });
  }
  return frame;
}
