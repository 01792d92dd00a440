import { expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { collectPageErrors, newContext, useChromium } from './chromium';
import { cells, openLesson, run, setCode, valueText } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** Presses the bar's Cancel by keyboard: focus, then Enter. */
async function cancelByKeyboard(page: Page, cell: Locator) {
  const cancel = cell.getByTestId('progress-output').getByRole('button', { name: 'Cancel' });
  await cancel.focus();
  await page.keyboard.press('Enter');
}

/** The kernel survived the cancel: the variable the first cell defined is still there. */
async function expectKernelAlive(first: Locator) {
  await setCode(first, 'x + 1');
  await run(first);
  expect(await valueText(first)).toBe('43');
}

it('cancels a drift test over big tables from its bar by keyboard: an error value, no report, the kernel and x intact', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'data-and-concept-drift');
  const [first, second] = [cells(page).nth(0), cells(page).nth(1)];
  await setCode(first, 'const x = 42;\nx');
  await run(first);
  expect(await valueText(first)).toBe('42');

  // 16 columns of 600,000 rows on each side: seconds of tests, a column a step.
  await setCode(
    second,
    `const big = (shift) => aq.table(Object.fromEntries(
  Array.from({ length: 16 }, (_, c) => ['c' + c, Float64Array.from({ length: 600000 }, (_, i) => Math.sin(i * (c + 1)) + shift)]),
));
const report = await lab.monitoring.drift(big(0), big(0.01));`,
  );
  await second.getByRole('button', { name: 'Run', exact: true }).click();
  const bar = second.getByRole('progressbar', { name: /^Drift: 16 columns/ });
  await expect
    .poll(() => bar.getAttribute('aria-valuetext'), { timeout: 60_000, interval: 50 })
    .toMatch(/^\d+%, ([2-9]|1[0-4]) of 16 columns, \d+ s elapsed, about .+ left$/);
  await second
    .getByTestId('progress-output')
    .screenshot({ path: 'tests/artifacts/screenshots/cell-cancel-drift-running.png' });
  await cancelByKeyboard(page, second);

  await expect
    .poll(() => second.locator('.error').innerText(), { timeout: 30_000 })
    .toMatch(
      /Cancelled by you after \d+ of 16 columns: no report was made\. The kernel and your variables are intact\./,
    );
  expect(await second.getByTestId('progress-output').getAttribute('data-status')).toBe('stopped');
  expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+%, \d+ of 16 columns, in \d+ s$/);
  await second.screenshot({ path: 'tests/artifacts/screenshots/cell-cancel-drift-cancelled.png' });
  await expectKernelAlive(first);
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

