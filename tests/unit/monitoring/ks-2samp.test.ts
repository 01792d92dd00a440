import { describe, expect, it } from 'vitest';
import { ks2samp } from '../../../src/lib/monitoring/stats/ks-2samp';
import { kstwoSf } from '../../../src/lib/monitoring/stats/special/kolmogorov';
import { smirnovSf } from '../../../src/lib/monitoring/stats/special/smirnov';
import { expectClose, loadFixture } from './reference';

interface KsCase {
  name: string;
  a: number[];
  b: number[];
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymp';
}

interface TailCase {
  fn: 'kstwo.sf' | 'smirnov';
  n: number;
  d: number;
  expected: number;
}

describe('ks2samp matches scipy.stats.ks_2samp', () => {
  for (const file of ['ks-2samp.json', 'ks-2samp-large.json']) {
    for (const c of loadFixture<KsCase>(file).cases) {
      it(`${c.name} (${c.method})`, () => {
        const r = ks2samp(c.a, c.b);
        expect(r.method).toBe(c.method);
        expectClose(r.statistic, c.statistic, 1e-12, 0, 'statistic');
        expectClose(r.pValue, c.pvalue, 1e-9, 1e-14, 'p-value');
      });
    }
  }
});

describe('Kolmogorov tails match scipy', () => {
  const cases = loadFixture<TailCase>('kolmogorov.json').cases;
  it(`kstwo.sf and smirnov on ${cases.length} grid points`, () => {
    for (const c of cases) {
      const got = c.fn === 'kstwo.sf' ? kstwoSf(c.d, c.n) : smirnovSf(c.n, c.d);
      expectClose(got, c.expected, 1e-8, 1e-14, `${c.fn}(n=${c.n}, d=${c.d})`);
    }
  });
});
