import { expect, inject, it } from 'vitest';
import { collectPageErrors, screenshot, SCREENSHOT_DIR, useChromium } from './chromium';
import { cells, openLesson, outputText, run, runAll, setCode } from './notebook-page';
import { COURSE_PATIENT } from './course-patient';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('declares a form for the diabetes endpoint from a cell: its page predicts, puts a 422 beside its field, and survives a reload', async () => {
  // The size the brief reads it at: a classroom laptop.
  const context = await chromium().newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  // Lesson 10 registers the diabetes model and deploys it on the endpoint "diabetes".
  await openLesson(page, siteUrl, 'serving-api');
  await runAll(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
  const cell = cells(page).first();

  // A typo is refused before anything is stored, with the served endpoint named.
  await setCode(cell, `await lab.app.form({ name: 'my-diabetes', endpoint: 'diabets' });`);
  await run(cell);
  expect(await outputText(cell)).toMatch(/AppFormError[\s\S]*Did you mean "diabetes"\?/);

  await setCode(
    cell,
    `await lab.app.form({ name: 'my-diabetes', endpoint: 'diabetes', title: 'My diabetes form', description: 'Ten baseline measurements in, progression a year later out.' });`,
  );
  await run(cell);
  const preview = cell.getByTestId('app-form-preview');
  await preview.waitFor();
  expect(await preview.getByRole('spinbutton').count()).toBe(10);
  await preview.screenshot({ path: `${SCREENSHOT_DIR}/app-form-preview.png` });
  await preview.getByRole('link', { name: /#\/apps\/my-diabetes/ }).click();

  await page.getByRole('heading', { name: 'My diabetes form' }).waitFor();
  // Keyboard only: each input is reached with Tab and filled by typing.
  await page.getByLabel('age', { exact: true }).focus();
  for (const [name, value] of Object.entries(COURSE_PATIENT)) {
    const input = page.getByLabel(name, { exact: true });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(value));
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  const prediction = page.getByTestId('app-prediction');
  await prediction.waitFor({ timeout: 20_000 });
  expect(Number(await prediction.innerText())).toBeGreaterThan(50);
  await screenshot(page, 'app-form-prediction');

  // Invalid input: the API's 422 is shown beside the field it names, and the input is marked.
  await page.getByLabel('bmi', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Predict' }).click();
  const issue = page.getByTestId('issue-bmi');
  await issue.waitFor({ timeout: 20_000 });
  expect(await issue.innerText()).toMatch(/required|missing/i);
  expect(await page.getByLabel('bmi', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await page.getByRole('alert').filter({ hasText: '422' }).waitFor();
  await screenshot(page, 'app-form-422');

  // Stored, not held by the page: a reload shows the same form, and the Serving page lists it.
  await page.reload();
  await page.getByRole('heading', { name: 'My diabetes form' }).waitFor();
  expect(await page.getByRole('spinbutton').count()).toBe(10);
  await page.goto(`${siteUrl}#/serving`);
  await page.getByTestId('app-list').getByRole('link', { name: 'My diabetes form' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
