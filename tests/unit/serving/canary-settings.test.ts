import { describe, expect, it } from 'vitest';
import {
  nextStep,
  parseAutoAdvance,
  parsePlan,
} from '../../../src/components/serving/canary-settings';

describe('canary settings as typed on the page', () => {
  it('reads a ramp plan, sorted and without repeats, and names a bad step', () => {
    expect(parsePlan('50, 10 25;25 100%')).toEqual({ plan: [10, 25, 50, 100] });
    expect(parsePlan(' ')).toEqual({ error: expect.stringContaining('at least one step') });
    expect(parsePlan('10, 150')).toEqual({ error: expect.stringContaining('"150" is not a step') });
    expect(nextStep([10, 50, 100], 25)).toBe(50);
    expect(nextStep([10, 50], 50)).toBe(100);
  });

  it('reads the automatic ramp: blank steps by hand, else a whole number of requests', () => {
    expect(parseAutoAdvance('')).toEqual({ autoAdvance: null });
    expect(parseAutoAdvance(' 40 ')).toEqual({ autoAdvance: 40 });
    for (const bad of ['0', '-5', '2.5', 'ten'])
      expect(parseAutoAdvance(bad)).toEqual({ error: expect.stringContaining(`"${bad}"`) });
  });
});
