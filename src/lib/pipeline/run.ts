import type { DataCatalog } from '../data/catalog';
import { assertValid, validate } from '../data/validation';
import type { MetricId } from '../metrics';
import {
  ModelRegistry,
  RegistryError,
  versionUri,
  type ModelVersion,
  type RegistryPort,
} from '../registry';
import { predictionsCsv, Tracker, type RunSource, type TrackingPort } from '../tracking';
import { isTrainingCancelled, stopSignal } from '../tracking/stop-requests';
import type { GridResult } from '../train/cv';
import { gbdtParamsOf } from '../train/gbdt/config';
import { importanceSvg, rankedImportances } from '../train/gbdt/importance-chart';
import { resolveParams } from '../train/gbdt/params';
import type { GbdtTrainer } from '../train/gbdt/trainer';
import { epochMetrics, mlpBackendTags, type EpochReport, type MlpTrainer } from '../train/mlp';
import type { PipelineModelState } from '../train/pipeline-model';
import { splitIndices } from '../train/split';
import { splitParam } from './split-param';
import { parsePipelineConfig, type PipelineConfig } from './config';
import { configHash } from './hash';
import { cachedResult, RESULT_ARTIFACT } from './cache';
import { buildFeatures, evaluate, testPredictions, train } from './stages';
import { PipelineError } from './errors';

/** Test rows in a pipeline run's predictions.csv. */
const PREDICTION_ROWS = 1000;

export const STEPS = [
  'load',
  'validate',
  'split',
  'features',
  'train',
  'evaluate',
  'register',
] as const;
export type StepName = (typeof STEPS)[number];
export interface StepEvent {
  step: StepName;
  /** cached: a finished run of the same config on the same data version answered for it. */
  status: 'running' | 'done' | 'skipped' | 'failed' | 'cached';
  detail?: string;
}

export interface PipelineServices {
  catalog: DataCatalog;
  tracking: TrackingPort;
  registry: RegistryPort;
  /** Trains `mlp` models (a TensorFlow.js worker in the app). */
  fitMlp?: MlpTrainer;
  /** Trains `gbdt` models (a worker in the app; in this thread when left out). */
  fitGbdt?: GbdtTrainer;
}

export interface PipelineResult {
  runId: string;
  dataVersion: string;
  configHash: string;
  rows: { train: number; test: number; cleanedAway: number };
  metrics: Record<'train' | 'test' | 'baseline', Partial<Record<MetricId, number>>>;
  cv: GridResult<number> | null;
  model: PipelineModelState;
  version: ModelVersion | null;
  /** Why the registry refused `register.alias` (its gate's message), or null. */
  aliasRefused: string | null;
}

export interface RunOptions {
  onStep?: (event: StepEvent) => void;
  source?: RunSource;
  /** The config's file name, for error messages. */
  file?: string;
  /** Extra run tags, e.g. the sweep a trial belongs to. */
  tags?: Record<string, string>;
  /** Reuse a finished run of the same config on the same data version instead of running. */
  cache?: boolean;
  /**
   * Stops the run between steps and stops MLP training (its worker) mid-way: a CI step that is
   * cancelled or times out ends its pipeline, which never registers a model after it.
   */
  signal?: AbortSignal;
  /**
   * A version to keep instead of registering a new one (a lesson cell run again registers the
   * same model: Run all twice leaves one version). Undefined registers as usual.
   */
  reuseVersion?: (source: string, name: string) => Promise<ModelVersion | undefined>;
  /** Each MLP epoch as it arrives (a cell's live loss curve), after it is logged on the run. */
  onEpoch?: (report: EpochReport) => void;
}

/** Why a pipeline stopped when its `signal` fired: the signal's own reason when it gives one. */
export class PipelineStopped extends Error {
  override name = 'PipelineStopped';
  readonly code = 'stopped';
}
const stoppedBy = (signal: AbortSignal) =>
  signal.reason instanceof Error
    ? signal.reason
    : new PipelineStopped('The pipeline was stopped before it finished.');

/** The course's split marks (diabetes only), as train/test row indices. */
export async function courseSplit(catalog: DataCatalog, rows: number) {
  const { table } = await catalog.load('diabetes-split');
  const col = table.columns.find((c) => c.name === 'split');
  if (!col || col.type !== 'category' || table.rowCount !== rows)
    throw new PipelineError(
      'bad-split',
      `split: course marks ${table.rowCount} diabetes rows; this dataset has ${rows}. Use test_size instead.`,
    );
  const marks = Array.from(col.codes, (c) => col.dictionary[c]);
  const pick = (which: string) => marks.flatMap((m, i) => (m === which ? [i] : []));
  return { train: pick('train'), test: pick('test') };
}

