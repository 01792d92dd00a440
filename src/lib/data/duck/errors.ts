export type DuckErrorCode =
  /** DuckDB could not parse the SQL; `line`/`column` point at the token. */
  | 'syntax'
  /** Parsed, but DuckDB refused to run it (unknown table or column, wrong types…). */
  | 'sql'
  /** A file, URL, extension or setting outside the sandbox. */
  | 'sandbox'
  /** More rows than a cell may receive. */
  | 'too-large'
  /** A table or path name that is not a plain identifier. */
  | 'name'
  /** The engine could not start (or stopped). */
  | 'unavailable'
  /** The student cancelled the query from its cell's bar. */
  | 'cancelled';

/** Where in the SQL text DuckDB pointed (1-based). */
export interface SqlPosition {
  line: number;
  column: number;
}

/** A DuckDB problem as plain data: what crosses from the DuckDB worker to the kernel. */
export interface DuckProblem {
  code: DuckErrorCode;
  message: string;
  position?: SqlPosition;
}

/** DuckDB problems as values with a code; the message keeps DuckDB's own words. */
export class DuckError extends Error {
  override name = 'DuckError';
  readonly code: DuckErrorCode;
  readonly position?: SqlPosition;
  constructor(problem: DuckProblem) {
    super(problem.message);
    this.code = problem.code;
    if (problem.position) this.position = problem.position;
  }
}
