import { columnPoints, pointColumns } from '../tracking/metric-columns';
import type { MetricColumns, MetricPoint } from '../tracking/types';

/**
 * How a metric's history is stored: one row per run, metric and block of BLOCK_STEPS steps, its
 * points in columns, steps ascending and unique (logging a step again replaces its value).
 * A comparison of 500 runs of 100 steps reads 500 rows, not 50,000: IndexedDB's cost is per row
 * (500 ranges of 100 point rows took 270–300 ms in Chromium, 500 block rows 30–60 ms).
 */
export interface MetricBlockRow extends MetricColumns {
  /** floor(step / BLOCK_STEPS) of every step in it. */
  block: number;
}

/**
 * Steps per block: a history of 10,000 steps is 10 rows, and logging one step rewrites at most
 * one block of this many points.
 */
export const BLOCK_STEPS = 1000;

export const blockOf = (step: number): number => Math.floor(step / BLOCK_STEPS);

type BlockKey = [runId: string, key: string, block: number];
const blockId = (runId: string, key: string, block: number) => JSON.stringify([runId, key, block]);

/** The keys ([runId, key, block], the table's primary key) of the blocks `points` belong in, once each. */
export function blockKeys(points: readonly MetricPoint[]): BlockKey[] {
  const keys = new Map<string, BlockKey>();
  for (const p of points) {
    const key: BlockKey = [p.runId, p.key, blockOf(p.step)];
    keys.set(blockId(...key), key);
  }
  return [...keys.values()];
}

/** The row of a block (`id`) holding `byStep`'s points, steps ascending. */
function columns(
  id: Pick<MetricBlockRow, 'runId' | 'key' | 'block'>,
  byStep: Map<number, MetricPoint>,
): MetricBlockRow {
  const points = [...byStep.values()].sort((a, b) => a.step - b.step);
  return { ...pointColumns(id.runId, id.key, points), block: id.block };
}

const byStep = (row: MetricBlockRow | undefined) =>
  new Map(row ? columnPoints(row).map((p) => [p.step, p]) : []);

/**
 * `points` (any order, any runs and keys) written into the blocks they belong in; `stored` holds
 * the blocks already there (as read for `blockKeys`, undefined where none is). A point at a step a
 * block has replaces that step's value, as logging a step again does. The blocks to put.
 */
export function writePoints(
  points: readonly MetricPoint[],
  stored: readonly (MetricBlockRow | undefined)[],
): MetricBlockRow[] {
  const blocks = new Map<
    string,
    {
      row: Omit<MetricBlockRow, 'steps' | 'values' | 'timestamps'>;
      steps: Map<number, MetricPoint>;
    }
  >();
  for (const row of stored)
    if (row) blocks.set(blockId(row.runId, row.key, row.block), { row, steps: byStep(row) });
  for (const p of points) {
    const block = blockOf(p.step);
    const id = blockId(p.runId, p.key, block);
    let entry = blocks.get(id);
    if (!entry)
      blocks.set(id, (entry = { row: { runId: p.runId, key: p.key, block }, steps: new Map() }));
    entry.steps.set(p.step, p);
  }
  return [...blocks.values()].map(({ row, steps }) => columns(row, steps));
}

/** A run's blocks of a metric, in block order, as one history (a single block as it is). */
export function joinBlocks(runId: string, key: string, blocks: MetricBlockRow[]): MetricColumns {
  if (blocks.length === 1) {
    const { steps, values, timestamps } = blocks[0]!;
    return { runId, key, steps, values, timestamps };
  }
  return {
    runId,
    key,
    steps: blocks.flatMap((b) => b.steps),
    values: blocks.flatMap((b) => b.values),
    timestamps: blocks.flatMap((b) => b.timestamps),
  };
}

/** Point rows (schema version 9 and before) packed into blocks: version 10's migration. */
export function packPoints(points: readonly MetricPoint[]): MetricBlockRow[] {
  return writePoints(points, []);
}

/**
 * Two versions of one block met in a merge: every step either has, and at a step both have, the
 * value logged later (this browser's on a tie). Null when `theirs` adds or changes nothing.
 */
export function mergeBlocks(mine: MetricBlockRow, theirs: MetricBlockRow): MetricBlockRow | null {
  const steps = byStep(mine);
  let changed = false;
  for (const p of columnPoints(theirs)) {
    const here = steps.get(p.step);
    if (here && here.timestamp >= p.timestamp) continue;
    steps.set(p.step, p);
    changed = true;
  }
  return changed ? columns(mine, steps) : null;
}

/**
 * Why a block row read from a file cannot be stored, or null: columns of one length, at least
 * one point, steps ascending without repeats, each in the row's block.
 */
export function blockProblem(row: MetricBlockRow): { field: string; message: string } | null {
  const n = row.steps.length;
  if (n === 0) return { field: 'steps', message: 'a block holds at least one step' };
  for (const field of ['values', 'timestamps'] as const)
    if (row[field].length !== n)
      return {
        field,
        message: `${field} holds ${row[field].length} entries for ${n} steps: one per step`,
      };
  for (const [i, step] of row.steps.entries()) {
    if (i > 0 && step <= row.steps[i - 1]!)
      return {
        field: `steps.${i}`,
        message: `steps must ascend without repeats; ${step} follows ${row.steps[i - 1]}`,
      };
    if (blockOf(step) !== row.block)
      return {
        field: `steps.${i}`,
        message: `step ${step} belongs in block ${blockOf(step)}, not ${row.block} (${BLOCK_STEPS} steps a block)`,
      };
  }
  return null;
}
