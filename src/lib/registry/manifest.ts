import { mlmodelDocument } from './mlmodel';
import type { ModelVersion } from './types';

/**
 * A registered version's `MLmodel`, in MLflow's layout with the Labbook's own flavor: its model
 * format and the pinned TF.js and preprocessing versions, which loading checks (pins.ts). A
 * version from before pins were recorded says so (`null`) rather than claiming today's versions.
 */
export function versionManifest(version: ModelVersion, modelFormat: string | null): string {
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

/** The `format` a model artifact's JSON names, or null when it is missing or not JSON. */
export function modelFormatOf(bytes: Uint8Array | undefined | null): string | null {
  try {
    const json: unknown = bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
    const format = (json as { format?: unknown } | null)?.format;
    return typeof format === 'string' ? format.slice(0, 100) : null;
  } catch {
    return null;
  }
}
