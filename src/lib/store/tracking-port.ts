import type { ArtifactInfo, Experiment, MetricPoint, Run, TrackingPort } from '../tracking/types';
import type { LabbookDB } from './db';
import { guard } from './errors';

/** Tracking in IndexedDB (tables of schema version 4). */
export function dexieTrackingPort(db: LabbookDB): TrackingPort {
  return {
    experimentByName: (name) =>
      guard(
        async () =>
          (await db.experiments.where('name').equals(name).first()) as Experiment | undefined,
      ),
    putExperiment: (e) => guard(async () => void (await db.experiments.put({ ...e }))),
    experiments: () =>
      guard(async () => (await db.experiments.toArray()) as unknown as Experiment[]),
    run: (id) => guard(async () => (await db.runs.get(id)) as unknown as Run | undefined),
    putRun: (run) => guard(async () => void (await db.runs.put({ ...run }))),
    runs: (experimentId) =>
      guard(
        async () =>
          (experimentId
            ? await db.runs.where('experimentId').equals(experimentId).toArray()
            : await db.runs.toArray()) as unknown as Run[],
      ),
    appendMetrics: (points, run) =>
      guard(() =>
        db.transaction('rw', db.metricPoints, db.runs, async () => {
          await db.metricPoints.bulkPut(points);
          if (run) await db.runs.put({ ...run });
        }),
      ),
    metricHistory: (runId, key) =>
      guard(
        async () =>
          (await db.metricPoints
            .where('[runId+key]')
            .equals([runId, key])
            .sortBy('step')) as MetricPoint[],
      ),
    // One read-only transaction of one getAll per run: a cursor over every point (Dexie's anyOf)
    // wakes the page once per point, 50,000 times for 500 runs of 100 steps. Within one
    // [runId+key] the index holds points in primary-key order, [runId+key+step]: by step.
    metricHistories: (runIds, key) =>
      guard(() =>
        db.transaction('r', db.metricPoints, () =>
          Promise.all(
            runIds.map(
              async (id) =>
                (await db.metricPoints
                  .where('[runId+key]')
                  .equals([id, key])
                  .toArray()) as MetricPoint[],
            ),
          ),
        ),
      ),
    putArtifact: (info, bytes) =>
      guard(async () => void (await db.artifacts.put({ ...info, bytes }))),
    artifacts: (runId) =>
      guard(async () =>
        (await db.artifacts.where('runId').equals(runId).toArray()).map(
          ({ bytes: _, ...info }) => info as unknown as ArtifactInfo,
        ),
      ),
    artifact: (runId, path) => guard(async () => (await db.artifacts.get([runId, path]))?.bytes),
  };
}
