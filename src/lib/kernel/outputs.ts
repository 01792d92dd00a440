/** Everything a cell can show. Plain data, so it crosses the worker boundary and can be stored. */
export interface TableOutput {
  type: 'table';
  /** Handle of the table kept in the kernel, for paging. */
  ref: string;
  columns: { name: string; type: string }[];
  rows: unknown[][];
  offset: number;
  total: number;
}

export type Output =
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { type: 'value'; text: string }
  | TableOutput
  | { type: 'plot'; html: string }
  | { type: 'html'; html: string }
  /** Markdown rendered on the page (model cards, reports), sanitised like lesson text. */
  | { type: 'markdown'; text: string }
  | { type: 'error'; name: string; message: string; line?: number; column?: number }
  /**
   * `displayId`: a later output with the same id replaces this one where it stands (Jupyter's
   * update_display_data), so a cell can show progress — a loss curve growing epoch by epoch —
   * as one output instead of a new one per update.
   */
  | { type: 'rich'; kind: string; data: unknown; displayId?: string };

export interface RunResult {
  status: 'ok' | 'error';
  outputs: Output[];
  durationMs: number;
}

export interface CheckResult {
  pass: boolean;
  message: string;
}

/** `outputs` with `output` added: in place of an earlier output with its `displayId`, else last. */
export function withOutput(outputs: Output[], output: Output): Output[] {
  const id = output.type === 'rich' ? output.displayId : undefined;
  const at =
    id === undefined ? -1 : outputs.findIndex((o) => o.type === 'rich' && o.displayId === id);
  if (at < 0) return [...outputs, output];
  const next = outputs.slice();
  next[at] = output;
  return next;
}
