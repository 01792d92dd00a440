import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Experiment, TrackingPort } from './types';

/** MLflow's RunStatus numbers, as its file store writes them in meta.yaml. */
const STATUS = { RUNNING: 1, FINISHED: 3, FAILED: 4, KILLED: 5 } as const;

/** A YAML scalar that any YAML reader reads back as the same string. */
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** MLflow keys may hold "/" (nested folders) but never "..": keep the path inside the run. */
function safeKey(key: string): string {
  return key
    .split('/')
    .filter((part) => part && part !== '.' && part !== '..')
    .join('/');
}

function experimentMeta(id: string, name: string, createdAt: number): string {
  return [
    `artifact_location: ${q(`mlruns/${id}`)}`,
    `creation_time: ${createdAt}`,
    `experiment_id: ${q(id)}`,
    `last_update_time: ${createdAt}`,
    'lifecycle_stage: active',
    `name: ${q(name)}`,
    '',
  ].join('\n');
}

/**
 * Experiments and their runs as a zip in MLflow's file-store layout, which `mlflow ui
 * --backend-store-uri ./mlruns` opens: `mlruns/<experiment>/meta.yaml` and, per run, `meta.yaml`,
 * `params/`, `metrics/` (one "timestamp value step" line per step), `tags/` and `artifacts/`.
 * Experiments get MLflow's numeric ids (1, 2, …; 0 is MLflow's Default), in creation order.
 */
export async function exportMlflowZip(
  port: TrackingPort,
  options: { experiments?: string[] } = {},
): Promise<Uint8Array> {
  const chosen = (await port.experiments())
    .filter((e) => !options.experiments || options.experiments.includes(e.name))
    .sort((a, b) => a.createdAt - b.createdAt);
  const files: Zippable = { 'mlruns/0/meta.yaml': strToU8(experimentMeta('0', 'Default', 0)) };
  for (const [index, experiment] of chosen.entries())
    await addExperiment(files, port, experiment, String(index + 1));
  return zipSync(files, { level: 6 });
}

async function addExperiment(
  files: Zippable,
  port: TrackingPort,
  experiment: Experiment,
  id: string,
): Promise<void> {
  const root = `mlruns/${id}`;
  files[`${root}/meta.yaml`] = strToU8(experimentMeta(id, experiment.name, experiment.createdAt));
  for (const run of await port.runs(experiment.id)) {
    const dir = `${root}/${run.id}`;
    files[`${dir}/meta.yaml`] = strToU8(
      [
        `artifact_uri: ${q(`${dir}/artifacts`)}`,
        `end_time: ${run.endTime ?? 'null'}`,
        "entry_point_name: ''",
        `experiment_id: ${q(id)}`,
        `lifecycle_stage: ${run.deletedAt ? 'deleted' : 'active'}`,
        `run_id: ${run.id}`,
        `run_name: ${q(run.name)}`,
        `run_uuid: ${run.id}`,
        "source_name: ''",
        'source_type: 4',
        "source_version: ''",
        `start_time: ${run.startTime}`,
        `status: ${STATUS[run.status]}`,
        'tags: []',
        "user_id: 'student'",
        '',
      ].join('\n'),
    );
    for (const [key, value] of Object.entries(run.params))
      files[`${dir}/params/${safeKey(key)}`] = strToU8(value);
    const tags: Record<string, string> = {
      ...run.tags,
      'mlflow.runName': run.name,
      'mlflow.user': 'student',
      ...(run.source.lessonId ? { 'mlflow.source.name': `labbook:${run.source.lessonId}` } : {}),
    };
    for (const [key, value] of Object.entries(tags))
      files[`${dir}/tags/${safeKey(key)}`] = strToU8(value);
    for (const key of Object.keys(run.metrics)) {
      const points = await port.metricHistory(run.id, key);
      files[`${dir}/metrics/${safeKey(key)}`] = strToU8(
        points.map((p) => `${p.timestamp} ${p.value} ${p.step}\n`).join(''),
      );
    }
    for (const artifact of await port.artifacts(run.id)) {
      const bytes = await port.artifact(run.id, artifact.path);
      if (bytes) files[`${dir}/artifacts/${safeKey(artifact.path)}`] = bytes;
    }
  }
}
