import { proxy, wrap } from 'comlink';
import { parseCsvStream, type CsvImportOptions, type CsvProgress } from '../lib/data/csv';
import { parsePartitioned, planPartitions, type PartitionedImport } from '../lib/data/partitions';
import type { PartitionApi } from './partition.worker';

/** Below this size one pass is as fast as starting workers. */
const PARTITION_FROM_BYTES = 32 * 1024 * 1024;

function parts(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
}

/**
 * Imports a large CSV in parts, parsed in parallel by partition workers (nested in this worker,
 * so cancelling the import — terminating this worker — stops them too). Small files, files with
 * quotes (a quoted line break could straddle a cut) and one-core machines use one pass.
 */
export async function importInParts(
  file: File,
  options: CsvImportOptions,
  onProgress: (p: CsvProgress) => void,
): Promise<PartitionedImport> {
  const onePass = async () => parseCsvStream(file.stream(), options, onProgress);
  const head = new Uint8Array(await file.slice(0, 1 << 20).arrayBuffer());
  const n = parts();
  if (file.size < PARTITION_FROM_BYTES || n < 2 || head.includes(0x22))
    return {
      ...(await onePass()),
      mode: { kind: 'one-pass', reason: 'small file, quotes or one core' },
    };

  const read = async (offset: number, length: number) =>
    new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
  const plan = await planPartitions(read, file.size, n);
  const header = await read(plan.header.start, plan.header.end - plan.header.start);
  const workers = plan.ranges.map(
    () => new Worker(new URL('./partition.worker.ts', import.meta.url), { type: 'module' }),
  );
  const progress = plan.ranges.map(() => ({ bytes: 0, rows: 0 }));
  const report = () =>
    onProgress({
      bytes: progress.reduce((s, p) => s + p.bytes, 0),
      rows: progress.reduce((s, p) => s + p.rows, 0),
      totalBytes: file.size,
    });
  try {
    return await parsePartitioned(
      plan.ranges,
      (range) => {
        const i = plan.ranges.indexOf(range);
        const api = wrap<PartitionApi>(workers[i]!);
        const { totalBytes: _, ...partOptions } = options;
        return api.parse(
          file,
          header,
          range,
          partOptions,
          proxy((p: CsvProgress) => {
            progress[i] = { bytes: p.bytes, rows: p.rows };
            report();
          }),
        );
      },
      onePass,
      options,
    );
  } finally {
    for (const worker of workers) worker.terminate();
  }
}
