import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/data/random';
import { monitorTraffic, type Reference } from '../../../src/lib/monitoring/traffic';
import type { RequestRecord } from '../../../src/lib/serving';

const inputs = [
  { name: 'x', type: 'double' as const },
  { name: 'g', type: 'string' as const },
];
const rng = createRng(7);
const model = (x: number) => 2 * x + 1;

function reference(n = 600): Reference {
  const x = Float64Array.from({ length: n }, () => rng.normal(0, 1));
  return {
    frame: { x, g: Array.from({ length: n }, () => (rng.chance(0.5) ? 'a' : 'b')) },
    predictions: x.map(model),
    mae: 0.5,
  };
}

/** Requests at 1 per ms from t0; `truth` maps x to the label; labels arrive `delay` ms later. */
function traffic(
  n: number,
  shift: number,
  truth: (x: number) => number,
  delay: number,
  t0 = 0,
): RequestRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const x = rng.normal(shift, 1);
    const at = t0 + i;
    return {
      id: `r${t0 + i}`,
      endpoint: 'e',
      at,
      method: 'POST',
      path: 'v1/models/e/predict',
      pattern: 'sync',
      status: 200,
      latencyMs: 1,
      routingMs: 0,
      variant: 'single',
      version: 1,
      shadowOf: null,
      key: 'k',
      rows: 1,
      inputs: [{ x, g: rng.chance(0.5) ? 'a' : 'b' }],
      predictions: [model(x)],
      error: null,
      label: truth(x) + rng.normal(0, 0.6),
      labelAt: at + delay,
      disagreement: null,
    };
  });
}

