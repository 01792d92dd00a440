export type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | undefined;

/** Observable Plot, loaded with the first chart (it stays out of the first page load). */
export const loadPlot = () => (plotModule ??= import('@observablehq/plot'));
