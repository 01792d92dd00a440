/**
 * The two optimizers the fused trainer offers, with TF.js's exact update rules:
 *
 * - Adam (`tf.train.adam(lr)`): β₁ 0.9, β₂ 0.999, ε the backend's epsilon (1e-7 in float32),
 *   added *after* the square root of the bias-corrected second moment:
 *   w ← w − lr · m̂ / (√v̂ + ε), with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
 * - SGD (`tf.train.sgd(lr)`): w ← w − lr · g.
 */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

export interface Optimizer {
  /** Updates `w` in place from the gradient `g`; `slot` names the weight array (its moments). */
  step(slot: number, w: Float64Array, g: Float64Array): void;
  /** Called once after every weight array of a batch has been updated. */
  endBatch(): void;
}

export function sgd(learningRate: number): Optimizer {
  return {
    step(_slot, w, g) {
      for (let i = 0; i < w.length; i++) w[i]! -= learningRate * g[i]!;
    },
    endBatch() {},
  };
}

export function adam(learningRate: number, sizes: readonly number[]): Optimizer {
  const { beta1, beta2, epsilon } = ADAM;
  const m = sizes.map((n) => new Float64Array(n));
  const v = sizes.map((n) => new Float64Array(n));
  // TF.js keeps β₁ᵗ and β₂ᵗ as running products, starting at β (t = 1).
  let accBeta1: number = beta1;
  let accBeta2: number = beta2;
  return {
    step(slot, w, g) {
      const ms = m[slot]!;
      const vs = v[slot]!;
      const c1 = 1 - accBeta1;
      const c2 = 1 - accBeta2;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const mi = ms[i]! * beta1 + gi * (1 - beta1);
        const vi = vs[i]! * beta2 + gi * gi * (1 - beta2);
        ms[i] = mi;
        vs[i] = vi;
        w[i]! -= (learningRate * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
      }
    },
    endBatch() {
      accBeta1 *= beta1;
      accBeta2 *= beta2;
    },
  };
}
