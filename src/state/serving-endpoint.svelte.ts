import type { Remote } from 'comlink';
import { describeDeployment } from '../lib/serving/deployment';
import type { Endpoint, Fault, RollbackRules } from '../lib/serving';
import type { ServingWorkerApi } from '../workers/serving.worker';
import { poll } from './poll';
import { messageOf, servingBridge, type ServedModel } from './serving.svelte';

export type Dashboard = Awaited<ReturnType<ServingWorkerApi['dashboard']>>;
type Api = Remote<ServingWorkerApi>;

/** The live charts cover this much recent traffic, in buckets of this length. */
export const WINDOW_MS = 60_000;
export const BUCKET_MS = 1000;

/**
 * One endpoint, refreshed about every second while visible: its deployment, timeline and live
 * per-variant figures, and the control plane's actions on it. A refused action's message is
 * kept verbatim in `error` (e.g. the registry's champion gate refusing a promotion).
 */
export class EndpointView {
  readonly name: string;
  data = $state.raw<Dashboard | null>(null);
  /** Registered models (read again when the endpoint names one not known yet). */
  models = $state.raw<ServedModel[]>([]);
  readonly model = $derived(this.models.find((m) => m.name === this.data?.endpoint?.model) ?? null);
  loaded = $state(false);
  /** The dashboard could not be read (the worker failed): shown apart from action errors. */
  loadError = $state<string | null>(null);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  busy = $state(false);

  readonly endpoint = $derived(this.data?.endpoint ?? null);
  readonly deployment = $derived(this.endpoint?.deployment ?? { strategy: 'none' as const });
  /** The latest change, when it was the canary guard pulling the canary back. */
  readonly autoRollback = $derived.by(() => {
    const events = this.data?.events ?? [];
    const last = events.reduce<(typeof events)[number] | null>(
      (a, e) => (!a || e.at >= a.at ? e : a),
      null,
    );
    return last?.kind === 'auto-rollback' ? last : null;
  });
  /** When the endpoint `message` speaks of was changed: a later change makes it stale. */
  #messageAt = 0;

  constructor(name: string) {
    this.name = name;
  }

  async refresh(): Promise<void> {
    try {
      const data = await servingBridge().call((api) =>
        api.dashboard(this.name, WINDOW_MS, BUCKET_MS),
      );
      const modelName = data.endpoint?.model;
      if (modelName && !this.models.some((m) => m.name === modelName))
        this.models = await servingBridge().call((api) => api.models());
      if (this.message && data.endpoint?.updatedAt !== this.#messageAt) this.message = null;
      this.data = data;
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    }
    this.loaded = true;
  }

  /** Reads the registered models again (a lesson may have registered versions since). */
  async reloadModels(): Promise<void> {
    try {
      this.models = await servingBridge().call((api) => api.models());
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  /** Refreshes every second while the page is visible; returns the function that stops. */
  watch(): () => void {
    return poll(() => this.refresh(), 1000);
  }

  /** The registered version's data version: what the simulator replays by default. */
  dataVersionOf(version: number | null): string | null {
    return this.model?.versions.find((v) => v.version === version)?.datasetVersion ?? null;
  }

  setPercent = (percent: number) =>
    this.#act((api) =>
      api.setCanaryPercent(this.name, percent, `canary share set to ${percent} %`),
    );
  advance = () => this.#act((api) => api.advanceCanary(this.name));
  switchColour = () => this.#act((api) => api.switchColour(this.name));
  rollback = (reason = '') => this.#act((api) => api.rollback(this.name, reason));
  promote = () => this.#act((api) => api.promote(this.name));
  undeploy = () => this.#act((api) => api.undeploy(this.name));
  setFault = (version: number, fault: Fault) =>
    this.#act((api) => api.setFault(this.name, version, fault));

  /** A canary's ramp plan or rollback rules changed: redeployed as it is, with the new settings. */
  updateCanary(
    change: { plan?: number[]; rollback?: RollbackRules; autoAdvance?: number | null },
    reason: string,
  ) {
    const d = this.deployment;
    if (d.strategy !== 'canary') return Promise.resolve();
    return this.#act((api) => api.deploy(this.name, { ...d, ...change }, reason));
  }

  /** Says what the endpoint serves after a change made here (until another change). */
  announce(endpoint: Endpoint): void {
    this.message = `Now: ${describeDeployment(endpoint.deployment)}.`;
    this.#messageAt = endpoint.updatedAt;
  }

  async #act(work: (api: Api) => Promise<Endpoint>): Promise<void> {
    this.error = null;
    this.message = null;
    this.busy = true;
    try {
      this.announce(await servingBridge().call(work));
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }
}
