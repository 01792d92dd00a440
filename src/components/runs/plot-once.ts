import { nextTask } from './next-task';

type PlotModule = typeof import('@observablehq/plot');

/**
 * A Svelte action for a chart drawn once: Plot loads with the first chart, the chart is built in
 * a task of its own (the table and the click that opened the comparison paint first), and it goes
 * with its node.
 */
export function plotOnce(node: HTMLElement, build: (Plot: PlotModule) => Element) {
  let current: Element | undefined;
  let gone = false;
  void import('@observablehq/plot').then(async (Plot) => {
    await nextTask();
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
