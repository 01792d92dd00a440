import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';
import { DeploymentControl } from '../../../../src/lib/serving/control';
import { ModelRegistry } from '../../../../src/lib/registry';

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

/** The rows of every endpoint's deployment timeline, by endpoint. */
async function timelines(s: LessonSession) {
  const { serving } = s.services;
  const rows: Record<string, number> = {};
  for (const e of await serving.endpoints()) rows[e.name] = (await serving.events(e.name)).length;
  return rows;
}

/** What a Run all leaves behind: live runs, model versions, endpoints, timeline rows. */
async function counts(s: LessonSession) {
  const { registry, serving } = s.services;
  let versions = 0;
  for (const m of await registry.models()) versions += (await registry.versions(m.name)).length;
  return {
    runs: (await liveRuns(s)).length,
    versions,
    endpoints: (await serving.endpoints()).length,
    timelines: await timelines(s),
  };
}

describe('Run all twice leaves the model versions of one Run all', () => {
  // training-pipeline: lab.pipeline.run cells, their configs registering versions. The serving
  // lessons deploy from cells (lesson 15's closeLoop too): their timelines stay one Run all long.
  for (const id of [
    'model-registry',
    'deployment-strategies',
    'training-pipeline',
    'serving-api',
    'serving-patterns',
    'monitoring-in-production',
    'closing-the-loop',
  ])
    it(`${id}: as many runs, versions, endpoints and timeline rows after a second Run all`, async () => {
      session = await openLessonSession(shippedLesson(id));
      await session.runAll();
      const once = await counts(session);
      expect(once.versions).toBeGreaterThan(0);
      await session.runAll();
      expect(await counts(session)).toEqual(once);
    }, 300_000);
});

describe('Run all twice runs every cell again', () => {
  // Its cells commit workflows to git: run again, they must not commit what is committed already.
  it('cd-and-ct: a second Run all finishes without an error', async () => {
    session = await openLessonSession(shippedLesson('cd-and-ct'));
    await session.runAll();
    // Throws, naming the cell and git's refusal, if a cell commits an unchanged file again.
    await expect(session.runAll()).resolves.toBeUndefined();
  }, 300_000);
});

describe('Run all twice keeps the timeline a student made by hand', () => {
  it('deployment-strategies: a change from the Serving page stays, the cells’ are replaced', async () => {
    session = await openLessonSession(shippedLesson('deployment-strategies'));
    await session.runAll();
    const once = await timelines(session);
    expect(once['diabetes-rollout']).toBeGreaterThan(5);
    // As the Serving page changes an endpoint: a control that no cell's run made.
    const { serving, registry, tracking } = session.services;
    const byHand = new DeploymentControl({
      port: serving,
      registry: new ModelRegistry(registry, tracking),
    });
    await byHand.setFault('diabetes-rollout', 1, { latencyMs: 5 }, 'tried by hand');
    await session.runAll();
    const twice = await timelines(session);
    expect(twice).toEqual({ ...once, 'diabetes-rollout': once['diabetes-rollout']! + 1 });
    const events = await serving.events('diabetes-rollout');
    expect(events.filter((e) => e.reason === 'tried by hand')).toHaveLength(1);
    // Every other row was made by a cell of this lesson, during the second Run all.
    const cells = events.filter((e) => e.source);
    expect(cells).toHaveLength(once['diabetes-rollout']!);
    expect(cells.every((e) => e.source!.lessonId === 'deployment-strategies')).toBe(true);
  }, 300_000);
});
