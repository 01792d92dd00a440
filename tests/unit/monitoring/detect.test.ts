import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/data/random';
import type { Frame } from '../../../src/lib/features/frame';
import {
  chooseTest,
  detectDrift,
  DriftError,
  type DriftOptions,
} from '../../../src/lib/monitoring/detect';
import { chiSquareDrift } from '../../../src/lib/monitoring/stats/chi-square';
import { ks2samp } from '../../../src/lib/monitoring/stats/ks-2samp';
import { wasserstein } from '../../../src/lib/monitoring/stats/wasserstein';

const rng = createRng(6);
const normals = (n: number, mean = 0) => Float64Array.from({ length: n }, () => rng.normal(mean));
/** n values cycling through `k` distinct numbers. */
const cycle = (n: number, k: number, offset = 0) =>
  Float64Array.from({ length: n }, (_, i) => (i % k) + offset);
const text = (n: number, values: string[]) =>
  Array.from({ length: n }, (_, i) => values[i % values.length]!);

const testOf = (ref: Frame, cur: Frame, options: DriftOptions = {}) =>
  detectDrift(ref, cur, options).columns.map((c) => c.test);

function expectError(run: () => unknown, code: string, ...parts: string[]) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DriftError);
    expect((error as DriftError).code).toBe(code);
    for (const part of parts) expect((error as Error).message).toContain(part);
    return;
  }
  expect.fail('no error thrown');
}

describe('default test choice (evidently’s _get_default_stattest)', () => {
  it('switches from p-values to distances above 1000 reference rows', () => {
    const cur = { x: normals(500) };
    expect(testOf({ x: normals(1000) }, cur)).toEqual(['ks']);
    expect(testOf({ x: normals(1001) }, cur)).toEqual(['wasserstein']);
    // The current size does not matter, only the reference's.
    expect(testOf({ x: normals(1000) }, { x: normals(5000) })).toEqual(['ks']);
  });

  it('counts reference rows after dropping NaN and Infinity', () => {
    const ref = normals(1002);
    ref[0] = NaN;
    ref[1] = -Infinity;
    const report = detectDrift({ x: ref }, { x: normals(300) });
    expect(report.columns[0]).toMatchObject({
      test: 'ks',
      rows: { reference: 1000, current: 300 },
      dropped: { reference: 2, current: 0 },
    });
  });

  it('treats a numeric column with at most 5 distinct values (both sides together) like a category', () => {
    expect(testOf({ x: cycle(600, 5) }, { x: cycle(400, 5) })).toEqual(['chisquare']);
    expect(testOf({ x: cycle(600, 6) }, { x: cycle(400, 6) })).toEqual(['ks']);
    // 5 values in reference plus a new one in current: 6 in the union.
    expect(testOf({ x: cycle(600, 5) }, { x: cycle(400, 5, 1) })).toEqual(['ks']);
    expect(testOf({ x: cycle(600, 2) }, { x: cycle(400, 2) })).toEqual(['z']);
    expect(testOf({ x: cycle(600, 1) }, { x: cycle(400, 1) })).toEqual(['z']);
    expect(testOf({ x: cycle(2000, 5) }, { x: cycle(400, 5) })).toEqual(['jensenshannon']);
    expect(testOf({ x: cycle(2000, 6) }, { x: cycle(400, 6) })).toEqual(['wasserstein']);
  });

  it('uses chi-squared or z for small categorical references and Jensen–Shannon above 1000 rows', () => {
    const abc = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(testOf({ c: text(1000, abc) }, { c: text(10, abc) })).toEqual(['chisquare']);
    expect(testOf({ c: text(1000, ['N', 'Y']) }, { c: text(10, ['N', 'Y']) })).toEqual(['z']);
    expect(testOf({ c: text(1001, ['N', 'Y']) }, { c: text(10, ['N', 'Y']) })).toEqual([
      'jensenshannon',
    ]);
    expect(testOf({ c: text(1001, abc) }, { c: text(10, abc) })).toEqual(['jensenshannon']);
  });

  it('explains the choice in a sentence a UI can show', () => {
    expect(chooseTest({ kind: 'numeric', referenceRows: 442, uniqueValues: 6 }).reason).toBe(
      'the reference has 442 rows (≤ 1000), numeric with more than 5 distinct values: two-sample Kolmogorov–Smirnov test',
    );
    expect(chooseTest({ kind: 'categorical', referenceRows: 100_000, uniqueValues: 2 })).toEqual({
      test: 'jensenshannon',
      reason:
        'the reference has 100,000 rows (> 1000), categorical with 2 distinct values: Jensen–Shannon distance',
    });
  });
});

