import { describe, expect, it } from 'vitest';
import { loadTest, type Deployment } from '../../../src/lib/serving';
import { ROUTE_BATCH, routingCost } from '../../../src/lib/serving/load-test';
import { rows, servingFixture } from './fixture';

const canary: Deployment = {
  strategy: 'canary',
  stable: 1,
  canary: 3,
  percent: 10,
  plan: [10, 100],
  autoAdvance: null,
  rollback: {
    maxErrorRate: 1,
    maxP95Ms: 250,
    maxLabelErrorRatio: null,
    minRequests: 20,
    window: 200,
  },
};

describe('load test', () => {
  it('times routing per call over batches, so a clock in 0.1 ms steps still resolves it', () => {
    // The clock of a page that is not cross-origin isolated.
    const coarse = () => Math.floor(performance.now() * 10) / 10;
    const perCall = routingCost(canary, 5000, coarse);
    expect(perCall).toHaveLength(200);
    // A single call on this clock reads 0 or 0.1 ms; a batch's share is a multiple of 0.1 µs.
    const [p99] = [...perCall].sort((a, b) => a - b).slice(-2);
    expect(p99).toBeGreaterThan(0);
    expect(p99).toBeLessThan(0.1);
    for (const t of perCall)
      expect(Math.round(t * ROUTE_BATCH * 10) / 10).toBeCloseTo(t * ROUTE_BATCH, 9);
  });

  it('sends one-row requests through the API and reports throughput, latency and the split', async () => {
    const { control, router, port } = await servingFixture();
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 3,
      percent: 10,
    });
    const result = await loadTest(
      'toy',
      rows,
      { requests: 400, concurrency: 4, users: 400 },
      (req) => router.handle(req),
      (await port.endpoint('toy'))!.deployment,
    );
    expect(result.errors).toBe(0);
    expect(result.byVariant['stable v1']! + result.byVariant['canary v3']!).toBe(400);
    expect(result.byVariant['canary v3']).toBeGreaterThan(10);
    expect(result.byVariant['canary v3']).toBeLessThan(80);
    expect(result.routingP99Ms).toBeGreaterThan(0);
  });
});
