import { proxy, wrap, type Remote } from 'comlink';
import type { ApiRequest, ApiResponse } from '../lib/serving';
import type { ServingWorkerApi } from '../workers/serving.worker';

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
  #worker: Worker | undefined;
  #api: Remote<ServingWorkerApi> | undefined;

  get api(): Remote<ServingWorkerApi> {
    if (this.#api) return this.#api;
    const worker = new Worker(new URL('../workers/serving.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#worker = undefined;
      this.#api = undefined;
    });
    this.#worker = worker;
    this.#api = wrap<ServingWorkerApi>(worker);
    void this.#api.init(SITE());
    return this.#api;
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
      if (res.headers.get('x-served-by')) {
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
    const response = await this.api.handle({ query: {}, ...request });
    return { response, via: 'in-page', ms: performance.now() - t0 };
  }

  simulate(...[options, onProgress]: Parameters<ServingWorkerApi['simulate']>) {
    return this.api.simulate(options, proxy(onProgress));
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#api = undefined;
  }
}
