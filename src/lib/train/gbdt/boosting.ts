import { createRng } from '../../data/random';
import type { Matrix } from '../matrix';
import { TrainingCancelled } from '../mlp';
import { binRows, fitBins } from './binning';
import { checkTrainingInput } from './check-input';
import { GbdtError } from './errors';
import { growTree, type GrowContext } from './grower';
import { localHistograms, type BinnedRows } from './histogram';
import { featureImportances } from './importances';
import { resolveParams, type GbdtParams } from './params';
import { predictBinned } from './predict';
import type { HistogramThreads } from './threads';
import type { FlatTree } from './tree';

/** One boosting round: mean squared errors on the training and validation rows after it. */
export interface IterationReport {
  iteration: number;
  loss: number;
  valLoss: number | null;
  seconds: number;
}

export interface GbdtFitOptions {
  /** Seeds the validation split and the binning sample. */
  seed?: number;
  /** Feature names, for error messages and importances. */
  names?: string[];
  /** The validation rows for early stopping, instead of a seeded split (to reproduce another's). */
  validationRows?: Uint32Array;
  onIteration?: (report: IterationReport) => void;
  cancelled?: () => boolean;
  /** A pool that shares the histogram building; the trees are the same to the bit without it. */
  threads?: HistogramThreads;
}

/** A fitted booster: the sum of baseline and trees' leaf values is the prediction. */
export interface GbdtFit {
  params: GbdtParams;
  features: number;
  baseline: number;
  trees: FlatTree[];
  history: IterationReport[];
  /** Share of the total split gain per feature (sums to 1 unless no tree split). */
  importances: Float64Array;
  stoppedEarly: boolean;
}

/** sklearn's train_test_split row counts (validation rounded up), on a seeded shuffle. */
function validationSplit(n: number, fraction: number, seed: number) {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const nVal = Math.ceil(n * fraction);
  return { val: order.slice(0, nVal).sort(), train: order.slice(nVal).sort() };
}

/** sklearn's _should_stop: no score in the last n rounds beat the one before them by tol. */
function shouldStop(scores: number[], rounds: number, tol: number): boolean {
  if (scores.length < rounds + 1) return false;
  const reference = scores[scores.length - rounds - 1]! + tol;
  return !scores.slice(-rounds).some((s) => s > reference);
}

const halfLoss = (y: Float64Array, raw: Float64Array) => {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - raw[i]!) ** 2;
  return s / y.length / 2;
};

const take = (v: Float64Array, rows: Uint32Array) => Float64Array.from(rows, (i) => v[i]!);

/**
 * Histogram gradient boosting for least squares, as sklearn's HistGradientBoostingRegressor:
 * baseline = mean of y, then max_iter trees fitted to the gradients, each leaf scaled by the
 * learning rate; with early_stopping, scored on held-out rows after every round.
 */
export function fitGbdt(
  x: Matrix,
  y: Float64Array,
  given: Partial<GbdtParams> = {},
  options: GbdtFitOptions = {},
): GbdtFit {
  const params = resolveParams(given);
  checkTrainingInput(x, y, options.names);
  const seed = options.seed ?? 0;
  let trainRows: Uint32Array | undefined;
  let valRows: Uint32Array | undefined;
  if (params.early_stopping) {
    if (options.validationRows) {
      const isVal = new Uint8Array(x.rows);
      for (const i of options.validationRows) isVal[i] = 1;
      valRows = options.validationRows;
      trainRows = Uint32Array.from({ length: x.rows }, (_, i) => i).filter((i) => !isVal[i]);
    } else
      ({ train: trainRows, val: valRows } = validationSplit(
        x.rows,
        params.validation_fraction,
        seed,
      ));
    if (trainRows.length === 0 || valRows.length === 0)
      throw new GbdtError(
        'empty',
        `Early stopping holds out ${valRows.length} of ${x.rows} rows for validation, leaving ${trainRows.length} to train on: set early_stopping: false or train on more rows.`,
        'early_stopping',
      );
  }
  const mapper = fitBins(x, params.max_bins, seed, trainRows);
  const n = trainRows ? trainRows.length : x.rows;
  const shared = options.threads?.arrays(n, x.cols);
  const bins = binRows(mapper, x, trainRows, shared?.bins);
  const yTrain = trainRows ? take(y, trainRows) : y;
  const nonMissing = Uint16Array.from(mapper.thresholds, (t) => t.length + 1);
  const hasMissing = new Uint8Array(x.cols);
  for (let k = 0; k < bins.length; k++)
    if (bins[k] === mapper.missingBin) hasMissing[k % x.cols] = 1;
  const stride = mapper.missingBin + 1;
  const data: BinnedRows = { bins, rows: n, features: x.cols, stride };
  const grads = shared?.grads ?? new Float32Array(n);
  const partition = shared?.partition ?? new Uint32Array(n);
  const scratch = shared?.scratch ?? new Uint32Array(n);
  const ctx: GrowContext = {
    data,
    settings: {
      l2: params.l2_regularization,
      minSamplesLeaf: params.min_samples_leaf,
      stride,
      nonMissing,
      hasMissing,
    },
    thresholds: mapper.thresholds,
    missingBin: mapper.missingBin,
    maxLeafNodes: params.max_leaf_nodes,
    maxDepth: params.max_depth,
    shrinkage: params.learning_rate,
    grads,
    partition,
    histograms: options.threads?.builder(data) ?? localHistograms(data, grads, partition, scratch),
    pool: [],
  };
  let baseline = 0;
  for (let i = 0; i < n; i++) baseline += yTrain[i]!;
  baseline /= n;
  const raw = new Float64Array(n).fill(baseline);
  const val = valRows && {
    bins: binRows(mapper, x, valRows),
    y: take(y, valRows),
    raw: new Float64Array(valRows.length).fill(baseline),
  };
  const scores = val ? [-halfLoss(val.y, val.raw)] : [];
  const trees: FlatTree[] = [];
  const history: IterationReport[] = [];
  let stoppedEarly = false;
  for (let iter = 0; iter < params.max_iter; iter++) {
    if (options.cancelled?.()) throw new TrainingCancelled();
    const started = performance.now();
    for (let i = 0; i < n; i++) ctx.grads[i] = raw[i]! - yTrain[i]!;
    for (let i = 0; i < n; i++) ctx.partition[i] = i;
    const grown = growTree(ctx);
    trees.push(grown.tree);
    for (const leaf of grown.leaves)
      for (let k = leaf.start; k < leaf.stop; k++) raw[ctx.partition[k]!]! += leaf.value;
    let valLoss: number | null = null;
    if (val) {
      predictBinned(grown.tree, val.bins, x.cols, mapper.missingBin, val.raw);
      valLoss = halfLoss(val.y, val.raw);
      scores.push(-valLoss);
    }
    const report: IterationReport = {
      iteration: iter + 1,
      loss: 2 * halfLoss(yTrain, raw),
      valLoss: valLoss === null ? null : 2 * valLoss,
      seconds: (performance.now() - started) / 1000,
    };
    history.push(report);
    options.onIteration?.(report);
    if (val && shouldStop(scores, params.n_iter_no_change, params.tol)) {
      stoppedEarly = true;
      break;
    }
  }
  return {
    params,
    features: x.cols,
    baseline,
    trees,
    history,
    importances: featureImportances(trees, x.cols),
    stoppedEarly,
  };
}
