import { describe, expect, it } from 'vitest';
import { categorical, createRng, sfc32 } from '../../../src/lib/data/random';

describe('seeded random numbers', () => {
  it('replays the same stream for the same seed and differs for another seed', () => {
    const a = sfc32(42);
    const b = sfc32(42);
    const c = sfc32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('gives uniforms in [0, 1) and integers in range', () => {
    const rng = createRng(1);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = rng.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
  });

  it('normal draws have the asked mean and sd', () => {
    const rng = createRng(7);
    const xs = Array.from({ length: 50_000 }, () => rng.normal(2, 3));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(3, 1);
  });

  it('categorical follows its weights and rejects bad ones', () => {
    const rng = createRng(3);
    const pick = categorical([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[pick(rng)]!++;
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / 40_000).toBeCloseTo(0.75, 1);
    expect(() => categorical([0, 0])).toThrow(/sum to 0/);
    expect(() => categorical([1, -1])).toThrow(/≥ 0/);
  });
});
