import { TrainError } from '../errors';
import type { Matrix } from '../matrix';
import { MlpBatches } from '../mlp-batches';
import { mlpOptions, type MlpOptions } from '../mlp-options';
import { TrainingCancelled, type EpochReport, type MlpState } from '../mlp';
import { applyScaler, fitScaler } from '../preprocess';
import { isFusedActivation } from './activations';
import { BatchWorkspace } from './batch';
import { checkTrainingData, type TrainingNames } from './inputs';
import { checkMemoryBudget } from './memory';
import { initialNetwork, toDenseLayers, type FusedLayer } from './network';
import { adam, sgd, type Optimizer } from './optimizers';

export interface FusedHooks {
  onEpoch?: (report: EpochReport) => void;
  /** Asked after every batch; true stops training with TrainingCancelled. */
  cancelled?: () => boolean;
  /** Bytes training may allocate (the worker's budget); 2 GB when not given. */
  memoryBudget?: number;
  /** Column names, so a bad value is named by its column. */
  names?: TrainingNames;
}

const DEFAULT_BUDGET = 2 * 1024 ** 3;
/** How long the loop runs before it lets messages in (a cancel request). */
const YIELD_MS = 100;

/** Why the fused trainer cannot train these options (TF.js then does), or null when it can. */
export function fusedUnsupported(o: MlpOptions): string | null {
  if (!isFusedActivation(o.activation))
    return `activation "${o.activation}" (the fused trainer has relu, tanh, sigmoid and linear)`;
  if (o.optimizer !== 'adam' && o.optimizer !== 'sgd')
    return `optimizer "${o.optimizer}" (the fused trainer has adam and sgd)`;
  return null;
}

function optimizerFor(o: MlpOptions, layers: readonly FusedLayer[]): Optimizer {
  const sizes = layers.flatMap((l) => [l.kernel.length, l.bias.length]);
  return o.optimizer === 'adam' ? adam(o.learningRate, sizes) : sgd(o.learningRate);
}

function diverged(epoch: number, batch: number, loss: number, o: MlpOptions): TrainError {
  return new TrainError(
    'diverged',
    `Training diverged at epoch ${epoch}, batch ${batch} (loss ${loss}); it was stopped and no weights were kept. Lower the learning rate (now ${o.learningRate}), or scale the target to smaller values.`,
  );
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Mean squared error of the network on `rows` (validation rows), a batch-sized chunk at a time. */
function meanSquaredError(
  ws: BatchWorkspace,
  x: Matrix,
  y: Float64Array,
  rows: Int32Array,
): number {
  let sum = 0;
  for (let from = 0; from < rows.length; from += ws.capacity) {
    const n = ws.gather(x, y, rows, from, Math.min(from + ws.capacity, rows.length));
    const out = ws.forward(n);
    for (let i = 0; i < n; i++) sum += (out[i]! - ws.y[i]!) ** 2;
  }
  return sum / rows.length;
}

/**
 * Trains the MLP TF.js's `fitMlp` builds — same initial weights, same batches in the same order,
 * the same loss and optimizer update — on typed arrays in this thread, with no per-operation cost.
 * Doubles throughout; the saved weights are rounded to float32 as TF.js stores them.
 */
export async function fitFusedMlp(
  x: Matrix,
  y: Float64Array,
  options: Partial<MlpOptions>,
  hooks: FusedHooks = {},
): Promise<MlpState> {
  const o = mlpOptions(options);
  const unsupported = fusedUnsupported(o);
  if (unsupported || !isFusedActivation(o.activation))
    throw new TrainError('unsupported', `The fused trainer cannot train ${unsupported}.`);
  checkTrainingData(x, y, hooks.names);
  checkMemoryBudget(x.rows, x.cols, o, hooks.memoryBudget ?? DEFAULT_BUDGET);
  const scaler = fitScaler(x);
  const xs = applyScaler(scaler, x);
  const batches = new MlpBatches(x.rows, o.validationShare, o.seed);
  const layers = initialNetwork(x.cols, o.hidden, o.activation, o.seed);
  const ws = new BatchWorkspace(layers, Math.min(o.batchSize, batches.trainRows.length));
  const optimizer = optimizerFor(o, layers);
  const history: EpochReport[] = [];
  let lastYield = performance.now();
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const started = performance.now();
    const order = batches.nextEpoch();
    let sum = 0;
    for (let from = 0, batch = 1; from < order.length; from += o.batchSize, batch++) {
      const rows = ws.gather(xs, y, order, from, Math.min(from + o.batchSize, order.length));
      const loss = ws.gradients(rows);
      if (!Number.isFinite(loss)) throw diverged(epoch, batch, loss, o);
      sum += loss * rows;
      layers.forEach((l, i) => {
        optimizer.step(2 * i, l.kernel, ws.gradKernel[i]!);
        optimizer.step(2 * i + 1, l.bias, ws.gradBias[i]!);
      });
      optimizer.endBatch();
      if (hooks.cancelled?.()) throw new TrainingCancelled();
      if (performance.now() - lastYield > YIELD_MS) {
        await nextTask();
        lastYield = performance.now();
      }
    }
    // TF.js's epoch loss: the batches' losses weighted by their rows.
    const loss = sum / order.length;
    const weightsFinite = layers.every(
      (l) => l.kernel.every(Number.isFinite) && l.bias.every(Number.isFinite),
    );
    if (!Number.isFinite(loss) || !weightsFinite)
      throw diverged(epoch, Math.ceil(order.length / o.batchSize), loss, o);
    const valLoss = batches.valRows.length ? meanSquaredError(ws, xs, y, batches.valRows) : null;
    const report = { epoch, loss, valLoss, seconds: (performance.now() - started) / 1000 };
    history.push(report);
    hooks.onEpoch?.(report);
    await nextTask();
    lastYield = performance.now();
    if (hooks.cancelled?.()) throw new TrainingCancelled();
  }
  return {
    kind: 'mlp',
    scaler,
    layers: toDenseLayers(layers),
    options: o,
    trainer: 'fused',
    backend: 'javascript-float64',
    history,
  };
}
