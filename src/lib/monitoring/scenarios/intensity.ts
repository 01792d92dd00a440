import { categorical, createRng } from '../../data/random';

/**
 * How strongly row i of n drifts, in [0, strength]. Rows before `start` (a share of the rows)
 * do not drift; after it, `sudden` jumps to full strength and `gradual` ramps up linearly,
 * reaching full strength at the last row — rows stand for time, as in a stream of requests.
 */
export function rowIntensity(
  i: number,
  n: number,
  opts: { strength: number; mode: 'sudden' | 'gradual'; start: number },
): number {
  const t = n > 1 ? i / (n - 1) : 1;
  if (t < opts.start) return 0;
  if (opts.mode === 'sudden') return opts.strength;
  return opts.strength * Math.min(1, (t - opts.start) / (1 - opts.start));
}

/**
 * Draws `rows` source rows: row i comes from the shifted distribution (source rows weighted by
 * `weights`, i.e. importance resampling) with probability intensity(i), else uniformly. So at
 * strength 1 the sample is all shifted and at strength s it is the mixture (1 - s)·P + s·Q.
 */
export function drawRows(
  sourceRows: number,
  rows: number,
  seed: number,
  intensity: (i: number) => number,
  weights?: Float64Array,
): Uint32Array {
  const rng = createRng(seed);
  const shifted = weights ? categorical(Array.from(weights)) : undefined;
  const index = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    const w = intensity(i);
    // Without weights (control, concept) no coin is tossed: the rows drawn for a seed are the
    // same at every strength, so concept drift at strength 0 is exactly the control sample.
    index[i] = shifted && w > 0 && rng.next() < w ? shifted(rng) : rng.int(0, sourceRows - 1);
  }
  return index;
}
