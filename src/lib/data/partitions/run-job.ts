import { mapPart, reduceParts, type JobPlan, type Partial } from './jobs';
import { parsePart } from './parse';
import { planPartitions, type ByteRange, type ReadBytes } from './plan';

export interface PartReport {
  part: number;
  rows: number;
  bytes: number;
  ms: number;
}

/** Runs one part: parse its bytes (after the header) and map them. Used in workers and tests. */
export async function runPart(
  header: Uint8Array,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  plan: JobPlan,
): Promise<{ partial: Partial; rows: number; bytes: number }> {
  const { table, bytes } = await parsePart(header, body, { onError: 'skip' });
  return { partial: mapPart(table, plan), rows: table.rowCount, bytes };
}

/**
 * Map per part, reduce: the file is cut into `parts` ranges of whole lines, `run` maps each
 * (in parallel when it runs in workers), and the partials are reduced in part order.
 */
export async function runJobInParts(
  read: ReadBytes,
  size: number,
  parts: number,
  run: (
    header: Uint8Array,
    range: ByteRange,
  ) => Promise<{ partial: Partial; rows: number; bytes: number }>,
  onPart: (report: PartReport) => void = () => {},
): Promise<{ partial: Partial; parts: PartReport[] }> {
  const plan = await planPartitions(read, size, parts);
  const header = await read(plan.header.start, plan.header.end - plan.header.start);
  const reports: PartReport[] = [];
  const partials = await Promise.all(
    plan.ranges.map(async (range, part) => {
      const started = performance.now();
      const { partial, rows, bytes } = await run(header, range);
      const report = { part, rows, bytes, ms: performance.now() - started };
      reports.push(report);
      onPart(report);
      return partial;
    }),
  );
  return {
    partial: partials.reduce(reduceParts),
    parts: reports.sort((a, b) => a.part - b.part),
  };
}