function flatParams(config: PipelineConfig): Record<string, unknown> {
  const { data, features: f, model } = config;
  return {
    dataset: data.dataset,
    split: splitParam(data.split),
    random_state: config.random_state,
    recipe: f.recipe,
    target: f.target,
    target_transform: f.target_transform,
    features: [...f.scale, ...f.passthrough, ...f.onehot].join(','),
    model: model.kind,
    ...(model.alpha === undefined ? {} : { alpha: model.alpha }),
    ...(model.grid ? { grid_alpha: model.grid.alpha.join(','), folds: model.folds } : {}),
    ...(f.clean ? { clean: `${f.clean.columns.join(',')} in ${f.clean.quantiles.join('–')}` } : {}),
    // Every booster parameter, defaults included, as MLflow's autolog logs sklearn's get_params().
    ...(model.kind === 'gbdt'
      ? Object.fromEntries(
          Object.entries(resolveParams(gbdtParamsOf(model))).map(([k, v]) => [k, v ?? 'None']),
        )
      : {}),
  };
}

/**
 * Runs a pipeline config as one tracked run: load → validate → split → features → train →
 * evaluate → register. Features come after the split because parts of them are learned (abnormal
 * days, rare-point bounds, scaling, one-hot categories) and are fitted on training rows only.
 * The run keeps the config, its hash, the data version and the fitted pipeline.
 */
