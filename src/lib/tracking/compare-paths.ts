import { linePath, seriesX, valueExtent, type MetricSeries } from './compare-series';
import type { MetricAxis } from './metric-axis';

/**
 * Paths are drawn in a box this many units wide and high, to a tenth of a unit: a resolution of
 * 1/10,000 of the plot area, finer than a pixel on any chart under 10,000 pixels.
 */
export const BOX_SPAN = 1000;

/** What a box of paths spans in data units: x on the chart's axis, and the metric's values. */
export interface PathBox {
  x0: number;
  /** The box's width in data units (1 when every point has the same x). */
  dx: number;
  y0: number;
  /** Its height in data units (1 when every value is the same). */
  dy: number;
}

/** Many runs' lines, ready to draw: a chart maps the box onto its scales with one transform. */
export interface BoxedPaths {
  box: PathBox;
  /** One SVG path per series, in the series' order, in box units with y growing upwards. */
  d: string[];
}

/** The box spanning every series on `axis`, or null when no series has a point. */
export function pathBox(series: MetricSeries[], axis: MetricAxis): PathBox | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const s of series) {
    const xs = seriesX(s, axis);
    if (xs.length === 0) continue;
    // Steps and times ascend within a series: its ends are its extremes.
    x0 = Math.min(x0, xs[0]!);
    x1 = Math.max(x1, xs[xs.length - 1]!);
  }
  const ys = valueExtent(series);
  if (!ys || x0 > x1) return null;
  return { x0, dx: x1 - x0 || 1, y0: ys[0], dy: ys[1] - ys[0] || 1 };
}

/** One series' path in `box` units. */
export function boxPath(series: MetricSeries, axis: MetricAxis, box: PathBox): string {
  const kx = BOX_SPAN / box.dx;
  const ky = BOX_SPAN / box.dy;
  return linePath(
    seriesX(series, axis),
    series.values,
    (v) => (v - box.x0) * kx,
    (v) => (v - box.y0) * ky,
  );
}

/**
 * Every series' path on `axis` in one box: built where the histories are read (the compare
 * worker), so the page only places them. Building 500 runs' paths through the chart's scales
 * took the page 60–90 ms of script.
 */
export function boxedPaths(series: MetricSeries[], axis: MetricAxis): BoxedPaths | null {
  const box = pathBox(series, axis);
  return box && { box, d: series.map((s) => boxPath(s, axis, box)) };
}

/**
 * The SVG transform that maps `box` onto a chart through its scales `x` and `y` (linear or
 * time: a straight line in data units stays one in pixels).
 */
export function boxTransform(
  box: PathBox,
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  const left = x(box.x0);
  const bottom = y(box.y0);
  const kx = (x(box.x0 + box.dx) - left) / BOX_SPAN;
  const ky = (y(box.y0 + box.dy) - bottom) / BOX_SPAN;
  return `translate(${left},${bottom}) scale(${kx},${ky})`;
}
