import { addRegisteredModels } from '../lib/registry/mlflow-models';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { downloadBlob } from '../lib/pwa/download';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import {
  mlflowStore,
  zipMlflowStore,
  failRunsOfGoneKernels,
  metricKeys,
  paramKeys,
  searchRuns,
  tagKeys,
  type MetricField,
  type Experiment,
  type Run,
  type TrackingPort,
} from '../lib/tracking';
import { idSet } from './id-set';
import { workspace } from './workspace.svelte';

/**
 * The Runs page: experiments, the MLflow filter, sorting, selection. Runs are metadata rows,
 * small enough to search on the page; metric histories load per selected run.
 */
export class RunsView {
  // Raw: each load replaces them whole and nothing edits a run in place, so deep proxies over
  // 1,000 runs' fields would only slow every search and sort down.
  experiments = $state.raw<Experiment[]>([]);
  all = $state.raw<Run[]>([]);
  experimentId = $state<string>('');
  filter = $state('');
  orderBy = $state('start_time DESC');
  selected = $state<string[]>([]);
  showDeleted = $state(false);
  error = $state<string | null>(null);
  /** A prepared MLflow zip of the chosen experiment (or all), ready to download. */
  mlflowZip = $state<{ url: string; name: string } | null>(null);
  #port: Promise<TrackingPort> = workspace.store.then((db) => dexieTrackingPort(db));

  readonly runs = $derived.by(() => {
    try {
      const inExperiment = this.all.filter(
        (r) => !this.experimentId || r.experimentId === this.experimentId,
      );
      const visible = this.showDeleted
        ? inExperiment.map((r) => ({ ...r, deletedAt: null }))
        : inExperiment;
      // Sorted by the metric value the table shows (last, min or max); filters use the last, as MLflow.
      const list = searchRuns(visible, this.filter, [this.orderBy], {
        metricField: this.metricValue,
      });
      return { list, error: null };
    } catch (error) {
      return { list: [] as Run[], error: (error as Error).message };
    }
  });

  readonly allMetricKeys = $derived(metricKeys(this.runs.list));
  readonly allParamKeys = $derived(paramKeys(this.runs.list));
  readonly allTagKeys = $derived(tagKeys(this.runs.list));
  /** Metric and parameter columns the student hid (`metrics.x`, `params.y`): all show at first. */
  hidden = $state<string[]>([]);
  /** Tag columns the student chose (`tags.backend`): none at first, runs carry many tags. */
  shownTags = $state<string[]>([]);
  /** Which value of each metric the table shows: the last logged, or the min or max over steps. */
  metricValue = $state<MetricField>('value');
  readonly hiddenIds = $derived(idSet(this.hidden));
  readonly shownTagIds = $derived(idSet(this.shownTags));
  readonly tagKeys = $derived(this.allTagKeys.filter((k) => this.shownTagIds.has(`tags.${k}`)));
  readonly metricKeys = $derived(
    this.allMetricKeys.filter((k) => !this.hiddenIds.has(`metrics.${k}`)),
  );
  readonly paramKeys = $derived(
    this.allParamKeys.filter((k) => !this.hiddenIds.has(`params.${k}`)),
  );

  isShown(column: string): boolean {
    return column.startsWith('tags.') ? this.shownTagIds.has(column) : !this.hiddenIds.has(column);
  }

  toggleColumn(column: string): void {
    const flip = (list: string[]) =>
      list.includes(column) ? list.filter((c) => c !== column) : [...list, column];
    if (column.startsWith('tags.')) this.shownTags = flip(this.shownTags);
    else this.hidden = flip(this.hidden);
  }

  async load(): Promise<void> {
    try {
      const port = await this.#port;
      this.experiments = await port.experiments();
      const all = await port.runs();
      // Usually none: runs whose kernel crashed with its tab, now marked FAILED.
      const failed = await failRunsOfGoneKernels(port, all);
      this.all = all.map((r) => failed.find((f) => f.id === r.id) ?? r);
      if (!this.experimentId && this.experiments.length === 1)
        this.experimentId = this.experiments[0]!.id;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #generation = 0;

  /**
   * Loads the runs and, while any is RUNNING, reloads them every `everyMs`: statuses and metrics
   * change as a lesson trains. Run rows are small, so a reload is one read of the runs table.
   */
  async watch(everyMs = 2000): Promise<void> {
    clearTimeout(this.#timer);
    // A Refresh click during a poll's read starts a new chain; the older one ends here.
    const generation = ++this.#generation;
    await this.load();
    if (this.#stopped || generation !== this.#generation) return;
    if (this.all.some((r) => r.status === 'RUNNING'))
      this.#timer = setTimeout(() => void this.watch(everyMs), everyMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  sortBy(term: string): void {
    const [current, direction] = this.orderBy.split(' ');
    this.orderBy = `${term} ${current === term && direction === 'ASC' ? 'DESC' : 'ASC'}`;
  }

  /** Ids of deleted runs, so each row's check is a lookup, not a search of every run. */
  readonly deletedIds = $derived(idSet(this.all.filter((r) => r.deletedAt).map((r) => r.id)));
  readonly selectedIds = $derived(idSet(this.selected));
  readonly allShownSelected = $derived(
    this.runs.list.length > 0 && this.runs.list.every((r) => this.selectedIds.has(r.id)),
  );

  /** Selects every run the filter shows (or clears the selection when all are selected). */
  toggleAllShown(): void {
    this.selected = this.allShownSelected ? [] : this.runs.list.map((r) => r.id);
  }

  toggle(id: string): void {
    this.selected = this.selected.includes(id)
      ? this.selected.filter((s) => s !== id)
      : [...this.selected, id];
  }

  async setDeleted(id: string, deleted: boolean): Promise<void> {
    const port = await this.#port;
    const run = await port.run(id);
    if (!run) return;
    await port.putRun({ ...run, deletedAt: deleted ? Date.now() : null });
    await this.load();
  }

  async exportMlflow(): Promise<void> {
    try {
      const experiment = this.experiments.find((e) => e.id === this.experimentId);
      const store = await mlflowStore(await this.#port, {
        ...(experiment ? { experiments: [experiment.name] } : {}),
      });
      await addRegisteredModels(store, dexieRegistryPort(await workspace.store));
      const bytes = zipMlflowStore(store);
      if (this.mlflowZip) URL.revokeObjectURL(this.mlflowZip.url);
      this.mlflowZip = {
        url: URL.createObjectURL(downloadBlob([bytes as Uint8Array<ArrayBuffer>])),
        name: `mlruns-${experiment?.name ?? 'all'}.zip`.replace(/[^\w.-]+/g, '-'),
      };
    } catch (error) {
      this.error = (error as Error).message;
    }
  }
}
