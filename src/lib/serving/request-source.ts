import type { RunSource } from '../tracking/types';
import type { ApiRequest } from './http';

/**
 * The header a lesson cell's requests carry: which run of which cell sent them (a cell's `fetch`,
 * lab.serving.simulate, loadTest, scoreBatch). The log keeps it as the record's `source`, so
 * running the cell again replaces its earlier traffic (lab/rerun-traffic.ts) and Run all twice
 * leaves one request log. A header, not a field, so it also reaches the service worker's router.
 * Anyone can send it; all it earns is that a cell's re-run removes that request's record.
 */
export const CELL_HEADER = 'x-labbook-cell';

/** Longer values are no cell run of the Labbook's (ids are short). */
const MAX_CELL_HEADER = 400;

/** The header's value for a cell run, or undefined when the run is not a lesson cell's. */
export function cellHeader(source: RunSource | undefined): string | undefined {
  if (!source?.lessonId || !source.cellId || !source.execution) return undefined;
  return JSON.stringify([source.lessonId, source.cellId, source.execution]);
}

/** The cell run a request came from, when it carries a well-formed header; else undefined. */
export function requestSource(req: Pick<ApiRequest, 'headers'>): RunSource | undefined {
  const value = req.headers[CELL_HEADER];
  if (typeof value !== 'string' || value.length > MAX_CELL_HEADER) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  if (!parsed.every((p) => typeof p === 'string' && p.length > 0)) return undefined;
  const [lessonId, cellId, execution] = parsed as string[];
  return { lessonId: lessonId!, cellId: cellId!, execution: execution! };
}

/** `req` sent by the cell run `source` (unchanged when the run is not a lesson cell's). */
export function fromCell(req: ApiRequest, source: RunSource | undefined): ApiRequest {
  const value = cellHeader(source);
  return value ? { ...req, headers: { ...req.headers, [CELL_HEADER]: value } } : req;
}
