import { expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { checkAll } from '../../src/lib/lessons';
import { readLessonFiles } from '../../scripts/vite/lessons-plugin';
import { SCREENSHOT_DIR, collectPageErrors, useChromium } from './chromium';
import { cells, editorsReady, outputText, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();
const LESSON = 'write-your-own-api';
const lesson = checkAll(readLessonFiles('lessons')).lessons.find((l) => l.meta.id === LESSON)!;
const solution = (id: string) => {
  const block = lesson.blocks.find((b) => b.kind === 'exercise' && b.id === id);
  if (block?.kind !== 'exercise') throw new TypeError(`No exercise ${id} in ${LESSON}.`);
  return block.solution;
};

/**
 * The "Write your own prediction API" lesson in the built site, through the service worker and
 * the student-API worker (not the kernel's fallback): the champion is trained in the page, the
 * starter api.js fails the check, the solution typed into the cell passes it (200s from the
 * champion, 422s naming each bad field), and the form page is declared and opens.
 */
it('write-your-own-api: the starter fails, the typed solutions pass, the form page opens', async () => {
  const context = await chromium().newContext({
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${siteUrl}#/lesson/${LESSON}`);
    await editorsReady(page);
    await expect
      .poll(() => page.getByTestId('lesson-project-link').innerText(), { timeout: 20_000 })
      .toBe('taxi-api');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 30_000,
    });

    const [champion, starter, tryStarter] = [0, 1, 2].map((i) => cells(page).nth(i));
    await run(champion!);
    await expect
      .poll(() => outputText(champion!), { timeout: 90_000 })
      .toMatch(/champion[\s\S]*pickup_datetime/);
    await run(starter!);
    expect(await outputText(starter!)).toContain('defineApi');
    await run(tryStarter!);
    // The starter answers 200 to nonsense: nothing bounds the fields yet.
    expect(await outputText(tryStarter!)).not.toContain('422');

    const ownApi = page.getByRole('group', {
      name: /Serve the taxi champion from your own api\.js/,
    });
    const result = ownApi.getByTestId('check-result');
    await ownApi.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => result.innerText(), { timeout: 60_000 }).toMatch(/Not yet/);
    expect(await result.innerText()).toMatch(/no model scored it/);

    await setCode(ownApi, solution('own-api'));
    await ownApi.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => result.innerText(), { timeout: 90_000 }).toMatch(/Passed/);
    expect(await outputText(ownApi)).toMatch(/422/);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'own-api-lesson-check-passes.png') });

    const form = page.getByRole('group', { name: /A form page for your API/ });
    const formResult = form.getByTestId('check-result');
    await form.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => formResult.innerText(), { timeout: 60_000 }).toMatch(/Not yet/);
    await setCode(form, solution('taxi-form'));
    await form.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => formResult.innerText(), { timeout: 60_000 }).toMatch(/Passed/);
    await formResult.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'own-api-lesson-form-check.png') });

    await page.goto(`${siteUrl}#/apps/taxi-form`);
    await expect
      .poll(() => page.getByLabel(/passenger_count/).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    // The page posts to the student's API: a trip from Times Square to JFK gets a duration.
    await page.getByLabel('vendor_id').selectOption('2');
    const trip: Record<string, string> = {
      pickup_datetime: '2016-03-14 17:24:55',
      passenger_count: '1',
      pickup_latitude: '40.758',
      pickup_longitude: '-73.9855',
      dropoff_latitude: '40.6413',
      dropoff_longitude: '-73.7781',
    };
    for (const [name, value] of Object.entries(trip)) await page.getByLabel(name).fill(value);
    await page.getByRole('button', { name: 'Predict' }).click();
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 30_000 })
      .toMatch(/trip_duration[\s\S]*\d/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'own-api-lesson-form-page.png') });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 300_000);
