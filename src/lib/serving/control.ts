import type { ModelRegistry } from '../registry';
import type { RunSource } from '../tracking/types';
import {
  deployedVersions,
  deploymentSchema,
  describeDeployment,
  type Deployment,
  type DeploymentInput,
} from './deployment';
import {
  DEFAULT_MAX_BATCH_ROWS,
  ENDPOINT_NAME,
  type DeploymentEvent,
  type DeploymentEventKind,
  type Endpoint,
  type Fault,
} from './endpoint';
import { ServingError } from './errors';
import type { ServingPort } from './port';

export interface ControlDeps {
  port: ServingPort;
  registry: ModelRegistry;
  now?: () => number;
  newId?: () => string;
}

/**
 * Who a change is recorded as made by: a lesson cell (its run source), or `'latest'` — whoever
 * made the endpoint's latest change, for the canary guard, whose rollbacks and ramps follow from
 * the deployment a cell made (running that cell again replaces them with its own).
 */
export type ChangedBy = RunSource | 'latest';

const zodMessage = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues
    .map((i) => `${i.path.map(String).join('.') || 'deployment'}: ${i.message}`)
    .join('; ');

/**
 * Deployment changes on named endpoints: deploy, switch, canary steps, rollback, promotion.
 * Every change is an event on the endpoint's timeline; promotion moves the registry's aliases
 * (so the champion gate applies); other copies of the router are told to reload.
 */
export class DeploymentControl {
  readonly #port: ServingPort;
  readonly #registry: ModelRegistry;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #deps: ControlDeps;
  readonly #by: ChangedBy | undefined;

  constructor(deps: ControlDeps, by?: ChangedBy) {
    this.#deps = deps;
    this.#port = deps.port;
    this.#registry = deps.registry;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
    this.#by = by;
  }

