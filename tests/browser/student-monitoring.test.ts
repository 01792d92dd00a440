import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { cells, FIRST_LESSON, openLesson, outputText, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** A student's api.js over the course's ten diabetes inputs, scoring with the champion. */
const API_JS = `import { z } from 'zod';
import { defineApi } from 'labbook/api';
const Patient = z.object({ age: z.number(), sex: z.number(), bmi: z.number(), bp: z.number(), tc: z.number(), ldl: z.number(), hdl: z.number(), tch: z.number(), ltg: z.number(), glu: z.number() });
export default defineApi({
  title: 'Clinic API',
  routes: [{ method: 'POST', path: '/predict', body: Patient, handler: async (p, { model }) => ({ progression: (await model('models:/clinic-model@champion')).predict(p) }) }],
});
`;

/** A champion trained on the course split (so monitoring has its training rows), the project, and 220 shifted patients posted to the API. */
const SETUP = `const { train, test } = await lab.ml.courseSplit();
await lab.tracking.setExperiment('clinic');
const dataVersion = lab.data.versionOf(await lab.data.load('diabetes')).id;
const trained = await lab.tracking.startRun({ tags: { 'dataset.version': dataVersion } });
await lab.tracking.logModel(lab.ml.fit(train, { target: 'target', model: 'linear' }));
await lab.tracking.endRun();
const v = await lab.registry.registerModel(\`runs:/\${trained.id}/model\`, 'clinic-model', {
  inputExample: test.slice(0, 3).select(aq.not('target')),
});
await lab.registry.testModel(\`models:/clinic-model/\${v.version}\`, [
  { kind: 'minimum', name: 'range', expect: { min: -1e6, max: 1e6 } },
]);
await lab.registry.setAlias('clinic-model', 'champion', v.version);
await lab.project.create('clinic-api', { 'api.js': ${JSON.stringify(API_JS)} });
const shifted = await lab.monitoring.scenario('diabetes', { scenario: 'covariate', seed: 2 });
const rows = (await lab.data.load(shifted.ref)).select(aq.not('target')).objects().slice(0, 220);
let answered = 0;
for (const row of rows) {
  const res = await fetch('api/student/clinic-api/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(row),
  });
  if (res.status === 200) answered++;
}
\`answered \${answered}\`;`;

it("a student's own API on the Monitoring page: listed, selected, its requests in windows with drift", async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await openLesson(page, siteUrl, FIRST_LESSON);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
  const cell = cells(page).first();
  await setCode(cell, SETUP);
  await run(cell);
  expect(await outputText(cell)).toContain('answered 220');

  await page.goto(`${siteUrl}#/monitoring`);
  await page.getByTestId('monitored-endpoints').waitFor({ timeout: 30_000 });
  const row = page
    .getByTestId('monitored-endpoints')
    .getByRole('row', { name: /student\/clinic-api/ });
  expect(await row.innerText()).toMatch(
    /clinic-model\s+v1, loaded by the api\.js of project clinic-api/,
  );
  await screenshot(page, 'student-monitoring-list');
  await page.getByRole('link', { name: 'student/clinic-api', exact: true }).click();
  await page.waitForURL(/#\/monitoring\/student%2Fclinic-api$/);
  await page.getByTestId('windows').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('monitor-summary').innerText()).toMatch(
    /clinic-model v1 \(v1, loaded by the api\.js of project clinic-api\)[\s\S]*Reference: all 442 rows of diabetes[\s\S]*220 monitored requests → 2 windows/,
  );
  expect(await page.getByTestId('windows').locator('tbody tr').count()).toBe(2);
  await page.getByRole('figure', { name: /^Drift per input and window/ }).waitFor();
  expect(
    await page
      .getByRole('link', { name: 'API docs and request log of student/clinic-api' })
      .count(),
  ).toBe(1);
  // The covariate scenario shifts inputs: the drift figure and the alerts say so.
  const alerts = await page.getByTestId('alerts').locator('tbody tr').allInnerTexts();
  expect(alerts.some((a) => /data drift/.test(a))).toBe(true);
  await page.getByRole('figure', { name: /^Drift per input and window/ }).scrollIntoViewIfNeeded();
  await screenshot(page, 'student-monitoring-dashboard');
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
