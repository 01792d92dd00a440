import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../../../src/lib/project/git/log-graph';

const c = (oid: string, ...parents: string[]) => ({ oid, parents });

describe('log-graph layout', () => {
  it('a straight history is one column', () => {
    const { rows, width } = layoutGraph([c('c', 'b'), c('b', 'a'), c('a')]);
    expect(width).toBe(1);
    expect(rows.map((r) => [r.column, r.segments.map((s) => [s.from, s.to])])).toEqual([
      [0, [[0, 0]]],
      [0, [[0, 0]]],
      [0, []],
    ]);
  });

  it('a branch and its merge take a second lane that joins back', () => {
    // m merges f into e; f and e both come from a.
    const { rows, width } = layoutGraph([c('m', 'e', 'f'), c('f', 'a'), c('e', 'a'), c('a')]);
    expect(width).toBe(2);
    expect(rows.map((r) => r.column)).toEqual([0, 1, 0, 0]);
    // From m: its first parent continues straight down, the second branches right to f.
    expect(rows[0]!.segments).toEqual([
      { from: 0, to: 0, lane: 0 },
      { from: 0, to: 1, lane: 1 },
    ]);
    // At f: lane 0 waits for e, lane 1 carries f's parent a.
    expect(rows[1]!.segments).toEqual([
      { from: 0, to: 0, lane: 0 },
      { from: 1, to: 1, lane: 1 },
    ]);
    // At e: both lanes wait for a and join into its column.
    expect(rows[2]!.segments).toEqual([
      { from: 0, to: 0, lane: 0 },
      { from: 1, to: 0, lane: 1 },
    ]);
  });

  it('two branch tips without a merge sit side by side', () => {
    const { rows } = layoutGraph([c('x', 'a'), c('y', 'a'), c('a')]);
    expect(rows.map((r) => r.column)).toEqual([0, 1, 0]);
    expect(rows[1]!.segments.map((s) => [s.from, s.to])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('a second parent already drawn in a lane joins that lane', () => {
    // m2 merges b, whose lane is already open from the tip t.
    const { rows } = layoutGraph([c('t', 'b'), c('m2', 'a', 'b'), c('b', 'a'), c('a')]);
    expect(rows.map((r) => r.column)).toEqual([0, 1, 0, 0]);
    expect(rows[1]!.segments).toContainEqual({ from: 1, to: 0, lane: 0 });
  });
});
