import { describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { SCREENSHOT_DIR, collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { FIRST_LESSON, cells, editorsReady, openLesson, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

// The solution of lesson 01's first exercise, as its ```js solution fence gives it.
const SOLUTION = "const longest = trips.rollup({ m: aq.op.max('minutes') }).get('m', 0);";

describe('hints and solutions', () => {
  it('reveals hints one at a time, then the solution beside the student code, and keeps both', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await openLesson(page, siteUrl, FIRST_LESSON);
    await runAll(page);
    const exercise = page.getByRole('group', { name: /Exercise: The longest trip/ });
    const check = async (verdict: RegExp) => {
      await exercise.getByRole('button', { name: 'Check answer' }).click();
      await expect.poll(() => exercise.getByTestId('check-result').innerText()).toMatch(verdict);
    };
    expect(await exercise.getByRole('button', { name: /Show hint/ }).count()).toBe(0);
    expect(await page.content()).not.toContain("aq.op.max('minutes') }).get('m', 0)");

    await setCode(exercise.locator('section.cell'), 'const longest = 1; // my own try');
    await check(/Not yet/);
    // By keyboard: the button takes Enter, and focus moves to the hint it revealed.
    await exercise.getByRole('button', { name: /Show hint \(1 of 3\)/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => exercise.getByTestId('hint').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Hint 1 of 3/);
    expect(await exercise.getByText(/solution can be shown after 2 more attempts/).count()).toBe(1);
    await exercise.getByRole('button', { name: /Show next hint \(2 of 3\)/ }).click();
    await expect.poll(() => exercise.getByTestId('hint').count()).toBe(2);
    await exercise.screenshot({ path: join(SCREENSHOT_DIR, 'exercise-hints-close.png') });

    await check(/Not yet/);
    expect(await exercise.getByRole('button', { name: 'Show solution' }).count()).toBe(0);
    await check(/Not yet/);
    await exercise.getByRole('button', { name: 'Show solution' }).click();
    const solution = exercise.getByRole('region', { name: 'Solution' });
    await expect.poll(() => solution.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await solution.locator('td').allInnerTexts()).toEqual([
      expect.stringContaining('const longest = 1; // my own try'),
      SOLUTION,
    ]);
    await screenshot(page, 'exercise-solution');
    await exercise.screenshot({ path: join(SCREENSHOT_DIR, 'exercise-solution-close.png') });

    await solution.getByRole('button', { name: 'Replace my code with the solution' }).click();
    await expect
      .poll(() => exercise.locator('section.cell .cm-content').innerText())
      .toBe(SOLUTION);
    const kept = cells(page).filter({ hasText: 'before you used the solution' });
    await expect.poll(() => kept.count()).toBe(1);
    expect(await kept.locator('.cm-content').innerText()).toContain('// my own try');
    await check(/Passed/);

    await page.reload();
    await editorsReady(page);
    const again = page.getByRole('group', { name: /Exercise: The longest trip/ });
    await expect.poll(() => again.getByTestId('hint').count()).toBe(2);
    expect(await again.getByRole('region', { name: 'Solution' }).count()).toBe(1);
    expect(await cells(page).filter({ hasText: '// my own try' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
