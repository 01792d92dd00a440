import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { SECOND_LESSON, openLesson, outputText, run, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

describe('hidden setup in the page’s kernel', () => {
  it('lesson 02: a cell cannot read the maturity key, and the check still marks the right answer', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await openLesson(page, siteUrl, SECOND_LESSON);
    await runAll(page);
    const exercise = page.getByRole('group', { name: /Exercise: Place the practices/ });
    const cell = exercise.locator('section.cell');
    await setCode(cell, 'typeof practiceLevels;');
    await run(cell);
    await expect.poll(() => outputText(cell)).toContain('undefined');
    const levels = [0, 0, 1, 1, 1, 2, 2];
    const practices = [
      'training in a notebook, run by hand',
      'a trained model file handed over to the engineers',
      'retraining triggered automatically by new data',
      'automatic data validation before training',
      'a metadata store for runs, parameters and models',
      'tests and builds of the pipeline code on every commit',
      'automatic deployment of new pipeline versions',
    ];
    const answer = Object.fromEntries(practices.map((p, i) => [p, levels[i]]));
    await setCode(cell, `const myLevels = ${JSON.stringify(answer)};`);
    await exercise.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => exercise.getByTestId('check-result').innerText()).toMatch(/Passed/);
    await screenshot(page, 'exercise-hidden-setup');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
