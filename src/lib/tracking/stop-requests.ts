/**
 * "Stop this run" from any page: the run page asks, the kernel that trains the run listens. A
 * BroadcastChannel reaches every tab and worker of the site, so stopping needs no reference to
 * the worker and leaves the kernel (and the student's variables) alive.
 */
const CHANNEL = 'labbook-run-control';

interface StopMessage {
  stop: string;
}

export function requestStop(runId: string): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ stop: runId } satisfies StopMessage);
  channel.close();
}

/** An AbortSignal that fires when someone asks to stop `runId`; close it when the work ends. */
export function stopSignal(runId: string): { signal: AbortSignal; close(): void } {
  const controller = new AbortController();
  if (typeof BroadcastChannel !== 'function') return { signal: controller.signal, close() {} };
  const channel = new BroadcastChannel(CHANNEL);
  // In Node (tests, scripts) a listening channel would keep the process alive after the work.
  (channel as { unref?: () => void }).unref?.();
  channel.onmessage = (event: MessageEvent<Partial<StopMessage>>) => {
    if (event.data?.stop === runId) controller.abort(new Error(`Run ${runId} was stopped.`));
  };
  return { signal: controller.signal, close: () => channel.close() };
}

/** Whether an error is a cancelled training, also after crossing a worker boundary. */
export function isTrainingCancelled(error: unknown): boolean {
  return (error as Error | null)?.name === 'TrainingCancelled';
}
