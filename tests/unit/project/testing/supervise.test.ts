import { describe, expect, test } from 'vitest';
import {
  runProjectTests,
  superviseTestRun,
  type TestSession,
} from '../../../../src/lib/project/testing';

/**
 * A worker, in process: runs the real runner, but once a test named "…sync loop…" starts it
 * goes silent and never settles, as a worker stuck in `while (true) {}` does. `crashOn` makes
 * the run reject when that file starts, as a crashed worker's call does.
 */
function fakeWorkers(options: { crashOn?: string } = {}) {
  const log = { started: 0, terminated: 0 };
  const start = (): TestSession => {
    log.started += 1;
    let silent = false;
    return {
      run: (files, opts, onEvent) =>
        new Promise((resolve, reject) => {
          void runProjectTests(files, {
            ...opts,
            onEvent: (event) => {
              if (silent) return;
              onEvent(event);
              if (event.type === 'file-start' && event.file === options.crashOn) {
                silent = true;
                reject(new Error('out of memory'));
              }
              if (event.type === 'test-start' && event.path.at(-1)!.includes('sync loop'))
                silent = true;
            },
          }).then((report) => silent || resolve(report));
        }),
      terminate: () => {
        log.terminated += 1;
        silent = true;
      },
    };
  };
  return { start, log };
}

const FILES = {
  'a.test.js': [
    "test('first', () => {});",
    "test('sync loop', () => new Promise(() => {}));",
    "test('after the loop', () => expect(1).to.equal(2));",
  ].join('\n'),
  'b.test.js': "test('other file', () => {});",
};

describe('superviseTestRun (the watchdog)', () => {
  test('a test stuck in a loop is stopped, marked timed out, and the others still report', async () => {
    const { start, log } = fakeWorkers();
    const report = await superviseTestRun(start, FILES, { timeoutMs: 40, graceMs: 20 });
    expect(report.files.map((f) => [f.file, f.tests.map((t) => [t.path[0], t.status])])).toEqual([
      [
        'a.test.js',
        [
          ['first', 'passed'],
          ['sync loop', 'timed-out'],
          ['after the loop', 'failed'],
        ],
      ],
      ['b.test.js', [['other file', 'passed']]],
    ]);
    expect(report.files[0]!.tests[1]!.error!.message).toMatch(/loops forever.*fresh one/);
    expect(report.summary).toEqual({ passed: 2, failed: 1, skipped: 0, timedOut: 1, total: 4 });
    expect(log).toEqual({ started: 2, terminated: 2 });
  });

  test('a worker that crashes fails its file and the next files run in a fresh worker', async () => {
    const { start } = fakeWorkers({ crashOn: 'a.test.js' });
    const report = await superviseTestRun(start, FILES, { timeoutMs: 40, graceMs: 20 });
    expect(report.files[0]!.status).toBe('failed');
    expect(report.files[0]!.error!.message).toMatch(
      /crashed while running a\.test\.js: out of memory/,
    );
    expect(report.files[1]!.status).toBe('passed');
  });

  test('cancel terminates the worker and returns what was reported', async () => {
    const { start, log } = fakeWorkers();
    const controller = new AbortController();
    const report = await superviseTestRun(start, FILES, {
      timeoutMs: 10_000,
      onEvent: (e) => e.type === 'test-start' && e.path[0] === 'sync loop' && controller.abort(),
      signal: controller.signal,
    });
    expect(report.cancelled).toBe(true);
    expect(report.files[0]!.tests.map((t) => t.path[0])).toEqual(['first']);
    expect(log.terminated).toBe(1);
  });

  test('events that arrive after the report (their own channel) lose no test, and none counts twice', async () => {
    // A worker whose events lag: half are delivered before the report, the rest after it.
    const lagging = (): TestSession => ({
      run: async (files, opts, onEvent) => {
        const events: Parameters<typeof onEvent>[0][] = [];
        const report = await runProjectTests(files, { ...opts, onEvent: (e) => events.push(e) });
        const half = Math.floor(events.length / 2);
        events.slice(0, half).forEach(onEvent);
        setTimeout(() => events.slice(half).forEach(onEvent), 0);
        return report;
      },
      terminate: () => {},
    });
    const files = {
      'a.test.js': "test('one', () => {});\ntest('two', () => expect(1).to.equal(2));",
      'b.test.js': "test('three', () => expect(1).to.equal(2));",
    };
    const report = await superviseTestRun(lagging, files, {});
    expect(report.files.map((f) => [f.file, f.tests.map((t) => [t.path[0], t.status])])).toEqual([
      [
        'a.test.js',
        [
          ['one', 'passed'],
          ['two', 'failed'],
        ],
      ],
      ['b.test.js', [['three', 'failed']]],
    ]);
    expect(report.summary).toMatchObject({ passed: 1, failed: 2, total: 3 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(report.summary.total).toBe(3);
  });
});
