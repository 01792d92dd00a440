import type { Matrix } from '../matrix';
import { activateInPlace, backInPlace } from './activations';
import { gemmNT, gemmTN, transpose } from './kernels';
import type { FusedLayer } from './network';

/**
 * The buffers one batch needs, allocated once per training run: each layer's input (rows × its
 * width), the gradient flowing back into it, and each layer's weight gradients.
 */
export class BatchWorkspace {
  /** acts[0] is the gathered input batch; acts[l + 1] the output of layer l. */
  readonly acts: Float64Array[];
  /** grads[l + 1]: d loss / d (pre-activation of layer l). */
  readonly grads: Float64Array[];
  readonly gradKernel: Float64Array[];
  readonly gradBias: Float64Array[];
  readonly y: Float64Array;
  /** Scratch: each kernel transposed (units × inputs), for the forward product. */
  readonly #kernelT: Float64Array[];
  readonly #zeros: Float64Array;

  constructor(
    readonly layers: readonly FusedLayer[],
    readonly capacity: number,
  ) {
    const widths = [layers[0]!.inputs, ...layers.map((l) => l.units)];
    this.acts = widths.map((w) => new Float64Array(capacity * w));
    this.grads = widths.map((w, i) => new Float64Array(i === 0 ? 0 : capacity * w));
    this.gradKernel = layers.map((l) => new Float64Array(l.kernel.length));
    this.gradBias = layers.map((l) => new Float64Array(l.bias.length));
    this.y = new Float64Array(capacity);
    this.#kernelT = layers.map((l) => new Float64Array(l.kernel.length));
    this.#zeros = new Float64Array(Math.max(...widths));
  }

  /** Copies rows `order[from, to)` of x and y into the batch buffers (contiguous, cache-friendly). */
  gather(x: Matrix, y: Float64Array, order: Int32Array, from: number, to: number): number {
    const d = x.cols;
    const input = this.acts[0]!;
    const data = x.data;
    for (let i = from, at = 0; i < to; i++) {
      const r = order[i]!;
      for (let k = r * d, end = k + d; k < end; k++) input[at++] = data[k]!;
      this.y[i - from] = y[r]!;
    }
    return to - from;
  }

  /** The forward pass over the first `rows` rows; returns the output column (acts[last]). */
  forward(rows: number): Float64Array {
    this.layers.forEach((l, i) => {
      const z = this.acts[i + 1]!;
      const kernelT = this.#kernelT[i]!;
      transpose(l.kernel, l.inputs, l.units, kernelT);
      gemmNT(this.acts[i]!, rows, l.inputs, kernelT, l.units, l.bias, z);
      activateInPlace(l.activation, z, rows * l.units);
    });
    return this.acts[this.layers.length]!;
  }

  /**
   * Forward and backward for the batch's `rows` rows under TF.js's mean squared error (the mean
   * over the batch of (ŷ − y)²): fills the weight gradients and returns the batch's loss.
   */
  gradients(rows: number): number {
    const out = this.forward(rows);
    const last = this.layers.length;
    const dOut = this.grads[last]!;
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const diff = out[i]! - this.y[i]!;
      loss += diff * diff;
      dOut[i] = (2 * diff) / rows;
    }
    for (let l = last - 1; l >= 0; l--) {
      const layer = this.layers[l]!;
      const { inputs, units } = layer;
      const dz = this.grads[l + 1]!;
      // d kernel = inputᵀ·dz; d bias = the column sums of dz.
      gemmTN(this.acts[l]!, rows, inputs, dz, units, this.gradKernel[l]!);
      const gb = this.gradBias[l]!.fill(0);
      for (let i = 0; i < rows; i++)
        for (let j = 0, at = i * units; j < units; j++) gb[j]! += dz[at + j]!;
      if (l === 0) continue;
      // d input = dz·kernelᵀ, then through the activation below.
      const below = this.layers[l - 1]!;
      const da = this.grads[l]!;
      gemmNT(dz, rows, units, layer.kernel, inputs, this.#zeros, da);
      backInPlace(below.activation, this.acts[l]!, da, rows * inputs);
    }
    return loss / rows;
  }
}
