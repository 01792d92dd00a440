import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

/** A trees config of the student's, from the lesson's treesYaml. */
const trees = (edit: string) =>
  `await lab.pipeline.run(treesYaml.replace('name: taxi-full-gbdt', 'name: mine')${edit});`;

describe('lesson 09, "Beat the lasso in 5 rounds": only quick trees of your own, on the same trips', () => {
  it("the lesson's own trees, 100-round trees, trees tested on other trips and a hand-logged claim do not count", async () => {
    session = await openLessonSession(shippedLesson('training-pipeline'));
    await session.runAll('trees-beat-lasso');
    const exercise = session.exercise('trees-beat-lasso');
    // The lesson's taxi-full-gbdt beats the lasso, in 100 rounds: nothing of the student's yet.
    expect(await session.check(exercise.id, exercise.check)).toEqual({
      pass: false,
      message: 'Run a gbdt config of your own with max_iter: 5 or fewer.',
    });
    // Counted by the trees the run trained (its n_iter), not by a name.
    expect(await session.attempt(exercise.id, trees(''))).toMatchObject({
      pass: false,
      message: 'Run a gbdt config of your own with max_iter: 5 or fewer.',
    });
    const otherTrips = await session.attempt(
      exercise.id,
      trees(
        ".replace('max_iter: 100', 'max_iter: 5\\n  learning_rate: 0.5').replace('test_size: 0.3', 'test_size: 0.25')",
      ),
    );
    expect(otherTrips.pass).toBe(false);
    expect(otherTrips.message).toMatch(/^Your trees were not tested on the lasso's test trips/);
    // A hand-logged run claiming quick, winning trees, with the lasso's params and data version:
    // the check scores stored models, and this run has none.
    const claimed = await session.attempt(
      exercise.id,
      [
        'const [lasso] = await lab.tracking.findRuns("tags.pipeline = \'taxi-full-lasso\'");',
        "await lab.tracking.startRun({ name: 'claimed', tags: { pipeline: 'claimed', 'dataset.version': lasso.tags['dataset.version'] } });",
        "await lab.tracking.logParams({ ...lasso.params, model: 'gbdt' });",
        'await lab.tracking.logMetrics({ n_iter: 3, test_rmsle: 0.01 });',
        'await lab.tracking.endRun();',
      ].join('\n'),
    );
    expect(claimed).toMatchObject({
      pass: false,
      message: 'Run a gbdt config of your own with max_iter: 5 or fewer.',
    });
    expect(await session.attempt(exercise.id, exercise.solution)).toMatchObject({ pass: true });
  }, 600_000);
});

describe('lesson 09, "Beat the baseline\'s RMSLE by 10 %": the check scores stored models', () => {
  it('a hand-logged taxi run claiming a 90 % gain fails; the solution passes', async () => {
    session = await openLessonSession(shippedLesson('training-pipeline'));
    await session.runAll('beat-baseline-10');
    const exercise = session.exercise('beat-baseline-10');
    const claimed = await session.attempt(
      exercise.id,
      [
        "await lab.tracking.startRun({ name: 'claimed', tags: { pipeline: 'claimed' } });",
        "await lab.tracking.logParams({ recipe: 'taxi', model: 'ridge' });",
        'await lab.tracking.logMetrics({ test_rmsle: 0.05, baseline_test_rmsle: 0.5 });',
        'await lab.tracking.endRun();',
      ].join('\n'),
    );
    expect(claimed.pass).toBe(false);
    expect(await session.attempt(exercise.id, exercise.solution)).toMatchObject({ pass: true });
  }, 600_000);
});
