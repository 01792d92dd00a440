import { describe, expect, inject } from 'vitest';
import { inFreshPage, newContext, screenshot, useChromium } from '../../browser/chromium';
import { FIRST_LESSON, cells, openLesson, setCode } from '../../browser/notebook-page';
import { hostile } from '../hostile';
import { declareSize, workspaceZip } from '../workspace-zips';

const browser = useChromium();
const editorText = (page: import('playwright-core').Page, n = 0) =>
  cells(page).nth(n).locator('.cm-content').innerText();

describe('the workspace in two tabs', () => {
  hostile(
    'workspace-file',
    'the same lesson edited in two tabs, one after the other',
    { guards: 'data', timeout: 90_000 },
    async () => {
      const context = await newContext(browser());
      const [a, b] = [await context.newPage(), await context.newPage()];
      try {
        const site = inject('siteUrl');
        await openLesson(a, site, FIRST_LESSON);
        await openLesson(b, site, FIRST_LESSON);

        await setCode(cells(a).nth(0), '// edited in tab A\n1');
        // The edit saved in A reaches B's open editor.
        await expect.poll(() => editorText(b), { timeout: 10_000 }).toContain('edited in tab A');

        await setCode(cells(b).nth(0), '// edited in tab B\n2');
        await expect.poll(() => editorText(a), { timeout: 10_000 }).toContain('edited in tab B');
        await screenshot(a, 'workspace-two-tabs');

        // Neither tab's older text comes back over the newer one on reload.
        await openLesson(a, site, FIRST_LESSON);
        await expect.poll(() => editorText(a)).toContain('edited in tab B');
      } finally {
        await context.close();
      }
    },
  );

  hostile(
    'workspace-file',
    'a tab that saves over an edit it has not heard of',
    { guards: 'data', timeout: 90_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        const site = inject('siteUrl');
        await openLesson(page, site, FIRST_LESSON);
        await setCode(cells(page).nth(0), '// first edit here\n1');
        await page.waitForTimeout(500);
        // Another writer (raw IndexedDB, so no tab hears it) stores a newer version of the cell.
        await page.evaluate(
          () =>
            new Promise<void>((resolve, reject) => {
              const open = indexedDB.open('mlops-labbook');
              open.onsuccess = () => {
                const tx = open.result.transaction('cells', 'readwrite');
                const store = tx.objectStore('cells');
                const all = store.getAll();
                all.onsuccess = () => {
                  const row = (all.result as { source: string; updatedAt: number }[]).find((r) =>
                    r.source.includes('first edit here'),
                  )!;
                  store.put({
                    ...row,
                    source: '// saved elsewhere\n3',
                    updatedAt: row.updatedAt + 1,
                  });
                };
                tx.oncomplete = () => (open.result.close(), resolve());
                tx.onerror = () => reject(tx.error);
              };
              open.onerror = () => reject(open.error);
            }),
        );
        await setCode(cells(page).nth(0), '// second edit here\n2');
        await page.waitForTimeout(500);

        await openLesson(page, site, FIRST_LESSON);
        await expect.poll(() => editorText(page)).toContain('second edit here');
        // The version it had not heard of is kept, in a scratch cell right below.
        await expect.poll(() => editorText(page, 1)).toContain('saved elsewhere');
        await screenshot(page, 'workspace-conflict-copy');
      });
    },
  );
});

describe('workspace files on the Workspace page', () => {
  hostile(
    'workspace-file',
    'a zip bomb chosen for import',
    { guards: 'availability', timeout: 90_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        await page.goto(`${inject('siteUrl')}#/workspace`);
        const bomb = workspaceZip({}, { 'tables/cells.json': new Uint8Array(40 * 1024 ** 2) });
        await page.getByLabel('Workspace file').setInputFiles({
          name: 'workspace.zip',
          mimeType: 'application/zip',
          buffer: Buffer.from(declareSize(bomb, 'tables/cells.json', 1000)),
        });
        const inspection = page.getByTestId('inspection');
        await inspection.filter({ hasText: 'cannot be imported' }).waitFor();
        expect(await inspection.innerText()).toMatch(
          /"tables\/cells\.json" declares 1\.0 KB but expands to more/,
        );
        // Checked in the worker: the page kept answering.
        expect(await page.evaluate(() => 1 + 1)).toBe(2);
      });
    },
  );
});
