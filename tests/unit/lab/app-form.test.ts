import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { declareForm } from '../../../src/lib/apps/declaration';
import { formBody, readAnswer } from '../../../src/lib/apps/answer';
import { AppFormError } from '../../../src/lib/apps/errors';
import { readStoredForm } from '../../../src/lib/apps/store';
import { DB_NAME, exportWorkspace, importWorkspace, openStore } from '../../../src/lib/store';
import { dexieAppFormPort } from '../../../src/lib/store/app-forms';
import { createLab } from '../../../src/lib/lab';
import { useNodeServices } from './node-services';
import { readDeclaration } from '../../../src/lib/serving/student/declaration';
import { studentOpenApi } from '../../../src/lib/serving/student/openapi';

/** A student's API as api.js declares it; its document is generated exactly as it is served. */
const api = readDeclaration({
  default: {
    title: 'Taxi',
    routes: [
      {
        method: 'POST',
        path: '/predict',
        body: z.object({
          vendor: z.enum(['CMT', 'VTS']).describe('Who ran the trip'),
          passengers: z.number().int().min(1).max(6).default(1),
          km: z.number().positive().lt(200),
          sex: z.union([z.literal(1), z.literal(2)]),
          airport: z.boolean().default(false),
          note: z.string().optional(),
        }),
        handler: () => ({ prediction: 1 }),
      },
      { method: 'GET', path: '/trips', handler: () => [] },
    ],
  },
});
const doc = studentOpenApi(api, 'taxi', 'http://x/api');
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as AppFormError;
  }
  throw new Error('expected an AppFormError');
};

describe('schema → form fields', () => {
  const form = declareForm({ name: 'taxi-form', endpoint: 'student/taxi/predict' }, doc, [], 5);

  it('maps types, bounds, enums, defaults and required as the API validates them', () => {
    expect(form.path).toBe('student/taxi/predict');
    const by = Object.fromEntries(form.fields.map((f) => [f.name, f]));
    expect(by.vendor).toMatchObject({ kind: 'select', options: ['CMT', 'VTS'], required: true });
    expect(by.vendor!.description).toBe('Who ran the trip');
    expect(by.passengers).toMatchObject({
      kind: 'integer',
      min: 1,
      max: 6,
      default: 1,
      required: false,
    });
    expect(by.km).toMatchObject({
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      max: 200,
      exclusiveMax: true,
    });
    expect(by.sex).toMatchObject({ kind: 'select', options: [1, 2] });
    expect(by.airport).toMatchObject({ kind: 'checkbox', default: false, required: false });
    expect(by.note).toMatchObject({ kind: 'text', required: false });
  });

  it('keeps only the chosen fields, in the order given', () => {
    const chosen = declareForm(
      { name: 'short', endpoint: 'student/taxi/predict', fields: ['km', 'vendor', 'sex'] },
      doc,
      [],
    );
    expect(chosen.fields.map((f) => f.name)).toEqual(['km', 'vendor', 'sex']);
  });

  it('builds the body the API expects, and reads its answers', () => {
    const body = formBody(form.fields, {
      vendor: 'VTS',
      passengers: '2',
      km: 'far',
      sex: '2',
      airport: true,
      note: '',
    });
    expect(body).toEqual({ vendor: 'VTS', passengers: 2, km: 'far', sex: 2, airport: true });
    const invalid = readAnswer(
      422,
      {
        detail: [
          { loc: ['body', 'km'], msg: 'Input should be a valid number', type: 'x' },
          { loc: ['body'], msg: 'bad', type: 'y' },
        ],
      },
      form.fields,
    );
    expect(invalid).toEqual({
      kind: 'invalid',
      byField: { km: ['Input should be a valid number'] },
      other: ['body: bad'],
    });
    expect(readAnswer(200, { prediction: 12.5 }, form.fields)).toMatchObject({
      kind: 'prediction',
      value: 12.5,
    });
  });

  it('is stored and read back as it was declared', () => {
    expect(readStoredForm(JSON.parse(JSON.stringify(form)))).toEqual(form);
    expect(readStoredForm({ ...form, path: 'v1/models/other/predict' })).toBeNull();
  });
});

