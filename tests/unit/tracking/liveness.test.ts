import { expect, it } from 'vitest';
import {
  failRunsOfGoneKernels,
  holdSession,
  KERNEL_GONE_REASON,
  memoryTrackingPort,
  Tracker,
  type SessionLocks,
} from '../../../src/lib/tracking';

/** Web Locks as the browser keeps them: a lock is held until its holder's context ends. */
function fakeLocks() {
  const held = new Map<string, string>();
  let context = 'page-1';
  const locks: SessionLocks = {
    async request(name, callback) {
      held.set(name, context);
      return callback();
    },
    async query() {
      return { held: [...held.keys()].map((name) => ({ name })) };
    },
  };
  return {
    locks,
    in(c: string) {
      context = c;
    },
    /** The context ends however it ends (closed, terminated, crashed): its locks go. */
    end(c: string) {
      for (const [name, owner] of held) if (owner === c) held.delete(name);
    },
  };
}

it('marks FAILED the runs whose kernel is gone, ending them at their last activity', async () => {
  const port = memoryTrackingPort();
  let now = 1_000;
  const tracker = new Tracker(port, { now: () => now });
  const browser = fakeLocks();

  browser.in('crashed tab');
  await holdSession(browser.locks, 'kernel-a');
  const lost = await tracker.startRun({
    name: 'lost',
    source: { lessonId: 'l', session: 'kernel-a' },
  });
  now = 5_000;
  await tracker.logMetric('loss', 0.5, 1);
  browser.in('live tab');
  await holdSession(browser.locks, 'kernel-b');
  const live = await tracker.startRun({ name: 'live', source: { session: 'kernel-b' } });
  // A run from before sessions existed: nothing can be told about it, so it is left alone.
  const old = await tracker.startRun({ name: 'old' });

  browser.end('crashed tab');
  now = 60_000;
  const failed = await failRunsOfGoneKernels(port, await port.runs(), browser.locks);
  expect(failed.map((r) => r.name)).toEqual(['lost']);
  const stored = await port.run(lost.id);
  expect(stored!.status).toBe('FAILED');
  expect(stored!.endTime).toBe(5_000);
  expect(stored!.tags['labbook.stopped']).toBe(KERNEL_GONE_REASON);
  expect((await port.run(live.id))!.status).toBe('RUNNING');
  expect((await port.run(old.id))!.status).toBe('RUNNING');
});

it('leaves a run alone that its own page ended meanwhile, and does nothing without Web Locks', async () => {
  const port = memoryTrackingPort();
  const tracker = new Tracker(port);
  const browser = fakeLocks();
  const run = await tracker.startRun({ source: { session: 'kernel-a' } });
  const seen = await port.runs();
  expect(await failRunsOfGoneKernels(port, seen, null)).toEqual([]);
  await tracker.endRun('KILLED');
  expect(await failRunsOfGoneKernels(port, seen, browser.locks)).toEqual([]);
  expect((await port.run(run.id))!.status).toBe('KILLED');
});
