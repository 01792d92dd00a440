import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';
import { FIRST_LESSON, openLesson, runAll, setCode } from './notebook-page';
import { solutions, submissionWith } from '../../scripts/lesson-runner/submissions';
import { lessonOne, PACK } from '../unit/grading/fixtures';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const SOLUTION = "const longest = trips.rollup({ m: aq.op.max('minutes') }).get('m', 0);";

/** Clicks what starts a download and returns the downloaded file's name and text. */
async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

const json = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(value)),
});

describe('submit and grade', () => {
  it('submits from a lesson, grades three submissions by rerunning them, and exports the CSV', async () => {
    await inFreshPage(chromium(), async (page) => {
      const errors = collectPageErrors(page);
      await openLesson(page, siteUrl, FIRST_LESSON);
      await runAll(page);
      const exercise = page.getByRole('group', { name: /Exercise: The longest trip/ });
      await setCode(exercise.locator('section.cell'), SOLUTION);
      await exercise.getByRole('button', { name: 'Check answer' }).click();
      await expect.poll(() => exercise.getByTestId('check-result').innerText()).toMatch(/Passed/);

      await page.getByTestId('submit-open').click();
      await page.getByLabel('Your name').fill('Ada Lovelace');
      await page.getByLabel(/Student id/).fill('s-001');
      const ada = await download(page, () =>
        page.getByRole('button', { name: 'Download submission' }).click(),
      );
      expect(ada.name).toBe('how-this-notebook-works-s-001.submission.json');
      const submitted = JSON.parse(ada.text);
      expect(submitted).toMatchObject({
        student: { name: 'Ada Lovelace', id: 's-001' },
        lesson: { id: FIRST_LESSON, version: expect.stringMatching(/^sha256-/) },
        exercises: [
          { id: 'longest-trip', source: SOLUTION, check: { pass: true } },
          { id: 'rush-hour' },
        ],
        hash: expect.stringMatching(/^sha256-[0-9a-f]{64}$/),
      });

      // Two more students: Bo solved both; Mallory's file was edited to say both passed.
      const lesson = lessonOne();
      const bo = await submissionWith(lesson, { name: 'Bo Chen', id: 's-002' }, solutions(lesson));
      const starter = await submissionWith(lesson, { name: 'Mallory', id: 's-003' }, {});
      const mallory = {
        ...starter,
        exercises: starter.exercises.map((e) => ({ ...e, check: { pass: true, message: 'ok' } })),
      };

      await page.goto(`${siteUrl}#/gradebook`);
      await page.getByTestId('pack-input').setInputFiles({
        name: `${FIRST_LESSON}.md`,
        mimeType: 'text/markdown',
        buffer: Buffer.from(PACK),
      });
      await expect
        .poll(() => page.getByTestId('pack-status').innerText())
        .toMatch(/2 hidden checks/);
      await page
        .getByTestId('submissions-input')
        .setInputFiles([
          { name: ada.name, mimeType: 'application/json', buffer: Buffer.from(ada.text) },
          json('bo.submission.json', bo),
          json('mallory.submission.json', mallory),
          json('notes.json', { hello: 1 }),
        ]);
      await expect.poll(() => page.getByTestId('gradebook-row').count()).toBe(3);
      expect(await page.getByTestId('gradebook-problems').innerText()).toMatch(
        /notes\.json: this is not a Labbook submission/,
      );
      await page.getByTestId('grade-all').click();
      await page.getByTestId('grading-progress').waitFor();
      await screenshot(page, 'gradebook-grading');
      await expect
        .poll(() => page.getByTestId('total').allInnerTexts(), { timeout: 120_000, interval: 500 })
        .toEqual(['1', '2', '0']);
      const mal = page.getByTestId('gradebook-row').nth(2);
      expect(await mal.innerText()).toMatch(/content hash does not match/);
      expect(await mal.innerText()).toMatch(/says an exercise passed that fails when run again/);

      // A manual point is stored: it survives a reload.
      await mal.locator('[data-exercise="rush-hour"] summary').click();
      await mal.locator('[data-exercise="rush-hour"] input[type=number]').fill('0.5');
      await mal.locator('[data-exercise="rush-hour"] input[type=number]').press('Tab');
      await expect.poll(() => mal.getByTestId('total').innerText()).toBe('0.5');
      await page.reload();
      await expect
        .poll(() => page.getByTestId('total').allInnerTexts(), { timeout: 30_000 })
        .toEqual(['1', '2', '0.5']);
      await screenshot(page, 'gradebook');

      const csv = await download(page, () => page.getByTestId('export-csv').click());
      expect(csv.name).toBe(`${FIRST_LESSON}-grades.csv`);
      expect(csv.text.split('\r\n').slice(0, 4)).toEqual([
        'Student,Student ID,The longest trip (1),Morning rush hour (1),Total,Flags',
        'Ada Lovelace,s-001,1,0,1,',
        'Bo Chen,s-002,1,1,2,',
        expect.stringMatching(/^Mallory,s-003,0,0\.5,0\.5,"?the file was changed/),
      ]);
      expect(errors).toEqual([]);
    });
  }, 240_000);
});
