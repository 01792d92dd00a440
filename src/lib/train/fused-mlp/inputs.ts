import { TrainError } from '../errors';
import type { Matrix } from '../matrix';

/** Column names for messages; without them columns are numbered. */
export interface TrainingNames {
  features: readonly string[];
  target: string;
}

/**
 * Refuses data no network can learn from before any weight is touched: no rows, a target of the
 * wrong length, or a value that is not a finite number (NaN would turn every weight into NaN on
 * the first batch). The message names the column and row (1-based) and the fix.
 */
export function checkTrainingData(x: Matrix, y: Float64Array, names?: TrainingNames): void {
  if (x.rows === 0)
    throw new TrainError(
      'no-rows',
      'There are no rows to train on (the table is empty). Check the filter or split that emptied it, or load the data again.',
    );
  if (y.length !== x.rows)
    throw new TrainError(
      'length-mismatch',
      `The target has ${y.length} values for ${x.rows} rows of features; they must be the same rows.`,
    );
  const { data, cols } = x;
  for (let at = 0; at < data.length; at++) {
    const v = data[at]!;
    if (v - v !== 0) {
      const column = names?.features[at % cols] ?? `column ${(at % cols) + 1}`;
      throw notFinite(`Feature "${column}"`, column, Math.floor(at / cols), v);
    }
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v - v !== 0) {
      const column = names?.target ?? 'target';
      throw notFinite(`Target "${column}"`, column, i, v);
    }
  }
}

function notFinite(what: string, column: string, row: number, value: number): TrainError {
  return new TrainError(
    'not-finite',
    `${what}, row ${row + 1}: ${value} is not a finite number, and a network cannot train on it. Drop or fill the missing values first (e.g. table.filter(d => op.is_finite(d[${JSON.stringify(column)}])), or impute them).`,
    { row: row + 1, column },
  );
}
