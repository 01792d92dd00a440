import { WorkerConnection } from './worker-connection';
import type { StudentApiWorkerApi } from '../workers/student-api.worker';
import type { StudentAnswer, StudentCall } from '../lib/serving/student/protocol';
import { StudentSupervisor, type StudentSession } from '../lib/serving/student/supervise';

const defaultWorker = () =>
  new Worker(new URL('../workers/student-api.worker.ts', import.meta.url), { type: 'module' });

/** A project's API worker is let go after this long without requests. */
const IDLE_MS = 5 * 60_000;

/**
 * Runs students' APIs off the main thread: one worker per project (a loop in one project's
 * handler never holds up another's), each under the watchdog (supervise.ts), which stops a
 * worker whose handler overruns its time limit; the next request starts a fresh one.
 */
export class StudentApiBridge {
  readonly #supervisors = new Map<string, StudentSupervisor>();

  constructor(
    private readonly createWorker: () => Worker = defaultWorker,
    private readonly limitMs?: number,
  ) {}

  handle(project: string, call: StudentCall): Promise<StudentAnswer> {
    let supervisor = this.#supervisors.get(project);
    if (!supervisor) {
      supervisor = new StudentSupervisor(() => this.#session(project), this.limitMs);
      this.#supervisors.set(project, supervisor);
    }
    return supervisor.handle(call);
  }

  stop(): void {
    for (const supervisor of this.#supervisors.values()) supervisor.stop();
  }

  #session(project: string): StudentSession {
    const connection = new WorkerConnection<StudentApiWorkerApi>({
      create: this.createWorker,
      init: () => {},
      idleMs: IDLE_MS,
      crashMessage: (detail) =>
        `the worker running project "${project}"'s API crashed (${detail}); a handler most likely used too much memory`,
    });
    return {
      handle: (call) => connection.call((api) => api.handle(project, call)),
      terminate: () => connection.stop(new Error('its handler overran the time limit')),
    };
  }
}
