import { failedRequest, type RequestRecord } from './endpoint';

export interface RequestFilter {
  /** 'ok' (2xx), 'client' (4xx), 'server' (5xx, and failed jobs) or an exact status. */
  status?: 'ok' | 'client' | 'server' | number;
  variant?: string;
  version?: number;
  pattern?: RequestRecord['pattern'];
  /** Include shadow copies (default: yes). */
  shadows?: boolean;
  /** Matched against the id, the key, the error, a refusal's issues and the inputs' JSON. */
  text?: string;
}

/** A job accepted (202) whose model then failed is a server error, though its status is 202. */
function statusMatches(r: RequestRecord, want: RequestFilter['status']): boolean {
  if (want === undefined) return true;
  if (typeof want === 'number') return r.status === want;
  return want === 'ok'
    ? r.status < 400 && !failedRequest(r)
    : want === 'client'
      ? r.status >= 400 && r.status < 500
      : failedRequest(r);
}

/** The request log's search: every condition given must hold. */
export function filterRequests(
  records: readonly RequestRecord[],
  filter: RequestFilter,
): RequestRecord[] {
  const text = filter.text?.trim().toLowerCase();
  return records.filter(
    (r) =>
      statusMatches(r, filter.status) &&
      (filter.variant === undefined || r.variant === filter.variant) &&
      (filter.version === undefined || r.version === filter.version) &&
      (filter.pattern === undefined || r.pattern === filter.pattern) &&
      (filter.shadows !== false || r.shadowOf === null) &&
      (!text ||
        [r.id, r.key, r.error ?? '', JSON.stringify(r.detail ?? []), JSON.stringify(r.inputs)].some(
          (s) => s.toLowerCase().includes(text),
        )),
  );
}

const COLUMNS = [
  'id',
  'at',
  'endpoint',
  'method',
  'path',
  'pattern',
  'status',
  'latencyMs',
  'routingMs',
  'variant',
  'version',
  'shadowOf',
  'key',
  'rows',
  'prediction',
  'label',
  'labelAt',
  'disagreement',
  'error',
  'detail',
  'inputs',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The log as CSV (one line per request; a batch's first prediction, all inputs as JSON). */
export function requestsCsv(records: readonly RequestRecord[]): string {
  const lines = records.map((r) =>
    COLUMNS.map((c) =>
      csvCell(
        c === 'at' ? new Date(r.at).toISOString() : c === 'prediction' ? r.predictions[0] : r[c],
      ),
    ).join(','),
  );
  return [COLUMNS.join(','), ...lines].join('\n') + '\n';
}

/** The log as JSON Lines: every field of every record. */
export function requestsJsonl(records: readonly RequestRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}
