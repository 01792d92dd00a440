import type { DataCatalog } from '../../data/catalog';
import { valueAt } from '../../data/columnar/types';
import { courseSplit } from '../../pipeline/run';
import { parsePipelineConfig, type PipelineConfig } from '../../pipeline/config';
import { parseModelUri } from '../../registry/uri';
import { ModelRegistry, type RegistryPort } from '../../registry';
import type { ModelVersion } from '../../registry/types';
import type { TrackingPort } from '../../tracking';
import { isPipelineModel } from '../../train/pipeline-model';
import { splitIndices } from '../../train/split';
import { takeTable } from './csv';
import { ExportError } from './errors';
import type { ExportSource } from './source';

export interface ExportServices {
  catalog: DataCatalog;
  tracking: TrackingPort;
  registry: RegistryPort;
  appVersion?: string;
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function artifactText(tracking: TrackingPort, runId: string, path: string, why: string) {
  const bytes = await tracking.artifact(runId, path);
  if (!bytes)
    throw new ExportError(
      'missing-artifact',
      `Run ${runId} has no ${path} artifact, which ${why}. Only runs of lab.pipeline.run (or the Runs page's pipelines) can be exported; run the pipeline again and export that run.`,
    );
  return decode(bytes);
}

/** The version a reference names: a `models:/…` URI, or null for a run id. */
async function versionOf(services: ExportServices, ref: string): Promise<ModelVersion | null> {
  if (!ref.startsWith('models:/')) return null;
  parseModelUri(ref);
  return new ModelRegistry(services.registry, services.tracking).resolve(ref);
}

/**
 * Everything the export needs from a run id or a model URI (`models:/name/3`,
 * `models:/name@champion`): the run's config and fitted pipeline, its test metrics, the data
 * version's rows cut by the run's split, and the registered version when there is one.
 */
export async function gatherExport(services: ExportServices, ref: string): Promise<ExportSource> {
  if (typeof ref !== 'string' || ref.trim() === '')
    throw new ExportError(
      'bad-reference',
      'Give a run id or a model URI such as "models:/taxi-trip-duration@champion".',
    );
  let version = await versionOf(services, ref.trim());
  const runId = version?.runId ?? ref.trim();
  const run = await services.tracking.run(runId);
  if (!run)
    throw new ExportError(
      'not-found',
      `There is no run "${runId}". Copy its id from the Runs page.`,
    );
  if (run.status !== 'FINISHED')
    throw new ExportError(
      'run-not-finished',
      `Run ${runId} is ${run.status}; only a FINISHED pipeline run can be exported.`,
    );
  const configText = await artifactText(
    services.tracking,
    runId,
    'config.yaml',
    'holds the pipeline config',
  );
  let config: PipelineConfig;
  try {
    config = parsePipelineConfig(configText, `run ${runId} config.yaml`);
  } catch (error) {
    throw new ExportError('bad-artifact', (error as Error).message, { cause: error });
  }
  let model: unknown;
  try {
    model = JSON.parse(
      await artifactText(services.tracking, runId, 'model/model.json', 'holds the fitted pipeline'),
    );
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw new ExportError(
      'bad-artifact',
      `Run ${runId}'s model/model.json is not JSON (${(error as Error).message}); run the pipeline again and export the new run.`,
      { cause: error },
    );
  }
  if (!isPipelineModel(model))
    throw new ExportError(
      'not-a-pipeline-run',
      `Run ${runId}'s model is not a pipeline's; export a run of lab.pipeline.run.`,
    );
  const dataVersion = run.tags['dataset.version'];
  if (!dataVersion)
    throw new ExportError(
      'bad-artifact',
      `Run ${runId} has no dataset.version tag, so its rows are unknown.`,
    );
  const { table } = await services.catalog.load(dataVersion);
  const split =
    config.data.split === 'course'
      ? await courseSplit(services.catalog, table.rowCount)
      : splitIndices(table.rowCount, config.data.split.test_size, config.random_state);
  if (!version) {
    const registered = await Promise.all(
      (await services.registry.models()).map((m) => services.registry.versions(m.name)),
    );
    version = registered.flat().find((v) => v.runId === runId) ?? null;
  }
  const testMetrics = Object.fromEntries(
    config.metrics.flatMap((m) => {
      const v = run.metrics[`test_${m}`]?.value;
      return v === undefined ? [] : [[m, v]];
    }),
  );
  const test = takeTable(table, split.test);
  return {
    runId,
    configText,
    config,
    model,
    testMetrics,
    bestAlpha: run.params.best_alpha === undefined ? null : Number(run.params.best_alpha),
    dataVersion,
    train: takeTable(table, split.train),
    test,
    version,
    example: version?.inputExample.length ? version.inputExample : firstRows(test, model.inputs),
    appVersion: services.appVersion ?? 'unknown',
  };
}

function firstRows(table: ExportSource['test'], inputs: { name: string; type: string }[]) {
  return Array.from({ length: Math.min(5, table.rowCount) }, (_, i) =>
    Object.fromEntries(
      inputs.map(({ name, type }) => {
        const col = table.columns.find((c) => c.name === name)!;
        const v = valueAt(col, i);
        return [
          name,
          type === 'datetime'
            ? new Date(v as number).toISOString().slice(0, 19).replace('T', ' ')
            : v,
        ];
      }),
    ),
  ) as Record<string, number | string>[];
}
