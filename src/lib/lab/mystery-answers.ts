import type { GroundTruth } from '../monitoring';
import { LabError } from './errors';

/**
 * The sealed side of lab.monitoring.mystery: the answers and seeds, kept apart from the scenario
 * code so the kernel loads this at start (check-scope.ts imports it) while lab.monitoring loads
 * on a cell's first use — by then a cell may have patched the built-ins captured below.
 */
export interface MysteryAnswer extends GroundTruth {
  /** The scenario's full settings: `driftScenario(source, params)` replays the version. */
  params: Record<string, unknown>;
  /** False when the cell chose the seed: then the order was known and the check should refuse. */
  sealed: boolean;
}

/** Answers by version id, and one seed per distinct call, for as long as the kernel worker lives. */
const answers = new Map<string, MysteryAnswer>();
const seeds = new Map<string, number>();

// Taken at module load, before any cell runs: a cell that replaced Map.prototype.set (or
// crypto.getRandomValues) would otherwise be handed every answer (or choose the seed).
const { apply } = Reflect;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const mapClear = Map.prototype.clear;
const getRandomValues = crypto.getRandomValues.bind(crypto);
const cryptoSeed = () => getRandomValues(new Uint32Array(1))[0]!;
let drawSeed: () => number = cryptoSeed;

/**
 * Where unsealed seeds come from: the lesson runner passes a seeded sequence so that running a
 * lesson headless gives the same mysteries every time; `undefined` goes back to crypto.
 */
export function setMysterySeeds(next: (() => number) | undefined): void {
  drawSeed = next ?? cryptoSeed;
  apply(mapClear, seeds, []);
}

/** The seed for one distinct call: drawn on its first use and remembered. */
export function mysterySeed(key: string): number {
  const known = apply(mapGet, seeds, [key]) as number | undefined;
  if (known !== undefined) return known;
  const drawn = drawSeed();
  apply(mapSet, seeds, [key, drawn]);
  return drawn;
}

export function recordMysteryAnswer(versionId: string, answer: MysteryAnswer): void {
  apply(mapSet, answers, [versionId, answer]);
}

/**
 * The sealed answer of a mystery version. Checks only: the kernel puts it in a check's scope,
 * never on `lab` or in the cells' scope.
 */
export function answerKey(ref: string | { ref: string }): MysteryAnswer {
  const id = typeof ref === 'string' ? ref : ref.ref;
  const answer = apply(mapGet, answers, [id]) as MysteryAnswer | undefined;
  if (!answer)
    throw new LabError(
      'unknown-scenario',
      `No mystery scenario "${id}" in this kernel: run the cell that calls lab.monitoring.mystery(…) first.`,
    );
  return answer;
}
