import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { collectPageErrors, newContext, screenshot, SCREENSHOT_DIR, useChromium } from './chromium';
import { expectNoErrorOutputs, openLesson, runAll } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

let context: BrowserContext;
let page: Page;
let errors: string[];

// One workspace for the file; each test builds on the one before.
beforeAll(async () => {
  context = await newContext(chromium());
  page = await context.newPage();
  errors = collectPageErrors(page);
});

afterAll(async () => {
  await context?.close();
});

/** A widget alone: a lesson's full page is too long to read. */
const widgetShot = (widget: Locator, name: string) =>
  widget.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

const endpointPage = () => page.goto(`${siteUrl}#/serving/diabetes`);
const deployment = () => page.getByTestId('deployment').innerText();
const timeline = () => page.getByTestId('timeline');

async function changeDeployment(strategy: string, versions: Record<string, string>) {
  const details = page.locator('details', { hasText: 'Change deployment' });
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await details.getByLabel('Deployment strategy').selectOption({ label: strategy });
  for (const [label, version] of Object.entries(versions))
    await details.getByLabel(label, { exact: true }).selectOption(version.replace(/^v/, ''));
  await details.getByRole('button', { name: 'Deploy', exact: true }).click();
}

async function simulate(requests: number) {
  const panel = page.getByRole('region', { name: 'Traffic simulator' });
  await panel.getByLabel('Requests', { exact: true }).fill(String(requests));
  await panel.getByLabel('Rate (requests/s)').fill('200');
  await panel.getByLabel('Label delay (ms)').fill('100');
  await panel.getByRole('button', { name: 'Start traffic' }).click();
  await expect
    .poll(() => panel.getByRole('status').innerText(), { timeout: 60_000 })
    .toMatch(/^Done/);
  return panel.getByRole('list', { name: 'Answers per variant' }).innerText();
}

