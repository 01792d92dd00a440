import { ServingRouter, memoryServingPort, type ApiRequest } from '../../../../src/lib/serving';
import { ServingError } from '../../../../src/lib/serving/errors';
import { inProcessStudentHost } from '../../../../src/lib/serving/student/in-process';
import type { StudentHost } from '../../../../src/lib/serving/student/protocol';
import { servingFixture } from '../fixture';

/** The libraries api.js may import, as the worker gives them (src/lib/kernel/modules.ts). */
export const importLibrary = async (specifier: string) => {
  if (specifier === 'zod') return import('zod');
  if (specifier === 'labbook/api') return import('../../../../src/lib/serving/student/define-api');
  throw new ServingError('bad-route', `no library ${specifier}`);
};

/** A valid API over the fixture's model "toy" (y = 3a − 2b + 1), with bounds, enums, defaults. */
export const TOY_API = `import { z } from 'zod';
import { defineApi } from 'labbook/api';

const Trip = z.object({
  a: z.number().positive(),
  b: z.number().lt(1.0),
  vendor: z.enum(['CMT', 'VTS']),
  note: z.string().optional(),
  c: z.number().int().default(0),
}).strict();

export default defineApi({
  title: 'Toy API',
  routes: [
    {
      method: 'POST',
      path: '/predict',
      summary: 'Predict y',
      body: Trip,
      response: z.object({ y: z.number(), vendor: z.string() }).transform((r) => ({ ...r, doubled: r.y * 2 })),
      handler: async (trip, { model }) => {
        const toy = await model('models:/toy@champion');
        return { y: toy.predict({ a: trip.a, b: trip.b, c: trip.c }), vendor: trip.vendor };
      },
    },
    { method: 'GET', path: '/items/{id}', handler: (_, { params, query }) => ({ id: params.id, query }) },
    {
      method: 'POST',
      path: '/boom',
      handler: () => {
        throw new TypeError('no such column');
      },
    },
  ],
});
`;

/** A router whose student host runs the projects' files (path → text) in this realm. */
export async function studentFixture(
  projects: Record<string, Record<string, string>>,
  host?: (inner: StudentHost) => StudentHost,
) {
  const base = await servingFixture();
  await base.registry.setAlias('toy', 'champion', 1);
  const inner = inProcessStudentHost({
    readText: async (project, path) => {
      const files = projects[project];
      if (!files) throw new ServingError('unknown-endpoint', `No project named "${project}".`);
      return files[path];
    },
    importLibrary,
    loadPredictor: (uri) => base.registry.loadPredictor(uri),
  });
  const port = memoryServingPort();
  let n = 0;
  const router = new ServingRouter({
    port,
    registry: base.registry,
    newId: () => `req-${++n}`,
    student: host ? host(inner) : inner,
  });
  const call = (
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
  return { router, port, call, registry: base.registry };
}
