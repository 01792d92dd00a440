/** Drift statistics, each checked against scipy (see README.md). */
export { StatsError, type StatsErrorCode } from './errors';
export { dropNonFinite, type FiniteValues } from './finite';
export { type Category, countCategories, type CategoryCounts } from './categories';
export { ks2samp, type KsOptions, type KsResult } from './ks-2samp';
export {
  chiSquare,
  chiSquareDrift,
  type ChiSquareResult,
  type ChiSquareDriftResult,
} from './chi-square';
export { chi2Contingency, type ContingencyResult } from './chi2-contingency';
export { twoProportionZTest, zTestDrift, type ZTestResult, type ZTestDriftResult } from './z-test';
export { psi, psiCategorical, type NumericPsiResult, type CategoricalPsiResult } from './psi';
export { wasserstein, type WassersteinResult } from './wasserstein';
export {
  jensenShannon,
  jensenShannonCategorical,
  jensenShannonDistance,
  type JensenShannonOptions,
  type NumericJensenShannonOptions,
  type JensenShannonResult,
} from './jensen-shannon';
export { bonferroni, benjaminiHochberg } from './multiple-testing';
export { fillZeroShares } from './smoothing';
export { chi2Sf, gammainc, gammaincc, lgamma, normTwoSidedP } from './special/gamma';
export { kstwoSf } from './special/kolmogorov';
export { smirnovSf } from './special/smirnov';
