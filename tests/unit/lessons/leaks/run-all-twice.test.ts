import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';
import { DeploymentControl } from '../../../../src/lib/serving/control';
import { ModelRegistry } from '../../../../src/lib/registry';
import { kernelRouter } from '../../../../src/lib/lab/serving-router';

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

// Every lesson's runs, versions, endpoints, timelines, request log, data, documents, tables, CI
// runs, commits and forms after a second Run all: run-all-twice-course-1/2.test.ts. Here: what
// those cannot say, that replaced runs go to the trash and that changes made by hand stay.

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

describe('Run all twice keeps the requests a student sent by hand', () => {
  it('serving-api: a request from the Serving page stays, the cells’ traffic is replaced', async () => {
    session = await openLessonSession(shippedLesson('serving-api'));
    await session.runAll();
    const { serving } = session.services;
    const once = await serving.requests('diabetes');
    expect(once.length).toBeGreaterThan(2);
    expect(once.every((r) => r.source?.lessonId === 'serving-api')).toBe(true);
    // As the Serving page's "Try it" or a form sends it: no cell run behind it.
    const router = kernelRouter();
    const example = (await session.services.registry.versions('diabetes-progression'))[0]!
      .inputExample![0];
    const byHand = await router.handle({
      method: 'POST',
      path: 'v1/models/diabetes/predict',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(example),
    });
    expect(byHand.status).toBe(200);
    await router.flush();
    await session.runAll();
    const twice = await serving.requests('diabetes');
    expect(twice).toHaveLength(once.length + 1);
    expect(twice.filter((r) => !r.source)).toHaveLength(1);
    const executions = (rows: typeof once) => new Set(rows.map((r) => r.source?.execution));
    // Every cell row is the second Run all's: none of the first's is left.
    for (const e of executions(once)) expect(executions(twice).has(e)).toBe(false);
  }, 120_000);
});
