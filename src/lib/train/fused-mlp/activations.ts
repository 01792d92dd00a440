/**
 * The hidden-layer activations a Labbook MLP can use, computed as TF.js defines them. The fused
 * trainer differentiates the first four; `elu` and `selu` train with TF.js only (and predict here).
 */
export const FUSED_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export const ACTIVATIONS = [...FUSED_ACTIVATIONS, 'elu', 'selu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export type FusedActivation = (typeof FUSED_ACTIVATIONS)[number];

export function isFusedActivation(name: string): name is FusedActivation {
  return (FUSED_ACTIVATIONS as readonly string[]).includes(name);
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** One activation applied to one value: the plain-JS forward pass (serving, predictions). */
export function activate(name: Activation, s: number): number {
  switch (name) {
    case 'relu':
      return s < 0 ? 0 : s;
    case 'tanh':
      return Math.tanh(s);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-s));
    case 'linear':
      return s;
    case 'elu':
      return s > 0 ? s : Math.expm1(s);
    case 'selu':
      return s > 0 ? SELU_SCALE * s : SELU_SCALE * SELU_ALPHA * Math.expm1(s);
  }
}

/** Applies `name` to `z[from, to)` in place (the trainer's layers, a batch at a time). */
export function activateInPlace(name: FusedActivation, z: Float64Array, to: number): void {
  if (name === 'relu') for (let i = 0; i < to; i++) z[i] = z[i]! < 0 ? 0 : z[i]!;
  else if (name === 'tanh') for (let i = 0; i < to; i++) z[i] = Math.tanh(z[i]!);
  else if (name === 'sigmoid') for (let i = 0; i < to; i++) z[i] = 1 / (1 + Math.exp(-z[i]!));
}

/**
 * Multiplies the gradient `d` by the activation's derivative, read from the activation's output
 * `a` (all four have a derivative expressible in their output): relu 1 where a > 0 (TF.js's
 * step(x), 0 at 0), tanh 1 − a², sigmoid a(1 − a).
 */
export function backInPlace(
  name: FusedActivation,
  a: Float64Array,
  d: Float64Array,
  to: number,
): void {
  if (name === 'relu') for (let i = 0; i < to; i++) d[i] = a[i]! > 0 ? d[i]! : 0;
  else if (name === 'tanh') for (let i = 0; i < to; i++) d[i] = d[i]! * (1 - a[i]! * a[i]!);
  else if (name === 'sigmoid') for (let i = 0; i < to; i++) d[i] = d[i]! * a[i]! * (1 - a[i]!);
}
