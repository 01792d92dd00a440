import type { DataCatalog } from '../data/catalog';
import type { ModelRegistry, ModelVersion, Predictor } from '../registry';
import { COURSE_ENDPOINT, coursePatientRow } from './course-app';
import { DeploymentControl } from './control';
import {
  describeDeployment,
  deployedVersions,
  primaryVersion,
  route,
  type Route,
  type Variant,
} from './deployment';
import {
  loggedIssues,
  loggedRow,
  MAX_LOGGED_ROWS,
  type Endpoint,
  type Pattern,
  type RequestRecord,
} from './endpoint';
import { ServingError, type ValidationIssue } from './errors';
import { judgeCanary, readyToAdvance } from './guard';
import { keyIssue, readJsonBody, stickyKey } from './body-limits';
import { fail, json, type ApiRequest, type ApiResponse } from './http';
import { LogFailures } from './log-failures';
import { LogWriter } from './log-writer';
import { JobQueue, type Job } from './jobs';
import { openApiDocument } from './openapi';
import type { ServingPort } from './port';
import { scoreDataset } from './batch-score';
import { batchRecords, validateRecord } from './validate';

/** The rows a refused request sent, as far as the log keeps them (long values cut to a preview). */
const loggedRows = (records: unknown[]) => records.slice(0, MAX_LOGGED_ROWS).map(loggedRow);

/**
 * A 422 issue per row whose prediction is not a finite number (a 1e308 input overflows a linear
 * model to Infinity), naming the row's largest input: the likely cause.
 */
function nonFinite(
  predictions: number[],
  rows: Record<string, number | string>[],
  singleLoc: (string | number)[] | null,
  loc: (string | number)[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  predictions.forEach((p, i) => {
    if (Number.isFinite(p) || issues.length >= MAX_ISSUES) return;
    const numeric = Object.entries(rows[i] ?? {}).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    );
    const largest = numeric.sort(([, a], [, b]) => Math.abs(b) - Math.abs(a))[0];
    issues.push({
      loc: singleLoc ?? [...loc, i],
      type: 'non_finite_prediction',
      msg: `The model's output is not finite (${p}) for these inputs${largest ? `; the largest is ${largest[0]} = ${largest[1]}` : ''}: likely far outside the training range. Send values within the range the model was trained on.`,
      input: rows[i],
    });
  });
  return issues;
}

export interface RouterDeps {
  port: ServingPort;
  registry: ModelRegistry;
  /** Data for the course app's random patient and for batch scoring of data versions. */
  catalog?: DataCatalog;
  /** Wall clock for the log (epoch ms). */
  now?: () => number;
  /** Monotonic clock for latencies (ms). */
  clock?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  newId?: () => string;
  /** The API's absolute URL, for the OpenAPI document's `servers`. */
  serverUrl?: string;
}

/** How long an endpoint's settings are trusted before they are read again (changes also push). */
const ENDPOINT_TTL_MS = 2000;
const FLUSH_MS = 100;
/** 422 answers list at most this many issues (a 10,000-row batch of wrong rows stays readable). */
const MAX_ISSUES = 100;

type Handler = (req: ApiRequest, params: string[]) => Promise<ApiResponse>;
type Served = { endpoint: Endpoint } | { response: ApiResponse };
/** What the log knows of a request refused before scoring. */
interface Refusal {
  name: string;
  t0: number;
  pattern: Pattern;
  endpoint?: Endpoint;
}

/** A refusal's `detail` in the log's words: the text, or the first issue and how many there were. */
function refusalError(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const first = detail[0] as ValidationIssue | undefined;
    // Bounded: a loc and msg can quote what the client sent, and this goes into every log record.
    const where = first ? ` (first: ${`${first.loc.join('.')}: ${first.msg}`.slice(0, 500)})` : '';
    return `${detail.length} validation issue(s)${where}`;
  }
  return 'refused';
}
interface Scored {
  record: RequestRecord;
  predictions: number[];
}

/**
 * The prediction API's one implementation: the service worker hosts it, and so does the in-page
 * fallback. Endpoint settings and models are cached; the request log is written in batches.
 */