describe('monitoring served traffic', () => {
  it('sees covariate drift in the inputs and predictions, without labels', () => {
    const ref = reference();
    const windows = monitorTraffic(
      ref,
      [...traffic(200, 0, model, 1e9), ...traffic(200, 1.5, model, 1e9, 200)],
      {
        inputs,
        windowSize: 200,
        asOf: 400,
        alerts: { minLabelled: 20 },
      },
    );
    expect(windows).toHaveLength(2);
    expect(windows[0]!.drift.columns.find((c) => c.column === 'x')!.drifted).toBe(false);
    expect(windows[1]!.drift.columns.find((c) => c.column === 'x')!.drifted).toBe(true);
    expect(windows[1]!.predictionDrift!.drifted).toBe(true);
    // Labels are a year away: no performance to judge yet.
    expect(windows[1]!.performance).toBeNull();
    expect(windows[1]!.alerts.map((a) => a.kind)).toContain('prediction-drift');
  });

  it('sees concept drift only in performance, and only once the labels have arrived', () => {
    const ref = reference();
    const changed = (x: number) => -2 * x + 1; // same inputs, a different relation
    const records = traffic(300, 0, changed, 500);
    const early = monitorTraffic(ref, records, { inputs, windowSize: 300, asOf: 300 });
    expect(early[0]!.drift.columns.some((c) => c.drifted)).toBe(false);
    expect(early[0]!.predictionDrift!.drifted).toBe(false);
    expect(early[0]!.performance).toBeNull();
    expect(early[0]!.alerts).toEqual([]);
    const late = monitorTraffic(ref, records, { inputs, windowSize: 300, asOf: 2000 });
    expect(late[0]!.performance!.labelled).toBe(300);
    expect(late[0]!.performance!.mae).toBeGreaterThan(1);
    expect(late[0]!.alerts.map((a) => [a.kind, a.family])).toEqual([
      ['performance', 'statistical'],
    ]);
  });

  it('slides windows by a step, and refuses nonsense sizes', () => {
    const records = traffic(300, 0, model, 0);
    const windows = monitorTraffic(reference(), records, {
      inputs,
      windowSize: 100,
      step: 50,
      asOf: 1e9,
    });
    expect(windows.map((w) => [w.start, w.requests])).toEqual(
      [0, 50, 100, 150, 200].map((s) => [s, 100]),
    );
    expect(() =>
      monitorTraffic(reference(), records, { inputs, windowSize: 100, step: 0, asOf: 0 }),
    ).toThrow(/step must be/);
    expect(() => monitorTraffic(reference(), records, { inputs, windowSize: 1, asOf: 0 })).toThrow(
      /windowSize must be/,
    );
  });

  it('reports a window where every request failed by its errors alone', () => {
    const failed = traffic(50, 0, model, 0).map((r) => ({ ...r, status: 500, predictions: [] }));
    const [w] = monitorTraffic(reference(), failed, { inputs, windowSize: 50, asOf: 1e9 });
    expect(w!.drift.numberOfColumns).toBe(0);
    expect(w!.predictionDrift).toBeNull();
    expect(w!.meanPrediction).toBeNull();
    expect(w!.alerts.map((a) => a.kind)).toEqual(['errors']);
  });

  it('raises computational alerts for latency and errors', () => {
    const ref = reference();
    const records = traffic(100, 0, model, 0).map((r, i) => ({
      ...r,
      latencyMs: 400,
      status: i % 5 === 0 ? 500 : 200,
    }));
    const [w] = monitorTraffic(ref, records, {
      inputs,
      windowSize: 100,
      asOf: 1e9,
      alerts: { p95Ms: 250, errorRate: 0.05 },
    });
    expect(w!.alerts.filter((a) => a.family === 'computational').map((a) => a.kind)).toEqual([
      'latency',
      'errors',
    ]);
  });

  it('leaves refused requests (logged with bad inputs, or none) out of drift and performance', () => {
    const ref = reference();
    const ok = traffic(200, 0, model, 0);
    const refused: RequestRecord[] = ok.slice(0, 50).flatMap((r, i) => [
      // A 422: the row that came, unusable as an input; a 415: refused before any row was read.
      { ...r, id: `bad${i}`, status: 422, inputs: [{ x: 'two', g: null }], predictions: [] },
      { ...r, id: `type${i}`, status: 415, rows: 0, inputs: [], predictions: [], label: null },
    ]);
    const options = { inputs, asOf: 1e9, alerts: { minLabelled: 20 } };
    const [alone] = monitorTraffic(ref, ok, { ...options, windowSize: 200 });
    const [mixed] = monitorTraffic(ref, [...ok, ...refused], { ...options, windowSize: 250 });
    expect(mixed!.drift.columns).toEqual(alone!.drift.columns);
    expect(mixed!.predictionDrift).toEqual(alone!.predictionDrift);
    expect(mixed!.performance).toEqual(alone!.performance);
    // A client's mistake is not the server failing.
    expect(mixed!.errorRate).toBe(0);
  });

  it('measures throughput per window over its span, and alerts when traffic drops', () => {
    // 100 requests 1 ms apart (99 ms), then 100 requests 20 ms apart (1.98 s).
    const fast = traffic(100, 0, model, 0);
    const slow = traffic(100, 0, model, 0, 1000).map((r, i) => ({ ...r, at: 1000 + 20 * i }));
    const windows = monitorTraffic(reference(), [...fast, ...slow], {
      inputs,
      windowSize: 100,
      asOf: 1e9,
      alerts: { minThroughput: 200 },
    });
    expect(windows.map((w) => w.throughput)).toEqual([100 / 0.099, 100 / 1.98]);
    expect(windows.map((w) => w.alerts.map((a) => a.kind))).toEqual([[], ['throughput']]);
    expect(windows[1]!.alerts[0]!.family).toBe('computational');
    // Off by default: a drop alone raises nothing.
    const quiet = monitorTraffic(reference(), [...fast, ...slow], {
      inputs,
      windowSize: 100,
      asOf: 1e9,
    });
    expect(quiet.flatMap((w) => w.alerts)).toEqual([]);
  });
});
