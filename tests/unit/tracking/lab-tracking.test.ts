import { beforeEach, expect, it } from 'vitest';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import type { LabServices } from '../../../src/lib/lab/services';
import { useNodeServices } from '../lab/node-services';

let services: LabServices;
let cell: (source: string) => Promise<{ status: string; outputs: unknown[] }>;
beforeEach(async () => {
  services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  cell = (source) => kernel.run('c', source, () => undefined);
});

const ok = async (source: string) => {
  const result = await cell(source);
  expect(result.outputs.filter((o) => (o as { type: string }).type === 'error')).toEqual([]);
  expect(result.status).toBe('ok');
};
const runNamed = async (name: string) =>
  (await services.tracking.runs()).find((r) => r.name === name)!;
const text = async (runId: string, path: string) =>
  new TextDecoder().decode(await services.tracking.artifact(runId, path));

it('logs a Plot chart made in a cell as SVG, a table as CSV, and the data version as a tag', async () => {
  await ok(`const data = await lab.data.load('diabetes');
const { train, test } = await lab.ml.courseSplit();
const ols = lab.ml.fit(train, { target: 'target', model: 'linear' });
const predictions = test.select('target').assign({ predicted: ols.predict(test) });
await lab.tracking.startRun({ name: 'ols' });
await lab.tracking.logInput(lab.data.versionOf(data), { context: 'training' });
await lab.tracking.logFigure('plots/predicted.svg', Plot.dot(predictions, { x: 'target', y: 'predicted' }).plot());
await lab.tracking.logTable('predictions.csv', predictions);
await lab.tracking.endRun();`);
  const run = await runNamed('ols');
  const version = await services.catalog.resolve('diabetes');
  expect(run.tags).toMatchObject({
    'dataset.version': version.id,
    'dataset.name': 'diabetes',
    'dataset.context': 'training',
  });
  const artifacts = await services.tracking.artifacts(run.id);
  expect(Object.fromEntries(artifacts.map((a) => [a.path, a.mime]))).toEqual({
    'plots/predicted.svg': 'image/svg+xml',
    'predictions.csv': 'text/csv',
  });
  const svg = await text(run.id, 'plots/predicted.svg');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.match(/<circle/g)).toHaveLength(89);
  const csv = (await text(run.id, 'predictions.csv')).trim().split('\n');
  expect(csv[0]).toBe('target,predicted');
  expect(csv).toHaveLength(90);
});

it('says what to do with a table too big to log, a non-chart, or an unknown dataset', async () => {
  await ok(`await lab.tracking.startRun({ name: 'bad' });`);
  const error = async (source: string) => {
    const result = await cell(source);
    expect(result.status).toBe('error');
    return (
      result.outputs.find((o) => (o as { type: string }).type === 'error') as {
        message: string;
      }
    ).message;
  };
  expect(
    await error(`await lab.tracking.logTable('big.csv', aq.table({ x: [1, 2, 3] }), { limit: 2 })`),
  ).toMatch(/logTable\("big.csv"\): the table has 3 rows, more than 2\. Either log a sample/);
  expect(await error(`await lab.tracking.logFigure('x.svg', 'not a chart')`)).toMatch(
    /logFigure\("x.svg"\): expected an Observable Plot chart/,
  );
  expect(await error(`await lab.tracking.logInput({})`)).toMatch(/logInput: give a dataset name/);
});

it('tags a run that trains an MLP with its trainer and backend, as a pipeline run is tagged', async () => {
  await ok(`const { train } = await lab.ml.courseSplit();
await lab.tracking.startRun({ name: 'mlp' });
await lab.ml.fitMlp(train, { target: 'target', hidden: [4], epochs: 2, seed: 1 });
await lab.tracking.endRun();
await lab.tracking.startRun({ name: 'mlp elu' });
await lab.ml.fitMlp(train, { target: 'target', hidden: [4], epochs: 2, seed: 1, activation: 'elu' });
await lab.tracking.endRun();`);
  expect((await runNamed('mlp')).tags).toMatchObject({
    trainer: 'fused',
    backend: 'javascript-float64',
  });
  // An activation only TF.js has falls back to TF.js, and the run says so.
  expect((await runNamed('mlp elu')).tags).toMatchObject({ trainer: 'tfjs', backend: 'tfjs-cpu' });
});

it('deletes a run out of searches and restores it', async () => {
  await ok(`await lab.tracking.setExperiment('bin');
for (const name of ['keep', 'drop']) {
  await lab.tracking.startRun({ name });
  await lab.tracking.endRun();
}`);
  const drop = await runNamed('drop');
  const listed = async () => {
    const result = await cell(
      `(await lab.tracking.findRuns()).map((r) => r.name).sort().join(',')`,
    );
    return JSON.stringify(result.outputs);
  };
  expect(await listed()).toMatch(/drop,keep/);
  await ok(`await lab.tracking.deleteRun('${drop.id}')`);
  expect((await services.tracking.run(drop.id))!.deletedAt).not.toBeNull();
  expect(await listed()).not.toMatch(/drop/);
  await ok(`await lab.tracking.restoreRun('${drop.id}')`);
  expect((await services.tracking.run(drop.id))!.deletedAt).toBeNull();
  expect(await listed()).toMatch(/drop,keep/);
});
