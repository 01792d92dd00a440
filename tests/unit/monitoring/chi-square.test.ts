import { describe, expect, it } from 'vitest';
import type { Category } from '../../../src/lib/monitoring/stats/categories';
import { chi2Contingency } from '../../../src/lib/monitoring/stats/chi2-contingency';
import { chiSquare, chiSquareDrift } from '../../../src/lib/monitoring/stats/chi-square';
import { StatsError } from '../../../src/lib/monitoring/stats/errors';
import { expectClose, loadFixture } from './reference';

interface DriftCase {
  name: string;
  reference: (Category | null)[];
  current: (Category | null)[];
  categories: Category[];
  gof: { statistic: number; pvalue: number; f_obs: number[]; f_exp: number[] };
  contingency: { statistic: number; pvalue: number; dof: number; table: number[][] };
}

interface Doc {
  drift: DriftCase[];
  chisquare: { observed: number[]; expected: number[]; statistic: number; pvalue: number }[];
  contingency: {
    table: number[][];
    statistic: number;
    pvalue: number;
    dof: number;
    expected: number[][];
  }[];
}

const doc = loadFixture<Doc>('chi-square.json').cases[0]!;

describe('chiSquareDrift matches scipy.stats.chisquare(current counts, scaled reference counts)', () => {
  for (const c of doc.drift) {
    it(c.name, () => {
      const r = chiSquareDrift(c.reference, c.current);
      expect(r.categories).toEqual(c.categories);
      expect(Array.from(r.observed)).toEqual(c.gof.f_obs);
      r.expected.forEach((e, i) => expectClose(e, c.gof.f_exp[i]!, 1e-15, 0, 'f_exp'));
      if (c.categories.length === 1) {
        // scipy: statistic 0, p-value NaN (no degrees of freedom); we report p = 1.
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
      } else {
        expectClose(r.statistic, c.gof.statistic, 1e-12, 0, 'statistic');
        expectClose(r.pValue, c.gof.pvalue, 1e-9, 1e-300, 'p-value');
      }
    });
    it(`${c.name}: 2×k contingency`, () => {
      const r = chi2Contingency(c.contingency.table);
      expect(r.dof).toBe(c.contingency.dof);
      expectClose(r.statistic, c.contingency.statistic, 1e-12, 1e-15, 'statistic');
      expectClose(r.pValue, c.contingency.pvalue, 1e-9, 1e-300, 'p-value');
    });
  }

  it('reports new and missing categories', () => {
    const r = chiSquareDrift(['a', 'b', 'b'], ['b', 'c']);
    expect(r.newCategories).toEqual(['c']);
    expect(r.missingCategories).toEqual(['a']);
    expect(r.statistic).toBe(Infinity);
    expect(r.pValue).toBe(0);
  });

  it('rejects an empty column with a code', () => {
    expect(() => chiSquareDrift([null, null], ['a'])).toThrowError(StatsError);
    try {
      chiSquareDrift(['a'], []);
    } catch (e) {
      expect((e as StatsError).code).toBe('empty-sample');
      expect((e as StatsError).message).toMatch(/current column has no non-missing values/);
    }
  });
});

describe('chiSquare and chi2Contingency match scipy', () => {
  for (const c of doc.chisquare) {
    it(`chisquare(${c.observed.join(',')})`, () => {
      const r = chiSquare(c.observed, c.expected);
      expectClose(r.statistic, c.statistic, 1e-12, 0, 'statistic');
      expectClose(r.pValue, c.pvalue, 1e-9, 0, 'p-value');
    });
  }
  for (const c of doc.contingency) {
    it(`chi2_contingency ${c.table.length}×${c.table[0]!.length}`, () => {
      const r = chi2Contingency(c.table);
      expect(r.dof).toBe(c.dof);
      expectClose(r.statistic, c.statistic, 1e-12, 0, 'statistic');
      expectClose(r.pValue, c.pvalue, 1e-9, 1e-300, 'p-value');
      r.expected.forEach((row, i) =>
        row.forEach((e, j) => expectClose(e, c.expected[i]![j]!, 1e-14, 0, 'expected')),
      );
    });
  }

  it('explains mismatched totals and zero expected cells', () => {
    expect(() => chiSquare([1, 2], [1, 1])).toThrowError(/sum to 3 but expected counts sum to 2/);
    expect(() =>
      chi2Contingency([
        [1, 0],
        [2, 0],
      ]),
    ).toThrowError(/column 1 has an expected count of 0/);
    expect(() => chiSquare([1, -1], [0, 0])).toThrowError(/index 1/);
  });
});
