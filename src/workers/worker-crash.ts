/**
 * Rejects when `worker` crashes (an uncaught error, most often running out of memory) or sends a
 * message that cannot be read, so a caller racing it against a call never waits forever.
 */
export function crashOf(worker: Worker, what: string, advice = ''): Promise<never> {
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) =>
      reject(
        new Error(
          `${what} crashed${event.message ? ` (${event.message})` : ''}.${advice ? ` ${advice}` : ''}`,
        ),
      ),
    );
    worker.addEventListener('messageerror', () =>
      reject(new Error(`${what} sent a message that could not be read.`)),
    );
  });
  // A crash after the caller stopped listening is not an unhandled rejection.
  crashed.catch(() => undefined);
  return crashed;
}
