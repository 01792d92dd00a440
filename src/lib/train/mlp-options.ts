import { ACTIVATIONS, type Activation } from './fused-mlp/activations';
import { TrainError } from './errors';

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface MlpOptions {
  /** Units of each hidden layer, e.g. [32, 16]. */
  hidden: number[];
  /** The hidden layers' activation (the output unit is linear). */
  activation: Activation;
  optimizer: OptimizerName;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Share of training rows held out to report validation loss each epoch. */
  validationShare: number;
}

export const MLP_DEFAULTS: MlpOptions = {
  hidden: [32, 16],
  activation: 'relu',
  optimizer: 'adam',
  epochs: 20,
  batchSize: 256,
  learningRate: 0.01,
  seed: 42,
  validationShare: 0.1,
};

const bad = (message: string) => new TrainError('bad-option', message);

/** The options with defaults filled in, each checked: a wrong one is named with what it takes. */
export function mlpOptions(options: Partial<MlpOptions>): MlpOptions {
  const o = { ...MLP_DEFAULTS, ...options };
  if (!Array.isArray(o.hidden) || o.hidden.some((u) => !Number.isInteger(u) || u < 1))
    throw bad(`hidden must list positive whole numbers of units (got ${String(o.hidden)}).`);
  if (!ACTIVATIONS.includes(o.activation))
    throw bad(`activation must be one of ${ACTIVATIONS.join(', ')} (got "${o.activation}").`);
  if (!OPTIMIZERS.includes(o.optimizer))
    throw bad(`optimizer must be one of ${OPTIMIZERS.join(', ')} (got "${o.optimizer}").`);
  for (const key of ['epochs', 'batchSize'] as const)
    if (!Number.isInteger(o[key]) || o[key] < 1)
      throw bad(`${key} must be a positive whole number (got ${o[key]}).`);
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate)))
    throw bad(`learningRate must be a positive number (got ${o.learningRate}).`);
  if (!(o.validationShare >= 0 && o.validationShare < 1))
    throw bad(`validationShare must be at least 0 and below 1 (got ${o.validationShare}).`);
  if (!Number.isFinite(o.seed)) throw bad(`seed must be a number (got ${o.seed}).`);
  return o;
}
