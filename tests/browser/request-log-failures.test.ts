import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { cells, openLesson, outputText, run, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const LOST = {
  host: 'another-host',
  state: { count: 3, reason: 'QuotaExceededError: The quota has been exceeded.', at: Date.now() },
};

it('shows requests another host of the API could not log, on the Serving page and in lab.serving', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'serving-api');
  await runAll(page);
  await page.goto(`${siteUrl}#/serving/diabetes`);
  const log = page.getByTestId('request-log');
  await log.waitFor();
  await expect.poll(() => page.getByTestId('log-failures').count()).toBe(0);
  // What the service worker's router says when a write fails (it is not the page's router).
  await page.evaluate((message) => {
    const channel = new BroadcastChannel('labbook-serving-log');
    channel.postMessage(message);
    channel.close();
  }, LOST);
  const notice = page.getByTestId('log-failures');
  await expect
    .poll(() => notice.innerText().catch(() => ''), { timeout: 10_000 })
    .toBe('3 requests could not be logged: QuotaExceededError: The quota has been exceeded.');
  await page.getByRole('heading', { name: 'Request log' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'serving-request-log-failures');

  await openLesson(page, siteUrl, 'serving-api');
  const cell = cells(page).first();
  await setCode(cell, 'lab.serving.logFailures().then((f) => f.message);');
  // The kernel's router exists once a cell used lab.serving; the message reaches it from then on.
  await run(cell);
  await page.evaluate((message) => {
    const channel = new BroadcastChannel('labbook-serving-log');
    channel.postMessage(message);
    channel.close();
  }, LOST);
  await expect
    .poll(async () => (await run(cell), outputText(cell)), { timeout: 15_000 })
    .toMatch(/3 requests could not be logged: QuotaExceededError/);
  expect(errors).toEqual([]);
  await context.close();
});
