import type { ValidationIssue } from './errors';
import type { Job } from './jobs';

/** An inbox keeps its latest items only: a forgotten callback loop must not fill the memory. */
const INBOX_ITEMS = 1000;

/**
 * Callbacks go to an inbox of this API: there is no server to call back, only the browser.
 * A finished job whose submitter gave a `callback_url` lands in that inbox.
 */
export class Inboxes {
  readonly #items = new Map<string, unknown[]>();
  readonly #callbacks = new Map<string, string>();

  /** The inbox a `callback_url` names (null when none was given), or why it cannot be one. */
  static parse(url: unknown): string | null | ValidationIssue[] {
    if (url === undefined || url === null) return null;
    const match = typeof url === 'string' ? /(?:^|\/)v1\/webhooks\/([\w-]{1,64})$/.exec(url) : null;
    return match
      ? match[1]!
      : [
          {
            loc: ['body', 'callback_url'],
            type: 'callback_url',
            msg: 'A callback goes to an inbox of this API, e.g. "v1/webhooks/my-inbox" (read it with GET)',
            input: url,
          },
        ];
  }

  callBack(jobId: string, inbox: string): void {
    this.#callbacks.set(jobId, inbox);
  }

  /** A job finished: into its callback's inbox, if it has one. */
  deliver(job: Job): void {
    const inbox = this.#callbacks.get(job.job_id);
    if (!inbox) return;
    this.#callbacks.delete(job.job_id);
    this.push(inbox, job);
  }

  push(inbox: string, item: unknown): void {
    const items = this.#items.get(inbox) ?? [];
    items.push(item);
    this.#items.set(inbox, items.slice(-INBOX_ITEMS));
  }

  read(inbox: string): unknown[] {
    return this.#items.get(inbox) ?? [];
  }
}
