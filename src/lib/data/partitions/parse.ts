import type { ColumnarTable } from '../columnar';
import { CsvImportError, parseCsvStream, type CsvProgress, type RowProblem } from '../csv';
import { rowProblemError } from '../csv/errors';
import type { CsvImportOptions, ImportResult, Promotion } from '../csv/options';
import { concatTables, typeMismatch } from './merge';
import type { ByteRange } from './plan';

/** What parsing one part returns: a normal import result, plus its line breaks for numbering. */
export interface PartResult extends ImportResult {
  lineBreaks: number;
}

export interface PartitionedImport extends ImportResult {
  /** How the file was read: in parts, or in one pass because the parts disagreed on types. */
  mode: { kind: 'partitioned'; parts: number } | { kind: 'one-pass'; reason: string };
}

/**
 * Parses each range (header + its lines) with `parsePart`, all at once, and stacks the results
 * into the table a one-pass parse gives, with problems and promotions renumbered to file lines.
 * If the parts inferred different types for a column, the file is parsed again in one pass, so
 * the result never depends on how the file was cut.
 */
export async function parsePartitioned(
  ranges: ByteRange[],
  parsePart: (range: ByteRange) => Promise<PartResult>,
  onePass: () => Promise<ImportResult>,
  options: { onError?: 'stop' | 'skip'; maxProblems?: number; name?: string },
): Promise<PartitionedImport> {
  const settled = await Promise.allSettled(ranges.map(parsePart));
  // A part's line k (its line 1 is the repeated header) is file line k + line breaks before it.
  const offsets: number[] = [];
  let before = 0;
  for (let i = 0; i < ranges.length; i++) {
    offsets.push(before);
    const s = settled[i]!;
    before += s.status === 'fulfilled' ? s.value.lineBreaks : 0;
  }
  // The first failing part holds the file's first bad row (parts before it all succeeded, so its
  // offset is known); with onError 'stop' that is the error a one-pass parse would raise.
  const failed = settled.findIndex((s) => s.status === 'rejected');
  if (failed >= 0) {
    const error = (settled[failed] as PromiseRejectedResult).reason as unknown;
    if (error instanceof CsvImportError && error.code === 'malformed-row' && error.problem)
      throw rowProblemError({ ...error.problem, row: error.problem.row + offsets[failed]! });
    throw error;
  }
  const parts = settled.map((s) => (s as PromiseFulfilledResult<PartResult>).value);
  const mismatch = typeMismatch(parts.map((p) => p.table));
  if (mismatch) return { ...(await onePass()), mode: { kind: 'one-pass', reason: mismatch } };

  const problems: RowProblem[] = parts
    .flatMap((p, i) =>
      p.problems.map((problem) => ({ ...problem, row: problem.row + offsets[i]! })),
    )
    .slice(0, options.maxProblems ?? 100);
  const promotions: Promotion[] = parts.flatMap((p, i) =>
    p.promotions.map((promotion) => ({ ...promotion, row: promotion.row + offsets[i]! })),
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

type Body = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

async function* chunks(body: Body): AsyncGenerator<Uint8Array> {
  if (!('getReader' in body)) return yield* body;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function* headerThen(
  header: Uint8Array,
  body: Body,
  counter: { lineBreaks: number },
): AsyncGenerator<Uint8Array> {
  yield header;
  for await (const chunk of chunks(body)) {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) counter.lineBreaks++;
    yield chunk;
  }
}

/** Parses one part: the file's header line, then the part's bytes. */
export async function parsePart(
  header: Uint8Array,
  body: Body,
  options: CsvImportOptions,
  onProgress?: (p: CsvProgress) => void,
): Promise<PartResult> {
  const counter = { lineBreaks: 0 };
  const result = await parseCsvStream(headerThen(header, body, counter), options, onProgress);
  return { ...result, bytes: result.bytes - header.byteLength, lineBreaks: counter.lineBreaks };
}
