import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../../../src/lib/data/csv';
import { parseFloatStrict } from '../../../../src/lib/data/csv/values';

/** The slow, obviously-right reading: Date.UTC on the parts, with its own calendar checks. */
function reference(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1).map((v) => (v ? Number(v) : 0)) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const t = Date.UTC(y!, mo! - 1, d!, h, mi, sec);
  return new Date(Date.UTC(y!, mo! - 1, d!)).getUTCDate() === d ? t : null;
}

describe('datetime parsing fast path', () => {
  it('agrees with Date.UTC on 20,000 random and edge-case timestamps', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pad = (v: number, w: number) => String(v).padStart(w, '0');
    const samples = [
      '2016-02-29 23:59:59',
      '2015-02-29 00:00:00',
      '2000-02-29',
      '1900-02-29',
      '1970-01-01 00:00:00',
      '1969-12-31 23:59:59',
      '2016-13-01 00:00:00',
      '2016-04-31',
      '2016-06-30 24:00:00',
    ];
    for (let i = 0; i < 20_000; i++) {
      const date = `${pad(1890 + rand(220), 4)}-${pad(rand(14), 2)}-${pad(rand(33), 2)}`;
      samples.push(
        i % 3 ? `${date} ${pad(rand(25), 2)}:${pad(rand(61), 2)}:${pad(rand(60), 2)}` : date,
      );
    }
    for (const s of samples) expect(parseDatetime(s), s).toBe(reference(s));
  });

  it('still reads the other forms through the general parser', () => {
    expect(parseDatetime('2016-03-14T17:24:55Z')).toBe(Date.UTC(2016, 2, 14, 17, 24, 55));
    expect(parseDatetime('2016-03-14 17:24:55.5')).toBe(Date.UTC(2016, 2, 14, 17, 24, 55, 500));
    expect(parseDatetime('2016-03-14 17:24')).toBe(Date.UTC(2016, 2, 14, 17, 24));
    expect(parseDatetime('2016-03-14 17:24:55+01:00')).toBe(Date.UTC(2016, 2, 14, 16, 24, 55));
    expect(parseDatetime('2016-3-14')).toBeNull();
  });
});

describe('float literal scanner', () => {
  const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  it('accepts exactly the strings the float grammar accepts', () => {
    const alphabet = ['0', '7', '.', '-', '+', 'e', 'E', 'x', ' ', '1'];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const samples = ['', '.', '-.5', '5.', '1e5', '1e', '.e1', '-40.7589', '1.5e-3', 'Infinity'];
    for (let i = 0; i < 50_000; i++)
      samples.push(Array.from({ length: 1 + rand(7) }, () => alphabet[rand(10)]).join(''));
    for (const s of samples)
      expect(parseFloatStrict(s), JSON.stringify(s)).toBe(FLOAT.test(s) ? Number(s) : null);
  });
});
