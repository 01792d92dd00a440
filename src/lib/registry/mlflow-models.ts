import { strToU8 } from 'fflate';
import type { MlflowStore } from '../tracking/mlflow-export';
import { exportNames } from '../tracking/mlflow-renames';
import { yamlMapping } from '../tracking/mlflow-yaml';
import { modelFlavorsOf, modelFormatOf, versionManifest } from './manifest';
import type { ModelVersion, RegisteredModel, RegistryPort } from './types';

/**
 * Registered models added to an MLflow store in its model-registry layout, as MLflow's own
 * reader expects (mlflow/store/model_registry/file_store.py): `mlruns/models/<name>/meta.yaml`,
 * `tags/<key>`, `aliases/<alias>` (holding the version number) and, per version,
 * `version-<n>/meta.yaml` and `version-<n>/tags/<key>`.
 */
export async function addRegisteredModels(store: MlflowStore, port: RegistryPort): Promise<void> {
  const models = (await port.models()).sort((a, b) => a.name.localeCompare(b.name));
  // MLflow refuses model names holding "/" or "%" (and the empty name); one per folder.
  const folders = exportNames(
    models.map((m) => m.name),
    (name) => name.trim() !== '' && !/[/\\%]/.test(name),
    (name) => name.replace(/[/\\%]/g, '_').trim() || 'unnamed',
  );
  for (const model of models) {
    const folder = folders.get(model.name)!;
    if (folder !== model.name)
      store.notes.push(
        `registered model ${JSON.stringify(model.name)} → ${JSON.stringify(folder)}`,
      );
    await addModel(store, port, model, folder);
  }
}

function tagFiles(
  store: MlflowStore,
  dir: string,
  what: string,
  tags: Record<string, string>,
): void {
  const names = exportNames(Object.keys(tags));
  for (const [key, value] of Object.entries(tags)) {
    const name = names.get(key)!;
    if (name !== key)
      store.notes.push(`${what} tag ${JSON.stringify(key)} → ${JSON.stringify(name)}`);
    store.files[`${dir}/tags/${name}`] = strToU8(String(value));
  }
}

async function addModel(
  store: MlflowStore,
  port: RegistryPort,
  model: RegisteredModel,
  name: string,
): Promise<void> {
  const dir = `mlruns/models/${name}`;
  store.files[`${dir}/meta.yaml`] = strToU8(
    yamlMapping({
      creation_timestamp: model.createdAt,
      description: model.description,
      last_updated_timestamp: model.updatedAt,
      name,
    }),
  );
  tagFiles(store, dir, `registered model ${JSON.stringify(name)}`, model.tags);
  for (const [alias, version] of Object.entries(model.aliases))
    store.files[`${dir}/aliases/${alias}`] = strToU8(String(version));
  for (const version of await port.versions(model.name)) addVersion(store, dir, name, version);
}

function addVersion(store: MlflowStore, dir: string, name: string, v: ModelVersion): void {
  const artifacts = store.artifactDirs.get(v.runId);
  // The version's folder in the run's artifacts ("model" for model/model.json).
  const folder = v.artifactPath.includes('/') ? v.artifactPath.replace(/\/[^/]*$/, '') : '';
  const versionDir = `${dir}/version-${v.version}`;
  store.files[`${versionDir}/meta.yaml`] = strToU8(
    yamlMapping({
      creation_timestamp: v.createdAt,
      current_stage: 'None',
      description: v.description,
      last_updated_timestamp: v.createdAt,
      name,
      run_id: v.runId,
      run_link: '',
      source: v.source,
      status: 'READY',
      status_message: null,
      // Where the files are in this store; the run's source URI when its run is not exported.
      storage_location: artifacts ? `${artifacts}${folder ? `/${folder}` : ''}` : v.source,
      user_id: 'student',
      version: v.version,
    }),
  );
  tagFiles(store, versionDir, `${name} version ${v.version}`, v.tags);
  // MLflow reads a model's MLmodel beside its files in the run's artifacts.
  if (artifacts) {
    const manifest = `${artifacts}/${folder ? `${folder}/` : ''}MLmodel`;
    const model = store.files[`${artifacts}/${v.artifactPath}`];
    store.files[manifest] ??= strToU8(
      versionManifest(
        v,
        modelFormatOf(model instanceof Uint8Array ? model : null),
        modelFlavorsOf(model instanceof Uint8Array ? model : null),
      ),
    );
  }
}
