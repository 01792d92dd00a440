import { createServer, type ViteDevServer } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';
import { createProject, editor, seedProject, storedText, tab } from './project-page';

// The log graph's draw time is measured on a harness page served by Vite's dev server, with
// 1,000 commits and nothing else on the page; the panel itself is tested on the built site.
let server: ViteDevServer;
let url: string;
const browser = useChromium();

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    plugins: [svelte()],
    server: { port: 0, host: '127.0.0.1' },
    worker: { format: 'es' },
    optimizeDeps: { entries: ['tests/browser/harness/*.html'] },
  });
  await server.listen();
  const address = server.httpServer!.address() as { port: number };
  url = `http://127.0.0.1:${address.port}/tests/browser/harness/log-graph.html`;
}, 120_000);
afterAll(async () => server?.close());

const siteUrl = inject('siteUrl');

// Files are written straight into the database, as the editor or a cell would write them.
const put = (page: Page, projectId: string, path: string, text: string) =>
  seedProject(page, { id: projectId, name: 'demo' }, { [path]: text });

async function commitAll(page: Page, message: string) {
  await page.getByRole('button', { name: 'Refresh' }).click();
  const stageAll = page.getByRole('button', { name: 'Stage all' });
  if (await stageAll.count()) await stageAll.click();
  else
    await page
      .getByRole('button', { name: /^Stage / })
      .first()
      .click();
  await page.getByLabel('Commit message').fill(message);
  await page.getByRole('button', { name: /^Commit/ }).click();
  await page.getByRole('status').filter({ hasText: 'Committed' }).waitFor();
}

describe('Git panel on the Project page, in Chromium', () => {
  it(
    'init, commit with the author, a conflicting merge resolved in the file, the graph drawn',
    { timeout: 120_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        const errors = collectPageErrors(page);
        await page.setViewportSize({ width: 1366, height: 900 });
        const id = await createProject(page, siteUrl, 'demo');
        await put(page, id, 'train.py', 'lr = 0.1\n');
        await page.getByRole('tab', { name: 'Git' }).click();
        await page.evaluate(() => {
          const longTasks: number[] = [];
          Object.assign(globalThis, { longTasks });
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longTasks.push(entry.duration);
          }).observe({ type: 'longtask' });
        });
        await page.getByRole('button', { name: 'Create repository' }).click();
        await page.getByText('Repository created on branch main.').waitFor();

        // No author yet: the commit is refused with the fix, nothing is recorded.
        await page.getByRole('button', { name: 'Stage train.py' }).click();
        await page.getByLabel('Commit message').fill('feat: start');
        await page.getByRole('button', { name: /^Commit/ }).click();
        await expect
          .poll(() => page.getByRole('alert').first().textContent())
          .toContain('Settings → Git author');
        await page.locator('summary', { hasText: 'Git author' }).click();
        await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
        await page.getByLabel('Email').fill('ada@example.org');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Git author saved.').waitFor();
        await page.getByLabel('Commit message').fill('started it');
        await expect
          .poll(() => page.locator('#git-warnings').textContent())
          .toContain('type(scope): subject');
        await page.getByLabel('Commit message').fill('feat: start');
        await page.getByRole('button', { name: /^Commit/ }).click();
        await page.getByRole('status').filter({ hasText: 'Committed' }).waitFor();

        await page.getByLabel('New branch').fill('tune');
        await page.getByRole('button', { name: 'Create', exact: true }).click();
        await page.getByText('Branch tune created.').waitFor();
        await page.getByRole('combobox', { name: 'Switch branch' }).selectOption('tune');
        await page.getByText('Switched to tune.').waitFor();
        await put(page, id, 'train.py', 'lr = 0.01\n');
        await commitAll(page, 'perf: smaller lr');
        await page.getByRole('combobox', { name: 'Switch branch' }).selectOption('main');
        await page.getByText('Switched to main.').waitFor();
        expect(await storedText(page, id, 'train.py')).toBe('lr = 0.1\n');
        await put(page, id, 'train.py', 'lr = 0.5\n');
        await commitAll(page, 'perf: bigger lr');

        await page.getByRole('combobox', { name: /^Merge/ }).selectOption('tune');
        await page.getByRole('button', { name: 'Merge', exact: true }).click();
        const banner = page.getByTestId('conflict-banner');
        await banner.waitFor();
        expect(await banner.textContent()).toContain('merging tune into main: 1 conflict');
        const marked = await storedText(page, id, 'train.py');
        expect(marked).toContain('lr = 0.5');
        expect(marked).toContain('lr = 0.01');
        // The banner opens the conflicted file in the editor, both sides between the markers.
        await banner.getByRole('button', { name: 'train.py' }).click();
        await tab(page, 'train.py').waitFor();
        await expect.poll(() => editor(page).innerText()).toContain('>>>>>>> tune');
        await screenshot(page, 'git-panel-conflict');
        // From here only Git works (the editor above was built once, as opening any file does).
        await page.evaluate(() => {
          (globalThis as unknown as { longTasks: number[] }).longTasks.length = 0;
        });

        await put(page, id, 'train.py', 'lr = 0.05\n');
        await commitAll(page, "Merge branch 'tune' into main");
        await expect.poll(() => banner.count()).toBe(0);
        // The open editor follows what Git and the file write left on disk.
        await expect.poll(() => editor(page).innerText()).toContain('lr = 0.05');
        const graph = page.getByRole('region', { name: 'History as a branch graph' });
        await expect.poll(() => graph.locator('li').count()).toBe(4);
        expect(await graph.locator('svg circle').count()).toBe(4);
        expect(await graph.locator('svg path').count()).toBeGreaterThanOrEqual(4);
        await page.getByRole('button', { name: /^Revert .*smaller lr/ }).waitFor();
        await page.getByRole('combobox', { name: /^Delete/ }).selectOption('tune');
        await page.getByRole('button', { name: 'Delete branch' }).click();
        await page.getByText('Branch tune deleted.').waitFor();
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: /Download repository/ }).click();
        expect((await download).suggestedFilename()).toMatch(/-repository\.zip$/);
        // Git ran in the worker: committing the merge, drawing the graph, deleting a branch and zipping
        // the repository left no task over 50 ms on the page's thread.
        const longTasks = await page.evaluate(
          () => (globalThis as unknown as { longTasks: number[] }).longTasks,
        );
        expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
        await screenshot(page, 'git-panel-merged');
        expect(errors).toEqual([]);
      });
    },
  );

  it('draws the log graph of 1,000 commits in at most 200 ms', { timeout: 60_000 }, async () => {
    await inFreshPage(browser(), async (page) => {
      const errors = collectPageErrors(page);
      await page.goto(url);
      await page.waitForSelector('body[data-draw-ms]', { state: 'attached', timeout: 30_000 });
      const ms = Number(await page.getAttribute('body', 'data-draw-ms'));
      console.log(
        `log graph of 1,000 commits: layout, render, style and layout ${ms.toFixed(0)} ms`,
      );
      expect(await page.getAttribute('body', 'data-rows')).toBe('1000');
      // Only the rows in view are in the page; scrolling to the end draws the first commit.
      expect(await page.locator('svg circle').count()).toBeLessThan(100);
      await page
        .getByRole('region', { name: 'History as a branch graph' })
        .evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect.poll(() => page.getByText('feat: change 0', { exact: true }).count()).toBe(1);
      expect(ms).toBeLessThanOrEqual(200);
      expect(errors).toEqual([]);
    });
  });
});