  /** The same control, its events recording who made them (by hand, the default: nobody). */
  by(by: ChangedBy): DeploymentControl {
    return new DeploymentControl(this.#deps, by);
  }

  async endpoint(name: string): Promise<Endpoint> {
    const endpoint = await this.#port.endpoint(name);
    if (endpoint) return endpoint;
    const known = (await this.#port.endpoints()).map((e) => e.name);
    throw new ServingError(
      'unknown-endpoint',
      `No endpoint "${name}" (${known.length ? `there are: ${known.join(', ')}` : 'none yet'}). Create one with lab.serving.deploy("${name}", { model, strategy: "single", version }).`,
    );
  }

  /** Creates the endpoint or changes its strategy; every version named must be registered. */
  async deploy(
    name: string,
    spec: DeploymentInput & { model?: string; maxBatchRows?: number },
    reason = '',
  ): Promise<Endpoint> {
    if (!ENDPOINT_NAME.test(name))
      throw new ServingError(
        'bad-deployment',
        `"${name}" is not an endpoint name: lower-case letters, digits and "-", starting with a letter.`,
      );
    const { model: modelName, maxBatchRows, ...input } = spec;
    const parsed = deploymentSchema.safeParse(input);
    if (!parsed.success)
      throw new ServingError(
        'bad-deployment',
        `Deployment of "${name}": ${zodMessage(parsed.error)}.`,
      );
    const existing = await this.#port.endpoint(name);
    const model = modelName ?? existing?.model;
    if (!model)
      throw new ServingError(
        'bad-deployment',
        `Deployment of "${name}": say which registered model it serves ({ model: "…" }).`,
      );
    for (const v of deployedVersions(parsed.data)) await this.#registry.getVersion(model, v);
    const d = parsed.data;
    if (d.strategy === 'canary' || d.strategy === 'shadow')
      await this.#registry.setAlias(
        model,
        'challenger',
        d.strategy === 'canary' ? d.canary : d.challenger,
      );
    const now = this.#now();
    const endpoint: Endpoint = {
      name,
      model,
      deployment: d,
      faults: existing?.model === model ? existing.faults : {},
      maxBatchRows: maxBatchRows ?? existing?.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    return this.#commit(existing ?? null, endpoint, 'deploy', reason);
  }

  /** Blue-green: the idle colour goes live at once; the registry's champion follows it. */
  async switch(name: string, reason = ''): Promise<Endpoint> {
    const endpoint = await this.endpoint(name);
    const d = endpoint.deployment;
    if (d.strategy !== 'blue-green')
      throw new ServingError(
        'bad-deployment',
        `"${name}" is not blue-green (it is ${d.strategy}).`,
      );
    const live = d.live === 'blue' ? 'green' : 'blue';
    await this.#registry.setAlias(endpoint.model, 'champion', d[live]);
    return this.#commit(endpoint, { ...endpoint, deployment: { ...d, live } }, 'switch', reason);
  }

  /** Canary share, 0–100; 100 promotes the canary. */
  async setCanaryPercent(name: string, percent: number, reason = ''): Promise<Endpoint> {
    const endpoint = await this.endpoint(name);
    const d = endpoint.deployment;
    if (d.strategy !== 'canary')
      throw new ServingError('bad-deployment', `"${name}" has no canary (it is ${d.strategy}).`);
    if (!(percent >= 0 && percent <= 100))
      throw new ServingError('bad-deployment', `A canary share is 0–100 %, not ${percent}.`);
    if (percent >= 100) return this.promote(name, reason || 'canary reached 100 %');
    return this.#commit(
      endpoint,
      { ...endpoint, deployment: { ...d, percent } },
      'canary-step',
      reason,
    );
  }

  /** The next step of the ramp plan (the first planned share above the current one). */
  async advanceCanary(name: string, reason = ''): Promise<Endpoint> {
    const d = (await this.endpoint(name)).deployment;
    if (d.strategy !== 'canary')
      throw new ServingError('bad-deployment', `"${name}" has no canary (it is ${d.strategy}).`);
    const next = [...d.plan].sort((a, b) => a - b).find((p) => p > d.percent) ?? 100;
    return this.setCanaryPercent(name, next, reason || `ramp plan step to ${next} %`);
  }

  /** Back to the version that served before: stable (canary), champion (shadow), the other colour. */
  async rollback(name: string, reason = '', automatic = false): Promise<Endpoint> {
    const endpoint = await this.endpoint(name);
    const d = endpoint.deployment;
    let to: Deployment;
    if (d.strategy === 'canary') to = { strategy: 'single', version: d.stable };
    else if (d.strategy === 'shadow') to = { strategy: 'single', version: d.champion };
    else if (d.strategy === 'blue-green') {
      const live = d.live === 'blue' ? 'green' : 'blue';
      await this.#registry.setAlias(endpoint.model, 'champion', d[live]);
      to = { ...d, live };
    } else {
      const previous = (await this.#port.events(name))
        .filter((e) => e.to.strategy === 'single' && JSON.stringify(e.to) === JSON.stringify(d))
        .at(-1)?.from;
      if (!previous || previous.strategy === 'none')
        throw new ServingError('bad-deployment', `"${name}" has nothing earlier to roll back to.`);
      to = previous;
    }
    return this.#commit(
      endpoint,
      { ...endpoint, deployment: to },
      automatic ? 'auto-rollback' : 'rollback',
      reason,
    );
  }

  /** The new version takes all traffic and the registry's champion alias (the gate applies). */
  async promote(name: string, reason = ''): Promise<Endpoint> {
    const endpoint = await this.endpoint(name);
    const d = endpoint.deployment;
    const winner =
      d.strategy === 'canary'
        ? d.canary
        : d.strategy === 'shadow'
          ? d.challenger
          : d.strategy === 'blue-green'
            ? d[d.live]
            : d.strategy === 'single'
              ? d.version
              : null;
    if (winner === null)
      throw new ServingError('not-deployed', `"${name}" serves nothing to promote.`);
    await this.#registry.setAlias(endpoint.model, 'champion', winner);
    const model = await this.#registry.getModel(endpoint.model);
    if (model.aliases.challenger === winner)
      await this.#registry.deleteAlias(endpoint.model, 'challenger');
    const to: Deployment =
      d.strategy === 'blue-green' ? d : { strategy: 'single', version: winner };
    return this.#commit(endpoint, { ...endpoint, deployment: to }, 'promote', reason);
  }

  /** Makes a version slow or failing on purpose (zeros clear it). */
  async setFault(
    name: string,
    version: number,
    fault: Partial<Fault>,
    reason = '',
  ): Promise<Endpoint> {
    const endpoint = await this.endpoint(name);
    const next: Fault = { latencyMs: 0, errorRate: 0, ...endpoint.faults[version], ...fault };
    if (
      !(next.latencyMs >= 0 && next.latencyMs <= 60_000) ||
      !(next.errorRate >= 0 && next.errorRate <= 1)
    )
      throw new ServingError('bad-deployment', 'A fault is latencyMs 0–60000 and errorRate 0–1.');
    const faults = { ...endpoint.faults, [version]: next };
    if (next.latencyMs === 0 && next.errorRate === 0) delete faults[version];
    return this.#commit(
      endpoint,
      { ...endpoint, faults },
      'fault',
      reason || `v${version}: +${next.latencyMs} ms, ${next.errorRate * 100} % errors`,
    );
  }

  async undeploy(name: string, reason = ''): Promise<Endpoint> {
    const endpoint = await this.endpoint(name);
    return this.#commit(
      endpoint,
      { ...endpoint, deployment: { strategy: 'none' } },
      'undeploy',
      reason,
    );
  }

  async events(name: string): Promise<DeploymentEvent[]> {
    return (await this.#port.events(name)).sort((a, b) => a.at - b.at);
  }

  async #commit(
    before: Endpoint | null,
    after: Endpoint,
    kind: DeploymentEventKind,
    reason: string,
  ): Promise<Endpoint> {
    const at = this.#now();
    const updated = { ...after, updatedAt: at };
    await this.#port.putEndpoint(updated);
    const from = before?.deployment ?? { strategy: 'none' as const };
    const source =
      this.#by === 'latest' ? (await this.events(after.name)).at(-1)?.source : this.#by;
    await this.#port.appendEvent({
      id: this.#newId(),
      endpoint: after.name,
      at,
      kind,
      from,
      to: updated.deployment,
      reason: reason || `${describeDeployment(from)} → ${describeDeployment(updated.deployment)}`,
      ...(source ? { source: { ...source } } : {}),
    });
    this.#port.notify(after.name);
    return updated;
  }
}
