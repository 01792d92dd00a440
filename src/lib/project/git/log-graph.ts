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
  lane: number;
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
    const extra: Pending[] = [];
    commit.parents.forEach((parent, i) => {
      const existing = lanes.indexOf(parent);
      if (existing >= 0) extra.push({ oid: parent, from: column, lane: existing });
      else {
        const lane = i === 0 && lanes[column] === null ? column : free();
        lanes[lane] = parent;
        from[lane] = column;
      }
    });
    while (lanes.length && lanes[lanes.length - 1] === null) lanes.pop();
    width = Math.max(width, column + 1, lanes.length);
    columns.push(column);
    pending.push([
      ...lanes.flatMap((oid, lane) => (oid === null ? [] : [{ oid, from: from[lane]!, lane }])),
      ...extra,
    ]);
  }
  const rows = commits.map((commit, i) => {
    const next = commits[i + 1];
    const segments = (next ? pending[i]! : []).map(({ oid, from, lane }) => ({
      from,
      to: oid === next!.oid ? columns[i + 1]! : lane,
      lane,
    }));
    return { oid: commit.oid, column: columns[i]!, segments };
  });
  return { rows, width };
}
