/**
 * Runs `tick` now and then every `everyMs` while the page is visible (a hidden tab costs
 * nothing, and the tick runs again as soon as it shows); ticks never overlap. Returns the
 * function that stops it.
 */
export function poll(tick: () => Promise<void>, everyMs: number): () => void {
  let stopped = false;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = async () => {
    if (stopped || running) return;
    running = true;
    clearTimeout(timer);
    if (document.visibilityState === 'visible') await tick().catch(() => {});
    running = false;
    if (!stopped) timer = setTimeout(() => void loop(), everyMs);
  };
  const wake = () => {
    if (document.visibilityState === 'visible') void loop();
  };
  document.addEventListener('visibilitychange', wake);
  void loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', wake);
  };
}
