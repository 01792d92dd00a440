import { from as aqFrom, table as aqTable, type ColumnTable } from 'arquero';
import { typedColumn } from '../data/columnar';
import { metricRegistry, type MetricId } from '../metrics';
import { matrix } from '../train/matrix';
import { splitIndices } from '../train/split';
import {
  epochMetrics,
  MLP_DEFAULTS,
  mlpBackendTags,
  trainRecordingEpochs,
  type MlpTrainOptions,
} from '../train/mlp';
import { LiveLoss } from './live-loss';
import { GBDT_DEFAULTS, type GbdtParams } from '../train/gbdt/params';
import { trainGbdtHere } from '../train/gbdt/trainer';
import { roundAsEpoch } from '../train/gbdt/config';
import {
  fitModel,
  gbdtModelState,
  LINEAR_KINDS,
  mlpModelState,
  MODEL_KINDS,
  predictModel,
  type ModelKind,
  type ModelState,
} from '../train/model';
import { defineLabNamespace } from './index';
import { labServices } from './services';
import { tracker } from './tracking';
import { LabError } from './errors';
import { endFailedTraining, trainingStop } from './training-end';

function notANumber(name: string, row: number, value: unknown): LabError {
  return new LabError(
    'not-numeric',
    `Column "${name}", row ${row + 1}: ${String(value)} is not a number. Models need numeric, non-missing features.`,
  );
}

/** One column as doubles; typed columns (the usual case for big tables) skip the type check. */
function numbers(table: ColumnTable, name: string): Float64Array {
  if (!table.columnNames().includes(name))
    throw new LabError(
      'unknown-column',
      `No column "${name}"; the table has ${table.columnNames().join(', ')}.`,
    );
  const typed = typedColumn(table, name);
  if (typed) {
    for (let i = 0; i < typed.length; i++)
      if (Number.isNaN(typed[i])) throw notANumber(name, i, typed[i]);
    return typed;
  }
  const c = table.array(name) as ArrayLike<unknown>;
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const v = c[i];
    if (typeof v !== 'number' || Number.isNaN(v)) throw notANumber(name, i, v);
    out[i] = v;
  }
  return out;
}

function features(table: ColumnTable, names: string[]) {
  const rows = table.numRows();
  const p = names.length;
  const data = new Float64Array(rows * p);
  names.forEach((name, j) => {
    const c = numbers(table, name);
    for (let i = 0, at = j; i < rows; i++, at += p) data[at] = c[i]!;
  });
  return matrix(rows, p, data);
}

/** A fitted model in a cell: predict, evaluate, and its JSON (weights + preprocessing). */
export class Model {
  constructor(readonly state: ModelState) {}
  get kind() {
    return this.state.kind;
  }
  predict(table: ColumnTable): Float64Array {
    return predictModel(this.state, features(table, this.state.features));
  }
  /** Metrics on a table that has the target column. */
  evaluate(
    table: ColumnTable,
    metrics: MetricId[] = ['mse', 'rmse', 'mae', 'r2'],
  ): Record<string, number> {
    const yTrue = numbers(table, this.state.target);
    const yPred = this.predict(table);
    return Object.fromEntries(metrics.map((m) => [m, metricRegistry[m].compute(yTrue, yPred)]));
  }
  coefficients(): ColumnTable {
    return aqFrom([
      { feature: '(intercept)', weight: this.state.intercept },
      ...this.state.features.map((f, i) => ({ feature: f, weight: this.state.coef[i]! })),
    ]);
  }
  toJSON(): ModelState {
    return this.state;
  }
}

