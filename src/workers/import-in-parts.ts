import { proxy, wrap } from 'comlink';
import {
  CsvImportError,
  parseCsvStream,
  type CsvImportOptions,
  type CsvProgress,
} from '../lib/data/csv';
import {
  PartitionError,
  parsePartitioned,
  planPartitions,
  type PartitionedImport,
} from '../lib/data/partitions';
import type { PartitionApi, PartTiming } from './partition.worker';
import { idFromParts, type PartDigests } from '../lib/data/import/part-digests';

/** A partitioned import's result, with its content id when the parts hashed their blocks. */
export type ImportedInParts = PartitionedImport & { id?: Promise<string> };

/**
 * Each part's first row, once the parts before it have counted theirs: part i asks with its
 * row count and waits for parts 0…i-1. A part that fails or is parsed again gives null to the
 * parts after it (their digests would be at the wrong rows), never a wait that does not end.
 */
function rowOffsets(parts: number) {
  const counts = Array.from({ length: parts }, () => {
    let resolve!: (rows: number | null) => void;
    const promise = new Promise<number | null>((r) => (resolve = r));
    return { promise, resolve };
  });
  return {
    offsetOf: async (i: number, rows: number): Promise<number | null> => {
      counts[i]!.resolve(rows);
      let offset = 0;
      for (let k = 0; k < i; k++) {
        const n = await counts[k]!.promise;
        if (n === null) return null;
        offset += n;
      }
      return offset;
    },
    unknown: (i: number) => counts[i]!.resolve(null),
  };
}

/**
 * Part `i`'s phases as User Timing measures in this worker (`import:part1:parse`, `…:wait`,
 * `…:digest`, `…:send` = the result's trip here, strings cloned), which the import benchmark
 * prints: where the time between reading and storing goes.
 */
function measureParts(i: number, timing: PartTiming): void {
  // Clocks of two workers: clamped, so a skew of a millisecond cannot make a measure throw.
  const span = (phase: string, start: number, end: number) =>
    performance.measure(`import:part${i}:${phase}`, {
      start: Math.max(0, start),
      end: Math.max(0, start, end),
    });
  const now = performance.now();
  let end = Math.min(now, timing.sentAt - performance.timeOrigin);
  span('send', end, now);
  for (const phase of ['digest', 'wait', 'parse'] as const) {
    span(phase, end - timing[phase], end);
    end -= timing[phase];
  }
}

/** Below this size one pass is as fast as starting workers. */
const PARTITION_FROM_BYTES = 32 * 1024 * 1024;

function parts(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
}

/**
 * Imports a large CSV in parts, parsed in parallel by partition workers (nested in this worker,
 * so cancelling the import — terminating this worker — stops them too). Small files, files that
 * cannot be cut into lines and one-core machines use one pass.
 */
export async function importInParts(
  file: File,
  options: CsvImportOptions,
  onProgress: (p: CsvProgress) => void,
): Promise<ImportedInParts> {
  const onePass = async () => parseCsvStream(file.stream(), options, onProgress);
  const n = parts();
  if (file.size < PARTITION_FROM_BYTES || n < 2)
    return { ...(await onePass()), mode: { kind: 'one-pass', reason: 'small file or one core' } };

  const read = async (offset: number, length: number) =>
    new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
  const plan = await planPartitions(read, file.size, n, options.delimiter).catch(
    (error: unknown) => {
      if (error instanceof PartitionError) return error;
      throw error;
    },
  );
  if (plan instanceof PartitionError)
    return { ...(await onePass()), mode: { kind: 'one-pass', reason: plan.message } };
  const header = await read(plan.header.start, plan.header.end - plan.header.start);
  const workers = plan.ranges.map(
    () => new Worker(new URL('./partition.worker.ts', import.meta.url), { type: 'module' }),
  );
  const apis = workers.map((w) => wrap<PartitionApi>(w));
  const progress = plan.ranges.map(() => ({ bytes: 0, rows: 0 }));
  const report = () =>
    onProgress({
      bytes: progress.reduce((s, p) => s + p.bytes, 0),
      rows: progress.reduce((s, p) => s + p.rows, 0),
      totalBytes: file.size,
    });
  const { totalBytes: _, ...partOptions } = options;
  // A part parsed again (its cut fell inside a quoted field) runs on the worker of the part
  // whose range it starts in: that worker is done with it.
  const indexOf = (start: number) =>
    Math.max(
      0,
      plan.ranges.findLastIndex((r) => r.start <= start),
    );
  // Each part hashes its own blocks once it knows its first row; a part parsed again (its cut
  // was wrong) voids them all, and the table is then hashed whole.
  const offsets = rowOffsets(plan.ranges.length);
  const digests: (PartDigests | undefined)[] = plan.ranges.map(() => undefined);
  let reparsed = false;
  try {
    const result = await parsePartitioned(
      plan.ranges,
      async (range) => {
        const i = indexOf(range.start);
        const first = plan.ranges[i] === range;
        if (!first) reparsed = true;
        try {
          const outcome = await apis[i]!.parse(
            file,
            header,
            range,
            partOptions,
            proxy((p: CsvProgress) => {
              progress[i] = { bytes: p.bytes, rows: p.rows };
              report();
            }),
            first ? proxy((rows: number) => offsets.offsetOf(i, rows)) : undefined,
          );
          if (!outcome.ok) throw new CsvImportError(outcome.code, outcome.message, outcome.problem);
          if (first) digests[i] = outcome.digests;
          measureParts(i, outcome.timing);
          return outcome.part;
        } finally {
          offsets.unknown(i);
        }
      },
      onePass,
      options,
    );
    const known = digests.filter((d) => d !== undefined);
    const id =
      result.mode.kind === 'partitioned' && !reparsed && known.length === digests.length
        ? idFromParts(result.table, known)
        : undefined;
    return { ...result, ...(id ? { id } : {}) };
  } finally {
    for (const worker of workers) worker.terminate();
  }
}
