import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

const run = (body: string) =>
  `await lab.tracking.startRun({ name: 'mine', tags: { mine: 'yes' } });\n${body}\nawait lab.tracking.endRun();`;

describe('lesson 07, "Beat the baseline": the check scores the logged model, not the claim', () => {
  it('a hand-logged test_mse with no model trained fails; so does a model logged with a flattering metric', async () => {
    session = await openLessonSession(shippedLesson('experiment-tracking'));
    await session.runAll('beat-baseline');
    const fake = await session.attempt(
      'beat-baseline',
      run('await lab.tracking.logMetrics({ test_mse: 1 });'),
    );
    expect(fake).toEqual({
      pass: false,
      message:
        "None of your runs tagged mine = 'yes' logged a model: call lab.tracking.logModel(model) before endRun().",
    });
    const flattered = await session.attempt(
      'beat-baseline',
      run(
        "const m = lab.ml.fit(train, { target: 'target', model: 'mean' });\nawait lab.tracking.logMetrics({ test_mse: 1 });\nawait lab.tracking.logModel(m);",
      ),
    );
    expect(flattered.pass).toBe(false);
    expect(flattered.message).toMatch(/^Your best logged model has test MSE \d+\.\d; it needs ≤/);
    expect(
      await session.attempt('beat-baseline', session.exercise('beat-baseline').solution),
    ).toMatchObject({ pass: true });
  }, 60_000);

  it('a good model logged with a made-up metric fails and says which metric the model has', async () => {
    session = await openLessonSession(shippedLesson('experiment-tracking'));
    await session.runAll('beat-baseline');
    const result = await session.attempt(
      'beat-baseline',
      run(
        "const m = lab.ml.fit(train, { target: 'target', model: 'ridge', alpha: 0.1, scale: true });\nawait lab.tracking.logMetrics({ test_mse: 10 });\nawait lab.tracking.logModel(m);",
      ),
    );
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/logged test_mse 10, but the model it logged scores \d/);
  }, 60_000);
});
