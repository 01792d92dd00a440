import { pointColumns } from './metric-columns';
import type { ArtifactInfo, Experiment, MetricPoint, Run, TrackingPort } from './types';

export function memoryTrackingPort(): TrackingPort {
  const experiments = new Map<string, Experiment>();
  const runs = new Map<string, Run>();
  const points = new Map<string, MetricPoint>();
  const artifacts = new Map<string, { info: ArtifactInfo; bytes: Uint8Array }>();
  const clone = <T>(v: T): T => structuredClone(v);
  const history = (runId: string, key: string) =>
    [...points.values()]
      .filter((p) => p.runId === runId && p.key === key)
      .sort((a, b) => a.step - b.step);
  return {
    async experimentByName(name) {
      return clone([...experiments.values()].find((e) => e.name === name));
    },
    async putExperiment(e) {
      experiments.set(e.id, clone(e));
    },
    async experiments() {
      return clone([...experiments.values()]);
    },
    async run(id) {
      return clone(runs.get(id));
    },
    async putRun(run) {
      runs.set(run.id, clone(run));
    },
    async runs(experimentId) {
      return clone(
        [...runs.values()].filter((r) => !experimentId || r.experimentId === experimentId),
      );
    },
    async appendMetrics(list, run) {
      const stored = run && clone(run); // cloned first: an unclonable run stores nothing
      for (const p of list) points.set(`${p.runId}\u0000${p.key}\u0000${p.step}`, { ...p });
      if (stored) runs.set(stored.id, stored);
    },
    async metricHistory(runId, key) {
      return history(runId, key);
    },
    async metricHistories(runIds, key) {
      return runIds.map((id) => pointColumns(id, key, history(id, key)));
    },
    async putArtifact(info, bytes) {
      artifacts.set(`${info.runId}\u0000${info.path}`, { info: { ...info }, bytes: bytes.slice() });
    },
    async artifacts(runId) {
      return [...artifacts.values()]
        .filter((a) => a.info.runId === runId)
        .map((a) => ({ ...a.info }));
    },
    async artifact(runId, path) {
      return artifacts.get(`${runId}\u0000${path}`)?.bytes.slice();
    },
  };
}
