import type { DeploymentControl } from './control';
import type { Endpoint, RequestRecord } from './endpoint';
import type { EndpointCache } from './endpoint-cache';
import { judgeCanary, readyToAdvance } from './guard';

interface Held {
  /** The deployment (its JSON) these requests were answered under. */
  deployment: string;
  records: RequestRecord[];
  /** How many the canary answered under it (the records are trimmed; the count is not). */
  canary: number;
  /** The ramp was refused (the champion gate, say): not tried again at every request. */
  stuck?: boolean;
}

/**
 * The canary guard: watches each canary's recent requests, pulls the canary back when they break
 * a rule, and ramps it up when its plan says so.
 */
export class CanaryWatch {
  readonly #recent = new Map<string, Held>();
  readonly #judging = new Set<string>();

  constructor(
    private readonly endpoints: EndpointCache,
    private readonly control: DeploymentControl,
  ) {}

  observe(record: RequestRecord, endpoint: Endpoint | undefined): void {
    if (endpoint?.deployment.strategy !== 'canary' || record.variant === null) return;
    // A new canary is judged on its own requests, not on those of the one deployed before it.
    const deployment = JSON.stringify(endpoint.deployment);
    let held = this.#recent.get(endpoint.name);
    if (held?.deployment !== deployment)
      this.#recent.set(endpoint.name, (held = { deployment, records: [], canary: 0 }));
    const recent = held.records;
    recent.push(record);
    if (record.variant === 'canary' && record.shadowOf === null) held.canary++;
    const keep = endpoint.deployment.rollback.window * 4;
    if (recent.length > keep * 2) recent.splice(0, recent.length - keep);
    if (record.variant === 'canary') this.judge(endpoint);
  }

  /** Labels reach the records still held, then the guard looks again. */
  labelled(endpoint: Endpoint, labels: Map<string, { label: number; at: number }>): void {
    const recent = this.#recent.get(endpoint.name)?.records ?? [];
    for (const r of recent) {
      const l = labels.get(r.id);
      if (l) Object.assign(r, { label: l.label, labelAt: l.at });
    }
    if (recent.length) this.judge(endpoint);
  }

  judge(endpoint: Endpoint): void {
    const d = endpoint.deployment;
    if (d.strategy !== 'canary' || this.#judging.has(endpoint.name)) return;
    const held = this.#recent.get(endpoint.name);
    const verdict = judgeCanary(held?.records ?? [], d.rollback);
    if (!verdict.rollback) {
      const after = d.autoAdvance ?? null;
      if (held && after !== null && !held.stuck)
        if (readyToAdvance(held.records, d.rollback, held.canary, after))
          this.#advance(
            endpoint.name,
            held,
            `${held.canary} canary requests within the rules at ${d.percent} %`,
          );
      return;
    }
    this.#judging.add(endpoint.name);
    // Applied here at once, so the next request already goes to stable; stored for everyone else.
    this.endpoints.set({ ...endpoint, deployment: { strategy: 'single', version: d.stable } });
    this.#recent.delete(endpoint.name);
    void this.control
      .by('latest')
      .rollback(endpoint.name, `automatic rollback: ${verdict.reason}`, true)
      .catch(() => this.endpoints.forget(endpoint.name))
      .finally(() => this.#judging.delete(endpoint.name));
  }

  /** The automatic ramp: the plan's next step, or promotion after its last step. */
  #advance(name: string, held: Held, evidence: string): void {
    this.#judging.add(name);
    void this.control
      .by('latest')
      .advanceCanary(name, `automatic ramp: ${evidence}`)
      .then(() => this.endpoints.forget(name))
      // Refused (the champion gate's tests failed, say): this canary stays where it is, and the
      // student's own "Promote" shows why; retrying at every request would only repeat it.
      .catch(() => (held.stuck = true))
      .finally(() => this.#judging.delete(name));
  }
}
