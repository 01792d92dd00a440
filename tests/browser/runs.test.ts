import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { openLesson, runAll } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('lists tracked runs, filters them with MLflow syntax, sorts, and charts selected runs', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'experiment-tracking');
  await runAll(page);

  await page.goto(`${siteUrl}#/runs`);
  const table = page.getByTestId('runs');
  await table.waitFor();
  await expect.poll(() => table.locator('tbody tr').count()).toBe(9);
  await page.getByLabel('Filter').fill("params.model = 'lasso' and metrics.test_mse < 2900");
  const rows = await table.locator('tbody tr').count();
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(4);
  await page.getByLabel('Filter').fill('metrics.test_mse 2900');
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toMatch(/Error at column 18: expected a comparison operator/);

  await page.getByLabel('Filter').fill("params.model = 'ridge'");
  await table.getByRole('button', { name: /test_mse/ }).click();
  const first = await table.locator('tbody tr').first().locator('td').nth(1).innerText();
  await table.getByRole('button', { name: /test_mse/ }).click();
  expect(await table.locator('tbody tr').first().locator('td').nth(1).innerText()).not.toBe(first);

  await table.locator('tbody').getByRole('checkbox').nth(0).check();
  await table.locator('tbody').getByRole('checkbox').nth(1).check();
  await page.getByLabel('Metric to compare').selectOption('test_mse');
  await page
    .getByRole('figure', { name: /test_mse by step/ })
    .locator('svg')
    .first()
    .waitFor();
  // The selected runs' values at a step, and their parameters against the metric.
  await expect.poll(() => page.getByTestId('values-at-step').locator('tbody tr').count()).toBe(2);
  await page
    .getByRole('figure', { name: 'parallel coordinates of parameters and test_mse' })
    .locator('svg')
    .first()
    .waitFor();

  // Any two columns of the selected runs, against each other.
  await page.getByLabel('X axis').selectOption('params.alpha');
  await page.getByLabel('Y axis').selectOption('metrics.test_mse');
  await page
    .getByRole('figure', { name: 'metrics.test_mse against params.alpha' })
    .locator('svg')
    .first()
    .waitFor();
  await screenshot(page, 'runs');

  // Columns: hide one, show minimum values.
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'metrics.train_mse' }).uncheck();
  await expect.poll(() => table.locator('thead').innerText()).not.toMatch(/train_mse/);
  await page.getByLabel('Metric value').selectOption('min');

  // All runs export in MLflow's file-store layout.
  await page.getByRole('button', { name: 'Export for MLflow' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('mlflow-zip').click(),
  ]);
  const files = Object.keys(unzipSync(new Uint8Array(await readFile((await download.path())!))));
  expect(files).toContain('mlruns/1/meta.yaml');
  expect(files.filter((f) => /^mlruns\/1\/\w+\/meta.yaml$/.test(f))).toHaveLength(9);
  expect(files.filter((f) => f.endsWith('/artifacts/model/model.json'))).toHaveLength(9);

  // A run's own page: parameters, metrics, artifacts, and an energy estimate with its assumptions.
  await table.getByRole('link').first().click();
  await page.getByRole('heading', { name: 'Parameters' }).waitFor();
  expect(await page.getByTestId('run-metrics').innerText()).toMatch(/test_mse/);
  const energy = page.getByTestId('energy');
  const before = await energy.innerText();
  expect(before).toMatch(/About .* Wh, .* g CO₂e for \d+(\.\d)? m?s of work/);
  await page.getByLabel('Device power (W)').fill('300');
  await page.getByLabel('Device power (W)').press('Tab');
  await expect.poll(() => energy.innerText()).not.toBe(before);
  await page.getByRole('button', { name: 'model/model.json' }).click();
  await page.getByText('"format": "mlops-labbook-model"').waitFor();
  await screenshot(page, 'run-page');
  // The assumptions are the student's: they survive a reload.
  await page.reload();
  await expect.poll(() => page.getByLabel('Device power (W)').inputValue()).toBe('300');
  expect(errors).toEqual([]);
  await context.close();
}, 150_000);
