import { describe, expect, it } from 'vitest';
import { type CsvProgress, parseCsvStream } from '../../../../src/lib/data/csv';

async function* numbered(rows: number, perChunk: number, onChunk?: (i: number) => void) {
  const enc = new TextEncoder();
  yield enc.encode('i,x\n');
  for (let i = 0; i < rows; i += perChunk) {
    onChunk?.(i);
    let s = '';
    for (let k = i; k < Math.min(rows, i + perChunk); k++) s += `${k},${k / 2}\n`;
    yield enc.encode(s);
  }
}

describe('parseCsvStream: progress and cancellation', () => {
  it('reports progress every N rows and once at the end', async () => {
    const seen: CsvProgress[] = [];
    const r = await parseCsvStream(
      numbered(10_000, 1000),
      { progressRows: 2500, progressIntervalMs: 1e9, totalBytes: 123 },
      (p) => seen.push(p),
    );
    expect(r.table.rowCount).toBe(10_000);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.at(-1)).toEqual({ bytes: r.bytes, totalBytes: 123, rows: 10_000 });
    expect(seen.every((p, i) => i === 0 || p.rows >= (seen[i - 1]?.rows ?? 0))).toBe(true);
  });

  it('rejects with an AbortError between chunks', async () => {
    const ac = new AbortController();
    let chunksAfterAbort = 0;
    const err = await parseCsvStream(
      numbered(100_000, 1000, (i) => {
        if (i === 5000) ac.abort();
        if (ac.signal.aborted) chunksAfterAbort++;
      }),
      { signal: ac.signal },
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(chunksAfterAbort).toBe(1);
  });

  it('rejects at once when already aborted', async () => {
    const err = await parseCsvStream(numbered(10, 10), { signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).name).toBe('AbortError');
  });
});
