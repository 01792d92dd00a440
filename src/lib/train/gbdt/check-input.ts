import type { Matrix } from '../matrix';
import { GbdtError } from './errors';

/**
 * Training rows a booster can use. NaN in a feature is a missing value (it has a bin of its own,
 * as in sklearn); ±Infinity is refused, because it is almost always a division by zero upstream
 * and would silently land in the outermost bin.
 */
export function checkTrainingInput(x: Matrix, y: Float64Array, names?: string[]): void {
  const name = (f: number) => (names?.[f] ? `"${names[f]}"` : `feature ${f}`);
  if (x.rows === 0) throw new GbdtError('empty', 'There are no training rows.');
  if (x.cols === 0)
    throw new GbdtError('empty', 'There are no features: list at least one feature column.');
  if (y.length !== x.rows)
    throw new GbdtError('shape', `X has ${x.rows} rows but y has ${y.length} values.`);
  for (let i = 0; i < y.length; i++)
    if (!Number.isFinite(y[i]!))
      throw new GbdtError(
        'non-finite',
        `The target is ${y[i]} in training row ${i}: drop or fill that row before training.`,
      );
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i]!;
    if (v === Infinity || v === -Infinity)
      throw new GbdtError(
        'non-finite',
        `${name(i % x.cols)} is ${v} in training row ${Math.floor(i / x.cols)}: replace it with NaN (a missing value, which trees handle) or a finite value.`,
      );
  }
}
