import { describe, expect } from 'vitest';
import { createKernelRuntime } from '../../src/lib/kernel/runtime';
import type { Output } from '../../src/lib/kernel/outputs';
import { TrainError } from '../../src/lib/train/errors';
import { fitFusedMlp } from '../../src/lib/train/fused-mlp/train';
import { matrix } from '../../src/lib/train/matrix';
import { TrainingCancelled, type EpochReport } from '../../src/lib/train/mlp';
import { trainMlp } from '../../src/lib/train/train-mlp';
import { useNodeServices } from '../unit/lab/node-services';
import { hostile } from './hostile';

const n = 400;
const x = matrix(
  n,
  2,
  Float64Array.from({ length: 2 * n }, (_, k) => ((k * 37) % 101) / 50 - 1),
);
const y = Float64Array.from({ length: n }, (_, i) => x.data[2 * i]! - x.data[2 * i + 1]! / 2);
const names = { features: ['distance', 'hour'], target: 'duration' };

/** The TrainError a training call fails with (and proof that it failed). */
async function refusal(training: Promise<unknown>): Promise<TrainError> {
  const error = await training.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrainError);
  return error as TrainError;
}

const noTf = async (): Promise<never> => {
  throw new Error('TF.js must not load for this case');
};

async function cellError(source: string): Promise<string> {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const result = await kernel.run('c', source, () => undefined);
  expect(result.status).toBe('error');
  return (result.outputs.find((o) => o.type === 'error') as Extract<Output, { type: 'error' }>)
    .message;
}

