import type {
  ArtifactInfo,
  Experiment,
  MetricPoint,
  MetricSummary,
  Run,
  RunStatus,
  TrackingPort,
} from './types';
import { mimeOf } from './artifacts';
import { searchRuns } from './search';
import { TrackingError } from './errors';
import {
  checkArtifactPath,
  checkExperimentName,
  checkStep,
  checkValueLength,
} from './mlflow-names';
import { checkEntries, paramText, tagEntries } from './log-checks';
import { own, withEntries } from './record';

export { TrackingError } from './errors';

export interface TrackerOptions {
  now?: () => number;
  /** 16 random bytes → a run id; crypto.getRandomValues by default. */
  randomBytes?: () => Uint8Array;
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Experiment tracking with MLflow's fluent API: set an experiment, start a run, log params,
 * metrics (with steps), tags and artifacts, end the run; nested runs get a parent tag.
 */
export class Tracker {
  readonly #stack: Run[] = [];
  #experiment: Experiment | undefined;
  readonly #now: () => number;
  readonly #random: () => Uint8Array;

  constructor(
    private readonly port: TrackingPort,
    options: TrackerOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#random = options.randomBytes ?? (() => crypto.getRandomValues(new Uint8Array(16)));
  }

  async setExperiment(name: string): Promise<Experiment> {
    checkExperimentName(name);
    let experiment = await this.port.experimentByName(name);
    if (!experiment) {
      experiment = { id: hex(this.#random()).slice(0, 12), name, createdAt: this.#now() };
      await this.port.putExperiment(experiment);
    }
    this.#experiment = experiment;
    return experiment;
  }

  get activeRun(): Run | undefined {
    return this.#stack[this.#stack.length - 1];
  }

  async startRun(
    options: { name?: string; tags?: Record<string, string>; source?: Run['source'] } = {},
  ): Promise<Run> {
    const tags = tagEntries(options.tags ?? {});
    checkEntries('tag', [], tags);
    if (options.name !== undefined) {
      if (typeof options.name !== 'string')
        throw new TrackingError('bad-name', `A run name must be text; got ${typeof options.name}.`);
      // MLflow allows any run name; it also stores it as the mlflow.runName tag, hence the cap.
      checkValueLength('run name', 'name', options.name);
    }
    const experiment = this.#experiment ?? (await this.setExperiment('Default'));
    const id = hex(this.#random());
    const parent = this.activeRun;
    const run: Run = {
      id,
      experimentId: experiment.id,
      name: options.name ?? `run-${id.slice(0, 6)}`,
      status: 'RUNNING',
      startTime: this.#now(),
      endTime: null,
      source: options.source ?? {},
      params: {},
      tags: withEntries({}, [
        ...tags,
        ...(parent ? [['mlflow.parentRunId', parent.id] as [string, string]] : []),
      ]),
      metrics: {},
      deletedAt: null,
    };
    // Active only once stored: a run the store refused must not collect the next logs.
    await this.port.putRun(run);
    this.#stack.push(run);
    return run;
  }

  #active(): Run {
    const run = this.activeRun;
    if (!run)
      throw new TrackingError(
        'no-active-run',
        'No run is active: call await lab.tracking.startRun() first.',
      );
    return run;
  }

  async endRun(status: RunStatus = 'FINISHED'): Promise<Run> {
    const run = this.#active();
    const ended = { status, endTime: this.#now() };
    // Ended only once stored: if the write fails the run stays active, so endRun can be retried.
    await this.port.putRun({ ...run, ...ended });
    Object.assign(run, ended);
    this.#stack.pop();
    return run;
  }

  /** Stores every param or none: each key and value is checked before anything is written. */
  async logParams(params: Record<string, unknown>): Promise<void> {
    const run = this.#active();
    const entries = Object.entries(params).map(
      ([key, raw]) => [key, paramText(key, raw)] as [string, string],
    );
    checkEntries('param', Object.keys(run.params), entries);
    for (const [key, value] of entries) {
      const before = own(run.params, key);
      // MLflow refuses to change a logged parameter: a run's inputs are fixed.
      if (before !== undefined && before !== value)
        throw new TrackingError(
          'param-changed',
          `Parameter "${key}" was already logged as ${before} in this run; a run's parameters cannot change. Start a new run for ${value}. Nothing was logged.`,
        );
    }
    await this.#store(run, { params: withEntries(run.params, entries) });
  }

  logParam(key: string, value: unknown): Promise<void> {
    return this.logParams({ [key]: value });
  }

  /** Stores every metric or none: each key, value and step is checked before anything is written. */
  async logMetrics(metrics: Record<string, number>, step?: number): Promise<void> {
    const run = this.#active();
    const timestamp = this.#now();
    const entries = Object.entries(metrics);
    checkEntries('metric', Object.keys(run.metrics), entries);
    const points: MetricPoint[] = [];
    const summaries: [string, MetricSummary][] = [];
    for (const [key, value] of entries) {
      if (typeof value !== 'number' || Number.isNaN(value))
        throw new TrackingError(
          'bad-metric',
          `Metric "${key}" must be a number; got ${String(value)}. Nothing was logged.`,
        );
      const last = own(run.metrics, key);
      const s = step ?? (last ? last.step + 1 : 0);
      checkStep(key, s);
      points.push({ runId: run.id, key, step: s, value, timestamp });
      summaries.push([
        key,
        {
          value: last && last.step > s ? last.value : value,
          step: Math.max(s, last?.step ?? s),
          timestamp,
          min: Math.min(value, last?.min ?? value),
          max: Math.max(value, last?.max ?? value),
        },
      ]);
    }
    const summarised = withEntries(run.metrics, summaries);
    await this.port.appendMetrics(points, { ...run, metrics: summarised });
    run.metrics = summarised;
  }

  logMetric(key: string, value: number, step?: number): Promise<void> {
    return this.logMetrics({ [key]: value }, step);
  }

  async setTags(tags: Record<string, string>): Promise<void> {
    const run = this.#active();
    const entries = tagEntries(tags);
    checkEntries('tag', Object.keys(run.tags), entries);
    await this.#store(run, { tags: withEntries(run.tags, entries) });
  }

  /**
   * Writes the run with `changes`, and only once the store has it updates the active run: a
   * failed write (a full disk) leaves the run as it was, so nothing unstored is shown as logged.
   */
  async #store(run: Run, changes: Partial<Pick<Run, 'params' | 'metrics' | 'tags'>>) {
    await this.port.putRun({ ...run, ...changes });
    Object.assign(run, changes);
  }

  /** Stores a file of the run; its type comes from the path's extension unless `mime` is given. */
  async logArtifact(
    path: string,
    content: Uint8Array | string | object,
    mime?: string,
  ): Promise<ArtifactInfo> {
    const run = this.#active();
    checkArtifactPath(path);
    const bytes =
      content instanceof Uint8Array
        ? content
        : new TextEncoder().encode(
            typeof content === 'string' ? content : JSON.stringify(content, null, 2),
          );
    const info: ArtifactInfo = {
      runId: run.id,
      path,
      mime: mime ?? mimeOf(path, content),
      size: bytes.byteLength,
      createdAt: this.#now(),
    };
    await this.port.putArtifact(info, bytes);
    return info;
  }

  async getRun(id: string): Promise<Run> {
    const run = await this.port.run(id);
    if (!run) throw new TrackingError('unknown-run', `No run ${id}.`);
    return run;
  }

  async deleteRun(id: string, restore = false): Promise<void> {
    const run = await this.getRun(id);
    run.deletedAt = restore ? null : this.#now();
    await this.port.putRun(run);
  }

  /** Runs of the current (or every) experiment matching an MLflow filter, ordered. */
  async searchRuns(
    filter = '',
    orderBy?: string[],
    options: { allExperiments?: boolean } = {},
  ): Promise<Run[]> {
    const experimentId = options.allExperiments ? undefined : this.#experiment?.id;
    return searchRuns(await this.port.runs(experimentId), filter, orderBy);
  }

  metricHistory(runId: string, key: string): Promise<MetricPoint[]> {
    return this.port.metricHistory(runId, key);
  }
}

/**
 * Runs a lesson's kernel left RUNNING when it was interrupted or restarted (its worker, and any
 * training worker it started, are gone): marked KILLED with the reason, so none stays "running".
 */
export async function killRunsOf(
  port: TrackingPort,
  lessonId: string,
  reason: string,
  now = Date.now(),
): Promise<number> {
  const orphans = (await port.runs()).filter(
    (r) => r.status === 'RUNNING' && r.source.lessonId === lessonId,
  );
  for (const run of orphans)
    await port.putRun({
      ...run,
      status: 'KILLED',
      endTime: now,
      tags: { ...run.tags, 'labbook.stopped': reason },
    });
  return orphans.length;
}
