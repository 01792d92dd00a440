import { ProjectError } from '../errors';
import type { Hook, Suite, TestCase, TestFn } from './collect';
import type { TestFailure, TestResult } from './types';

export interface ExecuteContext {
  file: string;
  timeoutMs: number;
  /** Ids of tests an earlier worker already reported: not run again. */
  skip: ReadonlySet<string>;
  fail: (error: unknown) => TestFailure;
  onStart: (id: string, path: string[], timeoutMs: number) => void;
  onEnd: (result: TestResult) => void;
  /** Errors of beforeAll/afterAll hooks, reported on the file. */
  hookErrors: TestFailure[];
}

class Timeout extends ProjectError {}

/**
 * Runs `fn` and settles when it does or after `ms`, whichever is first. A synchronous endless loop
 * never reaches the timer: the worker's watchdog (supervise.ts) stops that one.
 */
async function withTimeout(fn: TestFn, ms: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Timeout(
            'test-timeout',
            `${what} did not finish within ${ms} ms. If it waits for something that never comes (a promise never resolved, a missing await), fix that; if it is just slow, give it more time: test(name, fn, ${ms * 5}).`,
          ),
        ),
      ms,
    );
  });
  try {
    await Promise.race([Promise.resolve().then(fn), late]);
  } finally {
    clearTimeout(timer);
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Timeout;
}

/** Whether a suite holds `only` anywhere: then only the `only` tests and suites run. */
function hasOnly(suite: Suite): boolean {
  return suite.children.some((c) => c.mode === 'only' || (c.kind === 'suite' && hasOnly(c)));
}

interface Frame {
  names: string[];
  beforeEach: Hook[];
  afterEach: Hook[];
  skipped: boolean;
  focused: boolean;
}

/** Test ids are the file and the names; a repeated name gets `#2`, `#3` so ids stay unique. */
function idFor(file: string, names: string[], used: Map<string, number>): string {
  const base = [file, ...names].join(' › ');
  const n = (used.get(base) ?? 0) + 1;
  used.set(base, n);
  return n === 1 ? base : `${base} #${n}`;
}

export async function executeSuite(root: Suite, ctx: ExecuteContext): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const used = new Map<string, number>();
  const onlyMode = hasOnly(root);

  const report = (result: TestResult) => {
    results.push(result);
    ctx.onEnd(result);
  };

  const runHooks = async (hooks: Hook[], what: string) => {
    for (const hook of hooks) await withTimeout(hook.fn, hook.timeoutMs ?? ctx.timeoutMs, what);
  };

  const runTest = async (test: TestCase, frame: Frame, id: string, blocked?: TestFailure) => {
    const path = [...frame.names, test.name];
    const skipped =
      frame.skipped ||
      test.mode === 'skip' ||
      !test.fn ||
      (onlyMode && !frame.focused && test.mode !== 'only');
    if (skipped) return report({ id, file: ctx.file, path, status: 'skipped', durationMs: 0 });
    if (blocked)
      return report({ id, file: ctx.file, path, status: 'failed', durationMs: 0, error: blocked });
    const timeoutMs = test.timeoutMs ?? ctx.timeoutMs;
    ctx.onStart(id, path, timeoutMs);
    const started = performance.now();
    let failure: unknown;
    let failed = false;
    try {
      await runHooks(frame.beforeEach, 'A beforeEach hook');
      await withTimeout(test.fn!, timeoutMs, `The test "${test.name}"`);
    } catch (error) {
      failed = true;
      failure = error;
    }
    try {
      await runHooks([...frame.afterEach].reverse(), 'An afterEach hook');
    } catch (error) {
      if (!failed) [failed, failure] = [true, error];
    }
    const durationMs = performance.now() - started;
    report({
      id,
      file: ctx.file,
      path,
      status: failed ? (isTimeout(failure) ? 'timed-out' : 'failed') : 'passed',
      durationMs,
      ...(failed ? { error: ctx.fail(failure) } : {}),
    });
  };

  const runSuite = async (suite: Suite, parent: Frame, blocked?: TestFailure) => {
    const frame: Frame = {
      names: suite.name ? [...parent.names, suite.name] : parent.names,
      beforeEach: [...parent.beforeEach, ...suite.beforeEach],
      afterEach: [...parent.afterEach, ...suite.afterEach],
      skipped: parent.skipped || suite.mode === 'skip',
      focused: parent.focused || suite.mode === 'only',
    };
    const label = suite.name ? `"${suite.name}"` : 'the file';
    let setupError = blocked;
    const mustRun = !frame.skipped && suite.children.length > 0;
    if (!setupError && mustRun && suite.beforeAll.length)
      try {
        await runHooks(suite.beforeAll, `A beforeAll hook of ${label}`);
      } catch (error) {
        setupError = ctx.fail(error);
      }
    for (const child of suite.children) {
      if (child.kind === 'suite') await runSuite(child, frame, setupError);
      else {
        const id = idFor(ctx.file, [...frame.names, child.name], used);
        if (!ctx.skip.has(id)) await runTest(child, frame, id, setupError);
      }
    }
    if (mustRun && suite.afterAll.length)
      try {
        await runHooks(suite.afterAll, `An afterAll hook of ${label}`);
      } catch (error) {
        ctx.hookErrors.push(ctx.fail(error));
      }
  };

  await runSuite(root, {
    names: [],
    beforeEach: [],
    afterEach: [],
    skipped: false,
    focused: false,
  });
  return results;
}
