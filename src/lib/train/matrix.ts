import { TrainError } from './errors';

/** A dense row-major matrix of doubles: the training code's one data shape. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols)
    throw new TrainError(
      'shape',
      `A ${rows}×${cols} matrix needs ${rows * cols} values, got ${data.length}.`,
    );
  return { rows, cols, data };
}

export function fromRows(rows: number[][]): Matrix {
  const cols = rows[0]?.length ?? 0;
  return matrix(rows.length, cols, Float64Array.from(rows.flat()));
}

export function column(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j]!;
  return out;
}

export function columnMeans(m: Matrix): Float64Array {
  const means = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) means[j]! += m.data[i * m.cols + j]!;
  return means.map((s) => s / m.rows);
}

/** Rows `index` of `m` (and of `y`), for splits and folds. */
export function takeRows(m: Matrix, index: ArrayLike<number>): Matrix {
  const out = new Float64Array(index.length * m.cols);
  for (let k = 0; k < index.length; k++)
    out.set(m.data.subarray(index[k]! * m.cols, (index[k]! + 1) * m.cols), k * m.cols);
  return matrix(index.length, m.cols, out);
}

export function take(v: Float64Array, index: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: index.length }, (_, k) => v[index[k]!]!);
}

/**
 * Solves the symmetric positive-definite system A x = b by Cholesky (A is n×n, row-major).
 * Returns null when A is not positive definite (e.g. collinear features without a penalty).
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (s <= 1e-12 * Math.max(1, Math.abs(a[i * n + i]!))) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}
