import type { FileResult, TestSummary } from './types';

/** Counts per status over every file; a file that did not load counts as one failure. */
export function summarize(files: readonly FileResult[]): TestSummary {
  const summary: TestSummary = { passed: 0, failed: 0, skipped: 0, timedOut: 0, total: 0 };
  for (const file of files) {
    if (file.error && file.tests.length === 0) summary.failed += 1;
    for (const test of file.tests) {
      if (test.status === 'passed') summary.passed += 1;
      else if (test.status === 'failed') summary.failed += 1;
      else if (test.status === 'skipped') summary.skipped += 1;
      else summary.timedOut += 1;
    }
  }
  summary.total = summary.passed + summary.failed + summary.skipped + summary.timedOut;
  return summary;
}