export class ServingRouter {
  readonly control: DeploymentControl;
  readonly #d: Required<Omit<RouterDeps, 'catalog'>> & { catalog: DataCatalog | undefined };
  readonly #endpoints = new Map<string, { value: Endpoint | undefined; at: number }>();
  readonly #predictors = new Map<string, Promise<Predictor & { version: ModelVersion | null }>>();
  /**
   * The canary guard's evidence per endpoint: requests under one deployment (its JSON), and how
   * many the canary answered under it (the records are trimmed; the count is not).
   */
  readonly #recent = new Map<
    string,
    { deployment: string; records: RequestRecord[]; canary: number; stuck?: boolean }
  >();
  readonly #jobs: JobQueue;
  readonly #inboxes = new Map<string, unknown[]>();
  #buffer: RequestRecord[] = [];
  /** The latest write; never rejects (see LogWriter). */
  #flushing: Promise<void> = Promise.resolve();
  /** Log records the store refused, and why (shown on the Serving page and by lab.serving). */
  readonly logFailures = new LogFailures();
  readonly #writer: LogWriter;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #judging = new Set<string>();
  /** Shadow copies still being scored: the client already has its answer, the log waits for these. */
  readonly #mirrors = new Set<Promise<void>>();
  readonly #routes: [string, RegExp, Handler][];

