import type { SourceLocation } from '../modules';

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'timed-out';

/** Why a test failed, as plain data: shown in the Tests panel and returned by lab.test.run(). */
export interface TestFailure {
  message: string;
  /** Expected/received as a line diff (`- expected`, `+ received`), when the assertion has both. */
  diff?: string;
  /** The failing line in the test file (else the innermost project frame). */
  at?: SourceLocation;
}

export interface TestResult {
  /** Stable across runs of the same file: the file, the describe names and the test's name. */
  id: string;
  file: string;
  /** Enclosing describe names, then the test's own name. */
  path: string[];
  status: TestStatus;
  durationMs: number;
  error?: TestFailure;
}

export interface FileResult {
  file: string;
  status: 'passed' | 'failed' | 'timed-out' | 'skipped';
  tests: TestResult[];
  /** A failure of the file itself: it did not load, or a beforeAll/afterAll hook threw. */
  error?: TestFailure;
  durationMs: number;
}

/** Per-line coverage of one non-test module: the lines holding statements, and those never run. */
export interface FileCoverage {
  file: string;
  covered: number;
  total: number;
  uncovered: number[];
}

export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  timedOut: number;
  total: number;
}

export interface TestReport {
  files: FileResult[];
  summary: TestSummary;
  coverage?: FileCoverage[];
  durationMs: number;
  /** True when the run was cancelled: the results are those reported before. */
  cancelled?: boolean;
}

/** Progress while a run goes on, in order; the watchdog (supervise.ts) relies on it. */
export type TestEvent =
  | { type: 'file-start'; file: string; timeoutMs: number }
  | { type: 'test-start'; file: string; id: string; path: string[]; timeoutMs: number }
  | { type: 'test-end'; result: TestResult }
  | { type: 'file-end'; result: FileResult };

export interface RunTestsOptions {
  /** Test files to run (default: every `*.test.js` / `*.spec.js`). */
  files?: string[];
  coverage?: boolean;
  /** Per test and hook, unless the test sets its own (default 2 s). */
  timeoutMs?: number;
  /** Tests already reported by an earlier worker (see supervise.ts): not run again. */
  skipTests?: string[];
  /** Files already reported: not loaded again. */
  skipFiles?: string[];
  onEvent?: (event: TestEvent) => void;
  /** The bundled libraries test files and modules may import. */
  importLibrary?: (specifier: string) => Promise<unknown>;
}

export const DEFAULT_TEST_TIMEOUT_MS = 2000;

/** A test file that has not finished loading (or its hooks running) after this long is stuck. */
export const FILE_LOAD_TIMEOUT_MS = 5000;
