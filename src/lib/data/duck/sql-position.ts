import type { DuckProblem, SqlPosition } from './errors';

/**
 * DuckDB marks an error in the SQL as `LINE n: <that line>` and a caret under the token. The
 * caret's offset from the start of the quoted text is the column.
 */
export function positionOf(message: string): SqlPosition | undefined {
  const lines = message.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (at < 0) return undefined;
  const prefix = /^LINE (\d+): /.exec(lines[at] ?? '');
  const caret = lines[at + 1]?.indexOf('^') ?? -1;
  if (!prefix || caret < prefix[0].length) return undefined;
  return { line: Number(prefix[1]), column: caret - prefix[0].length + 1 };
}

/** DuckDB's error message (first block, without its repeated LINE/caret) as a coded problem. */
export function problemOf(error: unknown, sql: string): DuckProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const position = positionOf(raw);
  const head = (raw.split('\nLINE ')[0] ?? raw).trim();
  const code = /^Parser Error/.test(head) ? 'syntax' : 'sql';
  if (!position) return { code, message: head };
  const line = sql.split('\n')[position.line - 1] ?? '';
  return {
    code,
    message: `${head} (line ${position.line}, column ${position.column})\n  ${line}\n  ${' '.repeat(position.column - 1)}^`,
    position,
  };
}
