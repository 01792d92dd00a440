import { compareBridge } from '../../bridges/compare-bridge';
import { loadPlot } from '../charts/load-plot';
import { whenIdle } from './when-idle';

/** At most this long after the runs show, the page starts warming even if it stays busy. */
const IDLE_WAIT_MS = 500;

/**
 * The Runs page lists runs, so a comparison is likely next: once the page is idle, Plot loads and
 * the compare worker starts and opens its store. Opening a 500-run comparison then pays for
 * neither (a cold Plot chunk was a third of it; a cold worker most of the first history chart).
 * A failure here is not the student's concern yet: the chart that needs it reports it.
 */
export function warmCharts(): void {
  const warm = () => {
    void loadPlot().catch(() => undefined);
    compareBridge()
      .warm()
      .catch(() => undefined);
  };
  whenIdle(warm, IDLE_WAIT_MS);
}
