import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

describe('lesson 15, "Do not retrain on harmless drift"', () => {
  it('triggers that never fire fail; the right triggers pass after a failed try, with no Run all', async () => {
    session = await openLessonSession(shippedLesson('closing-the-loop'));
    await session.runAll('loop-trigger');
    const { source: starter, solution } = session.exercise('loop-trigger');
    const retrained = await session.attempt('loop-trigger', starter);
    expect(retrained.pass).toBe(false);
    expect(retrained.message).toMatch(/^The loop retrained on: /);
    const latency = solution.replace(
      "const triggers = ['performance'];",
      "const triggers = ['latency'];",
    );
    expect(latency).not.toBe(solution);
    const never = await session.attempt('loop-trigger', latency);
    expect(never.pass).toBe(false);
    expect(never.message).toMatch(/would not retrain even when the model gets worse/);
    expect(never.message).not.toMatch(/performance/);
    const solved = await session.attempt('loop-trigger', solution);
    expect(solved).toMatchObject({ pass: true });
  }, 180_000);

  it('the right triggers pass on the first try too: the drift is of the world the model knows', async () => {
    session = await openLessonSession(shippedLesson('closing-the-loop'));
    await session.runAll('loop-trigger');
    const { solution } = session.exercise('loop-trigger');
    expect(await session.attempt('loop-trigger', solution)).toMatchObject({ pass: true });
    expect(await session.attempt('loop-trigger', solution)).toMatchObject({ pass: true });
  }, 180_000);
});
