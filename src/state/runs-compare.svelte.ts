import { compareRows, shownRows } from '../lib/tracking/compare-table';
import { defaultChart, primaryMetric, type CompareChart } from '../lib/tracking/compare-primary';
import { compareBridge, type HistoriesReply } from '../bridges/compare-bridge';
import type { Run } from '../lib/tracking';
import type { RunsView } from './runs.svelte';

/** A chart's plot area is about this wide: no line needs more points than it has pixels. */
export const CHART_WIDTH = 720;
/** Up to this many runs the page also gets every point: a table lists their values at a step. */
export const STEP_TABLE_RUNS = 50;

/**
 * The comparison of the selected runs, as MLflow's compare view: their parameters and metrics
 * side by side with differences marked, and a chart of the primary metric from the start.
 */
export class RunsCompare {
  /** The metric the student picked; '' follows the primary metric. */
  picked = $state('');
  /** The chart the student picked; '' follows the default for the number of runs. */
  pickedChart = $state<CompareChart | ''>('');
  onlyDifferences = $state(false);
  /** The selected runs' histories of `metric`, read as the comparison opens, for the history chart. */
  histories = $state.raw<(HistoriesReply & { key: string }) | null>(null);
  error = $state<string | null>(null);
  readonly #view: RunsView;

  constructor(view: RunsView) {
    this.#view = view;
  }

  readonly runs: Run[] = $derived.by(() => {
    const ids = this.#view.selectedIds;
    return this.#view.runs.list.filter((r) => ids.has(r.id));
  });
  readonly primary = $derived.by(() => primaryMetric(this.runs, this.#view.orderBy));
  readonly metric = $derived(
    this.picked && this.runs.some((r) => Object.hasOwn(r.metrics, this.picked))
      ? this.picked
      : (this.primary?.key ?? ''),
  );
  readonly chart = $derived(this.pickedChart || defaultChart(this.runs.length));
  readonly rows = $derived.by(() => compareRows(this.runs, this.#view.metricValue));
  readonly shownRows = $derived(shownRows(this.rows, this.onlyDifferences));
  readonly differing = $derived(this.rows.filter((r) => r.differs).length);

  /** What the histories in hand or being read are of: the metric and the runs, in order. */
  #reading = '';
  #generation = 0;

  /**
   * Reads the shown runs' histories of the metric and packs them for the chart, in the compare
   * worker. Called for the history chart, and ahead of it once another chart is drawn: a history
   * chart picked a moment later finds the read done or under way. Asking
   * again for the same metric and runs reads nothing; a call for another supersedes one still
   * reading.
   */
  async loadHistories(): Promise<void> {
    const key = this.metric;
    const runs = this.runs;
    const reading = `${key}\n${runs.map((r) => r.id).join(',')}`;
    if (reading === this.#reading) return;
    this.#reading = reading;
    const generation = ++this.#generation;
    if (!key || runs.length === 0) {
      this.histories = null;
      return;
    }
    try {
      const reply = await compareBridge().histories(
        runs.map((r) => ({ id: r.id, name: r.name })),
        key,
        CHART_WIDTH,
        runs.length <= STEP_TABLE_RUNS,
      );
      if (generation !== this.#generation) return;
      this.histories = { key, ...reply };
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      // Asked again, the same runs are read again: a crashed worker is restarted by the call.
      this.#reading = '';
      this.error = (error as Error).message;
    }
  }
}
