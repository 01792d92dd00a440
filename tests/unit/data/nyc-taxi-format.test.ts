import { describe, expect, it } from 'vitest';
import { TAXI_HEADER, generateTaxiCsv, parseTaxiLine } from '../../../src/lib/data/nyc-taxi';

const text = (rows: number, seed: number, chunkRows?: number): string =>
  [...generateTaxiCsv({ rows, seed, chunkRows })].join('');

const DT = String.raw`2016-0[1-7]-[0-3]\d [0-2]\d:[0-5]\d:[0-5]\d`;
const COORD = String.raw`-?\d{1,3}\.\d{15}`;
const ROW = new RegExp(
  `^id\\d{7},[12],${DT},${DT},[0-6],${COORD},${COORD},${COORD},${COORD},[NY],[1-9]\\d*$`,
);

describe('generated NYC taxi CSV: format', () => {
  const csv = text(20_000, 42);
  const lines = csv.trimEnd().split('\n');

  it('is byte-identical for the same seed, whatever the chunk size, and differs for another', () => {
    expect(text(20_000, 42, 777)).toBe(csv);
    expect(text(20_000, 43)).not.toBe(csv);
    expect(csv.startsWith(text(1_000, 42))).toBe(true);
  });

  it('has the Kaggle train.csv header and a final newline', () => {
    expect(lines[0]).toBe(TAXI_HEADER);
    expect(csv.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(20_001);
  });

  it('every row matches the column formats', () => {
    const bad = lines.slice(1).filter((l) => !ROW.test(l));
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('ids are unique, dropoff = pickup + duration, pickups in Jan–Jun 2016, flag Y only vendor 1', () => {
    const rows = lines.slice(1).map(parseTaxiLine);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      const p = Date.parse(r.pickupDatetime.replace(' ', 'T') + 'Z');
      const d = Date.parse(r.dropoffDatetime.replace(' ', 'T') + 'Z');
      expect(d - p).toBe(r.tripDuration * 1000);
      expect(r.pickupDatetime >= '2016-01-01' && r.pickupDatetime < '2016-07-01').toBe(true);
      if (r.storeAndFwdFlag === 'Y') expect(r.vendorId).toBe(1);
      // no pickup in the hour skipped by daylight saving time
      expect(r.pickupDatetime.startsWith('2016-03-13 02:')).toBe(false);
    }
  });

  it('is not sorted by pickup time (like the real file)', () => {
    const times = lines.slice(1, 200).map((l) => l.split(',')[2] ?? '');
    expect([...times].sort()).not.toEqual(times);
  });

  it('rejects impossible options with a fix', () => {
    expect(() => text(-1, 1)).toThrow(/whole number/);
    expect(() => text(10, 1.5)).toThrow(/integer/);
  });
});
