import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, useChromium } from './chromium';
import { cells, openLesson, outputText, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('shows a long training in its cell with elapsed time and an estimate, and Cancel there stops it: no epoch after, run KILLED', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'training-pipeline');
  const [first, second] = [cells(page).nth(0), cells(page).nth(1)];

  await setCode(
    first,
    "const live = await lab.tracking.startRun({ name: 'cancelled in cell' });\nlive.id;",
  );
  await run(first);
  const runId = (await outputText(first)).replace(/"/g, '');

  // On TF.js with small batches: minutes of work, far more than the test waits.
  await setCode(
    second,
    "const { train } = await lab.ml.courseSplit();\nawait lab.ml.fitMlp(train, { target: 'target', hidden: [32, 32], epochs: 5000, batchSize: 8, seed: 7, trainer: 'tfjs' });",
  );
  await second.getByRole('button', { name: 'Run', exact: true }).click();

  const bar = second.getByRole('progressbar', { name: /^MLP 10→32→32→1/ });
  await expect
    .poll(() => bar.getAttribute('aria-valuetext'), { timeout: 60_000 })
    .toMatch(/^\d+%, [\d,]+ of 5,000 epochs, \d+ s elapsed, about .+ left$/);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
  // The estimate is also on screen, beside the bar.
  expect(await second.getByTestId('progress-text').innerText()).toMatch(/about .+ left/);
  await second
    .getByRole('figure', { name: 'Loss per epoch' })
    .screenshot({ path: 'tests/artifacts/screenshots/cell-progress-running.png' });

  // Cancel is a button reachable by keyboard: focus it and press Enter.
  const cancel = second.getByRole('button', { name: 'Cancel training' });
  await cancel.focus();
  await page.keyboard.press('Enter');

  const error = second.locator('.error');
  await expect
    .poll(() => error.innerText(), { timeout: 30_000 })
    .toMatch(/Training stopped from the cell: run "cancelled in cell" is marked KILLED/);
  await expect
    .poll(() => second.getByRole('figure', { name: 'Loss per epoch' }).innerText())
    .toMatch(/Stopped: cancelled from the cell/);
  expect(await cancel.count()).toBe(0);
  // Ended: how far it got and how long it took, no estimate left.
  expect(await bar.getAttribute('aria-valuetext')).toMatch(
    /^\d+%, [\d,]+ of 5,000 epochs, in \d+ s$/,
  );
  await second
    .getByRole('figure', { name: 'Loss per epoch' })
    .screenshot({ path: 'tests/artifacts/screenshots/cell-progress-cancelled.png' });

  // The run page: KILLED, and the epochs logged stop growing (the worker really stopped).
  const watcher = await context.newPage();
  await watcher.goto(`${siteUrl}#/runs/${runId}`);
  await watcher.getByText('KILLED').first().waitFor();
  const steps = async () =>
    Number(
      await watcher
        .getByTestId('run-metrics')
        .locator('tbody tr', { hasText: /^loss/ })
        .locator('td')
        .last()
        .innerText(),
    );
  const logged = await steps();
  expect(logged).toBeGreaterThan(0);
  expect(logged).toBeLessThan(5000);
  await page.waitForTimeout(2000);
  await watcher.reload();
  await watcher.getByText('KILLED').first().waitFor();
  expect(await steps()).toBe(logged);
  // The kernel survived: the cell before still has its variables.
  await setCode(first, 'train.numRows()');
  await run(first);
  expect(await outputText(first)).toBe('353');
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);
