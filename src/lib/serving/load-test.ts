import { quantiles } from '../numeric/quantile';
import { route, type Deployment } from './deployment';
import type { ApiRequest, ApiResponse } from './http';
import { ServingError } from './errors';

/** route() calls timed together: a 0.1 ms clock over 1,000 calls resolves 0.1 µs per call. */
export const ROUTE_BATCH = 1000;
const ROUTE_BATCHES = 200;

export interface LoadTestOptions {
  /** How many requests, each one row to `predict`. */
  requests: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Distinct sticky keys the requests cycle through. */
  users: number;
}

export interface LoadTestResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * Time to choose the variant (route(): the sticky hash and the share), per call: the 99th
   * percentile over batches of ROUTE_BATCH calls, each batch timed as a whole. Timing one call
   * cannot work in a page that is not cross-origin isolated: its clock ticks in 0.1 ms steps.
   */
  routingP99Ms: number;
  byVariant: Record<string, number>;
}

/**
 * A load test of one endpoint (what `hey` or `locust` do against a real API): one-row requests
 * sent as fast as the router answers them, `concurrency` at a time.
 */
export async function loadTest(
  endpoint: string,
  rows: readonly Record<string, unknown>[],
  options: LoadTestOptions,
  send: (req: ApiRequest) => Promise<ApiResponse>,
  deployment: Deployment,
  clock: () => number = () => performance.now(),
): Promise<LoadTestResult> {
  if (rows.length === 0)
    throw new ServingError('no-traffic', `No example rows to send to "${endpoint}".`);
  const bodies = rows.map((r) => JSON.stringify(r));
  const latencies = new Float64Array(options.requests);
  const byVariant: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  const path = `v1/models/${endpoint}/predict`;
  const worker = async () => {
    for (let i = next++; i < options.requests; i = next++) {
      const t0 = clock();
      const res = await send({
        method: 'POST',
        path,
        query: {},
        headers: {
          'content-type': 'application/json',
          'x-request-key': `user-${i % options.users}`,
        },
        body: bodies[i % bodies.length]!,
      });
      latencies[i] = clock() - t0;
      if (res.status !== 200) errors++;
      else {
        const { variant, version } = res.body as { variant: string; version: number };
        const label = `${variant} v${version}`;
        byVariant[label] = (byVariant[label] ?? 0) + 1;
      }
    }
  };
  const start = clock();
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const seconds = (clock() - start) / 1000;
  const [p50 = NaN, p99 = NaN] = quantiles(latencies, [0.5, 0.99]);
  const [routingP99 = NaN] = quantiles(routingCost(deployment, options.users, clock), [0.99]);
  return {
    requests: options.requests,
    errors,
    seconds,
    perSecond: options.requests / seconds,
    p50Ms: p50,
    p99Ms: p99,
    routingP99Ms: routingP99,
    byVariant,
  };
}

/** Per-call time of route() with the load test's keys, one figure per batch of ROUTE_BATCH calls. */
export function routingCost(deployment: Deployment, users: number, clock: () => number): number[] {
  const keys = Array.from({ length: Math.max(1, users) }, (_, i) => `user-${i}`);
  const perCall: number[] = [];
  let served = 0;
  for (let b = 0; b < ROUTE_BATCHES; b++) {
    const t0 = clock();
    for (let i = 0; i < ROUTE_BATCH; i++)
      if (route(deployment, keys[(b * ROUTE_BATCH + i) % keys.length]!)) served++;
    perCall.push((clock() - t0) / ROUTE_BATCH);
  }
  // Every call must have chosen a variant; checking the count also keeps the loop from being elided.
  if (served !== ROUTE_BATCH * ROUTE_BATCHES)
    throw new ServingError('no-traffic', 'route() chose no variant.');
  return perCall;
}
