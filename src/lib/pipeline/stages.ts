import type { ColumnarTable } from '../data/columnar/types';
import { createRng } from '../data/random';
import { frameFromTable, numeric, takeFrame, type Frame } from '../features/frame';
import { recipes, type RecipeState } from '../features/recipes';
import { metricRegistry, type MetricId } from '../metrics';
import { quantiles } from '../numeric/quantile';
import { gridSearch, kFold, type GridResult } from '../train/cv';
import { gbdtParamsOf, roundAsEpoch } from '../train/gbdt/config';
import { trainGbdtHere, type GbdtTrainer } from '../train/gbdt/trainer';
import { fitModel, gbdtModelState, mlpModelState, predictModel } from '../train/model';
import { trainRecordingEpochs, type EpochReport, type MlpTrainer } from '../train/mlp';
import {
  assemblePipeline,
  designMatrix,
  fitLeadingScaler,
  fitPipelineModel,
  prepareDesign,
  forward,
  inverse,
  predictTransformed,
  type FitPipelineSpec,
  type PipelineModelState,
} from '../train/pipeline-model';
import { applyScaler, fitOneHot } from '../train/preprocess';
import type { PipelineConfig } from './config';
import { PipelineError } from './errors';
import { mean } from '../numeric/moments';

type Features = Record<string, Float64Array>;
interface Part {
  features: Features;
  /** The target on the model's scale (after target_transform). */
  y: Float64Array;
  /** The target in its own units, for metrics. */
  raw: Float64Array;
}
export interface BuiltFeatures {
  recipe: RecipeState;
  train: Part;
  test: Part;
  dropped: number;
  /** A few raw test rows as a request would carry them: the registry's input example. */
  example: Record<string, number | string>[];
}

const NUMERIC_TYPES = new Set(['float', 'integer']);

function keep(part: Part, mask: Uint8Array): Part {
  const index = mask.reduce<number[]>((acc, k, i) => (k ? (acc.push(i), acc) : acc), []);
  const pick = (v: Float64Array) => Float64Array.from(index, (i) => v[i]!);
  return {
    features: Object.fromEntries(Object.entries(part.features).map(([k, v]) => [k, pick(v)])),
    y: pick(part.y),
    raw: pick(part.raw),
  };
}

/** Rows kept by `clean`: inside the [lo, hi] quantiles of every named column. */
function cleanMask(columns: Features, clean: NonNullable<PipelineConfig['features']['clean']>) {
  const n = Object.values(columns)[0]?.length ?? 0;
  const mask = new Uint8Array(n).fill(1);
  for (const name of clean.columns) {
    const col = columns[name];
    if (!col)
      throw new PipelineError(
        'unknown-column',
        `features.clean: no column "${name}" (there are: ${Object.keys(columns).join(', ')}).`,
      );
    const [lo, hi] = quantiles(col, clean.quantiles) as [number, number];
    for (let i = 0; i < n; i++) if (!(col[i]! >= lo && col[i]! <= hi)) mask[i] = 0;
  }
  return mask;
}

const dateText = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

function exampleRows(frame: Frame, recipe: RecipeState, count: number) {
  const inputs = recipes[recipe.kind].inputs(recipe);
  return Array.from({ length: count }, (_, i) =>
    Object.fromEntries(
      inputs.map(({ name, type }) => {
        const v = frame[name]![i]!;
        return [name, type === 'datetime' ? dateText(v as number) : v];
      }),
    ),
  ) as Record<string, number | string>[];
}

