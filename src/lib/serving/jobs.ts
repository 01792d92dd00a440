export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  job_id: string;
  endpoint: string;
  status: JobStatus;
  rows: number;
  submitted_at: number;
  started_at: number | null;
  finished_at: number | null;
  result: unknown;
  error: string | null;
}

/** Finished jobs kept for polling; older ones are forgotten first. */
const KEEP_FINISHED = 1000;

/**
 * Asynchronous scoring: jobs wait in one queue and run one at a time, so a burst of submissions
 * shows up as a growing queue (positions) rather than as slower answers.
 */
export class JobQueue {
  readonly #jobs = new Map<string, Job>();
  readonly #waiting: { job: Job; work: () => Promise<unknown> }[] = [];
  #running = false;
  readonly #now: () => number;
  readonly #onFinish: (job: Job) => void;

  constructor(now: () => number, onFinish: (job: Job) => void = () => {}) {
    this.#now = now;
    this.#onFinish = onFinish;
  }

  submit(
    id: string,
    endpoint: string,
    rows: number,
    work: () => Promise<unknown>,
  ): Job & { position: number } {
    const job: Job = {
      job_id: id,
      endpoint,
      status: 'queued',
      rows,
      submitted_at: this.#now(),
      started_at: null,
      finished_at: null,
      result: null,
      error: null,
    };
    this.#jobs.set(id, job);
    this.#waiting.push({ job, work });
    const position = this.#waiting.length;
    void this.#drain();
    return { ...job, position };
  }

  /** A job with its current place in the queue (1 = next), or undefined. */
  get(id: string): (Job & { position: number }) | undefined {
    const job = this.#jobs.get(id);
    if (!job) return undefined;
    return { ...job, position: this.#waiting.findIndex((w) => w.job === job) + 1 };
  }

  get queued(): number {
    return this.#waiting.length;
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#waiting[0]; next; next = this.#waiting[0]) {
        // Yield first, so the submitter's 202 (and its position) goes out before work starts.
        await new Promise((resolve) => setTimeout(resolve, 0));
        this.#waiting.shift();
        const { job, work } = next;
        job.status = 'running';
        job.started_at = this.#now();
        try {
          job.result = await work();
          job.status = 'done';
        } catch (error) {
          job.status = 'failed';
          job.error = (error as Error).message;
        }
        job.finished_at = this.#now();
        this.#onFinish(job);
        this.#forgetOld();
      }
    } finally {
      this.#running = false;
    }
  }

  #forgetOld(): void {
    const finished = [...this.#jobs.values()].filter((j) => j.finished_at !== null);
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.#jobs.delete(job.job_id);
  }
}
