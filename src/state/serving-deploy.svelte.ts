import type { Deployment, DeploymentInput, Endpoint } from '../lib/serving';
import { messageOf, servingBridge, type ServedModel } from './serving.svelte';

export type StrategyName = 'single' | 'blue-green' | 'canary' | 'shadow';

/** The strategies a student can pick, in words, with what their two versions are called. */
export const STRATEGIES: {
  value: StrategyName;
  label: string;
  about: string;
  first: string;
  second: string | null;
}[] = [
  {
    value: 'single',
    label: 'Single version',
    about: 'One version answers every request.',
    first: 'Version',
    second: null,
  },
  {
    value: 'blue-green',
    label: 'Blue-green',
    about: 'Both versions are loaded; one is live and a switch moves all traffic at once.',
    first: 'Blue version (live first)',
    second: 'Green version',
  },
  {
    value: 'canary',
    label: 'Canary',
    about:
      'A share of clients reaches the new version; the share grows step by step and falls back on its own when a rollback rule breaks.',
    first: 'Stable version',
    second: 'Canary version',
  },
  {
    value: 'shadow',
    label: 'Shadow',
    about:
      'The champion answers; the challenger scores the same requests silently, so the two can be compared.',
    first: 'Champion version (answers)',
    second: 'Challenger version (in shadow)',
  },
];

/**
 * The "deploy" form: an endpoint name, a registered model, a strategy and the versions that
 * strategy uses (defaults: the champion first, the challenger or the newest other version second).
 */
export class DeployForm {
  name = $state('');
  model = $state('');
  strategy = $state<StrategyName>('single');
  first = $state<number | null>(null);
  second = $state<number | null>(null);
  percent = $state(10);
  reason = $state('');
  models = $state.raw<ServedModel[]>([]);
  error = $state<string | null>(null);
  busy = $state(false);

  readonly chosen = $derived(this.models.find((m) => m.name === this.model) ?? null);
  readonly versions = $derived(this.chosen?.versions.map((v) => v.version) ?? []);
  readonly labels = $derived(STRATEGIES.find((s) => s.value === this.strategy)!);

  setModels(models: ServedModel[]): void {
    this.models = models;
    if (!this.chosen && models[0]) this.chooseModel(models[0].name);
  }

  /** A new model: versions default to its champion (else the newest tested) and challenger. */
  chooseModel(name: string): void {
    this.model = name;
    const model = this.chosen;
    if (!model) return;
    const newest = [...model.versions].sort((a, b) => b.version - a.version);
    const tested = newest.find((v) => v.tests?.passed)?.version;
    this.first = model.aliases.champion ?? tested ?? newest[0]?.version ?? null;
    const others = newest.map((v) => v.version).filter((v) => v !== this.first);
    this.second = model.aliases.challenger ?? others[0] ?? this.first;
  }

  /** Prefills the form from an endpoint's current deployment (the endpoint page's "change" form). */
  fromEndpoint(endpoint: Endpoint): void {
    this.name = endpoint.name;
    if (this.model !== endpoint.model) this.chooseModel(endpoint.model);
    const d: Deployment = endpoint.deployment;
    if (d.strategy === 'none') return;
    this.strategy = d.strategy;
    if (d.strategy === 'single') this.first = d.version;
    else if (d.strategy === 'blue-green') [this.first, this.second] = [d.blue, d.green];
    else if (d.strategy === 'canary') {
      [this.first, this.second] = [d.stable, d.canary];
      this.percent = d.percent;
    } else [this.first, this.second] = [d.champion, d.challenger];
  }

  spec(): DeploymentInput & { model: string } {
    const [a, b, model] = [this.first ?? 0, this.second ?? 0, this.model];
    switch (this.strategy) {
      case 'single':
        return { model, strategy: 'single', version: a };
      case 'blue-green':
        return { model, strategy: 'blue-green', blue: a, green: b, live: 'blue' };
      case 'canary':
        return { model, strategy: 'canary', stable: a, canary: b, percent: this.percent };
      case 'shadow':
        return { model, strategy: 'shadow', champion: a, challenger: b };
    }
  }

  /** Deploys; resolves to the endpoint, or null with `error` set to the control plane's words. */
  async submit(): Promise<Endpoint | null> {
    this.error = null;
    this.busy = true;
    try {
      return await servingBridge().call((api) =>
        api.deploy(this.name.trim(), this.spec(), this.reason.trim()),
      );
    } catch (error) {
      this.error = messageOf(error);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