describe('scores and decisions', () => {
  it('reports the stats module’s values and evidently’s thresholds', () => {
    const ref = normals(800);
    const cur = normals(700, 0.3);
    const [c] = detectDrift({ x: ref }, { x: cur }).columns;
    const ks = ks2samp(ref, cur);
    expect(c).toMatchObject({
      statistic: ks.statistic,
      pValue: ks.pValue,
      threshold: 0.05,
      drifted: true,
    });
    const big = normals(5000);
    const moved = normals(5000, 0.05);
    const [w] = detectDrift({ x: big }, { x: moved }).columns;
    expect(w).toMatchObject({
      test: 'wasserstein',
      statistic: wasserstein(big, moved).normalized,
      threshold: 0.1,
      pValue: null,
      drifted: false,
    });
  });

  it('matches the stats functions on the finite values', () => {
    const ref = Float64Array.of(...normals(1500), NaN, Infinity);
    const cur = Float64Array.of(...normals(900, 0.2), -Infinity);
    const [w] = detectDrift({ x: ref }, { x: cur }).columns;
    expect(w!.statistic).toBe(wasserstein(ref, cur).normalized);
    expect(w!.dropped).toEqual({ reference: 2, current: 1 });
    const refText = [...text(300, ['a', 'b', 'c']), null];
    const curText = [...text(200, ['a', 'b', 'b', 'c']), null, null];
    const [chi] = detectDrift({ c: refText }, { c: curText }).columns;
    expect(chi).toMatchObject({
      test: 'chisquare',
      pValue: chiSquareDrift(refText, curText).pValue,
      rows: { reference: 300, current: 200 },
      dropped: { reference: 1, current: 2 },
    });
  });

  it('reads the columns it is given and never reorders them', () => {
    const ref = { x: normals(5000), y: normals(800), c: text(900, ['b', 'a', 'c']) };
    const cur = { x: normals(5000, 0.1), y: normals(800), c: text(900, ['c', 'a']) };
    const before = structuredClone({ ref, cur });
    detectDrift(ref, cur, { test: 'ks', columns: ['x', 'y'] });
    detectDrift(ref, cur, { test: 'psi', columns: ['x', 'y'] });
    detectDrift(ref, cur);
    expect({ ref, cur }).toEqual(before);
  });

  it('uses KS’s p <= threshold and chi-squared’s p < threshold, as evidently does', () => {
    const ref = { x: normals(200) };
    const cur = { x: normals(200, 0.2) };
    const p = detectDrift(ref, cur).columns[0]!.pValue!;
    expect(detectDrift(ref, cur, { threshold: p }).columns[0]!.drifted).toBe(true);
    const cref = { c: text(300, ['a', 'b', 'c']) };
    const ccur = { c: text(200, ['a', 'b', 'b', 'c']) };
    const cp = detectDrift(cref, ccur).columns[0]!.pValue!;
    expect(detectDrift(cref, ccur, { threshold: cp }).columns[0]!.drifted).toBe(false);
  });
});

