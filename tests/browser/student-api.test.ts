import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { cells, openLesson, outputText, run, runAll, setCode } from './notebook-page';
import { COURSE_PATIENT } from './course-patient';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** The student's api.js: the course's patient as a zod schema, the model by alias, a loop, a peek at the Labbook's database. */
const API_JS = `import { z } from 'zod';
import { defineApi } from 'labbook/api';

const Patient = z.object({
  age: z.number().int().positive(),
  sex: z.union([z.literal(1), z.literal(2)]),
  bmi: z.number().gt(10).lt(60),
  bp: z.number().positive(),
  tc: z.number(), ldl: z.number(), hdl: z.number(), tch: z.number(), ltg: z.number(), glu: z.number(),
  note: z.string().optional(),
}).strict();

export default defineApi({
  title: 'My diabetes API',
  routes: [
    {
      method: 'POST',
      path: '/predict',
      summary: 'Predict disease progression for one patient',
      body: Patient,
      response: z.object({ progression: z.number() }),
      handler: async ({ note, ...patient }, { model }) => {
        const m = await model('models:/diabetes-progression@champion');
        return { progression: m.predict(patient) };
      },
    },
    { method: 'POST', path: '/loop', handler: () => { while (true) {} } },
    { method: 'POST', path: '/peek', handler: () => { indexedDB.deleteDatabase('mlops-labbook'); return 'deleted'; } },
  ],
});
`;

interface Answer {
  status: number;
  ms: number;
  body: { detail?: { loc: (string | number)[]; type: string }[] | string; progression?: number };
}

const CALL = async ([path, body]: string[]): Promise<Answer> => {
  const t0 = performance.now();
  const res = await fetch(path!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body!,
  });
  return {
    status: res.status,
    ms: performance.now() - t0,
    body: (await res.json()) as Answer['body'],
  };
};

it("serves a student's own api.js: 200, 422 naming each field, a looping handler stopped, the request log, the docs page", async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'serving-api');
  await runAll(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
  const cell = cells(page).first();
  await setCode(
    cell,
    `await lab.registry.setAlias('diabetes-progression', 'champion', 1);
const p = await lab.project.create('my-api', { 'api.js': ${JSON.stringify(API_JS)} });
'written';`,
  );
  await run(cell);
  expect(await outputText(cell)).toContain('written');

  const ok = await page.evaluate(CALL, [
    'api/student/my-api/predict',
    JSON.stringify(COURSE_PATIENT),
  ]);
  expect(ok.status).toBe(200);
  expect(ok.body.progression).toBeGreaterThan(50);

  const bad = await page.evaluate(CALL, [
    'api/student/my-api/predict',
    JSON.stringify({ ...COURSE_PATIENT, bmi: 75, sex: 3, age: undefined, extra: 1 }),
  ]);
  expect(bad.status).toBe(422);
  const detail = bad.body.detail as { loc: (string | number)[]; type: string }[];
  expect(detail.map((d) => `${d.loc.join('.')} ${d.type}`)).toEqual([
    'body.age missing',
    'body.sex literal_error',
    'body.bmi less_than',
    'body.extra extra_forbidden',
  ]);

  const loop = await page.evaluate(CALL, ['api/student/my-api/loop', '{}']);
  expect(loop.status).toBe(504);
  expect(loop.body.detail).toContain('did not answer within 3000 ms');
  expect(loop.ms).toBeLessThan(8000);
  const after = await page.evaluate(CALL, [
    'api/student/my-api/predict',
    JSON.stringify(COURSE_PATIENT),
  ]);
  expect(after.status).toBe(200);

  const peek = await page.evaluate(CALL, ['api/student/my-api/peek', '{}']);
  expect(peek.status).toBe(500);
  expect(peek.body.detail).toContain('indexedDB.deleteDatabase("mlops-labbook") was refused');

  // The requests are in the request log, through the same logger as built-in endpoints.
  await setCode(
    cell,
    `JSON.stringify((await lab.serving.requests('student/my-api')).objects().map((r) => r.status));`,
  );
  await run(cell);
  const shown = JSON.parse(await outputText(cell)) as unknown;
  const statuses = (typeof shown === 'string' ? JSON.parse(shown) : shown) as number[];
  expect(statuses).toEqual([200, 422, 504, 200, 500]);

  await page.goto(`${siteUrl}#/serving/student/my-api`);
  await page.getByRole('heading', { name: /My diabetes API/ }).waitFor();
  await page.getByText('Predict disease progression for one patient').first().waitFor();
  // Try it sends through the same API (the service worker, the page's worker).
  await page
    .getByRole('textbox', { name: 'Request body of POST /student/my-api/predict' })
    .fill(JSON.stringify(COURSE_PATIENT, null, 2));
  await page.getByRole('button', { name: 'Send' }).first().click();
  await page.getByLabel('Response body').getByText('progression').waitFor();
  // The docs page shows the API's request log, as an endpoint's page does: the 504 is there.
  const log = page.getByTestId('request-log');
  await log.getByRole('cell', { name: '504', exact: true }).waitFor({ timeout: 10_000 });
  await screenshot(page, 'student-api-docs');
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
