import { DataCatalog, openShippedStream, type DataPort } from '../lib/data/catalog';
import { ModelRegistry } from '../lib/registry';
import { fromRequest, ServingRouter, toResponse, type ServingPort } from '../lib/serving';
import { fail } from '../lib/serving/http';
import { shareLogFailures } from '../lib/serving/log-failures';
import { dexieDataPort } from '../lib/store/data-port';
import { openStore } from '../lib/store/open';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { dexieServingPort } from '../lib/store/serving-port';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import type { RegistryPort } from '../lib/registry/types';
import type { TrackingPort } from '../lib/tracking';
import type { StudentHost } from '../lib/serving/student/protocol';

export interface ServingHost {
  router: ServingRouter;
  catalog: DataCatalog;
  registry: ModelRegistry;
  port: ServingPort;
  /** Runs' params and tags (a model's training split, for monitoring). */
  tracking: TrackingPort;
}

export interface HostPorts {
  data: DataPort;
  tracking: TrackingPort;
  registry: RegistryPort;
  serving: ServingPort;
}

/**
 * The prediction API over the workspace database, for whichever worker hosts it: the service
 * worker, the in-page serving worker or a kernel. `fetchShipped` reads a file of the site.
 */
export function servingHost(
  siteUrl: string,
  ports: HostPorts,
  fetchShipped: (url: URL) => Promise<Response> = (url) => fetch(url),
  student?: StudentHost,
): ServingHost {
  const catalog = new DataCatalog({
    port: ports.data,
    openShipped: async (file) =>
      openShippedStream(await fetchShipped(new URL(`datasets/${file}`, siteUrl)), file),
  });
  const registry = new ModelRegistry(ports.registry, ports.tracking);
  const router = new ServingRouter({
    port: ports.serving,
    registry,
    catalog,
    serverUrl: new URL('api', siteUrl).href,
    ...(student ? { student } : {}),
  });
  // Every host shows what any of them could not log (the Serving page is not the service worker).
  shareLogFailures(router.logFailures);
  return { router, catalog, registry, port: ports.serving, tracking: ports.tracking };
}

/** The host over IndexedDB (every worker opens its own connection to the same database). */
export async function openServingHost(
  siteUrl: string,
  fetchShipped?: (url: URL) => Promise<Response>,
  student?: StudentHost,
): Promise<ServingHost> {
  const db = await openStore();
  return servingHost(
    siteUrl,
    {
      data: dexieDataPort(db),
      tracking: dexieTrackingPort(db),
      registry: dexieRegistryPort(db),
      serving: dexieServingPort(db),
    },
    fetchShipped,
    student,
  );
}

/**
 * The API's answer to a fetch, whatever happens on the way: a host that cannot open, a body that
 * cannot be read, a handler or a log write that throws all become a 500 with the reason, never a
 * network error. The request's log record is stored before the answer (a failed write is counted
 * by the router, not thrown).
 */
export async function answerFetch(
  request: Request,
  apiRoot: URL,
  host: () => Promise<ServingHost>,
  servedBy: string,
): Promise<{ response: Response; router: ServingRouter | null }> {
  try {
    const api = await fromRequest(request, apiRoot);
    if (!api) return { response: toResponse(fail(404, 'Not Found'), servedBy), router: null };
    const { router } = await host();
    const answer = await router.handle(api);
    await router.store();
    // Its id says "find me in the log": when the store refused the record, the client is told.
    const id = answer.headers['x-request-id'];
    if (id !== undefined && router.logFailures.lost(id))
      answer.headers = { ...answer.headers, 'x-request-logged': 'false' };
    return { response: toResponse(answer, servedBy), router };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const answer = fail(500, `Internal error: the Labbook could not answer (${reason}).`);
    return { response: toResponse(answer, servedBy), router: null };
  }
}
