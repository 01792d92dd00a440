import type { DenseLayer } from '../mlp';
import { type FusedActivation } from './activations';
import { glorotUniform } from './alea';

/** One dense layer: a row-major `inputs × units` kernel (TF.js's layout) and a bias, in doubles. */
export interface FusedLayer {
  inputs: number;
  units: number;
  activation: FusedActivation;
  kernel: Float64Array;
  bias: Float64Array;
}

/**
 * The network TF.js's `fitMlp` builds (hidden layers with one activation, one linear output
 * unit), with its initial weights: layer i's kernel is `glorotUniform({ seed: seed + i })`,
 * its bias zeros.
 */
export function initialNetwork(
  inputs: number,
  hidden: readonly number[],
  activation: FusedActivation,
  seed: number,
): FusedLayer[] {
  const widths = [inputs, ...hidden, 1];
  return widths.slice(1).map((units, i) => ({
    inputs: widths[i]!,
    units,
    activation: i < hidden.length ? activation : 'linear',
    kernel: glorotUniform(widths[i]!, units, seed + i),
    bias: new Float64Array(units),
  }));
}

/** A fused network as the saved model's layers: float32 values, as TF.js would have stored them. */
export function toDenseLayers(layers: readonly FusedLayer[]): DenseLayer[] {
  return layers.map((l) => ({
    kernel: Array.from(Float32Array.from(l.kernel)),
    bias: Array.from(Float32Array.from(l.bias)),
    inputs: l.inputs,
    units: l.units,
    activation: l.activation,
  }));
}

/** How many weights the network has (kernels and biases). */
export function parameterCount(inputs: number, hidden: readonly number[]): number {
  const widths = [inputs, ...hidden, 1];
  let count = 0;
  for (let i = 1; i < widths.length; i++) count += (widths[i - 1]! + 1) * widths[i]!;
  return count;
}
