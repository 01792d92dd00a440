import { expect, it } from 'vitest';
import { createLab } from '../../../src/lib/lab';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import type { Output } from '../../../src/lib/kernel/outputs';
import { LiveDisplay } from '../../../src/lib/kernel/to-output';
import {
  collectInSlices,
  PROGRESS,
  SLICE_MS,
  type ProgressOutputData,
} from '../../../src/lib/lab/live-progress';
import { TRAINING_PROGRESS } from '../../../src/lib/lab/live-loss';
import { requestStop } from '../../../src/lib/tracking/stop-requests';
import { stopLiveOutputs } from '../../../src/state/cell-error-output';
import { useNodeServices } from './node-services';

const RIDGE = `
name: diabetes-ridge
random_state: 42
data:
  dataset: diabetes
  split: course
features:
  target: target
  scale: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
  kind: ridge
  alpha: 1
metrics: [mse]
`;

const MLP = RIDGE.replace(
  'kind: ridge\n  alpha: 1',
  'kind: mlp\n  hidden: [8]\n  epochs: 1000\n  batch_size: 4',
);

type Rich = Extract<Output, { type: 'rich' }>;
const bars = (outputs: Output[]) =>
  outputs.filter((o): o is Rich => o.type === 'rich' && o.kind === PROGRESS);

it('shows a sweep as one bar of trials, ended done, its Cancel a stop request the kernel hears', async () => {
  useNodeServices();
  const shown: LiveDisplay[] = [];
  const lab = createLab({ display: (v: unknown) => v instanceof LiveDisplay && shown.push(v) }) as {
    pipeline: { sweep: (yaml: string, spec: unknown) => Promise<unknown> };
  };
  await lab.pipeline.sweep(RIDGE, { grid: { 'model.alpha': [0.1, 1, 10] } });
  const states = shown.filter((d) => d.kind === PROGRESS).map((d) => d.data as ProgressOutputData);
  expect(new Set(shown.map((d) => d.id)).size).toBe(1);
  expect(states[0]!.cancel).toEqual({ channel: shown[0]!.id });
  expect(states.map((s) => s.progress.samples.at(-1)?.done ?? 0)).toEqual([0, 1, 2, 3, 3]);
  expect(states.at(-1)!.status).toBe('done');
  expect(states.at(-1)!.cancel).toBeNull();
});

it('cancels a pipeline from its cell: the run is KILLED and the bar says cancelled', async () => {
  const services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const streamed: Output[] = [];
  // Cancel from the steps bar once the MLP has shown an epoch (the train step is running).
  const asked = (async () => {
    for (;;) {
      const bar = bars(streamed).at(-1)?.data as ProgressOutputData | undefined;
      const training = streamed.some((o) => o.type === 'rich' && o.kind === TRAINING_PROGRESS);
      if (training && bar?.cancel) return requestStop(bar.cancel.channel);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const result = await kernel.run('p', `await lab.pipeline.run(\`${MLP}\`)`, (o) =>
    streamed.push(o),
  );
  await asked;
  expect(result.status).toBe('error');
  const error = result.outputs.find((o) => o.type === 'error') as { message: string };
  expect(error.message).toBe(
    'The pipeline was cancelled from the cell in its train step; its run is marked KILLED. The kernel and your variables are intact.',
  );
  const [bar] = bars(result.outputs);
  expect((bar!.data as ProgressOutputData).status).toBe('stopped');
  const runs = await services.tracking.runs();
  expect(runs).toHaveLength(1);
  expect(runs[0]!.status).toBe('KILLED');
  expect(runs[0]!.metrics.loss?.step ?? 0).toBeLessThan(1000);
});

it('marks live outputs stopped when the kernel ends under them, leaving the rest as they were', () => {
  const running = (kind: string, extra: object): Output => ({
    type: 'rich',
    kind,
    displayId: kind,
    data: { status: 'running', ...extra },
  });
  const done: Output = { type: 'rich', kind: PROGRESS, displayId: 'd', data: { status: 'done' } };
  const text: Output = { type: 'stream', name: 'stdout', text: 'x' };
  const out = stopLiveOutputs([
    running(PROGRESS, { cancel: { channel: 'c' } }),
    running(TRAINING_PROGRESS, { cancelId: 'c' }),
    done,
    text,
  ]);
  expect(out.map((o) => (o.type === 'rich' ? o.data : o))).toEqual([
    { status: 'stopped', cancel: null },
    { status: 'stopped', cancelId: null },
    { status: 'done' },
    text,
  ]);
});

it('collects items a slice of time at a time: timers run between slices, an abort stops before the next item', async () => {
  const stop = new AbortController();
  let made = 0;
  function* slow() {
    for (;;) {
      const until = performance.now() + 5;
      while (performance.now() < until);
      yield ++made;
    }
  }
  // A timer is a stand-in for a Cancel message: it can only land between two slices.
  setTimeout(() => stop.abort(new Error('stopped')), 30);
  const seen: number[] = [];
  await expect(collectInSlices(slow(), stop.signal, (n) => seen.push(n))).rejects.toThrow(
    'stopped',
  );
  expect(seen.length).toBeGreaterThan(0);
  // Stopped at the first slice's end: about SLICE_MS of 5 ms items, and none made after.
  expect(seen.length).toBeLessThanOrEqual(SLICE_MS / 5 + 2);
  expect(made).toBe(seen.length);
  const all: number[] = [];
  await collectInSlices([1, 2, 3][Symbol.iterator](), new AbortController().signal, (n) =>
    all.push(n),
  );
  expect(all).toEqual([1, 2, 3]);
});
