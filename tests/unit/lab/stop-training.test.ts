import { expect, it } from 'vitest';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import { requestStop } from '../../../src/lib/tracking/stop-requests';
import type { Output } from '../../../src/lib/kernel/outputs';
import { TRAINING_PROGRESS, type TrainingProgressData } from '../../../src/lib/lab/live-loss';
import { useNodeServices } from './node-services';

it('stops a tracked MLP from outside the kernel: the run is KILLED, the kernel and its variables stay', async () => {
  const services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const cell = (source: string) => kernel.run('c', source, () => undefined);
  await cell(`const { train } = await lab.ml.courseSplit();
const kept = 41;
await lab.tracking.setExperiment('stop');
const run = await lab.tracking.startRun({ name: 'long mlp' });`);
  const runs = await services.tracking.runs();
  const runId = runs.find((r) => r.name === 'long mlp')!.id;
  // Ask to stop once the first epoch is logged, as a student would on the run page.
  const asked = (async () => {
    for (;;) {
      if ((await services.tracking.metricHistory(runId, 'loss')).length > 0)
        return requestStop(runId);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const training = await cell(
    "await lab.ml.fitMlp(train, { target: 'target', hidden: [8], epochs: 500, batchSize: 16, seed: 1 });",
  );
  await asked;
  expect(training.status).toBe('error');
  const error = training.outputs.find((o) => o.type === 'error') as { message: string };
  expect(error.message).toMatch(
    /Training stopped from the run page: run "long mlp" is marked KILLED/,
  );
  const run = await services.tracking.run(runId);
  expect(run!.status).toBe('KILLED');
  expect(run!.tags['stop.reason']).toBe('stopped from the run page');
  const epochs = (await services.tracking.metricHistory(runId, 'loss')).length;
  expect(epochs).toBeGreaterThan(0);
  expect(epochs).toBeLessThan(500);
  const after = await cell('kept + 1');
  expect(after.status).toBe('ok');
});

it('marks a tracked run FAILED, and says so plainly, when training runs out of memory', async () => {
  const services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const cell = (source: string) => kernel.run('c', source, () => undefined);
  await cell(`const { train } = await lab.ml.courseSplit();
const run = await lab.tracking.startRun({ name: 'too big' });`);
  // Ten trillion weights in the first layer: TF.js cannot allocate them (a real allocation, not a mock).
  const training = await cell(
    "await lab.ml.fitMlp(train, { target: 'target', hidden: [1e12], epochs: 1, seed: 1, trainer: 'tfjs' });",
  );
  expect(training.status).toBe('error');
  const error = training.outputs.find((o) => o.type === 'error') as { message: string };
  expect(error.message).toMatch(
    /^The training worker ran out of memory \(.+\)\. Train on fewer rows, with smaller layers or a smaller batch\. Run "too big" is marked FAILED\.$/,
  );
  const run = (await services.tracking.runs()).find((r) => r.name === 'too big')!;
  expect(run.status).toBe('FAILED');
  expect(run.tags.error).toMatch(/^train: The training worker ran out of memory/);
  expect((await cell('train.numRows()')).status).toBe('ok');
});

it('refuses a network over the memory budget before allocating it, and marks the run FAILED', async () => {
  const services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const cell = (source: string) => kernel.run('c', source, () => undefined);
  await cell(`const { train } = await lab.ml.courseSplit();
await lab.tracking.startRun({ name: 'over budget' });`);
  const training = await cell(
    "await lab.ml.fitMlp(train, { target: 'target', hidden: [1e12], epochs: 1, seed: 1 });",
  );
  const error = training.outputs.find((o) => o.type === 'error') as { message: string };
  expect(error.message).toMatch(
    /^Training this network needs about 4,074\.5 TB \(12,000,000,000,001 weights in layers 10→1000000000000→1, 353 rows × 10 features\), more than the 2\.0 GB a training worker may use\. Use smaller hidden layers, fewer rows or a smaller batch\. Run "over budget" is marked FAILED\.$/,
  );
  const run = (await services.tracking.runs()).find((r) => r.name === 'over budget')!;
  expect(run.status).toBe('FAILED');
  expect((await cell('train.numRows()')).status).toBe('ok');
});

/** Presses the cell's Cancel once the live output has shown `after` epochs (or rounds). */
function cancelFromCellAfter(streamed: Output[], after: number): Promise<void> {
  return (async () => {
    for (;;) {
      const live = streamed.findLast(
        (o): o is Extract<Output, { type: 'rich' }> =>
          o.type === 'rich' && o.kind === TRAINING_PROGRESS,
      )?.data as TrainingProgressData | undefined;
      if (live?.cancelId && live.points.length >= after) return requestStop(live.cancelId);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
}

it('cancels a tracked MLP from its cell: the worker stops, the run is KILLED, no epoch after', async () => {
  const services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  await kernel.run(
    'c',
    `const { train } = await lab.ml.courseSplit();
const kept = 41;
await lab.tracking.startRun({ name: 'cancelled mlp' });`,
    () => undefined,
  );
  const streamed: Output[] = [];
  const asked = cancelFromCellAfter(streamed, 2);
  const training = await kernel.run(
    'c',
    "await lab.ml.fitMlp(train, { target: 'target', hidden: [8], epochs: 2000, batchSize: 8, seed: 1 });",
    (o) => streamed.push(o),
  );
  await asked;
  expect(training.status).toBe('error');
  const error = training.outputs.find((o) => o.type === 'error') as { message: string };
  expect(error.message).toMatch(
    /^Training stopped from the cell: run "cancelled mlp" is marked KILLED with the epochs it finished\./,
  );
  const run = (await services.tracking.runs()).find((r) => r.name === 'cancelled mlp')!;
  expect(run.status).toBe('KILLED');
  expect(run.tags['stop.reason']).toBe('stopped from the cell');
  const epochs = (await services.tracking.metricHistory(run.id, 'loss')).length;
  expect(epochs).toBeGreaterThan(0);
  expect(epochs).toBeLessThan(2000);
  // The live output ends stopped, with no Cancel left to press.
  const last = training.outputs.find((o) => o.type === 'rich')!.data as TrainingProgressData;
  expect(last.status).toBe('stopped');
  expect(last.cancelId).toBeNull();
  // Nothing more is logged once the cell has answered: the trainer really stopped.
  await new Promise((r) => setTimeout(r, 300));
  expect((await services.tracking.metricHistory(run.id, 'loss')).length).toBe(epochs);
  expect((await kernel.run('c', 'kept + 1', () => undefined)).status).toBe('ok');
});

it('cancels an untracked MLP from its cell with a coded error and no model', async () => {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  await kernel.run('c', 'const { train } = await lab.ml.courseSplit();', () => undefined);
  const streamed: Output[] = [];
  const asked = cancelFromCellAfter(streamed, 1);
  const training = await kernel.run(
    'c',
    "globalThis.m = await lab.ml.fitMlp(train, { target: 'target', hidden: [8], epochs: 2000, batchSize: 8, seed: 1 });",
    (o) => streamed.push(o),
  );
  await asked;
  const error = training.outputs.find((o) => o.type === 'error') as { message: string };
  expect(error.message).toBe(
    'Training stopped from the cell; no model was returned. The kernel and your variables are intact.',
  );
  const live = training.outputs.find((o) => o.type === 'rich')!.data as TrainingProgressData;
  expect(live.status).toBe('stopped');
  expect(live.points.length).toBeLessThan(2000);
  expect((await kernel.run('c', 'globalThis.m === undefined', () => undefined)).outputs).toEqual([
    { type: 'value', text: 'true' },
  ]);
});
