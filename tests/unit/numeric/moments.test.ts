import { describe, expect, it } from 'vitest';
import { mean, meanAndStd, sampleStd, welford } from '../../../src/lib/numeric/moments';

// References from numpy (Debian's python3): x.mean(), x.std(), x.std(ddof=1).
describe('moments', () => {
  it('mean and population std match numpy', () => {
    expect(meanAndStd([2.5, -1, 4])).toEqual({
      mean: 1.8333333333333333,
      std: 2.0949675149960894,
    });
    expect(mean(new Float64Array([2.5, -1, 4]))).toBe(1.8333333333333333);
  });

  it("Welford's sample std keeps its digits on epoch-sized values", () => {
    const w = welford([1e12 + 1, 1e12 + 2, 1e12 + 4, 1e12 + 7]);
    expect(w.mean).toBe(1000000000003.5);
    // Summing squares of values near 1e12 would lose every digit; Welford keeps five.
    expect(sampleStd(w)).toBeCloseTo(2.6457513110645907, 4);
    expect(sampleStd(welford([2.5, -1, 4]))).toBeCloseTo(2.565800719723442, 14);
  });

  it('says NaN when there is nothing to average', () => {
    expect(mean([])).toBeNaN();
    expect(meanAndStd([]).std).toBeNaN();
    expect(sampleStd(welford([3]))).toBeNaN();
  });
});
