import type * as TF from '@tensorflow/tfjs';
import { TrainError } from './errors';
import type { Matrix } from './matrix';
import { MlpBatches } from './mlp-batches';
import { mlpOptions, type MlpOptions } from './mlp-options';
import { TrainingCancelled, type DenseLayer, type EpochReport, type MlpState } from './mlp';
import { applyScaler, fitScaler } from './preprocess';

function optimizer(tf: typeof TF, o: MlpOptions): TF.Optimizer {
  if (o.optimizer === 'sgd') return tf.train.sgd(o.learningRate);
  if (o.optimizer === 'rmsprop') return tf.train.rmsprop(o.learningRate);
  return tf.train.adam(o.learningRate);
}

/** The Sequential model `fitMlp` trains, with its seeded initial weights (the fused trainer's too). */
export function buildMlpModel(tf: typeof TF, inputs: number, o: MlpOptions): TF.Sequential {
  const model = tf.sequential();
  [...o.hidden, 1].forEach((units, i, all) =>
    model.add(
      tf.layers.dense({
        units,
        activation: i < all.length - 1 ? o.activation : 'linear',
        ...(i === 0 ? { inputShape: [inputs] } : {}),
        kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + i }),
        biasInitializer: 'zeros',
      }),
    ),
  );
  return model;
}

/**
 * Trains an MLP with TensorFlow.js (passed in, so the caller picks the backend): the fallback for
 * options the fused trainer does not have. Seeded initialisers and the seeded batch order
 * (`MlpBatches`, as the fused trainer) make a run repeatable on the same backend. The loop is
 * per epoch: the epoch's rows gathered once, then `model.fit` over them in order; a cancel request
 * is honoured at the next batch.
 */
export async function fitMlp(
  tf: typeof TF,
  x: Matrix,
  y: Float64Array,
  options: Partial<MlpOptions> = {},
  hooks: { onEpoch?: (r: EpochReport) => void; cancelled?: () => boolean } = {},
): Promise<MlpState> {
  const o = mlpOptions(options);
  const scaler = fitScaler(x);
  const xs = applyScaler(scaler, x);
  const batches = new MlpBatches(x.rows, o.validationShare, o.seed);
  const model = buildMlpModel(tf, x.cols, o);
  model.compile({ optimizer: optimizer(tf, o), loss: 'meanSquaredError' });
  const X = tf.tensor2d(Float32Array.from(xs.data), [x.rows, x.cols]);
  const Y = tf.tensor2d(Float32Array.from(y), [y.length, 1]);
  const valCount = batches.valRows.length;
  const valX = valCount ? tf.gather(X, Array.from(batches.valRows)) : null;
  const valY = valCount ? tf.gather(Y, Array.from(batches.valRows)) : null;
  const history: EpochReport[] = [];
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const started = performance.now();
      const epochRows = Array.from(batches.nextEpoch());
      const [xe, ye] = [tf.gather(X, epochRows), tf.gather(Y, epochRows)];
      let stopped = false;
      let loss = Number.NaN;
      try {
        await model.fit(xe, ye, {
          batchSize: o.batchSize,
          epochs: 1,
          shuffle: false,
          verbose: 0,
          // TF.js yields with requestAnimationFrame, which workers do not have: we yield
          // ourselves every few batches instead, so a cancel message can arrive.
          yieldEvery: 'never',
          callbacks: {
            onBatchEnd: async (batch) => {
              if (batch % 32 === 31) await new Promise((resolve) => setTimeout(resolve, 0));
              if (hooks.cancelled?.()) {
                stopped = true;
                model.stopTraining = true;
              }
            },
            onEpochEnd: async (_, logs) => {
              loss = logs?.loss ?? Number.NaN;
            },
          },
        });
      } finally {
        tf.dispose([xe, ye]);
      }
      if (stopped) throw new TrainingCancelled();
      if (!Number.isFinite(loss))
        throw new TrainError(
          'diverged',
          `Training diverged at epoch ${epoch + 1} (loss ${loss}); it was stopped and no weights were kept. Lower the learning rate (now ${o.learningRate}), or scale the target to smaller values.`,
        );
      let valLoss: number | null = null;
      if (valX && valY)
        valLoss = tf.tidy(
          () => tf.losses.meanSquaredError(valY, model.predict(valX) as TF.Tensor).dataSync()[0]!,
        );
      const report = {
        epoch: epoch + 1,
        loss,
        valLoss,
        seconds: (performance.now() - started) / 1000,
      };
      history.push(report);
      hooks.onEpoch?.(report);
      // Let a cancel request (a message to this worker) arrive between epochs.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const layers: DenseLayer[] = model.layers.map((layer, i) => {
      const [kernel, bias] = layer.getWeights();
      const [inputs, units] = kernel!.shape as [number, number];
      return {
        kernel: Array.from(kernel!.dataSync()),
        bias: Array.from(bias!.dataSync()),
        inputs,
        units,
        activation: i < model.layers.length - 1 ? o.activation : 'linear',
      };
    });
    return {
      kind: 'mlp',
      scaler,
      layers,
      options: o,
      trainer: 'tfjs',
      backend: tf.getBackend(),
      history,
    };
  } finally {
    tf.dispose([X, Y, ...(valX ? [valX] : []), ...(valY ? [valY] : [])]);
    model.dispose();
  }
}