/** Fits the recipe on training rows, applies it to both sets, cleans training rows only. */
export function buildFeatures(
  config: PipelineConfig,
  table: ColumnarTable,
  split: { train: number[]; test: number[] },
): BuiltFeatures {
  const f = config.features;
  const frame = frameFromTable(table);
  const train = takeFrame(frame, split.train);
  const test = takeFrame(frame, split.test);
  const columns =
    f.columns ??
    table.columns
      .filter((c) => NUMERIC_TYPES.has(c.type) && c.name !== f.target)
      .map((c) => c.name);
  const recipe = recipes[f.recipe].fit(train, columns, {
    ...(f.abnormal_share === undefined ? {} : { abnormalShare: f.abnormal_share }),
    ...(f.rare_quantile === undefined ? {} : { rareQuantile: f.rare_quantile }),
  });
  const part = (rows: Frame): Part => {
    const raw = Float64Array.from(numeric(rows, f.target));
    return {
      features: recipes[f.recipe].apply(rows, recipe),
      y: raw.map(forward(f.target_transform)),
      raw,
    };
  };
  let trainPart = part(train);
  let dropped = 0;
  if (f.clean) {
    const mask = cleanMask({ ...trainPart.features, [f.target]: trainPart.y }, f.clean);
    dropped = mask.length - mask.reduce((s, v) => s + v, 0);
    trainPart = keep(trainPart, mask);
  }
  return {
    recipe,
    train: trainPart,
    test: part(test),
    dropped,
    example: exampleRows(test, recipe, Math.min(5, split.test.length)),
  };
}

const mse = (a: Float64Array, b: Float64Array) => metricRegistry.mse.compute(a, b);

/** Hooks for models trained elsewhere: the MLP trainer (a worker in the app) and its epochs. */
export interface TrainHooks {
  fitMlp?: MlpTrainer;
  /** Boosted trees train here when left out (pure JS; the app passes its worker). */
  fitGbdt?: GbdtTrainer;
  onEpoch?: (report: EpochReport) => void | Promise<void>;
}

/** Fits the model (with a cross-validated grid over alpha when the config has one). */
export async function train(
  config: PipelineConfig,
  built: BuiltFeatures,
  hooks: TrainHooks = {},
): Promise<{ model: PipelineModelState; cv: GridResult<number> | null }> {
  const f = config.features;
  const plan = {
    recipe: built.recipe,
    columns: { scale: f.scale, passthrough: f.passthrough, onehot: f.onehot },
    target: { name: f.target, transform: f.target_transform },
  };
  const m = config.model;
  if (m.kind === 'mlp') {
    if (!hooks.fitMlp)
      throw new PipelineError(
        'no-trainer',
        'This pipeline runner cannot train an MLP (no trainer).',
      );
    const prepared = prepareDesign(built.train.features, plan.columns);
    const fitMlp = hooks.fitMlp;
    const mlp = await trainRecordingEpochs(
      (onEpoch) =>
        fitMlp(
          prepared.x,
          built.train.y,
          {
            seed: config.random_state,
            ...(m.hidden ? { hidden: m.hidden } : {}),
            ...(m.epochs ? { epochs: m.epochs } : {}),
            ...(m.batch_size ? { batchSize: m.batch_size } : {}),
            ...(m.learning_rate ? { learningRate: m.learning_rate } : {}),
            ...(m.backend ? { backend: m.backend } : {}),
            names: { features: prepared.design, target: f.target },
          },
          onEpoch,
        ),
      (report) => hooks.onEpoch?.(report),
    );
    const model = mlpModelState(mlp, { features: prepared.design, target: f.target });
    return { model: assemblePipeline(plan, prepared, model), cv: null };
  }
  if (m.kind === 'gbdt') {
    const prepared = prepareDesign(built.train.features, plan.columns);
    const fitGbdt = hooks.fitGbdt ?? trainGbdtHere;
    // Each boosting round is a step of the run's loss metrics, as an MLP's epochs are.
    const { state } = await trainRecordingEpochs(
      async (onEpoch) => {
        const state = await fitGbdt(
          prepared.x,
          built.train.y,
          gbdtParamsOf(m),
          { seed: config.random_state, names: prepared.design },
          (r) => onEpoch(roundAsEpoch(r)),
        );
        return { state, history: state.history.map(roundAsEpoch) };
      },
      (report) => hooks.onEpoch?.(report),
    );
    const model = gbdtModelState(state, { features: prepared.design, target: f.target });
    return { model: assemblePipeline(plan, prepared, model), cv: null };
  }
  const spec: FitPipelineSpec = {
    ...plan,
    model: { kind: m.kind, ...(m.alpha === undefined ? {} : { alpha: m.alpha }) },
  };
  const grid = config.model.grid?.alpha;
  if (!grid)
    return { model: fitPipelineModel(built.train.features, built.train.y, spec), cv: null };
  // Scaling is refitted inside every fold, so no fold sees statistics of its held-out rows.
  const encoders = spec.columns.onehot.map((c) =>
    fitOneHot(c, Array.from(built.train.features[c]!)),
  );
  const x = designMatrix(built.train.features, spec.columns, encoders);
  const folds = kFold(x.rows, config.model.folds, createRng(config.random_state));
  const kind = spec.model.kind;
  const cv = gridSearch(
    grid,
    (alpha) => (xs, ys) => {
      const scaler = fitLeadingScaler(xs, spec.columns.scale.length);
      const fitted = fitModel(kind, applyScaler(scaler, xs), ys, {
        features: Array.from({ length: xs.cols }, (_, j) => `x${j}`),
        target: f.target,
        alpha,
        scale: false,
      });
      return { predict: (xt) => predictModel(fitted, applyScaler(scaler, xt)) };
    },
    x,
    built.train.y,
    folds,
    mse,
  );
  const model = fitPipelineModel(built.train.features, built.train.y, {
    ...spec,
    model: { ...spec.model, alpha: cv.best },
  });
  return { model, cv };
}

