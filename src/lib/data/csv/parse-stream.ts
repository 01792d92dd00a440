import { type ColumnarTable } from '../columnar/types';
import { abortError, CsvImportError, invalidUtf8Error } from './errors';
import { type CsvImportOptions, type CsvProgress, type ImportResult } from './options';
import { RowAssembler } from './rows';
import { CsvTokenizer } from './tokenizer';
import { countLfBytes, firstInvalidUtf8 } from './utf8';

type Chunks = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

async function* iterate(source: Chunks): AsyncGenerator<Uint8Array> {
  if (!('getReader' in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * UTF-8 bytes in, rows out: the decoder, tokenizer and row assembler of one CSV input. Whoever
 * feeds it can ask, between chunks, whether the input so far ends inside a quoted field.
 */
export class CsvStreamParser {
  readonly rows: RowAssembler;
  private readonly tokenizer: CsvTokenizer;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes pushed so far. */
  bytes = 0;

  constructor(options: CsvImportOptions = {}) {
    this.rows = new RowAssembler(options);
    const rows = this.rows;
    this.tokenizer = new CsvTokenizer(
      (f, line) => rows.add(f, line),
      options.delimiter,
      (s, start, end, delim) => rows.fastLine(s, start, end, delim),
    );
  }

  /** True when the bytes so far end inside a quoted field (a line break there is data). */
  get inQuotes(): boolean {
    return this.tokenizer.openQuoteLine !== null;
  }

  private utf8Error(chunk: Uint8Array, bytesBefore: number): CsvImportError {
    const at = Math.max(0, firstInvalidUtf8(chunk));
    const line = this.tokenizer.line + countLfBytes(chunk, at);
    const row = this.rows.records + 1;
    return invalidUtf8Error({ line, row, byte: bytesBefore + at, reason: 'invalid UTF-8' });
  }

  push(chunk: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw this.utf8Error(chunk, this.bytes);
    }
    this.bytes += chunk.byteLength;
    this.tokenizer.push(text);
  }

  /**
   * Ends the input. An open quoted field is a problem of its row, unless `openQuoteIsProblem`
   * is false: the caller stopped inside the field on purpose and checks `inQuotes` itself.
   */
  finish(openQuoteIsProblem = true): ImportResult {
    let tail: string;
    try {
      tail = this.decoder.decode();
    } catch {
      throw this.utf8Error(new Uint8Array([0xff]), this.bytes - 1);
    }
    this.tokenizer.push(tail);
    this.tokenizer.finish();
    const open = this.tokenizer.openQuoteLine;
    if (open !== null && openQuoteIsProblem)
      this.rows.problem({
        line: open,
        row: this.rows.records + 1,
        reason: 'a quoted field is never closed (missing ")',
      });
    const table: ColumnarTable = this.rows.finish();
    return { table, ...this.rows.report(), bytes: this.bytes };
  }
}

/**
 * Feeds `chunks` to `parser`, reporting progress and checking `options.signal` between chunks,
 * and finishes it.
 */
export async function parseWith(
  parser: CsvStreamParser,
  chunks: Chunks,
  options: CsvImportOptions,
  onProgress?: (p: CsvProgress) => void,
  openQuoteIsProblem: () => boolean = () => true,
): Promise<ImportResult> {
  const { signal } = options;
  const interval = options.progressIntervalMs ?? 100;
  const everyRows = options.progressRows ?? 100_000;
  let lastTime = Date.now();
  let lastRows = 0;
  let lastYield = Date.now();
  const report = (): void => {
    lastTime = Date.now();
    lastRows = parser.rows.rowCount;
    const p: CsvProgress = { bytes: parser.bytes, rows: parser.rows.rowCount };
    if (options.totalBytes !== undefined) p.totalBytes = options.totalBytes;
    onProgress?.(p);
  };
  if (signal?.aborted) throw abortError();
  for await (const chunk of iterate(chunks)) {
    if (signal?.aborted) throw abortError();
    parser.push(chunk);
    const rows = parser.rows.rowCount;
    if (Date.now() - lastTime >= interval || rows - lastRows >= everyRows) report();
    // Give an abort (a message or timer task) a chance to run between chunks.
    if (Date.now() - lastYield >= 50) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
  const result = parser.finish(openQuoteIsProblem());
  report();
  return result;
}

/**
 * Parses a UTF-8 CSV stream (header row first) into a `ColumnarTable`, inferring column types.
 * Rejects with a `CsvImportError` (see `code`) or, when `options.signal` aborts, a
 * `DOMException` named `AbortError`.
 */
export async function parseCsvStream(
  chunks: Chunks,
  options: CsvImportOptions = {},
  onProgress?: (p: CsvProgress) => void,
): Promise<ImportResult> {
  return parseWith(new CsvStreamParser(options), chunks, options, onProgress);
}
