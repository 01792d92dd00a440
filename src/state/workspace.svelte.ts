import * as store from '../lib/store/session';

// Export/import (zip + validation) loads only when used, keeping it out of the first page load.
const workspaceFile = () => import('../lib/store/workspace-file');
import type { NotebookPersistence } from '../lib/notebook/notebook-ports';
import type { SnapshotMeta, SnapshotReason } from '../lib/store/snapshots';
import type { WorkspaceBridge } from '../bridges/workspace-bridge';

/** While the student works, a snapshot at most this often (skipped when nothing changed). */
export const SNAPSHOT_EVERY_MS = 3 * 60_000;

export interface LessonProgress {
  visitedAt: number | null;
  passed: number;
  total?: number;
}

type Store = Awaited<ReturnType<typeof store.openStore>>;

/* eslint-disable svelte/prefer-svelte-reactivity -- maps here are replaced whole, never mutated. */

/**
 * The student's workspace in this browser: the one store, progress per lesson, storage status,
 * export and import. One instance for the app (`workspace`).
 */
export class Workspace {
  progress = $state(new Map<string, LessonProgress>());
  storageMessage = $state<string | null>(null);
  storagePersisted = $state<boolean | null>(null);
  error = $state<string | null>(null);
  /** Newest first. */
  snapshots = $state<SnapshotMeta[]>([]);
  /** Why the last snapshot was not taken; shown on the Workspace page only, never in the way. */
  snapshotProblem = $state<string | null>(null);
  #store: Promise<Store> | undefined;
  #bridge: Promise<WorkspaceBridge> | undefined;
  #snapshotTimer: ReturnType<typeof setTimeout> | undefined;

  get store(): Promise<Store> {
    this.#store ??= store.openStore();
    return this.#store;
  }

  notebookPersistence(): NotebookPersistence {
    const s = () => this.store;
    return {
      loadSources: async (lessonId) => store.getCellSources(await s(), lessonId),
      loadStarters: async (lessonId) => store.getCellStarters(await s(), lessonId),
      saveSource: async (lessonId, cellId, source, basedOn, starter) => {
        this.#activity();
        return store.saveCellSource(await s(), lessonId, cellId, source, basedOn, starter);
      },
      resetSource: async (lessonId, cellId, basedOn) =>
        store.resetCell(await s(), lessonId, cellId, basedOn),
      watchSources: (lessonId, listener) => {
        let stop: (() => void) | undefined;
        let stopped = false;
        void s().then((db) => {
          if (!stopped) stop = store.watchCellSources(db, lessonId, listener);
        });
        return () => {
          stopped = true;
          stop?.();
        };
      },
      loadExerciseResults: async (lessonId) => {
        const rows = await store.getExerciseResults(await s(), lessonId);
        return new Map(
          rows.map((r) => [
            r.exerciseId,
            {
              pass: r.status === 'passed',
              message: r.lastMessage,
              attempts: r.attempts,
              hintsShown: r.hintsShown ?? 0,
              solutionShown: r.solutionShown ?? false,
            },
          ]),
        );
      },
      recordExercise: async (lessonId, exerciseId, result) => {
        this.#activity();
        await store.recordExerciseResult(await s(), lessonId, exerciseId, result);
      },
      recordReveal: async (lessonId, exerciseId, reveal) => {
        this.#activity();
        await store.recordExerciseReveal(await s(), lessonId, exerciseId, reveal);
      },
      // Nothing of the run itself is stored (the notebook keeps outputs in memory), but a run
      // may have saved data, runs or models from the kernel.
      recordRun: async () => this.#activity(),
      markVisited: async (lessonId) => store.markVisited(await s(), lessonId),
      // Tracking loads only when a kernel is stopped, keeping it out of the first page load.
      stopRuns: async (lessonId, reason) => {
        const [{ killRunsOf }, { dexieTrackingPort }] = await Promise.all([
          import('../lib/tracking/tracker'),
          import('../lib/store/tracking-port'),
        ]);
        await killRunsOf(dexieTrackingPort(await s()), lessonId, reason);
      },
    };
  }

  async refreshProgress(): Promise<void> {
    try {
      const rows = await store.listProgress(await this.store);
      this.progress = new Map(
        rows.map((r) => [r.lessonId, { visitedAt: r.visitedAt, passed: r.exercisesPassed }]),
      );
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async refreshStorage(askPersistence: boolean): Promise<void> {
    const info = askPersistence
      ? await store.requestPersistentStorage()
      : await store.storageEstimate();
    this.storagePersisted = info.persisted;
    this.storageMessage = store.describeStorage(info);
  }

  async exportFile(): Promise<Blob> {
    const [{ exportWorkspace }, { toolExports }] = await Promise.all([
      workspaceFile(),
      import('./tool-exports'),
    ]);
    const db = await this.store;
    const bytes = await exportWorkspace(db, undefined, await toolExports(db));
    return new Blob([bytes as BlobPart], { type: 'application/zip' });
  }

  /** Checked in the workspace worker, so a large (or hostile) file never freezes the page. */
  async inspect(file: File) {
    return (await this.#worker()).inspect(file);
  }

  async clear(): Promise<void> {
    await this.snapshot('before clear');
    await store.clearWorkspace(await this.store);
    await this.refreshProgress();
  }

  async import(file: File, mode: 'replace' | 'merge') {
    await this.snapshot('before import');
    const report = await (await this.#worker()).import(file, mode);
    await this.refreshProgress();
    return report;
  }

  #worker(): Promise<WorkspaceBridge> {
    this.#bridge ??= import('../bridges/workspace-bridge').then((m) => new m.WorkspaceBridge());
    return this.#bridge;
  }

  /** Work happened: one automatic snapshot a few minutes later, however much work. */
  #activity(): void {
    if (this.#snapshotTimer !== undefined || typeof window === 'undefined') return;
    this.#snapshotTimer = setTimeout(() => {
      this.#snapshotTimer = undefined;
      void this.snapshot('automatic');
    }, SNAPSHOT_EVERY_MS);
  }

  /** Takes a snapshot in the snapshot worker. Never throws: a failure is noted, nothing else. */
  async snapshot(reason: SnapshotReason): Promise<void> {
    try {
      const result = await (await this.#worker()).take(reason);
      if ('failed' in result)
        this.snapshotProblem = `The last snapshot was not taken: ${result.failed}`;
      else if ('skipped' in result && result.skipped === 'too large')
        this.snapshotProblem =
          'The workspace has grown larger than the space set aside for snapshots, so none was taken. Export it to keep a copy.';
      else this.snapshotProblem = null;
      await this.refreshSnapshots();
    } catch (error) {
      this.snapshotProblem = `The last snapshot was not taken: ${(error as Error).message}`;
    }
  }

  async refreshSnapshots(): Promise<void> {
    try {
      this.snapshots = await (await this.#worker()).list();
    } catch (error) {
      this.snapshotProblem = `Snapshots cannot be read: ${(error as Error).message}`;
    }
  }

  /** Replaces the workspace with a snapshot, after a snapshot of the current one (to undo). */
  async restore(id: number) {
    const report = await (await this.#worker()).restore(id);
    await Promise.all([this.refreshProgress(), this.refreshSnapshots()]);
    return report;
  }
}

export const workspace = new Workspace();
