import type { ValidationReport } from './evaluate';
import { LabbookError } from '../../errors';

/** A failed validation used as a pipeline gate: the pipeline stops and says why. */
export class ValidationGateError extends LabbookError<'validation-failed'> {
  override name = 'ValidationGateError';
  constructor(readonly report: ValidationReport) {
    const failed = report.results.filter((r) => !r.success);
    super(
      'validation-failed',
      `Data validation "${report.suite}" failed ${failed.length} of ${report.results.length} expectations:\n` +
        failed
          .map((r) => {
            const column = 'column' in r.kwargs ? ` on "${r.kwargs.column}"` : '';
            const why =
              r.exception_info?.message ??
              (r.result.unexpected_count !== undefined
                ? `${r.result.unexpected_count} unexpected values (${r.result.unexpected_percent!.toFixed(2)} %)`
                : `observed ${JSON.stringify(r.result.observed_value)}`);
            return `  ${r.expectation_type}${column}: ${why}`;
          })
          .join('\n'),
    );
  }
}

/** Throws a ValidationGateError unless every expectation passed. */
export function assertValid(report: ValidationReport): ValidationReport {
  if (!report.success) throw new ValidationGateError(report);
  return report;
}
