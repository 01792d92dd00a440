/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's "small fast counting" generator,
 * from PractRand), seeded through splitmix32. The integer stream is pure 32-bit arithmetic, so it
 * is the same in every engine. The helpers use Math.log/sqrt/cos, which the spec lets engines
 * round differently in the last bit: output is byte-identical for a seed within one engine (the
 * shipped samples are checked in Node/V8); another engine may, rarely, differ in a last digit.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** Standard normal scaled: mean + sd * N(0, 1) (Box–Muller, one draw per call). */
  normal(mean?: number, sd?: number): number;
  /** exp(normal(mu, sigma)). */
  lognormal(mu: number, sigma: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Raw sfc32 stream of unsigned 32-bit integers. */
export function sfc32(seed: number): () => number {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = 1;
  const step = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) step();
  return step;
}

/** A seeded generator with the usual distribution helpers. `seed` is reduced to 32 bits. */
export function createRng(seed: number): Rng {
  const raw = sfc32(Math.trunc(seed) >>> 0);
  const next = (): number => raw() / 4294967296;
  const normal = (mean = 0, sd = 1): number => {
    const u = 1 - next(); // (0, 1]
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal,
    lognormal: (mu, sigma) => Math.exp(normal(mu, sigma)),
    chance: (p) => next() < p,
  };
}

/**
 * Categorical sampler over non-negative weights (need not sum to 1): cumulative table plus
 * binary search, O(log k) per draw. Returns the chosen index.
 */
export function categorical(weights: readonly number[]): (rng: Rng) => number {
  const cum = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0)) throw new RangeError(`categorical: weight ${i} is ${w}; weights must be ≥ 0.`);
    total += w;
    cum[i] = total;
  });
  if (!(total > 0)) throw new RangeError('categorical: weights sum to 0; give at least one > 0.');
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
