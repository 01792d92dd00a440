import { describe, expect, it } from 'vitest';
import { not } from 'arquero';
import { useNodeServices } from '../../lab/node-services';
import { createLab } from '../../../../src/lib/lab';
import { ModelRegistry } from '../../../../src/lib/registry';
import { ServingRouter } from '../../../../src/lib/serving';
import { inProcessStudentHost } from '../../../../src/lib/serving/student/in-process';
import { importLibrary } from './fixture';

const API = `import { z } from 'zod';
const Patient = z.object({ age: z.number(), sex: z.number(), bmi: z.number(), bp: z.number(), tc: z.number(), ldl: z.number(), hdl: z.number(), tch: z.number(), ltg: z.number(), glu: z.number() });
export default { routes: [{ method: 'POST', path: '/predict', body: Patient, handler: async (p, { model }) => ({ y: (await model('models:/student-diabetes@champion')).predict(p) }) }] };`;

/* eslint-disable @typescript-eslint/no-explicit-any -- the lab object is typed for cells, not for TS */
let lab: any;

/** A linear champion of "student-diabetes" and the router the service worker runs over its stores. */
async function championAndRouter() {
  const services = useNodeServices();
  lab = createLab({ display() {} });
  const { train, test } = await lab.ml.courseSplit();
  await lab.tracking.setExperiment('student-monitoring');
  const dataVersion = lab.data.versionOf(await lab.data.load('diabetes')).id;
  const run = await lab.tracking.startRun({ tags: { 'dataset.version': dataVersion } });
  await lab.tracking.logModel(lab.ml.fit(train, { target: 'target', model: 'linear' }));
  await lab.tracking.endRun();
  const v = await lab.registry.registerModel(`runs:/${run.id}/model`, 'student-diabetes', {
    inputExample: test.slice(0, 3).select(not('target')),
  });
  await lab.registry.testModel(`models:/student-diabetes/${v.version}`, [
    { kind: 'minimum', name: 'range', expect: { min: -1e6, max: 1e6 } },
  ]);
  await lab.registry.setAlias('student-diabetes', 'champion', v.version);
  const registry = new ModelRegistry(services.registry, services.tracking);
  const router = new ServingRouter({
    port: services.serving,
    registry,
    student: inProcessStudentHost({
      readText: async (_, path) => (path === 'api.js' ? API : undefined),
      importLibrary,
      loadPredictor: (uri) => registry.loadPredictor(uri),
    }),
  });
  /** Posts each row to the student's API; returns the request ids the router answered with. */
  const post = async (rows: Record<string, number>[]) => {
    const ids: string[] = [];
    for (const row of rows) {
      const res = await router.handle({
        method: 'POST',
        path: 'student/clinic/predict',
        query: {},
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(row),
      });
      ids.push(res.headers['x-request-id']!);
    }
    await router.flush();
    return ids;
  };
  return { services, test, post, version: v.version as number };
}

describe("monitoring a student's own API", () => {
  it('monitors api/student/<project>/ like an endpoint: its log names the model that scored', async () => {
    const { test, post } = await championAndRouter();
    await expect(lab.monitoring.monitor('student/clinic')).rejects.toThrow(
      'has no request scored by a model yet',
    );
    await post((test.select(not('target')).objects() as Record<string, number>[]).slice(0, 60));
    const monitored = await lab.monitoring.monitor('student/clinic', { windowSize: 30 });
    expect(monitored.reports.map((w: any) => w.requests)).toEqual([30, 30]);
    expect(monitored.reports[0].drift.columns.length).toBe(10);
  }, 60_000);

  it('closes the loop on a student API: retrains on its labelled requests and moves the alias its api.js loads', async () => {
    const { services, post, version } = await championAndRouter();
    const treated = await lab.monitoring.scenario('diabetes', { scenario: 'concept', seed: 60 });
    const table = (await lab.data.load(treated.ref)).slice(0, 300);
    const ids = await post(table.select(not('target')).objects() as Record<string, number>[]);
    // Delayed labels, attached to the logged requests as the labels route does.
    const y = table.array('target') as number[];
    await services.serving.label(ids.map((id, i) => ({ id, label: y[i]!, at: Date.now() })));
    const loop = await lab.monitoring.closeLoop('student/clinic', {
      config: `name: clinic-retrain
random_state: 42
data:
  dataset: diabetes
  split: course
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
  kind: ridge
  alpha: 0.1
metrics: [mae, rmse]
`,
      windowSize: 100,
      traffic: { dataset: treated.ref },
    });
    const status = Object.fromEntries(loop.steps.map((s: any) => [s.step, s.status]));
    expect(status).toMatchObject({
      alert: 'done',
      'recent-data': 'done',
      'model-tests': 'done',
      canary: 'skipped',
      promote: 'done',
    });
    expect(loop).toMatchObject({ retrained: true, promoted: true, version: version + 1 });
    expect((await lab.registry.getModel('student-diabetes')).aliases.champion).toBe(version + 1);
    // What a CT workflow started by lab.ci.alert trains on: the same recent data, by the same name.
    expect((await lab.monitoring.recentData('student/clinic')).name).toBe('student-clinic-recent');
    const recent = await services.catalog.resolve(loop.recentData);
    expect(recent.transform.params).toMatchObject({
      endpoint: 'student/clinic',
      model: 'student-diabetes',
      version,
    });
  }, 120_000);
});
