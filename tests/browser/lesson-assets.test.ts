import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server';
import { SCREENSHOT_DIR, collectPageErrors, newContext, useChromium } from './chromium';
import { editorsReady, openLesson } from './notebook-page';

const chromium = useChromium();
const LESSON = 'data-and-concept-drift';
const IMAGE = 'img[alt^="Three kinds of drift"]';

it('shows a lesson image, served under its hashed name, offline after the first visit', async () => {
  // Its own server, so "offline" is real: once it is shut down nothing answers but the cache.
  const site = await startStaticServer({
    root: process.env.DIST_DIR ?? 'dist',
    base: '/assets-offline/',
  });
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const loaded = () =>
    page.locator(IMAGE).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth);
  try {
    await openLesson(page, site.url, LESSON);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 30_000,
    });
    expect(await loaded()).toBeGreaterThan(0);
  } finally {
    await site.close();
  }
  await expect(fetch(site.url)).rejects.toThrow();

  await page.reload();
  await editorsReady(page);
  const image = page.locator(IMAGE);
  await image.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (selector) => {
      const img = document.querySelector<HTMLImageElement>(selector);
      return img !== null && img.complete && img.naturalWidth > 0;
    },
    IMAGE,
    { timeout: 10_000 },
  );
  expect(await image.getAttribute('src')).toMatch(
    /^assets\/lessons\/13-data-and-concept-drift\/three-shifts-[0-9a-f]{10}\.svg$/,
  );
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page
    .locator('.prose')
    .filter({ has: image })
    .screenshot({
      path: join(SCREENSHOT_DIR, 'lesson-image-offline.png'),
    });
  expect(errors).toEqual([]);
  await context.close();
});
