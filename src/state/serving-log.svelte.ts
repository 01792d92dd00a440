import { downloadBlob } from '../lib/pwa/download';
import type { RequestFilter, RequestRecord } from '../lib/serving';
import { messageOf, servingBridge } from './serving.svelte';

export type StatusClass = '' | 'ok' | 'client' | 'server';

/** The request log of one endpoint: newest first, searchable, exported as CSV or JSON Lines. */
export class RequestLog {
  text = $state('');
  status = $state<StatusClass>('');
  variant = $state('');
  records = $state.raw<RequestRecord[]>([]);
  /** A prepared export, ready to download. */
  download = $state<{ url: string; name: string } | null>(null);
  error = $state<string | null>(null);
  /** "N requests could not be logged: <reason>", or null: the log above is then complete. */
  lost = $state<string | null>(null);
  readonly limit: number;
  #asked = 0;

  constructor(limit = 100) {
    this.limit = limit;
  }

  filter(): RequestFilter {
    return {
      ...(this.text.trim() ? { text: this.text.trim() } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.variant ? { variant: this.variant } : {}),
    };
  }

  async refresh(endpoint: string): Promise<void> {
    const asked = ++this.#asked;
    try {
      const [records, lost] = await servingBridge().call((api) =>
        Promise.all([api.requestLog(endpoint, this.filter(), this.limit), api.logFailures()]),
      );
      // A newer search was sent while this one ran: its answer wins.
      if (asked !== this.#asked) return;
      this.records = records;
      this.lost = lost;
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async export(endpoint: string, format: 'csv' | 'jsonl'): Promise<void> {
    try {
      const text = await servingBridge().call((api) =>
        api.exportRequests(endpoint, format, this.filter()),
      );
      if (this.download) URL.revokeObjectURL(this.download.url);
      // Request bodies are whatever callers sent: the file is saved, never opened as a page.
      this.download = {
        url: URL.createObjectURL(downloadBlob([text])),
        name: `requests-${endpoint}.${format}`,
      };
    } catch (error) {
      this.error = messageOf(error);
    }
  }
}
