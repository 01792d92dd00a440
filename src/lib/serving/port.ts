import type { DeploymentEvent, Endpoint, RequestRecord } from './endpoint';

export interface RequestQuery {
  since?: number;
  until?: number;
  /** Newest first when set. */
  limit?: number;
}

/** Where serving keeps endpoints, their timeline and the request log (IndexedDB or memory). */
export interface ServingPort {
  endpoint(name: string): Promise<Endpoint | undefined>;
  endpoints(): Promise<Endpoint[]>;
  putEndpoint(endpoint: Endpoint): Promise<void>;
  appendEvent(event: DeploymentEvent): Promise<void>;
  events(endpoint: string): Promise<DeploymentEvent[]>;
  /** Drops timeline events (those a lesson cell made, replaced when it runs again). */
  removeEvents(ids: string[]): Promise<void>;
  appendRequests(records: RequestRecord[]): Promise<void>;
  /**
   * Drops the records earlier runs of a lesson cell sent (`source` of that lesson and cell, of
   * another execution than `execution`): the cell runs again. Returns the logs that changed.
   */
  removeCellRequests(lessonId: string, cellId: string, execution: string): Promise<string[]>;
  /** Oldest first (newest `limit` ones, when a limit is given). */
  requests(endpoint: string, query?: RequestQuery): Promise<RequestRecord[]>;
  request(id: string): Promise<RequestRecord | undefined>;
  /** Attaches ground truth to logged requests; returns those found. */
  label(labels: { id: string; label: number; at: number }[]): Promise<RequestRecord[]>;
  /** Another tab, worker or the service worker changed an endpoint: drop cached copies. */
  onChange(listener: (endpoint: string) => void): () => void;
  notify(endpoint: string): void;
}

/** Whether a record was sent by an earlier run (not `execution`) of the lesson cell. */
export const earlierRunOf = (
  r: Pick<RequestRecord, 'source'>,
  lessonId: string,
  cellId: string,
  execution: string,
) =>
  r.source?.lessonId === lessonId &&
  r.source.cellId === cellId &&
  r.source.execution !== undefined &&
  r.source.execution !== execution;
