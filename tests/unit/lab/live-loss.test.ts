import { expect, it } from 'vitest';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import type { Output } from '../../../src/lib/kernel/outputs';
import { lossCurves, thinPoints, type TrainingProgressData } from '../../../src/lib/lab/live-loss';
import { startProgress } from '../../../src/lib/progress/estimate';
import { useNodeServices } from './node-services';

type Rich = Extract<Output, { type: 'rich' }>;
const progress = (outputs: Output[]) =>
  outputs.filter((o): o is Rich => o.type === 'rich' && o.kind === 'training-progress');

it('shows the loss per epoch in the cell as it arrives, as one output updated in place', async () => {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  await kernel.run('a', 'const { train } = await lab.ml.courseSplit();', () => undefined);
  const streamed: Output[] = [];
  const result = await kernel.run(
    'b',
    "const m = await lab.ml.fitMlp(train, { target: 'target', hidden: [8], epochs: 30, batchSize: 32, seed: 2 }); m.kind",
    (o) => streamed.push(o),
  );
  expect(result.status).toBe('ok');
  // Streamed: the empty chart first, then updates (at most four a second), all with one id.
  const updates = progress(streamed);
  expect(updates.length).toBeGreaterThanOrEqual(2);
  expect(new Set(updates.map((u) => u.displayId)).size).toBe(1);
  expect((updates[0]!.data as TrainingProgressData).points).toEqual([]);
  // The cell keeps one progress output, the last, in its place before the value.
  const kept = progress(result.outputs);
  expect(kept).toHaveLength(1);
  expect(result.outputs.indexOf(kept[0]!)).toBe(0);
  const data = kept[0]!.data as TrainingProgressData;
  expect(data.status).toBe('done');
  expect(data.points.map((p) => p.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  expect(data.note).toBe('trained by fused (javascript-float64)');
  expect(data.title).toBe('MLP 10→8→1 on 353 rows');
});

it('says in the cell when training failed', async () => {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const result = await kernel.run(
    'p',
    `await lab.ml.fitMlp(aq.table({ x: [1, 2, NaN], y: [1, 2, 3] }), { target: 'y', epochs: 2 })`,
    () => undefined,
  );
  expect(result.status).toBe('error');
  const [failed] = progress(result.outputs);
  expect((failed!.data as TrainingProgressData).status).toBe('failed');
});

it('draws the curves in the box, lowest loss at the bottom', () => {
  const data: TrainingProgressData = {
    title: 't',
    epochs: 3,
    status: 'running',
    note: null,
    progress: startProgress(3, 'epochs', 0),
    cancelId: null,
    points: [
      { epoch: 1, loss: 4, valLoss: 5, seconds: 1 },
      { epoch: 2, loss: 1, valLoss: 2, seconds: 1 },
    ],
  };
  expect(lossCurves(data, 100, 10)).toEqual({
    loss: '0.0,2.5 50.0,10.0',
    valLoss: '0.0,0.0 50.0,7.5',
    low: 1,
    high: 5,
  });
});

it('sends at most 200 epochs per update, evenly spread, the first and last always', () => {
  const points = Array.from({ length: 5000 }, (_, i) => i + 1);
  const thin = thinPoints(points);
  expect(thin).toHaveLength(200);
  expect([thin[0], thin.at(-1)]).toEqual([1, 5000]);
  expect(thin.every((p, i) => i === 0 || p > thin[i - 1]!)).toBe(true);
  expect(thinPoints([1, 2, 3])).toEqual([1, 2, 3]);
});
