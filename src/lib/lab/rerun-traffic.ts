import type { ApiRequest, ApiResponse } from '../serving/http';
import { fromCell } from '../serving/request-source';
import type { RunSource } from '../tracking/types';
import { labServices } from './services';

/** Cell runs whose earlier traffic is gone already: each clears once, at its first request. */
const cleared = new Set<string>();

/**
 * Running a lesson cell again replaces the requests its earlier run sent, as its timeline events
 * (./rerun-events.ts) and runs are replaced: Run all twice leaves one request log, so monitoring
 * windows, drift figures and the log's widgets read the same traffic. Requests are tagged with
 * the cell run (request-source.ts); those from the Serving page, a form or a client's own stay.
 */
export async function replaceEarlierTraffic(source: RunSource | undefined): Promise<void> {
  if (!source?.lessonId || !source.cellId || !source.execution) return;
  const key = JSON.stringify([source.lessonId, source.cellId, source.execution]);
  if (cleared.has(key)) return;
  cleared.add(key);
  // Executions are unique per kernel: an old key is never asked again, so the set stays small.
  if (cleared.size > 100) cleared.delete(cleared.values().next().value!);
  const port = labServices().serving;
  const logs = await port.removeCellRequests(source.lessonId, source.cellId, source.execution);
  for (const name of logs) port.notify(name);
}

/**
 * `send` for a cell run's traffic (lab.serving.simulate, loadTest, scoreBatch, closeLoop): each
 * request carries the cell run, and the run's first request clears the cell's earlier traffic.
 */
export function cellSend(
  send: (req: ApiRequest) => Promise<ApiResponse>,
  source: RunSource | undefined,
): (req: ApiRequest) => Promise<ApiResponse> {
  const cell = source ? { ...source } : undefined; // the kernel's source moves on with the next cell
  return async (req) => {
    await replaceEarlierTraffic(cell);
    return send(fromCell(req, cell));
  };
}
