import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export const FIRST_LESSON = 'how-this-notebook-works';
export const SECOND_LESSON = 'ml-lifecycle';

/** Page-object helpers: elements are found by role and label, as a student would find them. */
export async function openLesson(page: Page, siteUrl: string, lessonId: string): Promise<void> {
  await page.goto(`${siteUrl}#/lesson/${lessonId}`);
  await editorsReady(page);
}

/**
 * Editors load on the student's first input (see editor-loader.ts); a mouse move is that input,
 * as it would be in class.
 */
export async function editorsReady(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('section.cell').first().waitFor({ timeout });
  await page.mouse.move(10, 10);
  await page.locator('section.cell .cm-content').first().waitFor({ timeout });
}

export function cells(page: Page): Locator {
  return page.locator('section.cell');
}

export async function setCode(cell: Locator, code: string): Promise<void> {
  const editor = cell.locator('.cm-content');
  await editor.click();
  await cell.page().keyboard.press('ControlOrMeta+a');
  await cell.page().keyboard.press('Delete');
  // insertText types the code as one input, so auto-closing brackets do not double up.
  await cell.page().keyboard.insertText(code);
}

export async function run(cell: Locator): Promise<void> {
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => cell.getAttribute('class'), { timeout: 30_000 }).not.toMatch(/running/);
  await cell
    .locator('.gutter')
    .filter({ hasText: /\[\d+\]/ })
    .waitFor({ timeout: 30_000 });
}

export async function outputText(cell: Locator): Promise<string> {
  return (await cell.locator('.outputs').innerText()).trim();
}

/** The cell's value alone, without what it displayed on the way (a training's live loss curve). */
export async function valueText(cell: Locator): Promise<string> {
  return (await cell.locator('.outputs pre.value').last().innerText()).trim();
}

/** Clicks "Run all" and waits until every cell has an execution count. */
export async function runAll(page: Page, timeout = 90_000): Promise<void> {
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect
    .poll(
      async () =>
        (await cells(page).locator('.gutter').allInnerTexts()).every((g) => /\[\d+\]/.test(g)),
      { timeout, interval: 250 },
    )
    .toBe(true);
}

/** No cell of the page shows an error output. */
export async function expectNoErrorOutputs(page: Page): Promise<void> {
  expect(
    await page
      .locator('.outputs')
      .getByText(/^Error/)
      .count(),
  ).toBe(0);
}
