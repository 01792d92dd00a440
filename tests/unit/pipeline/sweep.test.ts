import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/lib/lab';
import { expandSweep, runQueued, type Trial } from '../../../src/lib/pipeline';
import { useNodeServices } from '../lab/node-services';

const BASE = `
name: diabetes-ridge
random_state: 42
data:
  dataset: diabetes
  split: course
features:
  target: target
  scale: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
  kind: ridge
  alpha: 1
metrics: [mse]
`;

describe('sweeps', () => {
  it('expands a grid into every combination, each a checked config', () => {
    const trials = expandSweep(BASE, {
      grid: { 'model.alpha': [0.1, 1, 10], 'features.scale': [['bmi'], ['bmi', 'ltg']] },
    });
    expect(trials).toHaveLength(6);
    expect(trials.map((t) => t.config.model.alpha)).toEqual([0.1, 0.1, 1, 1, 10, 10]);
    expect(trials[1]!.config.features.scale).toEqual(['bmi', 'ltg']);
    expect(trials[1]!.config.name).toBe('diabetes-ridge [alpha=0.1 scale=bmi+ltg]');
    expect(new Set(trials.map((t) => t.config.experiment))).toEqual(new Set(['diabetes-ridge']));
    expect(() => expandSweep(BASE, { grid: { 'model.alpha': [1, -2] } })).toThrow(
      /sweep trial 2 \(alpha=-2\)[\s\S]*model.alpha/,
    );
  });

  it('draws random trials from seeded, log-uniform ranges', () => {
    const spec = {
      random: { 'model.alpha': { min: 0.001, max: 100, log: true } },
      trials: 20,
      seed: 3,
    };
    const a = expandSweep(BASE, spec).map((t) => t.config.model.alpha!);
    expect(expandSweep(BASE, spec).map((t) => t.config.model.alpha)).toEqual(a);
    expect(a.every((v) => v >= 0.001 && v <= 100)).toBe(true);
    // Log-uniform: about half the draws below the geometric middle (0.316).
    const below = a.filter((v) => v < 0.316).length;
    expect(below).toBeGreaterThan(4);
    expect(below).toBeLessThan(16);
  });

  it('queues trials on a fixed number of lanes and keeps failures as outcomes', async () => {
    let running = 0;
    let peak = 0;
    const trials = expandSweep(BASE, { grid: { 'model.alpha': [1, 2, 3, 4, 5] } });
    const outcomes = await runQueued(trials, 2, async (t: Trial) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5 * (5 - t.index)));
      running--;
      if (t.index === 3) throw new Error('boom');
      return t.index;
    });
    expect(peak).toBe(2);
    expect(outcomes.map((o) => o.result ?? o.error?.message)).toEqual([0, 1, 2, 'boom', 4]);
  });

  it('runs a sweep from a cell: one tagged run per trial, compared in a table', async () => {
    const services = useNodeServices();
    const lab = createLab({ display: () => {} }) as {
      pipeline: {
        sweep: (yaml: string, spec: unknown) => Promise<{ objects(): Record<string, unknown>[] }>;
      };
    };
    const table = await lab.pipeline.sweep(BASE, { grid: { 'model.alpha': [0.01, 10_000] } });
    const rows = table.objects();
    expect(rows.map((r) => r['model.alpha'])).toEqual([0.01, 10_000]);
    // Heavy shrinkage pulls every weight towards 0: a much worse test error.
    expect((rows[0]!.test_mse as number) < (rows[1]!.test_mse as number)).toBe(true);
    const runs = await services.tracking.runs();
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((r) => r.tags.sweep)).size).toBe(1);
    expect(runs.map((r) => r.tags['sweep.trial']).sort()).toEqual(['1', '2']);
  });
});
