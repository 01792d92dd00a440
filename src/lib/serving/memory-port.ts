import type { DeploymentEvent, Endpoint, RequestRecord } from './endpoint';
import { earlierRunOf, type ServingPort } from './port';

/** Serving storage in memory: unit tests, and kernels where IndexedDB is unavailable. */
export function memoryServingPort(): ServingPort {
  const endpoints = new Map<string, Endpoint>();
  let events: DeploymentEvent[] = [];
  let requests: RequestRecord[] = [];
  const byId = new Map<string, RequestRecord>();
  const listeners = new Set<(endpoint: string) => void>();
  return {
    endpoint: async (name) => structuredClone(endpoints.get(name)),
    endpoints: async () => [...endpoints.values()].map((e) => structuredClone(e)),
    putEndpoint: async (e) => void endpoints.set(e.name, structuredClone(e)),
    appendEvent: async (e) => void events.push(structuredClone(e)),
    events: async (name) => events.filter((e) => e.endpoint === name),
    removeEvents: async (ids) => {
      const gone = new Set(ids);
      events = events.filter((e) => !gone.has(e.id));
    },
    appendRequests: async (records) => {
      for (const r of records) {
        requests.push(r);
        byId.set(r.id, r);
      }
    },
    removeCellRequests: async (lessonId, cellId, execution) => {
      const gone = requests.filter((r) => earlierRunOf(r, lessonId, cellId, execution));
      requests = requests.filter((r) => !gone.includes(r));
      for (const r of gone) byId.delete(r.id);
      return [...new Set(gone.map((r) => r.endpoint))];
    },
    requests: async (name, { since = -Infinity, until = Infinity, limit } = {}) => {
      const found = requests.filter((r) => r.endpoint === name && r.at >= since && r.at <= until);
      return limit === undefined ? found : found.slice(-limit);
    },
    request: async (id) => byId.get(id),
    label: async (labels) =>
      labels.flatMap(({ id, label, at }) => {
        const r = byId.get(id);
        if (!r) return [];
        r.label = label;
        r.labelAt = at;
        return [r];
      }),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (name) => listeners.forEach((l) => l(name)),
  };
}
