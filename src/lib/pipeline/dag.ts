/** A step of a pipeline drawn as a DAG: its name, status and what it reported. */
export interface DagStep {
  step: string;
  status: 'not run' | 'running' | 'done' | 'skipped' | 'failed' | 'cached';
  detail: string;
}

export interface DagNode extends DagStep {
  x: number;
  y: number;
}

export const STATUS_COLOURS: Record<DagStep['status'], string> = {
  'not run': '#e5e7eb',
  running: '#fde68a',
  done: '#86efac',
  cached: '#93c5fd',
  skipped: '#f3f4f6',
  failed: '#fca5a5',
};

/**
 * Steps in order, laid out left to right in rows of `perRow` (each row reversed under the last,
 * so every edge stays short): the positions a chart draws boxes and arrows at.
 */
export function dagLayout(
  steps: readonly DagStep[],
  perRow = 5,
): { nodes: DagNode[]; edges: [DagNode, DagNode][] } {
  const nodes = steps.map((s, i) => {
    const row = Math.floor(i / perRow);
    const col = i % perRow;
    return { ...s, x: row % 2 === 0 ? col : perRow - 1 - col, y: row };
  });
  return { nodes, edges: nodes.slice(1).map((n, i) => [nodes[i]!, n]) };
}
