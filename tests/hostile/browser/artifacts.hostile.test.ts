import { describe, expect, inject } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { inFreshPage, screenshot, useChromium } from '../../browser/chromium';
import { FIRST_LESSON, cells, openLesson, run, setCode } from '../../browser/notebook-page';
import { hostile } from '../hostile';

const browser = useChromium();

// What a hostile file would do on the Labbook's origin: mark localStorage and read IndexedDB.
const PAYLOAD =
  "localStorage.setItem('pwned', location.href); indexedDB.databases().then(d => localStorage.setItem('pwned-db', d.length))";

/** Logs one artifact on a run named `run` from a cell and opens the run's page. */
async function logArtifact(page: Page, path: string, content: string, mime: string) {
  await openLesson(page, inject('siteUrl'), FIRST_LESSON);
  const cell = cells(page).first();
  await setCode(
    cell,
    `await lab.tracking.startRun({ name: 'hostile-artifact' });\n` +
      `await lab.tracking.logArtifact(${JSON.stringify(path)}, ${JSON.stringify(content)}, ${JSON.stringify(mime)});\n` +
      `await lab.tracking.endRun();`,
  );
  await run(cell);
  await page.goto(`${inject('siteUrl')}#/runs`);
  await page.getByRole('link', { name: 'hostile-artifact' }).first().click();
  await page.getByRole('button', { name: path }).click();
}

/**
 * Opens `url` in a new tab of the context, as "Open link in new tab" would; never throws. Says
 * whether the browser only saved it (a download) instead of showing it.
 */
async function openInNewTab(context: BrowserContext, url: string): Promise<'saved' | 'shown'> {
  const tab = await context.newPage();
  let saved = false;
  tab.on('download', () => (saved = true));
  await tab.goto(url, { timeout: 10_000 }).catch(() => undefined);
  await tab.waitForTimeout(500);
  await tab.close();
  return saved ? 'saved' : 'shown';
}

const pwned = (page: Page) =>
  page.evaluate(() => [localStorage.getItem('pwned'), localStorage.getItem('pwned-db')]);

describe('artifacts in Chromium', () => {
  hostile(
    'cell-output',
    'HTML artifact with a script: shown as text, its Download saves it and never renders it on the origin',
    { guards: 'security', timeout: 120_000 },
    async () => {
      await inFreshPage(browser(), async (page, context) => {
        const html = `<h1 id="evil">report</h1><script>${PAYLOAD}</script><img src="x" onerror="${PAYLOAD.replace(/'/g, '&#39;')}">`;
        await logArtifact(page, 'report.html', html, 'text/html');
        // The preview is the file's source, as text.
        await page.locator('.preview pre').getByText('<h1 id="evil">report</h1>').waitFor();
        expect(await page.locator('#evil').count()).toBe(0);
        await screenshot(page, 'artifact-html-preview');

        const link = page.locator('.preview').getByRole('link', { name: 'Download' });
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toBe('report.html');
        // Opened on its own (a middle click, "Open in new tab"), the link still only downloads.
        expect(await openInNewTab(context, (await link.getAttribute('href'))!)).toBe('saved');
        expect(await pwned(page)).toEqual([null, null]);
      });
    },
  );

  hostile(
    'cell-output',
    'SVG artifact with a script: previewed as an image, opened on its own it cannot reach the origin',
    { guards: 'security', timeout: 120_000 },
    async () => {
      await inFreshPage(browser(), async (page, context) => {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><script>${PAYLOAD}</script><text x="5" y="30">figure</text></svg>`;
        await logArtifact(page, 'figure.svg', svg, 'image/svg+xml');
        const image = page.getByRole('img', { name: 'Artifact figure.svg' });
        await image.waitFor();
        await expect
          .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
          .toBe(200);
        // "Open image in new tab" and the Download link, each opened on its own.
        await openInNewTab(context, (await image.getAttribute('src'))!);
        const link = page.locator('.preview').getByRole('link', { name: 'Download' });
        expect(await openInNewTab(context, (await link.getAttribute('href'))!)).toBe('saved');
        expect(await pwned(page)).toEqual([null, null]);
      });
    },
  );
});