it('cancels a sweep from its bar by keyboard: finished runs kept, the running ones KILLED, nothing stored after, the kernel and x intact', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'training-pipeline');
  const [first, second] = [cells(page).nth(0), cells(page).nth(1)];
  await setCode(first, 'const x = 42;\nx');
  await run(first);
  const config = `name: sweep-mlp
random_state: 42
data:
  dataset: diabetes
  split: course
features:
  target: target
  scale: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
  kind: mlp
  hidden: [16]
  epochs: 60
  batch_size: 8
metrics: [mse]`;
  await setCode(
    second,
    `await lab.pipeline.sweep(\`${config}\`, { grid: { 'model.hidden': [[16], [17], [18], [19], [20], [21], [22], [23], [24], [25], [26], [27]] } });`,
  );
  await second.getByRole('button', { name: 'Run', exact: true }).click();
  const bar = second.getByRole('progressbar', { name: /^Sweep: 12 trials/ });
  await expect
    .poll(() => bar.getAttribute('aria-valuetext'), { timeout: 120_000 })
    .toMatch(/^\d+%, ([2-9]|10) of 12 trials, \d+ s elapsed, about .+ left$/);
  await second
    .getByTestId('progress-output')
    .screenshot({ path: 'tests/artifacts/screenshots/cell-cancel-sweep-running.png' });
  await cancelByKeyboard(page, second);

  const error = second.locator('.error');
  await expect
    .poll(() => error.innerText(), { timeout: 30_000 })
    .toMatch(/Cancelled by you after \d+ of 12 trials: /);
  const message = await error.innerText();
  const [, done, finished, killed, notStarted] = (
    message.match(
      /after (\d+) of 12 trials: (\d+) finished runs? kept, (\d+) unfinished runs? marked KILLED, (\d+) trials? not started\. The kernel and your variables are intact\./,
    ) ?? []
  ).map(Number);
  expect(finished, message).toBe(done);
  expect(done! + killed! + notStarted!).toBe(12);
  expect(await second.getByTestId('progress-output').getAttribute('data-status')).toBe('stopped');
  await second.screenshot({ path: 'tests/artifacts/screenshots/cell-cancel-sweep-cancelled.png' });
  await expectKernelAlive(first);

  // The store, read by the surviving kernel: the runs the message counts, none RUNNING, and
  // nothing added or changed two seconds later (the lane workers are gone).
  const stored = async () => {
    await setCode(
      first,
      "(await lab.tracking.findRuns()).map((r) => [r.id, r.status, r.endTime].join(':')).sort().join(' ')",
    );
    await run(first);
    return (await valueText(first))
      .replace(/"/g, '')
      .split(' ')
      .map((r) => r.split(':'));
  };
  const runs = await stored();
  const count = (status: string) => runs.filter(([, s]) => s === status).length;
  expect(count('RUNNING')).toBe(0);
  expect(count('FINISHED')).toBe(finished);
  expect(count('KILLED')).toBe(killed);
  expect(runs).toHaveLength(12 - notStarted!);
  await page.waitForTimeout(2000);
  expect(await stored()).toEqual(runs);
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

it('cancels a slow DuckDB query from its bar by keyboard, both ways: between slices (tables kept) and by restarting DuckDB (loaded tables back), the kernel and x intact', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'big-data');
  const [first, second] = [cells(page).nth(0), cells(page).nth(1)];
  await setCode(
    first,
    "const x = 42;\nawait lab.duck.table('d', 'diabetes');\nawait lab.duck.sql('CREATE OR REPLACE TABLE made AS SELECT 1 AS one');\nx",
  );
  await run(first);
  expect(await valueText(first)).toBe('42');
  const tables = async () => {
    await setCode(
      first,
      "let made = 'gone'; try { await lab.duck.sql('SELECT * FROM made'); made = 'kept'; } catch {}\nNumber((await lab.duck.sql('SELECT count(*) AS n FROM d')).get('n', 0)) + ' rows, made ' + made",
    );
    await run(first);
    return valueText(first);
  };
  const cancelQuery = async (sql: string, shot: string) => {
    await setCode(second, `await lab.duck.sql('${sql}')`);
    await second.getByRole('button', { name: 'Run', exact: true }).click();
    const bar = second.getByRole('progressbar', { name: /^DuckDB: SELECT sum/ });
    await expect
      .poll(() => bar.getAttribute('aria-valuetext'), { timeout: 60_000, interval: 50 })
      .toMatch(/^[1-9]\d* s, \d+ s elapsed$/);
    await second
      .getByTestId('progress-output')
      .screenshot({ path: `tests/artifacts/screenshots/cell-cancel-duck-${shot}-running.png` });
    await cancelByKeyboard(page, second);
    await expect
      .poll(() => second.locator('.error').innerText(), { timeout: 30_000 })
      .toMatch(/Cancelled by you after \d+ s: /);
    expect(await second.getByTestId('progress-output').getAttribute('data-status')).toBe('stopped');
    await second.screenshot({
      path: `tests/artifacts/screenshots/cell-cancel-duck-${shot}-cancelled.png`,
    });
    return second.locator('.error').innerText();
  };

  // A big probe side: DuckDB hands control back every few chunks, so the cancel lands there.
  expect(
    await cancelQuery(
      'SELECT sum(a.range * b.range) AS s FROM range(2000000000) a, range(5) b',
      'slices',
    ),
  ).toMatch(
    /Cancelled by you after \d+ s: the query was stopped before it finished; DuckDB rolled it back, so your DuckDB tables and files are as they were\. The kernel and your variables are intact\./,
  );
  expect(await tables()).toMatch(/442 rows, made kept/);

  // Every row of a small probe side meets the other side in one task: DuckDB never pauses.
  expect(
    await cancelQuery(
      'SELECT sum(a.range * b.range) AS s FROM range(40000) a, range(100000) b',
      'restart',
    ),
  ).toMatch(
    /Cancelled by you after \d+ s: the query did not pause between two steps of its work, so DuckDB was restarted: the tables you loaded with lab\.duck\.table \(d\) are loaded again; tables made in SQL \(CREATE TABLE … AS\) and files written to the lake are gone, so run the cells that made them again\. The kernel and your variables are intact\./,
  );
  expect(await tables()).toMatch(/442 rows, made gone/);
  await expectKernelAlive(first);
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);
