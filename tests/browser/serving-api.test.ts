import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, useChromium } from './chromium';
import {
  cells,
  expectNoErrorOutputs,
  openLesson,
  outputText,
  run,
  runAll,
  setCode,
} from './notebook-page';
import { COURSE_PATIENT } from './course-patient';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

interface Answer {
  status: number;
  servedBy: string | null;
  body: { result?: number; detail?: { loc: string[] }[] };
}

const CALL_FROM_PAGE = async ([path, body]: string[]): Promise<Answer> => {
  const res = await fetch(path!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body!,
  });
  return {
    status: res.status,
    servedBy: res.headers.get('x-served-by'),
    body: (await res.json()) as Answer['body'],
  };
};

it('serves the course API from the service worker: plain fetch from the page and from a cell', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'serving-api');
  await runAll(page);
  await expectNoErrorOutputs(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });

  const patient = COURSE_PATIENT;
  const ok = await page.evaluate(CALL_FROM_PAGE, ['api/diabetes/predict', JSON.stringify(patient)]);
  expect(ok.servedBy).toBe('labbook-service-worker');
  expect(ok.status).toBe(200);
  expect(ok.body.result).toBeGreaterThan(100);
  const bad = await page.evaluate(CALL_FROM_PAGE, [
    'api/diabetes/predict',
    JSON.stringify({ ...patient, bmi: 'x' }),
  ]);
  expect(bad.status).toBe(422);
  expect(bad.body.detail!.map((d) => d.loc.at(-1))).toEqual(['bmi']);
  const health = await page.evaluate(async () =>
    (await fetch('api/v1/models/diabetes/health')).json(),
  );
  expect(health).toMatchObject({ status: 'ok', model: 'diabetes-progression' });

  // After a reload the kernel's worker is served by the service worker too.
  await page.reload();
  await openLesson(page, siteUrl, 'serving-api');
  const cell = cells(page).first();
  await setCode(
    cell,
    // The log is read right after the answer: the service worker stored the request before it.
    `const r = await fetch('api/diabetes/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(${JSON.stringify(patient)}) });\nconst id = r.headers.get('x-request-id');\nconst logged = (await lab.serving.requests('diabetes', {}, 100000)).objects().some((q) => q.id === id);\nJSON.stringify({ status: r.status, by: r.headers.get('x-served-by'), result: (await r.json()).result, logged });`,
  );
  await run(cell);
  // A string value shows as its text; parse it (once more if it shows quoted).
  const shown = JSON.parse(await outputText(cell)) as unknown;
  const fromCell = (typeof shown === 'string' ? JSON.parse(shown) : shown) as {
    status: number;
    by: string;
    result: number;
    logged: boolean;
  };
  expect(fromCell).toEqual({
    status: 200,
    by: 'labbook-service-worker',
    result: ok.body.result,
    logged: true,
  });
  // The request log holds both, with the version that answered.
  const statuses = () =>
    page.evaluate(async () => {
      const open = indexedDB.open('mlops-labbook');
      const db = await new Promise<IDBDatabase>(
        (resolve) => (open.onsuccess = () => resolve(open.result)),
      );
      const all = await new Promise<{ endpoint: string; status: number }[]>((resolve) => {
        const req = db.transaction('requests').objectStore('requests').getAll();
        req.onsuccess = () => resolve(req.result as { endpoint: string; status: number }[]);
      });
      return all.filter((r) => r.endpoint === 'diabetes').map((r) => r.status);
    });
  await expect
    .poll(async () => (await statuses()).filter((s) => s === 200).length)
    .toBeGreaterThanOrEqual(2);
  const logged = await statuses();
  expect(logged).toContain(422);
  expect(errors).toEqual([]);
  await context.close();
});

it('survives a 200,000-deep body through the service worker: the next request is answered and both are logged', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'serving-api');
  await runAll(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
  const answers = await page.evaluate(async (patient) => {
    const post = async (body: string) => {
      try {
        const res = await fetch('api/v1/models/diabetes/predict', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return {
          status: res.status,
          id: res.headers.get('x-request-id'),
          by: res.headers.get('x-served-by'),
          body: (await res.json()) as { detail?: { type: string }[] },
        };
      } catch (error) {
        return {
          status: 0,
          id: null,
          by: null,
          body: { error: String(error) } as { detail?: never },
        };
      }
    };
    const deep = await post('['.repeat(200_000) + ']'.repeat(200_000));
    const valid = await post(JSON.stringify(patient));
    return { deep, valid };
  }, COURSE_PATIENT);
  expect(answers.deep).toMatchObject({ status: 422, by: 'labbook-service-worker' });
  expect(answers.deep.body.detail![0]!.type).toBe('json_too_deep');
  expect(answers.valid).toMatchObject({ status: 200, by: 'labbook-service-worker' });
  const logged = await page.evaluate(
    async (ids) => {
      const open = indexedDB.open('mlops-labbook');
      const db = await new Promise<IDBDatabase>(
        (resolve) => (open.onsuccess = () => resolve(open.result)),
      );
      return Promise.all(
        ids.map(
          (id) =>
            new Promise<number | null>((resolve) => {
              const req = db.transaction('requests').objectStore('requests').get(id!);
              req.onsuccess = () =>
                resolve((req.result as { status: number } | undefined)?.status ?? null);
            }),
        ),
      );
    },
    [answers.deep.id, answers.valid.id],
  );
  expect(logged).toEqual([422, 200]);
  expect(errors).toEqual([]);
  await context.close();
});
