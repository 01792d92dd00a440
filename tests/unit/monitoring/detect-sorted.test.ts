import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/data/random';
import { closeTo, loadFixture } from './reference';
import { jensenShannonHistogram } from '../../../src/lib/monitoring/detect/jensen-shannon-evidently';
import { sortFloat64 } from '../../../src/lib/monitoring/detect/radix-sort';
import {
  ksSorted,
  psiSorted,
  sortedSample,
  wassersteinSorted,
} from '../../../src/lib/monitoring/detect/sorted-tests';
import {
  jensenShannon,
  jensenShannonDistance,
} from '../../../src/lib/monitoring/stats/jensen-shannon';
import { ks2samp } from '../../../src/lib/monitoring/stats/ks-2samp';
import { psi } from '../../../src/lib/monitoring/stats/psi';
import { wasserstein } from '../../../src/lib/monitoring/stats/wasserstein';

const rng = createRng(20160101);
function sample(n: number, make: () => number): Float64Array {
  return Float64Array.from({ length: n }, make);
}

describe('sortFloat64 (radix sort)', () => {
  const cases: [string, Float64Array][] = [
    [
      'normals with both signs and wide magnitudes',
      sample(20_000, () => rng.normal() * 10 ** rng.int(-300, 300)),
    ],
    ['integers (trivial low-digit passes are skipped)', sample(20_000, () => rng.int(-50, 5000))],
    ['float32 coordinates', sample(20_000, () => Math.fround(-73.98 + rng.normal() * 0.04))],
    [
      'zeros, subnormals and extremes',
      Float64Array.from(
        { length: 10_000 },
        (_, i) => [0, -0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1][i % 8]!,
      ),
    ],
    ['a small array (built-in sort)', sample(100, () => rng.normal())],
  ];
  for (const [name, data] of cases) {
    it(`orders ${name} exactly like Float64Array.prototype.sort`, () => {
      const ours = sortFloat64(data.slice());
      const builtin = data.slice().sort();
      expect(ours.length).toBe(builtin.length);
      for (let i = 0; i < ours.length; i++) expect(Object.is(ours[i], builtin[i])).toBe(true);
    });
  }
});

describe('tests on sorted samples give the stats module’s results bit for bit', () => {
  // Rounded values force ties; NaN and ±Infinity must be dropped and counted.
  const ref = sample(30_000, () => Math.round(rng.normal(0, 3) * 10) / 10);
  const cur = sample(25_000, () => Math.round(rng.normal(0.1, 3.2) * 10) / 10);
  ref[7] = NaN;
  cur[3] = Infinity;
  cur[4] = -Infinity;
  const a = sortedSample(ref);
  const b = sortedSample(cur);

  it('drops non-finite values and sorts', () => {
    expect([a.dropped, b.dropped]).toEqual([1, 2]);
    expect(a.values.length).toBe(29_999);
    for (let i = 1; i < a.values.length; i++) expect(a.values[i - 1]! <= a.values[i]!).toBe(true);
  });

  it('KS, asymptotic (large samples)', () => {
    const expected = ks2samp(ref, cur);
    expect(expected.method).toBe('asymp');
    expect(ksSorted(a, b)).toEqual(expected);
  });

  it('KS, exact (small samples go through ks2samp)', () => {
    const r = ref.subarray(0, 800);
    const c = cur.subarray(0, 700);
    const expected = ks2samp(r, c);
    expect(expected.method).toBe('exact');
    expect(ksSorted(sortedSample(r), sortedSample(c))).toEqual(expected);
  });

  it('Wasserstein and PSI', () => {
    expect(wassersteinSorted(a, b)).toEqual(wasserstein(ref, cur));
    expect(psiSorted(a, b)).toEqual(psi(ref, cur));
    expect(psiSorted(a, b, 7)).toEqual(psi(ref, cur, { bins: 7 }));
  });
});

describe('jensenShannonHistogram (evidently: Sturges bins, no smoothing, natural log)', () => {
  it('equals the smoothed stats version when no bin is empty', () => {
    const ref = sample(5000, () => rng.next());
    const cur = sample(5000, () => rng.next() ** 1.2);
    const stats = jensenShannon(ref, cur);
    expect(stats.currentShares.every((s) => s > 0.001)).toBe(true);
    expect(jensenShannonHistogram(sortedSample(ref), sortedSample(cur))).toBeCloseTo(
      stats.distance,
      15,
    );
  });

  it('leaves empty bins at zero', () => {
    // Union range [0, 10], 16 values: Sturges gives ceil(log2(16) + 1) = 5 bins of width 2.
    const ref = Float64Array.of(0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5);
    const cur = Float64Array.of(8, 8.5, 9, 9.5, 10, 10, 3, 3.5);
    // Bins [0,2) [2,4) [4,6) [6,8) [8,10]: ref 4,4,0,0,0; cur 0,2,0,0,6.
    const expected = jensenShannonDistance([4, 4, 0, 0, 0], [0, 2, 0, 0, 6]);
    expect(jensenShannonHistogram(sortedSample(ref), sortedSample(cur))).toBe(expected);
    // By hand: p = (.5, .5, 0), q = (0, .25, .75), m = (.25, .375, .375).
    const kl = (x: number[], m: number[]) =>
      x.reduce((s, v, i) => s + (v ? v * Math.log(v / m[i]!) : 0), 0);
    const m = [0.25, 0.375, 0.375];
    expect(expected).toBeCloseTo(
      Math.sqrt((kl([0.5, 0.5, 0], m) + kl([0, 0.25, 0.75], m)) / 2),
      15,
    );
  });
});

describe('Jensen–Shannon as evidently computes it', () => {
  const fixture = loadFixture<{
    name: string;
    reference: number[];
    current: number[];
    distance: number;
  }>('js-evidently.json');
  it.each(fixture.cases.map((c) => [c.name, c] as const))('matches scipy on %s', (_, c) => {
    const got = jensenShannonHistogram(sortedSample(c.reference), sortedSample(c.current));
    expect(closeTo(got, c.distance, 1e-12, 1e-15), `${got} vs ${c.distance}`).toBe(true);
  });
});
