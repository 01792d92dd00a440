import { describe, expect, it } from 'vitest';
import { MAX_RATE, simulateTraffic, simulationIssues } from '../../../src/lib/serving';
import { servingFixture } from './fixture';

const fine = { rate: 50, requests: 10, users: 3, labelDelayMs: 100 };

describe('traffic simulator settings', () => {
  it('accepts sensible settings and names each bad field with what it must be', () => {
    expect(simulationIssues(fine)).toEqual({});
    expect(simulationIssues({ ...fine, labelDelayMs: null })).toEqual({});
    expect(simulationIssues({ ...fine, rate: MAX_RATE })).toEqual({});
    for (const rate of [0, -5, NaN, Infinity, MAX_RATE + 1, null, '' as unknown as number])
      expect(simulationIssues({ ...fine, rate: rate as number }).rate, String(rate)).toMatch(
        /rate must be a number of requests per second above 0 and at most 2000, got /,
      );
    expect(
      Object.keys(simulationIssues({ rate: 0, requests: 1.5, users: -1, labelDelayMs: NaN })),
    ).toEqual(['rate', 'requests', 'users', 'labelDelayMs']);
  });

  it('refuses a zero or NaN rate before sending anything, instead of spinning', async () => {
    const { router, catalog } = await servingFixture();
    let sent = 0;
    for (const rate of [0, NaN, -1]) {
      const run = simulateTraffic(
        { ...fine, endpoint: 'toy', dataset: 'diabetes', seed: 1, order: 'sequential', rate },
        {
          send: (req) => (sent++, router.handle(req)),
          catalog,
          inputs: [],
          target: 'target',
          sleep: async () => {},
        },
      );
      await expect(run).rejects.toThrow(/rate must be .* got (0|NaN|-1)\./);
    }
    expect(sent).toBe(0);
  });
});
