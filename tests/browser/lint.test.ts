import { expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server';
import { join } from 'node:path';
import { SCREENSHOT_DIR, collectPageErrors, inFreshPage, useChromium } from './chromium';
import { FIRST_LESSON, cells, editorsReady, openLesson, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const markers = (cell: Locator, severity: 'error' | 'warning') =>
  cell.locator(`.cm-lint-marker-${severity}`);

it('marks a cell as the student types, from the lint worker, and never a name another cell declared', async () => {
  await inFreshPage(chromium(), async (page) => {
    const errors = collectPageErrors(page);
    await openLesson(page, siteUrl, FIRST_LESSON);
    const first = cells(page).nth(0);
    await setCode(
      first,
      'const tripMinutes = [12, 7, 25];\nconst none = tripMinutes.at(9) == null ? 0 : 1;\nfunction f() {\n  const unused = 1;\n}\nnone;',
    );
    await markers(first, 'error').waitFor({ timeout: 30_000 });
    await markers(first, 'warning').first().waitFor();
    // The underline and its message: hover the `==`.
    await first.locator('.cm-lintRange-error').first().hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toContain("Expected '===' and instead saw '=='.");
    // The cell and its tooltip, not the whole lesson page.
    const [cell, tip] = [(await first.boundingBox())!, (await tooltip.boundingBox())!];
    const top = Math.min(cell.y, tip.y);
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'lint-cell.png'),
      clip: { x: cell.x, y: top, width: cell.width, height: cell.y + cell.height - top },
    });

    // The fix offered with the message turns == into ===, and the marker goes.
    await tooltip.getByRole('button', { name: /===/ }).click();
    await expect.poll(() => first.locator('.cm-content').innerText()).toContain('=== null');
    await expect.poll(() => markers(first, 'error').count(), { timeout: 10_000 }).toBe(0);

    // A later cell using the first cell's `tripMinutes`, with one real problem: its line's only
    // diagnostic is that problem, never "'tripMinutes' is not defined".
    const second = cells(page).nth(1);
    await page.mouse.move(0, 0);
    await setCode(second, 'const flag = tripMinutes.length == 0;\nflag;');
    await expect.poll(() => markers(second, 'error').count(), { timeout: 15_000 }).toBe(1);
    await markers(second, 'error').hover();
    const text = () => page.locator('.cm-tooltip-lint').innerText();
    await expect.poll(text).toContain("Expected '==='");
    expect(await text()).not.toContain('is not defined');
    await setCode(second, 'const flag = notDeclaredAnywhere.length;\nflag;');
    await page.mouse.move(0, 0);
    await expect.poll(() => markers(second, 'error').count(), { timeout: 15_000 }).toBe(1);
    await markers(second, 'error').hover();
    await expect.poll(text).toContain("'notDeclaredAnywhere' is not defined.");

    // Declaring it in the first cell clears the second cell's marker without touching it.
    await page.mouse.move(0, 0);
    await setCode(first, 'const notDeclaredAnywhere = [1];');
    await expect.poll(() => markers(second, 'error').count(), { timeout: 15_000 }).toBe(0);
    expect(errors).toEqual([]);
  });
});

it('a cell nested 10,000 deep gets one clear diagnostic, and the linter still works after', async () => {
  await inFreshPage(chromium(), async (page) => {
    await openLesson(page, siteUrl, FIRST_LESSON);
    const first = cells(page).nth(0);
    await setCode(first, 'x = ' + '['.repeat(10_000) + ']'.repeat(10_000) + ';');
    await markers(first, 'error').waitFor({ timeout: 30_000 });
    // The line is 20,000 characters wide: hover the gutter marker rather than the underline.
    await markers(first, 'error').hover();
    await expect
      .poll(() => page.locator('.cm-tooltip-lint').innerText())
      .toMatch(/Too deeply nested to lint: brackets reach 10000 levels/);
    // Away from the tooltip (it would cover the editor), then a small cell with a plain problem.
    await page.mouse.move(0, 0);
    await page.locator('.cm-tooltip-lint').waitFor({ state: 'hidden' });
    await setCode(first, 'const x = 1 == 2;\nx;');
    await expect
      .poll(
        async () => {
          await page.mouse.move(0, 0);
          await markers(first, 'error')
            .first()
            .hover({ timeout: 2_000 })
            .catch(() => undefined);
          return page
            .locator('.cm-tooltip-lint')
            .innerText({ timeout: 2_000 })
            .catch(() => '');
        },
        { timeout: 20_000 },
      )
      .toContain("Expected '==='");
  });
});

it('lints offline after one visit: the lint worker and ESLint come from the precache', async () => {
  // Its own server, so "offline" is real: the server is shut down, nothing answers.
  const site = await startStaticServer({
    root: process.env.DIST_DIR ?? 'dist',
    base: '/lint-offline/',
  });
  await inFreshPage(chromium(), async (page) => {
    try {
      await openLesson(page, site.url, FIRST_LESSON);
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
        timeout: 30_000,
      });
    } finally {
      await site.close();
    }
    await page.reload();
    await editorsReady(page);
    const first = cells(page).nth(0);
    await setCode(first, 'const y = 1 == 2;\ny;');
    await markers(first, 'error').waitFor({ timeout: 30_000 });
  });
});
