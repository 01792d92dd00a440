import { LabbookError } from '../../errors';

/** Error codes a drift statistic can report. */
export type StatsErrorCode = 'empty-sample' | 'invalid-option' | 'invalid-count';

/** A statistic could not be computed; `code` is stable, `message` says why and how to fix it. */
export class StatsError extends LabbookError<StatsErrorCode> {
  constructor(code: StatsErrorCode, message: string) {
    super(code, message);
    this.name = 'StatsError';
  }
}
