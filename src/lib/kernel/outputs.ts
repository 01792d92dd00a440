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
  | { type: 'rich'; kind: string; data: unknown };

export interface RunResult {
  status: 'ok' | 'error';
  outputs: Output[];
  durationMs: number;
}

export interface CheckResult {
  pass: boolean;
  message: string;
}
