import { parseHTML } from 'linkedom';

/**
 * A DOM for Observable Plot in Node: Plot draws with `window.document` when it is given none,
 * so the page's own chart functions run unchanged.
 */
export function installDom(): () => void {
  const { window } = parseHTML('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  const saved = { window: g.window, document: g.document };
  g.window = window;
  g.document = window.document;
  return () => {
    g.window = saved.window;
    g.document = saved.document;
  };
}

/** The figure's SVG text (Plot wraps a chart with a legend or title in a <figure>). */
export const svgOf = (element: Element): string => element.outerHTML;
