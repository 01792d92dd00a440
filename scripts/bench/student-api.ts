import { memoryRegistryPort, ModelRegistry } from '../../src/lib/registry';
import { memoryServingPort, ServingRouter, type ApiRequest } from '../../src/lib/serving';
import { ServingError } from '../../src/lib/serving/errors';
import { inProcessStudentHost } from '../../src/lib/serving/student/in-process';
import { cachedPredictors } from '../../src/lib/serving/student/models';
import { memoryTrackingPort, Tracker } from '../../src/lib/tracking';
import { matrix } from '../../src/lib/train/matrix';
import { fitModel } from '../../src/lib/train/model';
import type { BenchResult } from './report';

const REQUESTS = 20_000;

/** A student's api.js as a lesson would have it: bounds, an enum, a default, a model by alias. */
const API = `import { z } from 'zod';
import { defineApi } from 'labbook/api';
export default defineApi({
  routes: [{
    method: 'POST',
    path: '/predict',
    body: z.object({
      distance_km: z.number().positive().lt(500),
      passengers: z.number().int().min(1).max(6).default(1),
      vendor: z.enum(['CMT', 'VTS']),
    }).strict(),
    response: z.object({ duration_s: z.number() }),
    handler: async (trip, { model }) => {
      const m = await model('models:/bench-student@champion');
      return { duration_s: m.predict({ distance_km: trip.distance_km, passengers: trip.passengers }) };
    },
  }],
});
`;

async function router() {
  const tracking = memoryTrackingPort();
  const tracker = new Tracker(tracking);
  const registry = new ModelRegistry(memoryRegistryPort(), tracking);
  await tracker.setExperiment('bench-student');
  const rows = Array.from({ length: 200 }, (_, i) => ({
    distance_km: 1 + (i % 30),
    passengers: 1 + (i % 6),
  }));
  const X = matrix(
    rows.length,
    2,
    Float64Array.from(rows.flatMap((r) => [r.distance_km, r.passengers])),
  );
  const y = Float64Array.from(rows, (r) => 120 * r.distance_km + 10 * r.passengers);
  const run = await tracker.startRun({ name: 'bench' });
  await tracker.logArtifact(
    'model/model.json',
    fitModel('ridge', X, y, {
      features: ['distance_km', 'passengers'],
      target: 'duration_s',
      alpha: 0,
    }) as object,
  );
  await tracker.endRun();
  await registry.registerModel(run.id, 'bench-student', { inputExample: rows.slice(0, 2) });
  await registry.testVersion('models:/bench-student/1', [
    { kind: 'minimum', name: 'range', expect: { min: -1e9, max: 1e9 } },
  ]);
  await registry.setAlias('bench-student', 'champion', 1);
  const student = inProcessStudentHost({
    readText: async (_, path) => (path === 'api.js' ? API : undefined),
    importLibrary: async (specifier) => {
      if (specifier === 'zod') return import('zod');
      if (specifier === 'labbook/api') return import('../../src/lib/serving/student/define-api');
      throw new ServingError('bad-route', `no library ${specifier}`);
    },
    loadPredictor: cachedPredictors((uri) => registry.loadPredictor(uri)),
  });
  return new ServingRouter({ port: memoryServingPort(), registry, student });
}

/**
 * Validated requests per second through the router's student path (Node figure): the body check,
 * zod validation, the handler with a model by alias, the response schema, the request log. The
 * same code runs in the page's student-API worker; the service worker → page hop is not in it.
 */
export async function benchStudentApi(): Promise<BenchResult[]> {
  const r = await router();
  const req = (i: number): ApiRequest => ({
    method: 'POST',
    path: 'student/bench/predict',
    query: {},
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ distance_km: 1 + (i % 40), vendor: i % 2 ? 'CMT' : 'VTS' }),
  });
  for (let i = 0; i < 500; i++) await r.handle(req(i)); // warm-up: the loader and the model
  const started = performance.now();
  let ok = 0;
  for (let i = 0; i < REQUESTS; i++) if ((await r.handle(req(i))).status === 200) ok++;
  const seconds = (performance.now() - started) / 1000;
  await r.flush();
  if (ok !== REQUESTS)
    throw new ServingError('no-traffic', `Only ${ok} of ${REQUESTS} bench requests answered 200.`);
  return [
    {
      name: "A student's own API: validated requests per second through the router (Node)",
      value: Math.round(REQUESTS / seconds),
      unit: 'req/s',
      target: { min: 5000 },
      note: `${REQUESTS.toLocaleString('en')} POST api/student/<project>/predict one at a time: body limits, zod (bounds, enum, default, strict), a linear model by alias, the response schema and the request log (memory port), in one Node process; the service worker → page → worker hop is not included`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchStudentApi());
