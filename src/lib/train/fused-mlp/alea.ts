/**
 * Alea, Johannes Baagøe's generator as the `seedrandom` package implements it (MIT): the stream
 * TF.js's seeded `randomUniform` draws from, so a fused network starts from the very weights a
 * TF.js `glorotUniform({ seed })` initialiser gives (tests/unit/train/fused-mlp compares them).
 */
function mash(): (data: string) => number {
  let n = 0xefc8249d;
  return (data) => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
}

/** Uniform in [0, 1) from a string seed, exactly as `seedrandom.alea(seed)`. */
export function alea(seed: string): () => number {
  const m = mash();
  let c = 1;
  let s0 = m(' ');
  let s1 = m(' ');
  let s2 = m(' ');
  s0 -= m(seed);
  if (s0 < 0) s0 += 1;
  s1 -= m(seed);
  if (s1 < 0) s1 += 1;
  s2 -= m(seed);
  if (s2 < 0) s2 += 1;
  return () => {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    return (s2 = t - (c = t | 0));
  };
}

/**
 * TF.js's `glorotUniform({ seed })` for a `[fanIn, fanOut]` kernel: uniform in ±√(6 / (fanIn +
 * fanOut)), drawn in row-major order and stored as float32 (the values are rounded as TF.js
 * rounds them, then kept as doubles).
 */
export function glorotUniform(fanIn: number, fanOut: number, seed: number): Float64Array {
  const limit = Math.sqrt(3 * (1 / Math.max(1, (fanIn + fanOut) / 2)));
  const random = alea(seed.toString());
  const out = new Float64Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(-limit + 2 * limit * random());
  return out;
}
