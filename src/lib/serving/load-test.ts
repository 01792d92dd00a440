import { quantiles } from '../numeric/quantile';
import type { ApiRequest, ApiResponse } from './http';

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
  /** Time spent choosing the variant (the router's own overhead), 99th percentile. */
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
  routingMs: () => Promise<number[]>,
  clock: () => number = () => performance.now(),
): Promise<LoadTestResult> {
  if (rows.length === 0) throw new Error(`No example rows to send to "${endpoint}".`);
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
  const [routingP99 = NaN] = quantiles(await routingMs(), [0.99]);
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
