import { dexieTrackingPort } from '../lib/store/tracking-port';
import {
  exportMlflowZip,
  labelPoints,
  metricKeys,
  paramKeys,
  searchRuns,
  type Experiment,
  type MetricPoint,
  type Run,
  type TrackingPort,
} from '../lib/tracking';
import { workspace } from './workspace.svelte';

/**
 * The Runs page: experiments, the MLflow filter, sorting, selection. Runs are metadata rows,
 * small enough to search on the page; metric histories load per selected run.
 */
export class RunsView {
  experiments = $state<Experiment[]>([]);
  experimentId = $state<string>('');
  all = $state<Run[]>([]);
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
      return { list: searchRuns(visible, this.filter, [this.orderBy]), error: null };
    } catch (error) {
      return { list: [] as Run[], error: (error as Error).message };
    }
  });

  readonly metricKeys = $derived(metricKeys(this.runs.list));
  readonly paramKeys = $derived(paramKeys(this.runs.list));

  async load(): Promise<void> {
    try {
      const port = await this.#port;
      this.experiments = await port.experiments();
      this.all = await port.runs();
      if (!this.experimentId && this.experiments.length === 1)
        this.experimentId = this.experiments[0]!.id;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  sortBy(term: string): void {
    const [current, direction] = this.orderBy.split(' ');
    this.orderBy = `${term} ${current === term && direction === 'ASC' ? 'DESC' : 'ASC'}`;
  }

  toggle(id: string): void {
    this.selected = this.selected.includes(id)
      ? this.selected.filter((s) => s !== id)
      : [...this.selected, id];
  }

  async history(key: string): Promise<(MetricPoint & { run: string })[]> {
    const port = await this.#port;
    const lists = await Promise.all(this.selected.map((id) => port.metricHistory(id, key)));
    return labelPoints(this.all, lists.flat());
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
      const bytes = await exportMlflowZip(await this.#port, {
        ...(experiment ? { experiments: [experiment.name] } : {}),
      });
      if (this.mlflowZip) URL.revokeObjectURL(this.mlflowZip.url);
      this.mlflowZip = {
        url: URL.createObjectURL(
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        ),
        name: `mlruns-${experiment?.name ?? 'all'}.zip`.replace(/[^\w.-]+/g, '-'),
      };
    } catch (error) {
      this.error = (error as Error).message;
    }
  }
}
