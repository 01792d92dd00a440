import { GbdtError } from './errors';

/**
 * The hyperparameters, named and defaulted as scikit-learn's HistGradientBoostingRegressor names
 * them (loss is squared error only), so a config reads the same in both and exports one-to-one.
 */
export interface GbdtParams {
  learning_rate: number;
  max_iter: number;
  max_leaf_nodes: number | null;
  max_depth: number | null;
  min_samples_leaf: number;
  l2_regularization: number;
  max_bins: number;
  /** On: stop when the validation loss has not improved by `tol` for `n_iter_no_change` rounds. */
  early_stopping: boolean;
  validation_fraction: number;
  n_iter_no_change: number;
  tol: number;
}

export const GBDT_DEFAULTS: GbdtParams = {
  learning_rate: 0.1,
  max_iter: 100,
  max_leaf_nodes: 31,
  max_depth: null,
  min_samples_leaf: 20,
  l2_regularization: 0,
  max_bins: 255,
  early_stopping: false,
  validation_fraction: 0.1,
  n_iter_no_change: 10,
  tol: 1e-7,
};

export const GBDT_PARAM_NAMES = Object.keys(GBDT_DEFAULTS) as (keyof GbdtParams)[];

type Rule = [test: (v: number) => boolean, range: string];
const int = (lo: number, hi = Infinity): Rule => [
  (v) => Number.isInteger(v) && v >= lo && v <= hi,
  hi === Infinity ? `a whole number ≥ ${lo}` : `a whole number from ${lo} to ${hi}`,
];
const RULES: Record<Exclude<keyof GbdtParams, 'early_stopping'>, Rule> = {
  learning_rate: [(v) => v > 0 && v <= 10, 'a number in (0, 10]'],
  max_iter: int(1, 10000),
  max_leaf_nodes: int(2),
  max_depth: int(1),
  min_samples_leaf: int(1),
  l2_regularization: [(v) => v >= 0 && Number.isFinite(v), 'a number ≥ 0'],
  // 255 bins for values and one for missing values: a bin index fits in a byte.
  max_bins: int(2, 255),
  validation_fraction: [(v) => v > 0 && v < 1, 'a fraction in (0, 1)'],
  n_iter_no_change: int(1),
  tol: [(v) => v >= 0 && Number.isFinite(v), 'a number ≥ 0'],
};

const NULLABLE = new Set(['max_leaf_nodes', 'max_depth']);

/** Defaults filled in and every value checked, with the range in the error. */
export function resolveParams(given: Partial<GbdtParams> = {}): GbdtParams {
  const p = { ...GBDT_DEFAULTS, ...given };
  for (const [name, [ok, range]] of Object.entries(RULES)) {
    const v = p[name as keyof typeof RULES];
    if (v === null && NULLABLE.has(name)) continue;
    if (typeof v !== 'number' || !ok(v))
      throw new GbdtError(
        'bad-param',
        `${name} must be ${range}${NULLABLE.has(name) ? ' (or null for no limit)' : ''}; got ${String(v)}.`,
        name,
      );
  }
  if (typeof p.early_stopping !== 'boolean')
    throw new GbdtError(
      'bad-param',
      `early_stopping must be true or false; got ${String(p.early_stopping)}.`,
      'early_stopping',
    );
  return p;
}
