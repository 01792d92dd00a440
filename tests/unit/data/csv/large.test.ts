import { describe, expect, it } from 'vitest';
import { parseCsvStream } from '../../../../src/lib/data/csv';
import { valueAt } from '../../../../src/lib/data/columnar';

const ROWS = 1_000_000;
const HEADER =
  'id,vendor_id,pickup_datetime,dropoff_datetime,passenger_count,pickup_longitude,' +
  'pickup_latitude,dropoff_longitude,dropoff_latitude,store_and_fwd_flag,trip_duration\n';
const pad = (n: number): string => String(n).padStart(2, '0');

/** Deterministic taxi-format row `i` (no randomness, so spot values are known). */
function row(i: number): string {
  const start = Date.UTC(2016, 0, 1) + i * 15_000;
  const end = start + (i % 3600) * 1000;
  const fmt = (t: number): string => {
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const lon = (-74 + (i % 1000) / 10_000).toFixed(12);
  const lat = (40.7 + (i % 777) / 10_000).toFixed(12);
  return `id${i},${1 + (i % 2)},${fmt(start)},${fmt(end)},${1 + (i % 6)},${lon},${lat},${lon},${lat},${i % 50 === 0 ? 'Y' : 'N'},${i % 3600}\n`;
}

async function* taxiChunks(): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  yield enc.encode(HEADER);
  for (let i = 0; i < ROWS; i += 2000) {
    let s = '';
    for (let k = i; k < i + 2000; k++) s += row(k);
    yield enc.encode(s);
  }
}

describe('parseCsvStream: 1,000,000 taxi-format rows', () => {
  it('parses every row into typed columns', { timeout: 120_000 }, async () => {
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = 0;
    const t0 = performance.now();
    const r = await parseCsvStream(taxiChunks(), { progressIntervalMs: 200 }, () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
    });
    const ms = performance.now() - t0;
    const mem = process.memoryUsage();
    console.log(
      `1M rows: ${(ms / 1000).toFixed(1)} s, ${(r.bytes / 1e6).toFixed(0)} MB of CSV, ` +
        `heap +${((mem.heapUsed - heapBefore) / 1e6).toFixed(0)} MB, array buffers ${(mem.arrayBuffers / 1e6).toFixed(0)} MB, ` +
        `rss ${(mem.rss / 1e6).toFixed(0)} MB after; peak heap+buffers seen ${(peak / 1e6).toFixed(0)} MB`,
    );
    const t = r.table;
    expect(t.rowCount).toBe(ROWS);
    expect(r.problemCount).toBe(0);
    expect(t.columns.map((c) => c.type)).toEqual([
      'string',
      'integer',
      'datetime',
      'datetime',
      'integer',
      'float',
      'float',
      'float',
      'float',
      'category',
      'integer',
    ]);
    const at = (col: number, i: number): unknown => valueAt(t.columns[col] ?? t.columns[0]!, i);
    for (const i of [0, 1, 123_456, ROWS - 1]) {
      expect(at(0, i)).toBe(`id${i}`);
      expect(at(2, i)).toBe(Date.UTC(2016, 0, 1) + i * 15_000);
      expect(at(5, i)).toBeCloseTo(-74 + (i % 1000) / 10_000, 10);
      expect(at(9, i)).toBe(i % 50 === 0 ? 'Y' : 'N');
      expect(at(10, i)).toBe(i % 3600);
    }
  });
});
