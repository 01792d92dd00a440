import { from as aqFrom } from 'arquero';
import {
  describeDeployment,
  loadTest,
  primaryVersion,
  simulateTraffic,
  variantStats,
  type BatchScore,
  type DeploymentInput,
  type Fault,
  type LoadTestOptions,
  type RequestFilter,
  type SimulationOptions,
} from '../serving';
import { filterRequests } from '../serving/request-log';
import { describeLogFailures } from '../serving/log-failures';
import type { Job } from '../serving/jobs';
import { defineLabNamespace } from './index';
import { labServices } from './services';
import { apiRoot, kernelRouter } from './serving-router';
import { LabError } from './errors';
import { cellControl } from './rerun-events';
import { cellSend } from './rerun-traffic';
import { LiveProgress, SHOW_AFTER_MS } from './live-progress';

const when = (ms: number) => new Date(ms);

defineLabNamespace('serving', (ctx) => ({
  url: (path = '') => new URL(path.replace(/^\/+/, ''), apiRoot()).href,
  deploy: async (
    name: string,
    spec: DeploymentInput & { model?: string; maxBatchRows?: number },
    reason?: string,
  ) => (await cellControl(ctx.source)).deploy(name, spec, reason),
  switch: async (name: string, reason?: string) =>
    (await cellControl(ctx.source)).switch(name, reason),
  setCanary: async (name: string, percent: number, reason?: string) =>
    (await cellControl(ctx.source)).setCanaryPercent(name, percent, reason),
  advance: async (name: string, reason?: string) =>
    (await cellControl(ctx.source)).advanceCanary(name, reason),
  rollback: async (name: string, reason?: string) =>
    (await cellControl(ctx.source)).rollback(name, reason),
  promote: async (name: string, reason?: string) =>
    (await cellControl(ctx.source)).promote(name, reason),
  fault: async (name: string, version: number, fault: Partial<Fault>) =>
    (await cellControl(ctx.source)).setFault(name, version, fault),
  undeploy: async (name: string, reason?: string) =>
    (await cellControl(ctx.source)).undeploy(name, reason),
  endpoint: (name: string) => kernelRouter().control.endpoint(name),
  async events(name: string) {
    return aqFrom(
      (await kernelRouter().control.events(name)).map((e) => ({
        at: when(e.at),
        kind: e.kind,
        from: describeDeployment(e.from),
        to: describeDeployment(e.to),
        reason: e.reason,
      })),
    );
  },
  /** The request log (newest `limit`), as a table. */
  async requests(name: string, filter: RequestFilter = {}, limit = 1000) {
    const router = kernelRouter();
    await router.flush();
    const records = filterRequests(await labServices().serving.requests(name), filter).slice(
      -limit,
    );
    return aqFrom(
      records.map((r) => ({
        id: r.id,
        at: when(r.at),
        pattern: r.pattern,
        variant: r.variant,
        // A student API's handler names its own model; its first scored row is what the
        // model's recipe saw, so a check can tell raw fields from features computed by hand.
        model: r.model ?? null,
        version: r.version,
        input: r.inputs[0] ?? null,
        status: r.status,
        latency_ms: r.latencyMs,
        rows: r.rows,
        prediction: r.predictions[0] ?? null,
        label: r.label,
        disagreement: r.disagreement,
        shadow_of: r.shadowOf,
        key: r.key,
        error: r.error,
        // A 422's issues (where and what), so a cell can see which field a client got wrong.
        detail: r.detail ?? null,
      })),
    );
  },
  /**
   * Log records the store refused (every host of the API: service worker, Serving page, kernel):
   * `{ count, reason, at, message }`, message null when nothing was lost.
   */
  async logFailures() {
    const router = kernelRouter();
    await router.flush();
    const state = router.logFailures.state;
    return { ...state, message: describeLogFailures(state) };
  },
  /** Per-variant figures over the log (or its last `windowMs`). */
  async stats(name: string, options: { windowMs?: number } = {}) {
    await kernelRouter().flush();
    const since = options.windowMs === undefined ? undefined : Date.now() - options.windowMs;
    const records = await labServices().serving.requests(
      name,
      since === undefined ? {} : { since },
    );
    return aqFrom(
      variantStats(records).map((s) => ({
        variant: s.variant,
        version: s.version,
        requests: s.requests,
        error_rate: s.errorRate,
        p50_ms: s.p50Ms,
        p95_ms: s.p95Ms,
        mean_prediction: s.meanPrediction,
        labelled: s.labelled,
        mae: s.mae,
        mean_disagreement: s.meanDisagreement,
      })),
    );
  },
  /** Replays a data version as requests at `rate` per second, labels following after `labelDelayMs`. */
  async simulate(
    name: string,
    options: Partial<Omit<SimulationOptions, 'endpoint'>> & { dataset: string },
  ) {
    const router = kernelRouter();
    const endpoint = await router.control.endpoint(name);
    const version = primaryVersion(endpoint.deployment);
    if (version === null)
      throw new LabError('not-deployed', `Nothing is deployed on "${name}" to send traffic to.`);
    const { signature } = await router.predictor(endpoint.model, version);
    const plan = {
      rate: 200,
      requests: 200,
      labelDelayMs: null,
      users: 0,
      seed: 42,
      order: 'shuffled' as const,
      ...options,
      endpoint: name,
    };
    // The replay is paced, so its length is known: a bar at once when it takes a second or more.
    const bar = new LiveProgress(
      ctx.display,
      `Traffic to "${name}": ${plan.requests} requests at ${plan.rate} per second`,
      plan.requests,
      'requests',
      plan.requests / plan.rate >= 1 ? 0 : SHOW_AFTER_MS,
    );
    let result;
    try {
      result = await simulateTraffic(plan, {
        send: cellSend((req) => router.handle(req), ctx.source),
        catalog: labServices().catalog,
        inputs: signature.inputs,
        target: signature.outputs[0]!.name,
        signal: bar.cancelSignal,
        onProgress: (p) => bar.step(p.sent, p.done ? null : `${p.answered} answered`),
      });
    } catch (error) {
      bar.end('failed', (error as Error).message);
      throw error;
    } finally {
      // What was answered is logged before the cell learns the outcome, cancelled or not.
      await router.flush();
    }
    if (bar.cancelSignal.aborted)
      throw bar.cancelled(
        `the ${result.answered + result.failed} requests sent were answered and are in the request log (${result.labelled} labelled); no more will be sent, and labels still due were dropped`,
      );
    bar.end('done', `${result.answered} answered, ${result.failed} failed`);
    return result;
  },
  /** A load test: one-row requests as fast as the endpoint answers (throughput, latency, routing overhead). */
  async loadTest(name: string, options: Partial<LoadTestOptions> = {}) {
    const router = kernelRouter();
    const endpoint = await router.control.endpoint(name);
    const version = primaryVersion(endpoint.deployment);
    if (version === null)
      throw new LabError('not-deployed', `Nothing is deployed on "${name}" to load-test.`);
    const { version: registered } = await router.predictor(endpoint.model, version);
    return loadTest(
      name,
      registered?.inputExample ?? [],
      { requests: 1000, concurrency: 8, users: 1000, ...options },
      cellSend((req) => router.handle(req), ctx.source),
      endpoint.deployment,
    );
  },
  /** Batch serving: every row of a data version scored, as an async job, into a new linked data version. */
  async scoreBatch(name: string, dataset: string) {
    const router = kernelRouter();
    const send = cellSend((req) => router.handle(req), ctx.source);
    const call = (method: string, path: string, body?: unknown) =>
      send({
        method,
        path,
        query: {},
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
    const queued = await call('POST', `v1/models/${name}/jobs`, { dataset });
    if (queued.status !== 202) throw new LabError('request-refused', JSON.stringify(queued.body));
    const id = (queued.body as { job_id: string }).job_id;
    for (;;) {
      const job = (await call('GET', `v1/jobs/${id}`)).body as Job;
      if (job.status === 'failed')
        throw new LabError('job-failed', `Batch scoring failed: ${job.error}`);
      if (job.status === 'done') {
        await router.flush();
        return job.result as BatchScore;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  },
}));
