import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { workspaceWithManyRuns } from './many-runs';
import { cells, openLesson, run, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('lists tracked runs, filters them with MLflow syntax, sorts, and charts selected runs', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'experiment-tracking');
  await runAll(page);
  // One more run whose metric has several steps, so its last, min and max differ.
  // Found by its starter text, held by position: the text is about to change.
  const at = (await cells(page).allInnerTexts()).findIndex((t) => t.includes("tag mine: 'yes'"));
  const exercise = cells(page).nth(at);
  await setCode(
    exercise,
    "await lab.tracking.startRun({ name: 'steps', tags: { mine: 'yes' } });\nfor (const [step, mse] of [3000, 2500, 2800].entries()) await lab.tracking.logMetric('test_mse', mse, step);\nawait lab.tracking.endRun();",
  );
  await run(exercise);

  await page.goto(`${siteUrl}#/runs`);
  const table = page.getByTestId('runs');
  await table.waitFor();
  await expect.poll(() => table.locator('tbody tr').count()).toBe(10);
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
  // Drawn once scrolled near: it sits below the comparison's first chart.
  const parallel = page.getByRole('figure', {
    name: 'parallel coordinates of parameters and test_mse',
  });
  await parallel.scrollIntoViewIfNeeded();
  await parallel.locator('svg').first().waitFor();

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
  // The table shows, and sorts by, the chosen value of each metric.
  await page.getByLabel('Filter').fill("tags.mine = 'yes'");
  const mse = () => table.locator('tbody tr').first().locator('td').nth(4).innerText();
  await expect.poll(mse).toBe('2800.0');
  await page.getByLabel('Metric value').selectOption('min');
  await expect.poll(mse).toBe('2500.0');
  await page.getByLabel('Metric value').selectOption('max');
  await expect.poll(mse).toBe('3000.0');
  // Tags can be columns too.
  await page.getByRole('checkbox', { name: 'tags.mine' }).check();
  await expect.poll(() => table.locator('thead').innerText()).toMatch(/mine/);
  expect(await table.locator('tbody tr').first().locator('td').nth(5).innerText()).toBe('yes');

  // Deleting a run takes it out of the list; "Show deleted" brings it back to restore.
  await table.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => table.locator('tbody tr').count()).toBe(0);
  await page.getByLabel('Show deleted').check();
  await table.getByRole('button', { name: 'Restore' }).click();
  await page.getByLabel('Show deleted').uncheck();
  await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
  await expect.poll(() => table.locator('tbody tr').first().innerText()).toMatch(/steps/);

  // All runs export in MLflow's file-store layout.
  await page.getByRole('button', { name: 'Export for MLflow' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('mlflow-zip').click(),
  ]);
  const files = Object.keys(unzipSync(new Uint8Array(await readFile((await download.path())!))));
  expect(files).toContain('mlruns/1/meta.yaml');
  expect(files.filter((f) => /^mlruns\/1\/\w+\/meta.yaml$/.test(f))).toHaveLength(10);
  expect(files.filter((f) => f.endsWith('/artifacts/model/model.json'))).toHaveLength(9);

  // A run's own page: parameters, metrics, artifacts, and an energy estimate with its assumptions.
  await page.getByLabel('Filter').fill("run_name = 'ols'");
  await table.getByRole('link', { name: 'ols' }).click();
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
  // logInput's data version links to the version; the predictions are CSV; the figure an image.
  await page.locator('dd a[href^="#/data/"]').waitFor();
  await page.getByRole('button', { name: 'predictions.csv' }).click();
  await page.getByText(/^target,predicted,residual/).waitFor();
  await page.getByRole('button', { name: 'residuals.svg' }).click();
  const figure = page.getByRole('img', { name: 'Artifact residuals.svg' });
  await figure.waitFor();
  // A broken SVG file (no namespace, bad markup) loads with no width.
  await expect
    .poll(() => figure.evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(100);
  await figure.scrollIntoViewIfNeeded();
  await screenshot(page, 'run-page');
  // The assumptions are the student's: they survive a reload.
  await page.reload();
  await expect.poll(() => page.getByLabel('Device power (W)').inputValue()).toBe('300');
  expect(errors).toEqual([]);
  await context.close();
}, 150_000);

