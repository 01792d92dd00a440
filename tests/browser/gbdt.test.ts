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
