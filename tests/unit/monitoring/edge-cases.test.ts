import { describe, expect, it } from 'vitest';
import { StatsError } from '../../../src/lib/monitoring/stats/errors';
import { dropNonFinite } from '../../../src/lib/monitoring/stats/finite';
import { ks2samp } from '../../../src/lib/monitoring/stats/ks-2samp';
import { benjaminiHochberg } from '../../../src/lib/monitoring/stats/multiple-testing';
import { psi } from '../../../src/lib/monitoring/stats/psi';
import { wasserstein } from '../../../src/lib/monitoring/stats/wasserstein';
import { twoProportionZTest, zTestDrift } from '../../../src/lib/monitoring/stats/z-test';

/** Small seeded generator (mulberry32) + Box–Muller, for repeatable large inputs. */
function normals(n: number, seed: number, shift = 0): Float64Array {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) + shift;
  return out;
}

describe('non-finite values', () => {
  it('are dropped first and counted', () => {
    const r = dropNonFinite([1, Number.NaN, 2, Infinity, -Infinity, 3]);
    expect(Array.from(r.values)).toEqual([1, 2, 3]);
    expect(r.dropped).toBe(3);
    const ks = ks2samp([1, 2, Number.NaN, 3], [1, 2, 3, Infinity]);
    expect(ks.dropped).toEqual({ reference: 1, current: 1 });
    expect(ks.statistic).toBe(0);
    expect(ks.pValue).toBe(1);
  });

  it('a sample with nothing finite left is an error with a code', () => {
    const e = (() => {
      try {
        wasserstein([Number.NaN], [1]);
      } catch (err) {
        return err as StatsError;
      }
    })();
    expect(e).toBeInstanceOf(StatsError);
    expect(e?.code).toBe('empty-sample');
    expect(e?.message).toBe(
      'The reference sample has no finite values (1 NaN/Infinity dropped). Either pass a non-empty column or check how it was parsed.',
    );
  });
});

describe('edge cases', () => {
  it('PSI of a constant reference has one bin', () => {
    const r = psi([2, 2, 2], [1, 5]);
    expect(r.edges.length).toBe(1);
    expect(r.value).toBe(0);
  });

  it('z-test without variation reports no difference', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(() => twoProportionZTest(11, 10, 0, 20)).toThrowError(/11 successes out of 10/);
    const r = zTestDrift([true, false, false, null], [true, true, false]);
    expect(r.positive).toBe(true);
    expect(r.p1).toBeCloseTo(1 / 3, 15);
    expect(r.dropped.reference).toBe(1);
    expect(() => zTestDrift(['a', 'b'], ['c'])).toThrowError(/found 3 categories/);
  });

  it('Benjamini–Hochberg keeps input order and is monotone in p', () => {
    const adj = benjaminiHochberg([0.04, 0.01, 0.03]);
    [0.04, 0.03, 0.04].forEach((want, i) => expect(adj[i]).toBeCloseTo(want, 15));
    expect(() => benjaminiHochberg([0.2, 1.5])).toThrowError(/index 1 is 1.5/);
  });

  it('KS method can be forced', () => {
    const a = [0.1, 0.4, 0.7, 1.2];
    const b = [0.3, 0.5, 0.9, 1.5, 2.0];
    expect(ks2samp(a, b, { method: 'asymp' }).method).toBe('asymp');
    expect(ks2samp(a, b).method).toBe('exact');
  });
});

describe('scale', () => {
  it('KS and Wasserstein handle 1M vs 1M rows quickly', () => {
    const a = normals(1_000_000, 1);
    const b = normals(1_000_000, 2, 0.002);
    const t0 = performance.now();
    const ks = ks2samp(a, b);
    const w = wasserstein(a, b);
    const elapsed = performance.now() - t0;
    expect(ks.method).toBe('asymp');
    expect(ks.pValue).toBeGreaterThanOrEqual(0);
    expect(ks.pValue).toBeLessThanOrEqual(1);
    expect(w.distance).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(5000);
  });
});