export type EvaluatedMetrics = Record<
  'train' | 'test' | 'baseline',
  Partial<Record<MetricId, number>>
>;

/** The metrics of one prediction against the truth, in the target's own units. */
function metricsOf(config: PipelineConfig, yTrue: Float64Array, yPred: Float64Array) {
  return Object.fromEntries(
    config.metrics.map((m) => [m, metricRegistry[m].compute(yTrue, yPred)]),
  ) as Partial<Record<MetricId, number>>;
}

/** Test metrics, and a mean baseline's on the same rows: what re-scoring a stored model needs. */
export function testMetrics(
  config: PipelineConfig,
  model: PipelineModelState,
  built: BuiltFeatures,
): Pick<EvaluatedMetrics, 'test' | 'baseline'> {
  const back = inverse(model.target.transform);
  const predicted = predictTransformed(model, built.test.features).map(back);
  const baseline = new Float64Array(built.test.raw.length).fill(back(mean(built.train.y)));
  return {
    test: metricsOf(config, built.test.raw, predicted),
    baseline: metricsOf(config, built.test.raw, baseline),
  };
}

/** Metrics in the target's own units on both sets, and a mean baseline's on the test set. */
export function evaluate(
  config: PipelineConfig,
  model: PipelineModelState,
  built: BuiltFeatures,
): EvaluatedMetrics {
  const back = inverse(model.target.transform);
  const train = predictTransformed(model, built.train.features).map(back);
  return {
    train: metricsOf(config, built.train.raw, train),
    ...testMetrics(config, model, built),
  };
}

/**
 * The first `limit` test rows' actual values and predictions, in the target's units: the run's
 * predictions artifact. Only those rows are predicted, so a large test set costs no more.
 */
export function testPredictions(
  model: PipelineModelState,
  built: BuiltFeatures,
  limit: number,
): { actual: Float64Array; predicted: Float64Array } {
  const n = Math.min(limit, built.test.raw.length);
  const features = Object.fromEntries(
    Object.entries(built.test.features).map(([k, v]) => [k, v.subarray(0, n)]),
  );
  const back = inverse(model.target.transform);
  return {
    actual: built.test.raw.subarray(0, n),
    predicted: predictTransformed(model, features).map(back),
  };
}
