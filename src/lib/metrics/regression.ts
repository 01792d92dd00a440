/**
 * Regression metrics over numeric arrays (plain arrays or typed arrays), matching scikit-learn 1.2.
 * Each throws a `MetricError` (with `code` and `index`) on invalid input; see `validatePair`.
 */
import { MetricError } from './errors';
import { validatePair } from './validate';

/** Mean squared error; `sklearn.metrics.mean_squared_error`. */
export function mse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = validatePair('mse', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = yTrue[i]! - yPred[i]!;
    sum += d * d;
  }
  return sum / n;
}

/** Root mean squared error; `mean_squared_error(squared=False)`. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  validatePair('rmse', yTrue, yPred);
  return Math.sqrt(mse(yTrue, yPred));
}

/** Mean absolute error; `sklearn.metrics.mean_absolute_error`. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = validatePair('mae', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(yTrue[i]! - yPred[i]!);
  return sum / n;
}

/**
 * Coefficient of determination 1 - SS_res / SS_tot; `sklearn.metrics.r2_score`. With a constant
 * yTrue (SS_tot = 0) it is 1 for a perfect prediction and 0 otherwise, as sklearn's default
 * `force_finite=True`. Needs at least two rows.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = validatePair('r2', yTrue, yPred);
  if (n < 2) {
    throw new MetricError(
      'too-few-values',
      'r2: R² is not defined for a single row. Score at least two rows.',
    );
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i]! - yPred[i]!;
    const t = yTrue[i]! - mean;
    ssRes += r * r;
    ssTot += t * t;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Root mean squared logarithmic error sqrt(mean((ln(1+y) - ln(1+ŷ))²));
 * `sqrt(mean_squared_log_error)`. Negative values are rejected, like sklearn.
 */
export function rmsle(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = validatePair('rmsle', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    if (t < 0 || p < 0) {
      const which = t < 0 ? `yTrue[${i}] is ${t}` : `yPred[${i}] is ${p}`;
      throw new MetricError(
        'negative-value',
        `rmsle: ${which}; RMSLE is only defined for values >= 0. Either use rmse/mae or clip predictions at 0.`,
        i,
      );
    }
    const d = Math.log1p(t) - Math.log1p(p);
    sum += d * d;
  }
  return Math.sqrt(sum / n);
}

/** Machine epsilon used by sklearn as the floor of |y| in MAPE. */
export const MAPE_EPSILON = 2.220446049250313e-16;

/**
 * Mean absolute percentage error mean(|y - ŷ| / max(|y|, ε)) as a fraction (0.1 = 10 %);
 * `sklearn.metrics.mean_absolute_percentage_error`. A zero target divides by ε = 2.22e-16, so any
 * miss on a zero target makes MAPE huge — prefer MAE when targets can be 0.
 */
export function mape(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = validatePair('mape', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i]!;
    sum += Math.abs(t - yPred[i]!) / Math.max(Math.abs(t), MAPE_EPSILON);
  }
  return sum / n;
}
