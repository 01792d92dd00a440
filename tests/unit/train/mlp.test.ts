import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricRegistry } from '../../../src/lib/metrics';
import { matrix } from '../../../src/lib/train/matrix';
import { fitMlp } from '../../../src/lib/train/tfjs-mlp';
import {
  explainTrainingFailure,
  mlpBackendTags,
  predictMlp,
  TrainingCancelled,
  type EpochReport,
} from '../../../src/lib/train/mlp';

// y = sin(a) + b² / 4: a curve a linear model cannot fit.
const n = 2000;
const rng = (i: number) => ((i * 7919) % 1000) / 1000;
const rows = Array.from({ length: n }, (_, i) => [rng(i) * 6 - 3, rng(i * 31 + 7) * 4 - 2]);
const x = matrix(n, 2, Float64Array.from(rows.flat()));
const y = Float64Array.from(rows, ([a, b]) => Math.sin(a!) + b! ** 2 / 4);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MLP trained with TensorFlow.js', () => {
  it('learns a non-linear function, reports every epoch, and predicts without TF.js', async () => {
    const epochs: EpochReport[] = [];
    const state = await fitMlp(
      tf,
      x,
      y,
      { hidden: [16, 8], epochs: 40, learningRate: 0.02 },
      {
        onEpoch: (r) => epochs.push(r),
      },
    );
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0]!.loss / 5);
    expect(epochs.at(-1)!.valLoss).not.toBeNull();
    expect(state.backend).toBe('cpu');
    expect(state.layers.map((l) => [l.inputs, l.units, l.activation])).toEqual([
      [2, 16, 'relu'],
      [16, 8, 'relu'],
      [8, 1, 'linear'],
    ]);
    const rmse = metricRegistry.rmse.compute(y, predictMlp(state, x));
    const spread = metricRegistry.rmse.compute(
      y,
      new Float64Array(n).fill(y.reduce((s, v) => s + v) / n),
    );
    expect(rmse).toBeLessThan(spread / 4);
  }, 60_000);

  it('gives the same weights for the same data, options and seed', async () => {
    const options = { hidden: [8], epochs: 3, seed: 7 };
    const a = await fitMlp(tf, x, y, options);
    const b = await fitMlp(tf, x, y, options);
    const c = await fitMlp(tf, x, y, { ...options, seed: 8 });
    expect(b.layers).toEqual(a.layers);
    expect(c.layers).not.toEqual(a.layers);
  }, 60_000);

  it('stops between batches when cancelled, and says when training diverges', async () => {
    let batches = 0;
    await expect(
      fitMlp(tf, x, y, { epochs: 5 }, { cancelled: () => ++batches > 3 }),
    ).rejects.toBeInstanceOf(TrainingCancelled);
    const huge = Float64Array.from(y, (v) => v * 1e30);
    await expect(fitMlp(tf, x, huge, { epochs: 2, learningRate: 10 })).rejects.toThrow(
      /Training diverged at epoch 1 .*no weights were kept\. Lower the learning rate \(now 10\)/,
    );
  }, 60_000);

  it('explains running out of memory as such, and leaves other errors alone', async () => {
    const failure = await fitMlp(tf, x, y, { hidden: [1e12], epochs: 1 }).catch((e: unknown) => e);
    const explained = explainTrainingFailure(failure) as Error;
    expect(explained.name).toBe('TrainingOutOfMemory');
    expect(explained.message).toMatch(/^The training worker ran out of memory \(/);
    expect(explained.cause).toBe(failure);
    for (const low of ['Array buffer allocation failed', 'Aborted(OOM)', 'Out of memory'])
      expect((explainTrainingFailure(new RangeError(low)) as Error).name).toBe(
        'TrainingOutOfMemory',
      );
    const other = new Error('hidden must list positive whole numbers of units');
    expect(explainTrainingFailure(other)).toBe(other);
    expect(explainTrainingFailure(new TrainingCancelled())).toBeInstanceOf(TrainingCancelled);
  });

  it('tags the backend, and the wasm thread count when the trainer reported one', async () => {
    const state = await fitMlp(tf, x, y, { hidden: [2], epochs: 1, seed: 1 });
    expect(mlpBackendTags(state)).toEqual({ trainer: 'tfjs', backend: 'tfjs-cpu' });
    expect(mlpBackendTags({ ...state, backend: 'wasm', threads: 2 })).toEqual({
      trainer: 'tfjs',
      backend: 'tfjs-wasm',
      wasm_threads: '2',
    });
  });
});
