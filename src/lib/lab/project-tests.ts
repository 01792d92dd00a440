import * as aq from 'arquero';
import { ProjectError } from '../project/errors';
import { formatLocation } from '../project/modules/module-error';
import type { TestReport } from '../project/testing/types';
import { defineLabNamespace } from './index';

/** How lab.test.run() runs tests: the kernel worker sets one that uses a watched worker. */
export type ProjectTestHost = (
  files: Record<string, string>,
  options: { files?: string[]; coverage?: boolean; timeoutMs?: number },
) => Promise<TestReport>;

let host: ProjectTestHost | undefined;

export function setProjectTestHost(value: ProjectTestHost | undefined): void {
  host = value;
}

// Without a host (Node, the lesson runner) the tests run in this thread; loaded only then, so
// chai stays out of the kernel's bundle.
const inThisThread: ProjectTestHost = async (files, options) =>
  (await import('../project/testing/run-project-tests')).runProjectTests(files, options);

/** The test runner lab.test.run() uses (a watched worker in the app); CI steps use it too. */
export function projectTestHost(): ProjectTestHost {
  return host ?? inThisThread;
}

export interface LabTestOptions {
  files?: string[];
  coverage?: boolean;
  timeoutMs?: number;
}

function checkOptions(options: unknown): LabTestOptions {
  if (options === undefined) return {};
  const bad = (why: string) =>
    new ProjectError(
      'bad-option',
      `lab.test.run(options): ${why} For example: lab.test.run({ files: ['tests/features.test.js'], coverage: true }).`,
    );
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw bad('options must be an object.');
  const { files, coverage, timeoutMs, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length)
    throw bad(`unknown option "${unknown[0]}"; the options are files, coverage and timeoutMs.`);
  if (files !== undefined && (!Array.isArray(files) || files.some((f) => typeof f !== 'string')))
    throw bad('files must be a list of test file paths.');
  if (coverage !== undefined && typeof coverage !== 'boolean')
    throw bad('coverage must be true or false.');
  if (
    timeoutMs !== undefined &&
    !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= 600_000)
  )
    throw bad('timeoutMs must be a number of milliseconds between 1 and 600000.');
  return {
    files: files as string[] | undefined,
    coverage: coverage as boolean | undefined,
    timeoutMs: timeoutMs as number | undefined,
  };
}

/** One row per test, failures first read as `file:line:column  message`. */
export function reportTable(report: TestReport) {
  const rows = report.files.flatMap((f) => [
    ...(f.error
      ? [
          {
            file: f.file,
            test: '(file)',
            status: 'failed',
            ms: 0,
            failure: f.error.message,
            at: f.error.at ? formatLocation(f.error.at) : '',
          },
        ]
      : []),
    ...f.tests.map((t) => ({
      file: f.file,
      test: t.path.join(' › '),
      status: t.status,
      ms: Math.round(t.durationMs),
      failure: t.error?.message ?? '',
      at: t.error?.at ? formatLocation(t.error.at) : '',
    })),
  ]);
  return aq.from(rows);
}

export function coverageTable(report: TestReport) {
  return aq.from(
    (report.coverage ?? []).map((c) => ({
      file: c.file,
      lines: `${c.covered}/${c.total}`,
      percent: c.total ? Math.round((100 * c.covered) / c.total) : 100,
      uncovered: c.uncovered.join(', '),
    })),
  );
}

defineLabNamespace('test', (ctx) => ({
  async run(options?: LabTestOptions): Promise<TestReport> {
    const checked = checkOptions(options);
    const files = await ctx.project?.active()?.readAll();
    if (!files)
      throw new ProjectError(
        'no-project',
        "lab.test.run(): no project is open in this kernel. Open the lesson's project first (lab.project), then run the cell again.",
      );
    for (const file of checked.files ?? [])
      if (!Object.hasOwn(files, file))
        throw new ProjectError(
          'not-found',
          `lab.test.run(): the project has no file "${file}". Test files are named like tests/features.test.js.`,
          file,
        );
    const report = await (host ?? inThisThread)(files, checked);
    const { passed, failed, timedOut, skipped } = report.summary;
    ctx.display(
      `${passed} passed, ${failed} failed${timedOut ? `, ${timedOut} timed out` : ''}${skipped ? `, ${skipped} skipped` : ''} in ${Math.round(report.durationMs)} ms`,
    );
    ctx.display(reportTable(report));
    if (report.coverage) ctx.display(coverageTable(report));
    return report;
  },
}));
