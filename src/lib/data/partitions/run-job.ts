import { mapPart, reduceParts, type JobPlan, type Partial } from './jobs';
import { parsePart, type PartInput } from './parse';
import { planPartitions, type ByteRange, type ReadBytes } from './plan';
import { stitchParts, type Reach } from './stitch';

export interface PartReport {
  part: number;
  rows: number;
  bytes: number;
  ms: number;
}

export interface PartOutcome extends Reach {
  partial: Partial;
  rows: number;
  bytes: number;
}

/** Runs one part: parse its rows (after the header) and map them. Used in workers and tests. */
export async function runPart(input: PartInput, plan: JobPlan): Promise<PartOutcome> {
  const { table, bytes, end, open } = await parsePart(input, { onError: 'skip' });
  return { partial: mapPart(table, plan), rows: table.rowCount, bytes, end, open };
}

/**
 * Map per part, reduce: the file is cut into `parts` ranges of whole lines, `run` maps each
 * (in parallel when it runs in workers), and the partials are reduced in part order. Cuts
 * inside quoted fields are mended as for an import (see `stitchParts`).
 */
export async function runJobInParts(
  read: ReadBytes,
  size: number,
  parts: number,
  run: (header: Uint8Array, range: ByteRange) => Promise<PartOutcome>,
  onPart: (report: PartReport) => void = () => {},
): Promise<{ partial: Partial; parts: PartReport[] }> {
  const plan = await planPartitions(read, size, parts);
  const header = await read(plan.header.start, plan.header.end - plan.header.start);
  const reports: PartReport[] = [];
  const timed = async (range: ByteRange) => {
    const started = performance.now();
    const outcome = await run(header, range);
    const report = { part: 0, rows: outcome.rows, bytes: outcome.bytes };
    return { ...outcome, report: { ...report, ms: performance.now() - started } };
  };
  const settled = await Promise.allSettled(
    plan.ranges.map(async (range, part) => {
      const t = await timed(range);
      t.report.part = part;
      onPart(t.report);
      return t;
    }),
  );
  const stitched = await stitchParts(plan.ranges, settled, timed);
  if (stitched.kind === 'failed') throw stitched.error;
  // A quoted field longer than a part: the whole body as one part.
  const kept =
    stitched.kind === 'parts'
      ? stitched.parts
      : [await timed({ start: plan.header.end, end: size })];
  kept.forEach((p, i) => reports.push({ ...p.report, part: i }));
  return { partial: kept.map((p) => p.partial).reduce(reduceParts), parts: reports };
}
