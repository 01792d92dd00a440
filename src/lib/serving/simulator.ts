import type { DataCatalog } from '../data/catalog';
import { valueAt } from '../data/columnar';
import { createRng } from '../data/random';
import type { ColumnSpec } from '../registry/types';
import { requestRow } from './dataset-rows';
import { ServingError } from './errors';
import type { ApiRequest, ApiResponse } from './http';

export interface SimulationOptions {
  endpoint: string;
  /** The data version replayed as requests (a name, an id or name@id). */
  dataset: string;
  /** Requests per second. */
  rate: number;
  requests: number;
  /** Ground truth is sent this long after each answer; null sends none. */
  labelDelayMs: number | null;
  /** Distinct clients (sticky routing keys); requests cycle through them. */
  users: number;
  seed: number;
  order: 'sequential' | 'shuffled';
}

export interface SimulationProgress {
  sent: number;
  answered: number;
  failed: number;
  labelled: number;
  elapsedMs: number;
  /** Answers by variant and version, e.g. { "stable v1": 90, "canary v2": 10 }. */
  byVariant: Record<string, number>;
  done: boolean;
}

export interface SimulationDeps {
  send: (req: ApiRequest) => Promise<ApiResponse>;
  catalog: DataCatalog;
  /** The model's inputs and the column holding its ground truth. */
  inputs: readonly ColumnSpec[];
  target: string;
  onProgress?: (progress: SimulationProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const TICK_MS = 50;
/**
 * Requests per second a simulation may ask for: a browser tab scoring in one worker cannot keep up
 * with much more, and the schedule would only pile requests up. A load test measures the limit.
 */
export const MAX_RATE = 2000;

type Checked = Pick<SimulationOptions, 'rate' | 'requests' | 'users' | 'labelDelayMs'>;

/** What is wrong with a simulation's settings, one message per field (empty when it can run). */
export function simulationIssues(options: Checked): Partial<Record<keyof Checked, string>> {
  const issues: Partial<Record<keyof Checked, string>> = {};
  const { rate, requests, users, labelDelayMs } = options;
  // Zero, NaN or an empty field would never reach the planned count: the replay would spin forever.
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE)
    issues.rate = `rate must be a number of requests per second above 0 and at most ${MAX_RATE}, got ${String(rate)}. For more, run a load test.`;
  if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 1)
    issues.requests = `requests must be a whole number of at least 1, got ${String(requests)}.`;
  if (typeof users !== 'number' || !Number.isInteger(users) || users < 0)
    issues.users = `users must be a whole number, 0 or more (0: every request its own user), got ${String(users)}.`;
  if (
    labelDelayMs !== null &&
    (typeof labelDelayMs !== 'number' || !Number.isFinite(labelDelayMs) || labelDelayMs < 0)
  )
    issues.labelDelayMs = `labelDelayMs must be 0 or more milliseconds, or null to send no labels, got ${String(labelDelayMs)}.`;
  return issues;
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}): ApiRequest => ({
  method: 'POST',
  path,
  query: {},
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * Replays a data version against an endpoint at a steady rate, as clients would; labels follow
 * after a delay, as ground truth does in production. Everything goes through the API, so the
 * request log, routing and the canary guard see exactly what real traffic would make them see.
 */
export async function simulateTraffic(
  options: SimulationOptions,
  deps: SimulationDeps,
): Promise<SimulationProgress> {
  const issues = Object.values(simulationIssues(options));
  if (issues.length) throw new ServingError('bad-request', issues.join(' '));
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { table } = await deps.catalog.load(options.dataset);
  const target = table.columns.find((c) => c.name === deps.target);
  if (!target)
    throw new ServingError(
      'bad-dataset',
      `${options.dataset} has no "${deps.target}" column to send as labels.`,
    );
  const order = Array.from({ length: table.rowCount }, (_, i) => i);
  if (options.order === 'shuffled') {
    const random = createRng(options.seed);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  const progress: SimulationProgress = {
    sent: 0,
    answered: 0,
    failed: 0,
    labelled: 0,
    elapsedMs: 0,
    byVariant: {},
    done: false,
  };
  const pending: { due: number; request_id: string; label: number }[] = [];
  const inFlight = new Set<Promise<void>>();
  const path = `v1/models/${options.endpoint}/predict`;
  const start = now();

  const sendOne = async (n: number) => {
    const row = order[n % order.length]!;
    const key = `user-${options.users > 0 ? n % options.users : n}`;
    const res = await deps.send(
      post(path, requestRow(table, row, deps.inputs), { 'x-request-key': key }),
    );
    const body = res.body as { request_id?: string; variant?: string; version?: number };
    if (res.status === 200) {
      progress.answered++;
      const label = `${body.variant} v${body.version}`;
      progress.byVariant[label] = (progress.byVariant[label] ?? 0) + 1;
      const y = valueAt(target, row);
      if (options.labelDelayMs !== null && typeof y === 'number')
        pending.push({ due: now() + options.labelDelayMs, request_id: body.request_id!, label: y });
    } else progress.failed++;
  };

  const deliverLabels = async (all: boolean) => {
    const t = now();
    const due = all ? pending.splice(0) : pending.filter((p) => p.due <= t);
    if (!all) pending.splice(0, pending.length, ...pending.filter((p) => p.due > t));
    if (due.length === 0) return;
    const res = await deps.send(
      post(
        `v1/models/${options.endpoint}/labels`,
        due.map(({ request_id, label }) => ({ request_id, label })),
      ),
    );
    progress.labelled += (res.body as { labelled?: number }).labelled ?? 0;
  };

  while (progress.sent < options.requests && !deps.signal?.aborted) {
    const elapsed = now() - start;
    const target = Math.min(options.requests, Math.floor((elapsed / 1000) * options.rate) + 1);
    while (progress.sent < target) {
      const p = sendOne(progress.sent++).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await deliverLabels(false);
    progress.elapsedMs = elapsed;
    deps.onProgress?.({ ...progress, byVariant: { ...progress.byVariant } });
    await sleep(TICK_MS);
  }
  await Promise.all(inFlight);
  // Labels still on their way: wait for them (unless stopped), as a monitor would.
  while (pending.length && !deps.signal?.aborted) {
    await deliverLabels(false);
    if (pending.length) await sleep(TICK_MS);
  }
  progress.elapsedMs = now() - start;
  progress.done = true;
  deps.onProgress?.({ ...progress, byVariant: { ...progress.byVariant } });
  return progress;
}
