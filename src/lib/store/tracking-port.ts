import type { DBCoreRangeType } from 'dexie';
import type { ArtifactInfo, Experiment, MetricColumns, Run, TrackingPort } from '../tracking/types';
import type { LabbookDB } from './db';
import { guard } from './errors';
import { columnPoints } from '../tracking/metric-columns';
import { blockKeys, joinBlocks, writePoints, type MetricBlockRow } from './metric-blocks';

/** Tracking in IndexedDB (tables of schema version 4; metric histories in blocks since 10). */
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
        db.transaction('rw', db.metricBlocks, db.runs, async () => {
          const stored = await db.metricBlocks.bulkGet(blockKeys(points));
          await db.metricBlocks.bulkPut(writePoints(points, stored));
          if (run) await db.runs.put({ ...run });
        }),
      ),
    metricHistory: async (runId, key) => columnPoints((await histories(db, [runId], key))[0]!),
    metricHistories: (runIds, key) => histories(db, runIds, key),
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
 * One read-only transaction of one getAll per run: a run's blocks of a metric are one contiguous
 * range of the primary key [runId+key+block], in block order. Through Dexie's DBCore, the layer its
 * queries end in: a where() per run cost the compare worker 100 ms just to ask for 500 ranges.
 */
async function histories(db: LabbookDB, runIds: string[], key: string): Promise<MetricColumns[]> {
  if (runIds.length === 0) return [];
  const table = db.core.table('metricBlocks');
  const index = table.schema.primaryKey;
  return guard(() =>
    db.transaction('r', db.metricBlocks, async (tx) => {
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
      const blocks = await Promise.all(runIds.map(read));
      return blocks.map((r, i) => joinBlocks(runIds[i]!, key, r.result as MetricBlockRow[]));
    }),
  );
}
