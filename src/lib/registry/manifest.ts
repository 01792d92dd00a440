import { mlmodelDocument } from './mlmodel';
import type { ModelVersion } from './types';

/**
 * A registered version's `MLmodel`, in MLflow's layout with the Labbook's own flavor: its model
 * format and the pinned TF.js and preprocessing versions, which loading checks (pins.ts). A
 * version from before pins were recorded says so (`null`) rather than claiming today's versions.
 */
export function versionManifest(
  version: ModelVersion,
  modelFormat: string | null,
  extraFlavors: Record<string, Record<string, unknown>> = {},
): string {
  return mlmodelDocument({
    runId: version.runId,
    inputs: version.signature.inputs,
    outputs: version.signature.outputs,
    flavors: {
      mlops_labbook: {
        model_path: version.artifactPath.replace(/^.*\//, ''),
        model_format: modelFormat,
        tfjs_version: version.pins?.tfjs ?? null,
        preprocessing_format: version.pins?.preprocessing ?? null,
      },
      ...extraFlavors,
    },
    extra: {
      registered_model: { name: version.name, version: version.version, source: version.source },
      utc_time_created: new Date(version.createdAt)
        .toISOString()
        .replace('T', ' ')
        .replace('Z', ''),
      ...(version.inputExample.length ? {} : { saved_input_example_info: null }),
    },
  });
}

function parsed(bytes: Uint8Array | undefined | null): unknown {
  try {
    return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  } catch {
    return null;
  }
}

/** The `format` a model artifact's JSON names, or null when it is missing or not JSON. */
export function modelFormatOf(bytes: Uint8Array | undefined | null): string | null {
  const format = (parsed(bytes) as { format?: unknown } | null)?.format;
  return typeof format === 'string' ? format.slice(0, 100) : null;
}

/**
 * Flavors beside the Labbook's own for what the model holds: boosted trees get
 * `mlops_labbook_gbdt`, naming their file format (src/lib/train/gbdt/README.md) and where in the
 * model file the trees are, so a reader outside the Labbook can find and check them.
 */
export function modelFlavorsOf(
  bytes: Uint8Array | undefined | null,
): Record<string, Record<string, unknown>> {
  const json = parsed(bytes) as {
    format?: unknown;
    model?: { gbdt?: { format?: unknown; version?: unknown; trees?: unknown } };
    gbdt?: { format?: unknown; version?: unknown; trees?: unknown };
  } | null;
  const [trees, at] = json?.model?.gbdt
    ? [json.model.gbdt, 'model.gbdt']
    : json?.gbdt
      ? [json.gbdt, 'gbdt']
      : [null, ''];
  if (trees?.format !== 'mlops-labbook-gbdt') return {};
  return {
    mlops_labbook_gbdt: {
      trees_format: `mlops-labbook-gbdt@${String(trees.version)}`,
      trees_path: at,
      n_trees: Array.isArray(trees.trees) ? trees.trees.length : null,
      sklearn_equivalent: 'sklearn.ensemble.HistGradientBoostingRegressor',
    },
  };
}
