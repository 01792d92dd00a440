import * as aq from 'arquero';
import { ProjectError } from '../project/errors';
import { normalizePath } from '../project/paths';
import { formatLocation } from '../project/modules/module-error';
import type { TestReport } from '../project/testing/types';
import { checkMutants, runMutants, type MutationReport } from '../project/testing/mutants';
import { defineLabNamespace } from './index';
import { projectTestHost } from './project-test-host';

export { projectTestHost, setProjectTestHost, type ProjectTestHost } from './project-test-host';

export interface LabTestOptions {
  files?: string[];
  coverage?: boolean;
  timeoutMs?: number;
  /**
   * Files (path → text) that stand in for the project's in this run only, nothing stored: how a
   * mutant (a deliberately broken copy of a module) is put in front of the suite.
   */
  replace?: Record<string, string>;
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
  const { files, coverage, timeoutMs, replace, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length)
    throw bad(
      `unknown option "${unknown[0]}"; the options are files, coverage, timeoutMs and replace.`,
    );
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
    ...(replace === undefined ? {} : { replace: checkReplace(replace, bad) }),
  };
}

/** `replace` as clean path → text pairs; a path a project would refuse is refused here too. */
function checkReplace(
  replace: unknown,
  bad: (why: string) => ProjectError,
): Record<string, string> {
  if (typeof replace !== 'object' || replace === null || Array.isArray(replace))
    throw bad('replace must be an object of path → text, e.g. { "src/features.js": "…" }.');
  const clean: Record<string, string> = Object.create(null);
  for (const [path, text] of Object.entries(replace)) {
    if (typeof text !== 'string')
      throw bad(`replace["${path.slice(0, 80)}"] must be the file's text; got ${typeof text}.`);
    let normal: string;
    try {
      normal = normalizePath(path);
    } catch (error) {
      throw bad(`replace: ${(error as Error).message}`);
    }
    clean[normal] = text;
  }
  return clean;
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

function coverageTable(report: TestReport) {
  return aq.from(
    (report.coverage ?? []).map((c) => ({
      file: c.file,
      lines: `${c.covered}/${c.total}`,
      percent: c.total ? Math.round((100 * c.covered) / c.total) : 100,
      uncovered: c.uncovered.join(', '),
    })),
  );
}

function mutantTable(report: MutationReport) {
  return aq.from(
    report.mutants.map((m) => ({
      mutant: m.name,
      file: m.file,
      status: m.status,
      'tests failed': m.failed,
    })),
  );
}

defineLabNamespace('test', (ctx) => {
  async function projectFiles(what: string): Promise<Record<string, string>> {
    const stored = await ctx.project?.active()?.readAll();
    if (!stored)
      throw new ProjectError(
        'no-project',
        `${what}: no project is open in this kernel. Open the lesson's project first (lab.project), then run the cell again.`,
      );
    return stored;
  }

  function runFiles(
    files: Record<string, string>,
    checked: Omit<LabTestOptions, 'replace'>,
    what: string,
  ): Promise<TestReport> {
    for (const file of checked.files ?? [])
      if (!Object.hasOwn(files, file))
        throw new ProjectError(
          'not-found',
          `${what}: the project has no file "${file}". Test files are named like tests/features.test.js.`,
          file,
        );
    return projectTestHost()(files, checked);
  }

  return {
    async run(options?: LabTestOptions): Promise<TestReport> {
      const { replace, ...checked } = checkOptions(options);
      const stored = await projectFiles('lab.test.run()');
      const files = replace ? { ...stored, ...replace } : stored;
      const report = await runFiles(files, checked, 'lab.test.run()');
      const { passed, failed, timedOut, skipped } = report.summary;
      ctx.display(
        `${passed} passed, ${failed} failed${timedOut ? `, ${timedOut} timed out` : ''}${skipped ? `, ${skipped} skipped` : ''} in ${Math.round(report.durationMs)} ms`,
      );
      ctx.display(reportTable(report));
      if (report.coverage) ctx.display(coverageTable(report));
      return report;
    },

    /** Mutation testing: does the suite fail on each deliberately broken copy of the code? */
    async mutate(mutants: unknown, options?: LabTestOptions): Promise<MutationReport> {
      const list = checkMutants(mutants);
      const { replace, coverage: _, ...checked } = checkOptions(options);
      if (replace)
        throw new ProjectError(
          'bad-option',
          'lab.test.mutate(): the mutants say what to replace; leave out the replace option.',
        );
      const files = await projectFiles('lab.test.mutate()');
      const report = await runMutants(files, list, (swap) =>
        runFiles(swap ? { ...files, ...swap } : files, checked, 'lab.test.mutate()'),
      );
      const { passed, failed, timedOut } = report.baseline;
      if (!report.baselinePassed)
        ctx.display(
          passed + failed + timedOut === 0
            ? 'No tests ran, so no mutant could be caught. Write a test first.'
            : `The suite does not pass on the project as it is (${passed} passed, ${failed + timedOut} failed): mutants were not run. Make it pass first.`,
        );
      else {
        ctx.display(
          `${report.caught} of ${report.total} mutants caught${report.falseAlarms ? `, ${report.falseAlarms} false alarms on equivalent code` : ''}`,
        );
        ctx.display(mutantTable(report));
      }
      return report;
    },
  };
});
