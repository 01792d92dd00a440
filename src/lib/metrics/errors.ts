import { LabbookError } from '../errors';

/** Why a metric could not be computed. */
export type MetricErrorCode =
  | 'length-mismatch'
  | 'empty'
  | 'not-finite'
  | 'negative-value'
  | 'too-few-values'
  | 'unknown-metric';

/** A metric input problem: `code` is stable, `index` points at the offending element when there is one. */
export class MetricError extends LabbookError<MetricErrorCode> {
  readonly index: number | undefined;

  constructor(code: MetricErrorCode, message: string, index?: number) {
    super(code, message);
    this.name = 'MetricError';
    this.index = index;
  }
}
