import { createRng, type Rng } from '../data/random';

/** A seeded Fisher–Yates permutation of 0…n−1. */
export function shuffled(n: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * The rows an MLP trains on and holds out, and the order of every epoch's batches: one seeded
 * shuffle splits off the validation share, then each epoch draws its own order from the same
 * generator. Both trainers (fused and TF.js) walk exactly these rows, so a seed names one run.
 */
export class MlpBatches {
  readonly trainRows: Int32Array;
  readonly valRows: Int32Array;
  readonly #rng: Rng;

  constructor(rows: number, validationShare: number, seed: number) {
    this.#rng = createRng(seed);
    const order = shuffled(rows, this.#rng);
    const valCount = Math.floor(rows * validationShare);
    this.trainRows = order.subarray(valCount);
    this.valRows = order.subarray(0, valCount);
  }

  /** The training rows in the next epoch's order. */
  nextEpoch(): Int32Array {
    const order = shuffled(this.trainRows.length, this.#rng);
    for (let i = 0; i < order.length; i++) order[i] = this.trainRows[order[i]!]!;
    return order;
  }
}
