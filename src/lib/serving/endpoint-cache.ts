import type { Endpoint } from './endpoint';
import { fail, type ApiResponse } from './http';
import type { ServingPort } from './port';

/** How long an endpoint's settings are trusted before they are read again (changes also push). */
const ENDPOINT_TTL_MS = 2000;

/** An endpoint's settings as the router last read them, or its answer when it cannot serve. */
export type Served = { endpoint: Endpoint } | { response: ApiResponse };

/** Endpoint settings, cached for a moment: every scoring request needs them. */
export class EndpointCache {
  readonly #held = new Map<string, { value: Endpoint | undefined; at: number }>();

  constructor(
    private readonly port: ServingPort,
    private readonly now: () => number,
  ) {
    port.onChange((name) => this.#held.delete(name));
  }

  async get(name: string): Promise<Endpoint | undefined> {
    const cached = this.#held.get(name);
    if (cached && this.now() - cached.at < ENDPOINT_TTL_MS) return cached.value;
    const value = await this.port.endpoint(name);
    this.#held.set(name, { value, at: this.now() });
    return value;
  }

  /** Applied here at once (a rollback the store has yet to confirm), trusted like a read. */
  set(endpoint: Endpoint): void {
    this.#held.set(endpoint.name, { value: endpoint, at: this.now() });
  }

  forget(name: string): void {
    this.#held.delete(name);
  }

  /** The endpoint, or the 404 (naming those served) or 503 a request to it gets. */
  async served(name: string): Promise<Served> {
    const endpoint = await this.get(name);
    if (!endpoint) return { response: await this.unknown(name) };
    if (endpoint.deployment.strategy === 'none')
      return { response: fail(503, `No version of "${endpoint.model}" is deployed on "${name}".`) };
    return { endpoint };
  }

  async unknown(name: string): Promise<ApiResponse> {
    const known = (await this.port.endpoints()).map((e) => e.name);
    return fail(
      404,
      `Model endpoint "${name}" not found. ${known.length ? `Served here: ${known.join(', ')}.` : 'Nothing is served yet: deploy a registered model with lab.serving.deploy().'}`,
    );
  }
}
