import { from as aqFrom, type ColumnTable } from 'arquero';
import {
  DEFAULT_ENERGY,
  estimateEnergy,
  formatEnergy,
  Tracker,
  type EnergyAssumptions,
  type Run,
} from '../tracking';
import { defineLabNamespace } from './index';
import { labServices } from './services';

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

defineLabNamespace('tracking', (ctx) => ({
  setExperiment: (name: string) => tracker().setExperiment(name),
  startRun: (options?: { name?: string; tags?: Record<string, string> }) =>
    tracker().startRun({ ...options, source: { ...ctx.source } }),
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
  logArtifact: (path: string, content: Uint8Array | string | object) =>
    tracker().logArtifact(path, content),
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
      throw new Error(`Run ${id} has not ended: its duration is not known.`);
    const estimate = estimateEnergy((run.endTime - run.startTime) / 1000, {
      ...DEFAULT_ENERGY,
      ...assumptions,
    });
    return { ...estimate, text: formatEnergy(estimate) };
  },
  deleteRun: (id: string) => tracker().deleteRun(id),
  restoreRun: (id: string) => tracker().deleteRun(id, true),
}));
