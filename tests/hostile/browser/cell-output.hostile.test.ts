import { describe, expect, inject } from 'vitest';
import { inFreshPage, useChromium } from '../../browser/chromium';
import { FIRST_LESSON, cells, openLesson, run, setCode } from '../../browser/notebook-page';
import { hostile } from '../hostile';

const browser = useChromium();

describe('cell outputs in Chromium', () => {
  hostile(
    'cell-output',
    'HTML output with a script, an event handler and a javascript: link',
    { guards: 'security', timeout: 90_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        await openLesson(page, inject('siteUrl'), FIRST_LESSON);
        const cell = cells(page).first();
        await setCode(
          cell,
          `({ tagName: 'div', outerHTML: '<p id="evil">shown</p><img src="x" onerror="window.__pwned = 1">' +
            '<script>window.__pwned = 2</script><a id="link" href="javascript:window.__pwned = 3">x</a>' })`,
        );
        await run(cell);
        await expect.poll(() => cell.locator('#evil').count()).toBe(1);
        await cell
          .locator('#link')
          .click({ timeout: 2_000 })
          .catch(() => undefined);
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      });
    },
  );
});
