import { describe, expect, it } from 'vitest';
import type { Category } from '../../../src/lib/monitoring/stats/categories';
import {
  jensenShannon,
  jensenShannonCategorical,
} from '../../../src/lib/monitoring/stats/jensen-shannon';
import { benjaminiHochberg, bonferroni } from '../../../src/lib/monitoring/stats/multiple-testing';
import { psi, psiCategorical } from '../../../src/lib/monitoring/stats/psi';
import { wasserstein } from '../../../src/lib/monitoring/stats/wasserstein';
import { twoProportionZTest } from '../../../src/lib/monitoring/stats/z-test';
import { expectClose, loadFixture } from './reference';

interface Shares {
  referenceShares: number[];
  currentShares: number[];
}
interface NumericCase {
  name: string;
  reference: number[];
  current: number[];
  psi: Shares & { value: number; edges: number[] };
  psi5: Shares & { value: number; edges: number[] };
  wasserstein: { distance: number; normalized: number };
  js: Shares & { distance: number; edges: number[] };
  js30base2: Shares & { distance: number; edges: number[] };
}
interface CategoricalCase {
  name: string;
  reference: (Category | null)[];
  current: (Category | null)[];
  psi: Shares & { value: number; categories: Category[] };
  js: { distance: number };
  js2: { distance: number };
}
interface Doc {
  numeric: NumericCase[];
  categorical: CategoricalCase[];
  ztest: { s1: number; n1: number; s2: number; n2: number; z: number; pvalue: number }[];
  multitest: { p: number[]; bonferroni: number[]; bh: number[] }[];
}

const doc = loadFixture<Doc>('drift.json').cases[0]!;
const REL = 1e-9;

function expectArray(
  actual: ArrayLike<number>,
  expected: number[],
  rel: number,
  label: string,
): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expectClose(actual[i]!, expected[i]!, rel, 0, `${label}[${i}]`);
}

describe('numeric drift statistics match numpy/scipy', () => {
  for (const c of doc.numeric) {
    it(`PSI: ${c.name}`, () => {
      for (const [bins, ref] of [
        [10, c.psi],
        [5, c.psi5],
      ] as const) {
        const r = psi(c.reference, c.current, { bins });
        expectArray(r.edges, ref.edges, 0, 'edges');
        expectArray(r.referenceShares, ref.referenceShares, 0, 'reference shares');
        expectArray(r.currentShares, ref.currentShares, 0, 'current shares');
        expectClose(r.value, ref.value, REL, 1e-15, 'psi');
      }
    });
    it(`Wasserstein: ${c.name}`, () => {
      const r = wasserstein(c.reference, c.current);
      expectClose(r.distance, c.wasserstein.distance, REL, 1e-15, 'distance');
      expectClose(r.normalized, c.wasserstein.normalized, REL, 1e-15, 'normalized');
    });
    it(`Jensen–Shannon: ${c.name}`, () => {
      const r = jensenShannon(c.reference, c.current);
      expectArray(r.edges, c.js.edges, 0, 'edges');
      expectArray(r.referenceShares, c.js.referenceShares, 0, 'reference shares');
      expectClose(r.distance, c.js.distance, REL, 1e-12, 'distance');
      const r2 = jensenShannon(c.reference, c.current, { bins: 30, base: 2 });
      expectArray(r2.edges, c.js30base2.edges, 0, 'edges');
      expectClose(r2.distance, c.js30base2.distance, REL, 1e-12, 'distance base 2');
    });
  }
});

describe('categorical drift statistics match pandas/scipy', () => {
  for (const c of doc.categorical) {
    it(c.name, () => {
      const p = psiCategorical(c.reference, c.current);
      expect(p.categories).toEqual(c.psi.categories);
      expectArray(p.referenceShares, c.psi.referenceShares, 0, 'reference shares');
      expectClose(p.value, c.psi.value, REL, 1e-15, 'psi');
      expectClose(
        jensenShannonCategorical(c.reference, c.current).distance,
        c.js.distance,
        REL,
        1e-12,
        'js',
      );
      expectClose(
        jensenShannonCategorical(c.reference, c.current, { base: 2 }).distance,
        c.js2.distance,
        REL,
        1e-12,
        'js2',
      );
    });
  }
});

describe('two-proportion z-test', () => {
  for (const c of doc.ztest) {
    it(`${c.s1}/${c.n1} vs ${c.s2}/${c.n2}`, () => {
      const r = twoProportionZTest(c.s1, c.n1, c.s2, c.n2);
      expectClose(r.statistic, c.z, 1e-12, 1e-15, 'z');
      expectClose(r.pValue, c.pvalue, 1e-9, 1e-300, 'p-value');
    });
  }
});

describe('multiple-testing corrections', () => {
  for (const c of doc.multitest) {
    it(`${c.p.length} p-values`, () => {
      expectArray(bonferroni(c.p), c.bonferroni, 0, 'bonferroni');
      expectArray(benjaminiHochberg(c.p), c.bh, 1e-15, 'bh');
    });
  }
});
