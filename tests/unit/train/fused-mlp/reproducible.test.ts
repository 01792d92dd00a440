import { expect, it } from 'vitest';
import { fitFusedMlp } from '../../../../src/lib/train/fused-mlp/train';
import { matrix } from '../../../../src/lib/train/matrix';
import { predictMlp } from '../../../../src/lib/train/mlp';

const n = 600;
const x = matrix(
  n,
  2,
  Float64Array.from({ length: 2 * n }, (_, k) => ((k * 53) % 97) / 24 - 2),
);
const y = Float64Array.from({ length: n }, (_, i) => Math.sin(x.data[2 * i]!) + x.data[2 * i + 1]!);

it('gives the same model for the same seed, another for another seed, and learns', async () => {
  const options = { hidden: [8, 4], epochs: 30, batchSize: 32, seed: 4 };
  const a = await fitFusedMlp(x, y, options);
  const b = await fitFusedMlp(x, y, options);
  const c = await fitFusedMlp(x, y, { ...options, seed: 5 });
  expect(b.layers).toEqual(a.layers);
  expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
  expect(c.layers).not.toEqual(a.layers);
  expect(a.history.at(-1)!.loss).toBeLessThan(a.history[0]!.loss / 4);
  expect(Array.from(predictMlp(a, x))).toEqual(Array.from(predictMlp(b, x)));
  // Saved as TF.js stores weights: float32 values.
  for (const l of a.layers) for (const w of l.kernel) expect(Math.fround(w)).toBe(w);
});