describe('overrides', () => {
  const ref: Frame = { a: normals(500), b: normals(500), c: text(500, ['x', 'y', 'z']) };
  const cur: Frame = { a: normals(400, 0.5), b: normals(400), c: text(400, ['x', 'y', 'z', 'z']) };

  it('per column wins over numeric/categorical, which wins over the global option', () => {
    const report = detectDrift(ref, cur, {
      test: 'psi',
      numericTest: 'wasserstein',
      perColumn: { b: { test: 'ks', threshold: 0.01 } },
    });
    expect(
      report.columns.map((c) => [c.column, c.test, c.testFrom, c.threshold, c.thresholdFrom]),
    ).toEqual([
      ['a', 'wasserstein', 'options.numericTest', 0.1, 'default'],
      ['b', 'ks', 'options.perColumn.b.test', 0.01, 'options.perColumn.b.threshold'],
      ['c', 'psi', 'options.test', 0.1, 'default'],
    ]);
    expect(report.columns[0]!.reason).toContain(
      'options.numericTest = "wasserstein" (the default would be ks',
    );
  });

  it('thresholds follow the same precedence', () => {
    const report = detectDrift(ref, cur, {
      threshold: 0.2,
      categoricalThreshold: 0.01,
      perColumn: { a: { threshold: 0.001 } },
    });
    expect(report.columns.map((c) => [c.threshold, c.thresholdFrom])).toEqual([
      [0.001, 'options.perColumn.a.threshold'],
      [0.2, 'options.threshold'],
      [0.01, 'options.categoricalThreshold'],
    ]);
  });

  it('reads a numeric column as categories when asked', () => {
    const report = detectDrift(
      { n: cycle(500, 8) },
      { n: cycle(300, 8) },
      { perColumn: { n: { kind: 'categorical' } } },
    );
    expect(report.columns[0]).toMatchObject({ kind: 'categorical', test: 'chisquare' });
  });

  it('compares only the listed columns', () => {
    const report = detectDrift(ref, cur, { columns: ['c', 'a'] });
    expect(report.columns.map((c) => c.column)).toEqual(['c', 'a']);
  });
});

describe('multiple-testing correction and the dataset verdict', () => {
  // Chi-squared with 2 dof has p = exp(-x/2). Reference a, b, c × 300; current (300 + d, 300 - d,
  // 300) gives x = 2d²/300, so p = exp(-d²/300): 0.0012, 0.0104, 0.0212, 0.0498 and 0.72.
  const column = (a: number, b: number, c: number) => [
    ...text(a, ['a']),
    ...text(b, ['b']),
    ...text(c, ['c']),
  ];
  const ds = [45, 37, 34, 30, 10];
  const ref: Frame = {};
  const cur: Frame = {};
  ds.forEach((d, i) => {
    ref[`x${i}`] = column(300, 300, 300);
    cur[`x${i}`] = column(300 + d, 300 - d, 300);
  });

  it('Bonferroni and Benjamini–Hochberg adjust the p-values and re-decide', () => {
    const plain = detectDrift(ref, cur);
    plain.columns.forEach((c, i) =>
      expect(c.pValue).toBeCloseTo(Math.exp(-(ds[i]! ** 2) / 300), 14),
    );
    expect(plain.columns.every((c) => c.adjustedPValue === null)).toBe(true);
    const bonf = detectDrift(ref, cur, { correction: 'bonferroni' });
    const bh = detectDrift(ref, cur, { correction: 'bh' });
    bonf.columns.forEach((c, i) => {
      expect(c.adjustedPValue).toBe(Math.min(1, plain.columns[i]!.pValue! * 5));
      expect(c.score).toBe(c.adjustedPValue);
    });
    // BH: p(i)·5/i = 0.0058, 0.026, 0.035, 0.062, 0.72 (already increasing).
    bh.columns.forEach((c, i) =>
      expect(c.adjustedPValue).toBeCloseTo((plain.columns[i]!.pValue! * 5) / (i + 1), 14),
    );
    const drifted = (r: typeof plain) => r.columns.map((c) => c.drifted);
    expect(drifted(plain)).toEqual([true, true, true, true, false]);
    expect(drifted(bh)).toEqual([true, true, true, false, false]);
    expect(drifted(bonf)).toEqual([true, false, false, false, false]);
  });

  it('leaves distance tests alone', () => {
    const r = { d: normals(2000), p: normals(300) };
    const c = { d: normals(2000, 0.5), p: normals(300) };
    const report = detectDrift(r, c, { correction: 'bonferroni' });
    expect(report.columns[0]).toMatchObject({
      test: 'wasserstein',
      adjustedPValue: null,
      drifted: true,
    });
    // One p-value column: Bonferroni over m = 1 leaves its p-value as it is.
    expect(report.columns[1]!.adjustedPValue).toBe(report.columns[1]!.pValue);
  });

  it('the dataset drifts when the drifted share reaches driftShare (default 0.5)', () => {
    const r = { a: normals(300), b: normals(300), c: normals(300), d: normals(300) };
    const c = { a: normals(300, 1), b: normals(300, 1), c: normals(300), d: normals(300) };
    const half = detectDrift(r, c, { threshold: 0.001 });
    expect([half.numberOfDriftedColumns, half.shareOfDriftedColumns, half.datasetDrift]).toEqual([
      2,
      0.5,
      true,
    ]);
    expect(detectDrift(r, c, { threshold: 0.001, driftShare: 0.51 }).datasetDrift).toBe(false);
    expect(detectDrift(r, c, { threshold: 0.001, driftShare: 0.25 }).datasetDrift).toBe(true);
  });
});

