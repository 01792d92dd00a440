import type { ColumnarTable } from '../../data/columnar/types';
import type { PipelineConfig } from '../../pipeline/config';
import type { ModelVersion } from '../../registry/types';
import type { PipelineModelState } from '../../train/pipeline-model';

/** Everything a Python project is generated from: one finished pipeline run, and its version. */
export interface ExportSource {
  runId: string;
  /** The config as the run tracked it (YAML text, or JSON for a config passed as an object). */
  configText: string;
  config: PipelineConfig;
  /** The fitted pipeline the run saved (recipe state, scaler, encoders, model). */
  model: PipelineModelState;
  /** The run's logged metrics on the test rows, e.g. { rmse: 0.41 }. */
  testMetrics: Record<string, number>;
  /** The best alpha of a grid search, when the run did one. */
  bestAlpha: number | null;
  dataVersion: string;
  /** The data version's rows, cut by the run's split: what the Python project trains on. */
  train: ColumnarTable;
  test: ColumnarTable;
  /** The registered version (signature, input example, model tests), when there is one. */
  version: ModelVersion | null;
  /** A few raw test rows as requests carry them: the version's input example, or the first test rows. */
  example: Record<string, number | string>[];
  /** The Labbook's version, for the README. */
  appVersion: string;
}
