import { expose } from 'comlink';
import {
  filterRequests,
  requestsCsv,
  requestsJsonl,
  primaryVersion,
  simulateTraffic,
  timeSeries,
  variantStats,
  type ApiRequest,
  type ApiResponse,
  type DeploymentInput,
  type Fault,
  type RequestFilter,
  type SimulationOptions,
  type SimulationProgress,
} from '../lib/serving';
import { quantiles } from '../lib/numeric/quantile';
import { describeLogFailures } from '../lib/serving/log-failures';
import { openServingHost, type ServingHost } from './serving-host';
import type { StudentHost } from '../lib/serving/student/protocol';

let host: Promise<ServingHost> | undefined;
let simulation: AbortController | undefined;
const ready = () => {
  if (!host) throw new Error('The serving worker was not initialised (call init first).');
  return host;
};

/**
 * The prediction API inside the page's own worker: the in-page router (same contract as the
 * service worker), deployment changes, the request log's queries and the traffic simulator.
 */
const api = {
  /** `student` runs `api/student/<project>/…` in the page's workers (no service worker here). */
  async init(siteUrl: string, student?: StudentHost): Promise<void> {
    host ??= openServingHost(siteUrl, undefined, student);
    await host;
  },
  async handle(request: ApiRequest): Promise<ApiResponse> {
    return (await ready()).router.handle(request);
  },

  async endpoints() {
    return (await ready()).port.endpoints();
  },
  async endpoint(name: string) {
    return (await ready()).router.control.endpoint(name);
  },
  async events(name: string) {
    return (await ready()).router.control.events(name);
  },
  async models() {
    const { registry } = await ready();
    const models = await registry.listModels();
    return Promise.all(
      models.map(async (m) => ({ ...m, versions: await registry.versions(m.name) })),
    );
  },

  async deploy(name: string, spec: DeploymentInput & { model?: string }, reason?: string) {
    return (await ready()).router.control.deploy(name, spec, reason);
  },
  async switchColour(name: string, reason?: string) {
    return (await ready()).router.control.switch(name, reason);
  },
  async setCanaryPercent(name: string, percent: number, reason?: string) {
    return (await ready()).router.control.setCanaryPercent(name, percent, reason);
  },
  async advanceCanary(name: string, reason?: string) {
    return (await ready()).router.control.advanceCanary(name, reason);
  },
  async rollback(name: string, reason?: string) {
    return (await ready()).router.control.rollback(name, reason);
  },
  async promote(name: string, reason?: string) {
    return (await ready()).router.control.promote(name, reason);
  },
  async setFault(name: string, version: number, fault: Partial<Fault>) {
    return (await ready()).router.control.setFault(name, version, fault);
  },
  async undeploy(name: string, reason?: string) {
    return (await ready()).router.control.undeploy(name, reason);
  },

  /** Newest `limit` requests matching `filter`, oldest first. */
  async requests(name: string, filter: RequestFilter = {}, limit = 200) {
    const { port, router } = await ready();
    await router.flush();
    return filterRequests(await port.requests(name), filter).slice(-limit);
  },
  /** The request log's page: the newest `limit` matching requests, newest first. */
  async requestLog(name: string, filter: RequestFilter = {}, limit = 100) {
    const { port, router } = await ready();
    await router.flush();
    // Without a filter only the newest rows are read, however long the log has grown.
    const records = Object.keys(filter).length
      ? filterRequests(await port.requests(name), filter).slice(-limit)
      : await port.requests(name, { limit });
    return records.reverse();
  },
  /** Log records the store refused, across every host of the API, as one sentence (or null). */
  async logFailures(): Promise<string | null> {
    const { router } = await ready();
    await router.flush();
    return describeLogFailures(router.logFailures.state);
  },
  async exportRequests(name: string, format: 'csv' | 'jsonl', filter: RequestFilter = {}) {
    const { port, router } = await ready();
    await router.flush();
    const records = filterRequests(await port.requests(name), filter);
    return format === 'csv' ? requestsCsv(records) : requestsJsonl(records);
  },
  /** Per-variant figures over the last `windowMs`, and a series in `bucketMs` steps for charts. */
  async stats(name: string, windowMs = 60_000, bucketMs = 1000) {
    const { port, router } = await ready();
    await router.flush();
    const records = await port.requests(name, { since: Date.now() - windowMs });
    return {
      variants: variantStats(records),
      series: timeSeries(records, bucketMs),
      total: records.length,
    };
  },

  /**
   * One refresh of an endpoint's page in one call: its settings (null when there is no such
   * endpoint yet), timeline, per-variant figures, a series for the charts and a sample of recent
   * predictions per variant for their distribution.
   */
  async dashboard(name: string, windowMs = 60_000, bucketMs = 1000, maxPredictions = 300) {
    const { port, router } = await ready();
    await router.flush();
    const [endpoint, events, records] = await Promise.all([
      port.endpoint(name),
      router.control.events(name),
      port.requests(name, { since: Date.now() - windowMs }),
    ]);
    const predictions: { variant: string; prediction: number }[] = [];
    const taken = new Map<string, number>();
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i]!;
      const variant = `${r.variant} v${r.version}`;
      const n = taken.get(variant) ?? 0;
      if (r.status !== 200 || r.predictions.length !== 1 || n >= maxPredictions) continue;
      taken.set(variant, n + 1);
      predictions.push({ variant, prediction: r.predictions[0]! });
    }
    return {
      endpoint: endpoint ?? null,
      events,
      variants: variantStats(records),
      series: timeSeries(records, bucketMs),
      predictions,
      total: records.length,
    };
  },

  /** Each numeric column's range and median (the course form's sliders). */
  async columnRanges(dataset: string) {
    const { catalog } = await ready();
    const { table } = await catalog.load(dataset);
    return table.columns.flatMap((c) => {
      if (c.type !== 'float' && c.type !== 'integer') return [];
      const [min = NaN, median = NaN, max = NaN] = quantiles(c.values, [0, 0.5, 1]);
      return [{ name: c.name, integer: c.type === 'integer', min, median, max }];
    });
  },

  /** Replays a data version through this worker's router; one simulation at a time. */
  async simulate(options: SimulationOptions, onProgress: (p: SimulationProgress) => void) {
    const { router, catalog } = await ready();
    simulation?.abort();
    const controller = (simulation = new AbortController());
    const endpoint = await router.control.endpoint(options.endpoint);
    const version = primaryVersion(endpoint.deployment);
    if (version === null)
      throw new Error(`Nothing is deployed on "${options.endpoint}" to send traffic to.`);
    const { signature } = await router.predictor(endpoint.model, version);
    try {
      return await simulateTraffic(options, {
        send: (req) => router.handle(req),
        catalog,
        inputs: signature.inputs,
        target: signature.outputs[0]!.name,
        onProgress: (p) => void onProgress(p),
        signal: controller.signal,
      });
    } finally {
      await router.flush();
      if (simulation === controller) simulation = undefined;
    }
  },
  stopSimulation(): void {
    simulation?.abort();
  },
};

expose(api);
export type ServingWorkerApi = typeof api;
