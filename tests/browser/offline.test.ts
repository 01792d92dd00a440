import { expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server';
import { newContext, screenshot, useChromium } from './chromium';
import {
  FIRST_LESSON,
  SECOND_LESSON,
  cells,
  openLesson,
  outputText,
  run,
  setCode,
  editorsReady,
} from './notebook-page';

const chromium = useChromium();

it('works offline after one visit: reload, open another lesson, run a cell', async () => {
  // Its own server, so "offline" is real: the server is shut down, nothing answers.
  const site = await startStaticServer({ root: process.env.DIST_DIR ?? 'dist', base: '/offline/' });
  const context = await newContext(chromium());
  const page = await context.newPage();
  try {
    await openLesson(page, site.url, FIRST_LESSON);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 30_000,
    });
  } finally {
    await site.close();
  }
  await expect(fetch(site.url)).rejects.toThrow();

  await page.reload();
  await editorsReady(page);
  await page.goto(`${site.url}#/lesson/${SECOND_LESSON}`);
  await openLesson(page, site.url, SECOND_LESSON);
  const first = cells(page).nth(0);
  await setCode(first, 'aq.table({ offline: [true] }).numRows()');
  await run(first);
  expect(await outputText(first)).toBe('1');
  await screenshot(page, 'offline-lesson');
  await context.close();
});
