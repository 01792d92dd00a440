import { expose, transfer } from 'comlink';
import { boxedPaths, type BoxedPaths } from '../lib/tracking/compare-paths';
import { metricSeries, type MetricSeries } from '../lib/tracking/compare-series';
import { columnPoints } from '../lib/tracking/metric-columns';
import type { MetricPoint, TrackingPort } from '../lib/tracking/types';

let port: Promise<TrackingPort> | undefined;
function tracking(): Promise<TrackingPort> {
  port ??= Promise.all([import('../lib/store/open'), import('../lib/store/tracking-port')]).then(
    async ([{ openStore }, { dexieTrackingPort }]) => dexieTrackingPort(await openStore()),
  );
  // A store that failed to open (blocked, newer database) is tried again on the next call.
  port.catch(() => (port = undefined));
  return port;
}

const api = {
  /** Loads the store's code and opens it, so the first chart of histories pays for neither. */
  async warm(): Promise<void> {
    await tracking();
  },

  /**
   * The runs' histories of metric `key`, read in one transaction and packed into columns,
   * downsampled to `maxPoints`; the columns move to the page without a copy. `withPoints` adds
   * the full point lists (a few runs: their values at any step). Reading 500 runs' 50,000 points
   * on the page cost it tasks of 80–100 ms in cloning the objects out of IndexedDB and collecting
   * them afterwards; here the page receives 1,500 typed arrays. The store keeps histories in
   * columns (metric-blocks.ts) and they stay columns to the chart: no object per point. `paths`:
   * each run's line by step (the chart's first axis), built here so the page only places them.
   */
  async histories(
    runs: { id: string; name: string }[],
    key: string,
    maxPoints: number,
    withPoints: boolean,
  ): Promise<{ series: MetricSeries[]; lists: MetricPoint[][] | null; paths: BoxedPaths | null }> {
    const histories = await (
      await tracking()
    ).metricHistories(
      runs.map((r) => r.id),
      key,
    );
    const series = metricSeries(histories, runs, maxPoints);
    const buffers = series.flatMap((s) => [s.steps.buffer, s.values.buffer, s.timestamps.buffer]);
    const paths = boxedPaths(series, 'step');
    const lists = withPoints ? histories.map(columnPoints) : null;
    return transfer({ series, lists, paths }, buffers);
  },
};

expose(api);
export type CompareWorkerApi = typeof api;
