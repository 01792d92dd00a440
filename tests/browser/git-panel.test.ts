import { createServer, type ViteDevServer } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';

// The panel is not routed yet (the Project page mounts it), so it is served alone by Vite's dev
// server from a harness page, with the real worker and IndexedDB.
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
  url = `http://127.0.0.1:${address.port}/tests/browser/harness/git-panel.html`;
}, 120_000);
afterAll(async () => server?.close());

type Harness = {
  put(path: string, text: string): Promise<void>;
  read(path: string): Promise<string | undefined>;
  opened: string[];
};
const put = (page: Page, path: string, text: string) =>
  page.evaluate(
    ([p, t]) => (globalThis as unknown as { harness: Harness }).harness.put(p!, t!),
    [path, text],
  );
const read = (page: Page, path: string) =>
  page.evaluate((p) => (globalThis as unknown as { harness: Harness }).harness.read(p), path);

async function commitAll(page: Page, message: string) {
  await page
    .getByRole('button', { name: 'Refresh' })
    .click()
    .catch(() => undefined);
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

describe('Git panel in Chromium', () => {
  it(
    'init, commit with the author, a conflicting merge resolved in the file, the graph drawn',
    { timeout: 120_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        const errors = collectPageErrors(page);
        await page.goto(url);
        await page.waitForSelector('body[data-ready="yes"]', { timeout: 60_000 });
        await put(page, 'train.py', 'lr = 0.1\n');
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
        await page.getByLabel('Name').fill('Ada Lovelace');
        await page.getByLabel('Email').fill('ada@example.org');
        await page.getByRole('button', { name: 'Save' }).click();
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
        await put(page, 'train.py', 'lr = 0.01\n');
        await commitAll(page, 'perf: smaller lr');
        await page.getByRole('combobox', { name: 'Switch branch' }).selectOption('main');
        await page.getByText('Switched to main.').waitFor();
        expect(await read(page, 'train.py')).toBe('lr = 0.1\n');
        await put(page, 'train.py', 'lr = 0.5\n');
        await commitAll(page, 'perf: bigger lr');

        await page.getByRole('combobox', { name: /^Merge/ }).selectOption('tune');
        await page.getByRole('button', { name: 'Merge', exact: true }).click();
        const banner = page.getByTestId('conflict-banner');
        await banner.waitFor();
        expect(await banner.textContent()).toContain('merging tune into main: 1 conflict');
        const marked = (await read(page, 'train.py'))!;
        expect(marked).toContain('lr = 0.5');
        expect(marked).toContain('lr = 0.01');
        await banner.getByRole('button', { name: 'train.py' }).click();
        expect(
          await page.evaluate(() => (globalThis as unknown as { harness: Harness }).harness.opened),
        ).toEqual(['train.py:']);
        await screenshot(page, 'git-panel-conflict');

        await put(page, 'train.py', 'lr = 0.05\n');
        await commitAll(page, "Merge branch 'tune' into main");
        await expect.poll(() => banner.count()).toBe(0);
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
        expect((await download).suggestedFilename()).toBe('demo-repository.zip');
        // Git ran in the worker: no task on the page's thread took over 50 ms once it was loaded.
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
      await page.goto(url.replace('git-panel.html', 'log-graph.html'));
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
