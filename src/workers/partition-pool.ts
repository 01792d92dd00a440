import { wrap, type Remote } from 'comlink';
import { runJobInParts, type JobPlan, type PartReport } from '../lib/data/partitions';
import type { PartitionApi } from './partition.worker';

/** Parts run at once: one worker per core, at least two so parallelism is visible. */
export const POOL_SIZE = Math.max(2, Math.min(8, navigator.hardwareConcurrency || 2));

/**
 * Runs a job's parts on a pool of partition workers (started per job and ended after it, so an
 * interrupted kernel leaves nothing running). More parts than workers queue for a free one.
 */
export async function runInPool(
  file: Blob,
  plan: JobPlan,
  parts: number,
  onPart: (report: PartReport) => void,
  signal?: AbortSignal,
) {
  const workers = Array.from({ length: Math.min(parts, POOL_SIZE) }, () => {
    const worker = new Worker(new URL('./partition.worker.ts', import.meta.url), {
      type: 'module',
    });
    return { worker, api: wrap<PartitionApi>(worker) };
  });
  const idle: Remote<PartitionApi>[] = workers.map((w) => w.api);
  const waiting: ((api: Remote<PartitionApi>) => void)[] = [];
  const acquire = () =>
    new Promise<Remote<PartitionApi>>((resolve) => {
      const api = idle.pop();
      if (api) resolve(api);
      else waiting.push(resolve);
    });
  const release = (api: Remote<PartitionApi>) => {
    const next = waiting.shift();
    if (next) next(api);
    else idle.push(api);
  };
  const read = async (offset: number, length: number) =>
    new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
  // Cancel terminates the pool at once: parts in flight stop mid-file and their calls never answer.
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => {
      for (const { worker } of workers) worker.terminate();
      reject(signal!.reason as Error);
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
  aborted.catch(() => undefined);
  const job = runJobInParts(
    read,
    file.size,
    parts,
    async (header, range) => {
      const api = await acquire();
      try {
        return await api.runJob(file, header, range, plan);
      } finally {
        release(api);
      }
    },
    onPart,
  );
  try {
    return await Promise.race([job, aborted]);
  } finally {
    for (const { worker } of workers) worker.terminate();
  }
}
