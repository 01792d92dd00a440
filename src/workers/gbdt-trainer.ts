import { proxy, wrap } from 'comlink';
import { planThreads } from '../lib/train/gbdt/threads';
import type { GbdtTrainer } from '../lib/train/gbdt/trainer';
import { TrainingCancelled } from '../lib/train/mlp';
import type { GbdtHelperApi } from './gbdt-helper.worker';
import { poolMemory } from './gbdt-pool';
import type { GbdtWorkerApi } from './gbdt.worker';
import { crashOf } from './worker-crash';

const ADVICE =
  'The usual cause is running out of memory: train on fewer rows or with fewer max_bins.';

/**
 * Boosted trees train in a worker of their own, with helper workers sharing the histograms when
 * the data is big enough and the page is cross-origin isolated (planThreads). Every worker is
 * started for the job and terminated when it ends, fails or is stopped. A stop request
 * terminates them at once (the fit does not yield between rounds, and need not): the promise
 * rejects with TrainingCancelled and the rounds already reported stay on the run. A helper that
 * crashes fails the fit with its own message, rather than leaving the fit waiting for it.
 */
export const trainGbdtInWorker: GbdtTrainer = async (
  x,
  y,
  params,
  options,
  onIteration,
  signal,
) => {
  if (signal?.aborted) throw new TrainingCancelled();
  const { onThreads, ...sent } = options;
  const plan = planThreads(
    x.rows,
    x.cols,
    navigator.hardwareConcurrency || 1,
    globalThis.crossOriginIsolated === true,
  );
  onThreads?.(plan);
  const pool = plan.threads > 1 ? poolMemory(x.rows, x.cols, plan.threads) : null;
  const worker = new Worker(new URL('./gbdt.worker.ts', import.meta.url), { type: 'module' });
  const helpers = Array.from(
    { length: plan.threads - 1 },
    () => new Worker(new URL('./gbdt-helper.worker.ts', import.meta.url), { type: 'module' }),
  );
  const all = [worker, ...helpers];
  const crashes = [
    crashOf(worker, 'The tree-training worker', ADVICE),
    ...helpers.map((helper, k) =>
      crashOf(helper, `Tree-training thread ${k + 2} of ${plan.threads}`, ADVICE),
    ),
  ];
  let onAbort = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => {
      for (const w of all) w.terminate();
      reject(new TrainingCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  cancelled.catch(() => undefined);
  try {
    // A helper's call returns only when the fit releases it; if it fails first, so does the fit.
    const served = helpers.map((helper, k) =>
      wrap<GbdtHelperApi>(helper)
        .serve(pool!, k + 1)
        .then(
          () => new Promise<never>(() => {}),
          (error: unknown) => {
            throw new Error(
              `Tree-training thread ${k + 2} of ${plan.threads} failed (${error instanceof Error ? error.message : String(error)}). Train again; if it repeats, reload the page.`,
            );
          },
        ),
    );
    for (const failed of served) failed.catch(() => undefined); // the race reports it
    const api = wrap<GbdtWorkerApi>(worker);
    return await Promise.race([
      api.fitGbdt(x, y, params, sent, proxy(onIteration), pool),
      ...crashes,
      ...served,
      cancelled,
    ]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const w of all) w.terminate();
  }
};
