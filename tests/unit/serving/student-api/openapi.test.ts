import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { operationsOf, type OpenApiDoc } from '../../../../src/lib/serving/openapi-view';
import { readDeclaration } from '../../../../src/lib/serving/student/declaration';
import { studentOpenApi } from '../../../../src/lib/serving/student/openapi';

describe("a student API's OpenAPI document", () => {
  const api = readDeclaration({
    default: {
      title: 'Taxi',
      routes: [
        {
          method: 'POST',
          path: '/predict',
          body: z.object({
            vendor: z.enum(['CMT', 'VTS']),
            sex: z.union([z.literal(1), z.literal(2)]),
            km: z.number().positive().default(1),
          }),
          response: z.object({ s: z.number() }).transform((r) => ({ ...r, min: r.s / 60 })),
          handler: () => ({ s: 1 }),
        },
        {
          method: 'GET',
          path: '/trips/{id}',
          query: z.object({ full: z.coerce.boolean().optional() }),
          handler: () => 1,
        },
      ],
    },
  });
  const doc = studentOpenApi(api, 'taxi', 'http://x/api') as unknown as OpenApiDoc;

  it('reads on the docs page as the student wrote it: fields, literals, path and query parameters', () => {
    const [predict, trip, health] = operationsOf(doc);
    expect(predict!.path).toBe('/student/taxi/predict');
    expect(predict!.body!.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['vendor', 'one of "CMT", "VTS"', true],
      ['sex', '1 or 2', true],
      ['km', 'number', false],
    ]);
    expect(trip!.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:full']);
    expect(health!.path).toBe('/student/taxi/health');
  });

  it('documents a computed response field without failing (transforms are unrepresentable)', () => {
    const ok = (doc.paths['/student/taxi/predict']!.post as { responses: Record<string, unknown> })
      .responses['200'];
    expect(JSON.stringify(ok)).toContain('"s"');
  });
});
