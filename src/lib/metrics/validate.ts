import { MetricError } from './errors';

/**
 * Throws a `MetricError` unless yTrue and yPred have the same non-zero length and only finite values.
 * Returns the length.
 */
export function validatePair(
  metric: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): number {
  const n = yTrue.length;
  if (n !== yPred.length) {
    throw new MetricError(
      'length-mismatch',
      `${metric}: yTrue has ${n} values but yPred has ${yPred.length}. Pass predictions for exactly the rows you score.`,
    );
  }
  if (n === 0)
    throw new MetricError('empty', `${metric}: no values to score. Pass at least one row.`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(yTrue[i])) throw notFinite(metric, 'yTrue', i, yTrue[i]!);
    if (!Number.isFinite(yPred[i])) throw notFinite(metric, 'yPred', i, yPred[i]!);
  }
  return n;
}

function notFinite(metric: string, name: string, i: number, v: number): MetricError {
  return new MetricError(
    'not-finite',
    `${metric}: ${name}[${i}] is ${v}. Either drop rows with missing values or impute them first.`,
    i,
  );
}
