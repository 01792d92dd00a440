import type { DeploymentEvent, Endpoint, RequestRecord } from '../serving/endpoint';
import { earlierRunOf, type ServingPort } from '../serving/port';
import type { LabbookDB } from './db';
import type { RequestRow } from './schema';
import { guard } from './errors';

/** Endpoint changes reach every tab, worker and the service worker through this channel. */
const CHANNEL = 'labbook-serving';

/** Serving in IndexedDB (tables of schema version 4): endpoints, their timeline, the request log. */
export function dexieServingPort(db: LabbookDB): ServingPort {
  const listeners = new Set<(endpoint: string) => void>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  if (channel)
    channel.onmessage = (event: MessageEvent<{ endpoint?: string }>) => {
      if (typeof event.data?.endpoint === 'string')
        listeners.forEach((l) => l(event.data.endpoint!));
    };
  return {
    endpoint: (name) => guard(async () => (await db.endpoints.get(name)) as Endpoint | undefined),
    endpoints: () => guard(async () => (await db.endpoints.toArray()) as unknown as Endpoint[]),
    putEndpoint: (e) => guard(async () => void (await db.endpoints.put({ ...e }))),
    appendEvent: (e) => guard(async () => void (await db.deploymentEvents.put({ ...e }))),
    events: (name) =>
      guard(
        async () =>
          (await db.deploymentEvents
            .where('endpoint')
            .equals(name)
            .sortBy('at')) as unknown as DeploymentEvent[],
      ),
    removeEvents: (ids) => guard(() => db.deploymentEvents.bulkDelete(ids)),
    appendRequests: (records) =>
      guard(async () => void (await db.requests.bulkPut(records as unknown as RequestRow[]))),
    removeCellRequests: (lessonId, cellId, execution) =>
      guard(() =>
        db.transaction('rw', db.requests, async () => {
          const gone = await db.requests
            .filter((r) =>
              earlierRunOf(r as Pick<RequestRecord, 'source'>, lessonId, cellId, execution),
            )
            .toArray();
          await db.requests.bulkDelete(gone.map((r) => r.id));
          return [...new Set(gone.map((r) => r.endpoint))];
        }),
      ),
    requests: (name, { since = -Infinity, until = Infinity, limit } = {}) =>
      guard(async () => {
        const range = db.requests
          .where('[endpoint+at]')
          .between([name, since], [name, until], true, true);
        const found =
          limit === undefined
            ? await range.toArray()
            : (await range.reverse().limit(limit).toArray()).reverse();
        return found as unknown as RequestRecord[];
      }),
    request: (id) => guard(async () => (await db.requests.get(id)) as RequestRecord | undefined),
    label: (labels) =>
      guard(() =>
        db.transaction('rw', db.requests, async () => {
          const found = (await db.requests.bulkGet(labels.map((l) => l.id))) as (
            RequestRecord | undefined
          )[];
          const updated = found.flatMap((r, i) =>
            r ? [{ ...r, label: labels[i]!.label, labelAt: labels[i]!.at }] : [],
          );
          await db.requests.bulkPut(updated as unknown as RequestRow[]);
          return updated;
        }),
      ),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (name) => {
      listeners.forEach((l) => l(name));
      channel?.postMessage({ endpoint: name });
    },
  };
}