it('updates the runs table by itself while a run is running', async () => {
  const context = await newContext(chromium());
  // A notebook in one tab trains; the Runs page in another follows it, as in class.
  const notebook = await context.newPage();
  const runsPage = await context.newPage();
  const errors = [...collectPageErrors(notebook), ...collectPageErrors(runsPage)];
  await openLesson(notebook, siteUrl, 'experiment-tracking');
  const cell = cells(notebook).first();
  await setCode(cell, "await lab.tracking.startRun({ name: 'live' });");
  await run(cell);

  await runsPage.goto(`${siteUrl}#/runs`);
  const row = runsPage.getByTestId('runs').locator('tbody tr', { hasText: 'live' });
  await expect.poll(() => row.innerText()).toMatch(/RUNNING/);
  await setCode(cell, "await lab.tracking.logMetric('loss', 0.5);\nawait lab.tracking.endRun();");
  await run(cell);
  // No reload: the page polls while a run is RUNNING.
  await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/FINISHED\s+\S.*0\.5000/s);
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);

it('opens 1,000 runs building only the rows in view, and reaches every run by scrolling and by Tab', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${siteUrl}#/workspace`);
  await page.getByLabel('Workspace file').setInputFiles({
    name: 'many-runs.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(await workspaceWithManyRuns(1000, 1)),
  });
  await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-report').waitFor({ timeout: 60_000 });

  await page.goto(`${siteUrl}#/runs`);
  await page
    .getByRole('status')
    .filter({ hasText: /^1000 runs\.$/ })
    .waitFor();
  const table = page.getByTestId('runs');
  const rows = table.locator('tbody tr[aria-rowindex]');
  // Screen readers are told of every run; the page builds only the rows near the view.
  expect(await table.getAttribute('aria-rowcount')).toBe('1001');
  expect(await rows.first().getAttribute('aria-rowindex')).toBe('2');
  expect(await rows.count()).toBeGreaterThan(5);
  expect(await rows.count()).toBeLessThan(60);

  // The box scrolls as far as 1,000 rows reach, and its end shows the first run started.
  const box = table.locator('..');
  await box.evaluate((b) => (b.scrollTop = b.scrollHeight));
  const last = table.locator('tbody tr[aria-rowindex="1001"]');
  await expect.poll(() => last.innerText()).toMatch(/^\s*trial 1\s/);
  const [lastBox, boxBox] = [await last.boundingBox(), await box.boundingBox()];
  expect(Math.abs(lastBox!.y + lastBox!.height - (boxBox!.y + boxBox!.height))).toBeLessThan(20);
  await screenshot(page, 'runs-1000');
  // Tab from the row before reaches the last run's checkbox.
  await page.getByLabel('Select trial 2', { exact: true }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).toBe('Select trial 1');
  await page.keyboard.press('Space');
  await page
    .getByRole('status')
    .filter({ hasText: /^1000 runs, 1 selected\.$/ })
    .waitFor();

  // From the top, Tab walks past the rows first built: three stops a row, 40 rows down.
  await box.evaluate((b) => (b.scrollTop = 0));
  await page.getByLabel('Select trial 1000', { exact: true }).focus();
  for (let i = 0; i < 3 * 40; i++) await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).toBe('Select trial 960');
  // The focused row stays built while the box scrolls away from it, so Tab goes on from there.
  await box.evaluate((b) => (b.scrollTop = b.scrollHeight));
  await last.waitFor();
  expect(await focusedLabel(page)).toBe('Select trial 960');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('trial 960');
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);

const focusedLabel = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
