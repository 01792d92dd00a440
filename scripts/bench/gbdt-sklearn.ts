import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Matrix } from '../../src/lib/train/matrix';
import type { GbdtParams } from '../../src/lib/train/gbdt/params';

export interface SklearnHgbResult {
  predictions: Float64Array;
  seconds: number;
  nIter: number;
  sklearn: string;
  threads: number;
  /** With early stopping: the training rows sklearn held out for validation, ascending. */
  validationRows: Uint32Array | null;
}

const bytes = (v: Float64Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/**
 * Fits scikit-learn's HistGradientBoostingRegressor (Debian's python3) on the same rows with the
 * same parameters and returns its test predictions and fit time (and the OpenMP threads it used). Rows travel as raw float64, so
 * both sides bin exactly the same numbers.
 */
export function sklearnHgb(
  train: Matrix,
  y: Float64Array,
  test: Matrix,
  params: Partial<GbdtParams>,
  options: { seed?: number; threads?: number } = {},
): SklearnHgbResult {
  const python = process.env.LABBOOK_PYTHON ?? '/usr/bin/python3';
  const seed = options.seed ?? 0;
  // OpenMP threads change sklearn's speed, never its trees (each histogram is one thread's sum).
  const env =
    options.threads === undefined
      ? process.env
      : { ...process.env, OMP_NUM_THREADS: String(options.threads) };
  const dir = mkdtempSync(join(tmpdir(), 'gbdt-sklearn-'));
  try {
    writeFileSync(join(dir, 'x_train.f64'), bytes(train.data));
    writeFileSync(join(dir, 'y_train.f64'), bytes(y));
    writeFileSync(join(dir, 'x_test.f64'), bytes(test.data));
    const meta = { trainRows: train.rows, testRows: test.rows, cols: train.cols, params, seed };
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    const script = join(import.meta.dirname, 'gbdt-sklearn.py');
    const out = JSON.parse(execFileSync(python, [script, dir], { encoding: 'utf8', env })) as {
      seconds: number;
      n_iter: number;
      sklearn: string;
      threads: number;
    };
    const pred = readFileSync(join(dir, 'pred.f64'));
    return {
      predictions: new Float64Array(
        pred.buffer.slice(pred.byteOffset, pred.byteOffset + pred.byteLength),
      ),
      seconds: out.seconds,
      nIter: out.n_iter,
      sklearn: out.sklearn,
      threads: out.threads,
      validationRows: existsSync(join(dir, 'val.u32'))
        ? new Uint32Array(new Uint8Array(readFileSync(join(dir, 'val.u32'))).buffer)
        : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
