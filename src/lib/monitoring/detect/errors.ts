import { LabbookError } from '../../errors';

/** Why a drift check could not run. `code` is stable; the message names the column and the fix. */
export type DriftErrorCode =
  'invalid-option' | 'unknown-column' | 'empty-column' | 'incompatible-test' | 'column-mismatch';

export class DriftError extends LabbookError<DriftErrorCode> {
  override name = 'DriftError';
}
