import { ModelRegistry } from '../registry';
import { fromRequest, SERVED_BY, ServingRouter, toResponse } from '../serving';
import { shareLogFailures } from '../serving/log-failures';
import { importModule } from '../kernel/modules';
import { inProcessStudentHost } from '../serving/student/in-process';
import { cachedPredictors } from '../serving/student/models';
import { projectTexts } from '../serving/student/project-files';
import { labServices, type LabServices } from './services';
import { CELL_HEADER, cellHeader } from '../serving/request-source';
import type { RunSource } from '../tracking/types';
import { replaceEarlierTraffic } from './rerun-traffic';

let current: { services: LabServices; router: ServingRouter; unshare: () => void } | undefined;

/** The kernel's own copy of the prediction API: deployment changes, and answers when no service worker does. */
export function kernelRouter(): ServingRouter {
  const services = labServices();
  if (current?.services !== services) {
    current?.unshare();
    const registry = new ModelRegistry(services.registry, services.tracking);
    const router = new ServingRouter({
      port: services.serving,
      registry,
      catalog: services.catalog,
      serverUrl: new URL('api', services.siteUrl).href,
      // Students' APIs when no service worker answers (Node, the lesson runner, a page without
      // one): run here, as cells run here, through the same route, validation and request log.
      student: inProcessStudentHost({
        readText: projectTexts(services.projects.port),
        importLibrary: importModule,
        loadPredictor: cachedPredictors((uri) => registry.loadPredictor(uri)),
      }),
    });
    // What the service worker or the Serving page could not log shows in cells too.
    current = { services, router, unshare: shareLogFailures(router.logFailures) };
  }
  return current.router;
}

export const apiRoot = () => new URL('api/', labServices().siteUrl);

/**
 * `fetch` as cells see it: relative URLs resolve against the site (not the worker's script), and
 * `api/…` reaches the prediction API — through the service worker when it serves the page (the
 * browser's network tools show the request), else through the kernel's own router.
 */
export async function cellFetch(
  input: RequestInfo | URL,
  init?: RequestInit,
  source?: RunSource,
): Promise<Response> {
  const { siteUrl, networkApi } = labServices();
  const request =
    input instanceof Request
      ? new Request(input, init)
      : new Request(new URL(String(input), siteUrl), init);
  if (!request.url.startsWith(apiRoot().href)) return fetch(request);
  // The cell run that sends it (./rerun-traffic.ts): its re-run replaces this request's record.
  const cell = cellHeader(source);
  if (cell) {
    await replaceEarlierTraffic(source);
    request.headers.set(CELL_HEADER, cell);
  }
  if (networkApi) {
    const response = await fetch(request.clone());
    if (response.headers.get(SERVED_BY)) return response;
  }
  const router = kernelRouter();
  const answer = await router.handle((await fromRequest(request, apiRoot()))!);
  return toResponse(answer, 'labbook-in-page');
}
