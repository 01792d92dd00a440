import { simulationIssues, type SimulationProgress } from '../lib/serving';
import { recordProgress, startProgress, type ProgressLog } from '../lib/progress/estimate';
import { messageOf, servingBridge } from './serving.svelte';

/**
 * The traffic simulator's settings and progress: a data version replayed as requests through
 * the serving worker, labels following after a delay. One simulation at a time.
 */
export class TrafficSimulator {
  dataset = $state('');
  rate = $state(50);
  requests = $state(300);
  sendLabels = $state(true);
  labelDelayMs = $state(500);
  users = $state(100);
  seed = $state(42);
  order = $state<'shuffled' | 'sequential'>('shuffled');
  progress = $state.raw<SimulationProgress | null>(null);
  /** Requests sent over time, for the bar's elapsed time and estimate. */
  log = $state.raw<ProgressLog | null>(null);
  running = $state(false);
  error = $state<string | null>(null);

  /** What is wrong with the settings, by field: shown beside each field, and Start waits for none. */
  readonly issues = $derived(
    simulationIssues({
      rate: this.rate,
      requests: this.requests,
      users: this.users,
      labelDelayMs: this.sendLabels ? this.labelDelayMs : null,
    }),
  );
  readonly valid = $derived(Object.keys(this.issues).length === 0);

  async start(endpoint: string): Promise<void> {
    this.error = null;
    if (!this.valid) {
      this.error = Object.values(this.issues).join(' ');
      return;
    }
    this.progress = null;
    this.log = startProgress(this.requests, 'requests', Date.now());
    this.running = true;
    try {
      this.progress = await servingBridge().simulate(
        {
          endpoint,
          dataset: this.dataset.trim(),
          rate: this.rate,
          requests: this.requests,
          labelDelayMs: this.sendLabels ? this.labelDelayMs : null,
          users: this.users,
          seed: this.seed,
          order: this.order,
        },
        (progress) => {
          if (!this.running) return;
          this.progress = progress;
          if (this.log) this.log = recordProgress(this.log, progress.sent, Date.now());
        },
      );
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    void servingBridge().call((api) => api.stopSimulation());
  }
}
