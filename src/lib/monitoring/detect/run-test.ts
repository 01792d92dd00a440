import { type Category, countCategories } from '../stats/categories';
import { chiSquareDrift } from '../stats/chi-square';
import { jensenShannonDistance } from '../stats/jensen-shannon';
import { psiCategorical } from '../stats/psi';
import { zTestDrift } from '../stats/z-test';
import { countDistinct } from './choose-test';
import { jensenShannonHistogram } from './jensen-shannon-evidently';
import { ksSorted, psiSorted, type SortedSample, wassersteinSorted } from './sorted-tests';
import type { ColumnKind, DriftTestName } from './drift-tests';

/** A column with missing and infinite values dropped; its values are read, never changed. */
export interface CleanColumn {
  kind: ColumnKind;
  reference: Float64Array | Category[];
  current: Float64Array | Category[];
  /** Numeric values sorted ascending, sorted at most once. */
  sorted(): { reference: SortedSample; current: SortedSample };
}

export interface TestOutcome {
  /** KS D, chi², z, normalised Wasserstein, Jensen–Shannon distance or PSI. */
  statistic: number;
  pValue: number | null;
}

/** evidently bins a numeric column for Jensen–Shannon only when it has more than 20 values. */
const HISTOGRAM_MIN_VALUES = 21;

/** Runs one test the way evidently's stattest of that name does (PSI: reference quantile bins). */
export function runTest(test: DriftTestName, column: CleanColumn, psiBins: number): TestOutcome {
  const { reference, current } = column;
  const numeric = column.kind === 'numeric';
  switch (test) {
    case 'ks': {
      const s = column.sorted();
      const r = ksSorted(s.reference, s.current);
      return { statistic: r.statistic, pValue: r.pValue };
    }
    case 'wasserstein': {
      const s = column.sorted();
      return { statistic: wassersteinSorted(s.reference, s.current).normalized, pValue: null };
    }
    case 'psi': {
      if (!numeric) return { statistic: psiCategorical(reference, current).value, pValue: null };
      const s = column.sorted();
      return { statistic: psiSorted(s.reference, s.current, psiBins).value, pValue: null };
    }
    case 'chisquare': {
      const r = chiSquareDrift(reference, current);
      return { statistic: r.statistic, pValue: r.pValue };
    }
    case 'z': {
      const r = zTestDrift(reference, current);
      return { statistic: r.statistic, pValue: r.pValue };
    }
    case 'jensenshannon': {
      if (numeric && countDistinct(reference, [], HISTOGRAM_MIN_VALUES) >= HISTOGRAM_MIN_VALUES) {
        const s = column.sorted();
        return { statistic: jensenShannonHistogram(s.reference, s.current), pValue: null };
      }
      // Shares per distinct value, not smoothed (evidently calls get_binned_data(..., False)).
      const c = countCategories(reference, current);
      return { statistic: jensenShannonDistance(c.reference, c.current), pValue: null };
    }
  }
}
