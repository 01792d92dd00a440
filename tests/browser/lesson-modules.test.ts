import { expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { checkAll } from '../../src/lib/lessons';
import { readLessonFiles } from '../../scripts/vite/lessons-plugin';
import { collectPageErrors, SCREENSHOT_DIR, useChromium } from './chromium';
import { cells, editorsReady, outputText, run, setCode } from './notebook-page';
import { fileEditor, tab, treeItem } from './project-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();
const lesson = checkAll(readLessonFiles('lessons')).lessons.find(
  (l) => l.meta.id === 'notebook-to-modules',
)!;
const solution = (id: string) => {
  const block = lesson.blocks.find((b) => b.kind === 'exercise' && b.id === id);
  return block?.kind === 'exercise' ? block.solution : '';
};

it('lesson 16 at 1366×768: its project is seeded, the monolith shows its hidden state, and features.js written from the exercise passes', async () => {
  const context = await chromium().newContext({
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${siteUrl}#/lesson/notebook-to-modules`);
  await editorsReady(page);
  await expect
    .poll(() => page.getByTestId('lesson-project-link').innerText(), { timeout: 30_000 })
    .toBe('taxi-refactor');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-modules-top.png') });

  const cell = (text: string) => cells(page).filter({ hasText: text }).first();
  await run(cell('await lab.project.current()'));
  expect(await outputText(cell('await lab.project.current()'))).toMatch(
    /taxi-refactor\/\s+README\.md\s+notebook\.js/,
  );
  for (const text of ["lab.data.load('nyc-taxi')", 'const first = runNotebook', 'const otherTrips'])
    await run(cell(text));
  const hidden = cell('const otherTrips');
  expect(await outputText(hidden)).toMatch(/identical: true/);
  await hidden.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-modules-hidden-state.png') });

  const group = page.getByRole('group', { name: /Extract src\/features\.js/ });
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 60_000 })
    .not.toMatch(/^Passed/);
  await setCode(group.locator('section.cell'), solution('extract-features'));
  await group.getByRole('button', { name: 'Run', exact: true }).click();
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 90_000 })
    .toMatch(/^Passed/);
  await group.getByTestId('check-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-modules-exercise.png') });

  // config.js imports 'yaml', and so does the hidden setup: the built kernel worker serves it.
  const config = page.getByRole('group', { name: /Move the magic numbers/ });
  await setCode(config.locator('section.cell'), solution('move-config'));
  await config.getByRole('button', { name: 'Run', exact: true }).click();
  await config.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => config.getByTestId('check-result').innerText(), { timeout: 90_000 })
    .toMatch(/^Passed/);

  // The lesson's link opens its project: the seed and the two modules the exercises wrote.
  await page.getByTestId('lesson-project-link').click();
  for (const name of ['README.md', 'notebook.js', 'config.yml', 'src'])
    await treeItem(page, name).waitFor({ timeout: 30_000 });
  await treeItem(page, 'notebook.js').click();
  await fileEditor(page, 'notebook.js').waitFor();
  await expect.poll(() => fileEditor(page, 'notebook.js').innerText()).toContain('featureCache');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'project-modules.png') });
  await treeItem(page, 'src').click();
  await treeItem(page, 'features.js').click();
  await tab(page, 'features.js').waitFor();
  await expect
    .poll(() => fileEditor(page, 'src/features.js').innerText())
    .toContain('export function haversine');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'project-modules-features.png') });
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
