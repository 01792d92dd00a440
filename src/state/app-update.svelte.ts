import { registerSW } from 'virtual:pwa-register';
import { reloadOnceForIsolation } from './isolation-reload';

/** Service-worker lifecycle as the student sees it: offline ready, update available. */
export class AppUpdate {
  offlineReady = $state(false);
  updateAvailable = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | undefined;

  register(): void {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    // The page that announced "ready to work offline" was reloaded away: announce it again.
    if (reloadOnceForIsolation()) this.offlineReady = true;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.updateAvailable = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  async applyUpdate(): Promise<void> {
    await this.#update?.(true);
  }

  dismiss(): void {
    this.updateAvailable = false;
    this.offlineReady = false;
  }
}
