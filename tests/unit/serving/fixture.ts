import { readFileSync } from 'node:fs';
import { DataCatalog, memoryDataPort, openShippedStream } from '../../../src/lib/data/catalog';
import { memoryRegistryPort, ModelRegistry, type ModelTest } from '../../../src/lib/registry';
import { memoryServingPort, ServingRouter, type ApiRequest } from '../../../src/lib/serving';
import { memoryTrackingPort, Tracker } from '../../../src/lib/tracking';
import { matrix } from '../../../src/lib/train/matrix';
import { fitModel } from '../../../src/lib/train/model';

// y = 3·a − 2·b + 1 exactly; `c` carries no signal.
export const rows = Array.from({ length: 40 }, (_, i) => ({ a: i % 7, b: (i * 3) % 5, c: i % 2 }));
const y = Float64Array.from(rows, (r) => 3 * r.a - 2 * r.b + 1);
const X = matrix(rows.length, 3, Float64Array.from(rows.flatMap((r) => [r.a, r.b, r.c])));
export const truth = (r: { a: number; b: number }) => 3 * r.a - 2 * r.b + 1;

export const passingTests: ModelTest[] = [
  { kind: 'minimum', name: 'predictions in range', expect: { min: -100, max: 100 } },
];

/**
 * A registry with model "toy": v1 exact (ridge, alpha 0), v2 the mean (a worse model), v3 exact
 * again; v1 and v3 tested. A router over memory storage with a fake clock and seeded randomness.
 */
export async function servingFixture(
  options: { random?: () => number; sleep?: (ms: number) => Promise<void> } = {},
) {
  let wall = 1_700_000_000_000;
  const now = () => (wall += 1);
  const tracking = memoryTrackingPort();
  const tracker = new Tracker(tracking, { now });
  const registry = new ModelRegistry(memoryRegistryPort(), tracking, now);
  await tracker.setExperiment('toy');
  for (const kind of ['ridge', 'mean', 'ridge'] as const) {
    const run = await tracker.startRun({ name: kind });
    await tracker.logArtifact(
      'model/model.json',
      fitModel(kind, X, y, { features: ['a', 'b', 'c'], target: 'y', alpha: 0 }) as object,
    );
    await tracker.endRun();
    const v = await registry.registerModel(run.id, 'toy', { inputExample: rows.slice(0, 3) });
    if (kind === 'ridge') await registry.testVersion(`models:/toy/${v.version}`, passingTests);
  }
  const catalog = new DataCatalog({
    port: memoryDataPort(),
    openShipped: async (file) =>
      openShippedStream(new Response(readFileSync(`datasets/${file}`)), file),
  });
  const port = memoryServingPort();
  let n = 0;
  const router = new ServingRouter({
    port,
    registry,
    catalog,
    now,
    // Latencies on the fake clock too, so injected delays count without waiting.
    clock: () => wall,
    random: options.random ?? (() => 0.5),
    sleep: options.sleep ?? (async (ms) => void (wall += ms)),
    newId: () => `req-${++n}`,
  });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const req: ApiRequest = {
      method,
      path,
      query: {},
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    };
    return router.handle(req);
  };
  return { registry, router, port, call, control: router.control, tracker, tracking, catalog };
}
