import { expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { expectNoErrorOutputs, openLesson, runAll } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** The windows table, one object per row, keyed by column header. */
async function windowRows(page: Page) {
  const table = page.getByTestId('windows');
  const headers = await table.locator('thead th').allInnerTexts();
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = await row.locator('th, td').allInnerTexts();
      return Object.fromEntries(
        headers.map((h, i) => [h.trim().split(/\s/)[0]!, cells[i]!.trim()]),
      );
    }),
  );
}

async function alertRows(page: Page) {
  const rows = await page.getByTestId('alerts').locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => {
      const [window, family, kind, message] = await row.locator('td').allInnerTexts();
      return { window: Number(window), family, kind, message };
    }),
  );
}

it('monitors the lesson’s endpoint: drift at noon, decay in the evening, labels arriving late', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  // A second tab watches the dashboard before the endpoint exists: auto-refresh picks it up.
  const watcher = await context.newPage();
  const watcherErrors = collectPageErrors(watcher);
  await watcher.goto(`${siteUrl}#/monitoring/diabetes-monitored`);
  await watcher.getByTestId('monitor-problem').waitFor({ timeout: 30_000 });
  await openLesson(page, siteUrl, 'monitoring-in-production');
  await runAll(page, 240_000);
  await expectNoErrorOutputs(page);
  await expect
    .poll(
      async () =>
        (await watcher.getByTestId('windows').count()) && (await windowRows(watcher)).length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThanOrEqual(6);
  await watcher.close();
  expect(watcherErrors).toEqual([]);

  await page.goto(`${siteUrl}#/monitoring`);
  await page.getByTestId('monitored-endpoints').waitFor();
  await screenshot(page, 'monitoring-list');
  await page.getByRole('link', { name: 'diabetes-monitored', exact: true }).click();
  await page.getByTestId('windows').waitFor({ timeout: 60_000 });
  await expect.poll(async () => (await windowRows(page)).length).toBeGreaterThanOrEqual(6);
  await expect
    .poll(() => page.locator('figure svg').count(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(6);
  await page.getByRole('figure', { name: /^Drift per input and window/ }).waitFor();
  expect(await page.getByRole('link', { name: 'Serving page of diabetes-monitored' }).count()).toBe(
    1,
  );

  // A model fitted in a cell records no split: the whole version is the reference, and it says so.
  expect(await page.getByTestId('monitor-reference').innerText()).toMatch(
    /Reference: all 442 rows of diabetes .*its run records no split.*training rows included/s,
  );
  const alerts = await alertRows(page);
  expect(alerts.some((a) => a.kind === 'data drift' && [2, 3].includes(a.window))).toBe(true);
  expect(alerts.some((a) => a.kind === 'performance' && [4, 5].includes(a.window))).toBe(true);
  expect(alerts.find((a) => a.kind === 'performance')!.family).toBe('statistical');
  expect(alerts.some((a) => a.kind === 'data drift' && a.window < 2)).toBe(false);
  await screenshot(page, 'monitoring-dashboard');

  // Labels known as of the end of the last labelled window: its labels (300 ms late) are not in.
  const rows = await windowRows(page);
  const labelled = rows.filter((r) => r.MAE !== 'no labels yet');
  const last = labelled.at(-1)!;
  expect(Number(last.Window)).toBeGreaterThanOrEqual(4);
  const seconds = last.Ends!.replace('−', '').replace(' s', '');
  await page.getByLabel('Seconds before the end of traffic', { exact: true }).fill(seconds);
  expect(
    await page
      .getByRole('radio', { name: 'Labels known as of the end of traffic minus some seconds' })
      .isChecked(),
  ).toBe(true);
  await expect
    .poll(async () => (await windowRows(page))[Number(last.Window)]!.MAE, { timeout: 15_000 })
    .toBe('no labels yet');
  const earlier = await windowRows(page);
  expect(earlier[0]!.MAE).not.toBe('no labels yet');
  expect(
    (await alertRows(page)).some(
      (a) => a.window === Number(last.Window) && a.kind === 'performance',
    ),
  ).toBe(false);
  await screenshot(page, 'monitoring-labels-as-of');

  // Back to "now": the window's figure returns.
  await page.getByRole('radio', { name: 'Labels known as of now' }).check();
  await expect
    .poll(async () => (await windowRows(page))[Number(last.Window)]!.MAE, { timeout: 15_000 })
    .toBe(last.MAE);

  // Throughput per window: 200 requests per part sent at 400 requests/s.
  const throughputs = (await windowRows(page)).map((r) => Number(r.Throughput));
  expect(throughputs.every((t) => t > 50 && t < 4000)).toBe(true);
  await page.getByRole('figure', { name: /^Throughput/ }).waitFor();
  // A throughput floor above every window: each raises a computational throughput alert.
  await page.getByLabel('Throughput below (requests/s)', { exact: true }).fill('100000');
  await expect
    .poll(async () => (await alertRows(page)).filter((a) => a.kind === 'throughput').length, {
      timeout: 15_000,
    })
    .toBe(rows.length);
  expect((await alertRows(page)).find((a) => a.kind === 'throughput')!.family).toBe(
    'computational',
  );
  await page.getByLabel('Throughput below (requests/s)', { exact: true }).fill('');
  await expect
    .poll(async () => (await alertRows(page)).some((a) => a.kind === 'throughput'), {
      timeout: 15_000,
    })
    .toBe(false);

  // Slide by half a window: windows overlap, twice as many less one.
  const slideBy = page.getByLabel('Slide by, requests between window starts', { exact: true });
  await slideBy.fill('50');
  await expect
    .poll(async () => (await windowRows(page)).length, { timeout: 15_000 })
    .toBe(2 * rows.length - 1);
  await expect
    .poll(() => page.getByTestId('monitor-summary').innerText())
    .toMatch(/windows of 100, sliding by 50 \(overlapping\)/);
  await screenshot(page, 'monitoring-sliding');
  // Kept in the workspace: a reload shows the same windows.
  await page.reload();
  await page.getByTestId('windows').waitFor({ timeout: 30_000 });
  expect(await slideBy.inputValue()).toBe('50');
  await expect
    .poll(async () => (await windowRows(page)).length, { timeout: 15_000 })
    .toBe(2 * rows.length - 1);
  // More than the window would skip requests: refused, with the reason.
  await slideBy.fill('150');
  await expect
    .poll(() => page.locator('#slide-hint').innerText())
    .toBe('at most the window size (100): larger would skip requests');
  expect(await slideBy.getAttribute('aria-invalid')).toBe('true');
  await slideBy.fill('100');
  await expect
    .poll(async () => (await windowRows(page)).length, { timeout: 15_000 })
    .toBe(rows.length);

  // The widget as a lesson shows it.
  await page.goto(`${siteUrl}#/monitoring/diabetes-monitored/widget`);
  const widget = page.getByRole('region', { name: 'Drift monitor of endpoint diabetes-monitored' });
  await expect
    .poll(() => widget.locator('figure svg').count(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(6);
  await widget.getByTestId('alerts').waitFor();
  expect(await widget.innerText()).toMatch(/reference MAE [\d.]+ on all 442 rows/);
  await screenshot(page, 'monitoring-widget');
  expect(errors).toEqual([]);
  await context.close();
}, 400_000);

it('says what is missing: no endpoint, nothing to monitor yet, the widget before any traffic', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${siteUrl}#/monitoring`);
  await page.getByTestId('no-endpoints').waitFor({ timeout: 30_000 });
  await page.goto(`${siteUrl}#/monitoring/nothing-here`);
  await expect
    .poll(() => page.getByTestId('monitor-problem').innerText(), { timeout: 30_000 })
    .toMatch(/No endpoint "nothing-here" \(none yet\)/);
  await page.goto(`${siteUrl}#/monitoring/diabetes-monitored/widget`);
  const widget = page.getByRole('region', { name: 'Drift monitor of endpoint diabetes-monitored' });
  await expect
    .poll(() => widget.getByTestId('monitor-problem').innerText(), { timeout: 30_000 })
    .toMatch(/No traffic yet on “diabetes-monitored” — run the cells above, then Refresh/);
  await widget.getByRole('button', { name: 'Refresh' }).click();
  await screenshot(page, 'monitoring-widget-empty');
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
