import { poll } from '../components/serving/poll';
import { defaultDraft, parseDraft, type RulesDraft } from '../components/monitoring/rule-fields';
import type { MonitorRequest, MonitorResult } from '../workers/monitoring.worker';
import { messageOf, monitoringBridge } from './monitoring.svelte';

/** How often the dashboard looks for new traffic or labels (while auto-refresh is on). */
export const AUTO_REFRESH_MS = 2000;
const SETTLE_MS = 300;

/**
 * One endpoint's monitoring dashboard: its settings (window size, when labels are known, alert
 * rules), the worker's latest figures, and an auto-refresh that runs while traffic or labels
 * keep arriving. The statistics run in the monitoring worker; this only asks and keeps answers.
 */
export class MonitorDashboard {
  readonly endpoint: string;
  windowSize = $state(100);
  /** Labels known by now, or by the end of the traffic minus `beforeEndS` seconds. */
  labelsAsOf = $state<'now' | 'before-end'>('now');
  beforeEndS = $state(0);
  rules = $state<RulesDraft>(defaultDraft());
  auto = $state(true);

  result = $state.raw<MonitorResult | null>(null);
  /** The worker failed (crashed, or threw): shown apart from the endpoint's own problems. */
  error = $state<string | null>(null);
  loaded = $state(false);
  busy = $state(false);
  /** New requests or labels arrived at the last look. */
  flowing = $state(false);

  readonly parsedRules = $derived(parseDraft(this.rules));
  readonly view = $derived(this.result?.ok ? this.result.view : null);
  readonly problem = $derived(this.result && !this.result.ok ? this.result : null);

  #again = false;
  #settle: ReturnType<typeof setTimeout> | undefined;
  #fingerprint: string | null | undefined;

  constructor(endpoint: string, windowSize = 100) {
    this.endpoint = endpoint;
    this.windowSize = windowSize;
  }

  /** What the worker is asked; null while a setting is invalid (the form says which). */
  request(): MonitorRequest | null {
    if (!this.parsedRules.ok) return null;
    if (!Number.isInteger(this.windowSize) || this.windowSize < 2) return null;
    const beforeEnd = Number(this.beforeEndS);
    return {
      windowSize: this.windowSize,
      alerts: this.parsedRules.rules,
      ...(this.labelsAsOf === 'before-end' && Number.isFinite(beforeEnd)
        ? { labelsBeforeEndMs: Math.max(0, beforeEnd) * 1000 }
        : {}),
    };
  }

  async refresh(): Promise<void> {
    const request = this.request();
    if (!request) return;
    if (this.busy) {
      this.#again = true;
      return;
    }
    this.busy = true;
    try {
      this.result = await monitoringBridge().monitor(this.endpoint, request);
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
      this.loaded = true;
    }
    if (this.#again) {
      this.#again = false;
      await this.refresh();
    }
  }

  /** A setting changed: refresh once typing settles. */
  changed(): void {
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => void this.refresh(), SETTLE_MS);
  }

  /**
   * Loads now, then looks for new requests or labels every AUTO_REFRESH_MS while the page is
   * visible and refreshes when there are some (and auto-refresh is on). Returns the stop function.
   */
  watch(): () => void {
    const stop = poll(() => this.#tick(), AUTO_REFRESH_MS);
    return () => {
      stop();
      clearTimeout(this.#settle);
    };
  }

  async #tick(): Promise<void> {
    if (this.#fingerprint !== undefined && !this.auto) return;
    let fingerprint: string | null;
    try {
      fingerprint = await monitoringBridge().activity(this.endpoint);
    } catch (error) {
      this.error = messageOf(error);
      this.loaded = true;
      return;
    }
    const first = this.#fingerprint === undefined;
    this.flowing = !first && fingerprint !== this.#fingerprint;
    if (first || fingerprint !== this.#fingerprint || this.error) {
      this.#fingerprint = fingerprint;
      await this.refresh();
    }
  }
}
