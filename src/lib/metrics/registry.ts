import { MetricError } from './errors';
import { mae, mape, mse, r2, rmse, rmsle } from './regression';

export type MetricId = 'mse' | 'rmse' | 'mae' | 'r2' | 'rmsle' | 'mape';

export interface MetricDefinition {
  id: MetricId;
  displayName: string;
  /** True when a larger value means a better model (only R² here). */
  higherIsBetter: boolean;
  description: string;
  /** scikit-learn function this metric matches. */
  sklearn: string;
  compute: (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number;
}

/** The single list of metrics that training, serving and monitoring use. */
export const metricRegistry: Readonly<Record<MetricId, MetricDefinition>> = {
  mse: {
    id: 'mse',
    displayName: 'MSE',
    higherIsBetter: false,
    description: 'Mean squared error: the average squared difference; punishes large misses.',
    sklearn: 'mean_squared_error',
    compute: mse,
  },
  rmse: {
    id: 'rmse',
    displayName: 'RMSE',
    higherIsBetter: false,
    description: 'Root mean squared error: √MSE, in the units of the target.',
    sklearn: 'mean_squared_error(squared=False)',
    compute: rmse,
  },
  mae: {
    id: 'mae',
    displayName: 'MAE',
    higherIsBetter: false,
    description:
      'Mean absolute error: the average size of a miss, in target units; robust to outliers.',
    sklearn: 'mean_absolute_error',
    compute: mae,
  },
  r2: {
    id: 'r2',
    displayName: 'R²',
    higherIsBetter: true,
    description:
      'Coefficient of determination: 1 is perfect, 0 is no better than predicting the mean.',
    sklearn: 'r2_score',
    compute: r2,
  },
  rmsle: {
    id: 'rmsle',
    displayName: 'RMSLE',
    higherIsBetter: false,
    description:
      'Root mean squared log error: RMSE of log(1 + y); relative misses, values must be >= 0.',
    sklearn: 'sqrt(mean_squared_log_error)',
    compute: rmsle,
  },
  mape: {
    id: 'mape',
    displayName: 'MAPE',
    higherIsBetter: false,
    description:
      'Mean absolute percentage error as a fraction (0.1 = 10 %); explodes when targets are near 0.',
    sklearn: 'mean_absolute_percentage_error',
    compute: mape,
  },
};

export const metricIds = Object.keys(metricRegistry) as MetricId[];

export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(metricRegistry, id);
}

export type MetricResult =
  | { ok: true; value: number }
  | { ok: false; error: { code: MetricError['code']; message: string; index?: number } };

/** Computes a metric by id and returns the error as a value instead of throwing. */
export function computeMetric(
  id: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): MetricResult {
  if (!isMetricId(id)) {
    return {
      ok: false,
      error: {
        code: 'unknown-metric',
        message: `Unknown metric "${id}". Use one of: ${metricIds.join(', ')}.`,
      },
    };
  }
  try {
    return { ok: true, value: metricRegistry[id].compute(yTrue, yPred) };
  } catch (e) {
    if (!(e instanceof MetricError)) throw e;
    return {
      ok: false,
      error:
        e.index === undefined
          ? { code: e.code, message: e.message }
          : { code: e.code, message: e.message, index: e.index },
    };
  }
}

/** True when `a` is a better score than `b` for this metric. */
export function isBetter(id: MetricId, a: number, b: number): boolean {
  return metricRegistry[id].higherIsBetter ? a > b : a < b;
}
