import { z } from 'zod';
import { DriftError } from './errors';
import { DRIFT_TESTS } from './drift-tests';

const test = z.enum(DRIFT_TESTS);
/** A p-value level for p-value tests, a distance for the others; checked per test later. */
const threshold = z.number().positive();
const kind = z.enum(['numeric', 'categorical']);

/** Overrides for one column; they win over the kind-wide and global options. */
const columnOptionsSchema = z.strictObject({
  test: test.optional(),
  threshold: threshold.optional(),
  /** Read a numeric column as categories (its distinct numbers). */
  kind: kind.optional(),
});

/**
 * Options of `detectDrift`, named after evidently's (`stattest`, `num_stattest`,
 * `per_column_stattest`, `stattest_threshold`, `drift_share`…). Precedence per column:
 * perColumn, then numeric/categorical, then the global one, then evidently's default.
 */
export const driftOptionsSchema = z.strictObject({
  /** Columns to compare (default: every column of the reference). */
  columns: z.array(z.string().min(1)).min(1).optional(),
  test: test.optional(),
  numericTest: test.optional(),
  categoricalTest: test.optional(),
  threshold: threshold.optional(),
  numericThreshold: threshold.optional(),
  categoricalThreshold: threshold.optional(),
  perColumn: z.record(z.string(), columnOptionsSchema).default({}),
  /** Adjusts the p-values of the p-value tests for testing many columns at once. */
  correction: z.enum(['none', 'bonferroni', 'bh']).default('none'),
  /** The dataset drifts when at least this share of the compared columns drifts. */
  driftShare: z.number().gt(0).max(1).default(0.5),
  /** Reference-quantile bins for PSI on numeric columns. */
  psiBins: z.number().int().min(1).max(1000).default(10),
});

export type DriftOptions = z.input<typeof driftOptionsSchema>;
export type ResolvedDriftOptions = z.output<typeof driftOptionsSchema>;

const OPTION_NAMES = Object.keys(driftOptionsSchema.shape).join(', ');

const pathText = (path: PropertyKey[]) =>
  ['options', ...path]
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');

/** Validates options; the error names the option path (and so the column) and what fits. */
export function parseDriftOptions(options: DriftOptions = {}): ResolvedDriftOptions {
  const parsed = driftOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const where = pathText(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = issue.path.length === 0 ? OPTION_NAMES : 'test, threshold, kind';
      return `${where}: unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}. Known options: ${known}.`;
    }
    return `${where}: ${issue.message}.`;
  });
  throw new DriftError('invalid-option', `Invalid drift options:\n  ${lines.join('\n  ')}`);
}
