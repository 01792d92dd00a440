import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, useChromium, newContext, screenshot } from './chromium';
import {
  FIRST_LESSON,
  cells,
  openLesson,
  outputText,
  run,
  setCode,
  editorsReady,
} from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

describe('the notebook in Chromium', () => {
  it('lists the lessons on the home page', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(siteUrl);
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'MLOps in the browser' }).count())
      .toBe(1);
    const start = page.getByRole('region', { name: 'Getting started' });
    expect(await start.getByRole('listitem').first().getByRole('link').innerText()).toBe(
      'How this notebook works',
    );
    await screenshot(page, 'home');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs cells in one shared scope and shows values, tables and charts', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await openLesson(page, siteUrl, FIRST_LESSON);
    const [first, second] = [cells(page).nth(0), cells(page).nth(1)];

    await setCode(
      first,
      'const trips = aq.table({ hour: [8, 9, 18], minutes: [12, 15, 21] });\ntrips',
    );
    await run(first);
    expect(await first.locator('table').count()).toBe(1);
    expect(await outputText(first)).toContain('Rows 1–3 of 3');

    await setCode(second, "Plot.barY(trips, { x: 'hour', y: 'minutes' }).plot()");
    await run(second);
    expect(await second.locator('.plot svg').count()).toBeGreaterThan(0);

    await setCode(second, "console.log('streamed');\ntrips.numRows()");
    await run(second);
    // A streamed line and the value, each once: late stream messages must not duplicate outputs.
    await page.waitForTimeout(200);
    expect(await second.locator('.outputs > *').allInnerTexts()).toEqual(['streamed', '3']);

    await setCode(second, 'throw new Error("boom")');
    await run(second);
    expect(await outputText(second)).toMatch(/boom/);
    expect(await outputText(second)).toMatch(/line 1/);

    await screenshot(page, 'lesson-outputs');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps edits across a reload and can reset a cell to the lesson original', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    await openLesson(page, siteUrl, FIRST_LESSON);
    const original = await cells(page).nth(0).locator('.cm-content').innerText();
    await setCode(cells(page).nth(0), '// my own edit\n1 + 1');
    await page.waitForTimeout(300);
    await page.reload();
    await editorsReady(page);
    await expect
      .poll(() => cells(page).nth(0).locator('.cm-content').innerText())
      .toContain('my own edit');

    await cells(page).nth(0).getByRole('button', { name: 'Reset cell' }).click();
    await expect.poll(() => cells(page).nth(0).locator('.cm-content').innerText()).toBe(original);
    await context.close();
  });

  it('interrupts a runaway cell and restarts the kernel with a clear message', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    await openLesson(page, siteUrl, FIRST_LESSON);
    const first = cells(page).nth(0);
    await setCode(first, 'const kept = 1;\nkept');
    await run(first);
    const second = cells(page).nth(1);
    await setCode(second, 'while (true) {}');
    await second.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('button', { name: 'Interrupt' }).click();
    await expect.poll(() => outputText(second), { timeout: 20_000 }).toMatch(/Interrupted/);
    await expect.poll(() => first.getAttribute('class')).toMatch(/stale/);

    await setCode(second, 'typeof kept');
    await run(second);
    expect(await outputText(second)).toContain('undefined');
    await context.close();
  });

  it('checks an exercise against the kernel: a wrong answer, then a pass that survives reload', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    await openLesson(page, siteUrl, FIRST_LESSON);
    const exercise = page.getByRole('group', { name: /Exercise: The longest trip/ });
    await page.getByRole('button', { name: 'Run all' }).click();
    await exercise.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => exercise.getByTestId('check-result').innerText()).toMatch(/Not yet/);

    await setCode(
      exercise.locator('section.cell'),
      "const longest = Math.max(...trips.array('minutes'));",
    );
    await exercise.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => exercise.getByTestId('check-result').innerText()).toMatch(/Passed/);
    await screenshot(page, 'lesson');

    await page.reload();
    await editorsReady(page);
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: /Exercise: The longest trip/ })
          .getByTestId('check-result')
          .innerText(),
      )
      .toMatch(/Passed/);
    await page.goto(siteUrl);
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Getting started' })
          .getByRole('listitem')
          .first()
          .innerText(),
      )
      .toMatch(/1 of \d+ exercises? passed/);
    await context.close();
  });
});
