import { DuckError, type DuckAnswer } from '../data/duck';
import { LiveProgress, SHOW_AFTER_MS } from './live-progress';

/** "SELECT a, count(*) FROM trips GROUP BY a": the query on one line, cut to fit a bar's title. */
function titleOf(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return `DuckDB: ${line.length > 72 ? `${line.slice(0, 71)}…` : line}`;
}

/**
 * A DuckDB call under a bar that appears once it has run a second: DuckDB reports no progress
 * of its own, so the bar counts seconds and its Cancel stops the query (in the DuckDB worker,
 * between two slices of its work, or by restarting the worker; the answer's message says which
 * and what became of the student's tables).
 */
export async function duckWithBar<T>(
  display: (value: unknown) => void,
  sql: string,
  call: (signal: AbortSignal) => Promise<DuckAnswer<T>>,
): Promise<T> {
  const bar = new LiveProgress(display, titleOf(sql), null, 's', SHOW_AFTER_MS);
  const started = Date.now();
  const seconds = setInterval(() => bar.step(Math.floor((Date.now() - started) / 1000)), 1000);
  try {
    const answer = await call(bar.cancelSignal);
    if (answer.ok) {
      bar.end('done', null);
      return answer.value;
    }
    if (answer.problem.code === 'cancelled') throw bar.cancelled(answer.problem.message);
    bar.end('failed', answer.problem.message);
    throw new DuckError(answer.problem);
  } catch (error) {
    bar.end('failed', (error as Error).message);
    throw error;
  } finally {
    clearInterval(seconds);
  }
}
