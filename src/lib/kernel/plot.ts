import * as PlotModule from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Observable Plot needs a DOM; a worker has none, so charts are built in linkedom's document and
 * sent to the page as SVG/HTML text. Students call Plot exactly as documented.
 */
const dom = parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as {
  document: PlotModule.PlotOptions['document'];
};

export function plot(options: PlotModule.PlotOptions = {}) {
  return PlotModule.plot({ document: dom.document, ...options });
}

const markPrototype = PlotModule.Mark.prototype as unknown as {
  plot(options?: PlotModule.PlotOptions): unknown;
};
markPrototype.plot = function (this: PlotModule.Markish, { marks = [], ...options } = {}) {
  return plot({ ...options, marks: [...(marks as PlotModule.Markish[]), this] });
};

export * from '@observablehq/plot';