describe('declaration validation', () => {
  it.each([
    [{ name: 'Taxi Form', endpoint: 'student/taxi/predict' }, 'bad-name', 'lowercase letters'],
    [{ name: 'diabetes', endpoint: 'diabetes' }, 'reserved-name', 'diabetes-form'],
    [{ name: 'f', endpoint: 'http://evil/predict' }, 'bad-endpoint', 'student/taxi-api/predict'],
    [{ name: 'f', endpont: 'x' }, 'bad-option', 'Did you mean "endpoint"?'],
    [
      { name: 'f', endpoint: 'student/taxi/predcit' },
      'unknown-endpoint',
      'Did you mean "student/taxi/predict"?',
    ],
    [
      { name: 'f', endpoint: 'student/taxi/predict', fields: ['kms', 'vendor', 'sex'] },
      'unknown-field',
      'Did you mean "km"?',
    ],
    [
      { name: 'f', endpoint: 'student/taxi/predict', fields: ['km'] },
      'missing-required',
      '"vendor", "sex"',
    ],
  ])('%j is refused (%s)', (input, code, hint) => {
    const error = errorOf(() => declareForm(input, doc, []));
    expect(error).toBeInstanceOf(AppFormError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(hint);
  });

  it('names a served endpoint close to a mistyped one', () => {
    const error = errorOf(() =>
      declareForm({ name: 'f', endpoint: 'diabets' }, null, ['diabetes', 'taxi']),
    );
    expect(error.code).toBe('unknown-endpoint');
    expect(error.message).toContain('Did you mean "diabetes"?');
  });

  it('refuses a route that takes no body', () => {
    const paths = { '/student/taxi/trips': { post: {} } };
    const error = errorOf(() =>
      declareForm({ name: 'f', endpoint: 'student/taxi/trips' }, { paths }, []),
    );
    expect(error.code).toBe('no-request-schema');
  });
});

describe('stored forms', () => {
  it('survive in IndexedDB and travel with a workspace export into another workspace', async () => {
    const form = declareForm({ name: 'taxi-form', endpoint: 'student/taxi/predict' }, doc, [], 5);
    const db = await openStore();
    await dexieAppFormPort(db).put(form);
    // A row no declaration made (a hand-edited import): skipped, never rendered.
    await db.settings.put({
      key: 'app-form:evil',
      value: { ...form, name: 'evil', path: 'v1/webhooks/x' },
    });
    const bytes = await exportWorkspace(db);
    db.close();
    await Dexie.delete(DB_NAME);
    const fresh = await openStore();
    expect(await dexieAppFormPort(fresh).list()).toEqual([]);
    await importWorkspace(fresh, bytes, { mode: 'replace' });
    expect(await dexieAppFormPort(fresh).list()).toEqual([form]);
    expect(await dexieAppFormPort(fresh).get('evil')).toBeUndefined();
    fresh.close();
    await Dexie.delete(DB_NAME);
  });
});

describe('lab.app.form in a kernel', () => {
  it("says why a student's API does not answer, and stores nothing", async () => {
    const services = useNodeServices();
    const lab = createLab({ display() {} }) as {
      app: { form(input: unknown): Promise<unknown>; list(): Promise<{ numRows(): number }> };
    };
    // The kernel runs students' APIs itself when no service worker answers: no such project.
    await expect(lab.app.form({ name: 'f', endpoint: 'student/taxi/predict' })).rejects.toThrow(
      /does not answer its OpenAPI document \(404\): Not Found: no project named "taxi"/,
    );
    await expect(lab.app.form({ name: 'f', endpoint: 'diabets' })).rejects.toThrow(
      /No endpoint "diabets" is served\. Served: none/,
    );
    expect((await lab.app.list()).numRows()).toBe(0);
    expect(await services.apps.list()).toEqual([]);
  });

  it("declares a form from the student's own api.js, served by the kernel when no service worker is", async () => {
    const services = useNodeServices();
    const lab = createLab({ display() {} }) as {
      project: { create(name: string, files: Record<string, string>): Promise<unknown> };
      app: { form(input: unknown): Promise<unknown>; get(name: string): Promise<unknown> };
    };
    await lab.project.create('taxi', {
      'api.js': `import { z } from 'zod';
import { defineApi } from 'labbook/api';
export default defineApi({
  routes: [
    {
      method: 'POST',
      path: '/predict',
      body: z.object({ km: z.number().positive().lt(200), vendor: z.enum(['CMT', 'VTS']) }),
      handler: (trip) => ({ minutes: trip.km * 3 }),
    },
  ],
});
`,
    });
    await lab.app.form({ name: 'taxi-form', endpoint: 'student/taxi/predict' });
    const form = (await lab.app.get('taxi-form')) as { fields: { name: string }[] };
    expect(form.fields.map((f) => f.name)).toEqual(['km', 'vendor']);
    expect((await services.apps.list()).map((f) => f.name)).toEqual(['taxi-form']);
  });
});
