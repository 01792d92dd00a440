import type { ColumnarTable } from '../columnar';
import {
  CsvImportError,
  CsvStreamParser,
  parseWith,
  shiftedError,
  type CsvProgress,
  type RowProblem,
} from '../csv';
import type { CsvImportOptions, ImportResult, Promotion } from '../csv/options';
import { concatTables, typeMismatch } from './merge';
import { countLineBreaks, type ByteRange } from './plan';
import { stitchParts, type Reach } from './stitch';

/** What parsing one part returns: a normal import result, plus what renumbering needs. */
export interface PartResult extends ImportResult, Reach {
  /** Line breaks the part read (header excluded): file lines before the next part. */
  lineBreaks: number;
  /** Data rows the part read, skipped ones included. */
  records: number;
}

export interface PartitionedImport extends ImportResult {
  /** How the file was read: in parts, or in one pass (and why). */
  mode: { kind: 'partitioned'; parts: number } | { kind: 'one-pass'; reason: string };
}

type Body = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** One part of a file: its header line, its range, and a way to read the file's bytes. */
export interface PartInput {
  header: Uint8Array;
  range: ByteRange;
  /** The file's size: a part may read on past `range.end`, never past this. */
  size: number;
  /** The file's bytes in [start, end) (a Blob slice's stream in a worker). */
  bytes: (start: number, end: number) => Body;
}

async function* chunks(body: Body): AsyncGenerator<Uint8Array> {
  if (!('getReader' in body)) return yield* body;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function collect(body: Body): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks(body)) parts.push(c);
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const READ_ON_CHUNK = 64 * 1024;

/** How far past its cut a part reads to finish a quoted field: as far again as the part. */
const PART_READS_ON = (range: ByteRange): number => Math.max(range.end - range.start, 1 << 20);

/**
 * The header, the part's bytes, then — if the cut fell inside a quoted field — the bytes after
 * the cut up to the line break that ends that row (the parser says when it is out of quotes).
 */
async function* partBytes(
  input: PartInput,
  parser: CsvStreamParser,
  reach: { end: number; lineBreaks: number },
): AsyncGenerator<Uint8Array> {
  yield input.header;
  for await (const chunk of chunks(input.bytes(input.range.start, input.range.end))) {
    reach.lineBreaks += countLineBreaks(chunk);
    yield chunk;
  }
  const limit = Math.min(input.size, input.range.end + PART_READS_ON(input.range));
  while (parser.inQuotes && reach.end < limit) {
    const more = await collect(input.bytes(reach.end, Math.min(reach.end + READ_ON_CHUNK, limit)));
    let from = 0;
    for (let lf = more.indexOf(0x0a); from < more.length; lf = more.indexOf(0x0a, from)) {
      const to = lf < 0 ? more.length : lf + 1;
      yield more.subarray(from, to);
      reach.end += to - from;
      from = to;
      if (lf < 0) break;
      reach.lineBreaks++;
      if (!parser.inQuotes) return;
    }
  }
}

/** Parses one part: the file's header line, then the part's rows (see `PartInput`). */
export async function parsePart(
  input: PartInput,
  options: CsvImportOptions,
  onProgress?: (p: CsvProgress) => void,
): Promise<PartResult> {
  const parser = new CsvStreamParser(options);
  const reach = { end: input.range.end, lineBreaks: 0 };
  const stream = partBytes(input, parser, reach);
  // An open quote at the end of the file is the row's problem; before it, the cut's.
  const atEnd = (): boolean => reach.end >= input.size;
  const result = await parseWith(parser, stream, options, onProgress, atEnd);
  const open = parser.inQuotes && !atEnd();
  return {
    ...result,
    bytes: result.bytes - input.header.byteLength,
    end: reach.end,
    open,
    lineBreaks: reach.lineBreaks,
    records: parser.rows.records,
  };
}

const shift = <P extends { line: number; row: number }>(
  p: P,
  by: { lines: number; rows: number },
) => ({
  ...p,
  line: p.line + by.lines,
  row: p.row + by.rows,
});

/** Lines and data rows in the parts before each part, for renumbering. */
function offsets(parts: PartResult[]): { lines: number; rows: number }[] {
  const out: { lines: number; rows: number }[] = [];
  let lines = 0;
  let rows = 0;
  for (const p of parts) {
    out.push({ lines, rows });
    lines += p.lineBreaks;
    rows += p.records;
  }
  out.push({ lines, rows });
  return out;
}

/**
 * Parses each range (header + its rows) with `parsePart`, all at once, and stacks the results
 * into the table a one-pass parse gives, with problems and promotions renumbered to file lines
 * and data rows. Cuts that fell inside quoted fields are mended (see `stitchParts`); if a
 * quoted field runs on too far, or the parts inferred different types for a column, the file
 * is parsed again in one pass, so the result never depends on how the file was cut.
 */
export async function parsePartitioned(
  ranges: ByteRange[],
  parsePart: (range: ByteRange) => Promise<PartResult>,
  onePass: () => Promise<ImportResult>,
  options: { onError?: 'stop' | 'skip'; maxProblems?: number; name?: string },
): Promise<PartitionedImport> {
  const settled = await Promise.allSettled(ranges.map(parsePart));
  const stitched = await stitchParts(ranges, settled, parsePart);
  if (stitched.kind === 'open')
    return {
      ...(await onePass()),
      mode: { kind: 'one-pass', reason: 'a quoted field runs on over a whole part' },
    };
  if (stitched.kind === 'failed') {
    const { error, before, start } = stitched;
    if (!(error instanceof CsvImportError)) throw error;
    const by = offsets(before).at(-1)!;
    // Part byte offsets count the repeated header; ranges[0] starts just after it.
    throw shiftedError(error, { ...by, bytes: start - ranges[0]!.start });
  }
  const parts = stitched.parts;
  const mismatch = typeMismatch(parts.map((p) => p.table));
  if (mismatch) return { ...(await onePass()), mode: { kind: 'one-pass', reason: mismatch } };

  const by = offsets(parts);
  const problems: RowProblem[] = parts
    .flatMap((p, i) => p.problems.map((problem) => shift(problem, by[i]!)))
    .slice(0, options.maxProblems ?? 100);
  const promotions: Promotion[] = parts.flatMap((p, i) =>
    p.promotions.map((promotion) => shift(promotion, by[i]!)),
  );
  const table: ColumnarTable = concatTables(
    parts.map((p) => p.table),
    options.name,
  );
  return {
    table,
    problems,
    problemCount: parts.reduce((n, p) => n + p.problemCount, 0),
    promotions,
    bytes: parts.reduce((n, p) => n + p.bytes, 0),
    mode: { kind: 'partitioned', parts: parts.length },
  };
}
