import { poll } from './poll';
import { startProgress, type ProgressLog } from '../lib/progress/estimate';
import {
  defaultDraft,
  parseDraft,
  RULE_FIELDS,
  type RulesDraft,
} from '../lib/monitoring/traffic/rule-fields';
import {
  DEFAULT_WINDOW,
  readDashboardSettings,
  windowIssues,
  type DashboardSettings,
} from '../lib/monitoring/traffic/settings';
import { readSetting, writeSetting } from '../lib/store/settings';
import type { MonitorRequest, MonitorResult } from '../workers/monitoring.worker';
import { messageOf, monitoringBridge } from './monitoring.svelte';
import { workspace } from './workspace.svelte';

/** How often the dashboard looks for new traffic or labels (while auto-refresh is on). */
export const AUTO_REFRESH_MS = 2000;
const SETTLE_MS = 300;

/** The saved draft's rules that still exist and have their field's kind; defaults for the rest. */
function rulesFrom(saved: DashboardSettings['rules']): RulesDraft {
  const draft = defaultDraft();
  for (const f of RULE_FIELDS) {
    const v = saved[f.key];
    if (typeof v === (f.kind === 'boolean' ? 'boolean' : 'string')) draft[f.key] = v!;
  }
  return draft;
}

/**
 * One endpoint's monitoring dashboard: its settings (window size, slide-by step, when labels are
 * known, alert rules), the worker's latest figures, and an auto-refresh that runs while traffic
 * or labels keep arriving. The statistics run in the monitoring worker; this only asks and keeps
 * answers. With a `settingsKey` the settings are kept in the workspace, per endpoint.
 */
export class MonitorDashboard {
  readonly endpoint: string;
  windowSize = $state(DEFAULT_WINDOW);
  /** Requests between window starts: the window size puts windows side by side, less overlaps. */
  step = $state(DEFAULT_WINDOW);
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
  /** What is wrong with the window size or the step (null: both fine). */
  readonly windowProblems = $derived(windowIssues(this.windowSize, this.step));
  readonly view = $derived(this.result?.ok ? this.result.view : null);
  readonly problem = $derived(this.result && !this.result.ok ? this.result : null);

  #again = false;
  /** The computation running now, to cancel it. */
  #abort: AbortController | null = null;
  /**
   * Set once a computation has run for a second (drift over a big request log): the page then
   * shows it with elapsed time and a Cancel. A quick auto-refresh never flashes a bar.
   */
  slow = $state.raw<ProgressLog | null>(null);
  #settle: ReturnType<typeof setTimeout> | undefined;
  #fingerprint: string | null | undefined;
  readonly #settingsKey: string | null;

  constructor(
    endpoint: string,
    windowSize = DEFAULT_WINDOW,
    options: { step?: number | undefined; settingsKey?: string } = {},
  ) {
    this.endpoint = endpoint;
    this.windowSize = windowSize;
    this.step = options.step ?? windowSize;
    this.#settingsKey = options.settingsKey ?? null;
  }

  settings(): DashboardSettings {
    return {
      windowSize: this.windowSize,
      step: this.step === this.windowSize ? null : this.step,
      labelsAsOf: this.labelsAsOf,
      beforeEndS: Number(this.beforeEndS) || 0,
      rules: { ...this.rules },
      auto: this.auto,
    };
  }

  /** The saved settings, if any (each invalid one back to its default). */
  async restore(): Promise<void> {
    if (!this.#settingsKey) return;
    let stored: unknown;
    try {
      stored = await readSetting(await workspace.store, this.#settingsKey, null);
    } catch {
      return; // No workspace store (private mode): the defaults stand.
    }
    if (stored === null) return;
    const s = readDashboardSettings(stored);
    this.windowSize = s.windowSize;
    this.step = s.step ?? s.windowSize;
    this.labelsAsOf = s.labelsAsOf;
    this.beforeEndS = s.beforeEndS;
    this.rules = rulesFrom(s.rules);
    this.auto = s.auto;
  }

  async #save(): Promise<void> {
    if (!this.#settingsKey || this.request() === null) return;
    try {
      await writeSetting(await workspace.store, this.#settingsKey, this.settings());
    } catch (error) {
      this.error = `Could not save the monitoring settings: ${messageOf(error)}`;
    }
  }

  /** What the worker is asked; null while a setting is invalid (the form says which). */
  request(): MonitorRequest | null {
    if (!this.parsedRules.ok || this.windowProblems) return null;
    const beforeEnd = Number(this.beforeEndS);
    return {
      windowSize: this.windowSize,
      step: this.step,
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
    const abort = new AbortController();
    this.#abort = abort;
    const startedAt = Date.now();
    const slow = setTimeout(() => (this.slow = startProgress(null, 'windows', startedAt)), 1000);
    try {
      this.result = await monitoringBridge().monitor(this.endpoint, request, abort.signal);
      this.error = null;
    } catch (error) {
      this.error = abort.signal.aborted
        ? 'Cancelled: the monitoring was not recomputed, so the figures shown are from the last refresh. Refresh to compute again.'
        : messageOf(error);
    } finally {
      clearTimeout(slow);
      this.slow = null;
      this.#abort = null;
      this.busy = false;
      this.loaded = true;
    }
    if (abort.signal.aborted) return;
    if (this.#again) {
      this.#again = false;
      await this.refresh();
    }
  }

  /**
   * Stops the computation running now: its worker ends (monitoringBridge), nothing is stored,
   * and auto-refresh is turned off so the same long computation does not start again at once.
   */
  cancel(): void {
    if (!this.#abort) return;
    this.auto = false;
    this.#again = false;
    this.#abort.abort();
  }

  /** A setting changed: refresh once typing settles. */
  changed(): void {
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => {
      void this.#save();
      void this.refresh();
    }, SETTLE_MS);
  }

  /**
   * Loads now, then looks for new requests or labels every AUTO_REFRESH_MS while the page is
   * visible and refreshes when there are some (and auto-refresh is on). Returns the stop function.
   */
  watch(): () => void {
    let stop = () => {};
    let stopped = false;
    // The saved settings first, so the first look already uses them.
    void this.restore().then(() => {
      if (!stopped) stop = poll(() => this.#tick(), AUTO_REFRESH_MS);
    });
    return () => {
      stopped = true;
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
