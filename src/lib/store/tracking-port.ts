import type { DBCoreRangeType } from 'dexie';
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
    metricHistories: (runIds, key) => guard(() => histories(db, runIds, key)),
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

/**
 * One read-only transaction of one getAll per run. Each run's points are one contiguous range of
 * the primary key [runId+key+step], already in step order: read from the table itself, not the
 * [runId+key] index, which would look each point up again. Through Dexie's DBCore, the layer its
 * queries end in: a cursor over every point (Dexie's anyOf) wakes the reader once per point,
 * 50,000 times for 500 runs of 100 steps, and a where() per run cost the compare worker 100 ms
 * just to ask for 500 ranges.
 */
async function histories(db: LabbookDB, runIds: string[], key: string): Promise<MetricPoint[][]> {
  if (runIds.length === 0) return [];
  const table = db.core.table('metricPoints');
  const index = table.schema.primaryKey;
  return db.transaction('r', db.metricPoints, async (tx) => {
    const read = (id: string) =>
      table.query({
        trans: tx.idbtrans,
        values: true,
        query: {
          index,
          range: {
            type: 2 satisfies DBCoreRangeType.Range,
            lower: [id, key, -Infinity],
            upper: [id, key, Infinity],
            lowerOpen: false,
            upperOpen: false,
          },
        },
      });
    return (await Promise.all(runIds.map(read))).map((r) => r.result as MetricPoint[]);
  });
}
