import type { Page } from 'playwright-core';

/** Opens a lesson and replaces its first cell's code, ready for the bench to press Run. */
export async function firstCellWith(page: Page, siteUrl: string, lessonId: string, code: string) {
  await page.goto(`${siteUrl}#/lesson/${lessonId}`);
  const cell = page.locator('section.cell').first();
  await cell.waitFor();
  // Editors load on the first input, as in class.
  await page.mouse.move(10, 10);
  await cell.locator('.cm-content').waitFor();
  await cell.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  return cell;
}
