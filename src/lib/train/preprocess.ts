import { meanAndStd } from '../numeric/moments';
import { column, matrix, type Matrix } from './matrix';

/** scikit-learn's StandardScaler: population std (ddof 0); a constant column keeps scale 1. */
export interface ScalerState {
  kind: 'standard-scaler';
  mean: number[];
  scale: number[];
}

export function fitScaler(x: Matrix): ScalerState {
  const stats = Array.from({ length: x.cols }, (_, j) => meanAndStd(column(x, j)));
  return {
    kind: 'standard-scaler',
    mean: stats.map((s) => s.mean),
    scale: stats.map((s) => (s.std === 0 ? 1 : s.std)),
  };
}

export function applyScaler(state: ScalerState, x: Matrix): Matrix {
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++)
      out[i * x.cols + j] = (x.data[i * x.cols + j]! - state.mean[j]!) / state.scale[j]!;
  return matrix(x.rows, x.cols, out);
}

/** scikit-learn's OneHotEncoder for one column: sorted categories; unknown → all zeros. */
export interface OneHotState {
  kind: 'one-hot';
  column: string;
  categories: string[];
}

export function fitOneHot(column: string, values: ArrayLike<string | number | null>): OneHotState {
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) if (values[i] !== null) seen.add(String(values[i]));
  const numeric = [...seen].every((v) => v !== '' && !Number.isNaN(Number(v)));
  const categories = [...seen].sort((a, b) =>
    numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  );
  return { kind: 'one-hot', column, categories };
}

export function oneHotNames(state: OneHotState): string[] {
  return state.categories.map((c) => `${state.column}_${c}`);
}

export function applyOneHot(state: OneHotState, values: ArrayLike<string | number | null>): Matrix {
  const k = state.categories.length;
  const index = new Map(state.categories.map((c, i) => [c, i]));
  const out = new Float64Array(values.length * k);
  for (let i = 0; i < values.length; i++) {
    const at = values[i] === null ? undefined : index.get(String(values[i]));
    if (at !== undefined) out[i * k + at] = 1;
  }
  return matrix(values.length, k, out);
}
