import { expect, inject, it } from 'vitest';
import { newContext, useChromium } from './chromium';
import { FIRST_LESSON, cells, openLesson, outputText, editorsReady } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it("runs cells with Jupyter's keys and keeps a student's own cell across reloads", async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await openLesson(page, siteUrl, FIRST_LESSON);
  const count = await cells(page).count();

  await cells(page).nth(0).locator('.cm-content').click();
  await page.keyboard.press('Shift+Enter');
  await expect.poll(() => outputText(cells(page).nth(0))).toBe('5');
  // Focus moved to the next cell: Ctrl+Enter runs it in place.
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => outputText(cells(page).nth(1))).toContain('14.2');

  await page.keyboard.press('Alt+Enter');
  await expect.poll(() => cells(page).count()).toBe(count + 1);
  const scratch = cells(page).nth(2);
  await expect.poll(() => scratch.getAttribute('aria-label')).toBe('Your cell');
  await page.keyboard.insertText('average * 10');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => outputText(scratch)).toBe('142');

  await page.waitForTimeout(300);
  await page.reload();
  await editorsReady(page);
  await expect
    .poll(() => cells(page).nth(2).locator('.cm-content').innerText())
    .toBe('average * 10');
  await context.close();
});

it('a keyboard-only student can Tab into a cell before the editor has loaded', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await page.goto(`${siteUrl}#/lesson/${FIRST_LESSON}`);
  const placeholder = cells(page).nth(0).locator('[role="textbox"][tabindex="0"]');
  await placeholder.waitFor();
  expect(await page.locator('.cm-content').count()).toBe(0);
  // Focus without any input event: the focus itself must load the editor and move focus in.
  await placeholder.focus();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content')))
    .toBe(true);
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => outputText(cells(page).nth(0))).toBe('5');
  await context.close();
});
