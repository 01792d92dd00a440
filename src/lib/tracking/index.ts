export * from './types';
export { memoryTrackingPort } from './memory-port';
export { parseFilter, searchRuns, SearchSyntaxError, type MetricField } from './search';
export { killRunsOf, Tracker, type TrackerOptions } from './tracker';
export { TrackingError, type TrackingErrorCode } from './errors';
export {
  checkKey,
  keyProblem,
  suggestKey,
  MAX_KEY_LENGTH,
  MAX_PARAM_VALUE_LENGTH,
  MAX_TAG_VALUE_LENGTH,
} from './mlflow-names';
export {
  failRunsOfGoneKernels,
  holdSession,
  KERNEL_GONE_REASON,
  webLocks,
  type SessionLocks,
} from './liveness';
export { formatMetric, labelPoints, metricKeys, paramKeys, tagKeys } from './columns';
export {
  DEFAULT_ENERGY,
  estimateEnergy,
  formatEnergy,
  type EnergyAssumptions,
  type EnergyEstimate,
} from './energy';
export { exportMlflowZip, mlflowStore, zipMlflowStore, type MlflowStore } from './mlflow-export';
export { downsample } from './downsample';
export { parallelCoordinates, valuesAtStep, type ParallelPoint } from './compare';
export { AXIS_LABELS, METRIC_AXES, onAxis, type MetricAxis } from './metric-axis';
export { figureSvg, isImage, mimeOf, predictionsCsv, type FigureLike } from './artifacts';
