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
describe("monitoring a student's own API", () => {
  it('monitors api/student/<project>/ like an endpoint: its log names the model that scored', async () => {
    const services = useNodeServices();
    const lab: any = createLab({ display() {} });
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

    // The router as the service worker runs it, over the same stores as the kernel.
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
    await expect(lab.monitoring.monitor('student/clinic')).rejects.toThrow(
      'has no request scored by a model yet',
    );
    const rows = test.select(not('target')).objects() as Record<string, number>[];
    for (const row of rows.slice(0, 60))
      await router.handle({
        method: 'POST',
        path: 'student/clinic/predict',
        query: {},
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(row),
      });
    await router.flush();
    const monitored = await lab.monitoring.monitor('student/clinic', { windowSize: 30 });
    expect(monitored.reports.map((w: any) => w.requests)).toEqual([30, 30]);
    expect(monitored.reports[0].drift.columns.length).toBe(10);
  }, 60_000);
});
