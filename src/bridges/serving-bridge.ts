import { proxy, type Remote } from 'comlink';
import { WorkerConnection } from './worker-connection';
import type { ApiRequest, ApiResponse } from '../lib/serving';
import { SERVED_BY } from '../lib/serving/http';
import type { ServingWorkerApi } from '../workers/serving.worker';
import { runStudentRequest } from './student-api-host';

const SITE = () => new URL('./', location.href).href;

/** One request to the prediction API, answered by whoever serves it (see ServingBridge.send). */
export interface SentRequest {
  response: ApiResponse;
  /** 'service worker' when a real fetch was answered by it, 'in-page' otherwise. */
  via: 'service worker' | 'in-page';
  ms: number;
}

/**
 * The only owner of the serving worker. API requests go through a real `fetch` when the
 * service worker serves the page (so the browser's network tools show them), and to the
 * in-page router in the serving worker otherwise; both answer with the same contract.
 */
export class ServingBridge {
  readonly #worker = new WorkerConnection<ServingWorkerApi>({
    create: () =>
      new Worker(new URL('../workers/serving.worker.ts', import.meta.url), { type: 'module' }),
    // In-page, students' APIs run in this page's own workers, called back from the router.
    init: (api) => void api.init(SITE(), proxy(runStudentRequest)),
    crashMessage: (detail) =>
      `The serving worker crashed (${detail}). The next request starts it again; the request log and deployments are stored and stay.`,
  });

  /** Runs `task` against the serving worker (started on first use, restarted after a crash). */
  call<T>(task: (api: Remote<ServingWorkerApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#worker.call(task, signal);
  }

  /** The API's absolute URL for a path such as `v1/models/diabetes/predict`. */
  static url(path: string): string {
    return new URL(`api/${path}`, SITE()).href;
  }

  async send(
    request: Omit<ApiRequest, 'query'> & { query?: ApiRequest['query'] },
  ): Promise<SentRequest> {
    const t0 = performance.now();
    if (navigator.serviceWorker?.controller) {
      const res = await fetch(ServingBridge.url(request.path), {
        method: request.method,
        headers: request.headers,
        ...(request.body === null ? {} : { body: request.body }),
      });
      if (res.headers.get(SERVED_BY)) {
        const text = await res.text();
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k] = v));
        return {
          response: {
            status: res.status,
            headers,
            body: text ? (JSON.parse(text) as unknown) : null,
          },
          via: 'service worker',
          ms: performance.now() - t0,
        };
      }
    }
    const response = await this.call((api) => api.handle({ query: {}, ...request }));
    return { response, via: 'in-page', ms: performance.now() - t0 };
  }

  /** Aborting `signal` ends the serving worker, as a crash would, and rejects the simulation. */
  simulate(
    options: Parameters<ServingWorkerApi['simulate']>[0],
    onProgress: Parameters<ServingWorkerApi['simulate']>[1],
    signal?: AbortSignal,
  ) {
    return this.call((api) => api.simulate(options, proxy(onProgress)), signal);
  }

  dispose(): void {
    this.#worker.stop(new Error('The serving worker was shut down.'));
  }
}
