import type { CompareWorkerApi } from '../workers/compare.worker';
import { WorkerConnection } from './worker-connection';

const defaultWorker = () =>
  new Worker(new URL('../workers/compare.worker.ts', import.meta.url), { type: 'module' });

export type HistoriesReply = Awaited<ReturnType<CompareWorkerApi['histories']>>;

/** A comparison nobody charted this long lets its worker (and its database handle) go. */
export const IDLE_MS = 60_000;

/** The only owner of the compare worker, which reads and packs metric histories for charts. */
export class CompareBridge {
  readonly #worker: WorkerConnection<CompareWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker, idleMs = IDLE_MS) {
    this.#worker = new WorkerConnection<CompareWorkerApi>({
      create: createWorker,
      init: () => undefined,
      crashMessage: (detail) =>
        `Reading the runs' metric histories stopped (${detail}); nothing stored is affected. Choose the chart again to retry.`,
      idleMs,
    });
  }

  /** Starts the worker and opens its store ahead of a history chart (a comparison opened). */
  warm() {
    return this.#worker.call<void>((api) => api.warm());
  }

  histories(
    runs: { id: string; name: string }[],
    key: string,
    maxPoints: number,
    withPoints: boolean,
  ) {
    return this.#worker.call<HistoriesReply>((api) =>
      api.histories(runs, key, maxPoints, withPoints),
    );
  }
}

let shared: CompareBridge | undefined;

/** The page's one compare bridge, created on first use. */
export function compareBridge(): CompareBridge {
  shared ??= new CompareBridge();
  return shared;
}
