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

// Snapshots zip the whole workspace: here, never on the page's thread.
const main = openStore();
const snapshots = openSnapshots();

async function budget(): Promise<number> {
  const estimate = await navigator.storage?.estimate().catch(() => undefined);
  return snapshotBudget(estimate?.quota);
}

const api = {
  async take(reason: SnapshotReason, appVersion?: string) {
    return takeSnapshot(await main, snapshots, reason, { budget: await budget(), appVersion });
  },
  list: () => listSnapshots(snapshots),
  async restore(id: number) {
    return restoreSnapshot(await main, snapshots, id, { budget: await budget() });
  },
};

expose(api);
export type SnapshotWorkerApi = typeof api;
