import { fitLasso, fitRidge, fitRidgeStandardised, predictLinear, type LinearFit } from './linear';
import { mean } from '../numeric/moments';
import { predictGbdt, type GbdtState } from './gbdt/format';
import { matrix, type Matrix } from './matrix';
import { predictMlp, type MlpState } from './mlp';
import { applyScaler, fitScaler, type ScalerState } from './preprocess';
import { TrainError } from './errors';

/** Models with exact (or coordinate-descent) solutions, fitted synchronously here. */
export type LinearKind = 'mean' | 'median' | 'linear' | 'ridge' | 'lasso';
export const LINEAR_KINDS: LinearKind[] = ['mean', 'median', 'linear', 'ridge', 'lasso'];
/**
 * `mlp` is trained with TensorFlow.js in a worker (./mlp.ts), `gbdt` (gradient-boosted trees,
 * ./gbdt/) in a worker of its own; both are predicted here in plain JS.
 */
export type ModelKind = LinearKind | 'mlp' | 'gbdt';
export const MODEL_KINDS: ModelKind[] = [...LINEAR_KINDS, 'mlp', 'gbdt'];

/** A fitted model as plain JSON: features, preprocessing and weights, enough to predict anywhere. */
export interface ModelState {
  format: 'mlops-labbook-model';
  version: 1;
  kind: ModelKind;
  features: string[];
  target: string;
  params: { alpha?: number; scale?: boolean };
  scaler: ScalerState | null;
  coef: number[];
  intercept: number;
  /** The network, for kind `mlp` (coef and intercept are then empty). */
  mlp?: MlpState;
  /** The trees, for kind `gbdt` (coef and intercept are then empty). */
  gbdt?: GbdtState;
}

function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The weights for `kind`, and the scaler when features are standardised first. */
function fitKind(
  kind: LinearKind,
  x: Matrix,
  y: Float64Array,
  alpha: number,
  scale: boolean,
): { fit: LinearFit; scaler: ScalerState | null } {
  if (kind === 'linear' || kind === 'ridge') {
    const penalty = kind === 'ridge' ? alpha : 0;
    return scale
      ? fitRidgeStandardised(x, y, penalty)
      : { fit: fitRidge(x, y, penalty), scaler: null };
  }
  const scaler = scale ? fitScaler(x) : null;
  if (kind === 'lasso')
    return { fit: fitLasso(scaler ? applyScaler(scaler, x) : x, y, alpha), scaler };
  return {
    fit: { coef: new Float64Array(x.cols), intercept: kind === 'mean' ? mean(y) : median(y) },
    scaler,
  };
}

/** Fits a model of `kind` on X (features in order) and y; preprocessing is fitted on X only. */
export function fitModel(
  kind: LinearKind,
  x: Matrix,
  y: Float64Array,
  meta: { features: string[]; target: string; alpha?: number; scale?: boolean },
): ModelState {
  const scale = meta.scale ?? false;
  const alpha = meta.alpha ?? 1;
  const { fit, scaler } = fitKind(kind, x, y, alpha, scale);
  return {
    format: 'mlops-labbook-model',
    version: 1,
    kind,
    features: meta.features,
    target: meta.target,
    params: { ...(kind === 'ridge' || kind === 'lasso' ? { alpha } : {}), scale },
    scaler,
    coef: Array.from(fit.coef),
    intercept: fit.intercept,
  };
}

export function predictModel(state: ModelState, x: Matrix): Float64Array {
  if (x.cols !== state.features.length)
    throw new TrainError(
      'shape',
      `The model expects ${state.features.length} features (${state.features.join(', ')}); got ${x.cols}.`,
    );
  if (state.mlp) return predictMlp(state.mlp, x);
  if (state.gbdt) return predictGbdt(state.gbdt, x);
  const xs = state.scaler ? applyScaler(state.scaler, x) : x;
  return predictLinear({ coef: Float64Array.from(state.coef), intercept: state.intercept }, xs);
}

export { matrix };

/** An MLP trained elsewhere, in the same JSON shape as every other model. */
export function mlpModelState(
  mlp: MlpState,
  meta: { features: string[]; target: string },
): ModelState {
  return {
    format: 'mlops-labbook-model',
    version: 1,
    kind: 'mlp',
    features: meta.features,
    target: meta.target,
    params: {},
    scaler: null,
    coef: [],
    intercept: 0,
    mlp,
  };
}

/** Boosted trees trained elsewhere, in the same JSON shape as every other model. */
export function gbdtModelState(
  gbdt: GbdtState,
  meta: { features: string[]; target: string },
): ModelState {
  return {
    format: 'mlops-labbook-model',
    version: 1,
    kind: 'gbdt',
    features: meta.features,
    target: meta.target,
    params: {},
    scaler: null,
    coef: [],
    intercept: 0,
    gbdt,
  };
}
