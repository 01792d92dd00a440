import { ServingBridge } from '../bridges/serving-bridge';
import type { Endpoint } from '../lib/serving';
import type { ServingWorkerApi } from '../workers/serving.worker';

/** A registered model with its versions, as the serving worker lists them. */
export type ServedModel = Awaited<ReturnType<ServingWorkerApi['models']>>[number];

let shared: ServingBridge | undefined;

/** The page's one serving bridge: every serving page and widget shares its worker. */
export function servingBridge(): ServingBridge {
  return (shared ??= new ServingBridge());
}

/** An error's text exactly as the control plane (or the API) wrote it. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The Serving page: every endpoint with its deployment, and the registered models to deploy. */
export class ServingList {
  endpoints = $state.raw<Endpoint[]>([]);
  models = $state.raw<ServedModel[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const [endpoints, models] = await servingBridge().call((api) =>
        Promise.all([api.endpoints(), api.models()]),
      );
      this.endpoints = endpoints.sort((a, b) => a.name.localeCompare(b.name));
      this.models = models;
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
    this.loaded = true;
  }
}
