import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { expectNoErrorOutputs, openLesson, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const CROWN = `let best;
for (const version of Object.values(versionOf)) {
  const v = await lab.registry.getVersion(\`models:/diabetes-progression/\${version}\`);
  const mse = (await lab.tracking.getRun(v.runId)).metrics.test_mse.value;
  if (v.tests.passed && (!best || mse < best.mse)) best = { version, mse };
}
await lab.registry.setAlias('diabetes-progression', 'champion', best.version);`;

it('registers and tests models in a lesson; the Models page keeps the champion gate and shows model cards', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'model-registry');
  await runAll(page);
  await expectNoErrorOutputs(page);
  // The gate cell shows the registry's refusal of the constant model.
  await expect
    .poll(() =>
      page
        .locator('.outputs')
        .getByText(/cannot become "champion": required tests failed/)
        .count(),
    )
    .toBe(1);
  // The model card renders as formatted Markdown, not as a string.
  await page
    .locator('.outputs .markdown h1', { hasText: 'Model card: diabetes-progression' })
    .waitFor();

  const group = page.getByRole('group', { name: /Exercise: Crown the champion/ });
  await setCode(group.locator('section.cell'), CROWN);
  await group.getByRole('button', { name: 'Run', exact: true }).click();
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 30_000 })
    .toMatch(/^Passed/);

  await page.goto(`${siteUrl}#/models`);
  await page.getByTestId('models').getByRole('link', { name: 'diabetes-progression' }).click();
  const versions = page.getByTestId('versions');
  await expect.poll(() => versions.locator('tbody tr').count()).toBe(3);
  const row = (v: number) => versions.getByRole('row', { name: new RegExp(`^v${v}\\b`) });
  // Ridge (version 2) has the lowest test MSE among the tested versions: it is the champion.
  expect(await row(2).innerText()).toMatch(/champion/);
  expect(await row(3).innerText()).toMatch(/failed \(higher BMI, more progression\)/);

  await row(3).getByRole('button', { name: 'Make champion' }).click();
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toMatch(/models:\/diabetes-progression\/3 cannot become "champion": required tests failed/);
  expect(await row(2).innerText()).toMatch(/champion/);

  await row(1).getByRole('button', { name: 'Make challenger' }).click();
  await expect.poll(() => row(1).innerText()).toMatch(/challenger/);

  await row(2).getByRole('button', { name: 'Model card' }).click();
  const card = page.getByRole('region', { name: 'Model card of version 2' });
  await card
    .getByRole('heading', { name: 'Model card: diabetes-progression, version 2' })
    .waitFor();
  expect(await card.locator('table').count()).toBeGreaterThan(2);
  await screenshot(page, 'models');

  // The version downloads in TensorFlow.js Layers format, with its preprocessing beside it.
  await row(2).getByRole('button', { name: 'Export TF.js' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row(2)
      .getByRole('link', { name: /Download diabetes-progression-v2-tfjs.zip/ })
      .click(),
  ]);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
  expect(JSON.parse(strFromU8(files['model.json']!)).format).toBe('layers-model');

  // The workspace export carries copies for real tools: MLflow's file store and TF.js models.
  await page.goto(`${siteUrl}#/workspace`);
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export workspace' }).click(),
  ]);
  const workspaceZip = (await exported.path())!;
  const inside = unzipSync(new Uint8Array(await readFile(workspaceZip)));
  expect(Object.keys(inside)).toEqual(
    expect.arrayContaining([
      'manifest.json',
      'exports/mlruns.zip',
      'exports/models/diabetes-progression-v1-tfjs.zip',
      'exports/models/diabetes-progression-v3-tfjs.zip',
    ]),
  );
  const mlruns = Object.keys(unzipSync(inside['exports/mlruns.zip']!));
  expect(mlruns.filter((f) => f.endsWith('/artifacts/model/model.json'))).toHaveLength(3);
  // …and imports back as a valid workspace (the extra files are only copies).
  await page.getByLabel('Workspace file').setInputFiles(workspaceZip);
  await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
  await page.goto(`${siteUrl}#/models/diabetes-progression`);

  // A version's notes and tags are edited on the page, through the registry.
  await row(2).getByRole('button', { name: 'Details' }).click();
  const details = page.getByRole('region', { name: 'Version 2 details' });
  await details.getByLabel('Notes of version 2').fill('Ridge, alpha 1: lowest test MSE.');
  await details.getByRole('button', { name: 'Save notes' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved the notes of version 2.' }).waitFor();
  await details.getByLabel('Tag key').fill('reviewed_by');
  await details.getByLabel('Value').fill('course team');
  await details.getByRole('button', { name: 'Set tag' }).click();
  await expect
    .poll(() => details.getByTestId('version-tags').innerText())
    .toMatch(/reviewed_by\s+course team/);

  // Everything survives a reload: it lives in IndexedDB.
  await page.reload();
  await expect.poll(() => versions.locator('tbody tr').count()).toBe(3);
  expect(await row(1).innerText()).toMatch(/challenger/);
  await row(2).getByRole('button', { name: 'Details' }).click();
  expect(await details.getByLabel('Notes of version 2').inputValue()).toBe(
    'Ridge, alpha 1: lowest test MSE.',
  );
  expect(await details.getByTestId('version-tags').innerText()).toMatch(
    /reviewed_by\s+course team/,
  );
  // The signature as a table (ten inputs, one output), the input example as JSON, the run linked.
  await expect.poll(() => details.getByTestId('signature').locator('tbody tr').count()).toBe(11);
  const example = JSON.parse(await details.getByTestId('input-example').innerText());
  expect(example).toHaveLength(5);
  expect(Object.keys(example[0]).sort()).toEqual(
    ['age', 'bmi', 'bp', 'glu', 'hdl', 'ldl', 'ltg', 'sex', 'tc', 'tch'].sort(),
  );
  const runLink = details.getByRole('link', { name: /^[0-9a-f-]{8,}$/ });
  await screenshot(page, 'models-version-details');
  await runLink.click();
  await page.getByRole('heading', { level: 1, name: 'ridge' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
}, 150_000);
