import type * as TF from '@tensorflow/tfjs';
import { TrainError } from './errors';
import { fitFusedMlp, fusedUnsupported } from './fused-mlp/train';
import { checkTrainingData } from './fused-mlp/inputs';
import { checkMemoryBudget } from './fused-mlp/memory';
import type { Matrix } from './matrix';
import type { EpochReport, MlpState, MlpTrainerName, MlpTrainOptions } from './mlp';
import { mlpOptions } from './mlp-options';
import { fitMlp } from './tfjs-mlp';

export interface TrainMlpHooks {
  onEpoch?: (report: EpochReport) => void;
  cancelled?: () => boolean;
  /** Bytes training may allocate (a quarter of the device's memory in the app). */
  memoryBudget?: number;
  /** TF.js on the backend asked for (or the best there is): loaded only when TF.js trains. */
  loadTf: (backend: MlpTrainOptions['backend']) => Promise<typeof TF>;
}

/**
 * Which trainer `options` get: the fused one whenever it supports them (dense layers with relu,
 * tanh, sigmoid or linear, MSE, Adam or SGD) and no TF.js backend was asked for by name; TF.js
 * otherwise, or when `trainer: 'tfjs'` says so. `trainer: 'fused'` with options only TF.js has is
 * refused, saying which.
 */
export function chooseTrainer(options: MlpTrainOptions): MlpTrainerName {
  const { trainer = 'auto', backend } = options;
  const unsupported = fusedUnsupported(mlpOptions(options));
  if (trainer === 'fused' && unsupported)
    throw new TrainError(
      'unsupported',
      `trainer: 'fused' cannot train ${unsupported}. Use trainer: 'tfjs' (or 'auto').`,
    );
  if (trainer !== 'auto') return trainer;
  return unsupported || backend ? 'tfjs' : 'fused';
}

/** Trains with the trainer `chooseTrainer` picks; the state records which (`trainer`). */
export async function trainMlp(
  x: Matrix,
  y: Float64Array,
  options: MlpTrainOptions,
  hooks: TrainMlpHooks,
): Promise<MlpState> {
  const { trainer: _, backend, names, ...rest } = options;
  const fitHooks = {
    ...(hooks.onEpoch ? { onEpoch: hooks.onEpoch } : {}),
    ...(hooks.cancelled ? { cancelled: hooks.cancelled } : {}),
  };
  if (chooseTrainer(options) === 'fused')
    return fitFusedMlp(x, y, rest, {
      ...fitHooks,
      ...(names ? { names } : {}),
      ...(hooks.memoryBudget === undefined ? {} : { memoryBudget: hooks.memoryBudget }),
    });
  // The same refusals before TF.js loads (it would train NaN into every weight, or crash).
  checkTrainingData(x, y, names);
  if (hooks.memoryBudget !== undefined)
    checkMemoryBudget(x.rows, x.cols, mlpOptions(rest), hooks.memoryBudget);
  return fitMlp(await hooks.loadTf(backend), x, y, rest, fitHooks);
}
