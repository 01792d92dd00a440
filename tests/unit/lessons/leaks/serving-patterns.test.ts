import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

describe('lesson 11, "Wait for a job": the unchanged starter cannot pass', () => {
  it('returning the first answer fails every time (the check slows the job down); polling passes', async () => {
    session = await openLessonSession(shippedLesson('serving-patterns'));
    await session.runAll('wait-for-job');
    const starter = session.exercise('wait-for-job').source;
    for (let i = 0; i < 3; i++) {
      const result = await session.attempt('wait-for-job', starter);
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(
        /^The job came back "(queued|running)": wait until it is done\.$/,
      );
    }
    // One fixed wait is no polling: on a fast machine the job is done by then, and it passed.
    const oneWait = `async function waitForJob(id) {
  await new Promise((r) => setTimeout(r, 40));
  return (await fetch(\`api/v1/jobs/\${id}\`)).json();
}`;
    expect((await session.attempt('wait-for-job', oneWait)).pass).toBe(false);
    expect(
      await session.attempt('wait-for-job', session.exercise('wait-for-job').solution),
    ).toMatchObject({ pass: true });
    // The check's fault is taken off again: the endpoint answers at full speed afterwards.
    const endpoint = await session.services.serving.endpoint('diabetes');
    expect(endpoint?.faults ?? {}).toEqual({});
  }, 60_000);
});
