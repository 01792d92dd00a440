import type * as TF from '@tensorflow/tfjs';
import { createRng } from '../data/random';
import { matrix, type Matrix } from './matrix';
import { applyScaler, fitScaler, type ScalerState } from './preprocess';
import { TrainError } from './errors';
import { LabbookError } from '../errors';

export interface MlpOptions {
  /** Units of each hidden layer, e.g. [32, 16]. */
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Share of training rows held out to report validation loss each epoch. */
  validationShare: number;
}

export const MLP_DEFAULTS: MlpOptions = {
  hidden: [32, 16],
  epochs: 20,
  batchSize: 256,
  learningRate: 0.01,
  seed: 42,
  validationShare: 0.1,
};

export interface DenseLayer {
  /** Row-major kernel, inputs × units. */
  kernel: number[];
  bias: number[];
  inputs: number;
  units: number;
  activation: 'relu' | 'linear';
}

/** A trained MLP as plain JSON: predictions need no TensorFlow.js (serving runs it anywhere). */
export interface MlpState {
  kind: 'mlp';
  /** Inputs are standardised first; the scaler is fitted on training rows. */
  scaler: ScalerState;
  layers: DenseLayer[];
  options: MlpOptions;
  backend: string;
  /** The threads wasm ran on, when the trainer knows (1 = single-threaded; absent elsewhere). */
  threads?: number;
  /** Loss (and validation loss) after each epoch: the loss curve. */
  history: EpochReport[];
}

export interface EpochReport {
  epoch: number;
  loss: number;
  valLoss: number | null;
  seconds: number;
}

/** Trains an MLP somewhere (a worker in the app, in-process in tests) and returns it as JSON. */
export type MlpTrainer = (
  x: Matrix,
  y: Float64Array,
  options: Partial<MlpOptions> & { backend?: 'wasm' | 'webgl' | 'cpu' },
  onEpoch: (report: EpochReport) => void,
  /** Aborting stops training at the next batch; the promise rejects with TrainingCancelled. */
  signal?: AbortSignal,
) => Promise<MlpState>;

/**
 * The run tags naming what trained `mlp`: float results differ by backend (WebGL is float32 on the
 * GPU), and speed by the number of wasm threads, so both are on the run.
 */
export function mlpBackendTags(mlp: MlpState): Record<string, string> {
  const tags: Record<string, string> = { backend: `tfjs-${mlp.backend}` };
  if (mlp.threads !== undefined) tags.wasm_threads = String(mlp.threads);
  return tags;
}

/** What an epoch logs on its run: the loss, and the validation loss when rows were held out. */
export function epochMetrics(r: EpochReport): Record<string, number> {
  return { loss: r.loss, ...(r.valLoss === null ? {} : { val_loss: r.valLoss }) };
}

/**
 * Trains with `train` and hands every epoch to `record` exactly once: as its report arrives, or,
 * for reports that trail the result (they travel from the training worker on a channel of their
 * own), from the returned history. Resolves once every record has finished, so a caller can end
 * its run knowing every epoch is stored.
 */
export async function trainRecordingEpochs<S extends { history: EpochReport[] } = MlpState>(
  train: (onEpoch: (report: EpochReport) => void) => Promise<S>,
  record: (report: EpochReport) => void | Promise<void>,
): Promise<S> {
  const seen = new Set<number>();
  const pending: Promise<void>[] = [];
  let done = false;
  const once = (r: EpochReport) => {
    if (seen.has(r.epoch)) return;
    seen.add(r.epoch);
    pending.push(Promise.resolve(record(r)));
  };
  const mlp = await train((r) => void (done || once(r)));
  done = true;
  mlp.history.forEach(once);
  await Promise.all(pending);
  return mlp;
}

export class TrainingCancelled extends LabbookError<'cancelled'> {
  override name = 'TrainingCancelled';
  constructor() {
    super('cancelled', 'Training was cancelled.');
  }
}

/**
 * Running out of memory inside TensorFlow.js surfaces as a low-level message (a typed array too
 * long, an allocation refused, wasm aborting with OOM); a student needs to hear what happened and
 * what to change. Other errors pass through unchanged.
 */
