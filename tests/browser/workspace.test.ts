import { expect, inject, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newContext, screenshot, useChromium } from './chromium';
import { FIRST_LESSON, cells, openLesson, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('exports the workspace, clears it, and imports it back', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await openLesson(page, siteUrl, FIRST_LESSON);
  await setCode(cells(page).nth(0), '// kept through export and import\n40 + 2');
  await page.waitForTimeout(300);

  await page.goto(`${siteUrl}#/workspace`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  const file = join(await mkdtemp(join(tmpdir(), 'labbook-')), 'workspace.zip');
  await (await download).saveAs(file);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('status').filter({ hasText: 'Workspace cleared' }).waitFor();
  await openLesson(page, siteUrl, FIRST_LESSON);
  expect(await cells(page).nth(0).locator('.cm-content').innerText()).not.toContain('kept through');

  await page.goto(`${siteUrl}#/workspace`);
  await page.getByLabel('Workspace file').setInputFiles(file);
  await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-report').waitFor();
  await screenshot(page, 'workspace');

  await openLesson(page, siteUrl, FIRST_LESSON);
  await expect
    .poll(() => cells(page).nth(0).locator('.cm-content').innerText())
    .toContain('kept through export and import');
  await context.close();
});

it('refuses a file that is not a workspace export, with a clear reason', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await page.goto(`${siteUrl}#/workspace`);
  await page.getByLabel('Workspace file').setInputFiles({
    name: 'notes.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('this is not a zip file'),
  });
  const inspection = page.getByTestId('inspection');
  await inspection.waitFor();
  expect(await inspection.innerText()).toMatch(/cannot be imported/);
  await context.close();
});
