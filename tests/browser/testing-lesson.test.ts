import { expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { checkAll } from '../../src/lib/lessons';
import { readLessonFiles } from '../../scripts/vite/lessons-plugin';
import { SCREENSHOT_DIR, collectPageErrors, useChromium } from './chromium';
import { cells, editorsReady, outputText, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();
const LESSON = 'testing-ml-code';
const lesson = checkAll(readLessonFiles('lessons')).lessons.find((l) => l.meta.id === LESSON)!;
const solution = (id: string) => {
  const block = lesson.blocks.find((b) => b.kind === 'exercise' && b.id === id);
  if (block?.kind !== 'exercise') throw new TypeError(`No exercise ${id} in lesson 18.`);
  return block.solution;
};

/**
 * Lesson 18 in Chromium at a projector's 1366×768: its project is seeded, cells run the suite
 * and a mutant in the project-test worker, and "Check answer" runs the student's suite against
 * the check's mutants — failing on the starter, passing once the tests are written.
 */
it('lesson 18 runs its suite and mutants in the browser, and its check tells caught from survived', async () => {
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
      .toBe('taxi-tests');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'testing-lesson-top.png') });

    // Cells in page order: project tree, the suite, the exploring cell, the first mutant.
    const [tree, suite, , mutant] = [0, 1, 2, 3].map((i) => cells(page).nth(i));
    await run(tree!);
    expect(await outputText(tree!)).toContain('features.test.js');
    await run(suite!);
    await expect.poll(() => outputText(suite!), { timeout: 30_000 }).toMatch(/4 passed, 0 failed/);
    await run(mutant!);
    await expect
      .poll(() => outputText(mutant!), { timeout: 30_000 })
      .toMatch(/0 of 1 mutants caught/);
    await mutant!.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'testing-lesson-mutant.png') });

    const exercise = page.getByRole('group', { name: /Unit tests that catch broken features/ });
    await exercise.getByRole('button', { name: 'Check answer' }).click();
    const result = exercise.getByTestId('check-result');
    await expect
      .poll(() => result.innerText(), { timeout: 60_000 })
      .toMatch(/caught 0 of 6 broken versions/);
    await exercise.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'testing-lesson-check-fails.png') });

    const before = await result.innerText();
    await setCode(exercise, solution('unit-tests'));
    await exercise.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => result.innerText(), { timeout: 90_000 }).not.toBe(before);
    expect(await result.innerText()).toMatch(/caught all 6 broken versions of src\/features\.js/);
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'testing-lesson-check-passes.png') });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 180_000);
