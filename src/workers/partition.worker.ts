import { expose, transfer } from 'comlink';
import type { ColumnarTable } from '../lib/data/columnar';
import type { CsvImportOptions, CsvProgress } from '../lib/data/csv';
import {
  parsePart,
  runPart,
  type ByteRange,
  type JobPlan,
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

/** One part of partitioned work: parses a byte range of a CSV file (after its header line). */
const api = {
  async parse(
    file: Blob,
    header: Uint8Array,
    range: ByteRange,
    options: CsvImportOptions,
    onProgress: (p: CsvProgress) => void,
  ): Promise<PartResult> {
    const body = file.slice(range.start, range.end).stream();
    const result = await parsePart(header, body, options, onProgress);
    // Typed arrays move to the caller without a copy.
    return transfer(result, buffersOf(result.table));
  },

  /** Map step of a partitioned job: only the small partial result travels back. */
  runJob(file: Blob, header: Uint8Array, range: ByteRange, plan: JobPlan) {
    return runPart(header, file.slice(range.start, range.end).stream(), plan);
  },
};

expose(api);
export type PartitionApi = typeof api;
