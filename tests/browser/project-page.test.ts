import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';
import {
  createProject,
  editor,
  expectSaved,
  fileEditor,
  newPath,
  storedText,
  tab,
  tree,
  treeItem,
  typeCode,
} from './project-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** The laptop-projector size the page must stay readable at. */
async function laptop(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('project page', () => {
  it('creates a project, a folder and a file, and keeps code typed just before a reload', async () => {
    await inFreshPage(chromium(), async (page) => {
      const errors = collectPageErrors(page);
      await laptop(page);
      const id = await createProject(page, siteUrl, 'taxi-pipeline');
      await newPath(page, 'folder', 'src');
      await treeItem(page, 'src').waitFor();
      await newPath(page, 'file', 'src/features.js');
      await tab(page, 'features.js').waitFor();
      await editor(page).waitFor();
      await typeCode(page, 'export const km = (m) => m / 1000;\n');
      await expectSaved(page);
      expect(await storedText(page, id, 'src/features.js')).toContain('m / 1000');

      // Typed, and the page reloaded at once: before any autosave could run.
      await typeCode(page, '// typed just before the reload\n');
      await page.reload();
      await editor(page).waitFor();
      await expect.poll(() => editor(page).innerText()).toContain('typed just before the reload');
      await expectSaved(page);
      expect(await storedText(page, id, 'src/features.js')).toContain('typed just before');

      // The language follows the file name: JavaScript here, YAML and a Dockerfile below.
      expect(await page.locator('.status').innerText()).toContain('JavaScript');
      await newPath(page, 'file', 'config.yml');
      await typeCode(page, 'model:\n  max_depth: 4\n');
      expect(await page.locator('.status').innerText()).toContain('YAML');
      await newPath(page, 'file', 'Dockerfile');
      await typeCode(page, 'FROM node:22\n');
      expect(await page.locator('.status').innerText()).toContain('Dockerfile');
      await tab(page, 'features.js').click();
      await screenshot(page, 'project-page');
      expect(errors).toEqual([]);
    });
  });

  it('renames a folder with its files open in tabs: the tabs follow, unsaved text too', async () => {
    await inFreshPage(chromium(), async (page) => {
      await laptop(page);
      const id = await createProject(page, siteUrl, 'renames');
      await newPath(page, 'file', 'src/a.js');
      await typeCode(page, 'export const a = 1;\n');
      await newPath(page, 'file', 'src/b.js');
      await typeCode(page, 'export const b = 2;\n');
      await expectSaved(page);
      await typeCode(page, '// not saved yet\n');

      await treeItem(page, 'src').click();
      await treeItem(page, 'src').press('F2');
      const field = page.getByLabel('Rename or move to');
      await field.fill('lib');
      await field.press('Enter');
      await treeItem(page, 'lib').waitFor();
      expect(await treeItem(page, 'src').count()).toBe(0);
      expect(await tab(page, 'a.js').getAttribute('title')).toBe('lib/a.js');
      expect(await tab(page, 'b.js').getAttribute('title')).toBe('lib/b.js');
      expect(await editor(page).innerText()).toContain('not saved yet');
      await fileEditor(page, 'lib/b.js').waitFor();
      await expectSaved(page);
      expect(await storedText(page, id, 'lib/b.js')).toContain('not saved yet');
      expect(await storedText(page, id, 'src/b.js')).toBe('<missing>');

      // A rename onto an existing name is refused with the reason, and nothing moves.
      await treeItem(page, 'lib').click();
      await treeItem(page, 'lib').press('ArrowRight');
      await treeItem(page, 'a.js').click();
      await treeItem(page, 'a.js').press('F2');
      await page.getByLabel('Rename or move to').fill('lib/b.js');
      await page.getByLabel('Rename or move to').press('Enter');
      await expect
        .poll(() => page.getByRole('alert').first().innerText())
        .toContain('lib/b.js already exists');
      expect(await storedText(page, id, 'lib/a.js')).toContain('const a');

      // A renamed file takes the language of its new name.
      await newPath(page, 'file', 'notes.txt');
      await typeCode(page, '# Notes\n');
      await treeItem(page, 'notes.txt').press('F2');
      await page.getByLabel('Rename or move to').fill('notes.md');
      await page.getByLabel('Rename or move to').press('Enter');
      await fileEditor(page, 'notes.md').waitFor();
      expect(await editor(page).getAttribute('data-language')).toBe('markdown');
      expect(await page.locator('.status').innerText()).toContain('Markdown');
    });
  });

  it('deletes a folder after a confirm that names the files lost', async () => {
    await inFreshPage(chromium(), async (page) => {
      const id = await createProject(page, siteUrl, 'deletes');
      await newPath(page, 'file', 'old/one.js');
      await newPath(page, 'file', 'old/two.js');
      await newPath(page, 'file', 'keep.md');
      let asked = '';
      page.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.dismiss();
      });
      await treeItem(page, 'old').click();
      await treeItem(page, 'old').press('Delete');
      await expect.poll(() => asked).toContain('the folder old and the 2 files in it');
      expect(asked).toContain('old/one.js');
      expect(await storedText(page, id, 'old/one.js')).toBe('');

      page.once('dialog', (dialog) => void dialog.accept());
      await treeItem(page, 'old').press('Delete');
      await expect.poll(() => treeItem(page, 'old').count()).toBe(0);
      expect(await tab(page, 'one.js').count()).toBe(0);
      expect(await storedText(page, id, 'old/one.js')).toBe('<missing>');
      expect(await storedText(page, id, 'keep.md')).toBe('');
    });
  });

  it('works from the keyboard alone: arrows move, Right/Left open and close, Enter opens', async () => {
    await inFreshPage(chromium(), async (page) => {
      await createProject(page, siteUrl, 'keyboard');
      await newPath(page, 'file', 'src/deep/x.js');
      await newPath(page, 'file', 'README.md');
      await page.reload();
      await tree(page).waitFor();
      // One item of the tree is in the Tab order (roving tabindex): the open file's, once the
      // reload has reopened its tab (until then the first item holds it).
      await expect
        .poll(() => treeItem(page, 'README.md').getAttribute('tabindex'), { timeout: 10_000 })
        .toBe('0');
      expect(await treeItem(page, 'src').getAttribute('tabindex')).toBe('-1');
      await treeItem(page, 'src').focus();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-path'));
      await page.keyboard.press('ArrowLeft');
      expect(await treeItem(page, 'src').getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowRight');
      expect(await treeItem(page, 'src').getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe('src/deep');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('src/deep/x.js');
      expect(await treeItem(page, 'x.js').getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Enter');
      await tab(page, 'x.js').waitFor();
      await page.keyboard.press('Escape');
      await treeItem(page, 'x.js').focus();
      await page.keyboard.press('ArrowLeft');
      expect(await focused()).toBe('src/deep');
      await page.keyboard.press('End');
      expect(await focused()).toBe('README.md');
      await page.keyboard.press('Enter');
      await tab(page, 'README.md').waitFor();
      // Arrow keys move between open tabs.
      await tab(page, 'README.md').focus();
      await page.keyboard.press('ArrowLeft');
      expect(await tab(page, 'x.js').getAttribute('aria-selected')).toBe('true');
    });
  });

  it('a storage quota error shows the reason, keeps the text and the tab unsaved', async () => {
    await inFreshPage(chromium(), async (page) => {
      await laptop(page);
      const id = await createProject(page, siteUrl, 'quota');
      await newPath(page, 'file', 'train.js');
      await typeCode(page, 'export const saved = 1;\n');
      await expectSaved(page);
      // The browser refuses every write from now on, as a full disk does.
      await page.evaluate(() => {
        const original = IDBObjectStore.prototype.put;
        (window as unknown as { restorePut: () => void }).restorePut = () => {
          IDBObjectStore.prototype.put = original;
        };
        IDBObjectStore.prototype.put = function () {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      });
      await typeCode(page, 'export const precious = 2;\n');
      await page.keyboard.press('ControlOrMeta+s');
      const alert = page.getByRole('alert').filter({ hasText: 'train.js was not saved' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain('Your browser storage is full');
      expect(await alert.innerText()).toContain('still in the editor');
      expect(await editor(page).innerText()).toContain('precious');
      expect(await tab(page, 'train.js').innerText()).toContain('!');
      expect(await page.locator('.status').innerText()).toContain('Not saved');
      expect(await storedText(page, id, 'train.js')).not.toContain('precious');
      await screenshot(page, 'project-page-quota');

      await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
      await page.keyboard.press('ControlOrMeta+s');
      await expectSaved(page);
      expect(await storedText(page, id, 'train.js')).toContain('precious');
      expect(await alert.count()).toBe(0);
    });
  });

  it('a link to file:line:column opens the file with the cursor there, as the panels jump', async () => {
    await inFreshPage(chromium(), async (page) => {
      const id = await createProject(page, siteUrl, 'links');
      await newPath(page, 'file', 'src/a.js');
      await typeCode(page, 'line one\nline two\nline three\n');
      await expectSaved(page);
      await newPath(page, 'file', 'b.js');
      // Same page (a hash change, as a panel's openFile would do) …
      await page.goto(`${siteUrl}#/project/${id}/src/a.js:3:6`);
      await expect
        .poll(() => page.locator('.cm-focused .cm-activeLine').innerText())
        .toBe('line three');
      await page.keyboard.insertText('X');
      expect(await editor(page).innerText()).toContain('line Xthree');
      // … and a fresh load of the link.
      await page.goto(`${siteUrl}#/project/${id}/src/a.js:1:1`);
      await page.reload();
      await expect
        .poll(() => page.locator('.cm-focused .cm-activeLine').innerText())
        .toBe('line one');
    });
  });

  it('the Problems panel lints the project and a problem opens its file at its line', async () => {
    await inFreshPage(chromium(), async (page) => {
      await laptop(page);
      await createProject(page, siteUrl, 'problems');
      await newPath(page, 'file', 'src/a.js');
      await typeCode(page, 'export const a = 1;\nexport const b = missing + 1;\n');
      await expectSaved(page);
      await newPath(page, 'file', 'b.js');
      await page.getByRole('button', { name: 'Lint project' }).click();
      const problem = page.getByRole('button', {
        name: /at src\/a\.js line 2 column \d+: .*missing/,
      });
      await problem.waitFor({ timeout: 30_000 });
      await screenshot(page, 'project-page-problems');
      await problem.click();
      expect(await tab(page, 'a.js').getAttribute('aria-selected')).toBe('true');
      await expect
        .poll(() => page.locator('.cm-focused .cm-activeLine').innerText())
        .toContain('missing + 1');
    });
  });

  it('lists projects newest change first, renames one and deletes one after a confirm', async () => {
    await inFreshPage(chromium(), async (page) => {
      await createProject(page, siteUrl, 'first');
      await createProject(page, siteUrl, 'second');
      await newPath(page, 'file', 'a.js');
      await page.goto(`${siteUrl}#/projects`);
      const list = page.getByRole('list', { name: 'Your projects' });
      await expect.poll(() => list.getByRole('link').allInnerTexts()).toEqual(['second', 'first']);

      await page.getByRole('button', { name: 'Rename first' }).click();
      await page.getByLabel('New name for first').fill('bad name!');
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByRole('alert').filter({ hasText: 'not a valid project name' }).waitFor();
      await page.getByLabel('New name for first').fill('renamed');
      await page.getByRole('button', { name: 'Save name' }).click();
      await list.getByRole('link', { name: 'renamed' }).waitFor();

      let asked = '';
      page.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.accept();
      });
      await page.getByRole('button', { name: 'Delete second' }).click();
      await expect.poll(() => list.getByRole('link').allInnerTexts()).toEqual(['renamed']);
      expect(asked).toContain('"second" with its 1 file');
      await screenshot(page, 'projects-list');
    });
  });

  it('imports a zip as a project, reporting the entry it skipped, and downloads its files', async () => {
    await inFreshPage(chromium(), async (page) => {
      await page.goto(`${siteUrl}#/projects`);
      const zip = zipSync({
        'taxi-main/src/features.js': strToU8('export const km = (m) => m / 1000;\n'),
        'taxi-main/README.md': strToU8('# Taxi\n'),
        'taxi-main/../escape.js': strToU8('alert(1)'),
      });
      await page.getByLabel('Import project (.zip)').setInputFiles({
        name: 'taxi-main.zip',
        mimeType: 'application/zip',
        buffer: Buffer.from(zip),
      });
      const report = page.getByRole('region', { name: 'Import report' });
      await expect
        .poll(() => report.innerText())
        .toContain('Imported taxi-main: 2 files, 1 skipped');
      expect(await report.innerText()).toContain('escape.js');
      await report.getByRole('link', { name: 'taxi-main' }).click();
      await treeItem(page, 'src').waitFor();

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download files (.zip)' }).click();
      const file = await (await download).path();
      const names = Object.keys(unzipSync(new Uint8Array(readFileSync(file)))).sort();
      expect(names).toEqual(['README.md', 'src/features.js']);
    });
  });
});
