/** Column-wise drift detection with evidently's default tests (see README.md). */
export {
  detectDrift,
  detectDriftInSteps,
  detectTableDrift,
  type ColumnDrift,
  type DriftReport,
} from './detect-drift';
export {
  chooseTest,
  columnKind,
  countDistinct,
  FEW_VALUES,
  SMALL_REFERENCE_ROWS,
  type ColumnFacts,
  type TestChoice,
} from './choose-test';
export {
  DRIFT_TESTS,
  TEST_INFO,
  isDrift,
  type DriftTestName,
  type ColumnKind,
} from './drift-tests';
export {
  driftOptionsSchema,
  parseDriftOptions,
  type DriftOptions,
  type ResolvedDriftOptions,
} from './options';
export { DriftError, type DriftErrorCode } from './errors';
export { sortFloat64 } from './radix-sort';
export {
  sortedSample,
  ksSorted,
  psiSorted,
  wassersteinSorted,
  type SortedSample,
} from './sorted-tests';
export { jensenShannonHistogram } from './jensen-shannon-evidently';
