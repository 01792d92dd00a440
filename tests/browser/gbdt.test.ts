import { expect, inject, it } from 'vitest';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';
import { cells, FIRST_LESSON, openLesson, outputText, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const PIPELINE = `const r = await lab.pipeline.run(\`
name: diabetes-trees
random_state: 42
data: { dataset: diabetes, split: course }
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model: { kind: gbdt, max_iter: 50, learning_rate: 0.05, early_stopping: true }
metrics: [rmse, r2]
\`, { show: true });
\`run \${r.runId} trees \${r.model.model.gbdt.trees.length}\`;`;

it('trains boosted trees in their worker from a cell: steps, the importance chart, the run page artifact', async () => {
  await inFreshPage(chromium(), async (page) => {
    const errors = collectPageErrors(page);
    await openLesson(page, siteUrl, FIRST_LESSON);
    const cell = cells(page).first();
    await setCode(cell, PIPELINE);
    await run(cell);
    const text = await outputText(cell);
    expect(text).toMatch(/train: done — gbdt/);
    const [, runId, trees] = /run (\S+) trees (\d+)/.exec(text)!;
    expect(Number(trees)).toBeGreaterThan(5);
    // Plot puts the title in the figure, beside its <svg>.
    const chart = cell.locator('figure').filter({ hasText: 'Feature importance' });
    await chart.locator('svg').first().waitFor();
    await screenshot(page, 'gbdt-cell');

    await page.goto(`${siteUrl}#/runs/${runId}`);
    await page.getByText('feature_importances.svg').first().waitFor();
    await page.getByText('feature_importances.svg').first().click();
    await screenshot(page, 'gbdt-run-page');
    expect(errors).toEqual([]);
  });
}, 180_000);

/** A table of `n` rows × 8 features: big enough (≥ 200,000 binned values) for a pool to pay. */
const synthetic = (n: number) => `const n = ${n};
const cols = {};
for (let j = 0; j < 8; j++) cols['x' + j] = Float64Array.from({ length: n }, (_, i) => Math.sin(i * (j + 1) * 0.37) * 10);
cols.y = Float64Array.from({ length: n }, (_, i) => 2 * cols.x0[i] + cols.x1[i] ** 2 + Math.cos(i));
const t = aq.table(cols);`;

const gbdtWorkers = (page: import('playwright-core').Page) =>
  page.workers().filter((w) => /gbdt/.test(w.url()));

it('trains on a pool of workers when the data is big enough, says so in the cell, and ends the workers; Cancel stops a pooled fit and ends them too', async () => {
  await inFreshPage(chromium(), async (page) => {
    const errors = collectPageErrors(page);
    // A first visit reloads itself into cross-origin isolation (SharedArrayBuffer) once.
    await page.goto(`${siteUrl}#/lesson/${FIRST_LESSON}`);
    await page.waitForFunction(() => self.crossOriginIsolated, undefined, { timeout: 60_000 });
    await openLesson(page, siteUrl, FIRST_LESSON);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const [first, second] = [cells(page).nth(0), cells(page).nth(1)];
    await setCode(
      first,
      `${synthetic(30_000)}\nconst m = await lab.ml.fitGbdt(t, { target: 'y', max_iter: 20 });\n'fitted';`,
    );
    await run(first);
    const figure = first.getByRole('figure', { name: 'Loss per epoch' });
    const threads = Math.min(cores, 8);
    await expect
      .poll(() => figure.innerText(), { timeout: 60_000 })
      .toMatch(
        new RegExp(`Finished: 20 rounds on ${threads > 1 ? `${threads} threads` : '1 thread'}`),
      );
    await figure.screenshot({ path: 'tests/artifacts/screenshots/gbdt-pool-finished.png' });
    await expect.poll(() => gbdtWorkers(page).length, { timeout: 10_000 }).toBe(0);

    // Long enough to stop halfway: 3,000 rounds on 60,000 rows.
    await setCode(
      second,
      `${synthetic(60_000)}\nawait lab.ml.fitGbdt(t, { target: 'y', max_iter: 3000, max_leaf_nodes: 63 });`,
    );
    await second.getByRole('button', { name: 'Run', exact: true }).click();
    const bar = second.getByRole('progressbar');
    await expect
      .poll(() => bar.getAttribute('aria-valuetext'), { timeout: 60_000 })
      .toMatch(/[\d,]+ of 3,000 rounds, \d+ s elapsed/);
    // The coordinator and, on a machine with more than one core, its helpers. Polled: the browser
    // reports workers that workers start (the kernel starts these) a moment after they run.
    const running = (name: RegExp) => gbdtWorkers(page).filter((w) => name.test(w.url())).length;
    await expect.poll(() => running(/gbdt\.worker/), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => running(/gbdt-helper\.worker/), { timeout: 10_000 }).toBe(threads - 1);
    await second.getByRole('button', { name: 'Cancel training' }).click();
    await expect
      .poll(() => second.getByRole('figure', { name: 'Loss per epoch' }).innerText(), {
        timeout: 30_000,
      })
      .toMatch(/Stopped/);
    await expect.poll(() => gbdtWorkers(page).length, { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
  });
}, 240_000);