export function explainTrainingFailure(error: unknown): unknown {
  const message = (error as Error | null)?.message ?? String(error);
  const outOfMemory =
    /allocation failed|invalid typed array length|array buffer|out of memory|\bOOM\b|failed to allocate/i;
  if (!outOfMemory.test(message)) return error;
  const explained = new TrainError(
    'out-of-memory',
    `The training worker ran out of memory (${message.slice(0, 200)}). Train on fewer rows, with smaller layers or a smaller batch.`,
    { cause: error },
  );
  explained.name = 'TrainingOutOfMemory';
  return explained;
}

/** The forward pass in plain JavaScript (float64): the same function TF.js computed in float32. */
export function predictMlp(state: MlpState, x: Matrix): Float64Array {
  let current = applyScaler(state.scaler, x);
  for (const layer of state.layers) {
    const out = new Float64Array(current.rows * layer.units);
    for (let i = 0; i < current.rows; i++)
      for (let u = 0; u < layer.units; u++) {
        let s = layer.bias[u]!;
        for (let k = 0; k < layer.inputs; k++)
          s += current.data[i * layer.inputs + k]! * layer.kernel[k * layer.units + u]!;
        out[i * layer.units + u] = layer.activation === 'relu' && s < 0 ? 0 : s;
      }
    current = matrix(current.rows, layer.units, out);
  }
  return current.data;
}

function shuffled(n: number, rng: ReturnType<typeof createRng>): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Trains an MLP with TensorFlow.js (passed in, so the caller picks the backend). Seeded
 * initialisers and a seeded batch order make a run repeatable on the same backend. The loop is
 * per epoch: a seeded shuffle gathered once, then `model.fit` over it in order; a cancel request is
 * honoured at the next batch.
 */
export async function fitMlp(
  tf: typeof TF,
  x: Matrix,
  y: Float64Array,
  options: Partial<MlpOptions> = {},
  hooks: { onEpoch?: (r: EpochReport) => void; cancelled?: () => boolean } = {},
): Promise<MlpState> {
  const o = { ...MLP_DEFAULTS, ...options };
  if (o.hidden.some((u) => !Number.isInteger(u) || u < 1))
    throw new RangeError(
      `hidden must list positive whole numbers of units (got ${o.hidden.join(', ')}).`,
    );
  const scaler = fitScaler(x);
  const xs = applyScaler(scaler, x);
  const rng = createRng(o.seed);
  const order = shuffled(x.rows, rng);
  const valCount = Math.floor(x.rows * o.validationShare);
  const trainRows = order.subarray(valCount);
  const valRows = order.subarray(0, valCount);

  const model = tf.sequential();
  [...o.hidden, 1].forEach((units, i, all) =>
    model.add(
      tf.layers.dense({
        units,
        activation: i < all.length - 1 ? 'relu' : 'linear',
        ...(i === 0 ? { inputShape: [x.cols] } : {}),
        kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + i }),
        biasInitializer: 'zeros',
      }),
    ),
  );
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'meanSquaredError' });
  const X = tf.tensor2d(Float32Array.from(xs.data), [x.rows, x.cols]);
  const Y = tf.tensor2d(Float32Array.from(y), [y.length, 1]);
  const valX = valCount ? tf.gather(X, Array.from(valRows)) : null;
  const valY = valCount ? tf.gather(Y, Array.from(valRows)) : null;
  const history: EpochReport[] = [];
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const started = performance.now();
      // One seeded shuffle per epoch, gathered once; TF.js then walks the batches in order.
      const epochRows = Array.from(shuffled(trainRows.length, rng), (i) => trainRows[i]!);
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
          `Training diverged at epoch ${epoch + 1} (loss ${loss}); lower the learning rate.`,
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
        activation: i < model.layers.length - 1 ? 'relu' : 'linear',
      };
    });
    return { kind: 'mlp', scaler, layers, options: o, backend: tf.getBackend(), history };
  } finally {
    tf.dispose([X, Y, ...(valX ? [valX] : []), ...(valY ? [valY] : [])]);
    model.dispose();
  }
}
