/** Request-log writes that failed: how many records were lost, and the latest reason. */
export interface LogFailureState {
  count: number;
  reason: string | null;
  at: number | null;
}

const MAX_LOST_IDS = 1000;

const none = (): LogFailureState => ({ count: 0, reason: null, at: null });

/**
 * The failures of one router's log writes, plus those other hosts of the API reported (the service
 * worker's router is not the Serving page's, yet the page must show what the worker lost).
 */
export class LogFailures {
  #own = none();
  readonly #others = new Map<string, LogFailureState>();
  readonly #listeners = new Set<(state: LogFailureState) => void>();

  /** The ids of the latest records lost (bounded), so a host can tell the client its was not kept. */
  readonly #lost = new Set<string>();

  /** These records could not be stored, because of `error`. */
  record(ids: readonly string[], error: unknown, at: number): void {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.#own = { count: this.#own.count + ids.length, reason: reason.slice(0, 500), at };
    for (const id of ids) this.#lost.add(id);
    for (const id of this.#lost) {
      if (this.#lost.size <= MAX_LOST_IDS) break;
      this.#lost.delete(id);
    }
    this.#listeners.forEach((l) => l(this.#own));
  }

  /** Was this record (one of the latest MAX_LOST_IDS lost) refused by the store? */
  lost(id: string): boolean {
    return this.#lost.has(id);
  }

  /** Another host's own state (the latest it sent replaces the one before). */
  merge(host: string, state: LogFailureState): void {
    if (Number.isFinite(state.count) && state.count > 0) this.#others.set(host, state);
  }

  /** This router's own failures (what it tells others). */
  get own(): LogFailureState {
    return this.#own;
  }

  /** Every host's failures added up, with the latest reason among them. */
  get state(): LogFailureState {
    let total = none();
    for (const s of [this.#own, ...this.#others.values()])
      total = {
        count: total.count + s.count,
        ...((s.at ?? -Infinity) > (total.at ?? -Infinity)
          ? { reason: s.reason, at: s.at }
          : { reason: total.reason, at: total.at }),
      };
    return total;
  }

  onRecord(listener: (state: LogFailureState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** What a student reads: "3 requests could not be logged: QuotaExceededError: …", or null. */
export function describeLogFailures(state: LogFailureState): string | null {
  if (state.count === 0) return null;
  const n = state.count === 1 ? '1 request' : `${state.count} requests`;
  return `${n} could not be logged: ${state.reason ?? 'unknown reason'}`;
}

type Message = { ask: true } | { host: string; state: LogFailureState };

/**
 * Shares failures between the hosts of the API (service worker, serving worker, kernels) over a
 * BroadcastChannel: each says its own when they change and when a newly opened host asks.
 */
export function shareLogFailures(failures: LogFailures, channelName = 'labbook-serving-log') {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const host = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const channel = new BroadcastChannel(channelName);
  // Node (unit tests, scripts) would otherwise stay alive for an open channel.
  (channel as { unref?: () => void }).unref?.();
  const tell = (state: LogFailureState) => channel.postMessage({ host, state } satisfies Message);
  channel.onmessage = (event: MessageEvent<Message>) => {
    const data = event.data;
    if (data && 'ask' in data) {
      if (failures.own.count > 0) tell(failures.own);
    } else if (data && typeof data.host === 'string' && data.state)
      failures.merge(data.host, data.state);
  };
  const stop = failures.onRecord(tell);
  channel.postMessage({ ask: true } satisfies Message);
  return () => {
    stop();
    channel.close();
  };
}