defineLabNamespace('ml', (ctx) => ({
  /** A seeded random train/test split (the same seed always gives the same split). */
  split(table: ColumnTable, options: { testSize?: number; seed?: number } = {}) {
    const { train, test } = splitIndices(
      table.numRows(),
      options.testSize ?? 0.25,
      options.seed ?? 42,
    );
    return { train: pickRows(table, train), test: pickRows(table, test) };
  },
  /** The course's diabetes split: train (353) and test (89) rows as the course makes them. */
  async courseSplit() {
    const { catalog } = labServices();
    const { toArquero } = await import('../data/columnar');
    const data = toArquero((await catalog.load('diabetes')).table);
    const marks = toArquero((await catalog.load('diabetes-split')).table).array(
      'split',
    ) as string[];
    const idx = (which: string) => marks.flatMap((m, i) => (m === which ? [i] : []));
    return { train: pickRows(data, idx('train')), test: pickRows(data, idx('test')) };
  },
  fit(
    table: ColumnTable,
    options: {
      target: string;
      features?: string[];
      model?: ModelKind;
      alpha?: number;
      scale?: boolean;
    },
  ): Model {
    const kind = options.model ?? 'linear';
    if (kind === 'mlp')
      throw new TypeError('An MLP trains in a worker: use await lab.ml.fitMlp(table, options).');
    if (kind === 'gbdt')
      throw new TypeError(
        'Boosted trees train in a worker: use await lab.ml.fitGbdt(table, options), or model: { kind: gbdt } in a pipeline config.',
      );
    if (!LINEAR_KINDS.includes(kind))
      throw new TypeError(`model must be one of ${MODEL_KINDS.join(', ')} (got "${kind}").`);
    const names = options.features ?? table.columnNames().filter((c) => c !== options.target);
    return new Model(
      fitModel(kind, features(table, names), numbers(table, options.target), {
        features: names,
        target: options.target,
        ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
        ...(options.scale === undefined ? {} : { scale: options.scale }),
      }),
    );
  },
  /**
   * Trains histogram gradient-boosted trees (scikit-learn's HistGradientBoostingRegressor, same
   * parameter names) in a worker of its own, the loss per boosting round shown live in the cell.
   * Each round's loss also goes to the active run, if any, as a metric step.
   */
  async fitGbdt(
    table: ColumnTable,
    options: { target: string; features?: string[]; seed?: number } & Partial<GbdtParams>,
  ): Promise<Model> {
    const { target: name, features: chosen, seed = 42, ...params } = options;
    const names = chosen ?? table.columnNames().filter((c) => c !== name);
    const run = tracker().activeRun;
    const rounds = params.max_iter ?? GBDT_DEFAULTS.max_iter;
    const live = new LiveLoss(
      ctx.display,
      `Boosted trees (up to ${rounds} rounds) on ${table.numRows().toLocaleString('en-US')} rows`,
      rounds,
      'rounds',
    );
    const stop = trainingStop(live, run);
    let threads = '';
    try {
      const { state } = await trainRecordingEpochs(
        async (onEpoch) => {
          const state = await (labServices().fitGbdt ?? trainGbdtHere)(
            features(table, names),
            numbers(table, name),
            params,
            { seed, names, onThreads: (plan) => (threads = plan.note) },
            (r) => {
              live.epoch(roundAsEpoch(r));
              onEpoch(roundAsEpoch(r));
            },
            stop.signal,
          );
          return { state, history: state.history.map(roundAsEpoch) };
        },
        async (r) => {
          if (run) await tracker().logMetrics(epochMetrics(r), r.epoch);
        },
      );
      live.end('done', `${state.history.length} rounds${threads ? ` ${threads}` : ''}`);
      return new Model(gbdtModelState(state, { features: names, target: name }));
    } catch (error) {
      return await endFailedTraining(error, live, run, 'rounds');
    } finally {
      stop.close();
    }
  },
  /**
   * Trains an MLP in a worker of its own (the page and this kernel stay free): the fused trainer
   * when it supports the options, TF.js otherwise. The cell shows the loss per epoch as it
   * arrives; each epoch's loss also goes to the active run, if any, as a metric step.
   */
  async fitMlp(
    table: ColumnTable,
    options: {
      target: string;
      features?: string[];
      show?: boolean;
    } & MlpTrainOptions,
  ): Promise<Model> {
    const { target: name, features: chosen, show, ...training } = options;
    const names = chosen ?? table.columnNames().filter((c) => c !== name);
    const run = tracker().activeRun;
    const live = new LiveLoss(
      ctx.display,
      `MLP ${[names.length, ...(training.hidden ?? MLP_DEFAULTS.hidden), 1].join('→')} on ${table.numRows().toLocaleString('en-US')} rows`,
      training.epochs ?? MLP_DEFAULTS.epochs,
    );
    // Cancel in the cell or Stop on the run page; the kernel and its variables stay.
    const stop = trainingStop(live, run);
    try {
      const mlp = await trainRecordingEpochs(
        (onEpoch) =>
          labServices().fitMlp(
            features(table, names),
            numbers(table, name),
            { ...training, names: { features: names, target: name } },
            (r) => {
              live.epoch(r);
              onEpoch(r);
            },
            stop.signal,
          ),
        async (r) => {
          if (show)
            ctx.display(
              `epoch ${r.epoch}: loss ${r.loss.toPrecision(4)}${r.valLoss === null ? '' : `, validation ${r.valLoss.toPrecision(4)}`} (${r.seconds.toFixed(2)} s)`,
            );
          if (run) await tracker().logMetrics(epochMetrics(r), r.epoch);
        },
      );
      const tags = mlpBackendTags(mlp);
      live.end('done', `trained by ${tags.trainer} (${tags.backend})`);
      // Tagged as runPipeline does.
      if (run) await tracker().setTags(tags);
      return new Model(mlpModelState(mlp, { features: names, target: name }));
    } catch (error) {
      return await endFailedTraining(error, live, run, 'epochs');
    } finally {
      stop.close();
    }
  },
  load: (state: ModelState) => new Model(state),
  metrics: Object.fromEntries(Object.values(metricRegistry).map((m) => [m.id, m.compute])),
}));

function pickRows(table: ColumnTable, rows: number[]): ColumnTable {
  const names = table.columnNames();
  return aqTable(
    Object.fromEntries(
      names.map((name) => {
        const col = table.array(name) as ArrayLike<unknown>;
        return [name, rows.map((i) => col[i])];
      }),
    ),
    names,
  ) as ColumnTable;
}