describe('errors name the column and the option', () => {
  const ref: Frame = { fare: normals(50), zone: text(50, ['a', 'b', 'c']) };
  const cur: Frame = { fare: normals(50), zone: text(50, ['a', 'b']) };

  it('rejects unknown options and tests with their path', () => {
    expectError(
      () => detectDrift(ref, cur, { tset: 'ks' } as DriftOptions),
      'invalid-option',
      'options: unknown option "tset"',
      'Known options: columns, test',
    );
    expectError(
      () => detectDrift(ref, cur, { perColumn: { fare: { test: 'kss' as 'ks' } } }),
      'invalid-option',
      'options.perColumn.fare.test',
      '"ks"|"chisquare"',
    );
    expectError(
      () => detectDrift(ref, cur, { threshold: -1 }),
      'invalid-option',
      'options.threshold',
    );
    expectError(
      () => detectDrift(ref, cur, { driftShare: 1.5 }),
      'invalid-option',
      'options.driftShare',
    );
    expectError(
      () => detectDrift(ref, cur, { correction: 'holm' as 'bh' }),
      'invalid-option',
      'options.correction',
    );
  });

  it('rejects a test that does not fit the column', () => {
    expectError(
      () => detectDrift(ref, cur, { test: 'ks' }),
      'incompatible-test',
      'Column "zone" is categorical, but options.test is "ks"',
      'options.perColumn.zone.test to one of chisquare, z, jensenshannon, psi',
    );
    expectError(
      () => detectDrift(ref, cur, { perColumn: { zone: { test: 'z' } } }),
      'incompatible-test',
      'Column "zone" has 3 distinct values',
      'Either use chisquare',
    );
    expectError(
      () => detectDrift(ref, cur, { perColumn: { fare: { threshold: 1.5 } } }),
      'invalid-option',
      'Column "fare": options.perColumn.fare.threshold is 1.5',
      'must lie in (0, 1)',
    );
    expectError(
      () => detectDrift(ref, cur, { perColumn: { zone: { kind: 'numeric' } } }),
      'invalid-option',
      'Column "zone" holds text, so options.perColumn.zone.kind cannot be "numeric"',
    );
  });

  it('rejects missing, mismatched and empty columns', () => {
    expectError(
      () => detectDrift(ref, { fare: normals(5) }),
      'unknown-column',
      'No column "zone" in the current data (it has: fare)',
    );
    expectError(
      () => detectDrift(ref, cur, { columns: ['fair'] }),
      'unknown-column',
      'No column "fair" in the reference data',
      'remove it from options.columns',
    );
    expectError(
      () => detectDrift(ref, cur, { columns: ['fare'], perColumn: { zone: {} } }),
      'unknown-column',
      'options.perColumn.zone',
    );
    expectError(
      () => detectDrift(ref, { ...cur, fare: text(5, ['1']) }),
      'column-mismatch',
      'Column "fare" holds numbers in the reference but text',
    );
    expectError(
      () => detectDrift(ref, { ...cur, fare: Float64Array.of(NaN, Infinity) }),
      'empty-column',
      'Column "fare" has no values left in the current data (2 missing or infinite dropped)',
    );
  });
});
