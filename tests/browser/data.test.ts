import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { FIRST_LESSON, cells, openLesson, outputText, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const SMALL = [
  'trip,fare,pickup',
  '1,12.5,2016-03-14 17:24:55',
  '2,7.25,2016-03-15 08:00:00',
  '3,n/a,2016-03-16 09:30:00',
  '4,30,2016-03-17 10:00:00',
  '',
].join('\n');

async function file(name: string, content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'labbook-data-')), name);
  await writeFile(path, content);
  return path;
}

it('imports a CSV with a type override, reports skipped rows, and keeps it across reloads', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${siteUrl}#/data`);
  await page.getByLabel('Choose a CSV file').setInputFiles(await file('fares.csv', SMALL));
  // "n/a" makes fare a string column; the student says it is a number.
  await page.getByLabel('Type of fare').selectOption('float');

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const failure = page.getByRole('alert');
  await failure.waitFor();
  expect(await failure.innerText()).toMatch(/line 4 \(data row 3\), column "fare"/);

  await page.getByLabel('Skip them and report them').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  expect(await summary.innerText()).toMatch(/Imported fares · v-[0-9a-f]{12}: 3 rows, 3 columns/);
  expect(await page.getByTestId('import-problems').innerText()).toMatch(/4\s+3\s+fare/);
  await screenshot(page, 'data-import');

  await page.reload();
  const versions = page.getByTestId('versions');
  await versions.waitFor();
  expect(await versions.innerText()).toContain('fares');
  await versions.getByRole('link').first().click();
  await page.getByRole('img', { name: /Lineage of v-/ }).waitFor();
  expect(await page.locator('main').innerText()).toContain('pickup\tdatetime');

  // A cell loads the imported version by name.
  await openLesson(page, siteUrl, FIRST_LESSON);
  const cell = cells(page).nth(0);
  await setCode(cell, "const fares = await lab.data.load('fares');\nfares.array('fare').join(' ')");
  await run(cell);
  expect(await outputText(cell)).toBe('12.5 7.25 30');
  expect(errors).toEqual([]);
  await context.close();
});

it('cancels a long import and stores nothing', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await page.goto(`${siteUrl}#/data`);
  const row = '1,12.5,2016-03-14 17:24:55\n';
  const big = await file('big.csv', 'trip,fare,pickup\n' + row.repeat(3_000_000));
  await page.getByLabel('Choose a CSV file').setInputFiles(big);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect
    .poll(
      async () =>
        Number(
          await page
            .getByRole('progressbar', { name: 'Import progress' })
            .getAttribute('aria-valuenow'),
        ),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toBe('The import was cancelled. Nothing was stored.');
  await page.reload();
  await page.getByText('No versions stored yet').waitFor();
  await context.close();
});

it('lists identical content imported under two names, and shows both on the version page', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${siteUrl}#/data`);
  for (const name of ['same-a', 'same-b']) {
    // Two files with the same bytes (the same file chosen twice fires no change event).
    await page
      .getByLabel('Choose a CSV file')
      .setInputFiles(await file(`${name}.csv`, 'x,y\n1,a\n2,b\n'));
    await page.getByLabel('Dataset name').fill(name);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-summary').getByText(`Imported ${name}`).waitFor();
  }
  const versions = page.getByTestId('versions');
  await expect.poll(async () => versions.locator('tbody tr').count()).toBe(2);
  const text = await versions.innerText();
  expect(text).toContain('same-a');
  expect(text).toContain('same-b');
  await screenshot(page, 'data-two-names');

  await versions.getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: /same-a, same-b v-/ }).waitFor();
  // Each name keeps its own provenance.
  expect(await page.getByTestId('version-names').innerText()).toMatch(
    /same-a, made by import: Imported from same-a\.csv[\s\S]*same-b, made by import: Imported from same-b\.csv/,
  );
  await screenshot(page, 'data-version-two-names');
  expect(errors).toEqual([]);
  await context.close();
});
