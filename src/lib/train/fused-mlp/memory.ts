import { TrainError } from '../errors';
import type { MlpOptions } from '../mlp-options';
import { parameterCount } from './network';

const MB = 1024 * 1024;

/** Bytes as a student reads them: MB below a gigabyte, GB, TB beyond. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * MB) return `${Math.ceil(bytes / MB).toLocaleString('en-US')} MB`;
  if (bytes < 1024 * 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  return `${(bytes / (1024 * 1024 * MB)).toLocaleString('en-US', { maximumFractionDigits: 1 })} TB`;
}

/**
 * What training allocates, in bytes: the standardised copy of the rows, the row orders, each
 * weight with its gradient (and Adam's two moments), and a batch of every layer's activations and
 * their gradients. A lower bound for TF.js, which also keeps float32 copies.
 */
export function trainingBytes(rows: number, cols: number, o: MlpOptions): number {
  const weights = parameterCount(cols, o.hidden);
  const perWeight = o.optimizer === 'sgd' ? 2 : 4;
  const widths = cols + o.hidden.reduce((s, u) => s + u, 0) + 1;
  const batch = Math.min(o.batchSize, rows);
  return rows * cols * 8 + rows * 8 + weights * perWeight * 8 + batch * widths * 2 * 8;
}

/** Refuses, before allocating anything, a network and data that would not fit in `budget` bytes. */
export function checkMemoryBudget(rows: number, cols: number, o: MlpOptions, budget: number): void {
  const bytes = trainingBytes(rows, cols, o);
  if (bytes <= budget) return;
  const layers = [cols, ...o.hidden, 1].join('→');
  throw new TrainError(
    'over-memory-budget',
    `Training this network needs about ${formatBytes(bytes)} (${parameterCount(cols, o.hidden).toLocaleString('en-US')} weights in layers ${layers}, ${rows.toLocaleString('en-US')} rows × ${cols} features), more than the ${formatBytes(budget)} a training worker may use. Use smaller hidden layers, fewer rows or a smaller batch.`,
  );
}
