import Dexie, { type Table } from 'dexie';
import type { LabbookDB } from './db';
import { guard, StoreError, toStoreError } from './errors';
import { TABLE_NAMES } from './schema';
import { exportWorkspace, importWorkspace, type ImportReport } from './workspace-file';

/**
 * Rolling snapshots of the workspace: whole workspace files (the export's zip) in a database of
 * their own, so a damaged or wiped main database does not take them with it. The name is never
 * changed, like the main database's.
 */
export const SNAPSHOT_DB_NAME = 'mlops-labbook-snapshots';

/**
 * The policy: keep the newest `KEEP` snapshots, and drop the oldest while all of them together
 * take more than the budget: a quarter of the browser's storage quota, never more than
 * `SNAPSHOT_CAP` (the workspace itself must keep the rest). A snapshot larger than the budget on
 * its own is not taken.
 */
export const KEEP = 5;
export const SNAPSHOT_CAP = 250_000_000;
const QUOTA_SHARE = 0.25;

export function snapshotBudget(quota?: number): number {
  return quota === undefined ? SNAPSHOT_CAP : Math.min(SNAPSHOT_CAP, quota * QUOTA_SHARE);
}

export type SnapshotReason =
  'automatic' | 'manual' | 'before import' | 'before clear' | 'before restore';

export interface SnapshotMeta {
  id: number;
  takenAt: number;
  reason: SnapshotReason;
  size: number;
  /** What the workspace held, to tell snapshots apart and skip one when nothing changed. */
  fingerprint: string;
  rows: number;
}

type SnapshotDB = Dexie & {
  meta: Table<SnapshotMeta, number>;
  files: Table<{ id: number; bytes: Uint8Array }, number>;
};

export function openSnapshots(): SnapshotDB {
  const db = new Dexie(SNAPSHOT_DB_NAME) as SnapshotDB;
  db.version(1).stores({ meta: 'id, takenAt', files: 'id' });
  return db;
}

/** Cheap to compute: row counts and the latest edit times; changes whenever the student's work does. */
export async function fingerprint(main: LabbookDB): Promise<{ key: string; rows: number }> {
  const counts = await Promise.all(TABLE_NAMES.map((n) => main[n].count()));
  const latest = async (rows: Promise<{ updatedAt: number }[]>) =>
    Math.max(0, ...(await rows).map((r) => r.updatedAt));
  const times = await Promise.all([
    latest(main.cells.toArray()),
    latest(main.exercises.toArray()),
    latest(main.sqlDatabases.toArray()),
  ]);
  return { key: [...counts, ...times].join('.'), rows: counts.reduce((a, b) => a + b, 0) };
}

export type SnapshotResult =
  | { taken: SnapshotMeta }
  | { skipped: 'unchanged' | 'empty' | 'too large'; size?: number }
  | { failed: string };

/**
 * Takes a snapshot unless nothing changed since the newest one, then rotates. Never throws: a
 * snapshot that cannot be stored (quota, a broken database) is reported, and the student's work
 * goes on undisturbed.
 */
export async function takeSnapshot(
  main: LabbookDB,
  snapshots: SnapshotDB,
  reason: SnapshotReason,
  options: { budget: number; now?: number; appVersion?: string },
): Promise<SnapshotResult> {
  try {
    const print = await fingerprint(main);
    const newest = await snapshots.meta.orderBy('takenAt').last();
    if (newest?.fingerprint === print.key) return { skipped: 'unchanged' };
    if (print.rows === 0) return { skipped: 'empty' };
    // Without the readable copies: a snapshot is only ever imported back, and CSV copies of the
    // datasets would eat the snapshots' budget.
    const bytes = await exportWorkspace(main, options.appVersion, {}, { readable: false });
    if (bytes.length > options.budget) return { skipped: 'too large', size: bytes.length };
    const takenAt = Math.max(options.now ?? Date.now(), (newest?.takenAt ?? 0) + 1);
    const meta: SnapshotMeta = {
      id: takenAt,
      takenAt,
      reason,
      size: bytes.length,
      fingerprint: print.key,
      rows: print.rows,
    };
    await snapshots.transaction('rw', snapshots.meta, snapshots.files, async () => {
      await snapshots.meta.put(meta);
      await snapshots.files.put({ id: meta.id, bytes });
    });
    await rotate(snapshots, options.budget);
    return { taken: meta };
  } catch (error) {
    return { failed: toStoreError(error).message };
  }
}

/** Drops the oldest snapshots beyond `KEEP` or the byte budget; the newest always stays. */
async function rotate(snapshots: SnapshotDB, budget: number): Promise<void> {
  await snapshots.transaction('rw', snapshots.meta, snapshots.files, async () => {
    const all = await snapshots.meta.orderBy('takenAt').reverse().toArray();
    let total = 0;
    const drop = all.filter((s, i) => {
      total += s.size;
      return i > 0 && (i >= KEEP || total > budget);
    });
    await snapshots.meta.bulkDelete(drop.map((s) => s.id));
    await snapshots.files.bulkDelete(drop.map((s) => s.id));
  });
}

export async function listSnapshots(snapshots: SnapshotDB): Promise<SnapshotMeta[]> {
  return snapshots.meta.orderBy('takenAt').reverse().toArray();
}

async function snapshotBytes(snapshots: SnapshotDB, id: number): Promise<Uint8Array | undefined> {
  return (await snapshots.files.get(id))?.bytes;
}

/**
 * Restores a snapshot the way a "replace" import does, after keeping the current workspace as a
 * snapshot, so the restore itself can be undone. If the current state cannot be kept, nothing is
 * restored.
 */
export async function restoreSnapshot(
  main: LabbookDB,
  snapshots: SnapshotDB,
  id: number,
  options: { budget: number; now?: number },
): Promise<ImportReport> {
  // Read first: the snapshot taken below may rotate this one out.
  const bytes = await guard(() => snapshotBytes(snapshots, id));
  if (!bytes)
    throw new StoreError('failed', 'That snapshot is gone (it was rotated out). Pick another one.');
  const before = await takeSnapshot(main, snapshots, 'before restore', options);
  if ('failed' in before || ('skipped' in before && before.skipped === 'too large'))
    throw new StoreError(
      'failed',
      `The current workspace could not be kept as a snapshot first (${'failed' in before ? before.failed : 'it is larger than the snapshot budget'}), so nothing was restored. Export your workspace, then restore.`,
    );
  return importWorkspace(main, bytes, { mode: 'replace' });
}