describe('the MLP trainers against hostile training data and settings', () => {
  hostile(
    'training',
    'NaN in a feature: named by column and row, before any weight moves',
    { guards: 'clarity' },
    async () => {
      const bad = matrix(n, 2, x.data.slice());
      bad.data[2 * 117 + 1] = Number.NaN;
      const epochs: EpochReport[] = [];
      const error = await refusal(
        trainMlp(bad, y, { names }, { loadTf: noTf, onEpoch: (r) => epochs.push(r) }),
      );
      expect(error.code).toBe('not-finite');
      expect(error.where).toEqual({ row: 118, column: 'hour' });
      expect(error.message).toMatch(
        /^Feature "hour", row 118: NaN is not a finite number, and a network cannot train on it\. Drop or fill the missing values first \(e\.g\. table\.filter\(d => op\.is_finite\(d\["hour"\]\)\), or impute them\)\.$/,
      );
      expect(epochs).toEqual([]);
    },
  );

  hostile(
    'training',
    'Infinity in a feature and NaN in the target, from a cell',
    { guards: 'clarity' },
    async () => {
      expect(
        await cellError(
          "await lab.ml.fitMlp(aq.table({ speed: [1, 2, Infinity, 4], y: [1, 2, 3, 4] }), { target: 'y', epochs: 1 })",
        ),
      ).toMatch(/^Feature "speed", row 3: Infinity is not a finite number/);
      const error = await refusal(
        fitFusedMlp(
          x,
          Float64Array.from(y, (v, i) => (i === 9 ? Number.NaN : v)),
          {},
          { names },
        ),
      );
      expect(error.message).toMatch(/^Target "duration", row 10: NaN is not a finite number/);
    },
  );

  hostile(
    'training',
    'an exploding loss: stopped with a message, no NaN weights returned',
    { guards: 'data' },
    async () => {
      const huge = Float64Array.from(y, (v) => v * 1e200);
      const epochs: EpochReport[] = [];
      const error = await refusal(
        fitFusedMlp(x, huge, { learningRate: 10, epochs: 3 }, { onEpoch: (r) => epochs.push(r) }),
      );
      expect(error.code).toBe('diverged');
      expect(error.message).toMatch(
        /^Training diverged at epoch 1, batch \d+ \(loss (Infinity|NaN)\); it was stopped and no weights were kept\. Lower the learning rate \(now 10\), or scale the target to smaller values\.$/,
      );
      // No epoch with a non-finite loss was reported, so none reached a run's metrics.
      expect(epochs.every((r) => Number.isFinite(r.loss))).toBe(true);
    },
  );

  hostile(
    'training',
    'an exploding loss in a tracked cell: the run FAILED, no model logged',
    { guards: 'data' },
    async () => {
      const services = useNodeServices();
      const kernel = createKernelRuntime();
      await kernel.reset();
      const result = await kernel.run(
        'c',
        `const t = aq.table({ a: [1, 2, 3, 4, 5, 6, 7, 8], y: [1e200, -1e200, 1e200, -1e200, 1e200, -1e200, 1e200, 1e200] });
await lab.tracking.startRun({ name: 'explodes' });
const m = await lab.ml.fitMlp(t, { target: 'y', learningRate: 10, epochs: 2, batchSize: 2 });`,
        () => undefined,
      );
      expect(result.status).toBe('error');
      const run = (await services.tracking.runs()).find((r) => r.name === 'explodes')!;
      expect(run.status).toBe('FAILED');
      expect(run.tags.error).toMatch(/^train: Training diverged at epoch 1, batch/);
      // The cell's variable was never given a model, and the run has no artifact.
      expect((await kernel.run('d', 'm === undefined', () => undefined)).outputs).toEqual([
        { type: 'value', text: 'true' },
      ]);
      expect(await services.tracking.artifacts(run.id)).toEqual([]);
    },
  );

  hostile('training', 'zero rows: refused with what to check', { guards: 'clarity' }, async () => {
    const error = await refusal(trainMlp(matrix(0, 2), new Float64Array(0), {}, { loadTf: noTf }));
    expect(error.code).toBe('no-rows');
    expect(error.message).toBe(
      'There are no rows to train on (the table is empty). Check the filter or split that emptied it, or load the data again.',
    );
    expect(
      await cellError("await lab.ml.fitMlp(aq.table({ a: [], y: [] }), { target: 'y' })"),
    ).toMatch(/^There are no rows to train on/);
  });

  hostile(
    'training',
    'layers over the memory budget: refused with the size, nothing allocated',
    { guards: 'availability' },
    async () => {
      const error = await refusal(
        trainMlp(x, y, { hidden: [1e9, 1e9] }, { loadTf: noTf, memoryBudget: 1024 ** 3 }),
      );
      expect(error.code).toBe('over-memory-budget');
      expect(error.message).toBe(
        'Training this network needs about 29,103,838.1 TB (1,000,000,005,000,000,000 weights in layers 2→1000000000→1000000000→1, 400 rows × 2 features), more than the 1.0 GB a training worker may use. Use smaller hidden layers, fewer rows or a smaller batch.',
      );
      // A budget the data alone exceeds is refused too, in MB, and TF.js is held to it as well.
      const small = await refusal(
        trainMlp(
          x,
          y,
          { hidden: [512, 512], trainer: 'tfjs' },
          { loadTf: noTf, memoryBudget: 4 * 1024 ** 2 },
        ),
      );
      expect(small.message).toMatch(
        /^Training this network needs about 13 MB \(264,705 weights .* more than the 4 MB/,
      );
    },
  );

  hostile(
    'training',
    'settings no network can use: each named with what it takes',
    { guards: 'clarity' },
    async () => {
      const cases: [object, RegExp][] = [
        [{ hidden: [0] }, /^hidden must list positive whole numbers of units \(got 0\)\.$/],
        [{ hidden: [2.5] }, /^hidden must list positive whole numbers/],
        [{ batchSize: 0 }, /^batchSize must be a positive whole number \(got 0\)\.$/],
        [{ epochs: Number.NaN }, /^epochs must be a positive whole number \(got NaN\)\.$/],
        [{ learningRate: -1 }, /^learningRate must be a positive number \(got -1\)\.$/],
        [{ validationShare: 1 }, /^validationShare must be at least 0 and below 1 \(got 1\)\.$/],
        [
          { activation: 'softmax' },
          /^activation must be one of relu, tanh, sigmoid, linear, elu, selu \(got "softmax"\)\.$/,
        ],
        [{ optimizer: 'adamw' }, /^optimizer must be one of adam, sgd, rmsprop \(got "adamw"\)\.$/],
      ];
      for (const [options, message] of cases) {
        const error = await refusal(trainMlp(x, y, options, { loadTf: noTf }));
        expect(error.code).toBe('bad-option');
        expect(error.message).toMatch(message);
      }
      const unsupported = await refusal(
        trainMlp(x, y, { trainer: 'fused', activation: 'elu' }, { loadTf: noTf }),
      );
      expect(unsupported.message).toBe(
        `trainer: 'fused' cannot train activation "elu" (the fused trainer has relu, tanh, sigmoid and linear). Use trainer: 'tfjs' (or 'auto').`,
      );
    },
  );

  hostile(
    'training',
    'a target of another length than the rows',
    { guards: 'clarity' },
    async () => {
      const error = await refusal(fitFusedMlp(x, y.subarray(1), {}));
      expect(error.message).toBe(
        'The target has 399 values for 400 rows of features; they must be the same rows.',
      );
    },
  );

  hostile(
    'training',
    'a cancel mid-epoch stops at the next batch',
    { guards: 'availability' },
    async () => {
      let batches = 0;
      const stopped = await fitFusedMlp(
        x,
        y,
        { epochs: 50, batchSize: 8 },
        { cancelled: () => ++batches > 5 },
      ).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(TrainingCancelled);
      expect(batches).toBe(6);
    },
  );
});
