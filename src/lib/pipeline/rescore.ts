import type { DataCatalog } from '../data/catalog';
import type { MetricId } from '../metrics';
import type { TrackingPort } from '../tracking';
import type { PipelineModelState } from '../train/pipeline-model';
import { splitIndices } from '../train/split';
import { parsePipelineConfig, type PipelineConfig } from './config';
import { PipelineError } from './errors';
import { courseSplit } from './run';
import { buildFeatures, testMetrics } from './stages';

/** A pipeline run's model scored again, by the run's own artifacts and data version. */
export interface Rescored {
  runId: string;
  config: PipelineConfig;
  dataVersion: string;
  rows: { train: number; test: number };
  /** Test metrics of the stored model on the config's test rows, computed now. */
  test: Partial<Record<MetricId, number>>;
  /** The mean of the training targets as the prediction, on the same test rows. */
  baseline: Partial<Record<MetricId, number>>;
  /** Boosting rounds the stored trees hold (null for other model kinds). */
  trees: number | null;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * Scores a finished pipeline run's stored model again on the test rows its stored config selects
 * from the data version it was trained on. A logged metric is only a claim: checks read this
 * instead, so a hand-logged run with a metric but no matching model earns nothing.
 */
export async function rescoreRun(
  runId: string,
  services: { catalog: DataCatalog; tracking: TrackingPort },
): Promise<Rescored> {
  const run = await services.tracking.run(runId);
  const artifact = (path: string) => services.tracking.artifact(runId, path);
  const [configBytes, modelBytes] = await Promise.all([
    artifact('config.yaml'),
    artifact('model/model.json'),
  ]);
  const data = run?.tags['dataset.version'];
  if (!run || !configBytes || !modelBytes || !data)
    throw new PipelineError(
      'not-a-pipeline-run',
      `Run ${runId} is not a finished pipeline run: it needs the config.yaml and model/model.json artifacts and a dataset.version tag that lab.pipeline.run logs.`,
    );
  const config = parsePipelineConfig(text(configBytes), `runs:/${runId}/config.yaml`);
  const model = JSON.parse(text(modelBytes)) as PipelineModelState;
  const { table } = await services.catalog.load(`${config.data.dataset}@${data}`);
  const split =
    config.data.split === 'course'
      ? await courseSplit(services.catalog, table.rowCount)
      : splitIndices(table.rowCount, config.data.split.test_size, config.random_state);
  const built = buildFeatures(config, table, split);
  return {
    runId,
    config,
    dataVersion: data,
    rows: { train: split.train.length, test: split.test.length },
    ...testMetrics(config, model, built),
    trees: model.model.gbdt?.trees.length ?? null,
  };
}
