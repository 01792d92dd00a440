import { activate, type Activation } from './fused-mlp/activations';
import type { TrainingNames } from './fused-mlp/inputs';
import { matrix, type Matrix } from './matrix';
import type { MlpOptions } from './mlp-options';
import { applyScaler, type ScalerState } from './preprocess';
import { TrainError } from './errors';
import { LabbookError } from '../errors';

export { MLP_DEFAULTS, type MlpOptions } from './mlp-options';

export interface DenseLayer {
  /** Row-major kernel, inputs × units. */
  kernel: number[];
  bias: number[];
  inputs: number;
  units: number;
  activation: Activation;
}

/** A trained MLP as plain JSON: predictions need no TensorFlow.js (serving runs it anywhere). */
export interface MlpState {
  kind: 'mlp';
  /** Inputs are standardised first; the scaler is fitted on training rows. */
  scaler: ScalerState;
  layers: DenseLayer[];
  options: MlpOptions;
  /** What trained it: the fused dense trainer or TF.js (absent on models from before the fused one). */
  trainer?: MlpTrainerName;
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

export type MlpTrainerName = 'fused' | 'tfjs';

/**
 * How to train: `trainer` 'auto' (the default) takes the fused trainer whenever it supports the
 * options and no TF.js `backend` is named; `names` label columns in error messages.
 */
export interface MlpTrainOptions extends Partial<MlpOptions> {
  trainer?: 'auto' | MlpTrainerName;
  backend?: 'wasm' | 'webgl' | 'cpu';
  names?: TrainingNames;
}

/** Trains an MLP somewhere (a worker in the app, in-process in tests) and returns it as JSON. */
export type MlpTrainer = (
  x: Matrix,
  y: Float64Array,
  options: MlpTrainOptions,
  onEpoch: (report: EpochReport) => void,
  /** Aborting stops training at the next batch; the promise rejects with TrainingCancelled. */
  signal?: AbortSignal,
) => Promise<MlpState>;

/**
 * The run tags naming what trained `mlp`: the trainer (fused or TF.js), and for TF.js its backend
 * (float results differ: WebGL is float32 on the GPU) and wasm threads (speed), so all are on the run.
 */
export function mlpBackendTags(mlp: MlpState): Record<string, string> {
  if (mlp.trainer === 'fused') return { trainer: 'fused', backend: mlp.backend };
  const tags: Record<string, string> = { trainer: 'tfjs', backend: `tfjs-${mlp.backend}` };
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
        out[i * layer.units + u] = activate(layer.activation, s);
      }
    current = matrix(current.rows, layer.units, out);
  }
  return current.data;
}
