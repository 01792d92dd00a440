import { fail } from '../http';
import type { StudentAnswer, StudentCall } from './protocol';

/** One worker running a project's API: what the bridge gives the watchdog. */
export interface StudentSession {
  handle(call: StudentCall): Promise<StudentAnswer>;
  /** Ends the worker at once, whatever it is doing. */
  terminate(): void;
}

/** A handler's time limit: far above any model call, short enough that a client is not left hanging. */
export const STUDENT_HANDLER_LIMIT_MS = 3000;

const stopped = (status: number, detail: string): StudentAnswer => ({
  ...(fail(status, detail) as { status: number; body: unknown }),
  error: detail,
});

/**
 * Runs one project's API in a session (a worker) and watches each request: nothing inside a
 * worker can interrupt a synchronous loop, so a request that is not answered within `limitMs`
 * terminates the session, is answered 504 with what happened, and the next request starts a
 * fresh session — the API stays up. Requests that were in flight in the same session are
 * answered 503 (their handler was stopped with it). A crashed session (out of memory) is a 500.
 */
export class StudentSupervisor {
  #session: StudentSession | undefined;

  constructor(
    private readonly start: () => StudentSession,
    private readonly limitMs = STUDENT_HANDLER_LIMIT_MS,
  ) {}

  async handle(call: StudentCall): Promise<StudentAnswer> {
    const session = (this.#session ??= this.start());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overrun = new Promise<'overrun'>((resolve) => {
      timer = setTimeout(() => resolve('overrun'), this.limitMs);
    });
    const outcome = await Promise.race([
      session.handle(call).then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error }),
      ),
      overrun,
    ]);
    clearTimeout(timer);
    const named = `${call.method} /${call.path.slice(0, 200)}`;
    if (outcome === 'overrun') {
      this.#stop(session);
      return stopped(
        504,
        `Gateway Timeout: the handler of ${named} did not answer within ${this.limitMs} ms, most likely a loop that never ends (or a promise that never settles). Its worker was stopped and the next request starts a fresh one; fix the handler and send the request again.`,
      );
    }
    if ('answer' in outcome) return outcome.answer;
    const reason = (outcome.error as Error | undefined)?.message ?? String(outcome.error);
    if (this.#session !== session)
      return stopped(
        503,
        `Service Unavailable: ${named} was stopped with its worker, because another request's handler overran its time limit (${reason}). Send it again.`,
      );
    this.#stop(session);
    return stopped(
      500,
      `Internal Server Error: the worker running this API ended while answering ${named} (${reason}). The next request starts a fresh one.`,
    );
  }

  /** Ends the session (e.g. the page is closing, or the project was deleted). */
  stop(): void {
    if (this.#session) this.#stop(this.#session);
  }

  #stop(session: StudentSession): void {
    session.terminate();
    if (this.#session === session) this.#session = undefined;
  }
}