export async function runPipeline(
  input: string | PipelineConfig,
  services: PipelineServices,
  options: RunOptions = {},
): Promise<PipelineResult> {
  const config = typeof input === 'string' ? parsePipelineConfig(input, options.file) : input;
  const emit = options.onStep ?? (() => {});
  const tracker = new Tracker(services.tracking);
  await tracker.setExperiment(config.experiment ?? config.name);
  const hash = await configHash(config);
  if (options.cache) {
    const cached = await cachedResult(config, hash, services);
    if (cached) {
      for (const step of STEPS) emit({ step, status: 'cached', detail: `run ${cached.runId}` });
      return cached;
    }
  }
  const run = await tracker.startRun({
    name: config.name,
    source: options.source ?? {},
    tags: { ...options.tags, 'config.hash': hash, pipeline: config.name },
  });
  let current: StepName = 'load';
  async function step<T>(name: StepName, work: () => T | Promise<T>, detail: (v: T) => string) {
    if (options.signal?.aborted) throw stoppedBy(options.signal);
    current = name;
    emit({ step: name, status: 'running' });
    const value = await work();
    emit({ step: name, status: 'done', detail: detail(value) });
    return value;
  }
  const skip = (name: StepName, detail: string) => emit({ step: name, status: 'skipped', detail });
  // Listening for "stop this run" starts with training, the only step long enough to stop.
  let stop: ReturnType<typeof stopSignal> | undefined;
  const trainingSignal = () => {
    stop ??= stopSignal(run.id);
    return options.signal ? AbortSignal.any([stop.signal, options.signal]) : stop.signal;
  };

  try {
    await tracker.logArtifact(
      'config.yaml',
      typeof input === 'string' ? input : JSON.stringify(input, null, 2),
      'application/yaml',
    );
    await tracker.logParams(flatParams(config));
    const { version: data, table } = await step(
      'load',
      () => services.catalog.load(config.data.dataset),
      (l) => `${l.version.name} ${l.version.id}: ${l.table.rowCount.toLocaleString('en')} rows`,
    );
    await tracker.setTags({ 'dataset.version': data.id });

    const expectations = config.data.validate;
    if (expectations) {
      const report = await step(
        'validate',
        () => validate(table, { expectation_suite_name: config.name, expectations }),
        (r) =>
          `${r.results.filter((x) => x.success).length} of ${r.results.length} expectations met`,
      );
      await tracker.logArtifact('validation.json', report as unknown as object);
      current = 'validate';
      assertValid(report);
    } else skip('validate', 'no expectations in the config');

    const split = await step(
      'split',
      () =>
        config.data.split === 'course'
          ? courseSplit(services.catalog, table.rowCount)
          : splitIndices(table.rowCount, config.data.split.test_size, config.random_state),
      (s) => `${s.train.length} train, ${s.test.length} test rows`,
    );
    const built = await step(
      'features',
      () => buildFeatures(config, table, split),
      (b) =>
        `${Object.keys(b.train.features).length} features` +
        (b.dropped ? `; ${b.dropped} training rows cleaned away` : ''),
    );
    const { model, cv } = await step(
      'train',
      () =>
        train(config, built, {
          ...(services.fitMlp
            ? {
                fitMlp: (x, y, options, onEpoch) =>
                  services.fitMlp!(x, y, options, onEpoch, trainingSignal()),
              }
            : {}),
          ...(services.fitGbdt
            ? {
                fitGbdt: (x, y, params, opts, onIteration) =>
                  services.fitGbdt!(x, y, params, opts, onIteration, trainingSignal()),
              }
            : {}),
          // The loss curve, live: each epoch (or boosting round) is a step of the run's loss
          // metrics, and goes on to the cell that started the run.
          onEpoch: async (r) => {
            await tracker.logMetrics(epochMetrics(r), r.epoch);
            options.onEpoch?.(r);
          },
        }),
      (t) =>
        t.cv ? `alpha ${t.cv.best}, best of ${t.cv.candidates.length} by CV` : config.model.kind,
    );
    await tracker.setTags(
      model.model.mlp ? mlpBackendTags(model.model.mlp) : { backend: 'javascript-float64' },
    );
    await tracker.logArtifact('model/model.json', model as unknown as object);
    const trees = model.model.gbdt;
    if (trees) {
      await tracker.logArtifact(
        'feature_importances.json',
        rankedImportances(model.design, trees.importances),
      );
      await tracker.logArtifact(
        'feature_importances.svg',
        importanceSvg(model.design, trees.importances),
      );
      await tracker.logMetrics({ n_iter: trees.trees.length });
    }
    if (cv) {
      await tracker.logParams({ best_alpha: cv.best });
      for (const [i, c] of cv.candidates.entries()) await tracker.logMetric('cv_mse', c.mean, i);
      await tracker.logArtifact('cv_results.json', cv as unknown as object);
    }

    const metrics = await step(
      'evaluate',
      () => evaluate(config, model, built),
      (m) => config.metrics.map((id) => `test ${id} ${m.test[id]!.toPrecision(4)}`).join(', '),
    );
    for (const [set, prefix] of [
      ['train', 'train'],
      ['test', 'test'],
      ['baseline', 'baseline_test'],
    ] as const)
      await tracker.logMetrics(
        Object.fromEntries(Object.entries(metrics[set]).map(([k, v]) => [`${prefix}_${k}`, v!])),
      );

    // Bounded: a test set can have hundreds of thousands of rows; a thousand show the errors' shape.
    const { actual, predicted } = testPredictions(model, built, PREDICTION_ROWS);
    await tracker.logArtifact('predictions.csv', predictionsCsv(actual, predicted));

    let version: ModelVersion | null = null;
    let aliasRefused: string | null = null;
    const target = config.register;
    if (target) {
      version = await step(
        'register',
        async () => {
          const registry = new ModelRegistry(services.registry, services.tracking);
          const source = `runs:/${run.id}/model`;
          const v =
            (await options.reuseVersion?.(source, target.name)) ??
            (await registry.registerModel(source, target.name, {
              inputExample: built.example,
              datasetVersion: data.id,
              description: `Pipeline "${config.name}", config ${hash}.`,
            }));
          const tested = target.tests
            ? await registry.testVersion(versionUri(v.name, v.version), target.tests)
            : null;
          if (target.alias) {
            try {
              await registry.setAlias(target.name, target.alias, v.version);
            } catch (error) {
              // A refused alias is a verdict on the model, not a broken run: the version stays
              // registered with its test report, and the run says why it holds no alias.
              if (!(error instanceof RegistryError && error.code === 'gate-closed')) throw error;
              aliasRefused = error.message;
              await tracker.setTags({
                'register.alias_refused': `${target.alias}: ${error.message}`.slice(0, 500),
              });
            }
          }
          return { version: v, tested };
        },
        ({ version: v, tested }) =>
          `${v.name} version ${v.version}` +
          (tested
            ? `; tests ${tested.results.filter((t) => t.passed).length} of ${tested.results.length} passed`
            : '') +
          (target.alias
            ? aliasRefused
              ? `; ${target.alias} refused: ${aliasRefused}`
              : `; ${target.alias}`
            : ''),
      ).then((r) => r.version);
    } else skip('register', 'no register section in the config');

    const result: PipelineResult = {
      runId: run.id,
      dataVersion: data.id,
      configHash: hash,
      rows: { train: built.train.y.length, test: built.test.y.length, cleanedAway: built.dropped },
      metrics,
      cv,
      model,
      version,
      aliasRefused,
    };
    const { model: _, version: __, ...summary } = result;
    await tracker.logArtifact(RESULT_ARTIFACT, summary as unknown as object);
    await tracker.endRun('FINISHED');
    return result;
  } catch (error) {
    const message = (error as Error).message;
    emit({ step: current, status: 'failed', detail: message });
    const halted = options.signal?.aborted === true;
    const stopped = isTrainingCancelled(error) || halted;
    await tracker.setTags(
      stopped
        ? {
            'stop.reason': halted
              ? `${current}: ${stoppedBy(options.signal!).message}`.slice(0, 500)
              : 'stopped from the run page',
          }
        : { error: `${current}: ${message}`.slice(0, 500) },
    );
    await tracker.endRun(stopped ? 'KILLED' : 'FAILED');
    throw error;
  } finally {
    stop?.close();
  }
}
