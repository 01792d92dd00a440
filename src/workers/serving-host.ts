import { DataCatalog, openShippedStream, type DataPort } from '../lib/data/catalog';
import { ModelRegistry } from '../lib/registry';
import { ServingRouter, type ServingPort } from '../lib/serving';
import { dexieDataPort } from '../lib/store/data-port';
import { openStore } from '../lib/store/open';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { dexieServingPort } from '../lib/store/serving-port';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import type { RegistryPort } from '../lib/registry/types';
import type { TrackingPort } from '../lib/tracking';

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

/** Which header says the Labbook answered (a static host's 404 for `api/…` lacks it). */
export const SERVED_BY = 'x-served-by';

/**
 * The prediction API over the workspace database, for whichever worker hosts it: the service
 * worker, the in-page serving worker or a kernel. `fetchShipped` reads a file of the site.
 */
export function servingHost(
  siteUrl: string,
  ports: HostPorts,
  fetchShipped: (url: URL) => Promise<Response> = (url) => fetch(url),
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
  });
  return { router, catalog, registry, port: ports.serving, tracking: ports.tracking };
}

/** The host over IndexedDB (every worker opens its own connection to the same database). */
export async function openServingHost(
  siteUrl: string,
  fetchShipped?: (url: URL) => Promise<Response>,
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
  );
}
