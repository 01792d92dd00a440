import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Experiment, MetricPoint, Run, TrackingPort } from './types';
import { yamlMapping } from './mlflow-yaml';
import { artifactPathValid, exportNames, suggestArtifactPath } from './mlflow-renames';
import { exportReadme, RELOCATE_SCRIPT } from './mlflow-readme';

/** MLflow's RunStatus numbers, as its file store writes them in meta.yaml. */
const STATUS = { RUNNING: 1, FINISHED: 3, FAILED: 4, KILLED: 5 } as const;

/**
 * An MLflow file store being built: its files, what had to change for MLflow to read it (each
 * rename, for the README), and where each exported run's artifacts are (for registered models).
 */
export interface MlflowStore {
  files: Zippable;
  notes: string[];
  /** Run id → its artifacts folder in the store, e.g. `mlruns/1/<run id>/artifacts`. */
  artifactDirs: Map<string, string>;
}

/**
 * Artifact locations are written relative to the folder that holds `mlruns/`: a browser cannot
 * know where the zip will be unzipped, and MLflow's FileStore uses the location as written
 * (a relative one is resolved against the directory `mlflow ui` starts in). The README says to
 * start it there, or to run relocate_artifacts.py once to make every location absolute.
 */
const experimentMeta = (id: string, name: string, createdAt: number) =>
  yamlMapping({
    artifact_location: `mlruns/${id}`,
    creation_time: createdAt,
    experiment_id: id,
    last_update_time: createdAt,
    lifecycle_stage: 'active',
    name,
  });

/**
 * Experiments and their runs in MLflow's file-store layout, read against MLflow's own
 * FileStore (mlflow/store/tracking/file_store.py): `mlruns/<experiment>/meta.yaml` and, per run,
 * `meta.yaml`, `params/`, `metrics/` (one "timestamp value step" line per step), `tags/` and
 * `artifacts/`. Experiments get MLflow's numeric ids (1, 2, …; 0 is MLflow's Default), in
 * creation order.
 */
export async function mlflowStore(
  port: TrackingPort,
  options: { experiments?: string[] } = {},
): Promise<MlflowStore> {
  const chosen = (await port.experiments())
    .filter((e) => !options.experiments || options.experiments.includes(e.name))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const store: MlflowStore = {
    files: { 'mlruns/0/meta.yaml': strToU8(experimentMeta('0', 'Default', 0)) },
    notes: [],
    artifactDirs: new Map(),
  };
  for (const [index, experiment] of chosen.entries())
    await addExperiment(store, port, experiment, String(index + 1));
  return store;
}

/** The store as a zip, with the README (how to open it, what was renamed) and `.trash/`. */
export function zipMlflowStore(store: MlflowStore): Uint8Array {
  return zipSync(
    {
      ...store.files,
      // MLflow's FileStore keeps deleted experiments here and creates it if missing, which fails
      // on a read-only copy; an empty folder makes the export complete as it is.
      'mlruns/.trash/': new Uint8Array(0),
      'README.md': strToU8(exportReadme(store.notes)),
      'relocate_artifacts.py': strToU8(RELOCATE_SCRIPT),
    },
    { level: 6 },
  );
}

/** Experiments and runs as a zip MLflow opens (`mlflow ui --backend-store-uri ./mlruns`). */
export async function exportMlflowZip(
  port: TrackingPort,
  options: { experiments?: string[] } = {},
): Promise<Uint8Array> {
  return zipMlflowStore(await mlflowStore(port, options));
}

async function addExperiment(
  store: MlflowStore,
  port: TrackingPort,
  experiment: Experiment,
  id: string,
): Promise<void> {
  const root = `mlruns/${id}`;
  store.files[`${root}/meta.yaml`] = strToU8(
    experimentMeta(id, experiment.name, experiment.createdAt),
  );
  for (const run of await port.runs(experiment.id)) await addRun(store, port, run, root, id);
}

/** Writes `values` under `dir/`, each under its export name; notes every rename. */
function writeKeyed(
  store: MlflowStore,
  dir: string,
  what: string,
  values: Map<string, Uint8Array>,
  names: Map<string, string>,
): void {
  for (const [key, bytes] of values) {
    const name = names.get(key)!;
    if (name !== key) store.notes.push(`${what} ${JSON.stringify(key)} → ${JSON.stringify(name)}`);
    store.files[`${dir}/${name}`] = bytes;
  }
}

async function addRun(
  store: MlflowStore,
  port: TrackingPort,
  run: Run,
  root: string,
  experimentId: string,
): Promise<void> {
  const dir = `${root}/${run.id}`;
  const where = `run ${JSON.stringify(run.name)} (${run.id}):`;
  store.artifactDirs.set(run.id, `${dir}/artifacts`);
  store.files[`${dir}/meta.yaml`] = strToU8(
    yamlMapping({
      artifact_uri: `${dir}/artifacts`,
      deleted_time: run.deletedAt,
      end_time: run.endTime,
      entry_point_name: '',
      experiment_id: experimentId,
      lifecycle_stage: run.deletedAt ? 'deleted' : 'active',
      run_id: run.id,
      run_name: run.name,
      run_uuid: run.id,
      source_name: '',
      source_type: 4,
      source_version: '',
      start_time: run.startTime,
      status: STATUS[run.status],
      tags: [],
      user_id: 'student',
    }),
  );
  const params = new Map(Object.entries(run.params).map(([k, v]) => [k, strToU8(v)]));
  writeKeyed(store, `${dir}/params`, `${where} param`, params, exportNames(params.keys()));

  const tags = new Map(
    Object.entries({
      ...run.tags,
      'mlflow.runName': run.name,
      'mlflow.user': 'student',
      ...(run.source.lessonId ? { 'mlflow.source.name': `labbook:${run.source.lessonId}` } : {}),
    }).map(([k, v]) => [k, strToU8(String(v))]),
  );
  writeKeyed(store, `${dir}/tags`, `${where} tag`, tags, exportNames(tags.keys()));

  const metrics = new Map<string, Uint8Array>();
  for (const key of Object.keys(run.metrics)) {
    const points = await port.metricHistory(run.id, key);
    // MLflow reads a metric file without lines as malformed, failing the whole run.
    if (points.length) metrics.set(key, strToU8(metricLines(points, `${where} metric`, store)));
  }
  writeKeyed(store, `${dir}/metrics`, `${where} metric`, metrics, exportNames(metrics.keys()));

  const artifacts = new Map<string, Uint8Array>();
  for (const artifact of await port.artifacts(run.id)) {
    const bytes = await port.artifact(run.id, artifact.path);
    if (bytes) artifacts.set(artifact.path, bytes);
  }
  const paths = exportNames(artifacts.keys(), artifactPathValid, suggestArtifactPath);
  writeKeyed(store, `${dir}/artifacts`, `${where} artifact`, artifacts, paths);
}

/**
 * "timestamp value step" lines; MLflow parses them with int(), float(), int(). A step stored
 * before steps were checked that is not a whole number is written rounded, and noted.
 */
function metricLines(points: MetricPoint[], where: string, store: MlflowStore): string {
  return points
    .map((p) => {
      const step = Number.isFinite(p.step)
        ? Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, Math.round(p.step)))
        : 0;
      if (step !== p.step)
        store.notes.push(`${where} ${JSON.stringify(p.key)} step ${p.step} written as ${step}`);
      return `${Math.round(p.timestamp)} ${p.value} ${step}\n`;
    })
    .join('');
}
