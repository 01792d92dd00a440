import {
  apiPath,
  operationsOf,
  orderForEndpoint,
  validationIssues,
  type OpenApiDoc,
  type Operation,
} from '../lib/serving/openapi-view';
import type { SentRequest } from '../bridges/serving-bridge';
import { apiRoute } from '../lib/serving/routes';
import { messageOf, servingBridge } from './serving.svelte';

/** An endpoint's OpenAPI document, fetched through the API itself, as a list of operations. */
export class ApiDocs {
  doc = $state.raw<OpenApiDoc | null>(null);
  operations = $state.raw<Operation[]>([]);
  /** Why there is nothing to show: the API's own words (404 detail) or a failure. */
  problem = $state<string | null>(null);
  loaded = $state(false);

  async load(endpoint: string): Promise<void> {
    try {
      const { response } = await servingBridge().send({
        method: 'GET',
        path: apiRoute('endpointOpenApi', { name: endpoint }),
        headers: {},
        body: null,
      });
      if (response.status !== 200) {
        this.problem = detailOf(response.body) ?? `The API answered ${response.status}.`;
        this.doc = null;
        this.operations = [];
      } else {
        this.doc = response.body as OpenApiDoc;
        this.operations = orderForEndpoint(operationsOf(this.doc), endpoint);
        const predict = apiRoute('predict', { name: endpoint });
        this.problem = this.operations.some((op) => apiPath(op.path) === predict)
          ? null
          : `Nothing is deployed on "${endpoint}", so it has no operations yet.`;
      }
    } catch (error) {
      this.problem = messageOf(error);
    }
    this.loaded = true;
  }
}

/** A student API's document (`api/student/<project>/openapi.json`), generated from its schemas. */
export class StudentApiDocs extends ApiDocs {
  override async load(project: string): Promise<void> {
    try {
      const { response } = await servingBridge().send({
        method: 'GET',
        path: `student/${project}/openapi.json`,
        headers: {},
        body: null,
      });
      this.doc = response.status === 200 ? (response.body as OpenApiDoc) : null;
      this.operations = this.doc ? operationsOf(this.doc) : [];
      this.problem = this.doc
        ? null
        : (detailOf(response.body) ?? `The API answered ${response.status}.`);
    } catch (error) {
      this.problem = messageOf(error);
    }
    this.loaded = true;
  }
}

function detailOf(body: unknown): string | null {
  const detail = (body as { detail?: unknown } | null)?.detail;
  return typeof detail === 'string' ? detail : null;
}

/** One "Try it" editor: path and header parameters, a JSON body, and the last answer. */
export class TryIt {
  readonly operation: Operation;
  body = $state('');
  params = $state<Record<string, string>>({});
  sent = $state.raw<(SentRequest & { text: string; issues: string[] }) | null>(null);
  sending = $state(false);
  error = $state<string | null>(null);

  constructor(operation: Operation) {
    this.operation = operation;
    const example = operation.body?.example;
    this.body = example === null || example === undefined ? '' : JSON.stringify(example, null, 2);
  }

  /** The path with its `{parameters}` filled in. */
  path(): string {
    return apiPath(this.operation.path).replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(this.params[name] ?? ''),
    );
  }

  async send(): Promise<void> {
    this.error = null;
    this.sending = true;
    const headers: Record<string, string> = {};
    for (const p of this.operation.parameters)
      if (p.in === 'header' && this.params[p.name]?.trim()) headers[p.name] = this.params[p.name]!;
    const withBody = this.operation.body !== null;
    if (withBody) headers['content-type'] = 'application/json';
    try {
      const sent = await servingBridge().send({
        method: this.operation.method,
        path: this.path(),
        headers,
        body: withBody ? this.body : null,
      });
      this.sent = {
        ...sent,
        text: JSON.stringify(sent.response.body, null, 2) ?? '',
        issues: sent.response.status === 422 ? validationIssues(sent.response.body) : [],
      };
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.sending = false;
    }
  }
}
