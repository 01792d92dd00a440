import type { RequestRecord } from './endpoint';
import type { LogFailures } from './log-failures';
import type { ServingPort } from './port';

/**
 * The request log's writes, one after another. The chain never rejects: one write the store
 * refuses (a record it cannot clone, a full disk for a moment) must not fail every later request,
 * as a rejected chain would. A refused batch is tried again record by record, so one bad record
 * costs no other; what still fails is counted in `failures`, with its reason.
 */
export class LogWriter {
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly port: ServingPort,
    private readonly failures: LogFailures,
    private readonly now: () => number,
  ) {}

  /** Resolves once this batch, and every one before it, is stored or counted as lost. */
  write(batch: RequestRecord[]): Promise<void> {
    const previous = this.#chain;
    this.#chain = (async () => {
      await previous;
      if (batch.length) await this.#store(batch);
    })();
    return this.#chain;
  }

  async #store(batch: RequestRecord[]): Promise<void> {
    try {
      await this.port.appendRequests(batch);
      return;
    } catch (error) {
      if (batch.length === 1) return this.failures.record([batch[0]!.id], error, this.now());
    }
    for (const record of batch)
      try {
        await this.port.appendRequests([record]);
      } catch (error) {
        this.failures.record([record.id], error, this.now());
      }
  }
}
