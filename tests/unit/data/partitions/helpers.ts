import { parseCsvStream, type CsvImportOptions } from '../../../../src/lib/data/csv';
import {
  parsePart,
  parsePartitioned,
  planPartitions,
  type ByteRange,
} from '../../../../src/lib/data/partitions';

export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * The import of `input` in `parts`, all in this thread, exactly as src/workers/import-in-parts.ts
 * runs it in workers: plan, parse every part, stitch (and parse again where a cut was wrong).
 */
export async function partitioned(
  input: string | Uint8Array,
  parts: number,
  options: CsvImportOptions = {},
) {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const read = async (offset: number, length: number) => bytes.subarray(offset, offset + length);
  const plan = await planPartitions(read, bytes.length, parts, options.delimiter);
  const header = bytes.subarray(plan.header.start, plan.header.end);
  const reparsed: ByteRange[] = [];
  const result = await parsePartitioned(
    plan.ranges,
    (range: ByteRange) => {
      if (!plan.ranges.includes(range)) reparsed.push(range);
      return parsePart(
        { header, range, size: bytes.length, bytes: (s, e) => once(bytes.subarray(s, e)) },
        options,
      );
    },
    () => parseCsvStream(once(bytes), options),
    options,
  );
  return { result, plan, reparsed };
}

/** The one-pass import of `input`. */
export function onePass(input: string | Uint8Array, options: CsvImportOptions = {}) {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return parseCsvStream(once(bytes), options);
}
