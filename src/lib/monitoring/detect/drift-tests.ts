/**
 * The tests a column can be checked with, and how each one decides drift. Thresholds and
 * directions are evidently's (`StatTest.default_threshold`; KS drifts when p <= threshold, the
 * chi-squared and z-tests when p < threshold, distances when the distance >= threshold).
 */
export const DRIFT_TESTS = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] as const;
export type DriftTestName = (typeof DRIFT_TESTS)[number];

export type ColumnKind = 'numeric' | 'categorical';

export interface DriftTestInfo {
  name: DriftTestName;
  /** evidently's display name, e.g. "K-S p_value". */
  label: string;
  /** p-value tests drift on small values; distances on large ones. */
  score: 'p-value' | 'distance';
  defaultThreshold: number;
  /** Column kinds the test accepts (numeric columns can be read as categories). */
  kinds: readonly ColumnKind[];
}

export const TEST_INFO: Record<DriftTestName, DriftTestInfo> = {
  ks: {
    name: 'ks',
    label: 'K-S p_value',
    score: 'p-value',
    defaultThreshold: 0.05,
    kinds: ['numeric'],
  },
  chisquare: {
    name: 'chisquare',
    label: 'chi-square p_value',
    score: 'p-value',
    defaultThreshold: 0.05,
    kinds: ['numeric', 'categorical'],
  },
  z: {
    name: 'z',
    label: 'Z-test p_value',
    score: 'p-value',
    defaultThreshold: 0.05,
    kinds: ['numeric', 'categorical'],
  },
  wasserstein: {
    name: 'wasserstein',
    label: 'Wasserstein distance (normed)',
    score: 'distance',
    defaultThreshold: 0.1,
    kinds: ['numeric'],
  },
  jensenshannon: {
    name: 'jensenshannon',
    label: 'Jensen-Shannon distance',
    score: 'distance',
    defaultThreshold: 0.1,
    kinds: ['numeric', 'categorical'],
  },
  psi: {
    name: 'psi',
    label: 'PSI',
    score: 'distance',
    defaultThreshold: 0.1,
    kinds: ['numeric', 'categorical'],
  },
};

/** Whether `score` means drift under `threshold` for this test. */
export function isDrift(test: DriftTestName, score: number, threshold: number): boolean {
  if (test === 'ks') return score <= threshold;
  return TEST_INFO[test].score === 'p-value' ? score < threshold : score >= threshold;
}
