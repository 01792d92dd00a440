import type { DataCatalog } from '../data/catalog';
import type { RegistryPort } from '../registry';
import type { TrackingPort } from '../tracking';
import type { PipelineModelState } from '../train/pipeline-model';
import type { PipelineConfig } from './config';
import type { PipelineResult } from './run';

/** Where a finished run keeps what a cache hit returns (the model is its own artifact). */
export const RESULT_ARTIFACT = 'pipeline/result.json';

const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

/**
 * A finished run of the same config (by hash) on the same data version, as that run's result:
 * the same inputs give the same model, so the pipeline need not run again (DVC's and
 * Kubeflow's step caching, at the level of the whole run).
 */
export async function cachedResult(
  config: PipelineConfig,
  hash: string,
  services: { catalog: DataCatalog; tracking: TrackingPort; registry: RegistryPort },
): Promise<PipelineResult | null> {
  const data = await services.catalog.resolve(config.data.dataset);
  const runs = (await services.tracking.runs())
    .filter(
      (r) =>
        r.status === 'FINISHED' &&
        r.tags['config.hash'] === hash &&
        r.tags['dataset.version'] === data.id,
    )
    .sort((a, b) => b.startTime - a.startTime);
  for (const run of runs) {
    const [result, model] = await Promise.all([
      services.tracking.artifact(run.id, RESULT_ARTIFACT),
      services.tracking.artifact(run.id, 'model/model.json'),
    ]);
    if (!result || !model) continue;
    const stored = decode(result) as Omit<PipelineResult, 'model' | 'version' | 'aliasRefused'> & {
      aliasRefused?: string | null;
    };
    const version = config.register
      ? ((await services.registry.versions(config.register.name)).find((v) => v.runId === run.id) ??
        null)
      : null;
    return {
      ...stored,
      // Runs stored before the field existed had no alias refused (a refusal failed the run).
      aliasRefused: stored.aliasRefused ?? null,
      model: decode(model) as PipelineModelState,
      version,
    };
  }
  return null;
}
