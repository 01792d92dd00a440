import { summarize } from './summary';
import {
  FILE_LOAD_TIMEOUT_MS,
  type FileResult,
  type RunTestsOptions,
  type TestEvent,
  type TestFailure,
  type TestReport,
  type TestResult,
} from './types';

/** One worker running tests: what the bridge gives the watchdog. */
export interface TestSession {
  run(
    files: Readonly<Record<string, string>>,
    options: Omit<RunTestsOptions, 'onEvent' | 'importLibrary'>,
    onEvent: (event: TestEvent) => void,
  ): Promise<TestReport>;
  /** Ends the worker at once, whatever it is doing. */
  terminate(): void;
}

export interface SuperviseOptions extends Omit<
  RunTestsOptions,
  'skipTests' | 'skipFiles' | 'importLibrary'
> {
  /** Extra time on top of a test's own timeout before its worker is stopped. */
  graceMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_GRACE_MS = 500;

function stuckTest(ms: number): TestFailure {
  return {
    message: `Stopped after ${ms} ms without finishing: the test most likely loops forever (a loop whose condition never changes). Its worker was stopped and the remaining tests ran in a fresh one. Fix the loop, or give a slow test more time: test(name, fn, ${ms * 5}).`,
  };
}

function stuckFile(file: string, ms: number): TestFailure {
  return {
    message: `${file} did not finish loading or running its hooks within ${ms} ms: code at its top level or in a beforeAll/afterAll hook most likely loops forever. Its worker was stopped; the other files ran in a fresh one.`,
  };
}

/**
 * Runs the tests in sessions (workers) and watches them: a test that overruns its timeout by
 * `graceMs` is either in an endless synchronous loop or the worker is stuck, and nothing inside
 * can interrupt that, so the session is terminated, the test marked timed out and a fresh
 * session runs what was not reported yet. Cancelling (the signal) terminates too.
 */
export async function superviseTestRun(
  start: () => TestSession,
  files: Readonly<Record<string, string>>,
  options: SuperviseOptions = {},
): Promise<TestReport> {
  const started = performance.now();
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const { signal, onEvent, graceMs: _grace, ...runOptions } = options;
  void _grace;
  const done = new Map<string, FileResult>();
  const partial = new Map<string, TestResult[]>();
  const fileErrors = new Map<string, TestFailure>();
  const order: string[] = [];
  const skipTests: string[] = [];
  const skipFiles: string[] = [];
  let last: TestReport | undefined;
  let cancelled = false;

  const testsOf = (file: string) => {
    let list = partial.get(file);
    if (!list) partial.set(file, (list = []));
    return list;
  };

  while (!signal?.aborted) {
    const session = start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: string | undefined;
    let stop: (why: 'stuck' | 'cancelled') => void = () => {};
    const stopped = new Promise<'stuck' | 'cancelled'>((resolve) => (stop = resolve));
    const arm = (ms: number, onFire: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        onFire();
        session.terminate();
        stop('stuck');
      }, ms + graceMs);
    };
    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort);
    const fileStuck = (file: string, ms: number) => () => {
      fileErrors.set(file, stuckFile(file, ms));
      skipFiles.push(file);
    };
    // Events come over their own channel (a comlink proxy), so some may arrive after the run's
    // report; once the report is in, it is the record and late events are dropped.
    let settled = false;
    const handle = (event: TestEvent) => {
      if (settled) return;
      onEvent?.(event);
      switch (event.type) {
        case 'file-start':
          current = event.file;
          if (!order.includes(event.file)) order.push(event.file);
          arm(event.timeoutMs, fileStuck(event.file, event.timeoutMs));
          break;
        case 'test-start':
          arm(event.timeoutMs, () => {
            const result: TestResult = {
              id: event.id,
              file: event.file,
              path: event.path,
              status: 'timed-out',
              durationMs: event.timeoutMs + graceMs,
              error: stuckTest(event.timeoutMs),
            };
            testsOf(event.file).push(result);
            skipTests.push(event.id);
            onEvent?.({ type: 'test-end', result });
          });
          break;
        case 'test-end':
          testsOf(event.result.file).push(event.result);
          skipTests.push(event.result.id);
          // Until the next test starts, the file's hooks run: they get the file's time.
          arm(FILE_LOAD_TIMEOUT_MS, fileStuck(event.result.file, FILE_LOAD_TIMEOUT_MS));
          break;
        case 'file-end':
          clearTimeout(timer);
          done.set(event.result.file, event.result);
          skipFiles.push(event.result.file);
          break;
      }
    };
    const outcome = await Promise.race([
      session
        .run(files, { ...runOptions, skipTests: [...skipTests], skipFiles: [...skipFiles] }, handle)
        .then(
          (report) => ({ report }),
          (error: unknown) => ({ error }),
        ),
      stopped,
    ]);
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (outcome === 'stuck') continue;
    if (outcome === 'cancelled') {
      session.terminate();
      cancelled = true;
      break;
    }
    if ('report' in outcome) {
      last = outcome.report;
      for (const result of outcome.report.files) {
        if (!order.includes(result.file)) order.push(result.file);
        const known = testsOf(result.file);
        for (const test of result.tests) if (!known.some((k) => k.id === test.id)) known.push(test);
        if (!done.has(result.file)) done.set(result.file, result);
      }
      session.terminate();
      break;
    }
    // The worker crashed (out of memory, most often): the file it was on fails, the rest go on.
    session.terminate();
    if (!current || skipFiles.includes(current)) break;
    fileErrors.set(current, {
      message: `The test worker crashed while running ${current}: ${(outcome.error as Error)?.message ?? String(outcome.error)}. The other files ran in a fresh worker.`,
    });
    skipFiles.push(current);
  }
  if (signal?.aborted) cancelled = true;

  const results = order.map((file): FileResult => {
    const finished = done.get(file);
    const tests = [...(partial.get(file) ?? [])];
    const error = fileErrors.get(file) ?? finished?.error;
    if (finished && !fileErrors.has(file)) return { ...finished, tests };
    return {
      file,
      status: error || tests.some((t) => t.status === 'failed') ? 'failed' : 'timed-out',
      tests,
      ...(error ? { error } : {}),
      durationMs: finished?.durationMs ?? 0,
    };
  });
  return {
    files: results,
    summary: summarize(results),
    ...(last?.coverage ? { coverage: last.coverage } : {}),
    durationMs: performance.now() - started,
    ...(cancelled ? { cancelled } : {}),
  };
}
