import { beforeEach, describe, expect, it } from 'vitest';
import { not } from 'arquero';
import { useNodeServices } from './node-services';
import { createLab } from '../../../src/lib/lab';
import type { LabServices } from '../../../src/lib/lab/services';

/* eslint-disable @typescript-eslint/no-explicit-any -- the lab object is typed for cells, not for TS */
let services: LabServices;
let lab: any;

const config = (model: string) => `
name: diabetes-retrain
random_state: 42
data:
  dataset: diabetes
  split: course
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
${model}
metrics: [mae, rmse]
`;

/** Lesson 15's start: least squares served on "loop", then 300 requests of a new treatment. */
async function servedThenTreated() {
  const { train, test } = await lab.ml.courseSplit();
  await lab.tracking.setExperiment('loop-test');
  const dataVersion = lab.data.versionOf(await lab.data.load('diabetes')).id;
  const run = await lab.tracking.startRun({ tags: { 'dataset.version': dataVersion } });
  await lab.tracking.logModel(lab.ml.fit(train, { target: 'target', model: 'linear' }));
  await lab.tracking.endRun();
  const before = await lab.registry.registerModel(`runs:/${run.id}/model`, 'loop-model', {
    inputExample: test.slice(0, 3).select(not('target')),
  });
  await lab.registry.testModel(`models:/loop-model/${before.version}`, [
    { kind: 'directional', name: 'bmi raises', feature: 'bmi', delta: 1, expect: 'increase' },
  ]);
  await lab.registry.setAlias('loop-model', 'champion', before.version);
  await lab.serving.deploy('loop', {
    model: 'loop-model',
    strategy: 'single',
    version: before.version,
  });
  const treated = await lab.monitoring.scenario('diabetes', { scenario: 'concept', seed: 60 });
  const since = Date.now();
  const traffic = { dataset: treated.ref, rate: 400, requests: 300, labelDelayMs: 50, users: 300 };
  await lab.serving.simulate('loop', traffic);
  return { before: before.version as number, since, dataVersion, treated: treated.ref as string };
}

const stepStatus = (loop: any) =>
  Object.fromEntries(loop.steps.map((s: any) => [s.step, s.status]));

beforeEach(() => {
  services = useNodeServices();
  lab = createLab({ display() {} });
});

describe('lab.monitoring.closeLoop', () => {
  it('retrains on the recent labelled requests after a performance alert and promotes a better canary', async () => {
    const { before, since, dataVersion, treated } = await servedThenTreated();
    const loop = await lab.monitoring.closeLoop('loop', {
      config: config('  kind: ridge\n  alpha: 0.1'),
      since,
      windowSize: 100,
      traffic: { dataset: treated, requests: 400, labelDelayMs: 50 },
    });
    expect(loop).toMatchObject({ retrained: true, promoted: true, version: before + 1 });
    expect(stepStatus(loop)).toMatchObject({ alert: 'done', canary: 'done', promote: 'done' });
    expect((await lab.registry.getModel('loop-model')).aliases.champion).toBe(before + 1);
    expect((await lab.serving.endpoint('loop')).deployment).toMatchObject({
      strategy: 'single',
      version: before + 1,
    });
    // The data it learnt from: the labelled requests, whose parent is the old model's data.
    const recent = await services.catalog.resolve(loop.recentData);
    expect(recent.parents).toEqual([dataVersion]);
    expect(recent.transform.params).toMatchObject({
      endpoint: 'loop',
      model: 'loop-model',
      version: before,
    });
    expect(loop.pipelineConfig.data.dataset).toBe(loop.recentData);
    // Monitoring the promoted version compares traffic with the rows it trained on (its pipeline
    // run recorded the split), as the dashboard does; the cell-fitted old model had no split.
    const monitored = await lab.monitoring.monitor('loop', { windowSize: 100 });
    expect(monitored.reference).toMatchObject({ kind: 'training', maeOn: 'test' });
    expect(monitored.reference.rows).toBeLessThan(monitored.reference.versionRows);
  }, 120_000);

  it('rolls back a retrained canary that errs more than the stable on labels; the champion stays', async () => {
    const { before, since, treated } = await servedThenTreated();
    // So much shrinkage that the retrained model predicts about the mean: in range, but worse.
    const loop = await lab.monitoring.closeLoop('loop', {
      config: config('  kind: ridge\n  alpha: 1000000'),
      since,
      windowSize: 100,
      canary: { percent: 50, rollback: { maxLabelErrorRatio: 1.1, minRequests: 20 } },
      traffic: { dataset: treated, requests: 400, labelDelayMs: 50 },
    });
    expect(loop).toMatchObject({ retrained: true, promoted: false, version: before + 1 });
    expect(stepStatus(loop)).toMatchObject({
      'model-tests': 'done',
      canary: 'failed',
      promote: 'skipped',
    });
    expect(loop.steps.find((s: any) => s.step === 'canary').detail).toMatch(/MAE/);
    expect((await lab.registry.getModel('loop-model')).aliases.champion).toBe(before);
    expect((await lab.serving.endpoint('loop')).deployment).toEqual({
      strategy: 'single',
      version: before,
    });
  }, 120_000);

  it('does not retrain when no window raises a trigger alert', async () => {
    const { since, treated } = await servedThenTreated();
    const loop = await lab.monitoring.closeLoop('loop', {
      config: config('  kind: ridge\n  alpha: 0.1'),
      since,
      windowSize: 100,
      triggers: ['latency'],
      traffic: { dataset: treated },
    });
    expect(loop.retrained).toBe(false);
    expect(stepStatus(loop)).toMatchObject({
      alert: 'done',
      'recent-data': 'skipped',
      promote: 'skipped',
    });
    expect((await services.catalog.versions('loop-recent')).length).toBe(0);
  }, 120_000);
});
