import type { ModelVersion, Predictor } from '../registry';
import { CanaryWatch } from './canary-watch';
import type { Deps, RouterDeps, ServingContext } from './context';
import { DeploymentControl } from './control';
import { EndpointCache } from './endpoint-cache';
import { HANDLERS } from './handlers';
import { fail, json, type ApiRequest, type ApiResponse } from './http';
import { Inboxes } from './inboxes';
import { JobQueue } from './jobs';
import type { LogFailures } from './log-failures';
import { RequestLogger } from './request-logger';
import { logAnswer } from './request-log-entry';
import { matchRoute, type RouteSpec } from './routes';
import { studentRoute } from './student/route';
import { STUDENT_PREFIX } from './student/protocol';

export type { RouterDeps } from './context';

/**
 * The prediction API's one implementation: the service worker hosts it, and so does the in-page
 * fallback. A façade: the route table (routes.ts) finds the operation, a handler of its own
 * (handlers/) answers it, over the parts shared here (endpoint cache, models, log, canary guard,
 * jobs and inboxes).
 */
export class ServingRouter {
  readonly control: DeploymentControl;
  /** Log records the store refused, and why (shown on the Serving page and by lab.serving). */
  readonly logFailures: LogFailures;
  readonly #ctx: ServingContext;
  readonly #predictors = new Map<string, Promise<Predictor & { version: ModelVersion | null }>>();

  constructor(deps: RouterDeps) {
    const d: Deps = {
      now: Date.now,
      clock: () => performance.now(),
      random: Math.random,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      newId: () => crypto.randomUUID(),
      serverUrl: '/api',
      ...deps,
      catalog: deps.catalog,
      student: deps.student,
    };
    const { port, registry, now, newId, clock } = d;
    this.control = new DeploymentControl({ port, registry, now, newId });
    const endpoints = new EndpointCache(port, now);
    const canary = new CanaryWatch(endpoints, this.control);
    const log = new RequestLogger({
      port,
      now,
      clock,
      newId,
      observe: (record, endpoint) => canary.observe(record, endpoint),
    });
    const inboxes = new Inboxes();
    this.logFailures = log.failures;
    this.#ctx = {
      d,
      control: this.control,
      endpoints,
      log,
      canary,
      inboxes,
      jobs: new JobQueue(now, (job) => inboxes.deliver(job)),
      predictor: (model, version) => this.predictor(model, version),
    };
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    if (req.malformed !== undefined)
      return logAnswer(
        this.#ctx,
        req,
        { route: null, params: {} },
        this.#ctx.d.clock(),
        fail(400, req.malformed),
      );
    // Students' own APIs: one prefix, their routes declared in their projects (student/route.ts).
    if (req.path.startsWith(STUDENT_PREFIX)) {
      try {
        return await studentRoute(this.#ctx, req);
      } catch (error) {
        return fail(500, `Internal error: ${(error as Error).message}`);
      }
    }
    const t0 = this.#ctx.d.clock();
    const found = matchRoute(req.method, req.path);
    const answer = (
      route: RouteSpec | null,
      params: Record<string, string>,
      res: ApiResponse,
      threw = false,
    ) => logAnswer(this.#ctx, req, { route, params, threw }, t0, res);
    if (!found)
      return answer(
        null,
        {},
        fail(404, `Not Found: no API route "${req.path}". GET v1/openapi.json lists them.`),
      );
    if ('allow' in found)
      return answer(
        null,
        {},
        json(405, { detail: 'Method Not Allowed' }, { allow: found.allow.join(', ') }),
      );
    const { route, params } = found;
    try {
      return answer(route, params, await HANDLERS[route.operation](this.#ctx, req, params));
    } catch (error) {
      return answer(route, params, fail(500, `Internal error: ${(error as Error).message}`), true);
    }
  }

  /** Resolves once every request so far, with its shadow copy, is logged and stored. */
  flush(): Promise<void> {
    return this.#ctx.log.flush();
  }

  /**
   * Stores the records logged so far now, without waiting for shadow copies still being scored
   * (a client must not wait for those): what a host calls before answering, so that whoever got
   * an answer finds its request in the log.
   */
  store(): Promise<void> {
    return this.#ctx.log.store();
  }

  /** Resolves once everything logged so far is stored, without writing early (batches stay whole). */
  settled(): Promise<void> {
    return this.#ctx.log.settled();
  }

  /** The model behind a version, loaded once per router. */
  predictor(model: string, version: number) {
    const key = `${model}/${version}`;
    let loaded = this.#predictors.get(key);
    if (!loaded) {
      loaded = this.#ctx.d.registry.loadPredictor(`models:/${model}/${version}`);
      loaded.catch(() => this.#predictors.delete(key));
      this.#predictors.set(key, loaded);
    }
    return loaded;
  }
}