it('deploys a registered version from the Serving page', async () => {
  // Lesson 08 registers diabetes-progression v1 (least squares), v2 (ridge) and v3 (a constant
  // model that fails its tests).
  await openLesson(page, siteUrl, 'model-registry');
  await runAll(page);
  await expectNoErrorOutputs(page);
  // Lessons embed the try-it widget before their cells deploy: it says so and offers a refresh.
  await openLesson(page, siteUrl, 'serving-api');
  const tryWidget = page.locator('[data-widget="api-try-it"]');
  await expect
    .poll(() => tryWidget.getByTestId('not-deployed').innerText())
    .toMatch(/Model endpoint "diabetes" not found[\s\S]*Run the cell that deploys it/);
  await widgetShot(tryWidget, 'serving-widget-not-deployed');
  // …and so does the course app, in the API's own words.
  await page.goto(`${siteUrl}#/apps/diabetes`);
  await page.getByRole('button', { name: 'Predict' }).click();
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toMatch(/^404: Model endpoint "diabetes" not found/);

  await page.goto(`${siteUrl}#/serving`);
  const form = page.getByRole('region', { name: 'New deployment' });
  await form.getByLabel('Endpoint name').fill('diabetes');
  await form.getByLabel('Registered model').selectOption('diabetes-progression');
  await form.getByLabel('Deployment strategy').selectOption({ label: 'Single version' });
  await form.getByLabel('Version', { exact: true }).selectOption('2');
  await form.getByRole('button', { name: 'Deploy' }).click();
  await page.waitForURL(/#\/serving\/diabetes$/);
  await expect.poll(deployment).toMatch(/diabetes-progression: v2/);
  await page.goto(`${siteUrl}#/serving`);
  await page
    .getByTestId('endpoints')
    .getByRole('link', { name: 'diabetes', exact: true })
    .waitFor();
  await screenshot(page, 'serving-list');
}, 180_000);

it('lesson widgets: try the API, steer a canary', async () => {
  await openLesson(page, siteUrl, 'serving-api');
  const tryWidget = page.locator('[data-widget="api-try-it"]');
  await tryWidget.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(() => tryWidget.getByTestId('try-answer').innerText())
    .toMatch(/^200 in [\d.]+ ms/);
  await widgetShot(tryWidget, 'serving-widget-try-it');

  await openLesson(page, siteUrl, 'deployment-strategies');
  const canary = page.locator('[data-widget="canary-control"]');
  await canary.getByTestId('not-deployed').waitFor();
  // Deployed elsewhere (here: the Serving page's form, in a second tab), then refreshed.
  const other = await context.newPage();
  await other.goto(`${siteUrl}#/serving`);
  const form = other.getByRole('region', { name: 'New deployment' });
  await form.getByLabel('Endpoint name').fill('diabetes-rollout');
  await form.getByLabel('Deployment strategy').selectOption({ label: 'Canary' });
  await form.getByLabel('Stable version', { exact: true }).selectOption('2');
  await form.getByLabel('Canary version', { exact: true }).selectOption('1');
  await form.getByRole('button', { name: 'Deploy' }).click();
  await other.waitForURL(/#\/serving\/diabetes-rollout$/);
  await other.close();
  // The widget polls as well, so it may show the canary before the student presses Refresh.
  await canary
    .getByTestId('not-deployed')
    .getByRole('button', { name: 'Refresh' })
    .click({ timeout: 2000 })
    .catch(() => undefined);
  await canary.getByLabel('Canary share in percent').fill('30');
  await canary.getByLabel('Canary share in percent').press('Enter');
  await expect.poll(() => canary.getByTestId('canary-split').innerText()).toMatch(/^30 %/);
  await expect
    .poll(() => canary.getByTestId('timeline').innerText())
    .toMatch(/canary step\s+canary v1 at 10 % over v2\s*→\s*canary v1 at 30 % over v2/);
  await widgetShot(canary, 'serving-widget-canary');
  await canary.getByRole('button', { name: 'Roll back to v2' }).click();
  await expect.poll(() => canary.innerText()).toMatch(/No canary on “diabetes-rollout” right now/);
}, 90_000);

it('documents the API and tries it: an example answers 200, a bad body 422 naming the fields', async () => {
  await page.goto(`${siteUrl}#/serving/diabetes/docs`);
  const predict = page.locator('details.operation', { hasText: '/v1/models/diabetes/predict' });
  await predict
    .getByRole('table')
    .getByRole('row', { name: /bmi number required/ })
    .waitFor();
  const body = predict.getByLabel('Request body of POST /v1/models/diabetes/predict');
  expect(JSON.parse(await body.inputValue())).toHaveProperty('bmi');
  await predict.getByRole('button', { name: 'Send' }).click();
  const answer = predict.getByTestId('try-answer');
  await expect.poll(() => answer.innerText()).toMatch(/^200 in [\d.]+ ms · answered by/);
  const response = JSON.parse(await answer.getByLabel('Response body').innerText());
  expect(response).toMatchObject({ model: 'diabetes-progression', version: 2 });
  expect(typeof response.prediction).toBe('number');
  await predict.locator('summary', { hasText: 'The same request from a notebook cell' }).click();
  expect(await predict.getByTestId('fetch-snippet').innerText()).toMatch(
    /fetch\('api\/v1\/models\/diabetes\/predict'/,
  );

  await body.fill('{ "age": "old", "bmi": 30 }');
  await predict.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => answer.innerText()).toMatch(/^422/);
  const issues = await answer.getByRole('list', { name: 'Validation issues' }).innerText();
  expect(issues).toMatch(/body\.age: /);
  expect(issues).toMatch(/body\.sex: Field required/);

  // The course's own routes are documented beside the endpoint's, and their "Try it" works.
  for (const [path, shape] of [
    ['/diabetes/patients/randomtest', /"x": \{[^}]*"bmi"[^}]*\},\s*"y": -?[\d.]+/],
    ['/diabetes/predict', /^\{\s*"result": -?[\d.]+\s*\}$/],
  ] as const) {
    const course = page.locator('details.operation', {
      has: page.getByText(path, { exact: true }),
    });
    await course.locator(':scope > summary').click();
    await course.getByRole('button', { name: 'Send' }).click();
    const tried = course.getByTestId('try-answer');
    await expect.poll(() => tried.innerText()).toMatch(/^200 in/);
    expect(await tried.getByLabel('Response body').innerText()).toMatch(shape);
  }
  await screenshot(page, 'serving-docs');
}, 60_000);

