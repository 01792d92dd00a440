import { from as aqFrom, type ColumnTable } from 'arquero';
import {
  DEFAULT_ENERGY,
  estimateEnergy,
  figureSvg,
  formatEnergy,
  Tracker,
  TrackingError,
  type FigureLike,
  type EnergyAssumptions,
  type Run,
} from '../tracking';
import type { RunSource } from '../tracking/types';
import { defineLabNamespace } from './index';
import { labServices } from './services';

/** Enough rows for any course test set's predictions; more is likely a mistake in a browser store. */
const TABLE_ROW_LIMIT = 100_000;

let current: { port: unknown; tracker: Tracker } | undefined;

/** The kernel's one tracker: its active run is shared by every namespace that logs to it. */
export function tracker(): Tracker {
  const { tracking } = labServices();
  if (current?.port !== tracking) current = { port: tracking, tracker: new Tracker(tracking) };
  return current.tracker;
}

/** Runs as a table, MLflow's search_runs columns: metrics.x, params.y, tags.z. */
function runsTable(runs: Run[]): ColumnTable {
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const params = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const names = [
    'run_id',
    'run_name',
    'status',
    'start_time',
    ...metrics.map((m) => `metrics.${m}`),
    ...params.map((p) => `params.${p}`),
  ];
  return aqFrom(
    runs.map((r) => ({
      run_id: r.id,
      run_name: r.name,
      status: r.status,
      start_time: new Date(r.startTime),
      ...Object.fromEntries(metrics.map((m) => [`metrics.${m}`, r.metrics[m]?.value ?? null])),
      ...Object.fromEntries(params.map((p) => [`params.${p}`, r.params[p] ?? null])),
    })),
    names,
  );
}

/**
 * Running a cell again replaces what it tracked before, so Run all twice leaves one set of runs:
 * the finished runs an earlier run of the same lesson cell started go to the trash (restorable on
 * the Runs page). Runs of this execution (a sweep's loop) and runs still running are kept.
 */
export async function replaceEarlierRuns(source: RunSource | undefined): Promise<void> {
  if (!source?.lessonId || !source.cellId || !source.execution) return;
  const t = tracker();
  const earlier = (await t.searchRuns('', undefined, { allExperiments: true })).filter(
    (r) =>
      r.source.lessonId === source.lessonId &&
      r.source.cellId === source.cellId &&
      r.source.execution !== undefined &&
      r.source.execution !== source.execution &&
      r.status !== 'RUNNING',
  );
  for (const run of earlier) await t.deleteRun(run.id);
}

defineLabNamespace('tracking', (ctx) => ({
  setExperiment: (name: string) => tracker().setExperiment(name),
  async startRun(options?: { name?: string; tags?: Record<string, string> }) {
    await replaceEarlierRuns(ctx.source);
    return tracker().startRun({ ...options, source: { ...ctx.source } });
  },
  endRun: (status?: Run['status']) => tracker().endRun(status),
  get activeRun() {
    return tracker().activeRun;
  },
  logParam: (key: string, value: unknown) => tracker().logParam(key, value),
  logParams: (params: Record<string, unknown>) => tracker().logParams(params),
  logMetric: (key: string, value: number, step?: number) => tracker().logMetric(key, value, step),
  logMetrics: (metrics: Record<string, number>, step?: number) =>
    tracker().logMetrics(metrics, step),
  setTag: (key: string, value: string) => tracker().setTags({ [key]: value }),
  setTags: (tags: Record<string, string>) => tracker().setTags(tags),
  logArtifact: (path: string, content: Uint8Array | string | object, mime?: string) =>
    tracker().logArtifact(path, content, mime),
  /** An Observable Plot chart made in a cell, as an SVG file the run page shows (MLflow's log_figure). */
  logFigure: (path: string, figure: FigureLike | string) =>
    tracker().logArtifact(path, figureSvg(figure, `logFigure("${path}")`), 'image/svg+xml'),
  /** An arquero table as CSV, e.g. a test set's predictions (MLflow's log_table). */
  logTable(path: string, table: ColumnTable, options: { limit?: number } = {}) {
    const limit = options.limit ?? TABLE_ROW_LIMIT;
    if (typeof table?.toCSV !== 'function')
      throw new TypeError(
        `logTable("${path}"): expected an arquero table (aq.table, lab.data.load).`,
      );
    if (table.numRows() > limit)
      throw new RangeError(
        `logTable("${path}"): the table has ${table.numRows().toLocaleString('en')} rows, more than ${limit.toLocaleString('en')}. Either log a sample (table.sample(${limit})) or raise the limit with { limit }.`,
      );
    return tracker().logArtifact(path, table.toCSV(), 'text/csv');
  },
  /**
   * The data version the run trained on (MLflow's log_input): tags dataset.version, as a pipeline
   * does, so the run page links to the version and its lineage. Give a dataset name or version id,
   * or the version lab.data.versionOf(table) returns.
   */
  async logInput(
    dataset: string | { id: string; name?: string },
    options: { context?: string } = {},
  ) {
    const version =
      typeof dataset === 'string'
        ? await labServices().catalog.resolve(dataset)
        : dataset && typeof dataset.id === 'string'
          ? dataset
          : undefined;
    if (!version)
      throw new TypeError(
        'logInput: give a dataset name or version id ("diabetes"), or lab.data.versionOf(table) of a table lab.data.load returned.',
      );
    await tracker().setTags({
      'dataset.version': version.id,
      ...(version.name ? { 'dataset.name': version.name } : {}),
      ...(options.context ? { 'dataset.context': options.context } : {}),
    });
    return version;
  },
  /** A model's JSON (weights and preprocessing) as the run's model artifact. */
  logModel: (model: { toJSON(): unknown }, path = 'model/model.json') =>
    tracker().logArtifact(path, model.toJSON() as object),
  getRun: (id: string) => tracker().getRun(id),
  metricHistory: async (runId: string, key: string) =>
    aqFrom(
      (await tracker().metricHistory(runId, key)).map(({ step, value, timestamp }) => ({
        step,
        value,
        time: new Date(timestamp),
      })),
    ),
  async searchRuns(filter = '', orderBy?: string[], options?: { allExperiments?: boolean }) {
    return runsTable(await tracker().searchRuns(filter, orderBy, options));
  },
  /** The matching runs as objects (for checks and code), not as a table. */
  findRuns: (filter = '', orderBy?: string[]) =>
    tracker().searchRuns(filter, orderBy, { allExperiments: true }),
  /** A run's energy and carbon estimate (CodeCarbon's method): duration × watts × grid intensity. */
  async energy(id: string, assumptions: Partial<EnergyAssumptions> = {}) {
    const run = await tracker().getRun(id);
    if (run.endTime === null)
      throw new TrackingError(
        'not-ended',
        `Run ${id} has not ended: its duration is not known. End it first (lab.tracking.endRun()).`,
      );
    const estimate = estimateEnergy((run.endTime - run.startTime) / 1000, {
      ...DEFAULT_ENERGY,
      ...assumptions,
    });
    return { ...estimate, text: formatEnergy(estimate) };
  },
  deleteRun: (id: string) => tracker().deleteRun(id),
  restoreRun: (id: string) => tracker().deleteRun(id, true),
}));