  constructor(deps: RouterDeps) {
    this.#d = {
      now: Date.now,
      clock: () => performance.now(),
      random: Math.random,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      newId: () => crypto.randomUUID(),
      serverUrl: '/api',
      ...deps,
      catalog: deps.catalog,
    };
    this.control = new DeploymentControl({
      port: deps.port,
      registry: deps.registry,
      now: this.#d.now,
      newId: this.#d.newId,
    });
    this.#jobs = new JobQueue(this.#d.now, (job) => this.#deliver(job));
    this.#writer = new LogWriter(deps.port, this.logFailures, this.#d.now);
    deps.port.onChange((name) => {
      this.#endpoints.delete(name);
    });
    const m = '([^/]+)';
    this.#routes = [
      ['GET', /^v1\/health$/, () => this.#health()],
      ['GET', /^v1\/openapi\.json$/, () => this.#openapi()],
      ['GET', /^v1\/models$/, () => this.#list()],
      ['GET', new RegExp(`^v1/models/${m}$`), (_, [n]) => this.#endpointHealth(n!)],
      ['GET', new RegExp(`^v1/models/${m}/health$`), (_, [n]) => this.#endpointHealth(n!)],
      ['GET', new RegExp(`^v1/models/${m}/openapi\\.json$`), (_, [n]) => this.#openapi(n)],
      ['POST', new RegExp(`^v1/models/${m}/predict$`), (r, [n]) => this.#predict(r, n!, 'v1')],
      ['POST', new RegExp(`^v1/models/${m}/invocations$`), (r, [n]) => this.#invocations(r, n!)],
      ['POST', new RegExp(`^v1/models/${m}/jobs$`), (r, [n]) => this.#submitJob(r, n!)],
      ['POST', new RegExp(`^v1/models/${m}/labels$`), (r, [n]) => this.#labels(r, n!)],
      ['GET', new RegExp(`^v1/jobs/${m}$`), (_, [id]) => this.#job(id!)],
      ['GET', new RegExp(`^v1/webhooks/${m}$`), (_, [b]) => this.#inbox(b!)],
      ['POST', new RegExp(`^v1/webhooks/${m}$`), (r, [b]) => this.#toInbox(r, b!)],
      // The course's own diabetes API (FastAPI in the course): POST /predict → {"result": y}.
      ['POST', /^diabetes\/predict$/, (r) => this.#predict(r, COURSE_ENDPOINT, 'course')],
      ['GET', /^diabetes\/patients\/randomtest$/, () => this.#randomPatient()],
    ];
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    if (req.malformed !== undefined) return fail(400, req.malformed);
    const matching = this.#routes.filter(([, pattern]) => pattern.test(req.path));
    if (matching.length === 0)
      return fail(404, `Not Found: no API route "${req.path}". GET v1/openapi.json lists them.`);
    const found = matching.find(([method]) => method === req.method);
    if (!found)
      return json(
        405,
        { detail: 'Method Not Allowed' },
        { allow: matching.map(([m]) => m).join(', ') },
      );
    try {
      return await found[2](req, found[1].exec(req.path)!.slice(1));
    } catch (error) {
      return fail(500, `Internal error: ${(error as Error).message}`);
    }
  }

  /** Resolves once every request so far, with its shadow copy, is logged and stored. */
  async flush(): Promise<void> {
    await this.#mirrored();
    return this.store();
  }

  /**
   * Stores the records logged so far now, without waiting for shadow copies still being scored
   * (a client must not wait for those): what a host calls before answering, so that whoever got
   * an answer finds its request in the log.
   */
  store(): Promise<void> {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const batch = this.#buffer;
    this.#buffer = [];
    return (this.#flushing = this.#writer.write(batch));
  }

  /** Resolves once everything logged so far is stored, without writing early (batches stay whole). */
  async settled(): Promise<void> {
    await this.#mirrored();
    while (this.#buffer.length || this.#flushTimer !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
      if (this.#flushTimer === undefined && this.#buffer.length) await this.flush();
    }
    await this.#flushing;
  }

  /**
   * Resolves once every shadow copy started so far is scored and logged. Copies started later
   * are not waited for: under steady traffic to a slow shadow there would always be one.
   */
  async #mirrored(): Promise<void> {
    await Promise.all([...this.#mirrors]);
  }

  /** The model behind a version, loaded once per router. */
  predictor(model: string, version: number) {
    const key = `${model}/${version}`;
    let loaded = this.#predictors.get(key);
    if (!loaded) {
      loaded = this.#d.registry.loadPredictor(`models:/${model}/${version}`);
      loaded.catch(() => this.#predictors.delete(key));
      this.#predictors.set(key, loaded);
    }
    return loaded;
  }

  async #endpoint(name: string): Promise<Endpoint | undefined> {
    const cached = this.#endpoints.get(name);
    if (cached && this.#d.now() - cached.at < ENDPOINT_TTL_MS) return cached.value;
    const value = await this.#d.port.endpoint(name);
    this.#endpoints.set(name, { value, at: this.#d.now() });
    return value;
  }

  async #served(name: string): Promise<Served> {
    const endpoint = await this.#endpoint(name);
    if (!endpoint) {
      const known = (await this.#d.port.endpoints()).map((e) => e.name);
      return {
        response: fail(
          404,
          `Model endpoint "${name}" not found. ${known.length ? `Served here: ${known.join(', ')}.` : 'Nothing is served yet: deploy a registered model with lab.serving.deploy().'}`,
        ),
      };
    }
    if (endpoint.deployment.strategy === 'none')
      return { response: fail(503, `No version of "${endpoint.model}" is deployed on "${name}".`) };
    return { endpoint };
  }

  #record(
    endpoint: Endpoint | string,
    req: ApiRequest,
    fields: Partial<RequestRecord> & { id: string; key: string; pattern: Pattern },
  ): RequestRecord {
    return {
      endpoint: typeof endpoint === 'string' ? endpoint : endpoint.name,
      at: this.#d.now(),
      method: req.method,
      path: req.path,
      status: 200,
      latencyMs: 0,
      routingMs: 0,
      variant: null,
      version: null,
      shadowOf: null,
      rows: 0,
      inputs: [],
      predictions: [],
      error: null,
      detail: null,
      label: null,
      labelAt: null,
      disagreement: null,
      ...fields,
    };
  }

  #log(record: RequestRecord, endpoint: Endpoint | undefined): void {
    this.#buffer.push(record);
    if (this.#buffer.length >= 500) void this.flush();
    else this.#flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
    if (endpoint?.deployment.strategy !== 'canary' || record.variant === null) return;
    // A new canary is judged on its own requests, not on those of the one deployed before it.
    const deployment = JSON.stringify(endpoint.deployment);
    let held = this.#recent.get(endpoint.name);
    if (held?.deployment !== deployment)
      this.#recent.set(endpoint.name, (held = { deployment, records: [], canary: 0 }));
    const recent = held.records;
    recent.push(record);
    if (record.variant === 'canary' && record.shadowOf === null) held.canary++;
    const keep = endpoint.deployment.rollback.window * 4;
    if (recent.length > keep * 2) recent.splice(0, recent.length - keep);
    if (record.variant === 'canary') this.#judge(endpoint);
  }

  /** Logs a request refused before any model saw it (415, 413, 422, 503) and answers it. */
  #refuse(req: ApiRequest, at: Refusal, response: ApiResponse): ApiResponse {
    const detail = (response.body as { detail?: unknown } | null)?.detail;
    const id = this.#d.newId();
    this.#log(
      this.#record(at.endpoint ?? at.name, req, {
        id,
        key: stickyKey(req, id),
        pattern: at.pattern,
        status: response.status,
        latencyMs: this.#d.clock() - at.t0,
        error: refusalError(detail),
        detail: Array.isArray(detail) ? loggedIssues(detail as ValidationIssue[]) : null,
      }),
      at.endpoint,
    );
    return { ...response, headers: { ...response.headers, 'x-request-id': id } };
  }

  /** The canary guard: pulls the canary back when its recent requests break a rule. */
  #judge(endpoint: Endpoint): void {
    const d = endpoint.deployment;
    if (d.strategy !== 'canary' || this.#judging.has(endpoint.name)) return;
    const held = this.#recent.get(endpoint.name);
    const verdict = judgeCanary(held?.records ?? [], d.rollback);
    if (!verdict.rollback) {
      const after = d.autoAdvance ?? null;
      if (held && after !== null && !held.stuck)
        if (readyToAdvance(held.records, d.rollback, held.canary, after))
          this.#advance(
            endpoint.name,
            held,
            `${held.canary} canary requests within the rules at ${d.percent} %`,
          );
      return;
    }
    this.#judging.add(endpoint.name);
    // Applied here at once, so the next request already goes to stable; stored for everyone else.
    this.#endpoints.set(endpoint.name, {
      value: { ...endpoint, deployment: { strategy: 'single', version: d.stable } },
      at: this.#d.now(),
    });
    this.#recent.delete(endpoint.name);
    void this.control
      .rollback(endpoint.name, `automatic rollback: ${verdict.reason}`, true)
      .catch(() => this.#endpoints.delete(endpoint.name))
      .finally(() => this.#judging.delete(endpoint.name));
  }

  /** The automatic ramp: the plan's next step, or promotion after its last step. */
  #advance(name: string, held: { stuck?: boolean }, evidence: string): void {
    this.#judging.add(name);
    void this.control
      .advanceCanary(name, `automatic ramp: ${evidence}`)
      .then(() => this.#endpoints.delete(name))
      // Refused (the champion gate's tests failed, say): this canary stays where it is, and the
      // student's own "Promote" shows why; retrying at every request would only repeat it.
      .catch(() => (held.stuck = true))
      .finally(() => this.#judging.delete(name));
  }

  /** Validates, routes, scores (and shadows) rows; every outcome is logged. */
  async #score(
    req: ApiRequest,
    endpoint: Endpoint,
    records: unknown[],
    loc: (string | number)[],
    pattern: Pattern,
    chosen?: { id: string; key: string; route: Route; routingMs: number },
  ): Promise<Scored | { response: ApiResponse; record: RequestRecord }> {
    const t0 = this.#d.clock();
    const id = chosen?.id ?? this.#d.newId();
    const key = chosen?.key ?? stickyKey(req, id);
    const r0 = this.#d.clock();
    const picked = chosen?.route ?? route(endpoint.deployment, key)!;
    const routingMs = chosen?.routingMs ?? this.#d.clock() - r0;
    const base = {
      id,
      key,
      pattern,
      routingMs,
      variant: picked.serve.name,
      version: picked.serve.version,
      rows: records.length,
    };
    const finish = (status: number, body: unknown, extra: Partial<RequestRecord> = {}) => {
      const record = this.#record(endpoint, req, {
        ...base,
        status,
        latencyMs: this.#d.clock() - t0,
        ...extra,
      });
      this.#log(record, endpoint);
      return { response: json(status, body, { 'x-request-id': id }), record };
    };
    if (records.length > endpoint.maxBatchRows) {
      const detail = `${records.length} rows exceed this endpoint's limit of ${endpoint.maxBatchRows} per request; split the batch or use a batch job.`;
      return finish(413, { detail }, { error: detail });
    }
    if (records.length === 0) {
      const detail = [
        { loc, type: 'too_short', msg: 'List should have at least 1 item after validation, not 0' },
      ];
      return finish(422, { detail }, { error: refusalError(detail), detail });
    }
    const served = await this.predictor(endpoint.model, picked.serve.version);
    const single = pattern === 'sync' && records.length === 1;
    const { rows, issues } = this.#validate(records, served.signature.inputs, loc, single);
    if (issues.length)
      return finish(
        422,
        { detail: issues.slice(0, MAX_ISSUES) },
        {
          error: refusalError(issues),
          detail: loggedIssues(issues),
          inputs: loggedRows(records),
        },
      );
    const fault = endpoint.faults[picked.serve.version];
    if (fault?.latencyMs) await this.#d.sleep(fault.latencyMs);
    if (fault && this.#d.random() < fault.errorRate)
      return finish(
        500,
        { detail: `v${picked.serve.version} failed (a fault injected on this endpoint)` },
        { error: 'injected fault', inputs: rows.slice(0, MAX_LOGGED_ROWS) },
      );
    let predictions: number[];
    try {
      predictions = served.predict(rows);
    } catch (error) {
      const msg = (error as Error).message;
      return finish(
        500,
        { detail: `v${picked.serve.version} could not score this input: ${msg}` },
        { error: msg, inputs: rows.slice(0, MAX_LOGGED_ROWS) },
      );
    }
    // JSON has no Infinity or NaN: answered as 200, such a prediction would reach the client as null.
    const overflow = nonFinite(predictions, rows, single ? loc : null, loc);
    if (overflow.length)
      return finish(
        422,
        { detail: overflow.slice(0, MAX_ISSUES) },
        {
          error: refusalError(overflow),
          detail: loggedIssues(overflow),
          inputs: rows.slice(0, MAX_LOGGED_ROWS),
        },
      );
    const { record } = finish(200, null, {
      inputs: rows.slice(0, MAX_LOGGED_ROWS),
      predictions: predictions.slice(0, MAX_LOGGED_ROWS),
    });
    // A true mirror: the client has its answer (and its latency) before the challenger starts.
    if (picked.mirror) {
      const mirror = this.#shadow(req, endpoint, picked.mirror, rows, predictions, id, key).finally(
        () => this.#mirrors.delete(mirror),
      );
      this.#mirrors.add(mirror);
    }
    return { record, predictions };
  }

  #validate(
    records: unknown[],
    inputs: Predictor['signature']['inputs'],
    loc: (string | number)[],
    single: boolean,
  ) {
    const rows: Record<string, unknown>[] = [];
    const issues: ValidationIssue[] = [];
    records.forEach((value, i) => {
      const checked = validateRecord(value, inputs, single ? loc : [...loc, i]);
      rows.push(checked.row);
      // Not push(...all): a spread of 100,000 issues overflows the stack.
      for (const issue of checked.issues.slice(0, MAX_ISSUES - issues.length)) issues.push(issue);
    });
    return { rows: rows as Record<string, number | string>[], issues };
  }

  /**
   * The challenger scores the same rows after the client is answered; its answer, latency and
   * disagreement (or its failure) are logged, never returned. The challenger's faults apply.
   */
  async #shadow(
    req: ApiRequest,
    endpoint: Endpoint,
    mirror: Variant,
    rows: Record<string, number | string>[],
    answered: number[],
    shadowOf: string,
    key: string,
  ): Promise<void> {
    const t0 = this.#d.clock();
    // Named after the answered request, so its label (when it arrives) reaches this copy too.
    const base = {
      id: `${shadowOf}:shadow`,
      key,
      pattern: 'sync' as const,
      shadowOf,
      variant: mirror.name,
      version: mirror.version,
      rows: rows.length,
    };
    try {
      const challenger = await this.predictor(endpoint.model, mirror.version);
      const fault = endpoint.faults[mirror.version];
      if (fault?.latencyMs) await this.#d.sleep(fault.latencyMs);
      if (fault && this.#d.random() < fault.errorRate)
        throw new ServingError(
          'model-failed',
          `v${mirror.version} failed (a fault injected on this endpoint)`,
        );
      const mirrored = challenger.predict(rows);
      const overflow = nonFinite(mirrored, rows, null, []);
      if (overflow.length) throw new ServingError('model-failed', overflow[0]!.msg);
      const disagreement =
        mirrored.reduce((a, p, i) => a + Math.abs(p - answered[i]!), 0) / mirrored.length;
      this.#log(
        this.#record(endpoint, req, {
          ...base,
          latencyMs: this.#d.clock() - t0,
          inputs: rows.slice(0, MAX_LOGGED_ROWS),
          predictions: mirrored.slice(0, MAX_LOGGED_ROWS),
          disagreement,
        }),
        endpoint,
      );
    } catch (error) {
      // A failing shadow must never change the client's answer; it is logged as a failure.
      this.#log(
        this.#record(endpoint, req, {
          ...base,
          status: 500,
          latencyMs: this.#d.clock() - t0,
          error: (error as Error).message,
          inputs: rows.slice(0, MAX_LOGGED_ROWS),
        }),
        endpoint,
      );
    }
  }

  /**
   * The checks every scoring request passes first: a JSON body, a served endpoint, valid JSON.
   * A refusal is logged here; `at` gains the endpoint, for the caller's own refusals.
   */
  async #accept(
    req: ApiRequest,
    at: Refusal,
  ): Promise<
    { response: ApiResponse } | { served: { endpoint: Endpoint }; parsed: { value: unknown } }
  > {
    // The endpoint first, as a router matches the path before reading the body (FastAPI's order).
    const served = await this.#served(at.name);
    if ('response' in served)
      // An unknown name has no log to go to: logging it would start one for every typo.
      return served.response.status === 404
        ? served
        : { response: this.#refuse(req, at, served.response) };
    at.endpoint = served.endpoint;
    const badKey = keyIssue(req);
    if (badKey) return { response: this.#refuse(req, at, badKey) };
    const parsed = readJsonBody(req);
    if ('refused' in parsed) return { response: this.#refuse(req, at, parsed.refused) };
    return { served, parsed };
  }

  async #predict(req: ApiRequest, name: string, flavour: 'v1' | 'course'): Promise<ApiResponse> {
    const accepted = await this.#accept(req, { name, t0: this.#d.clock(), pattern: 'sync' });
    if ('response' in accepted) return accepted.response;
    const { served, parsed } = accepted;
    const scored = await this.#score(req, served.endpoint, [parsed.value], ['body'], 'sync');
    if ('response' in scored) return scored.response;
    const { record, predictions } = scored;
    const headers = { 'x-request-id': record.id, 'x-model-version': String(record.version) };
    return flavour === 'course'
      ? json(200, { result: predictions[0] }, headers)
      : json(
          200,
          {
            prediction: predictions[0],
            model: served.endpoint.model,
            version: record.version,
            variant: record.variant,
            request_id: record.id,
          },
          headers,
        );
  }

  async #invocations(req: ApiRequest, name: string): Promise<ApiResponse> {
    const at: Refusal = { name, t0: this.#d.clock(), pattern: 'sync' };
    const accepted = await this.#accept(req, at);
    if ('response' in accepted) return accepted.response;
    const { served, parsed } = accepted;
    const batch = batchRecords(parsed.value);
    if (!batch.ok) return this.#refuse(req, at, fail(422, batch.issues));
    const scored = await this.#score(
      req,
      served.endpoint,
      batch.records,
      ['body', batch.loc],
      'sync',
    );
    if ('response' in scored) return scored.response;
    return json(
      200,
      {
        predictions: scored.predictions,
        model: served.endpoint.model,
        version: scored.record.version,
        variant: scored.record.variant,
        request_id: scored.record.id,
      },
      { 'x-request-id': scored.record.id },
    );
  }

  async #submitJob(req: ApiRequest, name: string): Promise<ApiResponse> {
    const at: Refusal = { name, t0: this.#d.clock(), pattern: 'async' };
    const accepted = await this.#accept(req, at);
    if ('response' in accepted) return accepted.response;
    const { served, parsed } = accepted;
    const body = parsed.value as Record<string, unknown>;
    const inbox = this.#callbackInbox(body?.callback_url);
    if (inbox instanceof Array) return this.#refuse(req, at, fail(422, inbox));
    const id = this.#d.newId();
    const endpoint = served.endpoint;
    if (typeof body?.dataset === 'string') {
      const catalog = this.#d.catalog;
      if (!catalog)
        return this.#refuse(
          req,
          { ...at, pattern: 'batch' },
          fail(503, 'Batch scoring of data versions is not available here.'),
        );
      const version = primaryVersion(endpoint.deployment)!;
      const job = this.#jobs.submit(id, name, 0, async () => {
        const t0 = this.#d.clock();
        const predictor = await this.predictor(endpoint.model, version);
        const result = await scoreDataset(
          catalog,
          endpoint,
          { predictor, version },
          body.dataset as string,
        );
        this.#log(
          this.#record(endpoint, req, {
            id,
            key: id,
            pattern: 'batch',
            variant: 'single',
            version,
            rows: result.rows,
            latencyMs: this.#d.clock() - t0,
          }),
          endpoint,
        );
        return result;
      });
      return this.#accepted(job, inbox);
    }
    const batch = batchRecords(body);
    if (!batch.ok) return this.#refuse(req, at, fail(422, batch.issues));
    // Route and validate now, so a bad body is refused at once rather than in a failed job.
    const key = stickyKey(req, id);
    const picked = route(endpoint.deployment, key)!;
    const served2 = await this.predictor(endpoint.model, picked.serve.version);
    const { issues } = this.#validate(
      batch.records,
      served2.signature.inputs,
      ['body', batch.loc],
      false,
    );
    if (issues.length) return this.#refuse(req, at, fail(422, issues.slice(0, MAX_ISSUES)));
    if (batch.records.length > endpoint.maxBatchRows)
      return this.#refuse(
        req,
        at,
        fail(
          413,
          `${batch.records.length} rows exceed this endpoint's limit of ${endpoint.maxBatchRows} per job.`,
        ),
      );
    const job = this.#jobs.submit(id, name, batch.records.length, async () => {
      const scored = await this.#score(req, endpoint, batch.records, ['body', batch.loc], 'async', {
        id,
        key,
        route: picked,
        routingMs: 0,
      });
      if ('response' in scored)
        throw new ServingError(
          'model-failed',
          JSON.stringify((scored.response.body as { detail: unknown }).detail),
        );
      return {
        predictions: scored.predictions,
        model: endpoint.model,
        version: scored.record.version,
        variant: scored.record.variant,
      };
    });
    return this.#accepted(job, inbox);
  }

  #accepted(job: Job & { position: number }, inbox: string | null): ApiResponse {
    if (inbox) this.#callbacks.set(job.job_id, inbox);
    return json(
      202,
      {
        job_id: job.job_id,
        status: job.status,
        position: job.position,
        status_url: `v1/jobs/${job.job_id}`,
      },
      { location: `v1/jobs/${job.job_id}` },
    );
  }

  readonly #callbacks = new Map<string, string>();

  /** Callbacks go to an inbox of this API: there is no server to call back, only the browser. */
  #callbackInbox(url: unknown): string | null | ValidationIssue[] {
    if (url === undefined || url === null) return null;
    const match = typeof url === 'string' ? /(?:^|\/)v1\/webhooks\/([\w-]{1,64})$/.exec(url) : null;
    return match
      ? match[1]!
      : [
          {
            loc: ['body', 'callback_url'],
            type: 'callback_url',
            msg: 'A callback goes to an inbox of this API, e.g. "v1/webhooks/my-inbox" (read it with GET)',
            input: url,
          },
        ];
  }

  #deliver(job: Job): void {
    const inbox = this.#callbacks.get(job.job_id);
    if (!inbox) return;
    this.#callbacks.delete(job.job_id);
    this.#pushInbox(inbox, job);
  }

  #pushInbox(inbox: string, item: unknown): void {
    const items = this.#inboxes.get(inbox) ?? [];
    items.push(item);
    this.#inboxes.set(inbox, items.slice(-1000));
  }

  async #job(id: string): Promise<ApiResponse> {
    const job = this.#jobs.get(id);
    return job
      ? json(200, job)
      : fail(
          404,
          `No job "${id}" (jobs live in the API that queued them, and finished ones are kept for a while).`,
        );
  }

  async #inbox(name: string): Promise<ApiResponse> {
    return json(200, this.#inboxes.get(name) ?? []);
  }

  async #toInbox(req: ApiRequest, name: string): Promise<ApiResponse> {
    const parsed = readJsonBody(req, { anyType: true });
    if ('refused' in parsed) return parsed.refused;
    this.#pushInbox(name, parsed.value);
    return json(200, { stored: true });
  }

  async #labels(req: ApiRequest, name: string): Promise<ApiResponse> {
    const parsed = readJsonBody(req);
    if ('refused' in parsed) return parsed.refused;
    const endpoint = await this.#endpoint(name);
    if (!endpoint) return fail(404, `Model endpoint "${name}" not found.`);
    const list = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
    if (list.length > endpoint.maxBatchRows)
      return fail(
        413,
        `${list.length} labels exceed this endpoint's limit of ${endpoint.maxBatchRows} per request; send them in parts.`,
      );
    const issues: ValidationIssue[] = [];
    const labels = list.flatMap((item, i) => {
      const r = item as { request_id?: unknown; label?: unknown };
      if (typeof r?.request_id !== 'string')
        issues.push({
          loc: ['body', i, 'request_id'],
          type: 'string_type',
          msg: 'Input should be a valid string',
          input: r?.request_id,
        });
      if (typeof r?.label !== 'number' || !Number.isFinite(r.label))
        issues.push({
          loc: ['body', i, 'label'],
          type: 'finite_number',
          msg: 'Input should be a finite number',
          input: r?.label,
        });
      return issues.length
        ? []
        : [{ id: r.request_id as string, label: r.label as number, at: this.#d.now() }];
    });
    if (issues.length) return fail(422, issues.slice(0, MAX_ISSUES));
    await this.flush();
    const shadows = labels.map((l) => ({ ...l, id: `${l.id}:shadow` }));
    const found = (await this.#d.port.label([...labels, ...shadows])).filter(
      (r) => r.shadowOf === null,
    );
    // Records still held for the canary guard get their labels too, then the guard looks again.
    const recent = this.#recent.get(name)?.records ?? [];
    const byId = new Map([...labels, ...shadows].map((l) => [l.id, l]));
    for (const r of recent) {
      const l = byId.get(r.id);
      if (l) Object.assign(r, { label: l.label, labelAt: l.at });
    }
    if (recent.length) this.#judge(endpoint);
    const known = new Set(found.map((r) => r.id));
    return json(200, {
      labelled: found.length,
      unknown: labels.filter((l) => !known.has(l.id)).map((l) => l.id),
    });
  }

  async #health(): Promise<ApiResponse> {
    const endpoints = await this.#d.port.endpoints();
    return json(200, {
      status: 'ok',
      endpoints: endpoints.length,
      deployed: endpoints.filter((e) => e.deployment.strategy !== 'none').length,
      queued_jobs: this.#jobs.queued,
      // Requests answered but not in the log: a student reading the log must know it is incomplete.
      log_failures: this.logFailures.state,
    });
  }

  async #list(): Promise<ApiResponse> {
    const endpoints = await this.#d.port.endpoints();
    return json(
      200,
      endpoints.map((e) => ({
        name: e.name,
        model: e.model,
        strategy: e.deployment.strategy,
        deployment: describeDeployment(e.deployment),
        versions: deployedVersions(e.deployment),
      })),
    );
  }

  async #endpointHealth(name: string): Promise<ApiResponse> {
    const endpoint = await this.#d.port.endpoint(name);
    if (!endpoint) return ((await this.#served(name)) as { response: ApiResponse }).response;
    const versions = await Promise.all(
      deployedVersions(endpoint.deployment).map(async (v) => {
        try {
          await this.predictor(endpoint.model, v);
          return { version: v, loaded: true, error: null };
        } catch (error) {
          return { version: v, loaded: false, error: (error as Error).message };
        }
      }),
    );
    const ok = versions.length > 0 && versions.every((v) => v.loaded);
    return json(ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      name,
      model: endpoint.model,
      strategy: endpoint.deployment.strategy,
      deployment: describeDeployment(endpoint.deployment),
      versions,
    });
  }

  async #openapi(name?: string): Promise<ApiResponse> {
    const endpoints = name ? [await this.#d.port.endpoint(name)] : await this.#d.port.endpoints();
    if (name && !endpoints[0]) return fail(404, `Model endpoint "${name}" not found.`);
    const served = await Promise.all(
      endpoints.flatMap((endpoint) => {
        const v = endpoint ? primaryVersion(endpoint.deployment) : null;
        return endpoint && v !== null
          ? [
              this.#d.registry
                .getVersion(endpoint.model, v)
                .then((version) => ({ endpoint, version })),
            ]
          : [];
      }),
    );
    return json(200, openApiDocument(served, this.#d.serverUrl));
  }

  async #randomPatient(): Promise<ApiResponse> {
    const served = await this.#served(COURSE_ENDPOINT);
    if ('response' in served) return served.response;
    if (!this.#d.catalog) return fail(503, 'The patients table is not available here.');
    const v = primaryVersion(served.endpoint.deployment)!;
    const { signature } = await this.predictor(served.endpoint.model, v);
    const patient = await coursePatientRow(this.#d.catalog, signature.inputs, this.#d.random);
    return 'error' in patient ? fail(503, patient.error) : json(200, patient);
  }
}
