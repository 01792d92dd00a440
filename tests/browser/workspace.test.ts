import { expect, inject, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newContext, screenshot, useChromium } from './chromium';
import { FIRST_LESSON, cells, openLesson, setCode } from './notebook-page';
import { workspaceZip } from '../hostile/workspace-zips';

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
  // Clearing kept the workspace as a snapshot first.
  await page.getByTestId('snapshots').getByText('before clear').waitFor();
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

it('restores an edit from a snapshot after the main database is wiped', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await openLesson(page, siteUrl, FIRST_LESSON);
  await setCode(cells(page).nth(0), '// kept by a snapshot\n6 * 7');
  await page.waitForTimeout(300);

  await page.goto(`${siteUrl}#/workspace`);
  await page.getByRole('button', { name: 'Take a snapshot now' }).click();
  const snapshots = page.getByTestId('snapshots');
  await snapshots.getByText('manual').waitFor();

  // Wiped from the test, in the page (not from a cell): every table of the main database emptied.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('mlops-labbook');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([...db.objectStoreNames], 'readwrite');
          for (const name of db.objectStoreNames) tx.objectStore(name).clear();
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  // A fresh page load, as after a damaged database: nothing of the edit is left in memory.
  await page.reload();
  await openLesson(page, siteUrl, FIRST_LESSON);
  expect(await cells(page).nth(0).locator('.cm-content').innerText()).not.toContain('kept by');

  await page.goto(`${siteUrl}#/workspace`);
  page.once('dialog', (dialog) => void dialog.accept());
  await snapshots
    .getByRole('button', { name: /^Restore the snapshot/ })
    .first()
    .click();
  await page.getByTestId('restore-report').waitFor();
  await screenshot(page, 'workspace-snapshots');

  await openLesson(page, siteUrl, FIRST_LESSON);
  await expect
    .poll(() => cells(page).nth(0).locator('.cm-content').innerText())
    .toContain('kept by a snapshot');
  await context.close();
});

it('lists the model versions, aliases and documents a merge kept apart', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  // A saved edit makes the Labbook create its database, which the rows below go into.
  await openLesson(page, siteUrl, FIRST_LESSON);
  await setCode(cells(page).nth(0), '// mine\n1');
  await page.goto(`${siteUrl}#/workspace`);
  await expect
    .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
    .toContain('mlops-labbook');
  // This browser: diabetes v1 from its own run, champion on it, and a document 1.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('mlops-labbook');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['modelVersions', 'models', 'documents'], 'readwrite');
          tx.objectStore('modelVersions').put({
            name: 'diabetes',
            version: 1,
            runId: 'my-run',
            source: 'runs:/my-run/model',
            createdAt: 1,
          });
          tx.objectStore('models').put({
            name: 'diabetes',
            aliases: { champion: 1 },
            updatedAt: 1,
          });
          tx.objectStore('documents').put({ table: 'patients', docId: 1, doc: { name: 'Ann' } });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  const zip = workspaceZip({
    modelVersions: [
      { name: 'diabetes', version: 1, runId: 'their-run', source: 'runs:/their-run/model' },
    ],
    models: [{ name: 'diabetes', aliases: { champion: 1 }, updatedAt: 2 }],
    documents: [{ table: 'patients', docId: 1, doc: { name: 'Bob' } }],
  });
  await page.getByLabel('Workspace file').setInputFiles({
    name: 'other-browser.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(zip),
  });
  await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-report').waitFor();
  expect(await page.getByTestId('import-versions').innerText()).toBe(
    'diabetes version 1 → version 2',
  );
  expect(await page.getByTestId('import-aliases').innerText()).toBe(
    'diabetes @champion: version 1 kept; the file pointed it at version 2',
  );
  expect(await page.getByTestId('import-documents').innerText()).toBe(
    'table patients: document 1 → 2',
  );
  await page.getByTestId('import-report').scrollIntoViewIfNeeded();
  await screenshot(page, 'workspace-merge-conflicts');
  await context.close();
});
