import 'fake-indexeddb/auto';
import { describe, expect } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { compile } from 'svelte/compiler';
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { hostile } from './hostile';
import { studentFixture } from '../unit/serving/student-api/fixture';
import { declareForm, type AppForm } from '../../src/lib/apps/declaration';
import { formBody, readAnswer } from '../../src/lib/apps/answer';
import { AppFormError } from '../../src/lib/apps/errors';
import { MAX_FORM_FIELDS, type FormField } from '../../src/lib/apps/form-fields';
import { readStoredForm } from '../../src/lib/apps/store';

/**
 * The form's input component, compiled for the server as the app compiles it for the browser
 * (this Node project has no Svelte plugin): what it renders from a hostile label is checked.
 */
async function formInput() {
  const source = readFileSync(
    new URL('../../src/components/apps/FormInput.svelte', import.meta.url),
    'utf8',
  );
  const { js } = compile(source, { generate: 'server', filename: 'FormInput.svelte' });
  const file = new URL(`./.form-input-${process.pid}.mjs`, import.meta.url);
  writeFileSync(file, js.code);
  try {
    return (
      (await import(/* @vite-ignore */ file.href)) as {
        default: Component<{ field: FormField; value: unknown; issues: string[] }>;
      }
    ).default;
  } finally {
    rmSync(file);
  }
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppFormError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

/** A project whose api.js has one POST /predict route with `body` and handler code `code`. */
const project = (body: string, code = 'return { prediction: 1 };') => ({
  'api.js': `import { z } from 'zod';
export default { routes: [{ method: 'POST', path: '/predict', body: ${body}, handler: async (body) => { ${code} } }] };
`,
});

/** The document as lab.app.form reads it: GET api/student/<project>/openapi.json. */
async function documentOf(call: Awaited<ReturnType<typeof studentFixture>>['call'], p: string) {
  const answer = await call('GET', `student/${p}/openapi.json`);
  expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(200);
  return answer.body;
}

describe('app forms', () => {
  hostile(
    'app-form',
    'a form name with HTML, ../ or a slash, and a stored form whose path escapes',
    { guards: 'security' },
    () => {
      const doc = { paths: {} };
      for (const name of ['<img src=x onerror=alert(1)>', '../../etc', 'a/b', 'x'.repeat(41), '']) {
        const error = refusal(() => declareForm({ name, endpoint: 'diabetes' }, doc, []));
        expect(error.code).toBe('bad-name');
        expect(error.field).toBe('name');
        // Quoted as JSON and bounded: the message never carries the raw markup unquoted.
        expect(error.message).toContain('#/apps/<name>');
        expect(error.message.length).toBeLessThan(400);
      }
      for (const endpoint of ['student/p/../../v1/models/x/predict', 'student/../x', '../diabetes'])
        expect(refusal(() => declareForm({ name: 'f', endpoint }, doc, [])).code).toBe(
          'bad-endpoint',
        );
      // An imported workspace can carry any settings row: a form posting elsewhere is not read.
      const form: AppForm = {
        name: 'f',
        endpoint: 'student/p/predict',
        title: 'f',
        description: '',
        path: 'student/p/../../v1/webhooks/x',
        fields: [],
        declaredAt: 1,
      };
      expect(readStoredForm(form)).toBeNull();
      expect(readStoredForm({ ...form, name: '../x', path: 'student/p/predict' })).toBeNull();
      expect(readStoredForm({ ...form, path: 'student/p/predict' })).not.toBeNull();
    },
  );

  hostile(
    'app-form',
    'a request schema with 10,000 fields',
    { guards: 'availability', timeout: 30_000 },
    async () => {
      // The student API itself refuses more than 1,000 body keys: its largest schema goes through
      // the real document, and a 10,000-field one as any other server could document it.
      const allowed = Array.from({ length: 1_000 }, (_, i) => `f${i}`);
      const { call } = await studentFixture({
        big: project(
          `z.object(Object.fromEntries(${JSON.stringify(allowed)}.map((k) => [k, z.number().optional()])))`,
        ),
      });
      const served = await documentOf(call, 'big');
      expect(
        refusal(() => declareForm({ name: 'big', endpoint: 'student/big/predict' }, served, []))
          .code,
      ).toBe('too-many-fields');
      const properties = Object.fromEntries(
        Array.from({ length: 10_000 }, (_, i) => [`f${i}`, { type: 'number' }]),
      );
      const schema = { type: 'object', properties };
      const doc = {
        paths: {
          '/student/big/predict': {
            post: { requestBody: { content: { 'application/json': { schema } } } },
          },
        },
      };
      const t0 = performance.now();
      const error = refusal(() =>
        declareForm({ name: 'big', endpoint: 'student/big/predict' }, doc, []),
      );
      expect(error.code).toBe('too-many-fields');
      expect(error.message).toContain('10000 fields');
      expect(error.message).toContain(`at most ${MAX_FORM_FIELDS}`);
      expect(error.message).toContain('fields:');
      // Choosing fields works on the same schema, and a typo among 10,000 is still named.
      const form = declareForm(
        { name: 'big', endpoint: 'student/big/predict', fields: ['f9999', 'f0'] },
        doc,
        [],
      );
      expect(form.fields.map((f) => f.name)).toEqual(['f9999', 'f0']);
      expect(
        refusal(() =>
          declareForm({ name: 'big', endpoint: 'student/big/predict', fields: ['g9999'] }, doc, []),
        ).message,
      ).toContain('Did you mean "f9999"?');
      expect(performance.now() - t0).toBeLessThan(5_000);
    },
  );

  hostile(
    'app-form',
    'field labels and descriptions with <script>, rendered as text',
    { guards: 'security' },
    async () => {
      const label = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const { call } = await studentFixture({
        xss: project(
          `z.object({ a: z.number().meta({ title: ${JSON.stringify(label)}, description: ${JSON.stringify(label + 'x'.repeat(2000))} }), [${JSON.stringify(label)}]: z.enum([${JSON.stringify(label)}, 'b']) })`,
        ),
      });
      const doc = await documentOf(call, 'xss');
      const form = declareForm(
        { name: 'xss', endpoint: 'student/xss/predict', title: label },
        doc,
        [],
      );
      expect(form.fields[0]!.label).toBe(label);
      expect(form.fields[0]!.description!.length).toBeLessThanOrEqual(500);
      const FormInput = await formInput();
      for (const field of form.fields) {
        const { body } = render(FormInput, { props: { field, value: label, issues: [label] } });
        expect(body).not.toContain('<script>');
        expect(body).not.toContain('<img');
        expect(body).toContain('&lt;script>');
      }
      // The same names reach the API as keys, not markup: the form's body round-trips.
      expect(Object.keys(formBody(form.fields, { a: '1', [label]: 'b' }))).toEqual(['a', label]);
    },
  );

  hostile(
    'app-form',
    'an endpoint that answers garbage: text, a bad 422, NaN, a crash, a huge detail',
    { guards: 'clarity', timeout: 20_000 },
    async () => {
      const handlers = {
        text: "return 'definitely not a prediction';",
        nan: 'return { prediction: Number.NaN, extra: [1, 2, 3] };',
        boom: "throw new Error('model file is corrupt');",
        none: 'return undefined;',
      };
      const projects = Object.fromEntries(
        Object.entries(handlers).map(([p, code]) => [
          p,
          project('z.object({ a: z.number() })', code),
        ]),
      );
      const { call } = await studentFixture(projects);
      for (const p of Object.keys(handlers)) {
        const doc = await documentOf(call, p);
        const form = declareForm({ name: p, endpoint: `student/${p}/predict` }, doc, []);
        const sent = await call('POST', form.path, formBody(form.fields, { a: '2' }));
        const answer = readAnswer(sent.status, sent.body, form.fields);
        if (answer.kind === 'prediction') {
          // No number to show: the raw answer is shown instead, never "NaN" as a prediction.
          expect(answer.value).toBeNull();
          expect(answer.text.length).toBeLessThanOrEqual(2001);
        } else {
          expect(answer.kind).toBe('error');
          expect((answer as { message: string }).message).toMatch(/^The endpoint answered \d{3}/);
        }
      }
      // Answers no router sends, as a misbehaving server could: each read without throwing.
      const fields = declareForm(
        { name: 'g', endpoint: 'student/text/predict' },
        await documentOf(call, 'text'),
        [],
      ).fields;
      const garbage: [number, unknown][] = [
        [200, '<html>oops</html>'],
        [422, { detail: 'not a list' }],
        [
          422,
          {
            detail: [
              null,
              5,
              { loc: 'a', msg: 7 },
              { loc: ['body', 'a'], msg: 'x'.repeat(10_000) },
            ],
          },
        ],
        [500, 'x'.repeat(1_000_000)],
        [503, null],
        [418, { detail: { nested: true } }],
      ];
      for (const [status, body] of garbage) {
        const answer = readAnswer(status, body, fields);
        expect(JSON.stringify(answer).length).toBeLessThan(70_000);
        if (answer.kind === 'error') expect(answer.message).toMatch(/endpoint answered/);
      }
      const placed = readAnswer(422, garbage[2]![1], fields);
      expect(placed).toMatchObject({ kind: 'invalid' });
      expect((placed as { byField: Record<string, string[]> }).byField.a![0]!.length).toBe(300);
      // A document that is not one is an unknown endpoint, named, not a crash.
      for (const doc of [
        'garbage',
        5,
        { paths: 'x' },
        { paths: { '/student/text/predict': { post: 1 } } },
      ])
        expect(() => declareForm({ name: 'g', endpoint: 'student/text/predict' }, doc, [])).toThrow(
          AppFormError,
        );
      // A $ref loop in a document's schemas ends.
      const loop = {
        paths: {
          '/student/text/predict': {
            post: {
              requestBody: {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
              },
            },
          },
        },
        components: { schemas: { A: { $ref: '#/components/schemas/A' } } },
      };
      expect(
        refusal(() => declareForm({ name: 'g', endpoint: 'student/text/predict' }, loop, [])).code,
      ).toBe('no-request-schema');
    },
  );
});
