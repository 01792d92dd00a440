import { expect, it } from 'vitest';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import type { Output } from '../../../src/lib/kernel/outputs';
import type { TrainingProgressData } from '../../../src/lib/lab/live-loss';
import { useNodeServices } from './node-services';

type Rich = Extract<Output, { type: 'rich' }>;

it('lab.ml.fitGbdt trains boosted trees from a cell, the loss per round shown live, and predicts', async () => {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  await kernel.run('a', 'const { train, test } = await lab.ml.courseSplit();', () => undefined);
  const result = await kernel.run(
    'b',
    [
      "const trees = await lab.ml.fitGbdt(train, { target: 'target', max_iter: 40, learning_rate: 0.1, seed: 3 });",
      "const mean = lab.ml.fit(train, { target: 'target', model: 'mean' });",
      "const y = test.array('target');",
      '[trees.kind, lab.ml.metrics.mse(y, trees.predict(test)) < lab.ml.metrics.mse(y, mean.predict(test))].join(" ")',
    ].join('\n'),
    () => undefined,
  );
  expect(result.status).toBe('ok');
  expect(result.outputs.at(-1)).toMatchObject({ type: 'value', text: 'gbdt true' });
  const progress = result.outputs.filter(
    (o): o is Rich => o.type === 'rich' && o.kind === 'training-progress',
  );
  expect(progress).toHaveLength(1);
  const data = progress[0]!.data as TrainingProgressData;
  expect(data.status).toBe('done');
  expect(data.points.map((p) => p.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  // Refused with the way to do it, not trained synchronously in the kernel.
  const sync = await kernel.run(
    'c',
    "lab.ml.fit(train, { target: 'target', model: 'gbdt' })",
    () => undefined,
  );
  expect(sync.status).toBe('error');
});

it('lab.pipeline.run with kind gbdt counts and names its live progress in boosting rounds', async () => {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const yaml = [
    'name: diabetes-trees',
    'random_state: 42',
    'data: { dataset: diabetes, split: course }',
    'features: { target: target, passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu] }',
    'model: { kind: gbdt, max_iter: 15 }',
    'metrics: [mse]',
  ].join('\n');
  const result = await kernel.run(
    'p',
    `(await lab.pipeline.run(\`${yaml}\`)).metrics.test.mse > 0`,
    () => undefined,
  );
  expect(result.status).toBe('ok');
  const [progress] = result.outputs.filter(
    (o): o is Rich => o.type === 'rich' && o.kind === 'training-progress',
  );
  const data = progress!.data as TrainingProgressData;
  // Not "MLP loss per epoch" out of the MLP's default 20 epochs.
  expect(data.title).toBe('diabetes-trees: boosted trees: loss per round');
  expect(data.epochs).toBe(15);
  expect(data.points).toHaveLength(15);
});
