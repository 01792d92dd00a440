import { describe, expect, it } from 'vitest';
import {
  MetricError,
  computeMetric,
  isBetter,
  metricIds,
  metricRegistry,
  type MetricId,
} from '../../../src/lib/metrics';
import { expectClose, loadFixture } from '../monitoring/reference';

interface MetricCase {
  name: string;
  yTrue: number[];
  yPred: number[];
  expected: Partial<Record<MetricId, number>>;
}

describe('metrics match scikit-learn', () => {
  for (const c of loadFixture<MetricCase>('metrics.json').cases) {
    it(c.name, () => {
      for (const [id, want] of Object.entries(c.expected) as [MetricId, number][]) {
        expectClose(metricRegistry[id].compute(c.yTrue, c.yPred), want, 1e-12, 1e-15, id);
        expectClose(
          metricRegistry[id].compute(Float64Array.from(c.yTrue), Float64Array.from(c.yPred)),
          want,
          1e-12,
          1e-15,
          id,
        );
      }
    });
  }
});

function errorOf(fn: () => unknown): MetricError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MetricError) return e;
    throw e;
  }
  throw new Error('expected a MetricError');
}

describe('metric input validation', () => {
  it('rejects different lengths, empty input and non-finite values, naming the index', () => {
    const m = metricRegistry.mse.compute;
    expect(errorOf(() => m([1, 2], [1])).code).toBe('length-mismatch');
    expect(errorOf(() => m([], [])).code).toBe('empty');
    const e = errorOf(() => m([1, 2, 3], [1, Number.NaN, 3]));
    expect(e.code).toBe('not-finite');
    expect(e.index).toBe(1);
    expect(e.message).toBe(
      'mse: yPred[1] is NaN. Either drop rows with missing values or impute them first.',
    );
    expect(errorOf(() => m([1, Infinity], [1, 2])).message).toMatch(/yTrue\[1\] is Infinity/);
  });

  it('rmsle rejects negative values like sklearn', () => {
    const e = errorOf(() => metricRegistry.rmsle.compute([1, 2, -0.5], [1, 2, 3]));
    expect(e.code).toBe('negative-value');
    expect(e.index).toBe(2);
    expect(e.message).toMatch(/yTrue\[2\] is -0.5; RMSLE is only defined for values >= 0/);
    expect(errorOf(() => metricRegistry.rmsle.compute([1], [-1])).message).toMatch(
      /yPred\[0\] is -1/,
    );
  });

  it('r2 needs two rows; constant targets follow force_finite', () => {
    expect(errorOf(() => metricRegistry.r2.compute([1], [1])).code).toBe('too-few-values');
    expect(metricRegistry.r2.compute([2, 2], [2, 2])).toBe(1);
    expect(metricRegistry.r2.compute([2, 2], [2, 3])).toBe(0);
  });

  it('mape divides zero targets by machine epsilon', () => {
    expect(metricRegistry.mape.compute([0], [1e-16])).toBeCloseTo(
      1e-16 / 2.220446049250313e-16,
      12,
    );
    expect(metricRegistry.mape.compute([0, 2], [0, 1])).toBe(0.25);
  });
});

describe('metric registry', () => {
  it('defines every metric once with a direction', () => {
    expect(metricIds).toEqual(['mse', 'rmse', 'mae', 'r2', 'rmsle', 'mape']);
    for (const id of metricIds) expect(metricRegistry[id].id).toBe(id);
    expect(metricIds.filter((id) => metricRegistry[id].higherIsBetter)).toEqual(['r2']);
    expect(isBetter('r2', 0.9, 0.8)).toBe(true);
    expect(isBetter('rmse', 0.9, 0.8)).toBe(false);
  });

  it('computeMetric returns errors as values', () => {
    expect(computeMetric('mae', [1, 2], [2, 2])).toEqual({ ok: true, value: 0.5 });
    expect(computeMetric('rmsle', [1, -2], [1, 2])).toMatchObject({
      ok: false,
      error: { code: 'negative-value', index: 1 },
    });
    expect(computeMetric('mse', [1], [1, 2])).toEqual({
      ok: false,
      error: {
        code: 'length-mismatch',
        message: expect.stringContaining('yTrue has 1 values but yPred has 2'),
      },
    });
    expect(computeMetric('accuracy', [1], [1])).toMatchObject({
      ok: false,
      error: { code: 'unknown-metric' },
    });
  });
});
