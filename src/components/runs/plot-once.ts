import { loadPlot, type PlotModule } from '../charts/load-plot';
import { nextTask } from './next-task';
import { whenIdle } from './when-idle';

/** A chart below the first one waits at most this long for an idle page. */
const IDLE_WAIT_MS = 1000;

const idle = (): Promise<void> => new Promise((resolve) => whenIdle(resolve, IDLE_WAIT_MS));

/**
 * A Svelte action for a chart drawn once: Plot loads with the first chart, the chart is built in
 * a task of its own (the table and the click that opened the comparison paint first), and it goes
 * with its node. `later`: built once the page is idle, for a chart further down that should not
 * hold up the first one (building 500 runs' parallel coordinates before their bars did).
 */
export function plotOnce(node: HTMLElement, build: (Plot: PlotModule) => Element, later = false) {
  let current: Element | undefined;
  let gone = false;
  void loadPlot().then(async (Plot) => {
    await (later ? idle() : nextTask());
    if (gone) return;
    current = build(Plot);
    node.append(current);
  });
  return {
    destroy: () => {
      gone = true;
      current?.remove();
    },
  };
}
