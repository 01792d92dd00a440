import * as Plot from '@observablehq/plot';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import {
  driftHeatmap,
  driftShareChart,
  errorRateSpec,
  latencySpec,
  maeChart,
  predictionChart,
  serviceChart,
  throughputSpec,
} from '../../../src/components/monitoring/monitor-plots';
import {
  colours,
  histogram,
  lineChart,
  LIVE_LINES,
  seriesLabel,
} from '../../../src/components/serving/live-plots';
import { expectGolden, normaliseSvg } from '../../golden/golden';
import { installDom, svgOf } from './dom';
import { livePredictions, liveSeries, monitorView, NOW } from './fixtures';

// The charts the Serving and Monitoring pages draw, from the pages' own chart functions and
// specs, as normalised SVG (tests/golden/*.svg; UPDATE_GOLDEN=1 rewrites them locally).
// The endpoint page's minute (WINDOW_MS in src/state/serving-endpoint.svelte.ts, a runes module
// Node cannot load without the Svelte compiler).
const WINDOW_MS = 60_000;

let restore: () => void;
beforeAll(() => {
  restore = installDom();
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterAll(() => {
  vi.useRealTimers();
  restore();
});

describe('Serving page: live charts of an endpoint', () => {
  const series = liveSeries();
  const predictions = livePredictions();
  const scale = colours([
    ...series.map((p) => seriesLabel(p.variant, p.version)),
    ...predictions.map((p) => p.variant),
  ]);
  const shown = LIVE_LINES.filter((l) => !l.when || l.when({ labelled: true, shadowed: false }));
  it.each(shown.map((l) => [l.title, l] as const))('%s', (title, line) => {
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/-$/, '');
    expectGolden(
      `serving-${slug}.svg`,
      normaliseSvg(svgOf(lineChart(Plot, series, line, scale, WINDOW_MS))),
    );
  });
  it('prediction histogram', () => {
    expectGolden(
      'serving-predictions.svg',
      normaliseSvg(svgOf(histogram(Plot, predictions, scale))),
    );
  });
});

describe('Monitoring page: windows of an endpoint', () => {
  const view = monitorView();
  const charts = {
    'drift-share': () => driftShareChart(Plot, view),
    'drift-heatmap': () => driftHeatmap(Plot, view),
    prediction: () => predictionChart(Plot, view),
    mae: () => maeChart(Plot, view),
    throughput: () => serviceChart(Plot, view, throughputSpec(view.rules)),
    latency: () => serviceChart(Plot, view, latencySpec(view.rules)),
    'error-rate': () => serviceChart(Plot, view, errorRateSpec(view.rules)),
  };
  it.each(Object.entries(charts))('%s', (name, render) => {
    expectGolden(`monitoring-${name}.svg`, normaliseSvg(svgOf(render())));
  });
});
