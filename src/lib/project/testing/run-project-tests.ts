import * as chai from 'chai';
import { createModuleLoader } from '../modules';
import { createCollector } from './collect';
import { COVERAGE_GLOBAL, createCoverage } from './coverage';
import { executeSuite } from './execute';
import { describeFailure } from './failure';
import { restoreGlobals, snapshotGlobals } from './global-snapshot';
import { isCoveredModule, isTestFile } from './test-files';
import { summarize } from './summary';
import {
  DEFAULT_TEST_TIMEOUT_MS,
  FILE_LOAD_TIMEOUT_MS,
  type FileResult,
  type RunTestsOptions,
  type TestFailure,
  type TestReport,
} from './types';

/**
 * Runs the project's test files, one after another, and returns the results as plain data. Pure
 * apart from the clock: the worker (project-test.worker.ts) calls it, so may a CI step or a Node
 * test. `files` maps project paths to their text. Every run loads every module afresh, and
 * globals a test file adds or replaces are put back after it.
 */
export async function runProjectTests(
  files: Readonly<Record<string, string>>,
  options: RunTestsOptions = {},
): Promise<TestReport> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const emit = options.onEvent ?? (() => {});
  const skipTests = new Set(options.skipTests);
  const skipFiles = new Set(options.skipFiles);
  const coverage = options.coverage ? createCoverage() : undefined;
  const collector = createCollector();
  const paths = Object.keys(files).sort();
  const testFiles = (options.files ?? paths.filter(isTestFile)).filter((f) => !skipFiles.has(f));

  const loader = createModuleLoader({
    readText: async (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    importLibrary: options.importLibrary,
    globals: {
      ...collector.api,
      expect: chai.expect,
      assert: chai.assert,
      ...(coverage ? { [COVERAGE_GLOBAL]: coverage.counters } : {}),
    },
    ...(coverage
      ? {
          instrument: (path: string, source: string) =>
            isCoveredModule(path) ? coverage.instrument(path, source) : source,
        }
      : {}),
  });

  const results: FileResult[] = [];
  for (const file of testFiles) {
    const fileStarted = performance.now();
    emit({ type: 'file-start', file, timeoutMs: FILE_LOAD_TIMEOUT_MS });
    const fail = (error: unknown) => describeFailure(error, file, loader.frames);
    const root = collector.beginFile();
    const globals = snapshotGlobals();
    const hookErrors: TestFailure[] = [];
    let loadError: TestFailure | undefined;
    let tests: FileResult['tests'] = [];
    try {
      await loader.import(`project:${file}`);
    } catch (error) {
      loadError = fail(error);
    }
    if (!loadError)
      tests = await executeSuite(root, {
        file,
        timeoutMs,
        skip: skipTests,
        fail,
        hookErrors,
        onStart: (id, path, ms) => emit({ type: 'test-start', file, id, path, timeoutMs: ms }),
        onEnd: (result) => emit({ type: 'test-end', result }),
      });
    restoreGlobals(globals);
    const error = loadError ?? hookErrors[0];
    const result: FileResult = {
      file,
      status:
        error || tests.some((t) => t.status === 'failed')
          ? 'failed'
          : tests.some((t) => t.status === 'timed-out')
            ? 'timed-out'
            : tests.length && tests.every((t) => t.status === 'skipped')
              ? 'skipped'
              : 'passed',
      tests,
      ...(error ? { error } : {}),
      durationMs: performance.now() - fileStarted,
    };
    results.push(result);
    emit({ type: 'file-end', result });
  }

  return {
    files: results,
    summary: summarize(results),
    ...(coverage
      ? { coverage: coverage.report(paths.filter(isCoveredModule).map((p) => [p, files[p]!])) }
      : {}),
    durationMs: performance.now() - started,
  };
}
