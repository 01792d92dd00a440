import { afterEach, describe, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

describe('lesson 09: runs are named after their own config', () => {
  it('the MLP run is called taxi-course-mlp, not after the ridge config it was derived from', async () => {
    session = await openLessonSession(shippedLesson('training-pipeline'));
    await session.runAll('loss-curve');
    await session.run(
      'names',
      "const names = [(await lab.tracking.getRun(course.runId)).name, (await lab.tracking.getRun(mlp.runId)).name];\nif (names.join() !== 'taxi-course-ridge,taxi-course-mlp') throw new TypeError(names.join());",
    );
  }, 180_000);
});
