import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Page-object helpers for the Projects and Project pages, by role and label as a student sees them. */

/** Creates a project through the Projects page and waits for its page to open. */
export async function createProject(page: Page, siteUrl: string, name: string): Promise<string> {
  await page.goto(`${siteUrl}#/projects`);
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/#\/project\/p-/);
  await tree(page).waitFor();
  return new URL(page.url()).hash.replace('#/project/', '');
}

export function tree(page: Page): Locator {
  return page.getByRole('tree', { name: 'Project files' });
}

export function treeItem(page: Page, name: string): Locator {
  return tree(page).getByRole('treeitem', { name, exact: true });
}

/** New file / New folder through the toolbar's path field. */
export async function newPath(page: Page, kind: 'file' | 'folder', path: string): Promise<void> {
  await page.getByRole('button', { name: kind === 'file' ? 'New file' : 'New folder' }).click();
  const field = page.getByLabel(kind === 'file' ? 'New file path' : 'New folder path');
  await field.fill(path);
  await field.press('Enter');
  // A new file opens in its tab: wait for its editor, not the one it replaces.
  if (kind === 'file') await fileEditor(page, path).waitFor();
}

export function fileEditor(page: Page, path: string): Locator {
  return page.locator('#editor-panel .cm-content').and(page.getByLabel(`Code of ${path}`));
}

export function editor(page: Page): Locator {
  return page.locator('#editor-panel .editor:not([hidden]) .cm-content');
}

/** Types at the end of the visible editor, as one input (no auto-closed brackets). */
export async function typeCode(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(text);
}

export function tab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Open files' }).getByRole('tab', { name });
}

export async function expectSaved(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.status').innerText(), { timeout: 10_000 })
    .toMatch(/Saved$/);
}

/**
 * Writes project rows straight into the database (as an import or another tab would), for
 * projects too big or too odd to build through the UI. The page must have opened the database.
 */
export async function seedProject(
  page: Page,
  project: { id: string; name: string },
  files: Record<string, string>,
): Promise<void> {
  await page.evaluate(
    async ({ project, files }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mlops-labbook');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const encoder = new TextEncoder();
      const now = Date.now();
      const tx = db.transaction(['projects', 'projectFiles'], 'readwrite');
      tx.objectStore('projects').put({ ...project, createdAt: now, updatedAt: now });
      const folders = new Set<string>();
      for (const [path, text] of Object.entries(files)) {
        const parts = path.split('/');
        for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
        tx.objectStore('projectFiles').put({
          projectId: project.id,
          path,
          kind: 'file',
          bytes: encoder.encode(text),
          mode: 0o100644,
          mtimeMs: now,
        });
      }
      for (const path of folders)
        tx.objectStore('projectFiles').put({
          projectId: project.id,
          path,
          kind: 'dir',
          mode: 0o40000,
          mtimeMs: now,
        });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { project, files },
  );
}

/** The stored text of a project file, read straight from the database. */
export async function storedText(page: Page, projectId: string, path: string): Promise<string> {
  return page.evaluate(
    async ({ projectId, path }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mlops-labbook');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const row = await new Promise<{ bytes?: Uint8Array } | undefined>((resolve, reject) => {
        const request = db
          .transaction('projectFiles')
          .objectStore('projectFiles')
          .get([projectId, path]);
        request.onsuccess = () => resolve(request.result as { bytes?: Uint8Array } | undefined);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return row?.bytes ? new TextDecoder().decode(row.bytes) : '<missing>';
    },
    { projectId, path },
  );
}
