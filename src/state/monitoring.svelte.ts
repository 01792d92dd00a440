import { MonitoringBridge } from '../bridges/monitoring-bridge';
import type { MonitoringWorkerApi } from '../workers/monitoring.worker';

/** An endpoint as the Monitoring page lists it. */
export type MonitoredEndpoint = Awaited<ReturnType<MonitoringWorkerApi['endpoints']>>[number];

let shared: MonitoringBridge | undefined;

/** The page's one monitoring bridge: the dashboard and every drift-monitor widget share it. */
export function monitoringBridge(): MonitoringBridge {
  return (shared ??= new MonitoringBridge());
}

export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** The Monitoring page: every endpoint, with what it serves and when it was last called. */
export class MonitoringList {
  endpoints = $state.raw<MonitoredEndpoint[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const endpoints = await monitoringBridge().endpoints();
      this.endpoints = endpoints.sort((a, b) => a.name.localeCompare(b.name));
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
    this.loaded = true;
  }
}
