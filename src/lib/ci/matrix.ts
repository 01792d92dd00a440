import { CiError } from './errors';
import type { MatrixSpec } from './schema';

/** More jobs than this from one matrix is almost surely a mistake (GitHub's own limit is 256). */
export const MAX_MATRIX_JOBS = 256;

export type Combination = Record<string, string | number | boolean>;

/**
 * The jobs a `strategy.matrix` makes: the product of its keys, minus `exclude`, plus `include`
 * (merged into matching combinations or added, as GitHub does). The size is computed before
 * anything is built, so a 10,000-job matrix is refused without making 10,000 objects.
 */
export function expandMatrix(matrix: MatrixSpec, job: string): Combination[] {
  const { include = [], exclude = [], ...axes } = matrix;
  const keys = Object.keys(axes);
  const product = keys.reduce((n, k) => n * (axes[k] as unknown[]).length, keys.length ? 1 : 0);
  if (product + include.length > MAX_MATRIX_JOBS)
    throw new CiError(
      'matrix-too-large',
      `The matrix of job "${job}" makes ${product + include.length} jobs (${keys.map((k) => `${k}: ${(axes[k] as unknown[]).length}`).join(' × ') || '0'}${include.length ? ` + ${include.length} include` : ''}); the limit is ${MAX_MATRIX_JOBS}. Use fewer values per key, or a sweep inside one job (lab.pipeline) instead of one job per value.`,
    );
  let combos: Combination[] = keys.length ? [{}] : [];
  for (const key of keys)
    combos = combos.flatMap((c) =>
      (axes[key] as Combination[string][]).map((v) => ({ ...c, [key]: v })),
    );
  const matches = (c: Combination, partial: Combination) =>
    Object.entries(partial).every(([k, v]) => c[k] === v);
  combos = combos.filter((c) => !exclude.some((e) => matches(c, e)));
  for (const extra of include) {
    const original = Object.fromEntries(Object.entries(extra).filter(([k]) => keys.includes(k)));
    const targets = combos.filter(
      (c) => keys.length && Object.keys(original).length && matches(c, original),
    );
    if (targets.length) for (const t of targets) Object.assign(t, extra);
    else combos.push({ ...extra });
  }
  return combos;
}

/** `train (alpha: 0.1, fold: 2)`: the name GitHub shows for one matrix job. */
export function matrixJobName(base: string, combo: Combination): string {
  const values = Object.values(combo);
  return values.length ? `${base} (${values.join(', ')})` : base;
}
