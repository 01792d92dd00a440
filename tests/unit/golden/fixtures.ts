import { alertRulesSchema } from '../../../src/lib/monitoring/traffic/alerts';
import type { SeriesPoint } from '../../../src/lib/serving';
import type { MonitoredWindow, MonitorView } from '../../../src/workers/monitoring.worker';

/** The pinned "now" of the golden charts (2026-01-05 12:00 UTC). */
export const NOW = Date.UTC(2026, 0, 5, 12);

/**
 * A minute of a canary rollout, one bucket a second: the stable serves most requests, the canary
 * a fifth, slower and with a few errors; labels arrive for the second half. Made by formula, so
 * the goldens need no seed.
 */
export function liveSeries(): SeriesPoint[] {
  return Array.from({ length: 60 }, (_, s) => {
    const t = NOW - 60_000 + s * 1000;
    const wave = Math.sin(s / 6);
    const point = (variant: 'stable' | 'canary', version: number, share: number, slow: number) => ({
      t,
      variant,
      version,
      requests: Math.round(10 * share),
      errors: variant === 'canary' && s % 15 === 7 ? 1 : 0,
      errorRate: variant === 'canary' && s % 15 === 7 ? 0.5 : 0,
      p50Ms: 8 * slow + 2 * wave,
      p95Ms: 20 * slow + 4 * wave,
      throughput: 10 * share + wave,
      meanPrediction: 150 + 20 * wave + (variant === 'canary' ? 12 : 0),
      labelled: s >= 30 ? 3 : 0,
      mae: s >= 30 ? 42 + 5 * wave + (variant === 'canary' ? 6 : 0) : null,
      meanDisagreement: null,
    });
    return [point('stable', 1, 0.8, 1), point('canary', 2, 0.2, 1.6)];
  }).flat();
}

/** Recent predictions per variant for the histogram. */
export function livePredictions() {
  return Array.from({ length: 120 }, (_, i) => ({
    variant: i % 5 === 0 ? 'canary v2' : 'stable v1',
    prediction: 100 + ((i * 37) % 101) + (i % 5 === 0 ? 20 : 0),
  }));
}

const FEATURES = ['age', 'bmi', 'bp', 's5'];

/**
 * Eight windows of 100 requests: inputs calm for four windows, then bmi and s5 drift; the
 * predictions follow; labels are known for the first six; latency and errors rise at the end.
 */
export function monitorView(): MonitorView {
  const rules = alertRulesSchema.parse({ minThroughput: 2 });
  const windows: MonitoredWindow[] = Array.from({ length: 8 }, (_, index) => {
    const late = index >= 4;
    const features = FEATURES.map((column, j) => {
      const drifted = late && (column === 'bmi' || column === 's5');
      const score = drifted ? 0.001 * (j + 1) : 0.2 + 0.1 * j + 0.05 * index;
      return {
        column,
        test: 'K-S p_value',
        score,
        threshold: 0.05,
        drifted,
        strength: drifted ? 2 + index / 8 : 0.25 + 0.1 * j,
      };
    });
    const drifted = features.filter((f) => f.drifted).length;
    const meanPrediction = 152 + (late ? 18 + 2 * index : index);
    return {
      index,
      start: NOW - (8 - index) * 100_000,
      end: NOW - (7 - index) * 100_000,
      requests: 100,
      driftedInputs: drifted,
      shareOfDriftedColumns: drifted / FEATURES.length,
      datasetDrift: drifted / FEATURES.length >= 0.5,
      features,
      prediction: {
        column: 'prediction',
        test: 'K-S p_value',
        score: late ? 0.002 : 0.4,
        threshold: 0.05,
        drifted: late,
        strength: late ? 2.5 : 0.3,
      },
      meanPrediction,
      labelled: index < 6 ? 40 : 5,
      performance:
        index < 6 ? { labelled: 40, mae: 44 + (late ? 14 : 0) + index, rmse: 55 + index } : null,
      latency: { p50Ms: 30 + index, p95Ms: index === 7 ? 310 : 120 + 10 * index },
      errorRate: index === 6 ? 0.08 : 0.01,
      throughput: index === 5 ? 1.5 : 3 + (index % 3) / 2,
      alerts: [],
    };
  });
  return {
    endpoint: 'diabetes',
    kind: 'endpoint',
    model: 'diabetes',
    version: 3,
    deployment: 'v3',
    reference: {
      id: 'sha256-fixture',
      name: 'diabetes',
      mae: 43.2,
      meanPrediction: 151.4,
      kind: 'training',
      rows: 353,
      versionRows: 442,
      split: 'course',
      maeOn: 'test',
      maeRows: 89,
    },
    features: FEATURES,
    windowSize: 100,
    step: 100,
    driftShare: 0.5,
    asOf: NOW,
    rules,
    traffic: {
      requests: 800,
      first: windows[0]!.start,
      last: windows.at(-1)!.end,
      labelledAsOf: 250,
      labelledNow: 250,
      lastLabelAt: NOW - 300_000,
      pending: 0,
    },
    windows,
    alerts: [],
  };
}
