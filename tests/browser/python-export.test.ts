import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { expect, inject, it } from 'vitest';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';
import { cells, FIRST_LESSON, openLesson, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const PIPELINE = `const r = await lab.pipeline.run(\`
name: diabetes-ols
random_state: 42
data: { dataset: diabetes, split: course }
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model: { kind: linear }
register: { name: diabetes-progression }
\`);
await lab.export.python('models:/diabetes-progression/1');`;

async function zipOf(download: { path(): Promise<string | null> }) {
  return unzipSync(new Uint8Array(await readFile((await download.path())!)));
}

it('exports a Python project from a cell, the Models page and the run page', async () => {
  await inFreshPage(chromium(), async (page) => {
    const errors = collectPageErrors(page);
    await openLesson(page, siteUrl, FIRST_LESSON);
    const cell = cells(page).first();
    await setCode(cell, PIPELINE);
    await run(cell);
    const [fromCell] = await Promise.all([
      page.waitForEvent('download'),
      cell.getByRole('button', { name: 'Download diabetes-progression-1-python.zip' }).click(),
    ]);
    const files = await zipOf(fromCell);
    expect(strFromU8(files['diabetes-progression-1-python/params.yaml']!)).toMatch(/kind: linear/);

    await page.goto(`${siteUrl}#/models/diabetes-progression`);
    await page.getByTestId('versions').getByRole('button', { name: 'Details' }).first().click();
    const details = page.getByRole('region', { name: 'Version 1 details' });
    const [fromModels] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('button', { name: 'Export as a Python project' }).click(),
    ]);
    expect(Object.keys(await zipOf(fromModels))).toEqual(Object.keys(files));
    await details.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await screenshot(page, 'python-export-models');

    await details.getByRole('link').first().click();
    const [fromRun] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as a Python project' }).click(),
    ]);
    expect(fromRun.suggestedFilename()).toMatch(/-python\.zip$/);
    expect(Object.keys(await zipOf(fromRun))).toHaveLength(Object.keys(files).length);
    expect(errors).toEqual([]);
  });
}, 180_000);
