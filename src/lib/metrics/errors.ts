/** Why a metric could not be computed. */
export type MetricErrorCode =
  | 'length-mismatch'
  | 'empty'
  | 'not-finite'
  | 'negative-value'
  | 'too-few-values'
  | 'unknown-metric';

/** A metric input problem: `code` is stable, `index` points at the offending element when there is one. */
export class MetricError extends Error {
  readonly code: MetricErrorCode;
  readonly index: number | undefined;

  constructor(code: MetricErrorCode, message: string, index?: number) {
    super(message);
    this.name = 'MetricError';
    this.code = code;
    this.index = index;
  }
}
