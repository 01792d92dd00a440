/**
 * The branch graph of a log, as `git log --graph` or GitHub Desktop draw it: each commit gets a
 * column (lane); lines run between consecutive rows. Pure, so it is tested and benchmarked
 * without a page.
 */
export interface GraphCommit {
  oid: string;
  parents: string[];
}

/** A line from `from` (column at this row) to `to` (column at the next row). */
export interface GraphSegment {
  from: number;
  to: number;
  /** The lane it belongs to: the same colour from branch-off to merge. */
  lane: number;
}

export interface GraphRow {
  oid: string;
  column: number;
  segments: GraphSegment[];
}

export interface GraphLayout {
  rows: GraphRow[];
  /** Number of columns used. */
  width: number;
}

interface Pending {
  oid: string;
  from: number;
  /** The lane it ends in at the next row. */
  lane: number;
  colour: number;
}

/** `commits`: children before parents (log order). */
export function layoutGraph(commits: readonly GraphCommit[]): GraphLayout {
  const lanes: (string | null)[] = [];
  const columns: number[] = [];
  const pending: Pending[][] = [];
  const free = () => {
    const at = lanes.indexOf(null);
    return at >= 0 ? at : lanes.push(null) - 1;
  };
  let width = 0;
  for (const commit of commits) {
    let column = lanes.indexOf(commit.oid);
    if (column < 0) column = free();
    // Every lane waiting for this commit ends here (branches merging into it).
    for (let j = 0; j < lanes.length; j++) if (lanes[j] === commit.oid) lanes[j] = null;
    const from = lanes.map((_, j) => j);
    const joins: Pending[] = [];
    commit.parents.forEach((parent, i) => {
      const existing = lanes.indexOf(parent);
      if (i > 0 && existing >= 0) {
        joins.push({ oid: parent, from: column, lane: existing, colour: existing });
        return;
      }
      const lane = i === 0 ? column : free();
      lanes[lane] = parent;
      from[lane] = column;
    });
    // Two lanes waiting for the same commit become one: the leftmost stays, the other bends in.
    for (let j = 0; j < lanes.length; j++) {
      const first = lanes[j] === null ? j : lanes.indexOf(lanes[j]!);
      if (first === j) continue;
      joins.push({ oid: lanes[j]!, from: from[j]!, lane: first, colour: j });
      lanes[j] = null;
    }
    while (lanes.length && lanes[lanes.length - 1] === null) lanes.pop();
    width = Math.max(width, column + 1, lanes.length);
    columns.push(column);
    pending.push([
      ...lanes.flatMap((oid, lane) =>
        oid === null ? [] : [{ oid, from: from[lane]!, lane, colour: lane }],
      ),
      ...joins,
    ]);
  }
  const rows = commits.map((commit, i) => {
    const next = commits[i + 1];
    const segments = (next ? pending[i]! : []).map(({ oid, from, lane, colour }) => ({
      from,
      to: oid === next!.oid ? columns[i + 1]! : lane,
      lane: colour,
    }));
    return { oid: commit.oid, column: columns[i]!, segments };
  });
  return { rows, width };
}
