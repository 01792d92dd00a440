import { Gzip } from 'fflate';

/**
 * Gzip a stream of text chunks reproducibly: fflate level 9, mtime 0, no file name, so the
 * bytes depend on the input only (no clock, no platform).
 */
export function* gzipTextChunks(chunks: Iterable<string>): Generator<Uint8Array> {
  const enc = new TextEncoder();
  const pending: Uint8Array[] = [];
  const gzip = new Gzip({ level: 9, mtime: 0 }, (data) => pending.push(data));
  for (const chunk of chunks) {
    gzip.push(enc.encode(chunk));
    yield* pending.splice(0);
  }
  gzip.push(new Uint8Array(0), true);
  yield* pending.splice(0);
}
