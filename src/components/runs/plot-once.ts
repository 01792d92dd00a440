import { loadPlot, type PlotModule } from '../charts/load-plot';
import { nextTask } from './next-task';
import { whenIdle } from './when-idle';

/** A chart below the first one waits at most this long for an idle page. */
const IDLE_WAIT_MS = 1000;

const idle = (): Promise<void> => new Promise((resolve) => whenIdle(resolve, IDLE_WAIT_MS));

/** How near the viewport a later chart's place must come before it is built. */
const NEAR = '200px';

/** Resolves once `node` comes within NEAR of the viewport; `stop` gives up on it. */
function nearView(node: Element): { near: Promise<void>; stop: () => void } {
  if (typeof IntersectionObserver !== 'function')
    return { near: Promise.resolve(), stop: () => {} };
  let seen: IntersectionObserver | undefined;
  const near = new Promise<void>((resolve) => {
    seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        seen!.disconnect();
        resolve();
      },
      { rootMargin: NEAR },
    );
    seen.observe(node);
  });
  return { near, stop: () => seen?.disconnect() };
}

/**
 * A Svelte action for a chart drawn once: Plot loads with the first chart, the chart is built in
 * a task of its own (the table and the click that opened the comparison paint first), and it goes
 * with its node. `later`: built once its place nears the viewport and the page is idle, for a
 * chart further down that should not hold up the first one (building 500 runs' parallel
 * coordinates took a task of 60–80 ms, whenever it came).
 */
export function plotOnce(node: HTMLElement, build: (Plot: PlotModule) => Element, later = false) {
  let current: Element | undefined;
  let gone = false;
  const seen = later ? nearView(node) : null;
  void loadPlot().then(async (Plot) => {
    if (seen) await seen.near;
    await (later ? idle() : nextTask());
    if (gone) return;
    current = build(Plot);
    node.append(current);
  });
  return {
    destroy: () => {
      gone = true;
      seen?.stop();
      current?.remove();
    },
  };
}
