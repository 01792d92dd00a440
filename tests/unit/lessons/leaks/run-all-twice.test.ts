import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

/** The runs a student sees: not in the trash. */
const liveRuns = async (s: LessonSession) =>
  (await s.services.tracking.runs()).filter((r) => r.deletedAt === null);

describe('Run all twice leaves the runs of one Run all', () => {
  it('lesson 07: the same runs, by name, after a second Run all', async () => {
    session = await openLessonSession(shippedLesson('experiment-tracking'));
    await session.runAll();
    const once = (await liveRuns(session)).map((r) => r.name).sort();
    expect(once.length).toBeGreaterThan(8);
    await session.runAll();
    expect((await liveRuns(session)).map((r) => r.name).sort()).toEqual(once);
    // Replaced, not lost: the first Run all's runs are in the trash, restorable.
    expect((await session.services.tracking.runs()).length).toBe(2 * once.length);
  }, 120_000);
});

/** What a Run all leaves behind: live runs, model versions, endpoints. */
async function counts(s: LessonSession) {
  const { registry, serving } = s.services;
  let versions = 0;
  for (const m of await registry.models()) versions += (await registry.versions(m.name)).length;
  return {
    runs: (await liveRuns(s)).length,
    versions,
    endpoints: (await serving.endpoints()).length,
  };
}

describe('Run all twice leaves the model versions of one Run all', () => {
  // training-pipeline: lab.pipeline.run cells, their configs registering versions.
  for (const id of ['model-registry', 'deployment-strategies', 'training-pipeline'])
    it(`${id}: as many runs, versions and endpoints after a second Run all`, async () => {
      session = await openLessonSession(shippedLesson(id));
      await session.runAll();
      const once = await counts(session);
      expect(once.versions).toBeGreaterThan(0);
      await session.runAll();
      expect(await counts(session)).toEqual(once);
    }, 300_000);
});
