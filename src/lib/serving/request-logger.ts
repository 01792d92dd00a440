import type { ValidationIssue } from './errors';
import { loggedIssues, type Endpoint, type Pattern, type RequestRecord } from './endpoint';
import { stickyKey } from './body-limits';
import type { ApiRequest, ApiResponse } from './http';
import { LogFailures } from './log-failures';
import { LogWriter } from './log-writer';
import type { ServingPort } from './port';
import { refusalError } from './scoring';
import { requestSource } from './request-source';

const FLUSH_MS = 100;
/** A batch this long is written at once rather than after FLUSH_MS. */
const FLUSH_ROWS = 500;

/** What the log knows of a request refused before scoring. */
export interface Refusal {
  name: string;
  t0: number;
  pattern: Pattern;
  endpoint?: Endpoint;
}

export interface LoggerDeps {
  port: ServingPort;
  now: () => number;
  clock: () => number;
  newId: () => string;
  /** Sees every record as it is logged (the canary guard's evidence). */
  observe: (record: RequestRecord, endpoint: Endpoint | undefined) => void;
}

/**
 * The request log, written in batches: every request a known endpoint answered or refused, and
 * each shadow copy once it is scored (`mirrors` holds those still being scored).
 */
export class RequestLogger {
  /** Log records the store refused, and why (shown on the Serving page and by lab.serving). */
  readonly failures = new LogFailures();
  /** Shadow copies still being scored: the client already has its answer, the log waits for these. */
  readonly mirrors = new Set<Promise<void>>();
  readonly #writer: LogWriter;
  #buffer: RequestRecord[] = [];
  /** The latest write; never rejects (see LogWriter). */
  #flushing: Promise<void> = Promise.resolve();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly d: LoggerDeps) {
    this.#writer = new LogWriter(d.port, this.failures, d.now);
  }

  /** A record with every field at its default, the endpoint's name and the request's own. */
  record(
    endpoint: Endpoint | string,
    req: ApiRequest,
    fields: Partial<RequestRecord> & { id: string; key: string; pattern: Pattern },
  ): RequestRecord {
    const source = requestSource(req);
    return {
      endpoint: typeof endpoint === 'string' ? endpoint : endpoint.name,
      at: this.d.now(),
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
      ...(source ? { source } : {}),
      ...fields,
    };
  }

  log(record: RequestRecord, endpoint: Endpoint | undefined): void {
    this.#buffer.push(record);
    if (this.#buffer.length >= FLUSH_ROWS) void this.flush();
    else this.#flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
    this.d.observe(record, endpoint);
  }

  /** Logs a request refused before any model saw it (415, 413, 422, 503) and answers it. */
  refuse(req: ApiRequest, at: Refusal, response: ApiResponse): ApiResponse {
    return this.answered(req, at, response);
  }

  /**
   * Logs an answer no model gave (a refusal, a label post, a read of the API) and returns it
   * with the record's id in `x-request-id`; an error status keeps its detail in the record.
   */
  answered(
    req: ApiRequest,
    at: Refusal,
    response: ApiResponse,
    fields: Partial<RequestRecord> = {},
  ): ApiResponse {
    const detail = (response.body as { detail?: unknown } | null)?.detail;
    const failed = response.status >= 400;
    const id = this.d.newId();
    this.log(
      this.record(at.endpoint ?? at.name, req, {
        id,
        key: stickyKey(req, id),
        pattern: at.pattern,
        status: response.status,
        latencyMs: this.d.clock() - at.t0,
        error: failed ? refusalError(detail) : null,
        detail: failed && Array.isArray(detail) ? loggedIssues(detail as ValidationIssue[]) : null,
        ...fields,
      }),
      at.endpoint,
    );
    return { ...response, headers: { ...response.headers, 'x-request-id': id } };
  }

  /** A shadow copy being scored: waited for by flush() and settled(). */
  mirror(copy: Promise<void>): void {
    const held = copy.finally(() => this.mirrors.delete(held));
    this.mirrors.add(held);
  }

  /** Resolves once every request so far, with its shadow copy, is logged and stored. */
  async flush(): Promise<void> {
    await this.#mirrored();
    return this.store();
  }

  /** Stores the records logged so far now, without waiting for shadow copies still being scored. */
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
    await Promise.all([...this.mirrors]);
  }
}
