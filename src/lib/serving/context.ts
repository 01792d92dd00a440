import type { DataCatalog } from '../data/catalog';
import type { ModelRegistry, ModelVersion, Predictor } from '../registry';
import type { CanaryWatch } from './canary-watch';
import type { DeploymentControl } from './control';
import type { EndpointCache } from './endpoint-cache';
import type { ApiRequest, ApiResponse } from './http';
import type { Inboxes } from './inboxes';
import type { JobQueue } from './jobs';
import type { ServingPort } from './port';
import type { RequestLogger } from './request-logger';
import type { StudentHost } from './student/protocol';

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
  /** Runs project code for `api/student/<project>/…` (absent: those answer 503). */
  student?: StudentHost;
}

export type Deps = Required<Omit<RouterDeps, 'catalog' | 'student'>> & {
  catalog: DataCatalog | undefined;
  student: StudentHost | undefined;
};

/** What every handler may use: the router's dependencies and its shared parts. */
export interface ServingContext {
  d: Deps;
  control: DeploymentControl;
  endpoints: EndpointCache;
  log: RequestLogger;
  canary: CanaryWatch;
  jobs: JobQueue;
  inboxes: Inboxes;
  /** The model behind a version, loaded once per router. */
  predictor(model: string, version: number): Promise<Predictor & { version: ModelVersion | null }>;
}

/** One operation of the API; `params` are the route's path parameters by name. */
export type Handler = (
  ctx: ServingContext,
  req: ApiRequest,
  params: Record<string, string>,
) => Promise<ApiResponse>;
