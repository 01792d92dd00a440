import type { Deployment, VariantName } from './deployment';
import type { ValidationIssue } from './errors';
import type { RunSource } from '../tracking/types';

/** Injected trouble for one version, so a lesson can make a canary slow or failing on purpose. */
export interface Fault {
  /** Extra time before the answer (ms). */
  latencyMs: number;
  /** Share of requests answered with 500. */
  errorRate: number;
}

/** A named endpoint serving versions of one registered model, under `api/v1/models/<name>/`. */
export interface Endpoint {
  name: string;
  /** The registered model whose versions the deployment names. */
  model: string;
  deployment: Deployment;
  /** Faults by version number. */
  faults: Record<number, Fault>;
  /** Batch requests with more rows get 413. */
  maxBatchRows: number;
  createdAt: number;
  updatedAt: number;
}

export const DEFAULT_MAX_BATCH_ROWS = 10_000;
export const ENDPOINT_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export type DeploymentEventKind =
  | 'deploy'
  | 'switch'
  | 'rollback'
  | 'auto-rollback'
  | 'canary-step'
  | 'promote'
  | 'fault'
  | 'undeploy';

/** One change on an endpoint's timeline: what happened, when, from which versions to which. */
export interface DeploymentEvent {
  id: string;
  endpoint: string;
  at: number;
  kind: DeploymentEventKind;
  from: Deployment;
  to: Deployment;
  /** Why, in words: the student's note or the rule that fired. */
  reason: string;
  /**
   * The lesson cell run that made the change (absent when made by hand: the Serving page, a
   * widget). Running that cell again replaces these events, so Run all twice leaves one timeline.
   */
  source?: RunSource;
}

/**
 * How a request was served: scored at once (`sync`), queued as a job (`async`, answered 202),
 * a data version scored as a job (`batch`); or not scored at all — delayed labels (`labels`) and
 * the API's reads, documents, job polls and inboxes (`api`).
 */
export type Pattern = 'sync' | 'async' | 'batch' | 'labels' | 'api';

/** The patterns that score rows: what serving statistics, the canary guard and monitoring read. */
export const SCORING_PATTERNS: readonly Pattern[] = ['sync', 'async', 'batch'];

/**
 * Where requests the router answers without an endpoint of its own are logged: the API's own
 * routes, unknown routes (404), other methods (405) and unreadable paths (400). Endpoint names
 * cannot hold a slash, so it is no endpoint's log.
 */
export const API_LOG = 'api/v1';

/** A request whose model failed: a 5xx, or a job that was accepted (202) and then failed. */
export const failedRequest = (r: { status: number; error: string | null }) =>
  r.status >= 500 || (r.status === 202 && r.error !== null);

/** One request and its answer, as persisted (the course's "persist predictions"). */
export interface RequestRecord {
  id: string;
  endpoint: string;
  at: number;
  method: string;
  path: string;
  pattern: Pattern;
  status: number;
  /** Time to answer, including any injected latency (ms). */
  latencyMs: number;
  /** Time spent choosing the variant (ms). */
  routingMs: number;
  variant: VariantName | null;
  version: number | null;
  /** For a shadow's mirrored copy: the id of the request the champion answered. */
  shadowOf: string | null;
  /** The sticky routing key (header `x-request-key`, else the request id). */
  key: string;
  rows: number;
  /** The validated input rows (at most MAX_LOGGED_ROWS of a batch). */
  inputs: Record<string, unknown>[];
  predictions: number[];
  error: string | null;
  /**
   * A refusal's issues (422), at most MAX_LOGGED_ISSUES with long inputs shortened, so the log
   * says which field was wrong. Absent on records stored before it was kept.
   */
  detail?: ValidationIssue[] | null;
  /** Ground truth, when it arrives (a single-row request's label). */
  label: number | null;
  labelAt: number | null;
  /**
   * Shadow: mean |answered − mirrored| prediction, on the shadow's record (the champion answers,
   * and is logged, before the challenger has scored).
   */
  disagreement: number | null;
  /**
   * The registered model that scored, where the endpoint does not say (a student API's handler
   * names its own, `models:/name@alias`); with `version`, what monitoring compares against.
   */
  model?: string | null;
  /**
   * The lesson cell run that sent the request (its `x-labbook-cell` header): running that cell
   * again replaces these records. Absent for the Serving page's, a form's or a client's own.
   */
  source?: RunSource;
}

export const MAX_LOGGED_ROWS = 100;
const MAX_LOGGED_ISSUES = 20;
/** A logged issue's `input` longer than this (as JSON) is shortened: a 1 MB string stays out of the log. */
const MAX_LOGGED_INPUT_CHARS = 200;

/** Fields of one refused row the log keeps: a row has one per feature, a hostile one thousands. */
const MAX_LOGGED_FIELDS = 50;

/** A value as the log keeps it: itself when short, else a preview saying how long it was. */
function preview(value: unknown): unknown {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_LOGGED_INPUT_CHARS
    ? `${text.slice(0, MAX_LOGGED_INPUT_CHARS)}… (${text.length} chars)`
    : value;
}

/** Issues as the log keeps them: the first MAX_LOGGED_ISSUES, long inputs cut to a preview. */
export function loggedIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues
    .slice(0, MAX_LOGGED_ISSUES)
    .map((issue) => ('input' in issue ? { ...issue, input: preview(issue.input) } : issue));
}

/**
 * A refused row as the log keeps it: at most MAX_LOGGED_FIELDS fields, each value a preview, so
 * a refused body is logged cut down, never whole.
 */
export function loggedRow(row: unknown): Record<string, unknown> {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return { value: preview(row) };
  const entries = Object.entries(row);
  const kept = entries.slice(0, MAX_LOGGED_FIELDS).map(([k, v]) => [k, preview(v)] as const);
  if (entries.length > MAX_LOGGED_FIELDS)
    kept.push(['…', `${entries.length - MAX_LOGGED_FIELDS} more fields`]);
  // defineProperty-like creation: a "__proto__" key stays a plain field, never a prototype.
  return Object.fromEntries(kept);
}