it('runs a canary: slider, traffic split per variant, automatic rollback on injected errors', async () => {
  await endpointPage();
  await changeDeployment('Canary', { 'Stable version': 'v2', 'Canary version': 'v1' });
  await expect.poll(deployment).toMatch(/canary v1 at 10 % over v2/);

  await page.getByLabel('Canary share in percent').fill('40');
  await page.getByLabel('Canary share in percent').press('Enter');
  await expect.poll(deployment).toMatch(/canary v1 at 40 % over v2/);
  await page.getByLabel('Canary share slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(deployment).toMatch(/canary v1 at 41 % over v2/);
  await page.getByRole('button', { name: /^Next step → 50 %/ }).click();
  await expect.poll(deployment).toMatch(/canary v1 at 50 % over v2/);

  const answers = await simulate(300);
  expect(answers).toMatch(/stable v2: \d+/);
  expect(answers).toMatch(/canary v1: \d+/);
  const stats = page.getByTestId('variant-stats');
  await expect.poll(() => stats.innerText()).toMatch(/canary v1/);
  await page.locator('figure', { hasText: 'MAE against labels' }).locator('svg').waitFor();
  await screenshot(page, 'serving-canary');

  await page.getByLabel('Error rate of v1 in percent').fill('60');
  await page.getByRole('button', { name: 'Apply to v1' }).click();
  await expect.poll(() => timeline().innerText()).toMatch(/fault injected/);
  await simulate(300);
  await expect
    .poll(() => timeline().locator('li.auto-rollback').innerText(), { timeout: 20_000 })
    .toMatch(/canary v1 at 50 % over v2\s*→\s*v2[\s\S]*canary error rate/);
  await expect.poll(deployment).toMatch(/diabetes-progression: v2 \(/);
  expect(await page.getByTestId('auto-rollback').innerText()).toMatch(
    /^Rolled back automatically at .+: canary error rate/,
  );
  await screenshot(page, 'serving-rollback');

  // The champion gate speaks through the page: v3 failed its tests, so it cannot be promoted.
  await changeDeployment('Canary', { 'Stable version': 'v2', 'Canary version': 'v3' });
  await expect.poll(deployment).toMatch(/canary v3 at 10 % over v2/);
  await page.getByRole('button', { name: 'Promote v3' }).click();
  await expect
    .poll(() => page.getByTestId('control-error').innerText())
    .toMatch(/cannot become "champion": required tests failed/);
  await page.getByRole('button', { name: 'Roll back to v2' }).click();
  await expect.poll(deployment).toMatch(/diabetes-progression: v2 \(/);

  // A ramp that steps on its own once the canary has answered 20 requests within the rules
  // (v3: v1 still fails 60 % of its requests; stepping to 25 % needs no champion gate).
  await changeDeployment('Canary', { 'Stable version': 'v2', 'Canary version': 'v3' });
  await expect.poll(deployment).toMatch(/canary v3 at 10 % over v2 \(/);
  await page
    .getByLabel('Healthy canary requests before each automatic step (blank: by hand)')
    .fill('20');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect
    .poll(deployment)
    .toMatch(/canary v3 at 10 % over v2, stepping on its own every 20 requests/);
  await simulate(600);
  await expect
    .poll(() => timeline().innerText(), { timeout: 20_000 })
    .toMatch(
      /canary v3 at 10 % over v2, stepping on its own every 20 requests\s*→\s*canary v3 at 25 %.*\s*automatic ramp: 20 canary requests within the rules at 10 %/,
    );
  await screenshot(page, 'serving-auto-ramp');
}, 240_000);

it('searches the request log and exports it as CSV', async () => {
  await endpointPage();
  const log = page.getByTestId('request-log');
  await expect.poll(() => log.locator('tbody tr').count()).toBeGreaterThan(50);
  await page.getByLabel('Status class').selectOption('server');
  await expect
    .poll(async () => (await log.locator('tbody tr td:nth-child(5)').allInnerTexts()).join(' '))
    .toMatch(/^500( 500)*$/);
  const failed = await log.locator('tbody tr').count();
  await page.getByLabel('Status class').selectOption('');
  await page.getByLabel('Variant filter').selectOption('canary');
  await page.getByLabel('Search requests').fill('"sex":2');
  await expect
    .poll(async () => (await log.locator('tbody tr td:nth-child(3)').allInnerTexts()).join(' '))
    .toMatch(/^canary( canary)*$/);

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download requests-diabetes.csv' }).click(),
  ]);
  const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
  expect(csv[0]).toMatch(/^id,at,endpoint,method,path,pattern,status,latencyMs/);
  expect(csv.length).toBeGreaterThan(10);
  expect(csv.slice(1).every((line) => line.includes(',canary,'))).toBe(true);
  expect(failed).toBeGreaterThan(0);
  await screenshot(page, 'serving-log');
}, 60_000);

it('switches blue-green at once; a shadow is compared, then stopped', async () => {
  await endpointPage();
  await changeDeployment('Blue-green', {
    'Blue version (live first)': 'v2',
    'Green version': 'v1',
  });
  await expect.poll(deployment).toMatch(/blue v2 \/ green v1, blue live/);
  await page.getByRole('button', { name: 'Switch to green (v1)' }).click();
  await expect.poll(deployment).toMatch(/blue v2 \/ green v1, green live/);
  await page.getByRole('button', { name: 'Roll back to blue' }).click();
  await expect.poll(deployment).toMatch(/blue v2 \/ green v1, blue live/);

  await changeDeployment('Shadow', {
    'Champion version (answers)': 'v2',
    'Challenger version (in shadow)': 'v1',
  });
  await expect.poll(deployment).toMatch(/v2 answering, v1 in shadow/);
  expect(await simulate(100)).toMatch(/^champion v2: 100/);
  await expect
    .poll(() => page.getByTestId('disagreement').innerText())
    .toMatch(/Mean disagreement over the last minute: \d+\.\d+/);
  await page.locator('figure', { hasText: 'Shadow disagreement' }).locator('svg').waitFor();
  await screenshot(page, 'serving-shadow');
  await page.getByRole('button', { name: 'Stop shadow (keep v2)' }).click();
  await expect.poll(deployment).toMatch(/diabetes-progression: v2 \(/);
}, 90_000);

it('answers the course form: a random test patient, then a prediction and its error', async () => {
  await page.goto(`${siteUrl}#/apps/diabetes`);
  await expect.poll(() => page.getByLabel('bmi (kg/m²)').inputValue()).toMatch(/^\d/);
  await page.getByRole('button', { name: 'Random test patient' }).click();
  const truth = page.getByTestId('true-y');
  await expect.poll(() => truth.innerText()).toMatch(/^\d+$/);
  await page.getByRole('button', { name: 'Predict' }).click();
  await expect.poll(() => page.getByTestId('prediction').innerText()).toMatch(/^-?\d+\.\d$/);
  await expect.poll(() => page.getByTestId('prediction-error').innerText()).toMatch(/^Error: /);
  await screenshot(page, 'serving-app');
  expect(errors).toEqual([]);
}, 60_000);
