import { registerSW } from 'virtual:pwa-register';
import type { RepairReport } from '../lib/pwa/precache-guard';
import { reloadOnceForIsolation } from './isolation-reload';

/** Service-worker lifecycle as the student sees it: offline ready, update available, damage. */
export class AppUpdate {
  offlineReady = $state(false);
  updateAvailable = $state(false);
  /**
   * The file name of a damaged offline-copy file the service worker could not fetch again (a
   * worker or lesson chunk that failed to load); null while the copy is whole.
   */
  damaged = $state<string | null>(null);
  /** What the last repair attempt found, worded for the student. */
  repairProblem = $state<string | null>(null);
  #update: ((reload?: boolean) => Promise<void>) | undefined;

  register(): void {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    // The page that announced "ready to work offline" was reloaded away: announce it again.
    if (reloadOnceForIsolation()) this.offlineReady = true;
    navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { type?: string; url?: string } | null;
      if (data?.type !== 'OFFLINE_COPY_DAMAGED' || typeof data.url !== 'string') return;
      this.damaged =
        data.url
          .replace(/[?#].*$/, '')
          .split('/')
          .at(-1) || data.url;
    });
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.updateAvailable = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  async applyUpdate(): Promise<void> {
    await this.#update?.(true);
  }

  /** Asks the service worker to check the whole offline copy and fetch damaged files again. */
  async repair(): Promise<void> {
    this.repairProblem = null;
    const worker = navigator.serviceWorker.controller;
    const report = worker
      ? await new Promise<RepairReport | null>((resolve) => {
          const channel = new MessageChannel();
          const timer = setTimeout(() => resolve(null), 60_000);
          channel.port1.onmessage = (event) => {
            clearTimeout(timer);
            resolve(event.data as RepairReport | null);
          };
          worker.postMessage({ type: 'REPAIR_PRECACHE' }, [channel.port2]);
        })
      : null;
    if (report && report.unrepaired.length > 0) {
      this.repairProblem = `${report.unrepaired.length} damaged file(s) could not be fetched again: the site is still out of reach. Try again once you are online.`;
      return;
    }
    // Repaired: a reload starts the workers again from whole files (the work is all stored).
    window.location.reload();
  }

  dismiss(): void {
    this.updateAvailable = false;
    this.offlineReady = false;
  }
}
