import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

describe('lesson 12, "Promote or keep": a wrong decision is not told the right one', () => {
  it('the failure message names neither decision nor the figures that settle it', async () => {
    session = await openLessonSession(shippedLesson('deployment-strategies'));
    await session.runAll('shadow-decision');
    // Keeping leaves the shadow as it is, so it passes exactly when the rule says keep.
    const keep = await session.attempt('shadow-decision', "const decision = 'keep';");
    const wrong = keep.pass
      ? await session.attempt('shadow-decision', "const decision = 'promote';")
      : keep;
    expect(wrong.pass).toBe(false);
    expect(wrong.message).not.toMatch(/promote|keep|\d/i);
    expect(
      await session.attempt('shadow-decision', session.exercise('shadow-decision').solution),
    ).toMatchObject({ pass: true });
  }, 60_000);
});
