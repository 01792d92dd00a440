import { expect, inject, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { collectPageErrors, SCREENSHOT_DIR, useChromium } from './chromium';
import { expectNoErrorOutputs, openLesson, run, setCode } from './notebook-page';
import { shippedLesson } from '../unit/lessons/leaks/shipped';

const siteUrl = inject('siteUrl');
const chromium = useChromium();
const lesson = shippedLesson('version-control');

function cell(page: Page, id: string) {
  const source = lesson.blocks.find((b) => 'id' in b && b.id === id && b.kind === 'code');
  if (!source || source.kind !== 'code') throw new TypeError(`No cell ${id}`);
  return page
    .locator('section.cell')
    .filter({ hasText: source.source.split('\n')[0]! })
    .first();
}

/** Types the lesson's solution into the exercise, runs it and checks it, as a student would. */
async function pass(page: Page, id: string) {
  const exercise = lesson.blocks.find((b) => b.kind === 'exercise' && b.id === id);
  if (!exercise || exercise.kind !== 'exercise') throw new TypeError(`No exercise ${id}`);
  const group = page.getByRole('group', { name: new RegExp(exercise.title.slice(0, 20)) });
  await setCode(group.locator('section.cell'), exercise.solution);
  await group.getByRole('button', { name: 'Run', exact: true }).click();
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 90_000 })
    .not.toBe('');
  const result = await group.getByTestId('check-result').innerText();
  if (!/^Passed/.test(result))
    throw new TypeError(`${id}: ${result}\n${await group.locator('.outputs').allInnerTexts()}`);
}

it('takes the version-control lesson through Git in Chromium: commits, a merge, a conflict, v1.0.0; the Project page shows the graph', async () => {
  const context = await chromium().newContext({
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'version-control');
  await run(cell(page, 'open-project'));
  await run(cell(page, 'write-data'));
  await pass(page, 'first-commit');
  await pass(page, 'github-flow');
  await run(cell(page, 'make-conflict'));
  await pass(page, 'resolve-conflict');
  await pass(page, 'release-tag');
  await run(cell(page, 'team-changes'));
  await run(cell(page, 'inspect-changes'));
  await run(cell(page, 'schema-before-after'));
  await pass(page, 'semver-bumps');
  await expectNoErrorOutputs(page);
  await cell(page, 'make-conflict').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-version-control.png') });
  await page.getByTestId('lesson-project-link').click();
  await page.waitForURL(/#\/project\//);
  await page.getByRole('treeitem', { name: 'config.yml' }).click();
  await page.getByRole('tab', { name: /git/i }).click();
  await page.getByText('Tags: v1.0.0', { exact: false }).first().waitFor({ state: 'attached' });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'project-version-control.png') });
  // The history: both merges and the release tags, as the lesson's text says the panel shows.
  const history = page.getByLabel(/commits, newest first/);
  await history.scrollIntoViewIfNeeded();
  await expect.poll(() => history.innerText()).toMatch(/tag: v1\.0\.0/);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'project-version-control-history.png') });
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);
