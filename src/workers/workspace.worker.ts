import { expose } from 'comlink';
import { openStore } from '../lib/store/open';
import {
  listSnapshots,
  openSnapshots,
  restoreSnapshot,
  snapshotBudget,
  takeSnapshot,
  type SnapshotReason,
} from '../lib/store/snapshots';
import {
  importWorkspace,
  verifyWorkspaceFile,
  type Problem,
  type WorkspaceManifest,
} from '../lib/store/workspace-file';
import { importBudget, MAX_ENTRIES } from '../lib/store/workspace-unzip';

// Zipping and unzipping the whole workspace happens here, never on the page's thread.
const main = openStore();
const snapshots = openSnapshots();

const estimate = () => navigator.storage?.estimate().catch(() => undefined);

async function budget(): Promise<number> {
  return snapshotBudget((await estimate())?.quota);
}

async function limits() {
  return { maxTotalBytes: importBudget(await estimate()), maxEntries: MAX_ENTRIES };
}

export type WorkspaceVerdict =
  { ok: true; manifest: WorkspaceManifest; problems: [] } | { ok: false; problems: Problem[] };

const api = {
  async take(reason: SnapshotReason) {
    return takeSnapshot(await main, snapshots, reason, { budget: await budget() });
  },
  list: () => listSnapshots(snapshots),
  async restore(id: number) {
    return restoreSnapshot(await main, snapshots, id, { budget: await budget() });
  },
  /** The verdict on a file, without its rows (the page needs only the manifest or the problems). */
  async inspect(file: Blob): Promise<WorkspaceVerdict> {
    const inspection = await verifyWorkspaceFile(
      new Uint8Array(await file.arrayBuffer()),
      await limits(),
    );
    return inspection.ok ? { ok: true, manifest: inspection.manifest, problems: [] } : inspection;
  },
  async import(file: Blob, mode: 'replace' | 'merge') {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return importWorkspace(await main, bytes, { mode, limits: await limits() });
  },
};

expose(api);
export type WorkspaceWorkerApi = typeof api;
