import type { FrameColumn } from '../../features/frame';
import { dropNonFinite, type FiniteValues } from '../stats/finite';
import { DriftError } from './errors';
import type { CleanColumn } from './run-test';
import { sortFloat64 } from './radix-sort';
import type { SortedSample } from './sorted-tests';
import type { ColumnKind } from './drift-tests';

export interface CleanedColumn extends CleanColumn {
  dropped: { reference: number; current: number };
}

/**
 * Sorted finite values by the frame column they came from: a reference tested again (PSI after
 * KS, or every monitoring window against the same training data) is sorted once. Frame columns
 * are never changed in place after they are built, which is what makes the key safe.
 */
const sortedByColumn = new WeakMap<Float64Array, SortedSample>();

function sortedOnce(column: Float64Array, clean: FiniteValues) {
  let sorted = sortedByColumn.get(column);
  if (!sorted) {
    // A column with nothing to drop is the frame's own array: sort a copy of it.
    const values = sortFloat64(clean.values === column ? column.slice() : clean.values);
    sortedByColumn.set(column, (sorted = { values, dropped: clean.dropped }));
  }
  return sorted;
}

/**
 * Finite values of a column. The tests only read what they are given, so a column with nothing
 * to drop is passed on as it is: no copy of a million values per column on every test.
 */
function finite(column: Float64Array): FiniteValues {
  for (let i = 0; i < column.length; i++)
    if (!Number.isFinite(column[i])) return dropNonFinite(column);
  return { values: column, dropped: 0 };
}

function dropNull(values: (string | null)[]): { values: string[]; dropped: number } {
  if (!values.includes(null)) return { values: values as string[], dropped: 0 };
  const out: string[] = [];
  for (const v of values) if (v !== null) out.push(v);
  return { values: out, dropped: values.length - out.length };
}

/**
 * Drops missing values (NaN, null) and ±Infinity from both sides of a column, as evidently does
 * before choosing a test. `kind` may read a numeric column as categories, never text as numbers.
 */
export function cleanColumn(
  name: string,
  reference: FrameColumn,
  current: FrameColumn,
  kind: ColumnKind,
  kindOption: string,
): CleanedColumn {
  const refNumeric = reference instanceof Float64Array;
  if (refNumeric !== current instanceof Float64Array) {
    throw new DriftError(
      'column-mismatch',
      `Column "${name}" holds ${refNumeric ? 'numbers' : 'text'} in the reference but ${refNumeric ? 'text' : 'numbers'} in the current data. Either convert one side so both match, or leave the column out of options.columns.`,
    );
  }
  if (!(reference instanceof Float64Array) || !(current instanceof Float64Array)) {
    if (kind === 'numeric') {
      throw new DriftError(
        'invalid-option',
        `Column "${name}" holds text, so ${kindOption} cannot be "numeric". Either drop that option or convert the column to numbers first.`,
      );
    }
    const ref = dropNull(reference as (string | null)[]);
    const cur = dropNull(current as (string | null)[]);
    return {
      kind,
      reference: ref.values,
      current: cur.values,
      dropped: { reference: ref.dropped, current: cur.dropped },
      sorted: () => {
        throw new DriftError(
          'incompatible-test',
          `internal: column "${name}" holds text and cannot be sorted as numbers`,
        );
      },
    };
  }
  const ref = finite(reference);
  const cur = finite(current);
  let sorted: { reference: SortedSample; current: SortedSample } | undefined;
  return {
    kind,
    reference: ref.values,
    current: cur.values,
    dropped: { reference: ref.dropped, current: cur.dropped },
    sorted: () =>
      (sorted ??= { reference: sortedOnce(reference, ref), current: sortedOnce(current, cur) }),
  };
}
