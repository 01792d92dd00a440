import { addRegisteredModels, ModelRegistry, tfjsLayersZip } from '../lib/registry';
import type { LabbookDB } from '../lib/store/db';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import { mlflowStore, zipMlflowStore } from '../lib/tracking';

/**
 * The files real tools open, added to a workspace export under `exports/`: every experiment and
 * registered model in MLflow's file-store layout, and every model version in TensorFlow.js
 * Layers format. The workspace's own tables already hold everything; these are copies for MLflow
 * and TF.js.
 */
export async function toolExports(db: LabbookDB): Promise<Record<string, Uint8Array>> {
  const tracking = dexieTrackingPort(db);
  const port = dexieRegistryPort(db);
  const registry = new ModelRegistry(port, tracking);
  const files: Record<string, Uint8Array> = {};
  if ((await tracking.experiments()).length > 0 || (await port.models()).length > 0) {
    const store = await mlflowStore(tracking);
    await addRegisteredModels(store, port);
    files['exports/mlruns.zip'] = zipMlflowStore(store);
  }
  for (const model of await port.models())
    for (const v of await port.versions(model.name)) {
      try {
        const { json } = await registry.loadPredictor(`models:/${model.name}/${v.version}`);
        const safe = model.name.replace(/[^\w.-]+/g, '-');
        files[`exports/models/${safe}-v${v.version}-tfjs.zip`] = tfjsLayersZip(
          json,
          `${model.name} v${v.version}`,
        );
      } catch {
        // A version whose run was deleted from tracking has no weights left to export.
      }
    }
  return files;
}
