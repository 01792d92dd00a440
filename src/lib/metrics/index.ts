/** Model quality metrics, defined once; training, serving and monitoring import from here. */
export { MetricError, type MetricErrorCode } from './errors';
export { mae, mape, MAPE_EPSILON, mse, r2, rmse, rmsle } from './regression';
export {
  computeMetric,
  isBetter,
  isMetricId,
  metricIds,
  metricRegistry,
  type MetricDefinition,
  type MetricId,
  type MetricResult,
} from './registry';
export { validatePair } from './validate';
