import { expose, transfer } from 'comlink';
import type { ColumnarTable } from '../lib/data/columnar';
import { partDigests, type PartDigests } from '../lib/data/import/part-digests';
import {
  CsvImportError,
  type CsvErrorCode,
  type CsvImportOptions,
  type CsvProgress,
  type RowProblem,
} from '../lib/data/csv';
import {
  parsePart,
  runPart,
  type ByteRange,
  type JobPlan,
  type PartInput,
  type PartResult,
} from '../lib/data/partitions';

function buffersOf(table: ColumnarTable): ArrayBuffer[] {
  return table.columns.flatMap((c) => {
    if (c.type === 'string') return [];
    if (c.type === 'category') return [c.codes.buffer as ArrayBuffer];
    if (c.type === 'boolean')
      return [c.values.buffer as ArrayBuffer, c.valid.buffer as ArrayBuffer];
    return [c.values.buffer as ArrayBuffer];
  });
}

/**
 * Where a part's time went (ms): parsing, waiting for the row count of the parts before it,
 * digesting its blocks; `sentAt` (epoch ms) lets the caller time the message's trip.
 */
export interface PartTiming {
  parse: number;
  wait: number;
  digest: number;
  sentAt: number;
}

/**
 * A part's result, or its CSV error as plain data: comlink sends a thrown error as its message
 * only, and the caller needs the code and problem to renumber it to the whole file.
 */
export type PartParse =
  | { ok: true; part: PartResult; digests?: PartDigests; timing: PartTiming }
  | { ok: false; code: CsvErrorCode; message: string; problem?: RowProblem };

const input = (file: Blob, header: Uint8Array, range: ByteRange): PartInput => ({
  header,
  range,
  size: file.size,
  bytes: (start, end) => file.slice(start, end).stream(),
});

/** One part of partitioned work: parses a byte range of a CSV file (after its header line). */
const api = {
  async parse(
    file: Blob,
    header: Uint8Array,
    range: ByteRange,
    options: CsvImportOptions,
    onProgress: (p: CsvProgress) => void,
    /**
     * Told the part's row count, answers its first row in the whole file (null: not known);
     * the part's full blocks are then hashed here, on this worker's core (see part-digests.ts).
     */
    offsetOf?: (rows: number) => Promise<number | null>,
  ): Promise<PartParse> {
    try {
      const started = performance.now();
      const part = await parsePart(input(file, header, range), options, onProgress);
      const parsed = performance.now();
      const offset = offsetOf ? await offsetOf(part.table.rowCount) : null;
      const counted = performance.now();
      const digests = offset === null ? undefined : await partDigests(part.table, offset);
      const now = performance.now();
      const timing: PartTiming = {
        parse: parsed - started,
        wait: counted - parsed,
        digest: now - counted,
        sentAt: performance.timeOrigin + now,
      };
      // Typed arrays move to the caller without a copy.
      return transfer(
        { ok: true, part, ...(digests ? { digests } : {}), timing },
        buffersOf(part.table),
      );
    } catch (error) {
      if (!(error instanceof CsvImportError)) throw error;
      const { code, message, problem } = error;
      return { ok: false, code, message, ...(problem ? { problem } : {}) };
    }
  },

  /** Map step of a partitioned job: only the small partial result travels back. */
  runJob(file: Blob, header: Uint8Array, range: ByteRange, plan: JobPlan) {
    return runPart(input(file, header, range), plan);
  },
};

expose(api);
export type PartitionApi = typeof api;
