import { type ColumnarTable } from '../columnar/types';
import { abortError, CsvImportError } from './errors';
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

function utf8Error(chunk: Uint8Array, bytesBefore: number, line: number): CsvImportError {
  const at = Math.max(0, firstInvalidUtf8(chunk));
  const row = line + countLfBytes(chunk, at);
  return new CsvImportError(
    'invalid-utf8',
    `The file is not valid UTF-8: byte ${bytesBefore + at} (line ${row}) cannot be decoded. ` +
      'Re-save the file as "CSV UTF-8" (e.g. in Excel or LibreOffice) and import it again.',
    { row, reason: 'invalid UTF-8' },
  );
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
  const { signal } = options;
  const rows = new RowAssembler(options);
  const tokenizer = new CsvTokenizer((f, line) => rows.add(f, line), options.delimiter);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const interval = options.progressIntervalMs ?? 100;
  const everyRows = options.progressRows ?? 100_000;
  let bytes = 0;
  let lastTime = Date.now();
  let lastRows = 0;
  let lastYield = Date.now();
  const report = (): void => {
    lastTime = Date.now();
    lastRows = rows.rowCount;
    const p: CsvProgress = { bytes, rows: rows.rowCount };
    if (options.totalBytes !== undefined) p.totalBytes = options.totalBytes;
    onProgress?.(p);
  };
  if (signal?.aborted) throw abortError();
  for await (const chunk of iterate(chunks)) {
    if (signal?.aborted) throw abortError();
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw utf8Error(chunk, bytes, tokenizer.line);
    }
    bytes += chunk.byteLength;
    tokenizer.push(text);
    if (Date.now() - lastTime >= interval || rows.rowCount - lastRows >= everyRows) report();
    // Give an abort (a message or timer task) a chance to run between chunks.
    if (Date.now() - lastYield >= 50) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw utf8Error(new Uint8Array([0xff]), bytes - 1, tokenizer.line);
  }
  tokenizer.push(tail);
  tokenizer.finish();
  const open = tokenizer.openQuoteLine;
  if (open !== null)
    rows.problem({ row: open, reason: 'a quoted field is never closed (missing ")' });
  const table: ColumnarTable = rows.finish();
  report();
  return { table, ...rows.report(), bytes };
}
